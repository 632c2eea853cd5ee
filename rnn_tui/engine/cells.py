"""The recurrent cells, each written once: Elman here, GRU and LSTM in gated.py. The trace,
training and the gradient scene all step through them; nothing else in the engine writes the
recurrence. Which cell a layer is follows from its weights' shapes (`cell_of`).

A cell has these operations:
- `step(params, x_index, h_prev)`: one time step forward; returns a record of every sub-step,
  whose `h` is the new state (an LSTM's record also has `c`, its memory cell, passed on as c_prev);
- `step_grads(params, record, dh, dc)`: given dL/dh_t (and dL/dc_t), returns what this step's
  weights receive and what flows on, back in time (`StepGrads`);
- `weight_grads(params, records, ...)`: every step's share of the weight gradients at once, one
  matrix product per weight for the whole sentence rather than an outer product per step.
The Elman cell also keeps its own `backward_step(params, record, dh)` -> (dL/dpre, dL/dh_{t-1}).

The same operations work on a batch of sentences: give `step` the hot indices of B sentences at
once (an int array of shape (B,), -1 for the zero vector), h_prev of shape (B, H) and a mask of
the rows that have a word at this step; a padded row carries its state on unchanged. It is the
same arithmetic on a matrix instead of a vector: one matrix product per step for the whole
batch, forward and backward.

A step may also read a dense context vector c beside its one-hot word (a decoder that sees the
encoder's summary at every step): x_t is then [one-hot; c], so W_ih's last len(c) columns
multiply c, as in PyTorch's nn.RNN(V + C, H) fed the concatenation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np

from rnn_tui.engine.arrays import Indices, Mask, read_only, sealed
from rnn_tui.engine.gated import GRU, GRU_CELL, LSTM, LSTM_CELL, GRUStep, LSTMStep, StepGrads
from rnn_tui.engine.rnn import Array, Recurrent, cell_name_of

__all__ = ["CELLS", "ELMAN", "BPTT", "GRUStep", "Indices", "LSTMStep", "Mask", "backward", "backward_batch",
           "backward_with_context", "bptt", "cell_of", "forward", "forward_batch", "memory", "read_only", "sealed",
           "step"]


@dataclass(frozen=True, eq=False, slots=True)
class ElmanStep:
    """One step of h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), sub-step by sub-step."""

    x_index: int | None  # the hot index of x_t; None for the zero vector
    h_prev: Array        # h_{t-1}
    wx: Array            # W_ih x_t: column x_index of W_ih (zero for the zero vector)
    wh: Array            # W_hh h_{t-1}
    b_ih: Array
    b_hh: Array
    pre: Array           # the sum of the terms above (and wc)
    h: Array             # tanh(pre): the new state
    context: Array | None = None  # c, read beside the word (None: no context input)
    wc: Array | None = None       # W_ih's last len(c) columns times c, added to pre


@dataclass(frozen=True, eq=False, slots=True)
class ElmanBatchStep:
    """One step of B sentences at once: the same sub-steps, a row per sentence."""

    x_index: Indices     # (B,) each row's hot index; -1 for the zero vector
    mask: Mask           # (B,) rows with a word at this step; the others keep h_prev
    h_prev: Array        # (B, H)
    wx: Array            # (B, H)
    wh: Array            # (B, H)
    pre: Array           # (B, H)
    h: Array             # (B, H): tanh(pre) where mask, h_prev elsewhere
    context: Array | None = None  # (B, C) each row's context, or None
    wc: Array | None = None       # (B, C) @ W_ih[:, -C:].T


def _recur(p: Recurrent, wx: Array, h_prev: Array) -> tuple[Array, Array, Array]:
    """W_hh h_{t-1}, the pre-activation and tanh of it: the recurrence, for one h (H,) or a
    batch's rows (B, H)."""
    wh = p.W_hh @ h_prev if h_prev.ndim == 1 else h_prev @ p.W_hh.T
    pre = wx + p.b_ih + wh + p.b_hh
    return wh, pre, np.tanh(pre)


def _through_tanh(p: Recurrent, h: Array, dh: Array) -> tuple[Array, Array]:
    """dL/dpre and dL/dh_{t-1} from dL/dh_t, for one h (H,) or a batch's rows (B, H)."""
    dpre = dh * (1.0 - h * h)  # tanh' = 1 - tanh^2
    return dpre, (p.W_hh.T @ dpre if dpre.ndim == 1 else dpre @ p.W_hh)


class Elman:
    """The Elman cell with PyTorch's nn.RNN equations and weight layout."""

    name = "elman"
    gates = 1

    @overload
    def step(self, p: Recurrent, x_index: int | None, h_prev: Array, mask: None = None,
             context: Array | None = None) -> ElmanStep: ...
    @overload
    def step(self, p: Recurrent, x_index: Indices, h_prev: Array, mask: Mask | None = None,
             context: Array | None = None) -> ElmanBatchStep: ...

    def step(self, p: Recurrent, x_index: int | None | Indices, h_prev: Array,
             mask: Mask | None = None, context: Array | None = None) -> ElmanStep | ElmanBatchStep:
        if isinstance(x_index, np.ndarray):
            return self._step_batch(p, x_index, np.asarray(h_prev, dtype=np.float64), mask, context)
        h_prev = read_only(h_prev)
        # A column of the read-only W_ih is itself read-only: no copy.
        wx = p.W_ih[:, x_index] if x_index is not None else sealed(np.zeros(p.hidden_size))
        if context is None:
            wh, pre, h = _recur(p, wx, h_prev)
            return ElmanStep(x_index, h_prev, wx, sealed(wh), p.b_ih, p.b_hh, sealed(pre), sealed(h))
        context = read_only(context)
        wc = sealed(p.W_ih[:, -len(context):] @ context)
        wh, pre, h = _recur(p, wx + wc, h_prev)
        return ElmanStep(x_index, h_prev, wx, sealed(wh), p.b_ih, p.b_hh, sealed(pre), sealed(h), context, wc)

    def _step_batch(self, p: Recurrent, x: Indices, h_prev: Array, mask: Mask | None,
                    context: Array | None) -> ElmanBatchStep:
        mask = np.ones(len(x), dtype=bool) if mask is None else mask
        wx = p.W_ih.T[x] * (x >= 0)[:, None]  # each row's column of W_ih; zero for the zero vector
        wc = None if context is None else context @ p.W_ih[:, -context.shape[1]:].T
        wh, pre, h = _recur(p, wx if wc is None else wx + wc, h_prev)
        return ElmanBatchStep(x, mask, h_prev, wx, wh, pre, np.where(mask[:, None], h, h_prev), context, wc)

    @overload
    def backward_step(self, p: Recurrent, s: ElmanStep, dh: Array) -> tuple[Array, Array]: ...
    @overload
    def backward_step(self, p: Recurrent, s: ElmanBatchStep, dh: Array) -> tuple[Array, Array]: ...

    def backward_step(self, p: Recurrent, s: ElmanStep | ElmanBatchStep, dh: Array) -> tuple[Array, Array]:
        if isinstance(s, ElmanStep):
            return _through_tanh(p, s.h, dh)
        dh_word = dh * s.mask[:, None]  # a padded row's h is its h_prev: dh passes straight through
        dpre, dh_prev = _through_tanh(p, s.h, dh_word)
        return dpre, dh_prev + (dh - dh_word)

    def step_grads(self, p: Recurrent, s: ElmanStep | ElmanBatchStep, dh: Array, dc: Array | None = None
                   ) -> StepGrads:
        """`backward_step` in the shape every cell's backward step has (dc: no memory cell, ignored)."""
        dpre, dh_prev = self.backward_step(p, s, dh)
        return StepGrads(dpre, dpre, dh_prev, None)

    def weight_grads(self, p: Recurrent, steps: Sequence[ElmanStep] | Sequence[ElmanBatchStep],
                     dpre: Array) -> dict[str, Array]:
        """dL/dW_ih, dL/dW_hh, dL/db_ih, dL/db_hh, from dpre (T, H) for the whole sentence, or
        (T, B, H) for a batch (summed over its sentences)."""
        return weight_grads(p, steps, dpre, dpre)


# ElmanStep | ElmanBatchStep | GRUStep | LSTMStep: every cell's record has x_index, h_prev, h and
# context; an LSTM's also c.
Record = Any


def weight_grads(p: Recurrent, steps: Sequence[Record], d_ih: Array, d_hh: Array) -> dict[str, Array]:
    """Any cell's weight gradients from what its input-side (W_ih x + b_ih) and hidden-side
    (W_hh h + b_hh) pre-activations received at every step: d_ih and d_hh, (T, G*H) for a
    sentence or (T, B, G*H) for a batch (summed over its sentences). A one-hot x_t picks one
    column of W_ih, so its gradient is a scatter-add of d_ih over the words read, never a product
    with a V-wide one-hot matrix."""
    if steps and isinstance(steps[0].x_index, np.ndarray):
        return _batch_weight_grads(p, steps, d_ih, d_hh, compact=False)[0]
    h_prev = np.stack([s.h_prev for s in steps])
    g_ih = np.zeros_like(p.W_ih)
    read_at = [(t, s.x_index) for t, s in enumerate(steps) if s.x_index is not None]
    if read_at:  # a one-hot x_t picks one column: its gradient is d_ih[t], added where the word repeats
        at, columns = zip(*read_at, strict=True)
        np.add.at(g_ih.T, list(columns), d_ih[list(at)])
    contexts = [s.context for s in steps if s.context is not None]
    if contexts:  # the context's columns: d_ih[t] times c, summed over the steps
        g_ih[:, -len(contexts[0]):] += d_ih.T @ np.stack(contexts)
    db = d_ih.sum(axis=0)
    return {"W_ih": g_ih, "W_hh": d_hh.T @ h_prev, "b_ih": db,
            "b_hh": db.copy() if d_hh is d_ih else d_hh.sum(axis=0)}


def _batch_weight_grads(p: Recurrent, steps: Sequence[Record], d_ih: Array, d_hh: Array,
                        compact: bool) -> tuple[dict[str, Array], Indices | None]:
    """`weight_grads` for a batch: one matrix product per weight over the rows that read a word
    (a padded row's d is zero and is left out), and a scatter-add for W_ih's word columns.
    compact (and no context): "W_ih" is only the columns of the words read, (G*H, k), and the
    second value says which (sorted); else it is the whole (G*H, V) and the second is None."""
    GH, V = p.W_ih.shape
    x = np.concatenate([s.x_index for s in steps])
    mask = np.concatenate([s.mask for s in steps]) if steps[0].mask is not None else np.ones(len(x), dtype=bool)
    live = np.flatnonzero(mask)
    d = d_ih.reshape(-1, GH)[live]
    dr = d if d_hh is d_ih else d_hh.reshape(-1, GH)[live]
    h_prev = np.concatenate([s.h_prev for s in steps])[live]
    words = x[live]
    read = words >= 0
    columns, where = np.unique(words[read], return_inverse=True)
    block = np.zeros((len(columns), GH))   # W_ih's gradient in the columns read, one row per word
    np.add.at(block, where, d[read])
    db = d.sum(axis=0)
    g = {"W_hh": dr.T @ h_prev, "b_ih": db, "b_hh": db.copy() if dr is d else dr.sum(axis=0)}
    contexts = [s.context for s in steps if s.context is not None]
    if compact and not contexts:
        return {"W_ih": block.T, **g}, columns
    g_ih = np.zeros((GH, V))
    g_ih[:, columns] = block.T
    if contexts:  # the context's columns: d_ih times c, summed over every row
        c = np.concatenate(contexts)[live]
        g_ih[:, V - c.shape[1]:] += d.T @ c
    return {"W_ih": g_ih, **g}, None


ELMAN = Elman()
CELLS: dict[str, Elman | GRU | LSTM] = {"elman": ELMAN, "gru": GRU_CELL, "lstm": LSTM_CELL}


def cell_of(p: Recurrent) -> Elman | GRU | LSTM:
    """The cell these weights are for, from W_hh's shape: (H, H), (3H, H) or (4H, H)."""
    return CELLS[cell_name_of(p.W_hh)]


def step(p: Recurrent, x_index: int | None | Indices, h_prev: Array, mask: Mask | None = None,
         context: Array | None = None, c_prev: Array | None = None) -> Record:
    """One step of whichever cell p is; c_prev is an LSTM's memory cell (None: zeros; ignored by
    the other cells)."""
    cell = cell_of(p)
    if isinstance(cell, Elman):
        return cell.step(p, x_index, h_prev, mask, context)  # type: ignore[arg-type]
    return cell.step(p, x_index, h_prev, mask, context, c_prev)


def memory(s: Record) -> Array | None:
    """What a step passes on beside h: an LSTM's memory cell c_t; None for the other cells."""
    return s.c if isinstance(s, LSTMStep) else None


def forward(p: Recurrent, xs: Sequence[int | None], h0: Array | None = None,
            context: Array | None = None, c0: Array | None = None) -> list[Record]:
    """The cell run over a sentence of hot indices, from h0 (and an LSTM's c0; zeros by default),
    reading the context (if any) beside every word."""
    h = np.zeros(p.hidden_size) if h0 is None else np.asarray(h0, dtype=np.float64)
    c = c0
    steps = []
    for x in xs:
        s = step(p, x, h, context=context, c_prev=c)
        steps.append(s)
        h, c = s.h, memory(s)
    return steps


@dataclass(frozen=True)
class BPTT:
    """Back through time, for one sentence ((T, H) arrays) or a batch ((T, B, H))."""

    grads: dict[str, Array]   # the cell's weight gradients (summed over a batch)
    dh: Array                 # dL/dh_t: all that flows into h_t, from its output and every later step
    dh0: Array                # dL/dh_0: what reaches the initial state (an encoder's last state)
    dc0: Array | None         # dL/dc_0: what reaches an LSTM's initial memory cell; None for the others
    dcontext: Array           # dL/dc: what reaches the context every step read (empty without one)
    d_input: Array            # dL/d(W_ih x_t + b_ih) per step, (T, G*H): what the word read at t receives
    input_columns: Indices | None = None  # compact: grads["W_ih"] holds only these columns of W_ih


def bptt(p: Recurrent, steps: Sequence[Record], dh_out: Array, dc_end: Array | None = None,
         compact: bool = False) -> BPTT:
    """Back through time. dh_out (T, H), or (T, B, H) for a batch, is what the outputs send into
    each h_t; dc_end is what enters an LSTM's last memory cell from outside (from a decoder that
    started from it), None for nothing. compact (a batch without a context, for the optimiser):
    grads["W_ih"] is only the columns of the words read, named by input_columns."""
    cell = cell_of(p)
    GH = p.W_hh.shape[0]
    dh_all = np.empty_like(dh_out)
    d_ih = np.empty(dh_out.shape[:-1] + (GH,))
    d_hh = d_ih if cell is ELMAN else np.empty_like(d_ih)  # an Elman step's two are the same
    dh_next = np.zeros(dh_out.shape[1:])
    dc_next = dc_end
    for t in reversed(range(len(steps))):
        dh_all[t] = dh_out[t] + dh_next
        g = cell.step_grads(p, steps[t], dh_all[t], dc_next)
        d_ih[t] = g.d_ih
        if d_hh is not d_ih:
            d_hh[t] = g.d_hh
        dh_next, dc_next = g.dh_prev, g.dc_prev
    context = steps[0].context if steps else None
    C = 0 if context is None else context.shape[-1]
    dc = d_ih.sum(axis=0) @ p.W_ih[:, p.W_ih.shape[1] - C:]
    if isinstance(cell, LSTM) and dc_next is None:
        dc_next = np.zeros(dh_out.shape[1:])
    if compact and steps and isinstance(steps[0].x_index, np.ndarray):
        grads, columns = _batch_weight_grads(p, steps, d_ih, d_hh, compact=True)
        return BPTT(grads, dh_all, dh_next, dc_next, dc, d_ih, columns)
    return BPTT(weight_grads(p, steps, d_ih, d_hh), dh_all, dh_next, dc_next, dc, d_ih)


def backward(p: Recurrent, steps: Sequence[Record], dh_out: Array) -> tuple[dict[str, Array], Array, Array]:
    """Back through time. dh_out (T, H) is what the outputs send into each h_t; returns the cell's
    weight gradients, dL/dh_t (T, H): everything that flows into h_t, from its output and from
    every later step, and dL/dh_0: what reaches the initial state (an encoder's last state)."""
    b = bptt(p, steps, dh_out)
    return b.grads, b.dh, b.dh0


def backward_with_context(p: Recurrent, steps: Sequence[Record], dh_out: Array
                          ) -> tuple[dict[str, Array], Array, Array, Array]:
    """`backward`, and dL/dc: what reaches the context every step read (empty without one)."""
    b = bptt(p, steps, dh_out)
    return b.grads, b.dh, b.dh0, b.dcontext


def forward_batch(p: Recurrent, xs: Indices, mask: Mask, h0: Array | None = None,
                  context: Array | None = None, c0: Array | None = None) -> list[Record]:
    """The cell run over a batch of padded sentences: xs (T, B) hot indices (-1 for the zero
    vector), mask (T, B) true where a sentence has a word; h0 (B, H) (and an LSTM's c0), zeros
    by default; context (B, C), read at every step, or None. A sentence's state stops changing
    after its last word."""
    T, B = xs.shape
    h = np.zeros((B, p.hidden_size)) if h0 is None else np.asarray(h0, dtype=np.float64)
    c = c0
    steps = []
    for t in range(T):
        s = step(p, xs[t], h, mask[t], context, c)
        steps.append(s)
        h, c = s.h, memory(s)
    return steps


def backward_batch(p: Recurrent, steps: Sequence[Record], dh_out: Array
                   ) -> tuple[dict[str, Array], Array, Array, Array]:
    """`backward_with_context` for a batch: dh_out is (T, B, H); returns the weight gradients
    summed over the batch, dL/dh_t (T, B, H), dL/dh_0 (B, H) and dL/dc (B, C; C = 0 without a
    context)."""
    b = bptt(p, steps, dh_out)
    return b.grads, b.dh, b.dh0, b.dcontext
