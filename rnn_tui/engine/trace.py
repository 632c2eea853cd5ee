"""A forward pass, recorded once: one immutable Step per time step. Stepping through it
in the app only moves a cursor; no pane recomputes the maths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from rnn_tui.engine.cells import ELMAN, ElmanStep, read_only
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Array, Model, logits, readout, softmax
from rnn_tui.engine.text import EOS
from rnn_tui.engine.topologies import FEEDBACK, WORD, Topology, refusal


def _from_cell(name: str) -> Any:
    """A read-only attribute of a Step that is the same-named field of its cell's record."""
    return property(lambda step: getattr(step.cell, name), doc=f"the cell's {name}")


@dataclass(frozen=True, eq=False)
class Step:
    t: int                     # 1-based, as on the board
    source: str                # WORD, FEEDBACK or NOTHING
    input_token: str | None    # the token as the model reads it (an unknown word reads as <unk>)
    typed: str | None          # the word as typed, before the vocabulary saw it
    cell: ElmanStep            # the cell's sub-steps: W_ih x, W_hh h, the biases, the sum, tanh
    logits: Array | None       # W_out h_t + b_out, where the topology reads an output
    y: Array | None            # softmax(logits)

    # The cell's sub-steps by name, as the panes read them: x_index, h_prev, wx, wh, b_ih, b_hh, pre, h.
    x_index = _from_cell("x_index")
    h_prev = _from_cell("h_prev")
    wx = _from_cell("wx")
    wh = _from_cell("wh")
    b_ih = _from_cell("b_ih")
    b_hh = _from_cell("b_hh")
    pre = _from_cell("pre")
    h = _from_cell("h")

    @property
    def has_output(self) -> bool:
        return self.y is not None

    @property
    def predicted(self) -> int | None:
        return None if self.y is None else int(np.argmax(self.y))


@dataclass(frozen=True, eq=False)
class Trace:
    model: Model
    topology: Topology
    words: tuple[str, ...]      # the sentence's words as typed (lowercased)
    steps: tuple[Step, ...]
    h0: Array

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words as the model reads them (unknown ones as <unk>)."""
        return tuple(self.model.vocab.shown(w) for w in self.words)

    @property
    def outputs(self) -> list[str]:
        return [self.model.labels[s.predicted] for s in self.steps if s.predicted is not None]

    @property
    def output(self) -> str | list[str]:
        """One label for a single-output topology, else the sequence of labels."""
        outs = self.outputs
        return outs[0] if len(outs) == 1 else outs

    def readout_every_step(self) -> Array:
        """(T, O): the output layer applied to every h_t, even where the topology reads none:
        what a many-to-one model would say if the sentence stopped at each word."""
        return readout(self.model.params, self.hidden_states)

    @property
    def hidden_states(self) -> Array:
        """(T, H): h_1 .. h_T."""
        return np.stack([s.h for s in self.steps])


def run(model: Model, words: Sequence[str], topology: Topology, gen_steps: int = 5,
        h0: Array | None = None) -> Trace:
    """Step the cell along the topology's schedule and record every step. Raises InputError,
    saying why, when the model cannot run the topology (a classifier asked to write words)."""
    refused = refusal(model, topology)
    if refused is not None:
        raise InputError(refused)
    p, vocab = model.params, model.vocab
    h = read_only(np.zeros(p.hidden_size) if h0 is None else h0)
    first = h
    steps: list[Step] = []
    fed_back: str | None = None
    for t, plan in enumerate(topology.schedule(len(words), gen_steps), start=1):
        if plan.source == FEEDBACK and fed_back == EOS:
            break  # the model said the sentence is over
        if plan.source == WORD:
            assert plan.position is not None
            typed: str | None = words[plan.position]
        elif plan.source == FEEDBACK:
            typed = fed_back
        else:
            typed = None
        cell = ELMAN.step(p, None if typed is None else vocab.index(typed), h)
        scores = y = None
        if plan.output:
            scores = read_only(logits(p, cell.h))
            y = read_only(softmax(scores))
            fed_back = model.labels[int(np.argmax(y))]
        steps.append(Step(t=t, source=plan.source, input_token=None if typed is None else vocab.shown(typed),
                          typed=typed, cell=cell, logits=scores, y=y))
        h = cell.h
    return Trace(model=model, topology=topology, words=tuple(words), steps=tuple(steps), h0=first)
