"""Make the shipped weights in rnn_tui/engine/data/ with fixed seeds, so the app never trains
at start-up. Run from the project root: python scripts/train_shipped.py"""

from __future__ import annotations

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import LECTURE_CORPUS
from rnn_tui.engine.models import BUILTIN, data_path, sentiment_corpus
from rnn_tui.engine.train import SHIPPED_CONFIG, Config, make_task, train


def main() -> None:
    lecture_vocab = LECTURE_CORPUS.vocab
    data = sentiment_corpus()
    runs = [
        # name, task, training corpus, held-out corpus, vocabulary, labels, hidden size
        ("lecture-next-word", "next-word", LECTURE_CORPUS, None, lecture_vocab, None, 8),
        # The board calls its classes "label 0" and "label 1"; only "I love AI" is a 1.
        ("lecture-labels", "sentiment", LECTURE_CORPUS, None, lecture_vocab, ("label 0", "label 1"), 8),
        ("sentiment", "sentiment", data.split("train"), data.split("test"), data.vocab, None, 16),
    ]
    for name, task_name, corpus, heldout, vocab, labels, hidden in runs:
        settings = SHIPPED_CONFIG[task_name]
        config = Config(hidden=hidden, epochs=settings["epochs"], lr=settings["lr"], seed=0)
        trainer = train(make_task(task_name, corpus, vocab, labels), corpus, config, heldout=heldout)
        s = trainer.history[-1]
        held = "" if s.heldout_accuracy is None else f", held-out accuracy {s.heldout_accuracy:.1%}"
        print(f"{name}: H={hidden}, {config.epochs} epochs, loss {s.loss:.4f}, train accuracy {s.accuracy:.1%}{held}")
        weights.save(trainer.model(name), data_path(BUILTIN[name]), overwrite=True)


if __name__ == "__main__":
    main()
