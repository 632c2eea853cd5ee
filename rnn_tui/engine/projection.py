"""Hidden states seen from above: PCA down to two dimensions, and the sentiment demo's map: every
hidden state of a data set projected, where its sentences end, and one sentence's path with
P(positive) after each word (what a many-to-one model would say if the sentence stopped there).
Pure NumPy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.rnn import Model, readout
from rnn_tui.engine.text import tokenize
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import Trace, run

MANY_TO_ONE = topology_by_name("many-to-one")
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
    always gives the same picture. Directions beyond the data's rank are zero."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 1:
        raise ValueError(f"fit_pca needs a 2-D array with at least one row, got shape {X.shape}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    mean = X.mean(axis=0)
    _, s, vt = np.linalg.svd(X - mean, full_matrices=False)
    components = np.zeros((k, X.shape[1]))
    n = min(k, vt.shape[0])
    components[:n] = vt[:n]
    for row in components[:n]:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    variance = s ** 2
    explained = np.zeros(k)
    if variance.sum() > 0:
        explained[:n] = variance[:n] / variance.sum()
    return PCA(mean, components, explained)


@dataclass(frozen=True, eq=False)
class SentimentMap:
    """A many-to-one model's hidden states over a labelled data set, seen from above: computed
    once per (model, data set), whatever sentence is read on it."""

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

    @property
    def tests(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.corpus.sentences if s.split == "test")

    def label_of(self, text: str) -> str | None:
        """The data set's label for `text` as the model names it, or None for a sentence not in it."""
        for s in self.corpus.sentences:
            if s.text == text and s.label is not None:
                return self.model.labels[s.label]
        return None

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


def sentiment_map(model: Model, corpus: Corpus) -> SentimentMap:
    """The PCA of every sentence's final hidden state, oriented so that positive sentences end to
    the right (as the axis label says), with every hidden state and h_0 = 0 inside the bounds."""
    traces = [run(model, s.words, MANY_TO_ONE) for s in corpus.sentences]
    finals = np.stack([t.steps[-1].h for t in traces])
    every = np.concatenate([t.hidden_states for t in traces])
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
