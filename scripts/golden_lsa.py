#!/usr/bin/env python3
"""Writes the goldens for vectorize's LSA and Matrix Market code to testdata/golden/lsa/.

Two TF-IDF matrices are built with scikit-learn and decomposed exactly with
numpy.linalg.svd of the dense matrix (no randomness), so that the Go tests can
check FitLSA (randomized truncated SVD) against the exact answer:

  bbc300   testdata/bbc300.jsonl.gz, content = title + "\\n" + text,
           TfidfVectorizer(stop_words='english', min_df=2, max_df=0.5);
           top 20 components kept.
  sample   testdata/sample/*.txt (whole file text, files sorted by name),
           TfidfVectorizer() with its defaults; all components kept.

For each NAME:

  NAME_tfidf.mtx[.gz]  the TF-IDF matrix (documents x terms), written by
                       scipy.io.mmwrite with precision 17 (round-trips exactly)
  NAME_svd.json[.gz]   {
                         "rows", "cols", "nnz": shape of the matrix,
                         "singular_values": all min(rows, cols) singular values, descending,
                         "components": the top k right singular vectors (k x cols), each
                             signed so that its entry of largest |value| is positive
                             (the first one on ties), as FitLSA signs them,
                         "lsa": X @ components.T (rows x k), i.e. U * sigma,
                         "explained_variance_ratio": as scikit-learn's TruncatedSVD computes
                             it, from the exact components: np.var(X @ V.T, axis=0) divided
                             by the sum of the column variances of X (mean_variance_axis),
                         "versions": library versions
                       }

Large files are gzip-compressed with no timestamp, so reruns give the same bytes
(given the same library versions). Floats are written with repr, which
round-trips exactly.

Usage: /usr/bin/python3 scripts/golden_lsa.py   (from the repository root or anywhere)
"""
import glob
import gzip
import io
import json
import os

import numpy as np
import scipy
import scipy.io
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.sparsefuncs import mean_variance_axis

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "testdata", "golden", "lsa")


def content(title, text):
    """The text vectorized for a JSON Lines document (docs/design.md)."""
    if title and text:
        return title + "\n" + text
    return title or text


def write(path, data, compress):
    if compress:
        path += ".gz"
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
            f.write(data)
    else:
        with open(path, "wb") as f:
            f.write(data)
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


def golden(name, x, k, compress):
    x = x.tocsr()
    x.sort_indices()
    n, m = x.shape

    buf = io.BytesIO()
    scipy.io.mmwrite(buf, x, comment=f" {name}: TF-IDF by scikit-learn {sklearn.__version__}", field="real", precision=17)
    write(os.path.join(OUT, f"{name}_tfidf.mtx"), buf.getvalue(), compress)

    u, s, vt = np.linalg.svd(x.toarray(), full_matrices=False)
    v = vt[:k].copy()
    for c in range(k):
        j = int(np.argmax(np.abs(v[c])))  # first index of the largest |value|
        if v[c, j] < 0:
            v[c] = -v[c]
    lsa = x @ v.T
    exp_var = np.var(lsa, axis=0)
    full_var = mean_variance_axis(x, axis=0)[1].sum()
    evr = exp_var / full_var

    doc = {
        "rows": n,
        "cols": m,
        "nnz": int(x.nnz),
        "singular_values": [float(a) for a in s],
        "components": [[float(a) for a in row] for row in v],
        "lsa": [[float(a) for a in row] for row in lsa],
        "explained_variance_ratio": [float(a) for a in evr],
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
    }
    data = (json.dumps(doc, sort_keys=True) + "\n").encode()
    write(os.path.join(OUT, f"{name}_svd.json"), data, compress)


def main():
    os.makedirs(OUT, exist_ok=True)

    with gzip.open(os.path.join(ROOT, "testdata", "bbc300.jsonl.gz"), "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    texts = [content(d.get("title", ""), d.get("text", "")) for d in docs]
    x = TfidfVectorizer(stop_words="english", min_df=2, max_df=0.5).fit_transform(texts)
    golden("bbc300", x, 20, compress=True)

    texts = []
    for path in sorted(glob.glob(os.path.join(ROOT, "testdata", "sample", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    x = TfidfVectorizer().fit_transform(texts)
    golden("sample", x, min(x.shape), compress=False)


if __name__ == "__main__":
    main()
