"""The Gradients scene's state, driven directly."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings, strategies as st

from rnn_tui.engine.gradients import gradient_flow
from rnn_tui.engine.why_gates import gate_lesson
from rnn_tui.ui.state.gradients import FLOOR, SCALES, make_state
from rnn_tui.ui.state.sentiment import shipped_model

MOVES = st.lists(st.sampled_from(["scale", "next", "previous", "long", "right", "left", "end"]), max_size=15)


@settings(max_examples=25, deadline=None)
@given(MOVES)
def test_every_transition_keeps_the_backward_pass_the_engines_for_the_sentence_and_scale(moves):
    state = make_state(None, None)
    sigma = np.linalg.norm(shipped_model().params.W_hh, 2)
    for move in moves:
        before = state
        state = {"scale": lambda s: s.scaled(), "next": lambda s: s.next_sentence(1),
                 "previous": lambda s: s.next_sentence(-1), "long": lambda s: s.toggled_long(),
                 "right": lambda s: s.advance(1), "left": lambda s: s.advance(-1),
                 "end": lambda s: s.advance(10_000)}[move](state)
        if move == "scale":
            assert state.scale_index == (before.scale_index + 1) % len(SCALES) and state.step == before.step
        if move in ("next", "previous", "long"):
            assert state.step == 0
        assert state.flow.words == state.words
        assert abs(state.flow.sigma_max - sigma * state.scale) < 1e-9
        assert 0 <= state.step <= state.last_step == len(state.words) - 1
        assert state.reached == len(state.words) - 1 - state.step
    model = shipped_model()
    expected = gradient_flow(model.with_params(model.params.scaled_recurrence(state.scale)), state.words)
    np.testing.assert_allclose(state.flow.dh, expected.dh)


def test_the_caption_says_the_share_in_words_and_marks_a_step_below_the_floor():
    state = make_state(None, None).advance(20)  # x1: 20 steps back, about 27% remains
    assert state.share == state.flow.norms[state.reached]
    assert "20 steps back, about 27% of what entered reaches h₉: holding" in state.caption
    halved = make_state(None, None).scaled().scaled().scaled().advance(20)  # x0.5: it vanishes
    assert "20 steps back, about 3.2 millionths of what entered reaches h₉: vanishing" in halved.caption
    assert "e-0" not in state.caption
    small = make_state(None, None).scaled().scaled().scaled().advance(10_000)  # x0.5, at the first word
    assert small.scale == 0.5 and small.share > FLOOR and "floor" not in small.caption
    tiny = replace(small, flow=replace(small.flow, dh=small.flow.dh * 1e-5))
    assert "less than a trillionth of what entered reaches h₁ (below the chart's floor)" in tiny.caption


def test_one_step_back_is_said_in_the_singular():
    assert "t=" in make_state(None, None).advance(1).caption
    assert ": 1 step back, " in make_state(None, None).advance(1).caption


# ---- the three cells compared (c) -------------------------------------------------------------

CELL_MOVES = st.lists(st.sampled_from(["cells", "right", "left", "end", "home", "long"]), max_size=12)


@settings(max_examples=25, deadline=None)
@given(CELL_MOVES)
def test_comparing_the_cells_walks_the_memory_sentence_and_back_to_one_model_from_the_loss(moves):
    state = make_state(None, None)
    for move in moves:
        before = state
        state = {"cells": lambda s: s.toggled_cells(), "right": lambda s: s.advance(1),
                 "left": lambda s: s.advance(-1), "end": lambda s: s.advance(10_000),
                 "home": lambda s: s.advance(-10_000), "long": lambda s: s.toggled_long()}[move](state)
        if move == "cells":
            assert state.compares_cells != before.compares_cells and state.step == 0
        words = state.cells.words if state.cells else state.words
        assert 0 <= state.step <= state.last_step == len(words) - 1
        assert state.flow.words == state.words   # the one model's flow is kept for the way back
    if state.cells:
        assert state.cells is gate_lesson()      # computed once, not at every key
        assert state.subtitle == "Elman, GRU, LSTM on the memory task"


def test_the_comparison_caption_reads_each_cells_share_and_why_the_lstm_passes_little():
    state = make_state(None, None).toggled_cells()
    assert state.caption.startswith("Memory task: 'unpleasant', 34 words before the end, decides the label. "
                                    "Test accuracy Elman 48.5%, GRU 100%, LSTM 100%.")
    assert state.advance(10).caption == ("10 steps back: Elman passes about 1.1% of what reaches the last word, "
                                         "GRU about 4%, LSTM about 1%.")
    deciding = state.advance(34).caption
    assert deciding.startswith("The deciding word 'unpleasant', 34 back: Elman passes about 610 billionths of "
                               "what reaches the last word, GRU about 10%, LSTM about 35 millionths")
    assert "unit 8 keeps c, but c is so big that tanh is flat" in deciding
    assert "e-0" not in deciding and len(deciding) <= 3 * 78   # words, in the caption's three lines at 80 columns


def test_a_gated_model_put_to_use_is_said_to_go_back_through_its_gates():
    from rnn_tui.engine.models import load_model
    state = make_state(load_model("sentiment-lstm"), None).advance(3)
    assert "goes back through the LSTM's gates and W_hhᵀ; x scales every gate's W_hh" in state.caption
    assert "tanh'; x scales W_hh" in make_state(None, None).advance(3).caption   # the Elman cell's
