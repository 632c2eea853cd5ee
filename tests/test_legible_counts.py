"""Counts of 1,000 and more read with a thousands separator on screen, as every other figure does:
the sentiment model's 1,080 test sentences, its <unk> at column 1,053."""

from __future__ import annotations

from rnn_tui.engine import tokenize
from rnn_tui.engine.models import load_model
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.ui.state.sentiment import make_state
from rnn_tui.ui.state.unroll import UnrollState


def test_the_sentiment_subtitle_counts_its_test_sentences_with_a_separator():
    state = make_state(None, None)
    assert state.subtitle.startswith("test 1/1,080, labelled ")
    assert state.with_sentence(1_079).subtitle.startswith("test 1,080/1,080, labelled ")
    trained = make_state(load_model("sentiment"), state).with_sentence(1_079)
    assert trained.subtitle.startswith("test 1,080/1,080 ") and trained.subtitle.endswith(", trained in the app")


def test_unrolls_caption_names_a_column_past_1000_with_a_separator():
    model = load_model("sentiment")
    s = UnrollState(run(model, tokenize("hi my name"), topology_by_name("many-to-one"))).next_substep()
    assert s.step.x_index == model.vocab.size - 1 == 1_053   # 'hi' is unknown: <unk>, the last column
    assert "W_ih x₁ is just column 1,053 of W_ih" in s.caption
