#!/usr/bin/env python3
"""Writes the scikit-learn golden of weighted k-means: testdata/golden/cluster/weighted.json.

scikit-learn's KMeans is Euclidean and cluster.KMeans spherical, so what is checked is the step they
share on unit rows: from unit initial centroids, Euclidean nearest is cosine most similar, and one
weighted update step (KMeans(init=C, n_init=1, max_iter=1).fit(X, sample_weight=w)) moves each
centroid to the weighted mean Σ wᵢxᵢ / Σ wᵢ of its rows, whose direction is the spherical centroid
(the normalized weighted sum). Saved: X (60 unit rows in 6 dimensions around 3 directions, numpy
seed 7), w (uniform in [0, 3), every fifth row 0), the initial centroids C (rows 0, 1, 2 of X), the
labels of the assignment to C, and cluster_centers_ after the one step (Euclidean weighted means,
not normalized; the Go test normalizes them). With max_iter=1, scikit-learn's labels_ are those of
the assignment to the moved centers, so the assignment to C is computed here with numpy (argmax of
X·Cᵀ) and checked against sklearn's predict on a KMeans whose centers are C.

Run from the repository root: /usr/bin/python3 scripts/golden_weighted.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans

OUT = "testdata/golden/cluster/weighted.json"


def main():
    rng = np.random.default_rng(7)
    dirs = rng.normal(size=(3, 6))
    X = np.vstack([dirs[i % 3] + 0.8 * rng.normal(size=6) for i in range(60)])
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    w = rng.uniform(0, 3, size=60)
    w[::5] = 0
    C = X[:3].copy()
    labels = np.argmax(X @ C.T, axis=1)
    check = KMeans(3, init=C, n_init=1, max_iter=1).fit(C)  # centers stay C: one point each
    assert np.array_equal(check.predict(X), labels), "Euclidean and cosine assignments differ"
    km = KMeans(3, init=C, n_init=1, max_iter=1, algorithm="lloyd").fit(X, sample_weight=w)
    out = {
        "generator": "scripts/golden_weighted.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "X": [[float(v) for v in row] for row in X],
        "weights": [float(v) for v in w],
        "init": [[float(v) for v in row] for row in C],
        "labels": [int(v) for v in labels],
        "centers": [[float(v) for v in row] for row in km.cluster_centers_],
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote %s: 60x6, labels per cluster %s" % (OUT, np.bincount(labels).tolist()))


if __name__ == "__main__":
    main()
