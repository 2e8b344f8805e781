#!/usr/bin/env python3
"""Writes the scikit-learn goldens for package cluster under testdata/golden/cluster/.

For each input (testdata/bbc300.jsonl.gz and the five files of testdata/sample):

  TfidfVectorizer(stop_words='english', ...) -> TruncatedSVD(arpack, random_state=0) -> Normalizer

gives the unit-row matrix X, which is saved with full precision (JSON floats are
written with repr, so they parse back to the same float64). Then, for each k,
scikit-learn's KMeans(n_clusters=k, n_init=10, random_state=0) clusters X, and
its labels are saved with

  objective:  sum over rows of cos(x_i, c_label(i)), c = the normalized mean of
              the cluster, i.e. the spherical k-means objective of sklearn's
              assignment (the quantity cluster.KMeans maximizes);
  silhouette: silhouette_score(X, labels, metric='cosine').

Document content follows docs/design.md: title + "\\n" + text for JSON Lines,
the whole file for the sample directory (files in name order).

Run from the repository root: /usr/bin/python3 scripts/golden_cluster.py
"""
import glob
import gzip
import json
import os

import numpy as np
import scipy
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import Normalizer

OUT = "testdata/golden/cluster"


def bbc300():
    texts = []
    with gzip.open("testdata/bbc300.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            title, text = r.get("title", ""), r.get("text", "")
            texts.append("\n".join(s for s in (title, text) if s))
    return texts


def sample():
    texts = []
    for p in sorted(glob.glob("testdata/sample/*.txt")):
        with open(p, encoding="utf-8") as f:
            texts.append(f.read())
    return texts


def spherical_objective(X, labels):
    total = 0.0
    for c in np.unique(labels):
        members = X[labels == c]
        centroid = members.mean(axis=0)
        norm = np.linalg.norm(centroid)
        if norm > 0:
            total += float((members @ (centroid / norm)).sum())
    return total


def run(name, texts, tfidf, dims, ks):
    tf = TfidfVectorizer(stop_words="english", **tfidf).fit_transform(texts)
    svd = TruncatedSVD(n_components=dims, algorithm="arpack", random_state=0)
    X = Normalizer().fit_transform(svd.fit_transform(tf))
    out = {
        "name": name,
        "generator": "scripts/golden_cluster.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "tfidf": dict(tfidf, stop_words="english"),
        "svd": {"n_components": dims, "algorithm": "arpack", "random_state": 0},
        "rows": X.shape[0],
        "cols": X.shape[1],
        "X": [[float(v) for v in row] for row in X],
        "kmeans": [],
    }
    for k in ks:
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
        labels = km.labels_
        out["kmeans"].append({
            "k": k,
            "params": {"n_init": 10, "random_state": 0},
            "labels": [int(v) for v in labels],
            "objective": spherical_objective(X, labels),
            "silhouette": float(silhouette_score(X, labels, metric="cosine")),
            "inertia": float(km.inertia_),
        })
    path = os.path.join(OUT, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    summary = ", ".join("k=%d objective=%.6f silhouette=%.6f" % (r["k"], r["objective"], r["silhouette"])
                        for r in out["kmeans"])
    print("wrote %s (%dx%d): %s" % (path, X.shape[0], X.shape[1], summary))


def main():
    os.makedirs(OUT, exist_ok=True)
    run("bbc300", bbc300(), {"max_df": 0.5, "min_df": 2}, 100, (5, 8, 20))
    run("sample", sample(), {"max_df": 1.0, "min_df": 1}, 4, (2, 3))


if __name__ == "__main__":
    main()
