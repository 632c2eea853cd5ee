"""The Unroll scene's state as plain data: the trace, the cursor over it, the sub-step and the
modes (guess, fold, play). Keys replace it through the transitions below; every pane draws from
it and none recomputes the maths. No Textual here, so Hypothesis can drive it directly."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rnn_tui.engine.models import trained_note as model_note
from rnn_tui.engine.topologies import FEEDBACK, NOTHING, WORD, only_had_it_stopped, outputs_are_words
from rnn_tui.engine.trace import Step, Trace
from rnn_tui.ui.state import cell_view
from rnn_tui.ui.state.cell_view import GATED_PHASES, NEW_H, cell_phases
from rnn_tui.ui.state.wording import percent, sub

# The sub-steps of one time step, in the order the cell computes them (a GRU's and an LSTM's
# gates are in cell_view.py).
INPUT, RECURRENT, BIAS, TANH, SCORES, SOFTMAX = "input", "recurrent", "bias", "tanh", "scores", "softmax"
CELL_PHASES = (INPUT, RECURRENT, BIAS, TANH)
OUTPUT_PHASES = (SCORES, SOFTMAX)
RESULTS = (TANH, SCORES, SOFTMAX, *GATED_PHASES)  # what guess mode hides until the reveal

SPEEDS = (3.0, 2.0, 1.0, 0.5, 0.25, 0.1, 0.03)  # seconds per step while playing
DEFAULT_SPEED = 2


def phases(step: Step) -> tuple[str, ...]:
    return (cell_phases(step) or CELL_PHASES) + (OUTPUT_PHASES if step.has_output else ())


def quoted(word: str | None) -> str:
    return "nothing" if word is None else f"'{word}'"


@dataclass(frozen=True)
class UnrollState:
    trace: Trace
    cursor: int = 0          # index into trace.steps
    substep: int = -1        # index into phases(step); -1 is the whole step, nothing lit
    hidden: bool = False     # predict, then reveal: this step's results are not shown yet
    folded: bool = False     # the chain drawn as one cell with its loop
    guessing: bool = False   # guess mode: each step reached going forward starts hidden
    playing: bool = False    # a timer presses "next step" every SPEEDS[speed] seconds
    speed: int = DEFAULT_SPEED
    where: str = ""          # "sentence 2/3" or "typed 1", for the status line
    text: str = ""           # the sentence as typed: user text, drawn through ui.safe
    refused: str | None = None  # why the topology last asked for cannot run this model (a classifier
                                # cannot write words): the caption says so until the next key

    # ---- derived: what the panes draw -------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.trace.steps[self.cursor]

    @property
    def last_index(self) -> int:
        return len(self.trace.steps) - 1

    @property
    def phases(self) -> tuple[str, ...]:
        return phases(self.step)

    @property
    def phase_index(self) -> int:
        return len(self.phases) - 1 if self.substep < 0 else min(self.substep, len(self.phases) - 1)

    @property
    def phase(self) -> str:
        return self.phases[self.phase_index]

    @property
    def h_phase(self) -> str:
        """The sub-step that makes h_t: tanh for the Elman cell, the last one for a gated cell."""
        return TANH if self.trace.cell == "elman" else NEW_H

    @property
    def reading_x(self) -> bool:
        """Whether this sub-step reads x_t (lights the one-hot): the Elman cell's W_ih x, a gate's W_i? x."""
        return not self.complete and (self.phase == INPUT or cell_view.gate_of(self.step, self.phase) is not None)

    @property
    def complete(self) -> bool:
        """The whole step at once (reached with a time-step key): everything shown, nothing lit."""
        return self.substep < 0

    def done(self, phase: str) -> bool:
        """Whether `phase` has been computed at this sub-step (and may be shown)."""
        if phase not in self.phases or (self.hidden and phase in RESULTS):
            return False
        return self.phases.index(phase) <= self.phase_index

    def active(self, phase: str) -> bool:
        """Whether `phase` is the term being computed now (lit on screen)."""
        return not self.complete and self.phase == phase

    def secret(self, index: int) -> bool:
        """Whether step `index`'s output (and an input fed back from it) must not be drawn:
        in guess mode, no output after the cursor, nor the cursor's own before the reveal."""
        return (self.guessing and index > self.cursor) or (index == self.cursor and self.hidden)

    def word_secret(self, index: int) -> bool:
        """Whether step `index`'s input word must not be drawn: in guess mode, a next-word model's
        next input is the answer to the prediction before it, so it stays hidden until that is revealed."""
        if index <= 0 or index > self.last_index or not self.secret(index - 1):
            return False
        before, step = self.trace.steps[index - 1], self.trace.steps[index]
        return step.source == WORD and before.has_output and outputs_are_words(self.trace.model)

    @property
    def shown_words(self) -> tuple[str, ...] | None:
        """The sentence's words that may be shown, up to the first secret one; None when all may."""
        first = next((i for i in range(1, len(self.trace.steps)) if self.word_secret(i)), None)
        if first is None:
            return None
        return tuple(s.typed or "" for s in self.trace.steps[:first] if s.source == WORD)

    @property
    def seconds_per_step(self) -> float:
        return SPEEDS[self.speed]

    @property
    def caption(self) -> str:
        return caption(self)

    @property
    def topology_line(self) -> str:
        return topology_line(self.trace)

    @property
    def topology_parts(self) -> tuple[tuple[str, int, int], ...]:
        return topology_parts(self.trace)

    @property
    def trained_note(self) -> str | None:
        return trained_note(self.trace)

    # ---- transitions: each returns a new state (an equal one when the key does nothing) ----

    def _go(self, cursor: int, substep: int = -1, hidden: bool | None = None) -> UnrollState:
        cursor = max(0, min(cursor, self.last_index))
        if hidden is None:
            hidden = self.guessing and cursor > self.cursor  # only going forward hides a step
        return replace(self, cursor=cursor, substep=substep, hidden=hidden, refused=None)

    def next_step(self) -> UnrollState:
        """The next time step; in guess mode the first press reveals, the next one moves on.
        At the last step it stops playing."""
        if self.hidden:
            return self._go(self.cursor, hidden=False)
        if self.cursor < self.last_index:
            return self._go(self.cursor + 1)
        return replace(self, playing=False)

    def prev_step(self) -> UnrollState:
        return self._go(self.cursor - 1, hidden=False)

    def first(self) -> UnrollState:
        return self._go(0, hidden=False)

    def last(self) -> UnrollState:
        return self._go(self.last_index, hidden=False)

    def jump(self, index: int) -> UnrollState:
        """A timeline cell was clicked: that whole step, revealed."""
        return self._go(index, hidden=False)

    # Sub-steps: the terms of one step, in the order the cell computes them. From the whole
    # step, down starts its first sub-step; past the last it goes on to the next step's first.
    def next_substep(self) -> UnrollState:
        if self.hidden:
            return self._go(self.cursor, hidden=False)
        if self.complete:
            return self._go(self.cursor, 0, hidden=False)
        if self.substep + 1 < len(self.phases):
            return self._go(self.cursor, self.substep + 1, hidden=False)
        if self.cursor < self.last_index:
            return self._go(self.cursor + 1, 0, hidden=False)
        return self

    def prev_substep(self) -> UnrollState:
        if self.complete:
            return self._go(self.cursor, len(self.phases) - 1, hidden=False)
        if self.substep > 0:
            return self._go(self.cursor, self.substep - 1, hidden=False)
        if self.cursor > 0:
            return self._go(self.cursor - 1, len(phases(self.trace.steps[self.cursor - 1])) - 1, hidden=False)
        return self

    def reveal(self) -> UnrollState:
        return replace(self, hidden=False)

    def toggle_guess(self) -> UnrollState:
        return replace(self, guessing=not self.guessing, hidden=False)

    def toggle_fold(self) -> UnrollState:
        return replace(self, folded=not self.folded)

    def toggle_play(self) -> UnrollState:
        """Play or pause; playing from the last step starts again at the first."""
        if self.playing:
            return replace(self, playing=False)
        start = self.first() if self.cursor >= self.last_index else self
        return replace(start, playing=True)

    def pause(self) -> UnrollState:
        return replace(self, playing=False)

    def with_speed(self, delta: int) -> UnrollState:
        """Faster (+1) or slower (-1), within SPEEDS."""
        return replace(self, speed=max(0, min(len(SPEEDS) - 1, self.speed + delta)))

    def with_trace(self, trace: Trace, where: str | None = None, text: str | None = None) -> UnrollState:
        """A new sentence or topology: its first step, keeping the modes (fold, guess, play)."""
        return replace(self, trace=trace, cursor=0, substep=-1, hidden=self.guessing, refused=None,
                       where=self.where if where is None else where, text=self.text if text is None else text)

    def with_cell(self, trace: Trace) -> UnrollState:
        """The same sentence through another cell: the same time step (where it has one), the whole step."""
        moved = replace(self, trace=trace, substep=-1, refused=None)
        return replace(moved, cursor=min(self.cursor, moved.last_index))

    def refuse(self, why: str) -> UnrollState:
        """A topology this model cannot run was asked for: the same trace, and the caption says why."""
        return replace(self, refused=why, playing=False)


STOPPED_HERE = "had the sentence stopped here"  # a many-to-one model's readout before the last word


def only_if_stopped(trace: Trace, step: Step) -> bool:
    """Whether `step`'s output is only what a many-to-one model would say had the sentence
    stopped there: it was trained to answer at the last word alone."""
    return only_had_it_stopped(trace.model, step.source, step.t, len(trace.words))


def trained_note(trace: Trace) -> str | None:
    """None when the weights were trained for what this topology shows, else a warning."""
    return model_note(trace.model, trace.topology.name)


def caption(state: UnrollState) -> str:
    """One line a lecturer can read aloud: what this (sub-)step just did."""
    if state.refused is not None:
        return f"⚠ {state.refused}"
    s, t, top = state.step, state.step.t, state.trace.topology
    prev = f"h{sub(t - 1)}"
    h = f"h{sub(t)}"
    # In an encoder-decoder with weights of its own for each half, the caption says whose step it is.
    who = f"the {s.part}" if s.part else ""
    if s.source == NOTHING and s.part:
        reads = f"t={t}: the decoder starts from {prev}, reads nothing"
    elif s.source == NOTHING:
        reads = f"t={t}: reads nothing (x{sub(t)} = 0): the decoder starts from {prev} alone"
    elif s.source == FEEDBACK and s.part:
        reads = f"t={t}: {who} reads the word it wrote, {quoted(s.input_token)}"
    elif s.source == FEEDBACK:
        reads = f"t={t}: reads its own last output {quoted(s.input_token)}"
    else:
        reads = f"t={t}: {who + ' ' if who else ''}reads {quoted(s.typed)}"
        if t == 1 and "backwards" in state.trace.reading:  # the shipped translation model's encoder
            reads = f"t=1: the encoder reads backwards, last word first: {quoted(s.typed)}"
        if s.typed != s.input_token:
            reads += f", not in the vocabulary, so as {s.input_token}"
    if state.hidden:
        return f"{reads}. What will {h} be? Guess, then press space (or r) to reveal."
    if not state.complete and state.phase in GATED_PHASES:
        return cell_view.caption(s, state.phase)
    if not state.complete:
        col = "" if s.x_index is None else f"column {s.x_index:,} of W_ih"
        input_term = f"{reads}: x{sub(t)} is one-hot, so W_ih x{sub(t)} is just {col or 'zero'}"
        if s.cell.wc is not None:  # a decoder that reads the encoder's last state beside its word
            input_term = f"t={t}: W_ih [x{sub(t)}; c]: {col or 'no word yet'}, plus c, the encoder's last state"
        return {
            INPUT: input_term,
            RECURRENT: f"t={t}: add W_hh {prev}: the memory of every word before" if t > 1
            else f"t={t}: add W_hh h₀: h₀ is all zeros, so this adds nothing",
            BIAS: f"t={t}: add the two biases b_ih + b_hh (the same at every step)",
            TANH: f"t={t}: tanh squashes the sum into (-1, 1): that is {h}",
            SCORES: f"t={t}: W_out {h} + b_out gives one score per label",
            SOFTMAX: f"t={t}: softmax turns the scores into probabilities"
            + (f", {STOPPED_HERE}" if only_if_stopped(state.trace, s) else ""),
        }[state.phase]
    best, sure = s.predicted, s.confidence  # kept for every step: no output layer to compute
    if best is not None and sure is not None and only_if_stopped(state.trace, s):
        # never trained to answer here: say what the output is, and keep the line short enough to read whole
        return f"{reads}; {STOPPED_HERE}: {quoted(state.trace.model.labels[best])} ({percent(sure)})"
    mixes = f"{h} mixes it with {prev}" if state.trace.cell == "elman" else f"the gates mix it with {prev} into {h}"
    text = reads + (f"; {mixes}" if t > 1 else f"; {h} starts from h₀ = 0")
    if best is not None and sure is not None and s.part == "decoder":
        text = f"{reads}; writes {quoted(state.trace.model.labels[best])} ({percent(sure)})"
    elif best is not None and sure is not None:  # where the topology reads an output
        text += f"; predicts {quoted(state.trace.model.labels[best])} ({percent(sure)})"
    elif state.trace.handover == state.cursor:
        text = f"{reads}; no output: {h} is all the decoder will know of it"
    elif s.part == "encoder":
        text = f"{reads}; no output yet" if t == 1 else f"{text}; no output yet"
    else:
        text += f"; no output here in {top.name}"
    return text


NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def number(n: int) -> str:
    """A count as a lecturer says it: words up to twelve, then digits."""
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else f"{n:,}"


def in_and_out(trace: Trace) -> str:
    """What goes in and what comes out, in words: "five words in, five out, one after each"."""
    steps = trace.steps
    words = sum(s.source == WORD for s in steps)
    fed = sum(s.source == FEEDBACK for s in steps)
    outs = sum(s.has_output for s in steps)
    said = f"{number(words)} word{'' if words == 1 else 's'} in, "
    if fed or any(s.source == NOTHING for s in steps):  # it writes: outputs after (or instead of) the words
        said += f"{'then ' if words > 1 else ''}{number(outs)} out"
        return said + (", each fed back in" if fed else "")
    if outs == 1 and len(steps) > 1:
        return said + "one out, after the last"
    if outs == len(steps) and outs > 1:
        return said + f"{number(outs)} out, one after each"
    return said + f"{number(outs)} out"


def topology_parts(trace: Trace) -> tuple[tuple[str, int, int], ...]:
    """The topology's line in parts (text, the order it is cut in, cells it keeps; see
    render.fit): its name and shape, what goes in and out in words, how it picks its words,
    and a task it suits, which goes first when the line is too long."""
    top = trace.topology
    parts = [(f"{top.key} {top.title}, {top.shape}", 4, 8), (f": {in_and_out(trace)}", 2, 14),
             (f"; e.g. {top.example}", 1, 0)]
    if trace.sampling:  # a generating topology: how it picks its words (what T and R change)
        parts.append((f"; {trace.sampling}", 3, 8))
    return tuple(parts)


def topology_line(trace: Trace) -> str:
    """The topology's name and shape, and what goes in and out, in words to read aloud."""
    return "".join(text for text, _, _ in topology_parts(trace))
