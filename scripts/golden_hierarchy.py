#!/usr/bin/env python3
"""Writes the scipy golden for cluster.Agglomerate under testdata/golden/cluster/ward.json.

Input: the first 60 unit rows X of testdata/golden/cluster/bbc300.json (scikit-learn's
TF-IDF -> TruncatedSVD -> Normalizer, written by scripts/golden_cluster.py).

scipy.cluster.hierarchy.linkage(X, method="ward") agglomerates the rows one by one, each
row a cluster of its own; cluster.Agglomerate with one cluster per row does the same. The
linkage matrix Z has one row per merge: the two merged nodes (leaves 0..n-1, merge t
creating node n+t, as in Agglomerate), the Ward distance and the size of the new node.
scipy's Ward distance is sqrt(2 * cost), cost being the increase of the within-cluster sum
of squares that Agglomerate reports (TreeMerge.Cost); the script checks that identity on
the data before writing.

Run from the repository root: /usr/bin/python3 scripts/golden_hierarchy.py
"""
import json

import numpy as np
import scipy
from scipy.cluster.hierarchy import linkage

SRC = "testdata/golden/cluster/bbc300.json"
OUT = "testdata/golden/cluster/ward.json"
ROWS = 60


def ward_costs(X, Z):
    """The SSE increase of each merge, from the members of the merged nodes."""
    n = len(X)
    members = {i: [i] for i in range(n)}
    costs = []
    for t, (a, b, _, _) in enumerate(Z):
        a, b = int(a), int(b)
        A, B = X[members[a]], X[members[b]]
        sse = lambda M: float(((M - M.mean(axis=0)) ** 2).sum())
        costs.append(sse(np.vstack([A, B])) - sse(A) - sse(B))
        members[n + t] = members[a] + members[b]
    return costs


def main():
    with open(SRC) as f:
        g = json.load(f)
    X = np.array(g["X"][:ROWS], dtype=np.float64)
    Z = linkage(X, method="ward")
    costs = ward_costs(X, Z)
    for (a, b, d, c), cost in zip(Z, costs):
        assert abs(d * d / 2 - cost) <= 1e-9 * max(1.0, cost), (d, cost)
    out = {
        "source": f"{SRC}, first {ROWS} rows; scipy {scipy.__version__} linkage(method='ward')",
        "X": [[float(v) for v in row] for row in X],
        "merges": [{"a": int(min(a, b)), "b": int(max(a, b)), "distance": float(d), "size": int(c)}
                   for a, b, d, c in Z],
    }
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
