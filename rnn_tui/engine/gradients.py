"""The backward pass of one sentence, step by step: how much of the loss's gradient reaches
each earlier hidden state, and why it shrinks (or grows) on the way back."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rnn_tui.engine.cells import backward, bptt
from rnn_tui.engine.rnn import CELL_NAMES, Model, log_softmax
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run


@dataclass(frozen=True)
class Flow:
    """How much of a fixed gradient entering the last hidden state survives each step back:
    dh[t] = (dh_T/dh_t)ᵀ u for a fixed unit vector u, whatever the model predicts and whatever
    the label, so scaling W_hh changes the propagation and nothing else."""

    words: tuple[str, ...]
    dh: np.ndarray              # (T, H): what reaches h_t of the unit gradient that entered h_T
    sigma_max: float            # largest singular value of W_hh

    @property
    def norms(self) -> np.ndarray:
        """||dh_t||: the share of what entered (1 at the last step) that reaches step t."""
        return np.asarray(np.linalg.norm(self.dh, axis=1), dtype=np.float64)

    @property
    def factors(self) -> np.ndarray:
        """||dh_{t-1}|| / ||dh_t|| for t = 2..T: the shrink (or growth) per step back."""
        n = self.norms
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(n[1:] > 0, n[:-1] / n[1:], 0.0)


@dataclass(frozen=True, kw_only=True)
class Backward(Flow):
    """A loss's gradient instead of a fixed one: cross-entropy against `target` at the last step."""

    target: int                 # the label the loss is taken against, at the last step
    loss: float


def backward_many_to_one(model: Model, words: Sequence[str], target: int | None = None) -> Backward:
    """Cross-entropy at the last step only (many-to-one), then back through time: one forward
    pass (the trace), one backward pass. Without a target, the loss is taken against the
    model's own prediction."""
    p = model.params
    trace = run(model, words, topology_by_name("many-to-one"))
    last = trace.steps[-1]
    assert last.y is not None and last.logits is not None and last.predicted is not None  # read at the end
    target = last.predicted if target is None else target
    dlogits = last.y.copy()
    dlogits[target] -= 1.0
    steps = [s.cell for s in trace.steps]
    dh_out = np.zeros((len(steps), p.hidden_size))
    dh_out[-1] = dlogits @ p.W_out
    _, dh, _ = backward(p, steps, dh_out)
    loss = float(-log_softmax(last.logits)[target])
    return Backward(tuple(words), dh, float(np.linalg.norm(p.W_hh, 2)), target=target, loss=loss)


def upstream(hidden_size: int) -> np.ndarray:
    """The fixed gradient that enters h_T: length 1, an equal share in every unit."""
    return np.full(hidden_size, 1.0 / np.sqrt(hidden_size))


def gradient_flow(model: Model, words: Sequence[str]) -> Flow:
    """A unit gradient entering h_T (`upstream`), carried back through time by the cell's own
    backward step: no loss and no label, so the chart shows propagation only."""
    p = model.params
    trace = run(model, words, topology_by_name("many-to-one"))
    steps = [s.cell for s in trace.steps]
    dh_out = np.zeros((len(steps), p.hidden_size))
    dh_out[-1] = upstream(p.hidden_size)
    with np.errstate(over="ignore", invalid="ignore"):
        _, dh, _ = backward(p, steps, dh_out)
    return Flow(tuple(words), dh, float(np.linalg.norm(p.W_hh, 2)))


@dataclass(frozen=True)
class CellSurvival:
    """One cell's figures in a `Survival`."""

    cell: str                 # "elman", "gru" or "lstm"
    model: str                # the model's name
    share: np.ndarray         # (T,): share[k] = what reaches the word read k steps before the last,
                              # over what reaches the last word (share[0] = 1)

    @property
    def name(self) -> str:
        return CELL_NAMES[self.cell]

    def said(self, k: int) -> str:
        """share[k] to read aloud: "about a millionth of", followed by "what reaches the last word"."""
        return ratio_in_words(float(self.share[k]))


@dataclass(frozen=True)
class Survival:
    """How much of a gradient survives k steps back, for each cell on the same sentence: a unit
    gradient enters the last hidden state (`upstream`), flows back through each model's own
    backward steps, and what reaches the input of the word read k steps before the last (the
    gradient of that word's column of W_ih) is measured against what reaches the last word's.
    That share is what decides whether an early word can still be learnt from. All cells are
    drawn on one log axis: `decades` (low, high) are powers of ten covering every share."""

    words: tuple[str, ...]
    cells: tuple[CellSurvival, ...]

    @property
    def steps_back(self) -> np.ndarray:
        """k = 0, 1, ..., T - 1: the x axis."""
        return np.arange(len(self.words))

    @property
    def decades(self) -> tuple[int, int]:
        """The one log axis every cell is drawn on: 10**low to 10**high, whole powers of ten
        around every finite share above zero (at least one decade)."""
        values = np.concatenate([c.share for c in self.cells])
        shown = values[np.isfinite(values) & (values > 0)]
        if not len(shown):
            return (-1, 0)
        low, high = math.floor(np.log10(shown.min())), math.ceil(np.log10(shown.max()))
        return (low, max(high, low + 1))

    def log_share(self, cell: str) -> np.ndarray:
        """log10 of a cell's shares (-inf where nothing arrives): where its points go on the axis."""
        c = next(c for c in self.cells if c.cell == cell)
        with np.errstate(divide="ignore"):
            return np.asarray(np.log10(c.share), dtype=np.float64)


def gradient_survival(models: Sequence[Model], words: Sequence[str]) -> Survival:
    """Each model's `CellSurvival` on the same words, in the order given (one model per cell, say
    the shipped memory-elman, memory-gru and memory-lstm on a long memory-task sentence)."""
    if not words:
        raise ValueError("gradient_survival needs at least one word")
    out = []
    for model in models:
        p = model.params
        trace = run(model, words, topology_by_name("many-to-one"))
        steps = [s.cell for s in trace.steps]
        dh_out = np.zeros((len(steps), p.hidden_size))
        dh_out[-1] = upstream(p.hidden_size)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            reach = np.linalg.norm(bptt(p, steps, dh_out).d_input, axis=1)[::-1]   # k = 0 is the last word
            share = np.where(reach[0] > 0, reach / reach[0], 0.0)
        out.append(CellSurvival(model.cell, model.name, np.asarray(share, dtype=np.float64)))
    return Survival(tuple(words), tuple(out))


_SMALL = ((1e-3, "thousandth"), (1e-6, "millionth"), (1e-9, "billionth"), (1e-12, "trillionth"))
_LARGE = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))
_NUMBERS = ("", "once", "twice", "three times", "four times", "five times", "six times", "seven times",
            "eight times", "nine times")


def ratio_in_words(ratio: float) -> str:
    """How much of what entered is left, to read aloud: "about a thousandth of", "about 40% of",
    "about as much as", "about twice", "about 3 million times" (followed by "what entered")."""
    if not np.isfinite(ratio):
        return "more than can be counted of"
    if ratio <= 0:
        return "none of"
    if ratio < 0.5e-12:
        return "less than a trillionth of"
    if ratio < 0.0095:
        for unit, name in _SMALL:
            if ratio >= unit * 0.95:
                n = ratio / unit
                return f"about a {name} of" if n < 1.25 else f"about {_two_figures(n)} {name}s of"
        return "about a trillionth of"  # 0.95e-15 .. 0.95e-12
    if ratio < 0.9:
        return f"about {_two_figures(ratio * 100)}% of"
    if ratio < 1.15:
        return "about as much as"
    if ratio < 9.5:
        n = round(ratio)
        return f"about {_NUMBERS[n]}" if n >= 2 else "a little more than"
    for unit, name in _LARGE:
        if ratio >= unit * 0.95:
            n = ratio / unit
            return f"about a {name} times" if n < 1.25 else f"about {_two_figures(n)} {name} times"
    return f"about {_two_figures(ratio)} times"


def _two_figures(x: float) -> str:
    """Two significant figures, no exponent: 37, 4.2, 150."""
    return f"{float(f'{x:.2g}'):g}"
