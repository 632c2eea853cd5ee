"""Hidden states seen from above: PCA down to two dimensions, and the sentiment demo's map: every
hidden state of a data set projected, where its sentences end, and one sentence's path with
P(positive) after each word (what a many-to-one model would say if the sentence stopped there).
Pure NumPy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from rnn_tui.engine.cells import forward_batch
from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.rnn import Array, Model, readout
from rnn_tui.engine.text import tokenize
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import Trace, run

MANY_TO_ONE = topology_by_name("many-to-one")
# Sentences stepped at once: the products stay small enough that BLAS does them on one thread (on a
# busy machine, its threads cost more than the sums).
BLOCK = 256
MARGIN = 0.03   # the map's bounds reach this share beyond the outermost point, so no dot sits on the edge


@dataclass(frozen=True)
class PCA:
    mean: np.ndarray        # (D,) the centre of the data
    components: np.ndarray  # (k, D) orthonormal directions, the largest variance first
    explained: np.ndarray   # (k,) the fraction of the variance along each direction

    def project(self, X: np.ndarray) -> np.ndarray:
        """(N, D) or (D,) points to (N, k) or (k,) coordinates; the mean goes to 0."""
        projected: np.ndarray = (np.asarray(X, dtype=np.float64) - self.mean) @ self.components.T
        return projected

    def flipped(self, axis: int) -> PCA:
        """The same PCA with one direction reversed (to point positive sentences right, say)."""
        components = self.components.copy()
        components[axis] *= -1
        return PCA(self.mean, components, self.explained)


def fit_pca(X: np.ndarray, k: int = 2) -> PCA:
    """Centre X (N, D) and take its top-k right singular vectors. Each direction's sign is fixed
    so that its largest entry (by size; the first such on a tie) is positive: the same data
    always gives the same picture. Directions beyond the data's rank are zero.

    With more points than dimensions (a map: a thousand hidden states of 32 units) they are found
    from the D x D scatter matrix XᵀX, whose eigenvectors they are: the same directions, from a
    decomposition of D x D rather than N x D (under a millisecond, where the larger one can take
    a tenth of a second on a busy machine)."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 1:
        raise ValueError(f"fit_pca needs a 2-D array with at least one row, got shape {X.shape}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    mean = X.mean(axis=0)
    centred = X - mean
    if X.shape[0] > X.shape[1]:
        _, variance, vt = np.linalg.svd(centred.T @ centred)  # XᵀX = V S² Vᵀ
    else:
        _, s, vt = np.linalg.svd(centred, full_matrices=False)
        variance = s ** 2
    components = np.zeros((k, X.shape[1]))
    n = min(k, vt.shape[0])
    components[:n] = vt[:n]
    for row in components[:n]:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    explained = np.zeros(k)
    if variance.sum() > 0:
        explained[:n] = variance[:n] / variance.sum()
    return PCA(mean, components, explained)


@dataclass(frozen=True, eq=False)
class SentimentMap:
    """A many-to-one model's hidden states over a labelled data set (the Sentiment scene gives it
    the test split), seen from above: computed once per (model, data set), whatever sentence is read on it."""

    model: Model
    corpus: Corpus
    pca: PCA              # fitted on the final hidden state of every sentence in the data set
    cloud: np.ndarray     # (M, 2) every h_t of every sentence, projected
    ends: np.ndarray      # (N, 2) every sentence's final h, projected
    labels: np.ndarray    # (N,) the data set's labels (1 = positive)
    lo: np.ndarray        # (2,) the map's bottom-left corner, in PCA coordinates
    hi: np.ndarray        # (2,) its top-right corner

    @property
    def positive(self) -> int:
        """The output that means "positive"."""
        return self.model.positive_index

    @cached_property
    def tests(self) -> tuple[str, ...]:
        """The data set's test sentences, in its order: the ones the demo walks."""
        return tuple(s.text for s in self.corpus.sentences if s.split == "test")

    @cached_property
    def _labels_by_text(self) -> dict[str, int]:
        by_text: dict[str, int] = {}
        for s in self.corpus.sentences:
            if s.label is not None:
                by_text.setdefault(s.text, s.label)  # the first, should a text come twice
        return by_text

    def label_of(self, text: str) -> str | None:
        """The data set's label for `text` as the model names it, or None for a sentence not in it."""
        label = self._labels_by_text.get(text)
        return None if label is None else self.model.labels[label]

    def read(self, text: str) -> SentenceReading:
        """`text` read by the model: its trace, P(label) after every word, its path on the map."""
        trace = run(self.model, tokenize(text), MANY_TO_ONE)
        hs = np.concatenate([trace.h0[None, :], trace.hidden_states])
        return SentenceReading(text, trace, readout(self.model.params, hs), self.pca.project(hs), self.positive)


@dataclass(frozen=True, eq=False)
class SentenceReading:
    """One sentence on the map."""

    text: str
    trace: Trace
    probs: np.ndarray     # (T + 1, labels): row 0 is before any word (h_0 = 0), row t after word t
    path: np.ndarray      # (T + 1, 2): h_0 .. h_T on the map
    positive: int         # the column of probs that means "positive"

    def __len__(self) -> int:
        return len(self.trace)

    def p_positive(self, t: int) -> float:
        """P(positive) after t words (t = 0: before any)."""
        return float(self.probs[t, self.positive])

    def change(self, t: int) -> float:
        """How much word t moved P(positive), in percentage points."""
        return 100 * (self.p_positive(t) - self.p_positive(t - 1))


def hidden_states(model: Model, sentences: Sequence[Sequence[str]]) -> list[Array]:
    """h_1 .. h_T (T, H) of each sentence, as the model reads it from h_0 = 0: the cell's batched
    step takes a block of sentences at once (a thousand sentences take milliseconds, where a Trace
    each would take a good share of a second). A word the vocabulary cannot read (no <unk>) is the
    zero vector."""
    p, vocab = model.params, model.vocab
    H = p.hidden_size
    out: list[Array] = [np.empty((0, H))] * len(sentences)
    order = sorted(range(len(sentences)), key=lambda i: -len(sentences[i]))  # longest first
    for start in range(0, len(order), BLOCK):
        block = order[start:start + BLOCK]
        lengths = [len(sentences[i]) for i in block]
        xs = np.full((lengths[0], len(block)), -1)  # (T, B); -1: the zero vector, or past the end
        for col, i in enumerate(block):
            xs[: lengths[col], col] = [-1 if k is None else k for k in vocab.encode(sentences[i])]
        mask = np.arange(lengths[0])[:, None] < np.array(lengths)[None, :]
        hs = np.stack([s.h for s in forward_batch(p, xs, mask)])  # (T, B, H)
        for col, i in enumerate(block):
            out[i] = hs[: lengths[col], col]
    return out


def sentiment_map(model: Model, corpus: Corpus) -> SentimentMap:
    """The PCA of every sentence's final hidden state, oriented so that positive sentences end to
    the right (as the axis label says), with every hidden state and h_0 = 0 inside the bounds."""
    states = hidden_states(model, [s.words for s in corpus.sentences])
    finals = np.stack([h[-1] for h in states])
    every = np.concatenate(states)
    labels = np.array(corpus.labels)
    pca = fit_pca(finals, k=2)
    ends = pca.project(finals)
    positive, negative = labels == 1, labels != 1
    if positive.any() and negative.any() and ends[positive, 0].mean() < ends[negative, 0].mean():
        pca = pca.flipped(0)
        ends = pca.project(finals)
    cloud = pca.project(every)
    points = np.concatenate([cloud, pca.project(np.zeros((1, model.hidden_size)))])
    lo, hi = points.min(axis=0), points.max(axis=0)
    pad = np.maximum((hi - lo) * MARGIN, 1e-9)  # a map of one point still has an inside
    return SentimentMap(model, corpus, pca, cloud, ends, labels, lo - pad, hi + pad)
