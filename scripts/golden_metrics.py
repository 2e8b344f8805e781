#!/usr/bin/env python3
"""Writes the scikit-learn goldens for cluster.Score and cluster.AdjustedMutualInfo
to testdata/golden/metrics/metrics.json.

Each case is a pair of labelings of the same documents, given either as

  "truth", "pred"  gold labels (strings) and predicted cluster ids (ints), or
  "table"          a contingency table (classes x clusters) of counts, for large n:
                   the labels are expanded row-major, i.e. for each class i and
                   cluster j in order, table[i][j] documents with gold label
                   "c<i>" and predicted cluster j.

A negative predicted id means "unassigned": cluster.Score puts each such
document in a cluster of its own. scikit-learn has no such notion, so before
calling it the script gives every negative id a fresh cluster id (max + 1,
max + 2, ... in document order); the JSON keeps the negative ids.

For every case the script records, from scikit-learn:

  nmi                  normalized_mutual_info_score (average_method="arithmetic")
  ami                  adjusted_mutual_info_score (average_method="arithmetic")
  ari                  adjusted_rand_score
  homogeneity, completeness, v_measure
                       homogeneity_completeness_v_measure (beta=1)
  purity               sum over clusters of the largest class count, divided by n,
                       from contingency_matrix
  classes, clusters    the number of distinct labels on each side (after the
                       renumbering of negative ids)

Labelings are random (numpy default_rng with a fixed seed) or structured:
perfect and permuted matches, all documents in one cluster, all singletons, one
class, noisy copies of the truth, unassigned documents, and large tables whose
pair counts overflow int64 products. Floats are written with repr, which
round-trips exactly.

Usage: /usr/bin/python3 scripts/golden_metrics.py   (from the repository root or anywhere)
"""
import json
import os

import numpy as np
import scipy
import sklearn
from sklearn.metrics import (
    adjusted_mutual_info_score,
    adjusted_rand_score,
    homogeneity_completeness_v_measure,
    normalized_mutual_info_score,
)
from sklearn.metrics.cluster import contingency_matrix

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "testdata", "golden", "metrics")
SEED = 20230117

NAMES = ["business", "entertainment", "politics", "sport", "tech"]


def names(ids, vocab=None):
    """Gold labels as strings: vocab[i] if given, else "c<i>"."""
    if vocab is not None:
        return [vocab[int(i)] for i in ids]
    return ["c%d" % int(i) for i in ids]


def expand(table):
    truth, pred = [], []
    for i, row in enumerate(table):
        for j, c in enumerate(row):
            truth += ["c%d" % i] * int(c)
            pred += [j] * int(c)
    return truth, pred


def unassigned_to_singletons(pred):
    pred = np.asarray(pred, dtype=np.int64).copy()
    nxt = int(pred.max()) + 1 if pred.size and pred.max() >= 0 else 0
    for k in range(pred.size):
        if pred[k] < 0:
            pred[k] = nxt
            nxt += 1
    return pred


def scores(truth, pred):
    t = np.asarray(truth)
    p = unassigned_to_singletons(pred)
    h, c, v = homogeneity_completeness_v_measure(t, p)
    cm = contingency_matrix(t, p)
    return {
        "n": len(truth),
        "classes": int(np.unique(t).size),
        "clusters": int(np.unique(p).size),
        "nmi": float(normalized_mutual_info_score(t, p)),
        "ami": float(adjusted_mutual_info_score(t, p)),
        "ari": float(adjusted_rand_score(t, p)),
        "homogeneity": float(h),
        "completeness": float(c),
        "v_measure": float(v),
        "purity": float(np.sum(np.amax(cm, axis=0)) / np.sum(cm)),
    }


def noisy(rng, truth_ids, k, flip):
    """truth_ids relabeled by a random permutation of k cluster ids, then a
    fraction flip of the documents moved to a uniformly random cluster."""
    perm = rng.permutation(max(k, int(truth_ids.max()) + 1))
    pred = perm[truth_ids] % k
    moved = rng.random(truth_ids.size) < flip
    pred[moved] = rng.integers(0, k, size=int(moved.sum()))
    return pred


def cases(rng):
    out = []

    def add(name, truth, pred):
        out.append(dict(name=name, truth=list(truth), pred=[int(v) for v in pred]))

    def add_table(name, table):
        out.append(dict(name=name, table=[[int(c) for c in row] for row in table]))

    # Small hand-made cases, some from scikit-learn's documentation.
    add("sklearn_doc_ari_negative", names([0, 0, 1, 1]), [0, 1, 0, 1])
    add("sklearn_doc_split_class", names([0, 0, 1, 1]), [0, 0, 1, 2])
    add("sklearn_doc_merge_classes", names([0, 0, 1, 2]), [0, 0, 1, 1])
    add("n1", ["sport"], [0])
    add("n2_split", ["sport", "sport"], [0, 1])
    add("n2_merge", ["sport", "tech"], [3, 3])
    add("n2_match", ["sport", "tech"], [1, 0])
    add("n3_one_unassigned", ["a", "a", "b"], [0, 0, -1])
    add("empty_string_is_a_class", ["", "", "x", "x", "x"], [0, 1, 1, 1, 1])

    # Perfect matches: same partition, permuted ids.
    t = rng.integers(0, 5, size=60)
    add("perfect_match", names(t, NAMES), t)
    perm = rng.permutation(5) + 10
    add("permuted_labels", names(t, NAMES), perm[t])

    # Degenerate predictions.
    t = rng.integers(0, 4, size=30)
    add("all_one_cluster", names(t), np.zeros(30, dtype=int))
    add("all_singletons", names(t), np.arange(30))
    add("all_unassigned", names(t), -np.ones(30, dtype=int))
    add("both_singletons", names(np.arange(15)), rng.permutation(15))
    add("truth_singletons", names(np.arange(40)), rng.integers(0, 4, size=40))

    # One class.
    add("one_class", ["sport"] * 20, rng.integers(0, 3, size=20))
    add("one_class_one_cluster", ["sport"] * 10, [7] * 10)
    add("one_class_singletons", ["sport"] * 12, np.arange(12))

    # Independent random labelings.
    for n, r, c in [(10, 2, 2), (25, 3, 5), (100, 5, 5), (100, 5, 20), (500, 10, 8),
                    (1000, 20, 20), (2225, 5, 20), (3000, 60, 12)]:
        add("random_n%d_r%d_c%d" % (n, r, c), names(rng.integers(0, r, size=n)),
            rng.integers(0, c, size=n))

    # Skewed class sizes and noisy copies of the truth.
    for n, r, k, flip in [(300, 5, 5, 0.1), (300, 5, 8, 0.3), (1000, 12, 10, 0.05),
                          (2000, 20, 20, 0.5)]:
        p = rng.dirichlet(np.full(r, 0.7))
        t = rng.choice(r, size=n, p=p)
        add("noisy_n%d_r%d_k%d_flip%g" % (n, r, k, flip), names(t), noisy(rng, t, k, flip))

    # Unassigned documents (-1) in an otherwise noisy clustering.
    for n, r, k, frac in [(50, 3, 3, 0.1), (400, 5, 6, 0.05), (400, 5, 6, 0.5)]:
        t = rng.integers(0, r, size=n)
        pred = noisy(rng, t, k, 0.2)
        pred[rng.random(n) < frac] = -1
        add("unassigned_n%d_frac%g" % (n, frac), names(t), pred)

    # Large tables: n^2 products overflow int64 in the adjusted Rand index.
    add_table("table_200k_5x8", rng.integers(0, 10000, size=(5, 8)))
    diag = np.full((4, 4), 300) + np.diag(np.full(4, 20000))
    add_table("table_81k_diagonal", diag)
    add_table("table_sparse_12x9", rng.integers(0, 3, size=(12, 9)) * rng.integers(0, 2, size=(12, 9)))
    return out


def main():
    rng = np.random.default_rng(SEED)
    out = {
        "generator": "scripts/golden_metrics.py",
        "seed": SEED,
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "cases": [],
    }
    for case in cases(rng):
        if "table" in case:
            truth, pred = expand(case["table"])
        else:
            truth, pred = case["truth"], case["pred"]
        case.update(scores(truth, pred))
        out["cases"].append(case)
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "metrics.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote %s: %d cases" % (os.path.relpath(path, ROOT), len(out["cases"])))
    for c in out["cases"]:
        print("  %-28s n=%-6d nmi=%.6f ami=%.6f ari=%.6f v=%.6f purity=%.6f" % (
            c["name"], c["n"], c["nmi"], c["ami"], c["ari"], c["v_measure"], c["purity"]))


if __name__ == "__main__":
    main()
