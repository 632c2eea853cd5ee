"""The shipped English-to-French encoder-decoder (scripts/train_translation.py): at least 90%
exact match on the held-out test pairs, the lecture's three sentences word for word, and the
encoder saying that it reads backwards."""

import time

import pytest

from rnn_tui.engine import InputError
from rnn_tui.engine.models import BUILTIN, TRANSLATION, data_path, load_model, load_translation
from rnn_tui.engine.seq2seq import exact_match, load_pairs, translate
from rnn_tui.engine.text import tokenize

LECTURE = [("Hi my name is Barry", "Salut je m'appelle Barry"), ("I love AI", "J'adore l'IA"),
           ("Barry is my name", "Barry est mon nom")]


@pytest.fixture(scope="module")
def model():
    return load_translation()


def test_at_least_90_percent_of_the_test_pairs_translate_exactly(model):
    test = load_pairs(str(data_path("translation_en_fr.csv"))).split("test")
    start = time.perf_counter()
    score = exact_match(model, test)
    assert len(test) == 400 and score >= 0.90
    assert time.perf_counter() - start < 10  # greedy decoding of 400 sentences, one at a time


@pytest.mark.parametrize("english, french", LECTURE)
def test_the_lecture_sentences_translate_word_for_word(model, english, french):
    assert translate(model, tokenize(english)).output == tuple(tokenize(french))


def test_it_is_the_built_in_translation_model_and_reads_backwards(model):
    assert BUILTIN[TRANSLATION] == "translation.npz" and model.name == TRANSLATION
    assert model.reverse_source and model.trained_for == "encoder-decoder"
    tr = translate(model, tokenize("I love AI"))
    assert tr.read == ("ai", "love", "i") and "backwards" in tr.reading


def test_the_plain_loader_points_to_the_encoder_decoder():
    with pytest.raises(InputError, match="encoder-decoder"):
        load_model(TRANSLATION)
