"""The shipped models (rnn_tui/engine/data/*.npz), forward only: each on its test sentences, the
sentiment model on plain English it never saw (tests/data/plain_sentences.csv), and that
scripts/train_shipped.py makes them from fixed seeds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from rnn_tui.engine import LECTURE_CORPUS, tokenize
from rnn_tui.engine.corpus import Corpus, load_corpus
from rnn_tui.engine.models import load_model, sentiment_corpus
from rnn_tui.engine.text import Vocabulary
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.engine.train import SHIPPED_MODEL, evaluate, make_task

ROOT = Path(__file__).resolve().parent.parent
PLAIN = ROOT / "tests" / "data" / "plain_sentences.csv"
SCRIPTS = ROOT / "scripts"
MANY_TO_ONE = topology_by_name("many-to-one")


def _train_shipped():
    spec = importlib.util.spec_from_file_location("train_shipped", SCRIPTS / "train_shipped.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_shipped"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data() -> Corpus:
    return sentiment_corpus()


@pytest.fixture(scope="module")
def sentiment():
    return load_model("sentiment")


def accuracy(model, task_name: str, corpus: Corpus) -> float:
    task = make_task(task_name, corpus, model.vocab, model.labels)
    return evaluate(model.params, task.examples(corpus))[1]


def answer(model, text: str) -> str:
    return run(model, tokenize(text), MANY_TO_ONE).output


# ---- each model on its test sentences ----

def test_the_sentiment_model_is_right_on_at_least_93_percent_of_the_test_split(data, sentiment):
    test = data.split("test")
    assert len(test.sentences) > 1_000
    assert accuracy(sentiment, "sentiment", test) >= 0.93


def test_the_lecture_models_are_right_on_the_lectures_three_sentences():
    """The lecture's models learn its three sentences; there is nothing else to test them on."""
    assert accuracy(load_model("lecture-labels"), "sentiment", LECTURE_CORPUS) == 1.0
    assert accuracy(load_model("lecture-next-word"), "next-word", LECTURE_CORPUS) == 1.0


def test_the_sentiment_model_is_the_recipes(data, sentiment):
    """Named, sized and with the vocabulary of the recipe: the train split's words seen twice or more."""
    train = data.split("train")
    vocab = Vocabulary.build((s.words for s in train.sentences), min_count=SHIPPED_MODEL["sentiment"]["min_count"])
    assert sentiment.name == "sentiment" and sentiment.trained_for == "many-to-one"
    assert sentiment.hidden_size == SHIPPED_MODEL["sentiment"]["hidden"]
    assert sentiment.vocab.tokens == vocab.tokens and sentiment.labels == ("negative", "positive")


# ---- plain English ----

@pytest.mark.parametrize("split", ["train", "val", "test"])
def test_a_split_read_straight_from_the_file_is_the_corpus_split(data, split):
    """The Sentiment scene reads its test split without load_corpus's checks of every line."""
    from rnn_tui.engine.models import sentiment_split
    assert sentiment_split(split) == data.split(split)


def test_the_lectures_three_sentences_keep_their_labels_in_the_data(data):
    labels = {s.text: s.label for s in data.sentences}
    for s in LECTURE_CORPUS.sentences:
        assert labels[s.text] == s.label, s.text


@pytest.mark.parametrize("text, label", [
    ("the food was bad", "negative"),
    ("this movie was not good", "negative"),
    ("the film was not bad", "positive"),
])
def test_short_plain_sentences_and_negations_come_out_right(sentiment, text, label):
    assert answer(sentiment, text) == label


def test_the_sentiment_model_is_right_on_at_least_90_percent_of_the_plain_sentences(sentiment):
    """184 sentences written by hand, none of them in the data set."""
    plain = load_corpus(PLAIN)
    assert len(plain.sentences) == 184
    assert accuracy(sentiment, "sentiment", plain) >= 0.90


# ---- scripts/train_shipped.py is seeded ----

def test_the_sentiment_run_gives_the_same_weights_from_the_same_seed(data):
    """One epoch on every eighth sentence (each split keeps its share): the whole run is the same
    function, about 25 s in full."""
    script = _train_shipped()
    small = Corpus(data.sentences[::8], data.source)
    a, b, c = (script.sentiment_trainer(seed=seed, epochs=1, data=small) for seed in (0, 0, 1))
    assert len(a.history) == 1 and a.config.unk_rate > 0  # a run that draws <unk>s from its seed too
    for x, y in zip(a.params.arrays(), b.params.arrays(), strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a.params.W_hh, c.params.W_hh)


@pytest.mark.parametrize("name", ["lecture-next-word", "lecture-labels"])
def test_the_lecture_models_are_made_again_from_their_seed(name):
    """Within 1e-12 of the shipped files (not byte for byte: the engine sums in another order than
    when they were made, so they are not made again)."""
    made = _train_shipped().lecture_trainer(name).model(name)
    shipped = load_model(name)
    assert made.vocab.tokens == shipped.vocab.tokens and made.labels == shipped.labels
    for x, y in zip(made.params.arrays(), shipped.params.arrays(), strict=True):
        np.testing.assert_allclose(x, y, rtol=0, atol=1e-12)


# ---- the one-to-many demo: a label word in, a sentence of that sentiment out -------------------

def test_the_writer_writes_what_the_sentiment_model_reads_as_the_asked_for_label():
    """scripts/train_writer.py's model, judged by the shipped sentiment model: greedy, and drawn at
    a temperature of 0.7 with twenty seeds for each label."""
    from rnn_tui.engine.trace import Sampling, run

    writer, judge = load_model("sentiment-writer"), load_model("sentiment")
    assert writer.trained_for == "one-to-many"
    one_to_many, many_to_one = topology_by_name("one-to-many"), topology_by_name("many-to-one")

    def said(words: list[str]) -> str:
        return judge.labels[run(judge, words, many_to_one).steps[-1].predicted]

    for label in ("negative", "positive"):
        greedy = [w for w in run(writer, [label], one_to_many, gen_steps=15).outputs if w != "<eos>"]
        assert 3 <= len(greedy) <= 15 and said(greedy) == label, greedy
        agree = 0
        for seed in range(20):
            drawn = run(writer, [label], one_to_many, gen_steps=15, sampling=Sampling(0.7, seed)).outputs
            agree += said([w for w in drawn if w != "<eos>"] or ["<unk>"]) == label
        assert agree >= 17, (label, agree)  # at least 85% of the draws carry the label
