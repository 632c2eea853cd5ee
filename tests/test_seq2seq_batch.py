"""The encoder-decoder trained a batch at a time: the batched loss and gradients against the
one-pair reference and finite differences, reading the source backwards, the context read at
every decoder step, and both flags through the .npz."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from test_seq2seq import TOKENS, random_weights  # the lecture's three pairs, and weights to check gradients on

from rnn_tui.engine import InputError
from rnn_tui.engine.rnn import CellWeights, Params
from rnn_tui.engine.seq2seq import (
    Pair,
    Seq2Seq,
    Seq2SeqTrainer,
    Weights,
    batch_loss,
    build_vocabularies,
    exact_match,
    pair_loss,
    to_pair,
    translate,
)
from rnn_tui.engine.text import tokenize
from rnn_tui.engine.train import Config

pairs_strategy = st.lists(
    st.tuples(st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=5),
              st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=0, max_size=4)),
    min_size=1, max_size=6)


def as_pairs(raw):
    """Label 4 stands for <eos>; a target word i is label i (a None input reads the zero vector)."""
    return [Pair(tuple(src), (None,) + tuple(out), tuple(0 if w is None else w for w in out) + (4,))
            for src, out in raw]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 1000), pairs_strategy, st.booleans(), st.booleans())
def test_batched_gradients_equal_the_sum_of_the_per_pair_ones(seed, raw, reverse, context):
    w, pairs = random_weights(seed, context=context), as_pairs(raw)
    b = batch_loss(w, pairs, reverse=reverse, context=context)
    ref = [pair_loss(w, p, reverse=reverse, context=context) for p in pairs]
    assert b.loss == pytest.approx(sum(r[0] for r in ref), abs=1e-12)
    assert b.correct == sum(r[1] for r in ref) and b.exact == sum(r[3] for r in ref)
    for key, g in b.grads.items():
        np.testing.assert_allclose(g, sum(r[2][key] for r in ref), rtol=0, atol=1e-12, err_msg=key)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 1000), pairs_strategy, st.booleans())
def test_batched_gradients_against_finite_differences(seed, raw, context):
    w, pairs = random_weights(seed, context=context), as_pairs(raw)
    grads = batch_loss(w, pairs, reverse=True, context=context).grads
    named, eps = w.named(), 1e-6

    def loss(key, a):
        return batch_loss(Weights.from_named({**named, key: a}), pairs, False, reverse=True, context=context).loss

    for key, a in named.items():
        numeric = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            up, down = a.copy(), a.copy()
            up[idx] += eps
            down[idx] -= eps
            numeric[idx] = (loss(key, up) - loss(key, down)) / (2 * eps)
        denom = np.linalg.norm(numeric) + np.linalg.norm(grads[key])
        assert denom == 0 or np.linalg.norm(numeric - grads[key]) / denom < 1e-6, key


def lecture_model(reverse, context, epochs=100):
    source, target, labels = build_vocabularies(TOKENS)
    pairs = [to_pair(source, target, labels, s, t) for s, t in TOKENS]
    trainer = Seq2SeqTrainer(source, target, labels, pairs, pairs,
                             Config(hidden=16, epochs=epochs, lr=0.02, batch_size=3),
                             reverse_source=reverse, context_every_step=context)
    while not trainer.finished:
        trainer.epoch()
    return trainer.model("lecture-translation")


@pytest.fixture(scope="module")
def reversed_model() -> Seq2Seq:
    return lecture_model(reverse=True, context=True)


def test_a_model_that_reads_backwards_says_so_and_reads_backwards(reversed_model):
    assert reversed_model.reverse_source and reversed_model.context_every_step
    assert exact_match(reversed_model, TOKENS) == 1.0
    tr = translate(reversed_model, tokenize("Hi my name is Barry"))
    assert tr.reversed_source and tr.read == ("barry", "is", "name", "my", "hi")
    assert "backwards" in tr.reading and "barry is name my hi" in tr.reading
    # encoder step t read the word read[t]: its one-hot column
    for step, word in zip(tr.encoder, tr.read, strict=True):
        assert step.x_index == reversed_model.source.index(word)
    forwards = translate(lecture_model(reverse=False, context=False, epochs=1), tokenize("I love AI"))
    assert not forwards.reversed_source and forwards.read == ("i", "love", "ai")
    assert "in order" in forwards.reading


def test_the_context_is_read_at_every_decoder_step(reversed_model):
    tr = translate(reversed_model, tokenize("I love AI"))
    assert tr.context_every_step
    for step in tr.decoder:
        np.testing.assert_array_equal(step.context, tr.handover)
        # as nn.RNN(Vt + H, H) fed [one-hot; context]
        x = np.zeros(reversed_model.decoder.input_size)
        if step.x_index is not None:
            x[step.x_index] = 1.0
        x[reversed_model.target.size:] = tr.handover
        d = reversed_model.decoder
        np.testing.assert_allclose(step.h, np.tanh(d.W_ih @ x + d.b_ih + d.W_hh @ step.h_prev + d.b_hh), atol=1e-14)


def test_both_flags_round_trip_through_npz(reversed_model, tmp_path):
    from rnn_tui.engine.weights import load_seq2seq, save_seq2seq

    back = load_seq2seq(save_seq2seq(reversed_model, tmp_path / "t.npz"))
    assert back.reverse_source and back.context_every_step
    assert np.load(tmp_path / "t.npz")["decoder.weight_ih_l0"].shape == (16, reversed_model.target.size + 16)
    for words, _ in TOKENS:
        assert translate(back, words).output == translate(reversed_model, words).output


def test_a_file_without_the_flags_is_a_plain_encoder_decoder(reversed_model, tmp_path):
    """Without meta's flags the decoder must have Vt columns: one with Vt + H is refused, not misread."""
    from rnn_tui.engine.weights import load_seq2seq, save_seq2seq

    path = save_seq2seq(reversed_model, tmp_path / "t.npz")
    data = dict(np.load(path))
    del data["meta"]
    np.savez(tmp_path / "plain.npz", **data)
    with pytest.raises(InputError, match="decoder.weight_ih_l0"):
        load_seq2seq(tmp_path / "plain.npz")
    data["meta"] = np.array('{"context_every_step": true, "reverse_source": "yes"}')
    np.savez(tmp_path / "odd.npz", **data)
    with pytest.raises(InputError, match="reverse_source"):
        load_seq2seq(tmp_path / "odd.npz")


def test_a_decoder_without_room_for_the_context_is_refused():
    source, target, labels = build_vocabularies(TOKENS)
    with pytest.raises(InputError, match="plus H"):
        Seq2Seq(CellWeights.init(source.size, 4), Params.init(target.size, 4, len(labels)), source, target, labels,
                context_every_step=True)


def test_the_learning_rate_decays_by_epoch():
    source, target, labels = build_vocabularies(TOKENS)
    pairs = [to_pair(source, target, labels, s, t) for s, t in TOKENS]
    trainer = Seq2SeqTrainer(source, target, labels, pairs, pairs, Config(hidden=4, epochs=3, lr=0.01, batch_size=3),
                             lr_decay=0.5)
    rates = []
    while not trainer.finished:
        trainer.epoch()
        rates.append(trainer._opt.config.lr)
    assert rates == pytest.approx([0.01, 0.005, 0.0025])
