"""What training decides for the user: when a run has diverged, when to stop early and which
weights to keep, reading a share of words as <unk>, and a validation split to choose by."""

import math
from pathlib import Path

import numpy as np
import pytest

from rnn_tui.engine import LECTURE_CORPUS, Corpus, Sentence
from rnn_tui.engine.corpus import load_corpus
from rnn_tui.engine.text import UNK
from rnn_tui.engine.train import Config, Example, Trainer, TrainingDiverged, evaluate, make_task, train

# The 260 sentences the sentiment model was once trained on: a run over them takes a second, where
# one over the shipped everyday set (10,803 sentences) takes minutes.
SMALL = Path(__file__).parent / "data" / "small_sentiment.csv"


def sentiment_trainer(**config) -> Trainer:
    data = load_corpus(SMALL)
    task = make_task("sentiment", data, data.vocab)
    return Trainer(task, task.examples(data.split("train")), task.examples(data.split("test")),
                   Config(**{"hidden": 8, "epochs": 40, "lr": 0.01, **config}))


def test_a_learning_rate_of_100_is_stopped_though_the_loss_stays_finite():
    """lr 100 gave a finite loss of about 2,300 and wrote the weights: that is divergence too."""
    trainer = sentiment_trainer(lr=100.0)
    with pytest.raises(TrainingDiverged) as info:
        for _ in range(5):
            trainer.epoch()
    message = str(info.value)
    assert "lower the learning rate (now 100)" in message and "\n" not in message
    assert "rose to" in message


def test_an_ordinary_run_is_not_called_diverged():
    trainer = sentiment_trainer(epochs=5)
    for _ in range(5):
        trainer.epoch()
    assert all(math.isfinite(s.loss) for s in trainer.history)
    assert trainer.history[-1].loss < trainer.start_loss


def test_early_stopping_keeps_the_epoch_with_the_lowest_heldout_loss():
    trainer = sentiment_trainer(hidden=16, epochs=200, lr=0.05, patience=3)
    while not trainer.finished:
        trainer.epoch()
    history = trainer.history
    losses = [s.heldout_loss for s in history]
    best = int(np.argmin(losses)) + 1
    assert trainer.stopped_early and len(history) < 200
    assert trainer.best_epoch == best and len(history) == best + 3  # three epochs without a better one
    assert [s.epoch for s in history if s.best][-1] == best
    kept = trainer.model(best=True)
    loss, _ = evaluate(kept.params, trainer.heldout)
    assert loss == pytest.approx(min(losses), abs=1e-12)  # the kept weights are that epoch's
    assert not np.array_equal(kept.params.W_hh, trainer.params.W_hh)


def test_without_patience_every_epoch_runs():
    trainer = train(make_task("next-word", LECTURE_CORPUS), LECTURE_CORPUS, Config(hidden=4, epochs=7))
    assert len(trainer.history) == 7 and not trainer.stopped_early


def test_unk_rate_reads_about_that_share_of_words_as_unk():
    trainer = sentiment_trainer(unk_rate=0.25)
    unk = trainer.task.vocab.index(UNK)
    words = [x for ex in trainer.train_set for x in ex.x]
    hidden = [x for ex in trainer.train_set for x in trainer._with_unknowns(ex).x]
    share = np.mean([h == unk and w != unk for w, h in zip(words, hidden, strict=True)])
    assert 0.2 < share < 0.3
    example = Example((0, 1, 2), (None, None, 1))
    assert sentiment_trainer()._with_unknowns(example) is example  # off by default


def test_unk_rate_changes_training_and_is_reproducible():
    a = sentiment_trainer(unk_rate=0.2).epoch().loss
    b = sentiment_trainer(unk_rate=0.2).epoch().loss
    c = sentiment_trainer().epoch().loss
    assert a == b != c


@pytest.mark.parametrize("kwargs, words", [({"patience": 0}, "patience"), ({"unk_rate": 1.0}, "<unk>"),
                                           ({"unk_rate": -0.1}, "<unk>")])
def test_bad_settings_are_refused(kwargs, words):
    from rnn_tui.engine import InputError
    with pytest.raises(InputError, match=words):
        Config(**kwargs)


def test_a_validation_split_is_read(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("text,label,split\ngood film,1,train\nbad film,0,val\nfine film,1,test\n")
    corpus = load_corpus(path)
    assert [s.text for s in corpus.split("val").sentences] == ["bad film"]
    assert Corpus((Sentence("a", 0, "val"),)).split("val").sentences[0].split == "val"


def test_rare_words_can_be_left_out_of_the_vocabulary():
    from rnn_tui.engine.text import Vocabulary

    sentences = [["the", "film", "was", "good"], ["the", "film", "was", "dreadful"], ["the", "food"]]
    assert Vocabulary.build(sentences).tokens == ("the", "film", "was", "good", "dreadful", "food", UNK)
    rare_out = Vocabulary.build(sentences, min_count=2)
    assert rare_out.tokens == ("the", "film", "was", UNK)
    assert rare_out.encode(["the", "dreadful", "film"]) == [0, 3, 1]  # a rare word reads as <unk>
