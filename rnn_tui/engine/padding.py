"""The feed-forward comparison: why a dense net on flattened one-hot sentences is a poor fit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.text import Vocabulary


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
        """Zeros in the padded matrix, for both reasons: mostly one-hot's own, then padding's."""
        return 1 - self.ones / self.cells

    @property
    def word_zeros(self) -> int:
        """The zeros in the word rows: V - 1 per word, there with no padding at all."""
        return self.ones * (self.V - 1)

    @property
    def pad_zeros(self) -> int:
        """The zeros padding adds: V per padded row."""
        return self.padded_rows * self.V

    @property
    def sparsity(self) -> float:
        """The share of zeros in the sentences' one-hot rows before any padding: 1 - 1/V."""
        return self.word_zeros / (self.ones * self.V) if self.ones else 0.0

    @property
    def pad_zero_share(self) -> float:
        """The share of the padded matrix that is padding."""
        return self.pad_zeros / self.cells

    @property
    def padding_share(self) -> float:
        """The share of the dense layer's multiply-adds spent on padded rows: the headline."""
        return self.macs_on_padding / self.macs_total


def padded_matrix(corpus: Corpus, V: int | None = None) -> np.ndarray:
    """(N, T_max, V) one-hot sentences, zero-padded at the end."""
    return padded_blocks(corpus, V, len(corpus.sentences))


def padded_blocks(corpus: Corpus, V: int | None = None, count: int | None = None,
                  vocab: Vocabulary | None = None) -> np.ndarray:
    """The first `count` blocks of padded_matrix(corpus, V), (count, T_max, V): the whole matrix
    can be far too big to hold for a large corpus, and a scene draws only a few of its blocks.
    `vocab`: a loaded model's vocabulary to encode with, instead of the corpus's own."""
    vocab = vocab or corpus.vocab
    V = V or vocab.size
    sentences = corpus.sentences[:count] if count is not None else corpus.sentences
    X = np.zeros((len(sentences), max(corpus.lengths), V))
    for n, s in enumerate(sentences):
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


GROWTH_LENGTHS = (3, 5, 10, 20, 50, 100)


def param_growth(V: int, hidden: int, lengths: Sequence[int] = GROWTH_LENGTHS) -> list[tuple[int, int, int]]:
    """(T, dense parameters, RNN parameters) for each longest-sentence length T."""
    return [(T, dense_params(V, T, hidden), rnn_params(V, hidden)) for T in lengths]


@dataclass(frozen=True, eq=False)
class FlattenFigures:
    """The flatten lesson's figures for a corpus: V as the board took it (its token count) and the
    true V (its unique words and <unk>), and what a dense layer built for the first sentence makes of each."""

    lengths: tuple[int, ...]
    V_board: int
    V_true: int
    unique: int                            # the vocabulary's words: V_true without <unk>
    given: bool                            # V_true is a loaded model's vocabulary, not the corpus's own
    board: tuple[int, ...]                 # flattened sizes with V_board
    true: tuple[int, ...]                  # flattened sizes with V_true
    rejected_board: dict[int, Rejection]   # sentence -> its rejection, with V_board
    rejected_true: dict[int, Rejection]

    @property
    def sentences(self) -> int:
        return len(self.lengths)

    def rejected_from(self, first: int) -> int:
        """How many sentences from `first` on the layer rejects (with V_board)."""
        return sum(1 for n in self.rejected_board if n >= first)


def flatten_figures(corpus: Corpus, vocab: Vocabulary | None = None) -> FlattenFigures:
    """V_true is the corpus's vocabulary with <unk> (the lecture's 8 words + 1 = 9), or a loaded
    model's (`vocab`): the V of the One-hot scene and of the model on screen, so every scene says one V."""
    words = vocab or corpus.vocab
    V_board, V_true = corpus.token_count, words.size
    return FlattenFigures(
        tuple(corpus.lengths), V_board, V_true, len(words.words), vocab is not None,
        tuple(flattened_sizes(corpus, V_board)), tuple(flattened_sizes(corpus, V_true)),
        {r.sentence: r for r in rejections(corpus, V_board)},
        {r.sentence: r for r in rejections(corpus, V_true)})


@dataclass(frozen=True, eq=False)
class PaddingFigures:
    """The padding lesson's figures for a corpus, V its vocabulary with <unk> (as One-hot and the
    model on screen say: the corpus's own, or a loaded model's) and H a hidden size."""

    tokens: tuple[str, ...]                # the vocabulary's columns
    V: int
    H: int
    sentences: int
    longest: int                           # T_max
    cost: PaddingCost
    blocks: np.ndarray                     # (shown, T_max, V): the first blocks of the padded matrix
    growth: tuple[tuple[int, int, int], ...]   # (T, dense, RNN) parameters, our T_max among them

    @property
    def shown(self) -> int:
        return int(self.blocks.shape[0])


def padding_figures(corpus: Corpus, hidden: int, shown: int, vocab: Vocabulary | None = None) -> PaddingFigures:
    """Everything the padding lesson shows; only the first `shown` blocks of the matrix are built.
    `vocab`: a loaded model's vocabulary, else the corpus's own."""
    words = vocab or corpus.vocab
    V, T = words.size, max(corpus.lengths)
    return PaddingFigures(
        words.tokens, V, hidden, len(corpus.sentences), T, padding_cost(corpus, V, hidden),
        padded_blocks(corpus, V, min(shown, len(corpus.sentences)), words),
        tuple(param_growth(V, hidden, tuple(sorted(set(GROWTH_LENGTHS) | {T})))))
