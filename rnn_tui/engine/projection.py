"""Hidden states seen from above: PCA down to two dimensions, and the output layer read at
every step (what a many-to-one model would say if the sentence stopped there). Pure NumPy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np



@dataclass(frozen=True)
class PCA:
    mean: np.ndarray        # (D,) the centre of the data
    components: np.ndarray  # (k, D) orthonormal directions, the largest variance first
    explained: np.ndarray   # (k,) the fraction of the variance along each direction

    def project(self, X: np.ndarray) -> np.ndarray:
        """(N, D) or (D,) points to (N, k) or (k,) coordinates; the mean goes to 0."""
        return (np.asarray(X, dtype=np.float64) - self.mean) @ self.components.T

    def flipped(self, axis: int) -> "PCA":
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


def project(pca: PCA, X: np.ndarray) -> np.ndarray:
    return pca.project(X)

