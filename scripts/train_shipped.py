"""Make the shipped weights in rnn_tui/engine/data/ with fixed seeds, so the app never trains at
start-up. Run from the project root:

    python scripts/train_shipped.py                                     # the sentiment model, about 25 s
    python scripts/train_shipped.py lecture-next-word lecture-labels    # the lecture's two, a second

The lecture's two are made only when named: today's engine gives their weights back within 1e-15 of
the shipped files (tests/test_shipped_models.py checks it), not byte for byte, and nothing is gained
by changing them.

The sentiment model follows scripts/eval_sentiment.py's recipe (SHIPPED_CONFIG and SHIPPED_MODEL in
rnn_tui/engine/train.py) on rnn_tui/engine/data/everyday_sentiment.csv: the vocabulary and the
training from the train split, early stopping on the val split, the best epoch's weights saved, and
the test split seen only to report."""

from __future__ import annotations

import argparse

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus
from rnn_tui.engine.models import BUILTIN, data_path, sentiment_corpus
from rnn_tui.engine.text import Vocabulary
from rnn_tui.engine.train import SHIPPED_CONFIG, SHIPPED_MODEL, Config, Trainer, evaluate, make_task, train


def sentiment_trainer(seed: int = 0, epochs: int | None = None, data: Corpus | None = None) -> Trainer:
    """The shipped sentiment model's run, finished: `epochs` caps it (a short run for a test), and
    `data` replaces the everyday data set (it needs train and val splits)."""
    data = data or sentiment_corpus()
    train_split, val = data.split("train"), data.split("val")
    shape = SHIPPED_MODEL["sentiment"]
    vocab = Vocabulary.build((s.words for s in train_split.sentences), min_count=shape["min_count"])
    task = make_task("sentiment", train_split, vocab)
    settings = {**SHIPPED_CONFIG["sentiment"], **({} if epochs is None else {"epochs": epochs})}
    config = Config(hidden=shape["hidden"], seed=seed, **settings)
    return train(task, train_split, config, heldout=val)


def lecture_trainer(name: str) -> Trainer:
    """The lecture's two models, on its three sentences, trained on all of them (nothing is held out)."""
    vocab = LECTURE_CORPUS.vocab
    if name == "lecture-next-word":
        config = Config(hidden=8, seed=0, **SHIPPED_CONFIG["next-word"])
        return train(make_task("next-word", LECTURE_CORPUS, vocab), LECTURE_CORPUS, config)
    # The board calls its classes "label 0" and "label 1"; only "I love AI" is a 1. Its settings are
    # the sentiment ones of before the everyday data set, so the file is made again (within 1e-15).
    config = Config(hidden=8, epochs=30, lr=0.01, seed=0)
    return train(make_task("sentiment", LECTURE_CORPUS, vocab, ("label 0", "label 1")), LECTURE_CORPUS, config)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", metavar="NAME",
                    help=f"the models to make (default: sentiment): {', '.join(BUILTIN)}")
    names = ap.parse_args(argv).names or ["sentiment"]
    for name in names:
        if name not in BUILTIN:
            ap.error(f"unknown model {name!r}; expected one of {', '.join(BUILTIN)}")
    for name in names:
        if name == "sentiment":
            trainer = sentiment_trainer(seed=0)
            model = trainer.model(name, best=True)
            data = sentiment_corpus()
            c = trainer.config
            accuracy = ", ".join(f"{split} {evaluate(model.params, trainer.task.examples(data.split(split)))[1]:.1%}"
                                 for split in ("train", "val", "test"))
            print(f"{name}: H={c.hidden}, V={model.vocab.size}, lr {c.lr:g}, best epoch {trainer.best_epoch} "
                  f"of {len(trainer.history)}; accuracy {accuracy}")
        else:
            trainer = lecture_trainer(name)
            model = trainer.model(name)
            s = trainer.history[-1]
            print(f"{name}: H={trainer.config.hidden}, {len(trainer.history)} epochs, loss {s.loss:.4f}, "
                  f"train accuracy {s.accuracy:.1%}")
        weights.save(model, data_path(BUILTIN[name]), overwrite=True)


if __name__ == "__main__":
    main()
