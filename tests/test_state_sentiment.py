"""The Sentiment scene's state, driven directly: sentences chosen and typed, steps, the model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from rnn_tui.engine import tokenize
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.models import load_model
from rnn_tui.engine.text import MAX_TYPED_WORDS
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.ui.state.sentiment import make_state, shipped_map

TYPED = st.lists(st.sampled_from(["great", "awful", "film", "not", "zorbly", "the", "!"]), min_size=1,
                 max_size=6).map(" ".join)
MOVES = st.lists(st.one_of(st.tuples(st.just("step"), st.sampled_from([1, -1, 5, -5])),
                           st.tuples(st.just("next"), st.sampled_from([1, -1, 7])),
                           st.tuples(st.just("type"), TYPED)), max_size=25)


@settings(max_examples=40, deadline=None)
@given(MOVES)
def test_transitions_keep_the_reading_on_the_sentence_and_the_step_in_range(moves):
    state = make_state(None, None)
    for kind, arg in moves:
        before = state
        if kind == "step":
            state = state.advance(arg)
        elif kind == "next":
            state = state.next_sentence(arg)
            assert state.index == (before.index + arg) % len(before.sentences) and state.step == 0
        else:
            try:
                state, _ = state.with_typed(arg)
            except InputError:
                assert not tokenize(arg)
                continue
            assert state.text == arg and state.step == 0
            assert len(state.typed) == len(before.typed) + (arg not in before.sentences)
        assert state.reading.text == state.text
        assert 0 <= state.step <= state.last_step == len(tokenize(state.text))
        assert len(set(state.sentences)) == len(state.sentences)  # a sentence typed twice is there once
        assert state.demo is shipped_map()
        assert state.caption and state.subtitle


def test_p_positive_after_each_word_is_the_engines_readout():
    state = make_state(None, None)
    model = load_model("sentiment")
    every = run(model, tokenize(state.text), topology_by_name("many-to-many"))
    positive = model.labels.index("positive")
    for t, step in enumerate(every.steps, 1):
        assert state.reading.p_positive(t) == pytest.approx(step.y[positive], abs=1e-12)
    assert state.reading.p_positive(0) == pytest.approx(
        float(np.exp(model.params.b_out - np.logaddexp.reduce(model.params.b_out))[positive]), abs=1e-12)


def test_a_long_typed_sentence_is_cut_with_a_note_and_an_empty_one_refused():
    state = make_state(None, None)
    text = " ".join(["good"] * (MAX_TYPED_WORDS + 5))
    state, note = state.with_typed(text)
    assert note and len(tokenize(state.text)) == MAX_TYPED_WORDS
    with pytest.raises(InputError):
        state.with_typed("!!!")


def test_a_model_trained_in_the_app_replaces_the_shipped_one_and_keeps_the_place():
    shipped = make_state(None, None)
    state, _ = shipped.with_typed("not a great film")
    state = state.advance(2)
    model = load_model("sentiment")  # another object: as a model trained in the app would be
    again = make_state(model, state)
    assert again.demo.model is model and again.trained_here and "trained in the app" in again.subtitle
    assert (again.text, again.step, again.typed) == (state.text, 2, state.typed)
    assert make_state(model, again) is again  # nothing recomputed while the model is the same
    assert make_state(None, again).demo is shipped_map() and not make_state(None, again).trained_here


def test_the_sentences_are_the_test_split_and_the_map_is_fitted_on_it():
    """`n` walks the shipped data set's test split, about 1,080 sentences the model never trained on;
    the map is theirs, and "labelled" says the split's label."""
    from rnn_tui.engine.models import sentiment_corpus

    test = sentiment_corpus().split("test")
    state = make_state(None, None)
    assert state.sentences == tuple(s.text for s in test.sentences) and len(state.sentences) == 1_080
    assert state.demo.corpus.sentences == test.sentences and len(state.demo.ends) == 1_080
    assert state.demo.labels.tolist() == [s.label for s in test.sentences]
    names = state.demo.model.labels
    for index in (0, 1, 539, 1_079):
        moved = state.with_sentence(index)
        label = names[test.sentences[index].label]
        assert moved.subtitle == f"test {index + 1:,}/1,080, labelled {label}"
        assert moved.advance(99).caption.endswith(f"; labelled {label}")
    assert state.with_sentence(1_080).index == 0 and state.next_sentence(-1).index == 1_079


def test_the_title_keeps_its_step_count_at_80_columns():
    """" rnn-tui  8/10 Sentiment demo │ " and " │ 15/15" leave 40 characters for the subtitle."""
    state = make_state(None, None)
    trained = make_state(load_model("sentiment"), state)
    longest = max(len(on.with_sentence(i).subtitle) for on in (state, trained) for i in range(1_080))
    assert longest <= 40


def test_captions_say_what_the_readout_is_before_the_last_word():
    """The model was trained to answer at the last word only: before it, the read-out is what it
    would say had the sentence stopped there, never a prediction a word 'pushes'."""
    state = make_state(None, None)
    last = len(state.reading.trace)
    for t in range(1, last + 1):
        caption = state.advance(t).caption
        assert "push" not in caption and "pulls" not in caption
        assert ("had the sentence stopped here" in caption) == (t < last), caption
    assert "The model's answer" in state.advance(last).caption
