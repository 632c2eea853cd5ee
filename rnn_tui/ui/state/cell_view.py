"""What the Unroll scene shows of a GRU or LSTM step: its sub-steps (the gates in the order the
cell computes them), the equation pane's columns at each, its titles and the caption to read
aloud. Plain data read from the engine's records (no Textual); the Elman cell's are in unroll.py.

    GRU:  reset r, update z, candidate n, h = (1 - z) * n + z * h_{t-1}
    LSTM: forget f, input i, candidate g, c = f * c_{t-1} + i * g, output o, h = o * tanh(c)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from rnn_tui.engine.gate_terms import gate_terms
from rnn_tui.engine.gated import GRUStep, LSTMStep
from rnn_tui.engine.rnn import Array
from rnn_tui.engine.trace import Step
from rnn_tui.ui.state.wording import fixed, signed, sub

# The sub-steps of a gated step. The candidate is n in a GRU, g in an LSTM; NEW_H makes h_t.
RESET, UPDATE, CANDIDATE, NEW_H = "reset", "update", "candidate", "h"
FORGET, INGATE, CELL, OUTGATE = "forget", "in", "cell", "out"
GRU_PHASES = (RESET, UPDATE, CANDIDATE, NEW_H)
LSTM_PHASES = (FORGET, INGATE, CANDIDATE, CELL, OUTGATE, NEW_H)
GATED_PHASES = (RESET, UPDATE, FORGET, INGATE, CANDIDATE, CELL, OUTGATE, NEW_H)
GATE_OF = {RESET: "r", UPDATE: "z", FORGET: "f", INGATE: "i", OUTGATE: "o"}
GATE_NAMES = {"r": "reset gate", "z": "update gate", "f": "forget gate", "i": "input gate", "o": "output gate",
              "n": "candidate", "g": "candidate"}


def cell_phases(step: Step) -> tuple[str, ...]:
    """A gated step's sub-steps in order; () for an Elman step."""
    if isinstance(step.cell, LSTMStep):
        return LSTM_PHASES
    if isinstance(step.cell, GRUStep):
        return GRU_PHASES
    return ()


def gate_of(step: Step, phase: str) -> str | None:
    """The gate a sub-step computes ("f", "g", ...), None for c and h."""
    if phase == CANDIDATE:
        return "g" if isinstance(step.cell, LSTMStep) else "n"
    return GATE_OF.get(phase)


class Column(NamedTuple):
    """One column of the equation pane: lit while `phase` is computed, shown once it is done."""

    phase: str
    label: str         # with subscripts
    short: str         # for a narrow pane
    values: Array      # one per unit
    gate: bool = False  # a σ gate's 0..1 value: drawn as a bar where there is room


def columns(step: Step, phase: str | None) -> tuple[Column, ...]:
    """The equation pane's columns: at a gate's sub-step its equation term by term; at c's and h's
    the products that make them; for the whole step (phase None) every gate's value."""
    t, p = sub(step.t), sub(step.t - 1)
    cell = step.cell
    if phase is None:
        gates = cell.gates if isinstance(cell, (GRUStep, LSTMStep)) else ()
        order = [g for name in ("f", "i", "g", "o", "r", "z", "n") for g in gates if g.name == name]
        return tuple(Column(_phase_of(g.name), f"{g.name}{t}", g.name, g.value, g.squash == "σ")
                     for g in order)
    gate = gate_of(step, phase)
    if gate is not None:
        assert isinstance(cell, (GRUStep, LSTMStep))
        terms = gate_terms(cell, gate)
        up = gate.upper() if gate != "n" else "N"
        squash = "σ" if cell.SQUASH[cell.GATES.index(gate)] == "σ" else "tanh"
        if gate == "n":
            return (Column(phase, f"W_in x{t}", "W x", terms.w_x), Column(phase, "b_in", "b", terms.bias),
                    Column(phase, f"r{t}·(W h+b)", "r·Wh", terms.w_h), Column(phase, "sum", "sum", terms.pre),
                    Column(phase, f"n{t}=tanh", "n", terms.value))
        return (Column(phase, f"W_i{gate} x{t}", "W x", terms.w_x), Column(phase, f"W_h{gate} h{p}", "W h", terms.w_h),
                Column(phase, f"b_{gate}", "b", terms.bias), Column(phase, "sum", "sum", terms.pre),
                Column(phase, f"{gate}{t}={squash}", up, terms.value, squash == "σ"))
    if isinstance(cell, LSTMStep) and phase == CELL:
        return (Column(phase, f"f{t}", "f", cell.gate("f").value, True), Column(phase, f"c{p}", "c", cell.c_prev),
                Column(phase, f"f·c{p}", "f·c", cell.f_c), Column(phase, f"i{t}·g{t}", "i·g", cell.i_g),
                Column(phase, f"c{t}", "c", cell.c))
    if isinstance(cell, LSTMStep):  # h_t = o_t * tanh(c_t)
        return (Column(phase, f"o{t}", "o", cell.gate("o").value, True), Column(phase, f"c{t}", "c", cell.c),
                Column(phase, f"tanh c{t}", "tanh", cell.tanh_c), Column(phase, f"h{t}", "h", cell.h))
    assert isinstance(cell, GRUStep)  # h_t = (1 - z_t) * n_t + z_t * h_{t-1}
    return (Column(phase, f"z{t}", "z", cell.gate("z").value, True), Column(phase, f"n{t}", "n", cell.gate("n").value),
            Column(phase, f"(1-z)·n{t}", "(1-z)n", cell.from_n), Column(phase, f"z·h{p}", "z·h", cell.from_h),
            Column(phase, f"h{t}", "h", cell.h))


def _phase_of(gate: str) -> str:
    if gate in ("n", "g"):
        return CANDIDATE
    return next(phase for phase, name in GATE_OF.items() if name == gate)


def equation(step: Step, phase: str | None) -> str:
    """The equation pane's title: the sub-step's equation, or the cell's last one for the whole step."""
    t, p = sub(step.t), sub(step.t - 1)
    x = f"[x{t}; c]" if step.cell.wc is not None else f"x{t}"
    gate = None if phase is None else gate_of(step, phase)
    if gate == "n":
        return f"n{t} = tanh(W_in {x}+b_in + r{t}⊙(W_hn h{p}+b_hn))"  # short enough for 80 columns
    if gate is not None:
        squash = "tanh" if gate == "g" else "σ"
        return f"{gate}{t} = {squash}(W_i{gate} {x} + W_h{gate} h{p} + b_{gate})"
    if isinstance(step.cell, LSTMStep):
        if phase == CELL:
            return f"c{t} = f{t}⊙c{p} + i{t}⊙g{t}"
        if phase == NEW_H:
            return f"h{t} = o{t}⊙tanh(c{t})"
        return f"LSTM gates f i g o at t={step.t}: c{t} = f⊙c{p} + i⊙g"
    if phase == NEW_H:
        return f"h{t} = (1 - z{t})⊙n{t} + z{t}⊙h{p}"
    return f"GRU gates r z n at t={step.t}: h{t} = (1-z)⊙n + z⊙h{p}"


def subtitle(step: Step, phase: str | None) -> str:
    """The pane's lower border: what the gate does, in words."""
    gate = None if phase is None else gate_of(step, phase)
    if phase is None:
        return "σ gates 0..1: 0 shuts, 1 lets all through"
    return {
        "f": "how much of c it keeps", "i": "how much of g it writes", "g": "what it could write",
        "o": "how much of tanh(c) shows", "r": "how much of W_hn h reaches n", "z": "how much of h it keeps",
        "n": "the new candidate", None: "⊙: unit by unit",
    }[gate]


def focus_unit(step: Step) -> int:
    """The unit a caption talks about: the one whose h moved most at this step (the first, on a tie)."""
    return int(np.argmax(np.abs(step.h - step.h_prev)))


def caption(step: Step, phase: str) -> str:
    """One line to read aloud for a gated sub-step, with one unit's numbers in words."""
    cell, j = step.cell, focus_unit(step)
    t, p, u = sub(step.t), sub(step.t - 1), f"unit {j + 1}"
    head = f"t={step.t}: "
    gate = gate_of(step, phase)

    def g(name: str) -> str:
        assert isinstance(cell, (GRUStep, LSTMStep))
        return fixed(float(cell.gate(name).value[j]))

    if isinstance(cell, LSTMStep):
        said = {
            FORGET: f"the forget gate keeps {g('f')} of c{p} in {u} (1 keeps all, 0 forgets)",
            INGATE: f"the input gate lets {g('i')} of the candidate into c{t} in {u}",
            CANDIDATE: f"the candidate g{t} is what {u} could write: {signed(float(cell.gate('g').value[j]))}",
            CELL: f"c{t} = f⊙c{p} + i⊙g: {u}'s memory goes from {signed(float(cell.c_prev[j]))} "
                  f"to {signed(float(cell.c[j]))}",
            OUTGATE: f"the output gate shows {g('o')} of tanh(c{t}) in {u}",
            NEW_H: f"h{t} = o⊙tanh(c{t}): {u} goes from {signed(float(step.h_prev[j]))} to {signed(float(step.h[j]))}",
        }
        return head + said[phase]
    assert isinstance(cell, GRUStep)
    z = g("z")
    said = {
        RESET: f"the reset gate lets {g('r')} of W_hn h{p} into the candidate in {u}",
        UPDATE: f"the update gate keeps {z} of h{p} in {u}, takes the rest from the candidate",
        CANDIDATE: f"the candidate n{t} is what {u} could become: {signed(float(cell.gate('n').value[j]))}",
        NEW_H: f"h{t} = (1-z)⊙n + z⊙h{p}: {u} goes from {signed(float(step.h_prev[j]))} "
               f"to {signed(float(step.h[j]))}",
    }
    assert gate is None or phase in said
    return head + said[phase]


class OverTime(NamedTuple):
    """One of a unit's gates (or its memory cell) at every step of the sentence, for the unit close-up."""

    label: str         # "f forget gate"
    values: Array      # (T,)
    low: float         # the scale a sparkline draws it on: 0..1 for a σ gate, -1..1 otherwise
    high: float


def over_time(steps: Sequence[Step], j: int) -> tuple[OverTime, ...]:
    """Unit j's gates at every step, in the order the cell computes them (and an LSTM's c); () for Elman."""
    first = steps[0].cell if steps else None
    if not isinstance(first, (GRUStep, LSTMStep)):
        return ()
    order = ("f", "i", "g", "o") if isinstance(first, LSTMStep) else ("r", "z", "n")
    # Unit j of every gate, a step at a time: a trace's step works its gates out again when read.
    unit = np.array([[float(g.value[j]) for g in s.cell.gates] for s in steps]).reshape(len(steps), -1)  # type: ignore[union-attr]
    rows = []
    for name in order:
        k = first.GATES.index(name)
        squash, values = first.SQUASH[k], unit[:, k]
        rows.append(OverTime(f"{name} {GATE_NAMES[name]}", values, 0.0 if squash == "σ" else -1.0, 1.0))
    if isinstance(first, LSTMStep):
        rows.append(OverTime("c memory cell", np.array([float(s.cell.c[j]) for s in steps]),  # type: ignore[union-attr]
                             -1.0, 1.0))
    return tuple(rows)


def candidate_block(cell: str) -> tuple[int, str, str]:
    """Which block of a cell's stacked W_hh and W_ih rows the unit close-up shows, and their names:
    the candidate's (g in an LSTM, n in a GRU), which says what a unit may write; Elman's one block."""
    return {"lstm": (2, "W_hg", "W_ig"), "gru": (2, "W_hn", "W_in")}.get(cell, (0, "W_hh", "W_ih"))
