"""Crafted and careless files: each is refused with one line, at once, without reading more than
the limits allow (a zip bomb, ten thousand members, a forged .npy header, nested meta, a device
or a FIFO as a corpus), and small mistakes are named instead of guessed around."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile

import numpy as np
import pytest
from numpy.lib import format as npy
from test_weights import good_arrays, load_error, write_npz

from rnn_tui.engine import InputError, Model, Params, Vocabulary, npz_guard, run, topology_by_name, weights
from rnn_tui.engine.corpus import load_corpus
from rnn_tui.report import trace_json
from rnn_tui.ui.render.bars import fmt


def one_line(message: str, *fragments: str) -> None:
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message


def npz_with(path, members: dict[str, bytes], compress=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression=compress) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def npy_bytes(a: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, a)
    return out.getvalue()


def test_a_member_that_inflates_past_the_total_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(npz_guard, "MAX_TOTAL_BYTES", 2**20)  # the same rule as 256 MB, at test size
    path = npz_with(tmp_path / "bomb.npz", {**{f"{k}.npy": npy_bytes(v) for k, v in good_arrays().items()},
                                             "pad.npy": npy_bytes(np.zeros(2**18))}, zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 20_000
    one_line(load_error(path), "bomb.npz", "inflate to more than 1 MB", "pad.npy")


def test_thousands_of_members_are_refused(tmp_path):
    path = npz_with(tmp_path / "many.npz", {f"m{i}.npy": npy_bytes(np.zeros(1)) for i in range(1000)})
    one_line(load_error(path), "many.npz", "1,000 members", f"at most {npz_guard.MAX_MEMBERS}")


def test_a_header_claiming_a_trillion_numbers_is_refused(tmp_path):
    header = io.BytesIO()
    npy.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False, "shape": (10**12,)})
    arrays = {f"{k}.npy": npy_bytes(v) for k, v in good_arrays().items()}
    path = npz_with(tmp_path / "forged.npz", {**arrays, "rnn.weight_hh_l0.npy": header.getvalue() + bytes(64)})
    one_line(load_error(path), "forged.npz", "'rnn.weight_hh_l0'", "(1000000000000,)")


@pytest.mark.parametrize("meta, said", [("[" * 100_000 + "]" * 100_000, "the limit is 65,536"),
                                        ('{"a":' * 40 + "1" + "}" * 40, "nests 40 levels")],
                         ids=["100,000 deep", "40 deep"])
def test_deeply_nested_meta_is_refused(tmp_path, meta, said):
    path = write_npz(tmp_path / "meta.npz", good_arrays(), meta=np.array(meta))
    one_line(load_error(path), "meta.npz", "'meta'", said)


def test_meta_with_brackets_inside_strings_is_read(tmp_path):
    meta = json.dumps({"name": "[[[[{{{{ \\\" [[[[" * 10, "trained_for": "many-to-one"})
    path = write_npz(tmp_path / "ok.npz", good_arrays(), meta=np.array(meta))
    assert weights.load(path).name.startswith("[[[[")


def test_weights_of_1e300_are_refused(tmp_path):
    arrays = good_arrays()
    arrays["rnn.weight_hh_l0"] = arrays["rnn.weight_hh_l0"] * 0 + 1e300
    one_line(load_error(write_npz(tmp_path / "huge.npz", arrays)), "'rnn.weight_hh_l0'", "1e+300", "1e+06")


def test_the_trace_json_holds_no_nan_even_when_sums_overflow():
    rng = np.random.default_rng(0)
    p = Params.init(3, 4, 2, seed=0)
    p = Params(**{f: np.sign(rng.standard_normal(getattr(p, f).shape)) * 1.7e308
                  for f in ("W_ih", "W_hh", "b_ih", "b_hh", "W_out", "b_out")})
    model = Model(p, Vocabulary(("a", "b", "<unk>")), ("x", "y"), name="overflow")
    with np.errstate(all="ignore"):
        data = trace_json(run(model, ["a", "b"], topology_by_name("many-to-many")))
    assert None in data["steps"][-1]["y"]  # the overflowed values, as null
    json.dumps(data, allow_nan=False)  # raises on NaN or Infinity


def test_a_large_number_takes_no_more_room_than_a_small_one():
    assert [fmt(v) for v in (0.5, -999.99, 2.7e6, -1e20)] == ["+0.50", "-999.99", "+3e6", "-1e20"]


def test_empty_weights_and_a_single_output_are_refused(tmp_path):
    arrays = good_arrays()
    empty = {**arrays, "out.weight": np.zeros((0, 3)), "out.bias": np.zeros(0), "labels": np.array([], dtype=str)}
    one_line(load_error(write_npz(tmp_path / "empty.npz", empty)), "'out.weight'", "is empty")
    single = {**arrays, "out.weight": arrays["out.weight"][:1], "out.bias": arrays["out.bias"][:1],
              "labels": arrays["labels"][:1]}
    one_line(load_error(write_npz(tmp_path / "single.npz", single)), "'out.weight'", "always 100%")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rnn_tui", *args], capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize("what", ["/dev/zero", "fifo"])
def test_a_device_or_a_fifo_is_refused_at_once(tmp_path, what):
    if what == "fifo":
        what = str(tmp_path / "fifo")
        os.mkfifo(what)
    for args in (("--corpus", what), ("trace", "--text", "hi", "--weights", what)):
        done = run_cli(*args)  # before: /dev/zero filled memory, a FIFO blocked for ever
        assert done.returncode == 2
        one_line(done.stderr.strip(), what, "not a regular file")


def test_a_corpus_is_read_no_further_than_the_limit(tmp_path, monkeypatch):
    from rnn_tui.engine import corpus

    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 100)
    read = []
    real_fdopen = os.fdopen

    def counting_fdopen(*args, **kwargs):
        f = real_fdopen(*args, **kwargs)
        real_read = f.read
        f.read = lambda n=-1: read.append(n) or real_read(n)  # type: ignore[method-assign]
        return f

    monkeypatch.setattr(corpus.os, "fdopen", counting_fdopen)
    monkeypatch.setattr(corpus.os, "fstat", lambda fd: os.stat_result((0o100644, 0, 0, 0, 0, 0, 10, 0, 0, 0)))
    path = tmp_path / "grows.txt"
    path.write_text("word " * 1000)  # says 10 bytes (a file still growing), holds 5,000
    with pytest.raises(InputError) as caught:
        load_corpus(path)
    assert read == [101]
    one_line(str(caught.value), "grows.txt", "more than")


@pytest.mark.parametrize("content, said", [
    ("text,label\nhi,1_0\n", "label '1_0' is not a whole number"),
    ("text,label\nhi,\u0663\n", "is not a whole number"),
    ("text,label\nhi,\uff11\n", "is not a whole number"),
    ("text,text,label\nhi,there,1\n", ":1: the header names 'text' twice"),
    ('text,label\n"hello there,1\nbye,0\nyes,1\n', ":2: a quote (\") opened on this line is never closed"),
    ('text,label\nbye,0\n"hello there,1\n', ":3: a quote (\") opened on this line is never closed"),
], ids=["1_0", "arabic-indic 3", "fullwidth 1", "text twice", "unclosed quote", "unclosed on the last line"])
def test_small_mistakes_in_a_csv_are_named(tmp_path, content, said):
    path = tmp_path / "c.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_corpus(path)
    one_line(str(caught.value), said)
