"""Make rnn_tui/engine/data/sentiment_writer.npz: the one-to-many demo. Its one input is a label
word, "positive" or "negative"; it writes a short everyday sentence of that sentiment, a word a
step, each word fed back as the next input, until <eos>.

It is trained as a next-word model on the everyday sentiment set's training sentences, each
prefixed by its label word ("positive the staff were so friendly"), so after the label word it
has learnt what people say with that sentiment. Only short, plain sentences (no negation, no
contrast) are used: the label is read once, and the cell must carry it to every word it writes.
Seeded; picked by validation loss. The shipped
sentiment model judges what it writes (see tests/test_shipped_models.py).

    python scripts/train_writer.py
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import Corpus, Sentence, load_corpus
from rnn_tui.engine.models import data_path, load_model
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.text import Vocabulary
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import Sampling, run
from rnn_tui.engine.train import Config, Trainer, make_task

LABEL_WORDS = ("negative", "positive")  # label 0, label 1: the one input a sentence is written from
CONFIG = Config(hidden=64, epochs=30, lr=0.003, seed=0, patience=3, batch_size=16)
SAMPLES = 20       # sentences drawn per label, to judge
TEMPERATURE = 0.7  # for those draws: near greedy, with some variety


MAX_WORDS = 8  # short, plain sentences: the label word is read once, at the start, and an Elman
               # cell must carry it to every word it writes (a long sentence would forget it)
TURNS = {"but", "although", "though", "not", "never", "no", "nobody", "nothing", "t", "longer", "however"}


def plain(words: tuple[str, ...]) -> bool:
    """A sentence whose words all say its label: short, with no negation and no contrast."""
    return len(words) <= MAX_WORDS and not TURNS & set(words)


def prefixed(data: Corpus, split: str) -> Corpus:
    return Corpus(tuple(Sentence(f"{LABEL_WORDS[s.label or 0]} {s.text}", s.label, split)
                        for s in data.split(split).sentences if plain(s.words)),
                  f"{data.source} ({split}, short and plain, prefixed)")


def train_writer(config: Config = CONFIG, verbose: bool = True) -> Model:
    data = load_corpus(data_path("everyday_sentiment.csv"))
    train, val = prefixed(data, "train"), prefixed(data, "val")
    vocab = Vocabulary.build((s.words for s in train.sentences), min_count=3)
    task = make_task("next-word", train, vocab)
    trainer = Trainer(task, task.examples(train), task.examples(val), config)
    start = time.perf_counter()
    while not trainer.finished:
        s = trainer.epoch()
        if verbose:
            print(f"epoch {s.epoch}: loss {s.loss:.3f}, val loss {s.heldout_loss:.3f}, "
                  f"{time.perf_counter() - start:.0f} s{' (best)' if s.best else ''}", flush=True)
    # Trained with a loss at every word, used to write from one word: one-to-many is what it shows.
    return replace(trainer.model("sentiment-writer", best=True), trained_for="one-to-many")


def judged(writer: Model, judge: Model, samples: int = SAMPLES) -> dict[str, float]:
    """For each label word, the share of sentences the writer draws that the judge gives that label."""
    one_to_many, many_to_one = topology_by_name("one-to-many"), topology_by_name("many-to-one")
    shares = {}
    for label in LABEL_WORDS:
        agree = 0
        for seed in range(samples):
            words = [w for w in run(writer, [label], one_to_many, gen_steps=15,
                                    sampling=Sampling(TEMPERATURE, seed)).outputs if w != "<eos>"]
            said = run(judge, words or ["<unk>"], many_to_one).steps[-1].predicted
            agree += judge.labels[int(said or 0)] == label
        shares[label] = agree / samples
    return shares


def main() -> None:
    writer = train_writer()
    path = weights.save(writer, data_path("sentiment_writer.npz"), overwrite=True)
    one_to_many = topology_by_name("one-to-many")
    for label in LABEL_WORDS:
        greedy = run(writer, [label], one_to_many, gen_steps=15).outputs
        print(f"{label} (greedy): {' '.join(greedy)}")
        for seed in range(3):
            drawn = run(writer, [label], one_to_many, gen_steps=15, sampling=Sampling(TEMPERATURE, seed)).outputs
            print(f"{label} (T={TEMPERATURE}, seed {seed}): {' '.join(drawn)}")
    shares = judged(writer, load_model("sentiment"))
    print("the sentiment model agrees with the asked-for label: "
          + ", ".join(f"{k} {v:.0%}" for k, v in shares.items()) + f" (of {SAMPLES} draws each)")
    print(f"wrote {path} ({np.round(path.stat().st_size / 1024)} KB)")


if __name__ == "__main__":
    main()
