#!/usr/bin/python3
"""The scikit-learn reference pipeline that bench/compare.sh measures topics against.

This is the pipeline of the corpora README (../shared/corpora/README.md, "Baselines measured with
a scikit-learn reference pipeline") and of scikit-learn's gallery example "Clustering text documents
using k-means":

    TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english")
    -> TruncatedSVD(100, random_state=seed) -> Normalizer(copy=False)
    -> KMeans(k, n_init=1, max_iter=100, random_state=seed)

Each document is embedded as title + "\n" + text, or just the one that is not empty (topics does
the same; the two differ only by a newline, which no token contains). k is the number of distinct
non-empty gold values unless --k is given. Every document is clustered; documents whose gold field
is empty are not scored (as in topics eval).

Modes (all print one JSON object on standard output):

    sklearn_pipeline.py CORPUS --truth label --seeds 0,1,2,3,4   quality: TF-IDF fitted once,
                                                                 then SVD + k-means per seed
    sklearn_pipeline.py CORPUS --truth label --time-one 0        one whole run, for timing the
                                                                 process from outside
    sklearn_pipeline.py CORPUS --labels a,b --write-subset OUT   write the documents whose label
                                                                 is listed to OUT (.jsonl.gz)
    sklearn_pipeline.py CORPUS --truth label --classes           the number of gold classes only

--labels a,b,... restricts the corpus to documents whose "label" is one of those (e.g. the
20 Newsgroups 4-group gallery subset) in every mode.

Needs scikit-learn (Debian: apt-get install python3-sklearn); tested with 1.2.1.
"""

import argparse
import gzip
import json
import statistics
import sys
import time


def read_jsonl(path):
    """Return the documents of a JSON Lines file, gzip-compressed if its name ends in .gz."""
    opener = gzip.open if path.endswith(".gz") else open
    docs = []
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as e:
                sys.exit("sklearn_pipeline: %s:%d: %s" % (path, n, e))
    return docs


def embed(d):
    """Return title + "\n" + text, or just the one that is not empty."""
    title, text = str(d.get("title") or ""), str(d.get("text") or "")
    if title and text:
        return title + "\n" + text
    return title or text


def write_subset(docs, out):
    """Write docs to out as gzip JSON Lines with no timestamp in the header (same bytes every run)."""
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        for d in docs:
            gz.write((json.dumps(d, ensure_ascii=False) + "\n").encode("utf-8"))


def summary(runs, metrics):
    """Mean and sample standard deviation (ddof 1, as topics eval reports) of each metric."""
    out = []
    for m in metrics:
        xs = [r[m] for r in runs]
        sd = statistics.stdev(xs) if len(xs) > 1 else 0.0
        out.append({"metric": m, "mean": statistics.fmean(xs), "sd": sd})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="a .jsonl or .jsonl.gz corpus (../shared/corpora format)")
    ap.add_argument("--truth", default="label", help="gold field to score against (label or story)")
    ap.add_argument("--labels", default="", help="keep only documents whose label is in this comma-separated list")
    ap.add_argument("--k", type=int, default=0, help="number of clusters (default: number of gold classes)")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--seeds", help="comma-separated seeds for the quality run, e.g. 0,1,2,3,4")
    mode.add_argument("--time-one", type=int, metavar="SEED", help="one whole run with this seed, for timing")
    mode.add_argument("--write-subset", metavar="OUT", help="write the (filtered) corpus to OUT and exit")
    mode.add_argument("--classes", action="store_true", help="print the number of gold classes and exit")
    a = ap.parse_args()

    t0 = time.perf_counter()
    docs = read_jsonl(a.corpus)
    if a.labels:
        keep = set(s for s in a.labels.split(",") if s)
        docs = [d for d in docs if str(d.get("label") or "") in keep]
        if {str(d.get("label")) for d in docs} != keep:
            sys.exit("sklearn_pipeline: --labels: not every listed label occurs in %s" % a.corpus)
    if not docs:
        sys.exit("sklearn_pipeline: %s: no documents" % a.corpus)
    if a.write_subset:
        write_subset(docs, a.write_subset)
        json.dump({"corpus": a.corpus, "documents": len(docs), "written": a.write_subset}, sys.stdout)
        print()
        return

    if a.classes:
        gold = {str(d.get(a.truth) or "") for d in docs} - {""}
        if not gold:
            sys.exit("sklearn_pipeline: %s: no document has a %r field" % (a.corpus, a.truth))
        json.dump({"corpus": a.corpus, "documents": len(docs), "classes": len(gold)}, sys.stdout)
        print()
        return

    # Imported here so that --write-subset and --classes work without scikit-learn.
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
    from sklearn.preprocessing import Normalizer
    import sklearn

    texts = [embed(d) for d in docs]
    gold = [str(d.get(a.truth) or "") for d in docs]
    scored = [i for i, g in enumerate(gold) if g]
    if not scored:
        sys.exit("sklearn_pipeline: %s: no document has a %r field" % (a.corpus, a.truth))
    classes = len({gold[i] for i in scored})
    k = a.k or classes
    y = [gold[i] for i in scored]

    x = TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english").fit_transform(texts)
    t_tfidf = time.perf_counter() - t0

    seeds = [a.time_one] if a.time_one is not None else [int(s) for s in a.seeds.split(",") if s != ""]
    runs = []
    for seed in seeds:
        t1 = time.perf_counter()
        z = TruncatedSVD(n_components=100, random_state=seed).fit_transform(x)
        z = Normalizer(copy=False).fit_transform(z)
        pred = KMeans(n_clusters=k, n_init=1, max_iter=100, random_state=seed).fit(z).labels_
        p = [int(pred[i]) for i in scored]
        runs.append({
            "seed": seed,
            "k": k,
            "nmi": float(normalized_mutual_info_score(y, p)),
            "ari": float(adjusted_rand_score(y, p)),
            "seconds": time.perf_counter() - t1,
        })
    out = {
        "tool": "scikit-learn " + sklearn.__version__,
        "corpus": a.corpus,
        "documents": len(docs),
        "scored": len(scored),
        "classes": classes,
        "terms": int(x.shape[1]),
        "dims": 100,
        "k": k,
        "tfidf_seconds": t_tfidf,
        "seconds": time.perf_counter() - t0,
        "runs": runs,
        "summary": summary(runs, ["nmi", "ari"]),
    }
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
