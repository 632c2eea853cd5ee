"""The recurrent cell, written once. The trace, training and the gradient scene all step through
it; nothing else in the engine writes the recurrence.

A cell has three operations:
- `step(params, x_index, h_prev)`: one time step forward; returns a record of every sub-step,
  whose `h` is the new state;
- `backward_step(params, record, dh)`: given dL/dh_t, returns dL/dpre_t (what the weights of this
  step receive) and dL/dh_{t-1} (what flows on, back in time);
- `weight_grads(params, records, dpre)`: every step's share of the weight gradients at once, one
  matrix product per weight for the whole sentence rather than an outer product per step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rnn_tui.engine.rnn import Array, Recurrent


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


@dataclass(frozen=True, eq=False, slots=True)
class ElmanStep:
    """One step of h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), sub-step by sub-step."""

    x_index: int | None  # the hot index of x_t; None for the zero vector
    h_prev: Array        # h_{t-1}
    wx: Array            # W_ih x_t: column x_index of W_ih (zero for the zero vector)
    wh: Array            # W_hh h_{t-1}
    b_ih: Array
    b_hh: Array
    pre: Array           # the sum of the four terms above
    h: Array             # tanh(pre): the new state


class Elman:
    """The Elman cell with PyTorch's nn.RNN equations and weight layout."""

    name = "elman"

    def step(self, p: Recurrent, x_index: int | None, h_prev: Array) -> ElmanStep:
        h_prev = read_only(h_prev)
        # A column of the read-only W_ih is itself read-only: no copy.
        wx = p.W_ih[:, x_index] if x_index is not None else sealed(np.zeros(p.hidden_size))
        wh = sealed(p.W_hh @ h_prev)
        pre = sealed(wx + p.b_ih + wh + p.b_hh)
        return ElmanStep(x_index, h_prev, wx, wh, p.b_ih, p.b_hh, pre, sealed(np.tanh(pre)))

    def backward_step(self, p: Recurrent, s: ElmanStep, dh: Array) -> tuple[Array, Array]:
        dpre = dh * (1.0 - s.h * s.h)  # tanh' = 1 - tanh^2
        return dpre, p.W_hh.T @ dpre

    def weight_grads(self, p: Recurrent, steps: Sequence[ElmanStep], dpre: Array) -> dict[str, Array]:
        """dL/dW_ih, dL/dW_hh, dL/db_ih, dL/db_hh, from dpre (T, H) for the whole sentence."""
        h_prev = np.stack([s.h_prev for s in steps])
        g_ih = np.zeros_like(p.W_ih)
        read = [(t, s.x_index) for t, s in enumerate(steps) if s.x_index is not None]
        if read:  # a one-hot x_t picks one column: its gradient is dpre_t, added where the word repeats
            at, columns = zip(*read, strict=True)
            np.add.at(g_ih.T, list(columns), dpre[list(at)])
        db = dpre.sum(axis=0)
        return {"W_ih": g_ih, "W_hh": dpre.T @ h_prev, "b_ih": db, "b_hh": db.copy()}


ELMAN = Elman()


def forward(p: Recurrent, xs: Sequence[int | None], h0: Array | None = None) -> list[ElmanStep]:
    """The cell run over a sentence of hot indices, from h0 (zeros by default)."""
    h = np.zeros(p.hidden_size) if h0 is None else np.asarray(h0, dtype=np.float64)
    steps = []
    for x in xs:
        s = ELMAN.step(p, x, h)
        steps.append(s)
        h = s.h
    return steps


def backward(p: Recurrent, steps: Sequence[ElmanStep], dh_out: Array) -> tuple[dict[str, Array], Array, Array]:
    """Back through time. dh_out (T, H) is what the outputs send into each h_t; returns the cell's
    weight gradients, dL/dh_t (T, H): everything that flows into h_t, from its output and from
    every later step, and dL/dh_0: what reaches the initial state (an encoder's last state)."""
    T, H = len(steps), p.hidden_size
    dh_all = np.empty((T, H))
    dpre = np.empty((T, H))
    dh_next = np.zeros(H)
    for t in reversed(range(T)):
        dh_all[t] = dh_out[t] + dh_next
        dpre[t], dh_next = ELMAN.backward_step(p, steps[t], dh_all[t])
    return ELMAN.weight_grads(p, steps, dpre), dh_all, dh_next
