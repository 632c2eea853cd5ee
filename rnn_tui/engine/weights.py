"""Weights in and out as .npz, with the names of a PyTorch module holding
`rnn = nn.RNN(V, H)` (or nn.GRU, nn.LSTM) and `out = nn.Linear(H, O)`. Loaded without pickle.
The cell follows from the shapes, as in PyTorch: rnn.weight_hh_l0 is (G*H, H), G = 1 for
Elman, 3 for a GRU, 4 for an LSTM, and the other three layer keys must have G*H rows too."""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rnn_tui.engine import npz_guard
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import CELL_NAMES, GATES, CellWeights, Model, Params
from rnn_tui.engine.text import Vocabulary

if TYPE_CHECKING:  # imported by the functions that write, or read an encoder-decoder: start-up needs neither
    from rnn_tui.engine.seq2seq import Seq2Seq

# npz key -> Params field
KEYS = {
    "rnn.weight_ih_l0": "W_ih",
    "rnn.weight_hh_l0": "W_hh",
    "rnn.bias_ih_l0": "b_ih",
    "rnn.bias_hh_l0": "b_hh",
    "out.weight": "W_out",
    "out.bias": "b_out",
}
MAX_FILE_BYTES = npz_guard.MAX_FILE_BYTES
MAX_ABS_WEIGHT = 1e6  # no weight may be larger in size: trained weights are rarely above 100
WORD_LISTS = ("vocab", "labels", "source_vocab", "target_vocab")
LAYERS = ("rnn", "encoder", "decoder", "out")


def save(model: Model, path: str | Path, overwrite: bool = False) -> Path:
    """Write atomically: a temporary file beside the target, then a rename."""
    arrays = {key: getattr(model.params, field) for key, field in KEYS.items()}
    arrays["vocab"] = np.array(model.vocab.tokens, dtype=str)
    arrays["labels"] = np.array(model.labels, dtype=str)
    arrays["meta"] = np.array(json.dumps({"name": model.name, "trained_for": model.trained_for}))
    return _write(arrays, Path(path), overwrite)


def save_seq2seq(model: Seq2Seq, path: str | Path, overwrite: bool = False) -> Path:
    """An encoder-decoder: encoder.*, decoder.* (nn.RNN's names), out.*, and three word lists."""
    arrays: dict[str, np.ndarray] = {}
    for prefix, layer in (("encoder", model.encoder), ("decoder", model.decoder)):
        arrays |= {f"{prefix}.{key.split('.', 1)[1]}": getattr(layer, field)
                   for key, field in list(KEYS.items())[:4]}
    arrays["out.weight"], arrays["out.bias"] = model.decoder.W_out, model.decoder.b_out
    arrays["source_vocab"] = np.array(model.source.tokens, dtype=str)
    arrays["target_vocab"] = np.array(model.target.tokens, dtype=str)
    arrays["labels"] = np.array(model.labels, dtype=str)
    arrays["meta"] = np.array(json.dumps({"name": model.name, "trained_for": model.trained_for,
                                          "reverse_source": model.reverse_source,
                                          "context_every_step": model.context_every_step}))
    return _write(arrays, Path(path), overwrite)


def _write(arrays: dict[str, np.ndarray], path: Path, overwrite: bool) -> Path:
    from rnn_tui.engine import safe_write  # shutil, tempfile: only to save

    return safe_write.write_atomically(path, lambda f: np.savez(f, **arrays), overwrite)  # type: ignore[arg-type]


def file_bytes(V: int, H: int, O: int) -> int:
    """About how large a saved model is: its float64 weights and its word lists."""
    return 8 * (H * (V + H + 2 + O) + O) + 64 * (V + O) + 4096


def load(path: str | Path) -> Model:
    """An nn.RNN + nn.Linear model (rnn.*, out.*, vocab, labels)."""
    data = _read_file(Path(path))
    if "encoder.weight_ih_l0" in data:
        raise InputError(f"{path}: an encoder-decoder model (encoder.*, decoder.*); "
                         "it is read for the encoder-decoder topology only")
    return from_arrays(data, str(path))


def load_seq2seq(path: str | Path) -> Seq2Seq:
    """An encoder-decoder model: encoder.*, decoder.*, out.*, source_vocab, target_vocab, labels."""
    return seq2seq_from_arrays(_read_file(Path(path)), str(path))


def _read_file(path: Path) -> dict[str, np.ndarray]:
    try:
        with npz_guard.open_npz(path) as f:  # sizes, members and shapes checked before NumPy reads
            loaded = np.load(f, allow_pickle=False)
            if not isinstance(loaded, np.lib.npyio.NpzFile):  # a lone .npy array, renamed
                raise InputError(f"{path}: a single NumPy array (.npy), not an .npz of named weights")
            with loaded as npz:
                data = {k: _read(npz, k, path) for k in npz.files}
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a weights file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError) as e:  # zipfile: unsupported zip version, or encrypted
        raise InputError(f"{path}: not a readable .npz weights file ({_first_line(e)})") from None
    return data


def _read(npz: np.lib.npyio.NpzFile, key: str, path: Path) -> np.ndarray:
    try:
        value = npz[key]
    except ValueError as e:
        if "pickle" not in str(e):
            raise  # a damaged member: load() reports the file as unreadable
        # an object array needs pickle, which we never allow
        raise InputError(f"{path}: key {key!r} holds Python objects (pickle); only plain arrays are read") from None
    if not isinstance(value, np.ndarray) and (key in (*KEYS, *WORD_LISTS, "meta") or key.split(".")[0] in LAYERS):
        # a zip member that is not a .npy file comes back as bytes; an extra one is ignored
        raise InputError(f"{path}: member {key!r} is not a NumPy array; not an .npz weights file")
    return np.asarray(value)


def _first_line(e: Exception) -> str:
    return (str(e).splitlines() or [type(e).__name__])[0]


def from_arrays(data: dict[str, np.ndarray], source: str = "weights") -> Model:
    """Check every key, dtype, shape and value, then build the Model."""
    _require(data, (*KEYS, "vocab"), source)
    _no_extra_layers(data, "rnn", source)
    vocab = _words(data, "vocab", source)
    arrays = _numbers(data, KEYS, source)
    (G, H), O = _gates_and_hidden(arrays, "rnn", source), _rows(arrays["out.weight"])
    _check_shapes(arrays, {**_layer_shapes("rnn", H, len(vocab), G), "out.weight": (O, H), "out.bias": (O,)},
                  f"V={len(vocab)} words in 'vocab', H from rnn.weight_hh_l0, O from out.weight"
                  f"{_cell_hint('rnn', G, H)}", source)
    labels = _words(data, "labels", source) if "labels" in data else tuple(str(i) for i in range(O))
    if len(labels) != O:
        raise InputError(f"{source}: key 'labels' has {len(labels)} entries; expected {O} (rows of out.weight)")
    meta = _meta(data, source)
    params = Params(**{field: arrays[key] for key, field in KEYS.items()})
    return Model(params, Vocabulary(vocab), labels, name=str(meta.get("name", Path(source).stem)),
                 trained_for=_text_or_none(meta.get("trained_for")))


def seq2seq_from_arrays(data: dict[str, np.ndarray], source: str = "weights") -> Seq2Seq:
    """The same checks for an encoder-decoder: two layers, one readout, three word lists."""
    from rnn_tui.engine.seq2seq import Seq2Seq

    layer_keys = [f"{part}.{key.split('.', 1)[1]}" for part in ("encoder", "decoder") for key in list(KEYS)[:4]]
    _require(data, (*layer_keys, "out.weight", "out.bias", "source_vocab", "target_vocab", "labels"), source)
    for part in ("encoder", "decoder"):
        _no_extra_layers(data, part, source)
    words = {key: _words(data, key, source) for key in ("source_vocab", "target_vocab", "labels")}
    arrays = _numbers(data, (*layer_keys, "out.weight", "out.bias"), source)
    meta = _meta(data, source)
    context = _flag(meta, "context_every_step", source)
    (G, H), O = _gates_and_hidden(arrays, "encoder", source), len(words["labels"])
    _check_shapes(arrays, {**_layer_shapes("encoder", H, len(words["source_vocab"]), G),
                           **_layer_shapes("decoder", H, len(words["target_vocab"]) + (H if context else 0), G),
                           "out.weight": (O, H), "out.bias": (O,)},
                  f"H from encoder.weight_hh_l0, V from 'source_vocab' and 'target_vocab'"
                  f"{' (plus H for the context the decoder reads)' if context else ''}, O from 'labels'"
                  f"{_cell_hint('encoder', G, H)}", source)

    def layer(part: str) -> dict[str, np.ndarray]:
        return {field: arrays[f"{part}.{key.split('.', 1)[1]}"] for key, field in list(KEYS.items())[:4]}

    return Seq2Seq(CellWeights(**layer("encoder")),
                   Params(**layer("decoder"), W_out=arrays["out.weight"], b_out=arrays["out.bias"]),
                   Vocabulary(words["source_vocab"]), Vocabulary(words["target_vocab"]), words["labels"],
                   name=str(meta.get("name", Path(source).stem)), reverse_source=_flag(meta, "reverse_source", source),
                   context_every_step=context)


def _flag(meta: dict[str, object], key: str, source: str) -> bool:
    """A true/false setting in meta (absent: false); anything else is refused rather than guessed."""
    value = meta.get(key, False)
    if not isinstance(value, bool):
        raise InputError(f"{source}: meta's {key!r} is {value!r}; expected true or false")
    return value


def _require(data: dict[str, np.ndarray], keys: tuple[str, ...], source: str) -> None:
    for key in keys:
        if key not in data:
            raise InputError(f"{source}: missing key {key!r}")


def _no_extra_layers(data: dict[str, np.ndarray], prefix: str, source: str) -> None:
    """A second layer or a reverse direction would be skipped in silence: refuse it instead."""
    known = {f"{prefix}.{key.split('.', 1)[1]}" for key in list(KEYS)[:4]}
    for key in data:
        if key.startswith(f"{prefix}.") and key not in known:
            raise InputError(f"{source}: key {key!r} is from a multi-layer, bidirectional or projected RNN; "
                             "only nn.RNN, nn.GRU or nn.LSTM (V, H) with one layer, one direction is supported")


def _numbers(data: dict[str, np.ndarray], keys: Iterable[str], source: str) -> dict[str, np.ndarray]:
    arrays = {}
    for key in keys:
        a = data[key]
        if a.dtype.kind not in "fiu":
            raise InputError(f"{source}: key {key!r} has dtype {a.dtype}; expected numbers")
        arrays[key] = a.astype(np.float64)
    return arrays


def _rows(a: np.ndarray) -> int:
    return int(a.shape[0]) if a.ndim == 2 else -1


def _gates_and_hidden(arrays: dict[str, np.ndarray], prefix: str, source: str) -> tuple[int, int]:
    """G and H from a layer's weight_hh_l0, (G*H, H): which cell the layer is, and its size."""
    key = f"{prefix}.weight_hh_l0"
    a = arrays[key]
    if a.ndim == 2 and 0 in a.shape:  # H = 0: (0, 0) is (H, H), so "expected (H, H)" would not say what is wrong
        raise InputError(f"{source}: key {key!r} is empty (shape {_shape(a.shape)}); a model needs at least "
                         "one hidden unit, one word and two outputs")
    if a.ndim == 2:
        for G in GATES.values():
            if a.shape[0] == G * a.shape[1]:
                return G, int(a.shape[1])
    raise InputError(f"{source}: key {key!r} has shape {a.shape}; expected (H, H) for an Elman cell (nn.RNN), "
                     "(3H, H) for a GRU or (4H, H) for an LSTM")


def _cell_hint(prefix: str, G: int, H: int) -> str:
    """Which cell the shapes say, and the rows each cell would have had: said with a wrong shape."""
    name = next(CELL_NAMES[c] for c, g in GATES.items() if g == G)
    rows = ", ".join(f"{CELL_NAMES[c]} {g * H}" for c, g in GATES.items())
    return f"; {prefix}.weight_hh_l0 makes it {'an' if name[0] in 'AEILMO' else 'a'} {name} with H={H}: " \
           f"the layer's weights and biases have {rows} rows"


def _layer_shapes(prefix: str, H: int, V: int, G: int = 1) -> dict[str, tuple[int, ...]]:
    return {f"{prefix}.weight_hh_l0": (G * H, H), f"{prefix}.weight_ih_l0": (G * H, V),
            f"{prefix}.bias_ih_l0": (G * H,), f"{prefix}.bias_hh_l0": (G * H,)}


def _check_shapes(arrays: dict[str, np.ndarray], expected: dict[str, tuple[int, ...]], hint: str,
                  source: str) -> None:
    for key, shape in expected.items():
        found = arrays[key].shape
        if 0 in found:
            raise InputError(f"{source}: key {key!r} is empty (shape {_shape(found)}); a model needs at least "
                             "one hidden unit, one word and two outputs")
        if key == "out.weight" and found[:1] == (1,):  # softmax over a single output is always 1
            raise InputError(f"{source}: key 'out.weight' has 1 row, so the model has one output, whose "
                             "probability is always 100%; a model needs at least two outputs")
        if found != shape or -1 in shape or 0 in shape:
            raise InputError(f"{source}: key {key!r} has shape {found}; expected {_shape(shape)} ({hint})")
        if not np.all(np.isfinite(arrays[key])):
            raise InputError(f"{source}: key {key!r} holds NaN or infinite values")
        largest = float(np.max(np.abs(arrays[key])))
        if largest > MAX_ABS_WEIGHT:  # sums of such weights overflow float64 into NaN
            raise InputError(f"{source}: key {key!r} holds a value of {largest:.3g}; a trained RNN's weights are "
                             f"far smaller (the limit is {MAX_ABS_WEIGHT:.0e})")


def _words(data: dict[str, np.ndarray], key: str, source: str) -> tuple[str, ...]:
    words = _strings(data, key, source)
    if key != "labels" and len(set(words)) != len(words):
        raise InputError(f"{source}: key {key!r} repeats a word")
    return words


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _meta(data: dict[str, np.ndarray], source: str = "weights") -> dict[str, object]:
    try:
        meta = npz_guard.parse_meta(str(data["meta"]), source) if "meta" in data else {}
    except (ValueError, TypeError):
        meta = {}
    return meta if isinstance(meta, dict) else {}


def _strings(data: dict[str, np.ndarray], key: str, source: str) -> tuple[str, ...]:
    a = data[key]
    if a.dtype.kind != "U" or a.ndim != 1:
        raise InputError(f"{source}: key {key!r} must be a 1-D array of strings (found {a.dtype}, shape {a.shape})")
    return tuple(str(s) for s in a)


def _shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"
