"""Make the shipped models of each cell (Elman, GRU, LSTM) for the lesson on gates, with fixed
seeds. Run from the project root (after scripts/make_memory_data.py):

    python scripts/train_gated.py                  # all nine, several minutes
    python scripts/train_gated.py memory-gru       # one of them

- memory-elman, memory-gru, memory-lstm: the memory task (rnn_tui/engine/data/memory.csv), one
  recipe for all three cells (MEMORY below): the word that decides the label comes first and 20 to
  40 neutral words follow. The Elman model stays near a coin toss; the gated ones get it right.
- sentiment-gru, sentiment-lstm: the shipped sentiment data set with the Elman sentiment model's
  recipe (SHIPPED_CONFIG["sentiment"]) and its vocabulary, at H = 16 to keep the files small.
- lecture-next-word-gru|lstm, lecture-labels-gru|lstm: the lecture's two models again with each
  gated cell (scripts/train_shipped.py's recipe, H = 8, on the lecture's three sentences, nothing
  held out), so the Unroll scene's cell key switches cell over the same sentence.

Each model is trained on its train split, early-stopped on val; the test split is only reported.
"""

from __future__ import annotations

import argparse

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus, load_corpus
from rnn_tui.engine.models import BUILTIN, MEMORY_DATA, data_path, sentiment_corpus
from rnn_tui.engine.text import Vocabulary
from rnn_tui.engine.train import SHIPPED_CONFIG, SHIPPED_MODEL, Config, Trainer, evaluate, make_task, train

# The memory task's recipe, the same for every cell: Adam, batches of 16, at most 40 epochs, early
# stopping once the validation loss has not improved for 10 (the best epoch's weights are kept).
MEMORY = {"hidden": 16, "epochs": 40, "lr": 0.003, "batch_size": 16, "clip": 5.0, "patience": 10}
GATED_SENTIMENT_HIDDEN = 16
NAMES = ("memory-elman", "memory-gru", "memory-lstm", "sentiment-gru", "sentiment-lstm",
         "lecture-next-word-gru", "lecture-next-word-lstm", "lecture-labels-gru", "lecture-labels-lstm")


def lecture_trainer(name: str, cell: str) -> Trainer:
    """A lecture model's recipe (scripts/train_shipped.py) with another cell."""
    vocab = LECTURE_CORPUS.vocab
    if name == "lecture-next-word":
        config = Config(hidden=8, seed=0, cell=cell, **SHIPPED_CONFIG["next-word"])  # type: ignore[arg-type]
        return train(make_task("next-word", LECTURE_CORPUS, vocab), LECTURE_CORPUS, config)
    config = Config(hidden=8, epochs=30, lr=0.01, seed=0, cell=cell)
    return train(make_task("sentiment", LECTURE_CORPUS, vocab, ("label 0", "label 1")), LECTURE_CORPUS, config)


def trainer_for(name: str, seed: int = 0) -> tuple[Trainer, Corpus]:
    task_name, cell = name.rsplit("-", 1)
    if task_name.startswith("lecture-"):
        return lecture_trainer(task_name, cell), LECTURE_CORPUS
    if task_name == "memory":
        data = load_corpus(data_path(MEMORY_DATA))
        train_split = data.split("train")
        task = make_task("sentiment", train_split)
        config = Config(seed=seed, cell=cell, **MEMORY)  # type: ignore[arg-type]
    else:
        data = sentiment_corpus()
        train_split = data.split("train")
        vocab = Vocabulary.build((s.words for s in train_split.sentences),
                                 min_count=SHIPPED_MODEL["sentiment"]["min_count"])
        task = make_task("sentiment", train_split, vocab)
        config = Config(hidden=GATED_SENTIMENT_HIDDEN, seed=seed, cell=cell,
                        **SHIPPED_CONFIG["sentiment"])  # type: ignore[arg-type]
    return train(task, train_split, config, heldout=data.split("val")), data


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", metavar="NAME", help=f"the models to make (default: all): {', '.join(NAMES)}")
    names = ap.parse_args(argv).names or list(NAMES)
    for name in names:
        if name not in NAMES:
            ap.error(f"unknown model {name!r}; expected one of {', '.join(NAMES)}")
    for name in names:
        trainer, data = trainer_for(name)
        model = trainer.model(name, best=True)
        splits = ("train", "val", "test") if data is not LECTURE_CORPUS else ()
        accuracy = ", ".join(f"{split} {evaluate(model.params, trainer.task.examples(data.split(split)))[1]:.1%}"
                             for split in splits) or f"train {trainer.history[-1].accuracy:.1%} (the three sentences)"
        c = trainer.config
        print(f"{name}: {c.cell}, H={c.hidden}, V={model.vocab.size}, lr {c.lr:g}, best epoch {trainer.best_epoch} "
              f"of {len(trainer.history)}; accuracy {accuracy}", flush=True)
        weights.save(model, data_path(BUILTIN[name]), overwrite=True)


if __name__ == "__main__":
    main()
