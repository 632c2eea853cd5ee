"""Encoder-decoder: two RNNs with weights of their own, the encoder's last state handed to the
decoder, teacher forcing in training, greedy decoding; gradients against finite differences."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from rnn_tui.engine import InputError
from rnn_tui.engine.rnn import CellWeights, Params
from rnn_tui.engine.seq2seq import (
    Pair,
    Seq2Seq,
    Seq2SeqTrainer,
    Weights,
    build_vocabularies,
    exact_match,
    pair_loss,
    to_pair,
    translate,
)
from rnn_tui.engine.text import EOS, tokenize
from rnn_tui.engine.train import Config

LECTURE = [("Hi my name is Barry", "Salut je m'appelle Barry"), ("I love AI", "J'adore l'IA"),
           ("Barry is my name", "Barry est mon nom")]
TOKENS = [(tuple(tokenize(a)), tuple(tokenize(b))) for a, b in LECTURE]


def random_weights(seed: int, Vs=5, Vt=4, H=3, O=5, context=False, scale=2.0) -> Weights:
    """Weights well away from tanh's linear part; with `context`, a decoder that reads c beside its word."""
    w = Weights(CellWeights.init(Vs, H, seed=seed), Params.init(Vt + (H if context else 0), H, O, seed=seed + 1))
    return Weights.from_named({k: v * scale for k, v in w.named().items()})


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 1000), st.lists(st.integers(0, 4), min_size=1, max_size=4),
       st.lists(st.integers(0, 3), min_size=0, max_size=3))
def test_gradients_against_finite_differences(seed, source, written):
    w = random_weights(seed)
    pair = Pair(tuple(source), (None,) + tuple(written), tuple(written) + (4,))  # label 4 stands for <eos>
    grads = pair_loss(w, pair)[2]
    named, eps = w.named(), 1e-6
    for key, a in named.items():
        numeric = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            up, down = a.copy(), a.copy()
            up[idx] += eps
            down[idx] -= eps
            numeric[idx] = (pair_loss(Weights.from_named({**named, key: up}), pair, False)[0]
                            - pair_loss(Weights.from_named({**named, key: down}), pair, False)[0]) / (2 * eps)
        # Central differences at eps = 1e-6 carry about 1e-10 of rounding per entry, which a small
        # block's relative error can exceed (seed 174: 3.9e-10 apart on a norm of 2.6e-4); a wrong
        # gradient is off by as much as the gradient itself.
        denom = np.linalg.norm(numeric) + np.linalg.norm(grads[key])
        assert np.linalg.norm(numeric - grads[key]) <= 1e-6 * denom + 1e-8, key


def test_teacher_forcing_feeds_the_true_previous_word():
    source, target, labels = build_vocabularies(TOKENS)
    pair = to_pair(source, target, labels, *TOKENS[2])  # barry is my name -> barry est mon nom
    assert pair.inputs[0] is None  # nothing written yet: the zero vector
    assert [target.tokens[i] for i in pair.inputs[1:]] == ["barry", "est", "mon", "nom"]
    assert [labels[i] for i in pair.targets] == ["barry", "est", "mon", "nom", EOS]


@pytest.fixture(scope="module")
def lecture_model() -> Seq2Seq:
    source, target, labels = build_vocabularies(TOKENS)
    pairs = [to_pair(source, target, labels, s, t) for s, t in TOKENS]
    trainer = Seq2SeqTrainer(source, target, labels, pairs, pairs, Config(hidden=16, epochs=100, lr=0.02, batch_size=3))
    while not trainer.finished:
        trainer.epoch()
    return trainer.model("lecture-translation")


def test_the_lecture_sentences_translate_after_training(lecture_model):
    assert exact_match(lecture_model, TOKENS) == 1.0
    assert " ".join(translate(lecture_model, tokenize("Barry is my name")).output) == "barry est mon nom"


def test_the_encoders_last_state_is_the_decoders_first(lecture_model):
    tr = translate(lecture_model, tokenize("I love AI"))
    assert len(tr.encoder) == 3
    np.testing.assert_array_equal(tr.decoder[0].h_prev, tr.handover)
    assert tr.decoder[0].x_index is None  # the decoder starts from nothing written
    # Each later input is the word written before it.
    for step, word in zip(tr.decoder[1:], tr.output, strict=True):
        assert lecture_model.target.tokens[step.x_index] == word
    assert lecture_model.labels[int(np.argmax(tr.y[-1]))] == EOS
    assert len(tr.decoder) == len(tr.output) + 1


def test_the_two_halves_have_weights_of_their_own(lecture_model):
    tr = translate(lecture_model, tokenize("I love AI"))
    np.testing.assert_allclose(tr.encoder[1].wh, lecture_model.encoder.W_hh @ tr.encoder[0].h)
    np.testing.assert_allclose(tr.decoder[1].wh, lecture_model.decoder.W_hh @ tr.decoder[0].h)
    assert not np.allclose(lecture_model.encoder.W_hh, lecture_model.decoder.W_hh)


def test_decoding_stops_at_the_limit_when_eos_never_comes():
    source, target, labels = build_vocabularies(TOKENS)
    w = Params.init(target.size, 4, len(labels), seed=0)
    never_eos = Params(w.W_ih, w.W_hh, w.b_ih, w.b_hh, w.W_out,
                       np.where(np.array(labels) == EOS, -100.0, 0.0) + w.b_out)
    model = Seq2Seq(CellWeights.init(source.size, 4), never_eos, source, target, labels)
    assert len(translate(model, ["hi"], max_words=6).output) == 6  # six words, then it stops


def test_sizes_that_disagree_are_refused():
    source, target, labels = build_vocabularies(TOKENS)
    with pytest.raises(InputError, match="hidden sizes"):
        Seq2Seq(CellWeights.init(source.size, 4), Params.init(target.size, 5, len(labels)), source, target, labels)
    with pytest.raises(InputError, match="<eos>"):
        Seq2Seq(CellWeights.init(source.size, 4), Params.init(target.size, 4, len(labels) - 1), source, target,
                labels[:-1])


def test_weights_round_trip_through_npz(lecture_model, tmp_path):
    from rnn_tui.engine.weights import load_seq2seq, save_seq2seq

    path = save_seq2seq(lecture_model, tmp_path / "t.npz")
    back = load_seq2seq(path)
    assert (back.source, back.target, back.labels, back.name) == (lecture_model.source, lecture_model.target,
                                                                  lecture_model.labels, "lecture-translation")
    for words, _ in TOKENS:
        assert translate(back, words).output == translate(lecture_model, words).output


def test_a_damaged_encoder_decoder_file_names_the_key(lecture_model, tmp_path):
    from rnn_tui.engine.weights import load_seq2seq, save_seq2seq

    path = save_seq2seq(lecture_model, tmp_path / "t.npz")
    data = dict(np.load(path))
    data["decoder.weight_ih_l0"] = data["decoder.weight_ih_l0"][:, :-1]
    np.savez(tmp_path / "bad.npz", **data)
    with pytest.raises(InputError, match=r"'decoder.weight_ih_l0' has shape \(16, 12\); expected \(16, 13\)"):
        load_seq2seq(tmp_path / "bad.npz")
