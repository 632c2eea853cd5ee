"""The gated cells in the Unroll scene: a GRU's and an LSTM's sub-steps, the equation pane's
columns and captions at each (plain data, checked against the engine's record of the step), the
session's cell switch over the same sentence, lecture mode's cell field; and, with Pilot, only
the wiring: the c key and what it puts on screen."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from rnn_tui.engine import tokenize
from rnn_tui.engine.arrays import sigmoid
from rnn_tui.engine.corpus import LECTURE_CORPUS
from rnn_tui.engine.models import load_model, untrained
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.lecture.protocol import Position
from rnn_tui.ui.app import RnnApp
from rnn_tui.ui.lecture.position import apply_to_session, position_of
from rnn_tui.ui.session import Session
from rnn_tui.ui.state import cell_view
from rnn_tui.ui.state.cell_view import CANDIDATE, CELL, FORGET, INGATE, NEW_H, OUTGATE, RESET, UPDATE
from rnn_tui.ui.state.unroll import SCORES, SOFTMAX, UnrollState
from rnn_tui.ui.state.wording import fixed, signed

from helpers import error_notices


def lecture_trace(cell: str, sentence: str = "Hi my name is Barry"):
    name = {"elman": "lecture-next-word", "gru": "lecture-next-word-gru", "lstm": "lecture-next-word-lstm"}[cell]
    return run(load_model(name), tokenize(sentence), topology_by_name("many-to-many"))


def walk(state: UnrollState) -> list[tuple[str, str]]:
    """(phase, caption) at every sub-step of the state's step, pressing down."""
    seen = []
    s = state.next_substep()
    while s.cursor == state.cursor and not s.complete:
        seen.append((s.phase, s.caption))
        nxt = s.next_substep()
        if nxt == s:
            break
        s = nxt
    return seen


# ---- the sub-steps and what each shows -----------------------------------------------------

def test_an_lstm_step_walks_forget_input_candidate_cell_output_h_and_says_each_in_words() -> None:
    tr = lecture_trace("lstm")
    state = UnrollState(tr).next_step()  # t=2, reads 'my'
    step = state.step
    j = cell_view.focus_unit(step)
    seen = walk(state)
    assert [p for p, _ in seen] == [FORGET, INGATE, CANDIDATE, CELL, OUTGATE, NEW_H, SCORES, SOFTMAX]
    captions = dict(seen)
    f = float(step.gates[1].value[j])
    assert step.gates[1].name == "f"
    assert captions[FORGET] == f"t=2: the forget gate keeps {fixed(f)} of c₁ in unit {j + 1} (1 keeps all, 0 forgets)"
    assert captions[CELL].endswith(f"unit {j + 1}'s memory goes from {signed(float(step.cell.c_prev[j]))} "
                                   f"to {signed(float(step.c[j]))}")
    assert captions[NEW_H].endswith(f"goes from {signed(float(step.h_prev[j]))} to {signed(float(step.h[j]))}")


def test_a_gru_step_walks_reset_update_candidate_h() -> None:
    state = UnrollState(lecture_trace("gru")).next_step()
    seen = walk(state)
    assert [p for p, _ in seen] == [RESET, UPDATE, CANDIDATE, NEW_H, SCORES, SOFTMAX]
    assert "reset gate lets" in dict(seen)[RESET] and "update gate keeps" in dict(seen)[UPDATE]


def test_each_gate_column_adds_up_to_its_pre_activation_and_squashes_to_its_value() -> None:
    """What the equation pane shows at a gate's sub-step: W x + W h + b = sum, then σ or tanh."""
    for cell, gated in (("lstm", (FORGET, INGATE, CANDIDATE, OUTGATE)), ("gru", (RESET, UPDATE))):
        step = lecture_trace(cell).steps[2]
        for phase in gated:
            w_x, w_h, b, pre, value = (c.values for c in cell_view.columns(step, phase))
            np.testing.assert_allclose(w_x + w_h + b, pre, atol=1e-12)
            squash = np.tanh if phase == CANDIDATE else sigmoid
            np.testing.assert_allclose(squash(pre), value, atol=1e-12)
            assert cell_view.gate_of(step, phase) in cell_view.equation(step, phase)


def test_the_gru_candidate_and_h_columns_are_pytorchs_equations() -> None:
    step = lecture_trace("gru").steps[3]
    r, z, n = (g.value for g in step.gates)
    w_x, b_in, r_hn, pre, value = (c.values for c in cell_view.columns(step, CANDIDATE))
    np.testing.assert_allclose(r_hn, r * step.cell.hn, atol=1e-12)      # r * (W_hn h + b_hn): b_hn inside
    np.testing.assert_allclose(np.tanh(w_x + b_in + r_hn), value, atol=1e-12)
    z_col, n_col, from_n, from_h, h = (c.values for c in cell_view.columns(step, NEW_H))
    np.testing.assert_allclose(from_n + from_h, h, atol=1e-12)
    np.testing.assert_allclose((1 - z) * n + z * step.h_prev, step.h, atol=1e-12)
    assert cell_view.equation(step, NEW_H) == "h₄ = (1 - z₄)⊙n₄ + z₄⊙h₃"


def test_the_lstm_cell_update_and_h_columns() -> None:
    step = lecture_trace("lstm").steps[1]
    f, c_prev, f_c, i_g, c = (col.values for col in cell_view.columns(step, CELL))
    np.testing.assert_allclose(f * c_prev, f_c, atol=1e-12)
    np.testing.assert_allclose(f_c + i_g, c, atol=1e-12)
    o, c2, tanh_c, h = (col.values for col in cell_view.columns(step, NEW_H))
    np.testing.assert_allclose(o * np.tanh(c2), h, atol=1e-12)
    np.testing.assert_array_equal(h, step.h)
    whole = cell_view.columns(step, None)  # the whole step: every gate's value, σ ones as bars
    assert [(col.label, col.gate) for col in whole] == [("f₂", True), ("i₂", True), ("g₂", False), ("o₂", True)]


def test_guess_mode_hides_every_gate_of_a_gated_step() -> None:
    state = UnrollState(lecture_trace("lstm")).toggle_guess().next_step()
    assert state.hidden and not any(state.done(p) for p in (FORGET, CELL, NEW_H))
    assert state.reveal().done(NEW_H)


# ---- the cell switch: the session ---------------------------------------------------------

def test_the_cell_key_goes_elman_gru_lstm_and_back_over_the_same_sentence() -> None:
    session = Session()
    seen = []
    for _ in range(4):
        tr = session.trace()
        seen.append((tr.cell, tr.model.name, tr.words))
        assert session.cell_refusal() is None
        session.switch_cell()
    assert [s[:2] for s in seen] == [("elman", "lecture-next-word"), ("gru", "lecture-next-word-gru"),
                                     ("lstm", "lecture-next-word-lstm"), ("elman", "lecture-next-word")]
    assert len({s[2] for s in seen}) == 1
    session.cell = "gru"
    session.set_topology("many-to-one")
    assert session.model().name == "lecture-labels-gru"


@pytest.mark.parametrize(("weights", "twin"), [("sentiment", "sentiment-gru"), ("memory-lstm", "memory-elman")])
def test_the_cell_key_takes_a_shipped_models_twins(weights: str, twin: str) -> None:
    session = Session(weights=load_model(weights))
    session.set_topology("many-to-one")
    session.switch_cell()
    assert session.model().name == twin


def test_a_users_own_file_has_no_twin_and_says_why() -> None:
    mine = untrained(LECTURE_CORPUS)
    session = Session(weights=mine)
    assert session.cell_refusal() == "untrained has no GRU or LSTM twin: c switches only the shipped models"
    session.cell = "lstm"  # as a presenter's message could set it: the model stays
    assert session.model() is mine


def test_lecture_mode_publishes_the_cell_on_screen_and_a_follower_switches_to_it() -> None:
    presenter = Session()
    presenter.switch_cell()
    state = UnrollState(presenter.trace())
    position = position_of("unroll", state, presenter)
    assert position.cell == "gru"
    follower = Session()
    apply_to_session(follower, position)
    assert follower.trace().cell == "gru" and follower.trace().model.name == "lecture-next-word-gru"
    apply_to_session(follower, Position(seq=2, elapsed=0.0, scene="unroll", cell="elman"))
    assert follower.trace().cell == "elman"


# ---- the wiring, with Pilot -----------------------------------------------------------------

def rows_of(app: RnnApp, selector: str) -> list[str]:
    """A pane's rows as the user sees them (Textual has no public API for this; it is pinned to 8.x)."""
    region = app.screen.query_one(selector).region
    lines = [strip.text for strip in app.screen._compositor.render_strips()]
    return [line[region.x:region.right] for line in lines[region.y:region.bottom]]


def test_c_switches_the_cell_and_the_panes_follow() -> None:
    async def main() -> None:
        app = RnnApp(Session(), scene="unroll")
        errors = error_notices(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c", "right")
            status = str(app.screen.query_one("#status").render())
            assert "GRU" in status
            assert app.screen.query_one("#equation").border_title.startswith("GRU gates r z n at t=2")
            await pilot.press("c", "down")
            assert app.screen.state.trace.cell == "lstm" and app.screen.state.cursor == 1
            assert app.screen.query_one("#equation").border_title == "f₂ = σ(W_if x₂ + W_hf h₁ + b_f)"
            assert "forget gate keeps" in str(app.screen.query_one("#caption").render())
            assert app.screen.query_one("#hidden").border_title == "memory c₂ and hidden state h₂"
            for _ in range(6):  # every sub-step of the LSTM's step fits 80 columns: a row per unit, none wraps
                for pane in ("#equation", "#hidden"):
                    rows = [line[1:4] for line in rows_of(app, pane)[2:] if line[1:4].strip()]
                    assert rows == [f"{j:>3}" for j in range(1, len(rows) + 1)] and len(rows) >= 8, (pane, rows)
                await pilot.press("down")
            await pilot.press("f")  # folded: the LSTM's two loops
            folded = app.screen.query_one("#timeline").render().plain
            assert "╭─── c" in folded and "two loops" in folded and "h₂ goes back through W_hh, c₂ as it is" in folded
            await pilot.press("i")  # the unit close-up: unit 1's gates over the sentence
            values = str(app.screen.query_one("#unit-values").render())
            assert "f forget gate" in values and "c memory cell" in values
            assert not errors, errors

    asyncio.run(main())


def test_c_on_a_users_file_says_why_in_the_caption() -> None:
    async def main() -> None:
        app = RnnApp(Session(weights=untrained(LECTURE_CORPUS)), scene="unroll")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")  # not greyed out (it is not in the Footer): pressed, it says why
            assert app.screen.state.trace.cell == "elman"
            assert "no GRU or LSTM twin" in str(app.screen.query_one("#caption").render())

    asyncio.run(main())


def test_every_gate_reads_x_so_the_one_hot_lights_at_each_gate_and_not_at_c_or_h() -> None:
    state = UnrollState(lecture_trace("lstm")).next_step()
    s = state.next_substep()
    lit = []
    while s.cursor == state.cursor:
        lit.append((s.phase, s.reading_x))
        s = s.next_substep()
    assert lit == [(FORGET, True), (INGATE, True), (CANDIDATE, True), (CELL, False), (OUTGATE, True),
                   (NEW_H, False), (SCORES, False), (SOFTMAX, False)]
    assert not state.reading_x  # the whole step lights nothing
