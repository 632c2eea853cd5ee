"""The order experiment: two sentences with the same bag of words, read by the RNN in their own
orders. A bag of words cannot tell them apart; the RNN's final hidden states differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run

PAIR_SEARCH = 300   # sentences searched for the pair: the pairs grow with the square of the corpus


@dataclass(frozen=True, eq=False)
class OrderTest:
    a: tuple[str, ...]
    b: tuple[str, ...]
    same_bag: bool
    bag: np.ndarray     # a's bag of words over the model's vocabulary (tokens)
    h_a: np.ndarray     # final hidden state of a
    h_b: np.ndarray
    bag_b: np.ndarray   # b's bag of words

    @property
    def distance(self) -> float:
        """‖h_a − h_b‖: how far apart the RNN ends after reading each."""
        return float(np.linalg.norm(self.h_a - self.h_b))

    @property
    def bag_distance(self) -> float:
        """‖bag_a − bag_b‖: 0 when a bag-of-words net gets the same input for both."""
        return float(np.linalg.norm(self.bag - self.bag_b))

    @property
    def used(self) -> tuple[int, ...]:
        """The vocabulary columns either bag counts."""
        return tuple(i for i in range(len(self.bag)) if self.bag[i] or self.bag_b[i])


def order_pair(corpus: Corpus) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Two word orders of one bag of words, from the corpus itself: the pair of sentences
    sharing the most words, each kept to the shared words in its own order (the lecture's
    "my name is Barry" / "Barry is my name"). Falls back to the longest sentence reversed."""
    best: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    # Pairs grow with the square of the corpus: the first few hundred sentences are plenty to find one.
    for s, r in combinations(corpus.sentences[:PAIR_SEARCH], 2):
        shared = set(s.words) & set(r.words)
        a = tuple(w for w in s.words if w in shared)
        b = tuple(w for w in r.words if w in shared)
        if len(shared) >= 2 and sorted(a) == sorted(b) and a != b and (best is None or len(a) > len(best[0])):
            best = (a, b)
    if best:
        return best
    longest = max((s.words for s in corpus.sentences), key=len)
    return longest, tuple(reversed(longest))


def order_test(model: Model, a: Sequence[str], b: Sequence[str]) -> OrderTest:
    """Both bags of words, and the final hidden state of the many-to-one model after each order."""
    many_to_one = topology_by_name("many-to-one")
    bag_a, bag_b = model.vocab.bag_of_words(a), model.vocab.bag_of_words(b)
    return OrderTest(tuple(a), tuple(b), bool(np.array_equal(bag_a, bag_b)), bag_a,
                     run(model, a, many_to_one).steps[-1].h, run(model, b, many_to_one).steps[-1].h, bag_b)
