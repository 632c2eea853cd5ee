"""A forward pass, recorded once: one immutable Step per time step. Stepping through it
in the app only moves a cursor; no pane recomputes the maths."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from rnn_tui.engine.rnn import Model, readout, softmax
from rnn_tui.engine.text import EOS
from rnn_tui.engine.topologies import FEEDBACK, WORD, Topology


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=np.float64)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class Step:
    t: int                    # 1-based, as on the board
    source: str               # WORD, FEEDBACK or NOTHING
    input_token: str | None   # the token as the model reads it (an unknown word reads as <unk>)
    typed: str | None         # the word as typed, before the vocabulary saw it
    x_index: int | None       # the hot index of x_t; None for the zero vector
    h_prev: np.ndarray        # h_{t-1}
    wx: np.ndarray            # W_ih x_t: column x_index of W_ih
    wh: np.ndarray            # W_hh h_{t-1}
    b_ih: np.ndarray
    b_hh: np.ndarray
    pre: np.ndarray           # the sum of the four terms above
    h: np.ndarray             # tanh(pre)
    logits: np.ndarray | None  # W_out h_t + b_out, where the topology reads an output
    y: np.ndarray | None      # softmax(logits)

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
    h0: np.ndarray

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words as the model reads them (unknown ones as <unk>)."""
        return tuple(self.model.vocab.shown(w) for w in self.words)

    @property
    def outputs(self) -> list[str]:
        return [self.model.labels[s.predicted] for s in self.steps if s.has_output]

    @property
    def output(self) -> str | list[str]:
        """One label for a single-output topology, else the sequence of labels."""
        outs = self.outputs
        return outs[0] if len(outs) == 1 else outs

    def readout_every_step(self) -> np.ndarray:
        """(T, O): the output layer applied to every h_t, even where the topology reads none:
        what a many-to-one model would say if the sentence stopped at each word."""
        return readout(self.model.params, self.hidden_states)

    @property
    def hidden_states(self) -> np.ndarray:
        """(T, H): h_1 .. h_T."""
        return np.stack([s.h for s in self.steps])


def run(model: Model, words: Sequence[str], topology: Topology, gen_steps: int = 5,
        h0: np.ndarray | None = None) -> Trace:
    """Run the cell along the topology's schedule and record every step."""
    p, vocab = model.params, model.vocab
    H = p.hidden_size
    h = np.zeros(H) if h0 is None else np.asarray(h0, dtype=np.float64)
    h0 = _frozen(h)
    b_ih, b_hh = _frozen(p.b_ih), _frozen(p.b_hh)
    zero = np.zeros(H)
    steps: list[Step] = []
    fed_back: str | None = None
    for t, plan in enumerate(topology.schedule(len(words), gen_steps), start=1):
        if plan.source == FEEDBACK and fed_back == EOS:
            break  # the model said the sentence is over
        if plan.source == WORD:
            typed = words[plan.position]
        elif plan.source == FEEDBACK:
            typed = fed_back
        else:
            typed = None
        x_index = None if typed is None else vocab.index(typed)
        wx = p.W_ih[:, x_index] if x_index is not None else zero
        wh = p.W_hh @ h
        pre = wx + b_ih + wh + b_hh
        h_new = np.tanh(pre)
        logits = y = None
        if plan.output:
            logits = p.W_out @ h_new + p.b_out
            y = softmax(logits)
            fed_back = model.labels[int(np.argmax(y))]
        steps.append(Step(
            t=t, source=plan.source,
            input_token=None if typed is None else vocab.shown(typed),
            typed=typed, x_index=x_index,
            h_prev=_frozen(h), wx=_frozen(wx), wh=_frozen(wh), b_ih=b_ih, b_hh=b_hh,
            pre=_frozen(pre), h=_frozen(h_new),
            logits=None if logits is None else _frozen(logits),
            y=None if y is None else _frozen(y),
        ))
        h = h_new
    return Trace(model=model, topology=topology, words=tuple(words), steps=tuple(steps), h0=h0)
