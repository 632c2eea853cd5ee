"""Weights in and out as .npz, with the names of a PyTorch module holding
`rnn = nn.RNN(V, H)` and `out = nn.Linear(H, O)`. Loaded without pickle."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Model, Params
from rnn_tui.engine.text import Vocabulary

# npz key -> Params field
KEYS = {
    "rnn.weight_ih_l0": "W_ih",
    "rnn.weight_hh_l0": "W_hh",
    "rnn.bias_ih_l0": "b_ih",
    "rnn.bias_hh_l0": "b_hh",
    "out.weight": "W_out",
    "out.bias": "b_out",
}
MAX_FILE_BYTES = 200 * 1024 * 1024


def save(model: Model, path: str | Path, overwrite: bool = False) -> Path:
    """Write atomically: a temporary file beside the target, then a rename."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name such as model.npz")
    if path.exists() and not overwrite:
        raise InputError(f"{path}: already exists; choose another name or allow overwriting")
    arrays = {key: getattr(model.params, field) for key, field in KEYS.items()}
    arrays["vocab"] = np.array(model.vocab.tokens, dtype=str)
    arrays["labels"] = np.array(model.labels, dtype=str)
    arrays["meta"] = np.array(json.dumps({"name": model.name, "trained_for": model.trained_for}))
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a weights file is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load(path: str | Path) -> Model:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB; not a weights file for this app")
        loaded = np.load(path, allow_pickle=False)
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
    return from_arrays(data, str(path))


def _read(npz: np.lib.npyio.NpzFile, key: str, path: Path) -> np.ndarray:
    try:
        value = npz[key]
    except ValueError as e:
        if "pickle" not in str(e):
            raise  # a damaged member: load() reports the file as unreadable
        # an object array needs pickle, which we never allow
        raise InputError(f"{path}: key {key!r} holds Python objects (pickle); only plain arrays are read") from None
    if not isinstance(value, np.ndarray) and key in (*KEYS, "vocab", "labels", "meta"):
        # a zip member that is not a .npy file comes back as bytes; an extra one is ignored
        raise InputError(f"{path}: member {key!r} is not a NumPy array; not an .npz weights file")
    return np.asarray(value)


def _first_line(e: Exception) -> str:
    return (str(e).splitlines() or [type(e).__name__])[0]


def from_arrays(data: dict[str, np.ndarray], source: str = "weights") -> Model:
    """Check every key, dtype, shape and value, then build the Model."""
    for key in (*KEYS, "vocab"):
        if key not in data:
            raise InputError(f"{source}: missing key {key!r}")
    for key in data:  # a layer or direction we would silently skip must be refused instead
        if key.startswith("rnn.") and key not in KEYS:
            raise InputError(f"{source}: key {key!r} is from a multi-layer or bidirectional RNN; "
                             "only nn.RNN(V, H) with one layer, one direction is supported")
    vocab = _strings(data, "vocab", source)
    if len(set(vocab)) != len(vocab):
        raise InputError(f"{source}: key 'vocab' repeats a word")
    arrays = {}
    for key in KEYS:
        a = data[key]
        if a.dtype.kind not in "fiu":
            raise InputError(f"{source}: key {key!r} has dtype {a.dtype}; expected numbers")
        arrays[key] = a.astype(np.float64)
    H = arrays["rnn.weight_hh_l0"].shape[0] if arrays["rnn.weight_hh_l0"].ndim == 2 else -1
    V = len(vocab)
    O = arrays["out.weight"].shape[0] if arrays["out.weight"].ndim == 2 else -1
    expected = {
        "rnn.weight_hh_l0": (H, H), "rnn.weight_ih_l0": (H, V),
        "rnn.bias_ih_l0": (H,), "rnn.bias_hh_l0": (H,),
        "out.weight": (O, H), "out.bias": (O,),
    }
    for key, shape in expected.items():
        found = arrays[key].shape
        if found != shape or -1 in shape or 0 in shape:
            raise InputError(f"{source}: key {key!r} has shape {found}; expected {_shape(shape)}"
                             f" (V={V} words in 'vocab', H from rnn.weight_hh_l0, O from out.weight)")
        if not np.all(np.isfinite(arrays[key])):
            raise InputError(f"{source}: key {key!r} holds NaN or infinite values")
    labels = _strings(data, "labels", source) if "labels" in data else tuple(str(i) for i in range(O))
    if len(labels) != O:
        raise InputError(f"{source}: key 'labels' has {len(labels)} entries; expected {O} (rows of out.weight)")
    meta = {}
    if "meta" in data:
        try:
            meta = json.loads(str(data["meta"]))
        except (ValueError, TypeError):
            meta = {}
    if not isinstance(meta, dict):
        meta = {}
    params = Params(**{field: arrays[key] for key, field in KEYS.items()})
    return Model(params, Vocabulary(vocab), labels, name=str(meta.get("name", Path(source).stem)),
                 trained_for=meta.get("trained_for"))


def _strings(data: dict[str, np.ndarray], key: str, source: str) -> tuple[str, ...]:
    a = data[key]
    if a.dtype.kind != "U" or a.ndim != 1:
        raise InputError(f"{source}: key {key!r} must be a 1-D array of strings (found {a.dtype}, shape {a.shape})")
    return tuple(str(s) for s in a)


def _shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"
