#!/usr/bin/env python3
"""Checks `topics vectorize` output against scikit-learn's TfidfVectorizer.

Usage: python3 scripts/check_vectorize.py CORPUS.jsonl[.gz] DIR [min_df max_df]

DIR is what `topics vectorize CORPUS --stop-words english --min-df MIN --max-df MAX -o DIR`
wrote. The script loads DIR/tfidf.mtx with scipy.io.mmread, fits
TfidfVectorizer(stop_words="english", min_df=MIN, max_df=MAX) on the same texts
(title + "\\n" + text, as topics embeds them), and compares the vocabulary,
the document ids and every TF-IDF value. Exits non-zero on any difference
above 1e-12.
"""
import gzip
import json
import sys

import numpy as np
import scipy.io
from sklearn.feature_extraction.text import TfidfVectorizer


def number(s):
    f = float(s)
    return int(f) if f >= 1 and f == int(f) and "." not in s else f


corpus, out = sys.argv[1], sys.argv[2]
min_df = number(sys.argv[3]) if len(sys.argv) > 3 else 1
max_df = number(sys.argv[4]) if len(sys.argv) > 4 else 1.0
opener = gzip.open if open(corpus, "rb").read(2) == b"\x1f\x8b" else open
ids, texts = [], []
with opener(corpus, "rt", encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        d = json.loads(line)
        ids.append(str(d.get("id", "")))
        texts.append("\n".join(t for t in (d.get("title") or "", d.get("text") or "") if t))

vec = TfidfVectorizer(stop_words="english", min_df=min_df, max_df=max_df)
want = vec.fit_transform(texts).tocsr()
got = scipy.io.mmread(f"{out}/tfidf.mtx").tocsr()
vocab = open(f"{out}/vocabulary.txt", encoding="utf-8").read().split("\n")[:-1]
got_ids = open(f"{out}/ids.txt", encoding="utf-8").read().split("\n")[:-1]

ok = True
if list(vec.get_feature_names_out()) != vocab:
    print("vocabulary differs"); ok = False
if got_ids != ids:
    print("document ids differ"); ok = False
if got.shape != want.shape:
    print(f"shape {got.shape} != {want.shape}"); ok = False
else:
    diff = abs(got - want).max() if want.nnz else 0.0
    print(f"{got.shape[0]} documents x {got.shape[1]} terms, {got.nnz} non-zeros; "
          f"max |topics - sklearn| = {diff:.3g}")
    ok = ok and diff <= 1e-12
print("OK" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
