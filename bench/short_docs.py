#!/usr/bin/env python3
"""Short documents and k-means: an experiment for issue #14 (20NG's mixed clusters), not a benchmark.

On 20 Newsgroups at k = 20, the clusters whose majority newsgroup holds under 25% of their posts are
the short posts, held together by conversational words. This script measures, with the scikit-learn
pipeline of bench/sklearn_pipeline.py (TF-IDF min_df 2, max_df 0.5, English stop words, sublinear tf;
SVD 100, 7 power iterations; unit rows; KMeans n_init 3, max_iter 100, seeds 0-2), what changes when
each document's pull on the centroids depends on its length, measured against the corpus's own
median number of distinct terms per document (m):

    none         every document weighs 1 (the pipeline as it is)
    exclude      k-means fitted on the documents with at least m terms, then every document assigned
    weight P     every document weighs min(1, terms / m) ** P in k-means (sample_weight), P = 1 or 4

Prints one row per corpus and mode: NMI (mean over the seeds) and the number of clusters whose
majority gold class holds under 25% of their members, per seed.

    /usr/bin/python3 bench/short_docs.py ../shared/corpora
"""
import collections
import gzip
import json
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score
from sklearn.preprocessing import normalize

CORPORA = [("20newsgroups", 20, "label"), ("bbc", 5, "label"), ("reuters-r8", 8, "label"),
           ("agnews-test", 4, "label"), ("uci-news-aggregator-sample", 87, "story"),
           ("ecbplus-dev", 66, "story")]
MODES = [("none", None), ("exclude", None), ("weight 1", 1.0), ("weight 4", 4.0)]


def load(path, truth):
    texts, gold = [], []
    with gzip.open(path, "rt") as f:
        for line in f:
            d = json.loads(line)
            texts.append((d.get("title") or "") + "\n" + d["text"])
            gold.append(str(d.get(truth) or ""))
    return texts, np.array(gold)


def mixed(gold, labels, k):
    n = 0
    for c in range(k):
        g = collections.Counter(gold[labels == c])
        if g and g.most_common(1)[0][1] / sum(g.values()) < 0.25:
            n += 1
    return n


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora"
    print("| corpus | k | median terms | mode | NMI (seeds 0-2) | clusters < 25% majority |")
    print("| --- | ---: | ---: | --- | ---: | --- |")
    for name, k, truth in CORPORA:
        texts, gold = load("%s/%s.jsonl.gz" % (root, name), truth)
        x = TfidfVectorizer(stop_words="english", min_df=2, max_df=0.5, sublinear_tf=True).fit_transform(texts)
        terms = np.diff(x.indptr)
        z = TruncatedSVD(100, random_state=0, n_iter=7).fit_transform(x)
        rows = (np.linalg.norm(z, axis=1) > 0) & (gold != "")
        z, terms, g = normalize(z[rows]), terms[rows], gold[rows]
        m = float(np.median(terms))
        for mode, power in MODES:
            fit, w = np.ones(len(g), bool), None
            if mode == "exclude":
                fit = terms >= m
            elif power is not None:
                w = np.minimum(1.0, terms / m) ** power
            nmi, mix = [], []
            for seed in range(3):
                km = KMeans(k, n_init=3, max_iter=100, random_state=seed)
                km.fit(z[fit], sample_weight=None if w is None else w[fit])
                labels = km.predict(z)
                nmi.append(normalized_mutual_info_score(g, labels))
                mix.append(mixed(g, labels, k))
            print("| %s | %d | %g | %s | %.3f | %s |" % (name, k, m, mode, np.mean(nmi), ", ".join(map(str, mix))),
                  flush=True)


if __name__ == "__main__":
    main()
