"""A trace's cell records, computed in order as they are first read, a chunk at a time, and kept.

Opening a 1,000-word sentence shows its first step: it need not wait for the thousandth (issue 15).
Where a topology's inputs are known before it runs (its words: one-to-one, many-to-one,
many-to-many), `Records` computes step i, and every step before it, only when step i is first
read, up to the end of i's chunk of CHUNK steps (a play through the sentence pauses for one chunk
every CHUNK steps, not for every step). Each record is the very call `run` would make eagerly,
`cells.step` on the previous step's h (and c), so what is read late is the same, bit for bit, as
what computing them all at once gives: the records are a pure function of the weights, the inputs
and h0. Anything that reads a later step (the last state, a many-to-one output, `hidden_states`)
computes up to it there and then.

Computing takes a lock, as a worker thread and the screen may both read a trace; a record is
visible only once it is whole. No thread finishes the rest in the background: a step is a few
Python calls around each matrix product, which would hold the GIL against the screen on a shared
2-core machine, and what is computed would depend on timing; End computes the rest there and
then, no more than opening the sentence took before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, overload

from rnn_tui.engine.cells import memory, step as cell_step
from rnn_tui.engine.gated import slim
from rnn_tui.engine.rnn import Array, Recurrent

CHUNK = 64  # steps computed at once: at H=1,024 about 20 ms, one frame's worth, while playing

Record = Any  # ElmanStep | GRUStep | LSTMStep, slim (gated.slim) as a trace keeps it


class Records:
    """The cell's records along a sentence of known inputs (hot indices, None for the zero
    vector), from h0 (and an LSTM's zero c0): records[i] is step i+1's, computed when first read."""

    def __init__(self, p: Recurrent | None, xs: Sequence[int | None], h0: Array,
                 done: Sequence[Record] = ()) -> None:
        self._p = p
        self._xs = tuple(xs)
        self._done: list[Record] = list(done)
        self._h0 = h0  # the first step starts from h0 (and an LSTM's zero c0); the others from the last kept
        self._lock = threading.Lock()

    @classmethod
    def computed(cls, records: Sequence[Record], h0: Array) -> Records:
        """Records already computed (a generating topology's: its inputs are its own outputs)."""
        return cls(None, (None,) * len(records), h0, done=records)

    def __len__(self) -> int:
        return len(self._xs)

    @property
    def done(self) -> int:
        """How many steps are computed so far (the first `done`)."""
        return len(self._done)

    def __getitem__(self, i: int) -> Record:
        n = len(self._xs)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"step index {i} out of range for {n} steps")
        if i >= len(self._done):
            self._compute_through(i)
        return self._done[i]

    def _compute_through(self, i: int) -> None:
        with self._lock:  # another thread may have computed them meanwhile: then there is nothing to do
            todo = self._xs[len(self._done):min(len(self._xs), (i // CHUNK + 1) * CHUNK)]
            if not todo:
                return
            assert self._p is not None  # records made `computed` hold every step already
            for x in todo:  # each from the last one kept: nothing else to keep in step, even if interrupted
                last = self._done[-1] if self._done else None
                h, c = (self._h0, None) if last is None else (last.h, memory(last))
                self._done.append(slim(cell_step(self._p, x, h, c_prev=c)))  # seen only once whole

    def states(self, at: Sequence[int]) -> States:
        """The h of the steps at these indices, each computed when read (an output layer's input)."""
        return States(self.__getitem__, tuple(at))


class States(Sequence[Array]):
    """h of some steps of a `Records`, computed when read: what `Readout` takes its rows from."""

    def __init__(self, record_at: Callable[[int], Record], at: tuple[int, ...]) -> None:
        self._record_at, self._at = record_at, at

    def __len__(self) -> int:
        return len(self._at)

    @overload
    def __getitem__(self, i: int) -> Array: ...
    @overload
    def __getitem__(self, i: slice) -> list[Array]: ...

    def __getitem__(self, i: int | slice) -> Array | list[Array]:
        if isinstance(i, slice):
            return [self._record_at(k).h for k in self._at[i]]
        h: Array = self._record_at(self._at[i]).h
        return h
