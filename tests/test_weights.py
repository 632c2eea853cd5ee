"""Weights files: exact round trips under PyTorch's names, and one clear line for every bad file."""

import os
import zipfile
from pathlib import Path

import numpy as np
import pytest

from rnn_tui.engine import InputError, Model, Params, Vocabulary, weights
from rnn_tui.engine.models import load_model

PYTORCH_KEYS = {"rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                "out.weight", "out.bias"}


def small_model(name="small", trained_for="many-to-one") -> Model:
    vocab = Vocabulary(("héllo", "wörld", "日本語", "<unk>"))
    return Model(Params.init(4, 3, 2, seed=11), vocab, ("negative", "positive"), name=name,
                 trained_for=trained_for)


def good_arrays() -> dict[str, np.ndarray]:
    """What a correct file holds: V=4, H=3, O=2."""
    p = small_model().params
    return {
        "rnn.weight_ih_l0": p.W_ih, "rnn.weight_hh_l0": p.W_hh, "rnn.bias_ih_l0": p.b_ih,
        "rnn.bias_hh_l0": p.b_hh, "out.weight": p.W_out, "out.bias": p.b_out,
        "vocab": np.array(["héllo", "wörld", "日本語", "<unk>"]), "labels": np.array(["negative", "positive"]),
    }


def write_npz(path: Path, arrays: dict, **extra) -> Path:
    np.savez(path, **{**arrays, **extra})
    return path


def load_error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        weights.load(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:"), message
    return message


# --- round trip ---------------------------------------------------------------------------

def test_save_then_load_round_trips_exactly(tmp_path):
    model = small_model()
    path = weights.save(model, tmp_path / "m.npz")
    assert path == tmp_path / "m.npz"
    loaded = weights.load(path)
    assert loaded.vocab.tokens == model.vocab.tokens
    assert loaded.labels == model.labels
    assert (loaded.name, loaded.trained_for) == ("small", "many-to-one")
    for name, a, b in zip(model.params.names(), model.params.arrays(), loaded.params.arrays(), strict=True):
        assert b.dtype == np.float64, name
        np.testing.assert_array_equal(a, b, err_msg=name)


def test_shipped_model_round_trips(tmp_path):
    model = load_model("lecture-next-word")
    loaded = weights.load(weights.save(model, tmp_path / "copy.npz"))
    assert loaded.vocab.tokens == model.vocab.tokens and loaded.labels == model.labels
    for a, b in zip(model.params.arrays(), loaded.params.arrays(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_saved_file_uses_pytorch_names(tmp_path):
    path = weights.save(small_model(), tmp_path / "m.npz")
    with np.load(path, allow_pickle=False) as npz:
        # the six state_dict names, the vocabulary and labels, and a small JSON "meta" (name, trained_for)
        assert set(npz.files) == PYTORCH_KEYS | {"vocab", "labels", "meta"}
        assert npz["rnn.weight_ih_l0"].shape == (3, 4)   # (H, V), as nn.RNN stores it
        assert npz["rnn.weight_hh_l0"].shape == (3, 3)
        assert npz["rnn.bias_ih_l0"].shape == (3,)
        assert npz["rnn.bias_hh_l0"].shape == (3,)
        assert npz["out.weight"].shape == (2, 3)         # (O, H), as nn.Linear stores it
        assert npz["out.bias"].shape == (2,)
        assert list(npz["vocab"]) == ["héllo", "wörld", "日本語", "<unk>"]
        assert list(npz["labels"]) == ["negative", "positive"]
        assert npz["vocab"].dtype.kind == "U"


def test_file_without_labels_or_meta_gets_numbered_labels(tmp_path):
    arrays = good_arrays()
    del arrays["labels"]
    model = weights.load(write_npz(tmp_path / "bare.npz", arrays))
    assert model.labels == ("0", "1")
    assert model.name == "bare"
    assert model.trained_for is None


def test_integer_weights_are_read_as_float64(tmp_path):
    arrays = {k: (np.round(v * 10).astype(np.int32) if v.dtype.kind == "f" else v)
              for k, v in good_arrays().items()}
    model = weights.load(write_npz(tmp_path / "int.npz", arrays))
    assert model.params.W_ih.dtype == np.float64
    np.testing.assert_array_equal(model.params.W_ih, arrays["rnn.weight_ih_l0"])


def test_meta_that_is_not_an_object_is_ignored(tmp_path):
    model = weights.load(write_npz(tmp_path / "odd.npz", good_arrays(), meta=np.array("[1, 2]")))
    assert model.name == "odd"
    model = weights.load(write_npz(tmp_path / "odd2.npz", good_arrays(), meta=np.array("{not json")))
    assert model.name == "odd2"


# --- overwriting and atomic writes ----------------------------------------------------------

def test_refuses_to_overwrite_unless_asked(tmp_path):
    path = tmp_path / "m.npz"
    weights.save(small_model(name="first"), path)
    before = path.read_bytes()
    with pytest.raises(InputError, match="already exists"):
        weights.save(small_model(name="second"), path)
    assert path.read_bytes() == before
    weights.save(small_model(name="second"), path, overwrite=True)
    assert weights.load(path).name == "second"


def test_refuses_a_folder(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        weights.save(small_model(), tmp_path, overwrite=True)


def test_save_leaves_no_temporary_files(tmp_path):
    weights.save(small_model(), tmp_path / "a.npz")
    weights.save(small_model(), tmp_path / "a.npz", overwrite=True)
    assert sorted(os.listdir(tmp_path)) == ["a.npz"]
    assert (tmp_path / "a.npz").stat().st_mode & 0o777 == 0o644


def test_failed_write_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = weights.save(small_model(name="old"), tmp_path / "m.npz")
    before = path.read_bytes()

    def broken_savez(f, **arrays):
        f.write(b"PK half a file")
        raise OSError("disk full")

    monkeypatch.setattr(weights.np, "savez", broken_savez)
    with pytest.raises(OSError, match="disk full"):
        weights.save(small_model(name="new"), path, overwrite=True)
    assert sorted(os.listdir(tmp_path)) == ["m.npz"]
    assert path.read_bytes() == before


# --- bad files: InputError, one line, naming the file -----------------------------------------

@pytest.mark.parametrize("key", sorted(PYTORCH_KEYS) + ["vocab"])
def test_missing_key(tmp_path, key):
    arrays = good_arrays()
    del arrays[key]
    assert f"missing key {key!r}" in load_error(write_npz(tmp_path / "m.npz", arrays))


@pytest.mark.parametrize("key, bad, found, expected", [
    ("rnn.weight_ih_l0", np.zeros((3, 5)), "(3, 5)", "(3, 4)"),
    ("rnn.weight_ih_l0", np.zeros((4, 3)), "(4, 3)", "(3, 4)"),  # transposed
    ("rnn.bias_ih_l0", np.zeros(4), "(4,)", "(3,)"),
    ("rnn.bias_hh_l0", np.zeros((3, 1)), "(3, 1)", "(3,)"),
    ("out.weight", np.zeros((2, 4)), "(2, 4)", "(2, 3)"),
    ("out.bias", np.zeros(3), "(3,)", "(2,)"),
])
def test_wrong_shape_names_key_found_and_expected(tmp_path, key, bad, found, expected):
    arrays = {**good_arrays(), key: bad}
    message = load_error(write_npz(tmp_path / "m.npz", arrays))
    assert f"key {key!r} has shape {found}; expected {expected}" in message


def test_vocab_length_that_does_not_match_w_ih(tmp_path):
    arrays = {**good_arrays(), "vocab": np.array(["a", "b", "c", "d", "e"])}
    message = load_error(write_npz(tmp_path / "m.npz", arrays))
    assert "'rnn.weight_ih_l0' has shape (3, 4); expected (3, 5)" in message
    assert "V=5" in message


def test_labels_that_do_not_match_out_weight(tmp_path):
    arrays = {**good_arrays(), "labels": np.array(["a", "b", "c"])}
    assert "'labels' has 3 entries; expected 2" in load_error(write_npz(tmp_path / "m.npz", arrays))


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_nan_or_infinite_weights(tmp_path, value):
    w = good_arrays()["rnn.weight_hh_l0"].copy()
    w[1, 2] = value
    message = load_error(write_npz(tmp_path / "m.npz", good_arrays(), **{"rnn.weight_hh_l0": w}))
    assert "'rnn.weight_hh_l0' holds NaN or infinite values" in message


def test_object_array_is_never_unpickled(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, **{**good_arrays(), "vocab": np.array(["a", {"b": 1}, "c", "d"], dtype=object)})
    message = load_error(path)
    assert "'vocab'" in message and "pickle" in message


def test_repeated_vocab_word(tmp_path):
    arrays = {**good_arrays(), "vocab": np.array(["a", "b", "a", "<unk>"])}
    assert "repeats a word" in load_error(write_npz(tmp_path / "m.npz", arrays))


def test_vocab_that_is_not_strings(tmp_path):
    arrays = {**good_arrays(), "vocab": np.arange(4)}
    assert "1-D array of strings" in load_error(write_npz(tmp_path / "m.npz", arrays))


def test_weights_that_are_not_numbers(tmp_path):
    arrays = {**good_arrays(), "out.bias": np.array(["x", "y"])}
    assert "'out.bias' has dtype" in load_error(write_npz(tmp_path / "m.npz", arrays))


def test_zip_that_is_not_an_npz(tmp_path):
    path = tmp_path / "m.npz"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "missing key 'rnn.weight_ih_l0'" in load_error(path)


def test_extra_members_in_an_npz_are_ignored(tmp_path):
    path = weights.save(small_model(), tmp_path / "m.npz")
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("README.txt", "exported from my notebook")
    assert weights.load(path).vocab.tokens == small_model().vocab.tokens


def test_zip_with_a_member_that_is_not_an_array(tmp_path):
    path = weights.save(small_model(), tmp_path / "good.npz")
    bad = tmp_path / "m.npz"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bad, "w") as z:
        for name in src.namelist():
            z.writestr(name, b"not an array" if name == "vocab.npy" else src.read(name))
    assert "'vocab' is not a NumPy array" in load_error(bad)


def test_damaged_array_is_not_blamed_on_pickle(tmp_path):
    path = weights.save(small_model(), tmp_path / "good.npz")
    bad = tmp_path / "m.npz"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bad, "w") as z:
        for name in src.namelist():
            z.writestr(name, b"\x93NUMPY\x01\x00garbage" if name == "out.bias.npy" else src.read(name))
    message = load_error(bad)
    assert "not a readable .npz" in message
    assert "pickle" not in message


def test_truncated_npz(tmp_path):
    data = weights.save(small_model(), tmp_path / "good.npz").read_bytes()
    bad = tmp_path / "m.npz"
    bad.write_bytes(data[: len(data) // 2])
    assert "not a readable .npz" in load_error(bad)


def test_text_file_renamed_npz(tmp_path):
    path = tmp_path / "m.npz"
    path.write_text("rnn.weight_ih_l0 = [[1, 2]]\n")
    assert "not a readable .npz" in load_error(path)


def test_empty_file(tmp_path):
    path = tmp_path / "m.npz"
    path.write_bytes(b"")
    assert "not a readable .npz" in load_error(path)


def test_single_npy_array_renamed_npz(tmp_path):
    np.save(tmp_path / "arr.npy", np.zeros((3, 4)))
    path = tmp_path / "m.npz"
    (tmp_path / "arr.npy").rename(path)
    assert ".npy" in load_error(path)


def test_missing_file(tmp_path):
    assert "no such file" in load_error(tmp_path / "nope.npz")


def test_folder(tmp_path):
    folder = tmp_path / "dir.npz"
    folder.mkdir()
    assert "folder" in load_error(folder)


def _compressed(tmp_path: Path) -> tuple[bytes, zipfile.ZipInfo]:
    path = tmp_path / "c.npz"
    np.savez_compressed(path, **good_arrays())
    with zipfile.ZipFile(path) as z:
        info = z.infolist()[0]
    return path.read_bytes(), info


def test_compressed_npz_loads(tmp_path):
    data, _ = _compressed(tmp_path)
    assert weights.load(tmp_path / "c.npz").labels == ("negative", "positive")


def test_corrupt_compressed_data(tmp_path):
    data, info = _compressed(tmp_path)
    data = bytearray(data)
    off = info.header_offset
    name_len = int.from_bytes(data[off + 26:off + 28], "little")
    extra_len = int.from_bytes(data[off + 28:off + 30], "little")
    data[off + 30 + name_len + extra_len] = 0b111  # a deflate block of type 3, which does not exist
    bad = tmp_path / "m.npz"
    bad.write_bytes(bytes(data))
    assert "not a readable .npz" in load_error(bad)


def _patch_central_directory(data: bytes, at: int, value: bytes) -> bytes:
    """Set bytes at offset `at` of every central directory entry."""
    out = bytearray(data)
    start = 0
    while (i := out.find(b"PK\x01\x02", start)) >= 0:
        out[i + at:i + at + len(value)] = value
        start = i + 4
    return bytes(out)


def test_zip_needing_a_newer_zip_version(tmp_path):
    data = weights.save(small_model(), tmp_path / "good.npz").read_bytes()
    bad = tmp_path / "m.npz"
    bad.write_bytes(_patch_central_directory(data, 6, (90).to_bytes(2, "little")))  # "version needed": 9.0
    assert "not a readable .npz" in load_error(bad)


def test_encrypted_zip(tmp_path):
    data = weights.save(small_model(), tmp_path / "good.npz").read_bytes()
    bad = tmp_path / "m.npz"
    bad.write_bytes(_patch_central_directory(data, 8, b"\x01"))  # general purpose flag bit 0: encrypted
    assert "not a readable .npz" in load_error(bad)
