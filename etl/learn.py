"""Fitting the event model's logistic regressions: sparse indicator features, full-batch Adam from
zero weights, L2, a fixed number of steps. The same examples give the same weights."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np


def vocabulary(rows: Sequence[Mapping[str, float]], min_count: int) -> list[str]:
    """Features seen in at least ``min_count`` rows (``bias`` always), sorted."""
    counts = Counter(f for r in rows for f in r)
    return sorted({f for f, n in counts.items() if n >= min_count} | {"bias"})


def fit_logistic(
    rows: Sequence[Mapping[str, float]],
    labels: np.ndarray,
    mask: np.ndarray,
    names: Sequence[str],
    *,
    l2: float = 1e-3,
    steps: int = 300,
    rate: float = 0.05,
) -> np.ndarray:
    """One logistic regression per column of ``labels`` (n_rows × k, 0/1), over the features
    ``names``; rows where ``mask`` is 0 do not count for that column. Returns weights
    (n_features × k)."""
    index = {f: i for i, f in enumerate(names)}
    cols: list[int] = []
    vals: list[float] = []
    owner: list[int] = []
    for r, feats in enumerate(rows):
        for f, v in feats.items():
            if f in index:
                cols.append(index[f])
                vals.append(v)
                owner.append(r)
    c = np.asarray(cols, dtype=np.int64)
    x = np.asarray(vals, dtype=np.float64)
    o = np.asarray(owner, dtype=np.int64)
    n, k = labels.shape
    w = np.zeros((len(names), k))
    m1 = np.zeros_like(w)
    m2 = np.zeros_like(w)
    b1, b2, eps = 0.9, 0.999, 1e-8
    counts = np.maximum(mask.sum(axis=0), 1.0)
    for step in range(1, steps + 1):
        z = np.zeros((n, k))
        for j in range(k):
            z[:, j] = np.bincount(o, weights=w[c, j] * x, minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
        err = (p - labels) * mask / counts
        grad = np.empty_like(w)
        for j in range(k):
            grad[:, j] = np.bincount(c, weights=err[o, j] * x, minlength=len(names))
        grad += l2 * w
        m1 = b1 * m1 + (1 - b1) * grad
        m2 = b2 * m2 + (1 - b2) * grad * grad
        w -= rate * (m1 / (1 - b1**step)) / (np.sqrt(m2 / (1 - b2**step)) + eps)
    return w


def sparse_weights(w: np.ndarray, names: Sequence[str], digits: int = 4) -> dict[str, float]:
    """A weight column as {feature: weight}, rounded, without the weights that round to 0."""
    out = {}
    for f, x in zip(names, w, strict=True):
        r = round(float(x), digits)
        if r != 0.0:
            out[f] = r
    return out
