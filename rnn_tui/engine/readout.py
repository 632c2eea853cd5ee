"""The output layer over a trace's steps, computed when asked rather than kept for every step.

Each step's scores (W_out h_t + b_out) and softmax are O numbers: over a 5,000-word vocabulary
and 1,000 steps, 80 MB if every step kept them. A trace keeps only each step's h; the readout
computes a block of steps at once (one matrix product, as fast as one step's at a large H),
remembers the last few blocks, and keeps two numbers a step for good: the most likely output
and its probability, which the timeline and the captions read for every step. Memory stays
bounded however long the sentence and however far the user steps through it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from rnn_tui.engine.arrays import sealed
from rnn_tui.engine.rnn import Array, Params, logits, softmax

BLOCK_BYTES = 2**21   # one block's scores (and as much again for its softmax): as many steps as fit, at least one
BLOCKS_KEPT = 2       # the block on screen and the one a step back or ahead
MAX_ROWS = 64         # nor more steps than a trace computes at once (records.CHUNK): reading step 1's
                      # output must not compute the whole sentence's states where the outputs are few


class Readout:
    """softmax(W_out h + b_out) for each of `hs`, computed a block at a time when asked.

    `one_at_a_time`: each h alone (a matrix times one vector), the very numbers a generating
    topology read when it picked the word it fed back; a block of rows otherwise."""

    def __init__(self, params: Params, hs: Sequence[Array], one_at_a_time: bool = False) -> None:
        self._params = params
        self._hs = hs  # the steps' own h arrays, shared with their records, not copied (nor computed yet)
        n, outputs = len(self._hs), params.output_size
        self._rows = 1 if one_at_a_time else max(1, min(n, MAX_ROWS, BLOCK_BYTES // (8 * outputs)))
        self._best = np.full(n, -1, dtype=np.int64)   # -1: not computed yet
        self._p_best = np.full(n, np.nan)
        self._blocks: OrderedDict[int, tuple[Array, Array]] = OrderedDict()
        self._lock = threading.Lock()  # a worker thread may read a step while the screen does

    def __len__(self) -> int:
        return len(self._hs)

    def _block(self, i: int) -> tuple[Array, Array]:
        b = i // self._rows
        with self._lock:
            if b in self._blocks:
                self._blocks.move_to_end(b)
                return self._blocks[b]
        lo, hi = b * self._rows, min(len(self._hs), (b + 1) * self._rows)
        if self._rows == 1:
            scores = logits(self._params, self._hs[lo])[None]
        else:
            scores = logits(self._params, np.stack(self._hs[lo:hi]))
        y = softmax(scores)
        best = np.argmax(y, axis=1)
        block = (sealed(scores), sealed(y))
        with self._lock:
            self._best[lo:hi] = best
            self._p_best[lo:hi] = y[np.arange(hi - lo), best]
            self._blocks[b] = block
            while len(self._blocks) > BLOCKS_KEPT:
                self._blocks.popitem(last=False)
        return block

    def logits(self, i: int) -> Array:
        """W_out h + b_out for the i-th h (read-only)."""
        row: Array = self._block(i)[0][i % self._rows]
        return row

    def y(self, i: int) -> Array:
        """softmax(W_out h + b_out) for the i-th h (read-only)."""
        row: Array = self._block(i)[1][i % self._rows]
        return row

    def best(self, i: int) -> int:
        """The most likely output for the i-th h (the first, where two tie)."""
        if self._best[i] < 0:
            self._block(i)
        return int(self._best[i])

    def p_best(self, i: int) -> float:
        """Its probability: y[best]."""
        if self._best[i] < 0:
            self._block(i)
        return float(self._p_best[i])
