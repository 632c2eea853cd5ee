"""The Train scene's state, driven directly: settings, runs, the tried sentence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from rnn_tui.engine.errors import InputError
from rnn_tui.engine.models import load_model
from rnn_tui.engine.train import SHIPPED_CONFIG, Config
from rnn_tui.ui.state.train import MAX_HIDDEN, MIN_HIDDEN, TrainState

SETTINGS = st.lists(st.sampled_from(["task", "hidden+", "hidden-", "lr+", "lr-", "seed", "reset"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(SETTINGS)
def test_settings_stay_in_range_and_each_change_starts_a_fresh_run(moves):
    state = TrainState().after_epoch((), load_model("sentiment"))
    for move in moves:
        before = state
        state = {"task": lambda s: s.next_task(), "hidden+": lambda s: s.hidden_times(2),
                 "hidden-": lambda s: s.hidden_times(0.5), "lr+": lambda s: s.lr_times(2),
                 "lr-": lambda s: s.lr_times(0.5), "seed": lambda s: s.next_seed(),
                 "reset": lambda s: s.reset()}[move](state)
        assert MIN_HIDDEN <= state.config.hidden <= MAX_HIDDEN
        assert 1e-5 <= state.config.lr <= 10
        assert state.history == () and state.model is None and not state.running and state.status == "ready"
        if move == "task":
            assert state.task != before.task and state.config.epochs == SHIPPED_CONFIG[state.task]["epochs"]
            assert (state.config.hidden, state.config.seed) == (before.config.hidden, before.config.seed)
        if move == "seed":
            assert state.config.seed == before.config.seed + 1


def test_a_run_is_running_paused_and_done():
    state = TrainState(config=Config(hidden=4, epochs=2, seed=0)).started("data")
    assert state.running and state.status == "training" and state.subtitle == "sentiment, training"
    assert state.paused().status == "ready"
    model = load_model("sentiment")
    state = state.after_epoch(("epoch 1",), model).paused()  # history items are the engine's EpochStats
    assert state.status == "paused" and state.tried is not None
    assert [s.input_token for s in state.tried.trace.steps] == state.try_text.split()
    state = state.trying("a great film")
    assert state.tried.trace.words == ("a", "great", "film")
    done = state.after_epoch(("1", "2"), model)
    assert done.finished and done.started("data").history == ()  # a finished run starts afresh


def test_settings_config_refuses_are_refused():
    with pytest.raises(InputError):
        TrainState().with_config(epochs=0)
