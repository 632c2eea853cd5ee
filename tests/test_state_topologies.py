"""The Topologies scene's state, driven directly: choosing a topology keeps the step where it can."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings, strategies as st

from rnn_tui.engine import tokenize
from rnn_tui.engine.topologies import TOPOLOGIES
from rnn_tui.engine.trace import run, run_seq2seq
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.topologies import make_state

NAMES = [t.name for t in TOPOLOGIES]
MOVES = st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from([1, -1, 10, -10])), max_size=30)


def state_for(session: Session, previous=None):
    return make_state(session.text, session.trace_of, session.topology, previous)


@cache
def first_state():
    """The scene's first state, made once: it is frozen, and its session's traces are made once
    and kept, so every example starts from the same state without making them again."""
    return state_for(Session())


@settings(max_examples=200, deadline=None)
@given(MOVES)
def test_choosing_and_stepping_keep_the_step_within_the_chosen_trace(moves):
    state = first_state()
    for move in moves:
        before = state
        state = state.choose(move) if isinstance(move, str) else state.advance(move)
        assert 0 <= state.step <= state.last_step == len(state.trace)
        if isinstance(move, str):
            assert state.topology.name == move and state.step == min(before.step, state.last_step)
        assert state.trace.topology is state.topology
        assert state.caption.startswith(f"t={state.step}:") if state.step else "→ steps through it" in state.caption


def test_traces_are_the_engines_and_the_scene_follows_the_unroll_scenes_choice():
    session = Session()
    state = state_for(session)
    assert state.topology.name == "many-to-many"
    for top in TOPOLOGIES:
        if top.name == "encoder-decoder":  # the shipped translation model: an encoder and a decoder
            expected = run_seq2seq(session.translator(top), tokenize(session.text))
        else:
            expected = run(session.model(top), tokenize(session.text), top, session.gen_steps)
        assert [s.h.tolist() for s in state.traces[top.name].steps] == [s.h.tolist() for s in expected.steps]
    chosen = state.choose("many-to-one").advance(2)
    assert state_for(session, chosen) is not chosen and state_for(session, chosen).step == 2  # our choice stays
    assert state_for(session, chosen).traces["many-to-one"] is chosen.traces["many-to-one"]  # not recomputed
    session.set_topology("one-to-many")  # chosen in Unroll: followed here
    followed = state_for(session, chosen)
    assert followed.topology.name == "one-to-many" and followed.step == 2  # at the same step
    session.move(1)  # another sentence: shorter, so the step is kept within it
    again = state_for(session, state.choose("many-to-many").advance(5))
    assert again.text == session.text and again.step == min(5, again.last_step)


def test_a_classifier_is_refused_in_the_topologies_that_write_words_and_runs_the_others():
    from rnn_tui.engine.models import load_model
    from rnn_tui.engine.topologies import topology_by_name

    session = Session(weights=load_model("sentiment"), topology=topology_by_name("many-to-one"))
    state = state_for(session)
    assert set(state.traces) == {"one-to-one", "many-to-one", "many-to-many"}
    for name in ("one-to-many", "encoder-decoder"):
        chosen = state.advance(2).choose(name)
        line = state.refusals[name]
        assert line.startswith(f"{name} ") and line.endswith("sentiment outputs labels (negative, positive)")
        assert chosen.refused == line and chosen.caption == f"⚠ {line}" and chosen.note == line
        assert chosen.step == chosen.last_step == 0 and chosen.advance(1) is chosen  # nothing to step through
    assert state.choose("many-to-one").refused is None and state.choose("many-to-one").advance(1).step == 1
