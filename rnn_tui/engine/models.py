"""The shipped models, made by scripts/train_shipped.py (and the encoder-decoder by
scripts/train_translation.py), and which one each topology uses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus
from rnn_tui.engine.rnn import Model, Params
from rnn_tui.engine.text import EOS

if TYPE_CHECKING:
    from rnn_tui.engine.seq2seq import Seq2Seq

TRANSLATION = "translation-en-fr"

BUILTIN = {
    "lecture-next-word": "lecture_next_word.npz",  # many-to-many on the lecture corpus; one-to-many generates with it
    "lecture-labels": "lecture_labels.npz",        # many-to-one on the lecture's labels 0/1
    "sentiment": "sentiment.npz",                  # many-to-one on the shipped sentiment set's train split
    "sentiment-writer": "sentiment_writer.npz",    # one-to-many: a label word in, a sentence of it out
    TRANSLATION: "translation.npz",                # encoder-decoder, English to French: load_translation()
    # The lesson on gates (scripts/train_gated.py): one model per cell on the memory task, and the
    # sentiment model again with each gated cell.
    "memory-elman": "memory_elman.npz",
    "memory-gru": "memory_gru.npz",
    "memory-lstm": "memory_lstm.npz",
    "sentiment-gru": "sentiment_gru.npz",
    "sentiment-lstm": "sentiment_lstm.npz",
    # The lecture's two with each gated cell (scripts/train_gated.py): the Unroll scene's cell key.
    "lecture-next-word-gru": "lecture_next_word_gru.npz",
    "lecture-next-word-lstm": "lecture_next_word_lstm.npz",
    "lecture-labels-gru": "lecture_labels_gru.npz",
    "lecture-labels-lstm": "lecture_labels_lstm.npz",
}
MEMORY_MODELS = {"elman": "memory-elman", "gru": "memory-gru", "lstm": "memory-lstm"}
SENTIMENT_MODELS = {"elman": "sentiment", "gru": "sentiment-gru", "lstm": "sentiment-lstm"}
LECTURE_NEXT_WORD_MODELS = {"elman": "lecture-next-word", "gru": "lecture-next-word-gru",
                            "lstm": "lecture-next-word-lstm"}
LECTURE_LABELS_MODELS = {"elman": "lecture-labels", "gru": "lecture-labels-gru", "lstm": "lecture-labels-lstm"}
CELL_ORDER = ("elman", "gru", "lstm")  # the order the Unroll scene's cell key goes through


def twins(name: str) -> dict[str, str] | None:
    """The shipped models of each cell trained for the same task as the shipped model `name`
    (cell -> model name), or None when `name` has none (a user's file, a model trained in the app)."""
    for family in (LECTURE_NEXT_WORD_MODELS, LECTURE_LABELS_MODELS, SENTIMENT_MODELS, MEMORY_MODELS):
        if name in family.values():
            return family
    return None


def next_cell(cell: str) -> str:
    """The cell after `cell` in CELL_ORDER, round again after the LSTM."""
    return CELL_ORDER[(CELL_ORDER.index(cell) + 1) % len(CELL_ORDER)] if cell in CELL_ORDER else CELL_ORDER[0]


# Which topologies a model trained for one task can honestly be shown on.
TRAINED_USES: dict[str, frozenset[str]] = {
    "many-to-many": frozenset({"one-to-one", "one-to-many", "many-to-many"}),  # next-word: generation feeds it back
    "many-to-one": frozenset({"many-to-one"}),
}


def trained_note(model: Model, topology_name: str) -> str | None:
    """None when the weights were trained for a task this topology shows, else a warning."""
    if model.trained_for is None:
        return "untrained weights (random, seeded)"
    if topology_name in TRAINED_USES.get(model.trained_for, frozenset({model.trained_for})):
        return None
    return f"weights trained for {model.trained_for}, not {topology_name}"  # short: it must fit at 80 columns


DATA = Path(__file__).with_name("data")  # the package's own folder: importlib.resources would bring tempfile


def data_path(filename: str) -> Path:
    return DATA / filename


def load_model(name_or_path: str) -> Model:
    """A built-in model by name, or an .npz file."""
    if name_or_path in BUILTIN:
        return weights.load(data_path(BUILTIN[name_or_path]))
    return weights.load(name_or_path)


def load_translation(name_or_path: str = TRANSLATION) -> Seq2Seq:
    """The shipped English-to-French encoder-decoder by name, or an encoder-decoder .npz file."""
    if name_or_path in BUILTIN:
        return weights.load_seq2seq(data_path(BUILTIN[name_or_path]))
    return weights.load_seq2seq(name_or_path)


SENTIMENT_DATA = "everyday_sentiment.csv"   # made by scripts/make_sentiment_data.py
MEMORY_DATA = "memory.csv"                  # made by scripts/make_memory_data.py


def memory_split(name: str) -> Corpus:
    """One split (train 2,000, val 300, test 600) of the memory task: a deciding word, then 20 to
    40 neutral words; labels negative (0) and positive (1)."""
    from rnn_tui.engine.corpus import load_corpus
    return load_corpus(data_path(MEMORY_DATA)).split(name)


def sentiment_corpus() -> Corpus:
    """The shipped sentiment data set: 10,803 short everyday English sentences labelled negative (0)
    or positive (1), each in a split: train (8,643), val (1,080: early stopping) and test (1,080)."""
    from rnn_tui.engine.corpus import load_corpus
    return load_corpus(data_path(SENTIMENT_DATA))


def sentiment_split(name: str) -> Corpus:
    """One split of the shipped data set, the same as sentiment_corpus().split(name), read straight
    from the file: load_corpus checks every line of a file it cannot trust (0.1-0.2 s for this one,
    most of what the Sentiment scene's first draw would take), and tests/test_sentiment_data.py
    checks this file line by line instead."""
    import csv

    from rnn_tui.engine.corpus import Sentence

    path = data_path(SENTIMENT_DATA)
    with path.open(newline="", encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if row["split"] == name]
    return Corpus(tuple(Sentence(row["text"], int(row["label"]), name) for row in rows), source=str(path))


def untrained(corpus: Corpus, hidden: int = 8, seed: int = 0, labels: tuple[str, ...] | None = None) -> Model:
    """Seeded random weights over a corpus's vocabulary, for a corpus with no model of its own."""
    vocab = corpus.vocab
    labels = labels or vocab.tokens + (EOS,)
    return Model(Params.init(vocab.size, hidden, len(labels), seed), vocab, labels, name="untrained")


def default_model(topology_name: str, corpus: Corpus = LECTURE_CORPUS) -> Model:
    """The lecture corpus gets the shipped lecture models; any other corpus gets seeded
    untrained weights over its own vocabulary (train it in the app or with `rnn-tui train`)."""
    if corpus is LECTURE_CORPUS:
        return load_model("lecture-labels" if topology_name == "many-to-one" else "lecture-next-word")
    if topology_name == "many-to-one" and corpus.labelled:
        return untrained(corpus, labels=corpus.label_names)
    return untrained(corpus)
