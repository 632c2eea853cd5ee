"""A recurrent layer and its readout, with PyTorch's weight layout (nn.RNN, nn.GRU or nn.LSTM,
then nn.Linear):

    h_t = cell(x_t, h_{t-1})            (cells.py: Elman, GRU, LSTM)
    y_t = softmax(W_out h_t + b_out)

W_ih is (G*H, V), W_hh is (G*H, H), the biases (G*H,), W_out is (O, H), all float64; G is the
number of stacked blocks: 1 for Elman (nn.RNN), 3 for a GRU (r, z, n), 4 for an LSTM (i, f, g, o).
The cell a layer is follows from its shapes, as it does in a PyTorch state_dict: no extra field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from rnn_tui.engine.errors import InputError
from rnn_tui.engine.text import Vocabulary

Array = npt.NDArray[np.float64]  # every weight, state and score: float64, as PyTorch's double

# Each cell's number of stacked blocks in W_ih, W_hh and the biases (PyTorch's order in the comment).
GATES = {"elman": 1, "gru": 3, "lstm": 4}   # elman: one tanh; gru: r, z, n; lstm: i, f, g, o
CELL_NAMES = {"elman": "Elman", "gru": "GRU", "lstm": "LSTM"}


def cell_name_of(W_hh: Array) -> str:
    """The cell whose W_hh has this shape: (G*H, H) rows per column. Raises ValueError otherwise."""
    rows, H = W_hh.shape
    for name, g in GATES.items():
        if rows == g * H:
            return name
    raise ValueError(f"W_hh has shape {W_hh.shape}: not (H, H), (3H, H) or (4H, H)")


def check_cell(name: str) -> str:
    """A cell's name as the engine spells it ("elman", "gru", "lstm"), from any case."""
    if name.lower() not in GATES:
        raise InputError(f"unknown cell {name!r}; expected one of: {', '.join(GATES)}")
    return name.lower()


def _read_only_fields(obj: object) -> None:
    """Read-only float64 copies: a model's weights never change under a trace that used them."""
    for f in fields(obj):  # type: ignore[arg-type]
        a = np.array(getattr(obj, f.name), dtype=np.float64)
        a.setflags(write=False)
        object.__setattr__(obj, f.name, a)


def _uniform(seed: int, hidden_size: int) -> Callable[..., Array]:
    """PyTorch's default initialisation: every weight and bias uniform in +-1/sqrt(H)."""
    rng = np.random.default_rng(seed)
    k = 1.0 / np.sqrt(hidden_size)

    def u(*shape: int) -> Array:
        return rng.uniform(-k, k, size=shape)

    return u


class Recurrent(Protocol):
    """What a cell steps with: the recurrent weights of one nn.RNN, nn.GRU or nn.LSTM layer."""

    @property
    def W_ih(self) -> Array: ...
    @property
    def W_hh(self) -> Array: ...
    @property
    def b_ih(self) -> Array: ...
    @property
    def b_hh(self) -> Array: ...
    @property
    def hidden_size(self) -> int: ...


@dataclass(frozen=True)
class CellWeights:
    """A recurrent layer alone, with no readout: a seq2seq model's encoder."""

    W_ih: Array   # (G*H, V)
    W_hh: Array   # (G*H, H)
    b_ih: Array   # (G*H,)
    b_hh: Array   # (G*H,)

    def __post_init__(self) -> None:
        _read_only_fields(self)

    @property
    def hidden_size(self) -> int:
        return int(self.W_hh.shape[1])

    @property
    def cell(self) -> str:
        """Which cell these weights are ("elman", "gru" or "lstm"), from W_hh's shape."""
        return cell_name_of(self.W_hh)

    def arrays(self) -> list[Array]:
        return [getattr(self, f.name) for f in fields(self)]

    def names(self) -> list[str]:
        return [f.name for f in fields(self)]

    @classmethod
    def init(cls, input_size: int, hidden_size: int, seed: int = 0, cell: str = "elman") -> CellWeights:
        u, G = _uniform(seed, hidden_size), GATES[check_cell(cell)] * hidden_size
        return cls(u(G, input_size), u(G, hidden_size), u(G), u(G))


@dataclass(frozen=True)
class Params:
    W_ih: Array   # (G*H, V)  rnn.weight_ih_l0
    W_hh: Array   # (G*H, H)  rnn.weight_hh_l0
    b_ih: Array   # (G*H,)    rnn.bias_ih_l0
    b_hh: Array   # (G*H,)    rnn.bias_hh_l0
    W_out: Array  # (O, H)    out.weight
    b_out: Array  # (O,)      out.bias

    def __post_init__(self) -> None:
        _read_only_fields(self)

    @property
    def hidden_size(self) -> int:
        return int(self.W_hh.shape[1])

    @property
    def cell(self) -> str:
        """Which cell these weights are ("elman", "gru" or "lstm"), from W_hh's shape."""
        return cell_name_of(self.W_hh)

    @property
    def input_size(self) -> int:
        return int(self.W_ih.shape[1])

    @property
    def output_size(self) -> int:
        return int(self.W_out.shape[0])

    @property
    def count(self) -> int:
        return int(sum(a.size for a in self.arrays()))

    def arrays(self) -> list[Array]:
        return [getattr(self, f.name) for f in fields(self)]

    def names(self) -> list[str]:
        return [f.name for f in fields(self)]

    def scaled_recurrence(self, factor: float) -> Params:
        """The same model with W_hh multiplied: the vanishing/exploding gradient knob."""
        return replace(self, W_hh=self.W_hh * factor)

    @classmethod
    def init(cls, input_size: int, hidden_size: int, output_size: int, seed: int = 0,
             cell: str = "elman") -> Params:
        """PyTorch's default: every weight and bias uniform in +-1/sqrt(H)."""
        u, G = _uniform(seed, hidden_size), GATES[check_cell(cell)] * hidden_size
        return cls(
            W_ih=u(G, input_size),
            W_hh=u(G, hidden_size),
            b_ih=u(G),
            b_hh=u(G),
            W_out=u(output_size, hidden_size),
            b_out=u(output_size),
        )


def softmax(z: Array) -> Array:
    """Stable softmax: shifting by the max keeps exp() finite for any finite logits."""
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return np.asarray(e / np.sum(e, axis=-1, keepdims=True), dtype=np.float64)


def log_softmax(z: Array) -> Array:
    """log(softmax(z)), without forming softmax: finite for any finite logits."""
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return np.asarray(shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True)), dtype=np.float64)


def logits(params: Params, h: Array) -> Array:
    """The readout's scores, W_out h + b_out, for one h (H,) or each row of hs (T, H)."""
    return np.asarray(np.asarray(h, dtype=np.float64) @ params.W_out.T + params.b_out, dtype=np.float64)


def readout(params: Params, hs: Array) -> Array:
    """softmax(W_out h + b_out) for each row of hs (T, H): the output layer applied at every
    step, even where the topology reads none. Row t equals the trace's y where it has one."""
    return softmax(logits(params, hs))


@dataclass(frozen=True)
class Model:
    """Weights plus what their rows and columns mean: the input vocabulary and output labels."""

    params: Params
    vocab: Vocabulary
    labels: tuple[str, ...]
    name: str = "untrained"
    trained_for: str | None = None  # a topology name, or None for random weights
    context_size: int = 0           # W_ih's last columns read a context beside the word (a seq2seq decoder)

    def __post_init__(self) -> None:
        if self.params.input_size != self.vocab.size + self.context_size:
            raise ValueError(f"W_ih has {self.params.input_size} columns for a vocabulary of {self.vocab.size}"
                             + (f" and a context of {self.context_size}" if self.context_size else ""))
        if self.params.output_size != len(self.labels):
            raise ValueError(f"W_out has {self.params.output_size} rows for {len(self.labels)} labels")

    @property
    def hidden_size(self) -> int:
        return self.params.hidden_size

    @property
    def cell(self) -> str:
        """Which cell the model steps with: "elman", "gru" or "lstm"."""
        return self.params.cell

    @property
    def positive_index(self) -> int:
        """The output that means "positive" for a sentiment model: the label so named, else the last."""
        return self.labels.index("positive") if "positive" in self.labels else len(self.labels) - 1

    def with_params(self, params: Params) -> Model:
        return replace(self, params=params)
