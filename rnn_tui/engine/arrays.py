"""The array conventions every cell shares: float64 records that cannot change under a pane,
and how a batch of sentences is written (hot indices, -1 for the zero vector; a mask of the rows
that have a word at a step)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from rnn_tui.engine.rnn import Array

Indices = npt.NDArray[np.intp]   # hot indices of a batch, (B,) or (T, B); -1 for the zero vector
Mask = npt.NDArray[np.bool_]     # which rows of a batch have a word at a step


def read_only(a: Array | list[float]) -> Array:
    """A read-only float64 array: a recorded step can never change under a pane. An array that
    is already read-only is kept as it is (the engine makes read-only arrays only from its own
    copies: a Params' weights, a previous step's h); a writable one is copied."""
    if isinstance(a, np.ndarray) and a.dtype == np.float64 and not a.flags.writeable:
        return a
    return sealed(np.array(a, dtype=np.float64))


def sealed(a: Array) -> Array:
    """A new array nobody else holds, made read-only without a copy."""
    a.setflags(write=False)
    return a


def sigmoid(z: Array) -> Array:
    """1 / (1 + e^-z), without overflow for large negative z (PyTorch's torch.sigmoid)."""
    e = np.exp(-np.abs(z))
    return np.asarray(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)), dtype=np.float64)
