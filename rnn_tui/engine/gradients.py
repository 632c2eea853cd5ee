"""The backward pass of one sentence, step by step: how much of the loss's gradient reaches
each earlier hidden state, and why it shrinks (or grows) on the way back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from rnn_tui.engine.rnn import Model
from rnn_tui.engine.train import Example, loss_and_grads


@dataclass(frozen=True)
class Backward:
    words: tuple[str, ...]
    target: int                 # the label the loss is taken against, at the last step
    loss: float
    dh: np.ndarray              # (T, H): dL/dh_t
    sigma_max: float            # largest singular value of W_hh: above 1 can explode, below 1 shrinks

    @property
    def norms(self) -> np.ndarray:
        return np.linalg.norm(self.dh, axis=1)

    @property
    def factors(self) -> np.ndarray:
        """||dL/dh_{t-1}|| / ||dL/dh_t|| for t = 2..T: the shrink (or growth) per step back."""
        n = self.norms
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(n[1:] > 0, n[:-1] / n[1:], 0.0)


def backward_many_to_one(model: Model, words: Sequence[str], target: int | None = None) -> Backward:
    """Cross-entropy at the last step only (many-to-one), then back through time.
    Without a target, the loss is taken against the model's own prediction."""
    x = tuple(model.vocab.encode(words))
    if target is None:
        from rnn_tui.engine.topologies import topology_by_name
        from rnn_tui.engine.trace import run
        target = run(model, words, topology_by_name("many-to-one")).steps[-1].predicted
    result = loss_and_grads(model.params, Example(x, (None,) * (len(x) - 1) + (target,)))
    return Backward(tuple(words), target, result.loss, result.dh,
                    float(np.linalg.norm(model.params.W_hh, 2)))
