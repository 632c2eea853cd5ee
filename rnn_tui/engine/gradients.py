"""The backward pass of one sentence, step by step: how much of the loss's gradient reaches
each earlier hidden state, and why it shrinks (or grows) on the way back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rnn_tui.engine.cells import backward
from rnn_tui.engine.rnn import Model, log_softmax
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run


@dataclass(frozen=True)
class Backward:
    words: tuple[str, ...]
    target: int                 # the label the loss is taken against, at the last step
    loss: float
    dh: np.ndarray              # (T, H): dL/dh_t
    sigma_max: float            # largest singular value of W_hh: above 1 can explode, below 1 shrinks

    @property
    def norms(self) -> np.ndarray:
        return np.asarray(np.linalg.norm(self.dh, axis=1), dtype=np.float64)

    @property
    def factors(self) -> np.ndarray:
        """||dL/dh_{t-1}|| / ||dL/dh_t|| for t = 2..T: the shrink (or growth) per step back."""
        n = self.norms
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(n[1:] > 0, n[:-1] / n[1:], 0.0)


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
    return Backward(tuple(words), target, loss, dh, float(np.linalg.norm(p.W_hh, 2)))
