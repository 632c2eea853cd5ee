"""The order experiment: two sentences with the same bag of words, three ways to feed them to a
network. A bag of words (the sum of the one-hots: a fixed size with no padding) cannot tell them
apart. Flattened and padded they differ, each word in its slot, but every slot has weights of its
own. The RNN reads them in order with one set of weights for every step: its final states differ."""

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
    flat_a: np.ndarray  # a flattened: its one-hots end to end, padded to `slots` words (slots x V)
    flat_b: np.ndarray

    @property
    def V(self) -> int:
        return len(self.bag)

    @property
    def slots(self) -> int:
        """T: the longer sentence's length, which both are padded to when flattened."""
        return len(self.flat_a) // self.V

    @property
    def flat_distance(self) -> float:
        """‖flat_a − flat_b‖: how far apart a dense layer's two inputs are."""
        return float(np.linalg.norm(self.flat_a - self.flat_b))

    @property
    def moved(self) -> tuple[tuple[str, int, int], ...]:
        """(word, its slot in a, its slot in b), 0-based, for each word that stands elsewhere in b
        (its first place in each): met by one slot's weights in a and another's in b."""
        out = []
        for w in dict.fromkeys(self.a):
            if w in self.b and self.a.index(w) != self.b.index(w):
                out.append((w, self.a.index(w), self.b.index(w)))
        return tuple(out)

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


@dataclass(frozen=True)
class OrderPair:
    """Two word orders of one bag of words, and where in the corpus they come from."""

    a: tuple[str, ...]
    b: tuple[str, ...]
    first: int                      # the sentence (0-based) a comes from
    second: int | None              # the one b comes from; None when b is a reversed
    dropped_a: tuple[str, ...] = ()  # a's sentence's words left out (not in b's sentence)
    dropped_b: tuple[str, ...] = ()


def find_pair(corpus: Corpus) -> OrderPair:
    """The pair of sentences sharing the most words, each kept to the shared words in its own
    order (the lecture's "Hi my name is Barry" without "hi", and "Barry is my name"). Falls back
    to the longest sentence and the same words reversed."""
    best: OrderPair | None = None
    # Pairs grow with the square of the corpus: the first few hundred sentences are plenty to find one.
    for (i, s), (j, r) in combinations(enumerate(corpus.sentences[:PAIR_SEARCH]), 2):
        shared = set(s.words) & set(r.words)
        a = tuple(w for w in s.words if w in shared)
        b = tuple(w for w in r.words if w in shared)
        if len(shared) >= 2 and sorted(a) == sorted(b) and a != b and (best is None or len(a) > len(best.a)):
            best = OrderPair(a, b, i, j, tuple(w for w in s.words if w not in shared),
                             tuple(w for w in r.words if w not in shared))
    if best:
        return best
    longest = max(range(len(corpus.sentences)), key=lambda n: len(corpus.sentences[n].words))
    words = corpus.sentences[longest].words
    return OrderPair(words, tuple(reversed(words)), longest, None)


def order_pair(corpus: Corpus) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The two word orders of `find_pair`."""
    pair = find_pair(corpus)
    return pair.a, pair.b


def flattened(model: Model, words: Sequence[str], slots: int) -> np.ndarray:
    """The words' one-hots end to end, padded with zero vectors to `slots` words: a dense layer's input."""
    V = model.vocab.size
    x = np.zeros(slots * V)
    for t, i in enumerate(model.vocab.encode(words)):
        if i is not None:
            x[t * V + i] = 1.0
    return x


def order_test(model: Model, a: Sequence[str], b: Sequence[str]) -> OrderTest:
    """Both bags of words, both flattened inputs, and the final hidden state of the many-to-one
    model after each order."""
    many_to_one = topology_by_name("many-to-one")
    bag_a, bag_b = model.vocab.bag_of_words(a), model.vocab.bag_of_words(b)
    slots = max(len(a), len(b))
    return OrderTest(tuple(a), tuple(b), bool(np.array_equal(bag_a, bag_b)), bag_a,
                     run(model, a, many_to_one).steps[-1].h, run(model, b, many_to_one).steps[-1].h, bag_b,
                     flattened(model, a, slots), flattened(model, b, slots))
