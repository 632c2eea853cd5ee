"""What the screen shows, as plain data: the trace, the cursor over it, and the sub-step.
Panes read a View; none of them recomputes the maths. No Textual here, so it is easy to test."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rnn_tui.engine.models import trained_note as model_note
from rnn_tui.engine.topologies import FEEDBACK, NOTHING
from rnn_tui.engine.trace import Step, Trace

# The sub-steps of one time step, in the order the cell computes them.
INPUT, RECURRENT, BIAS, TANH, SCORES, SOFTMAX = "input", "recurrent", "bias", "tanh", "scores", "softmax"
CELL_PHASES = (INPUT, RECURRENT, BIAS, TANH)
OUTPUT_PHASES = (SCORES, SOFTMAX)



def phases(step: Step) -> tuple[str, ...]:
    return CELL_PHASES + (OUTPUT_PHASES if step.has_output else ())


def sub(n: int | str) -> str:
    """Subscript digits, as on the board: h₂."""
    return str(n).translate(str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋"))


@dataclass(frozen=True)
class View:
    trace: Trace
    cursor: int = 0        # index into trace.steps
    substep: int = -1      # index into phases(step); -1 is the whole step, nothing lit
    hidden: bool = False   # predict, then reveal: this step's results are not shown yet
    folded: bool = False
    guessing: bool = False  # guess mode: no future output is drawn anywhere

    @property
    def step(self) -> Step:
        return self.trace.steps[self.cursor]

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
    def complete(self) -> bool:
        """The whole step at once (reached with a time-step key): everything shown, nothing lit."""
        return self.substep < 0

    def done(self, phase: str) -> bool:
        """Whether `phase` has been computed at this sub-step (and may be shown)."""
        if phase not in self.phases:
            return False
        if self.hidden and phase in (TANH, SCORES, SOFTMAX):
            return False
        return self.phases.index(phase) <= self.phase_index

    def active(self, phase: str) -> bool:
        """Whether `phase` is the term being computed now (lit on screen)."""
        return not self.complete and self.phase == phase

    def replace(self, **changes) -> "View":
        return dataclasses.replace(self, **changes)


def trained_note(trace: Trace) -> str | None:
    """None when the weights were trained for what this topology shows, else a warning."""
    return model_note(trace.model, trace.topology.name)


def quoted(word: str | None) -> str:
    return "nothing" if word is None else f"'{word}'"


def caption(view: View) -> str:
    """One line a lecturer can read aloud: what this (sub-)step just did."""
    s, t, top = view.step, view.step.t, view.trace.topology
    prev = f"h{sub(t - 1)}"
    h = f"h{sub(t)}"
    if s.source == NOTHING:
        reads = f"t={t}: reads nothing (x{sub(t)} = 0): the decoder starts from {prev} alone"
    elif s.source == FEEDBACK:
        reads = f"t={t}: reads its own last output {quoted(s.input_token)}"
    else:
        reads = f"t={t}: reads {quoted(s.typed)}"
        if s.typed != s.input_token:
            reads += f", not in the vocabulary, so as {s.input_token}"
    phase = view.phase
    if view.hidden:
        return f"{reads}. What will {h} be? Guess, then press space (or r) to reveal."
    if not view.complete:
        col = "" if s.x_index is None else f"column {s.x_index} of W_ih"
        return {
            INPUT: f"{reads}: x{sub(t)} is one-hot, so W_ih x{sub(t)} is just {col or 'zero'}",
            RECURRENT: f"t={t}: add W_hh {prev}: the memory of every word before" if t > 1
            else f"t={t}: add W_hh h₀: h₀ is all zeros, so this adds nothing",
            BIAS: f"t={t}: add the two biases b_ih + b_hh (the same at every step)",
            TANH: f"t={t}: tanh squashes the sum into (-1, 1): that is {h}",
            SCORES: f"t={t}: W_out {h} + b_out gives one score per label",
            SOFTMAX: f"t={t}: softmax turns the scores into probabilities",
        }[phase]
    text = reads + (f"; {h} mixes it with {prev}" if t > 1 else f"; {h} starts from h₀ = 0")
    if s.has_output:
        label = view.trace.model.labels[s.predicted]
        text += f"; predicts {quoted(label)} ({s.y[s.predicted]:.0%})"
    else:
        text += f"; no output here in {top.name}"
    return text


def topology_line(trace: Trace) -> str:
    """The topology's name and shape, and which steps take input and give output."""
    top = trace.topology
    ins = "".join("x" if s.source != NOTHING else "·" for s in trace.steps)
    outs = "".join("y" if s.has_output else "·" for s in trace.steps)
    if len(ins) > 16:
        ins, outs = ins[:15] + "…", outs[:15] + "…"
    return f"{top.shape}, e.g. {top.example}: inputs {ins}, outputs {outs}"
