"""The feed-forward comparison: why a dense net on flattened one-hot sentences is a poor fit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnn_tui.engine.corpus import Corpus


def flattened_sizes(corpus: Corpus, V: int) -> list[int]:
    """V x T per sentence: how many inputs a dense layer needs to take it flattened."""
    return [V * n for n in corpus.lengths]


@dataclass(frozen=True)
class Rejection:
    sentence: int   # 0-based index into the corpus
    expected: int   # the dense layer's input size
    got: int        # the sentence's flattened size


def rejections(corpus: Corpus, V: int, sized_for: str = "first") -> list[Rejection]:
    """The sentences a dense layer built for the first (or the longest) sentence cannot take:
    the lecture's "input size error"."""
    sizes = flattened_sizes(corpus, V)
    expected = sizes[0] if sized_for == "first" else max(sizes)
    return [Rejection(i, expected, got) for i, got in enumerate(sizes) if got != expected]


@dataclass(frozen=True)
class PaddingCost:
    V: int
    hidden: int
    sentences: int
    longest: int           # T_max: every sentence is padded to it
    cells: int             # N x T_max x V numbers in the padded matrix
    ones: int              # one per real word
    padded_rows: int       # word slots that are padding
    macs_total: int        # first dense layer's multiply-adds, all sentences
    macs_on_padding: int   # of which on padded word slots (all zeros)
    macs_on_words: int     # of which on real word slots
    macs_nonzero: int      # of which multiply a 1 (the only work that changes anything)

    @property
    def zero_share(self) -> float:
        return 1 - self.ones / self.cells

    @property
    def padding_share(self) -> float:
        return self.macs_on_padding / self.macs_total


def padded_matrix(corpus: Corpus, V: int | None = None) -> np.ndarray:
    """(N, T_max, V) one-hot sentences, zero-padded at the end."""
    vocab = corpus.vocab
    V = V or vocab.size
    X = np.zeros((len(corpus.sentences), max(corpus.lengths), V))
    for n, s in enumerate(corpus.sentences):
        for t, i in enumerate(vocab.encode(s.words)):
            if i is not None and i < V:
                X[n, t, i] = 1.0
    return X


def padding_cost(corpus: Corpus, V: int, hidden: int) -> PaddingCost:
    N, T = len(corpus.sentences), max(corpus.lengths)
    tokens = corpus.token_count
    per_slot = V * hidden  # multiply-adds one word slot costs a dense layer with `hidden` units
    return PaddingCost(
        V=V, hidden=hidden, sentences=N, longest=T, cells=N * T * V, ones=tokens,
        padded_rows=N * T - tokens,
        macs_total=N * T * per_slot, macs_on_padding=(N * T - tokens) * per_slot,
        macs_on_words=tokens * per_slot, macs_nonzero=tokens * hidden,
    )


def dense_params(V: int, T: int, hidden: int) -> int:
    """A dense layer on a flattened V x T input: weights plus biases. Grows with T."""
    return V * T * hidden + hidden


def rnn_params(V: int, hidden: int) -> int:
    """nn.RNN(V, H): W_ih, W_hh and two biases. The same for every T."""
    return hidden * V + hidden * hidden + 2 * hidden


def param_growth(V: int, hidden: int, lengths=(3, 5, 10, 20, 50, 100)) -> list[tuple[int, int, int]]:
    return [(T, dense_params(V, T, hidden), rnn_params(V, hidden)) for T in lengths]
