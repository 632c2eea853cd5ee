"""The shipped encoder-decoder as a trace the Unroll scene steps through: the encoder's steps
with its weights, the handover, then the decoder's steps with its own, writing French."""

import numpy as np
import pytest

from rnn_tui.engine.models import load_translation
from rnn_tui.engine.seq2seq import translate
from rnn_tui.engine.text import EOS, tokenize
from rnn_tui.engine.topologies import FEEDBACK, NOTHING, WORD
from rnn_tui.engine.trace import run_seq2seq


@pytest.fixture(scope="module")
def model():
    return load_translation()


@pytest.mark.parametrize("english, french", [
    ("Hi my name is Barry", "salut je m appelle barry"),
    ("I love AI", "j adore l ia"),
    ("Barry is my name", "barry est mon nom"),
])
def test_the_lectures_sentences_translate_step_by_step(model, english, french):
    trace = run_seq2seq(model, tokenize(english))
    assert " ".join(trace.outputs) == french + " " + EOS
    words = tokenize(english)
    encoder = [s for s in trace.steps if s.part == "encoder"]
    decoder = [s for s in trace.steps if s.part == "decoder"]
    assert [s.t for s in trace.steps] == list(range(1, len(trace.steps) + 1))
    assert [s.typed for s in encoder] == words[::-1]  # the shipped model reads backwards, and says so
    assert "backwards" in trace.reading
    assert all(s.source == WORD and s.y is None for s in encoder)  # no output while it reads
    assert decoder[0].source == NOTHING and decoder[0].typed is None
    assert all(s.source == FEEDBACK for s in decoder[1:])
    for before, after in zip(decoder, decoder[1:], strict=False):
        assert after.typed == trace.model.labels[before.chosen]  # it reads the word it wrote


def test_the_handover_starts_the_decoder(model):
    trace = run_seq2seq(model, tokenize("I love AI"))
    k = trace.handover
    assert k == 2 and trace.steps[k].part == "encoder" and trace.steps[k + 1].part == "decoder"
    np.testing.assert_array_equal(trace.steps[k + 1].h_prev, trace.steps[k].h)


def test_each_part_uses_its_own_weights_and_words(model):
    trace = run_seq2seq(model, tokenize("I love AI"))
    enc, dec = trace.steps[1], trace.steps[4]
    np.testing.assert_allclose(enc.wh, model.encoder.W_hh @ enc.h_prev)
    np.testing.assert_allclose(dec.wh, model.decoder.W_hh @ dec.h_prev)
    assert trace.vocab_at(enc) is model.source and trace.vocab_at(dec) is model.target
    assert trace.vocab_at(enc).tokens[enc.x_index] == "love"
    assert trace.model.vocab is model.target and trace.model.trained_for == "encoder-decoder"


def test_the_trace_agrees_with_translate(model):
    for text in ["my sister is tall", "she does not eat bread", "barry loves the cat"]:
        words = tokenize(text)
        tr, trace = translate(model, words), run_seq2seq(model, words)
        assert tuple(trace.outputs[:-1]) == tr.output
        np.testing.assert_array_equal(trace.steps[-1].y, tr.y[-1])
