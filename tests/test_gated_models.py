"""The lesson on gates: the memory task's data (rnn_tui/engine/data/memory.csv), the shipped
model of each cell on it (the Elman one stays near a coin toss, the GRU and the LSTM get it
right), the gated sentiment models, and how much gradient survives k steps back in each cell.
Forward only and fast; `-m slow` retrains a memory model from its seed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus, load_corpus
from rnn_tui.engine.gradients import gradient_survival
from rnn_tui.engine.models import MEMORY_DATA, MEMORY_MODELS, SENTIMENT_MODELS, data_path, load_model, sentiment_split
from rnn_tui.engine.train import evaluate, make_task

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def memory() -> Corpus:
    return load_corpus(data_path(MEMORY_DATA))


def accuracy(model, corpus: Corpus) -> float:
    task = make_task("sentiment", corpus, model.vocab, model.labels)
    return evaluate(model.params, task.examples(corpus))[1]


# ---- the data -----------------------------------------------------------------------------------

def test_the_memory_data_is_what_its_script_makes(tmp_path):
    made = tmp_path / "memory.csv"
    script("make_memory_data").main(made)
    assert made.read_bytes() == data_path(MEMORY_DATA).read_bytes()


def test_the_deciding_word_comes_early_and_20_to_40_neutral_words_follow(memory):
    make = script("make_memory_data")
    lexicon = {w: 1 for w in make.POSITIVE} | {w: 0 for w in make.NEGATIVE}
    assert {len(memory.split(s).sentences) for s in ("train", "val", "test")} == {2000, 300, 600}
    for s in memory.sentences:
        deciding = [i for i, w in enumerate(s.words) if w in lexicon]
        assert len(deciding) == 1 and deciding[0] <= 3, s.text   # one word decides, among the first four
        assert 20 <= len(s.words) - deciding[0] - 1 <= 40           # then only neutral words
        assert s.label == lexicon[s.words[deciding[0]]]
    labels = [s.label for s in memory.split("test").sentences]
    assert sum(labels) == len(labels) // 2                          # balanced: a coin toss scores 50%


# ---- the shipped models ------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["elman", "gru", "lstm"])
def test_each_memory_model_is_its_cell(cell):
    model = load_model(MEMORY_MODELS[cell])
    assert model.cell == cell and model.hidden_size == 16 and model.trained_for == "many-to-one"


def test_the_elman_model_fails_the_memory_task(memory):
    """Near a coin toss on the held-out sentences: the deciding word is 20 to 40 steps back."""
    assert accuracy(load_model(MEMORY_MODELS["elman"]), memory.split("test")) < 0.6


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_the_gated_models_pass_the_memory_task(memory, cell):
    assert accuracy(load_model(MEMORY_MODELS[cell]), memory.split("test")) >= 0.9


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_the_gated_sentiment_models_do_at_least_as_well_as_the_elman_one(cell):
    model = load_model(SENTIMENT_MODELS[cell])
    assert model.cell == cell
    assert accuracy(model, sentiment_split("test")) >= 0.95


# ---- gradient survival --------------------------------------------------------------------------

def test_the_gradient_reaches_the_deciding_word_in_the_gated_cells_only(memory):
    """On a held-out sentence whose deciding word is 30 or more steps before the last: what
    reaches it, over what reaches the last word, on one log axis for the three cells."""
    sentence = next(s for s in memory.split("test").sentences if len(s.words) >= 36)
    models = [load_model(MEMORY_MODELS[c]) for c in ("elman", "gru", "lstm")]
    survival = gradient_survival(models, sentence.words)
    k = len(sentence.words) - 1 - 3            # the fourth word: the deciding one or just after it
    elman, gru, lstm = survival.cells
    assert [c.cell for c in survival.cells] == ["elman", "gru", "lstm"]
    assert all(c.share[0] == 1.0 for c in survival.cells)
    assert elman.share[k] < 1e-5                           # vanished: under a hundred-thousandth
    assert gru.share[k] > 0.01                             # the GRU's update gate keeps a path open
    assert lstm.share[k] > 10 * elman.share[k]             # the trained LSTM's memory unit is saturated
    assert gru.share[k] > 1e4 * elman.share[k]             # (tanh(c) near 1): less reaches back than in the GRU
    low, high = survival.decades
    for c in survival.cells:                               # every point fits the one axis
        shown = c.share[c.share > 0]
        assert 10.0 ** low <= shown.min() and shown.max() <= 10.0 ** high
    assert survival.log_share("elman")[k] == pytest.approx(np.log10(elman.share[k]))
    assert "of" in elman.said(k)


# ---- seeded ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_memory_gru_is_made_again_from_its_seed():
    """scripts/train_gated.py's run gives the shipped weights back (about a minute or two)."""
    trainer, _ = script("train_gated").trainer_for("memory-gru")
    shipped = load_model("memory-gru").params
    for a, b in zip(trainer.model(best=True).params.arrays(), shipped.arrays(), strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", ["lecture-next-word-gru", "lecture-next-word-lstm", "lecture-labels-gru",
                                  "lecture-labels-lstm"])
def test_the_lecture_twins_are_made_again_from_their_seed_and_get_the_three_sentences_right(name):
    """Unroll's c key: the lecture's two models with each gated cell, under a second to make."""
    task_name, cell = name.rsplit("-", 1)
    made = script("train_gated").lecture_trainer(task_name, cell).model(name)
    shipped = load_model(name)
    assert shipped.cell == cell and made.vocab.tokens == shipped.vocab.tokens and made.labels == shipped.labels
    for x, y in zip(made.params.arrays(), shipped.params.arrays(), strict=True):
        np.testing.assert_allclose(x, y, rtol=0, atol=1e-12)
    task = make_task("next-word" if "next-word" in name else "sentiment", LECTURE_CORPUS, shipped.vocab,
                     shipped.labels)
    assert evaluate(shipped.params, task.examples(LECTURE_CORPUS))[1] == 1.0
