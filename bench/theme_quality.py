#!/usr/bin/python3
"""Label quality of topics' themes, beside the scikit-learn reference pipeline's top terms.

For one corpus and k, this scores three sets of topic words with the two standard metrics of topic
models:

  themes     topics' key phrases (report clusters[].key_phrases, best first): the words of the
             phrases in order, each word once, the first 10 of them
  top terms  topics' listed top terms (report clusters[].top_terms), the first 10
  sklearn    the scikit-learn reference pipeline (bench/sklearn_pipeline.py: TF-IDF max_df 0.5,
             min_df 5, English stop words -> TruncatedSVD 100 -> L2 -> KMeans n_init 1,
             max_iter 100, the same k and seed) and the 10 largest terms of each centroid mapped
             back to the TF-IDF space (svd.inverse_transform, as scikit-learn's gallery example
             "Clustering text documents using k-means" lists them)

Metrics (N = 10 words per topic):

  NPMI       topic coherence by normalized pointwise mutual information over document
             co-occurrence in the corpus itself (Bouma 2009; Aletras and Stevenson 2013; Lau,
             Newman and Baldwin 2014): for each pair of a topic's words,
             NPMI = ln(P(a,b) / (P(a) P(b))) / -ln P(a,b), with P the fraction of documents that
             contain the word(s); -1 when a and b never share a document. A topic's coherence is
             the mean over its pairs; the corpus score is the mean over topics with two or more
             words. Documents are tokenized as scikit-learn's default analyzer does (lowercase,
             (?u)\\b\\w\\w+\\b); a phrase's word counts wherever the token occurs.
  diversity  distinct words among all topics' top-N lists / (N * k) (Dieng, Ruiz and Blei 2020).

It lists the labels (themes) that hold a word of MAIL_WORDS (header, mail and greeting words) or
an "@" in "mail_labels". With a gold field it also reports, per topics cluster, its size, the share of its majority gold
class, and its name (theme), and counts the clusters whose majority holds under 25% of them.

    theme_quality.py CORPUS --k K [--truth label] [--seed 0] [--topics BIN | --report JSON]
                     [--topics-args "..."] [--no-sklearn] [--labels a,b,...]

--topics BIN runs `BIN cluster CORPUS --k K --seed SEED --format json` (plus --topics-args);
--report reads such a JSON report instead. Prints one JSON object on standard output.

Needs scikit-learn and numpy (Debian: apt-get install python3-sklearn); tested with 1.2.1.
"""

import argparse
import collections
import gzip
import json
import math
import os
import re
import shlex
import subprocess
import sys
import tempfile

TOKEN = re.compile(r"(?u)\b\w\w+\b")
TOP_N = 10
BAD_SHARE = 0.25

# Words that mark a label made of e-mail or forum boilerplate rather than a subject: header field
# names, mail and address words, greetings and sign-offs. A label (theme) holding any of them, or
# an "@", is counted in "mail_labels". The list is the issue's ("no label made of a signature,
# greeting, e-mail address or header words"), written down once here, not fitted to a corpus; words
# that news use in other senses (host, lines, article, advance, summary) are left out.
MAIL_WORDS = frozenset("""
    nntp newsgroups subject organization writes wrote reply
    mail email edu com
    hi hello dear thanks thank regards cheers sincerely appreciated
""".split())


def read_jsonl(path):
    """Return the documents of a JSON Lines file, gzip-compressed if its name ends in .gz."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def embed(d):
    """Return title + "\n" + text, or just the one that is not empty (as topics and sklearn_pipeline.py)."""
    title, text = str(d.get("title") or ""), str(d.get("text") or "")
    if title and text:
        return title + "\n" + text
    return title or text


def phrase_words(phrases, n=TOP_N):
    """The words of the phrases in order, each once, at most n."""
    out = []
    for p in phrases:
        for w in TOKEN.findall(p.lower()):
            if w not in out:
                out.append(w)
            if len(out) == n:
                return out
    return out


class DocSets:
    """For each word, the set of documents (indices) that contain it; built on demand."""

    def __init__(self, texts):
        self.n = len(texts)
        self.index = collections.defaultdict(set)
        for i, t in enumerate(texts):
            for w in set(TOKEN.findall(t.lower())):
                self.index[w].add(i)

    def docs(self, w):
        return self.index.get(w, set())


def npmi_topic(words, ds):
    """Mean NPMI over the pairs of words; None for fewer than two words."""
    if len(words) < 2:
        return None
    n = ds.n
    total, pairs = 0.0, 0
    for a in range(len(words)):
        da = ds.docs(words[a])
        for b in range(a + 1, len(words)):
            db = ds.docs(words[b])
            both = len(da & db)
            pairs += 1
            if both == 0:
                total += -1.0
                continue
            pab, pa, pb = both / n, len(da) / n, len(db) / n
            if pab == 1.0:
                total += 1.0
                continue
            total += math.log(pab / (pa * pb)) / -math.log(pab)
    return total / pairs


def score(topics, ds):
    """NPMI (mean over topics with 2+ words) and diversity of a list of word lists."""
    per = [npmi_topic(t, ds) for t in topics]
    vals = [v for v in per if v is not None]
    distinct = len({w for t in topics for w in t[:TOP_N]})
    return {
        "npmi": sum(vals) / len(vals) if vals else None,
        "diversity": distinct / (TOP_N * len(topics)) if topics else None,
        "per_topic": per,
        "topics": topics,
    }


def sklearn_topics(texts, k, seed):
    """Top-10 terms of the scikit-learn reference pipeline's clusters."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import Normalizer
    import numpy as np

    vec = TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english")
    x = vec.fit_transform(texts)
    svd = TruncatedSVD(n_components=100, random_state=seed)
    z = Normalizer(copy=False).fit_transform(svd.fit_transform(x))
    km = KMeans(n_clusters=k, n_init=1, max_iter=100, random_state=seed).fit(z)
    centroids = svd.inverse_transform(km.cluster_centers_)
    terms = vec.get_feature_names_out()
    sizes = np.bincount(km.labels_, minlength=k)
    out = []
    for c in np.argsort(-sizes, kind="stable"):
        order = np.argsort(-centroids[c], kind="stable")[:TOP_N]
        out.append([str(terms[j]) for j in order])
    return out


def run_topics(binary, corpus, k, seed, extra):
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    try:
        cmd = [binary, "cluster", corpus, "--k", str(k), "--seed", str(seed), "--format", "json", "-o", path]
        cmd += shlex.split(extra)
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit("theme_quality: %s failed:\n%s" % (" ".join(cmd), r.stderr[-2000:]))
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    finally:
        os.unlink(path)


def purity(report, gold):
    """Per cluster: size, majority gold class and its share, theme."""
    rows = []
    for c in report["clusters"]:
        g = collections.Counter(gold[i] for i in c["members"] if gold[i])
        scored = sum(g.values())
        top, cnt = g.most_common(1)[0] if g else ("", 0)
        rows.append({
            "cluster": c["id"],
            "size": c["size"],
            "majority": top,
            "share": cnt / scored if scored else None,
            "theme": c.get("theme", ""),
        })
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--k", type=int, required=True)
    ap.add_argument("--truth", default="label", help="gold field for the purity of clusters ('' for none)")
    ap.add_argument("--seed", type=int, default=0)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--topics", help="the topics binary to run")
    src.add_argument("--report", help="a JSON report of topics cluster --k K --format json")
    ap.add_argument("--topics-args", default="", help="more arguments for topics cluster")
    ap.add_argument("--no-sklearn", action="store_true", help="do not run the scikit-learn pipeline")
    ap.add_argument("--labels", default="", help="keep only documents whose label is in this list")
    a = ap.parse_args()

    docs = read_jsonl(a.corpus)
    if a.labels:
        keep = set(a.labels.split(","))
        docs = [d for d in docs if str(d.get("label") or "") in keep]
    texts = [embed(d) for d in docs]
    ds = DocSets(texts)

    if a.report:
        with open(a.report, encoding="utf-8") as f:
            report = json.load(f)
    else:
        report = run_topics(a.topics, a.corpus, a.k, a.seed, a.topics_args)
    if report["documents"] != len(docs):
        sys.exit("theme_quality: the report has %d documents, the corpus %d" % (report["documents"], len(docs)))

    themes = [phrase_words([p["phrase"] for p in c.get("key_phrases") or []]) for c in report["clusters"]]
    terms = [[t["term"] for t in c["top_terms"][:TOP_N]] for c in report["clusters"]]
    out = {
        "corpus": a.corpus,
        "documents": len(docs),
        "k": a.k,
        "seed": a.seed,
        "themes": score(themes, ds),
        "top_terms": score(terms, ds),
    }
    if not a.no_sklearn:
        out["sklearn"] = score(sklearn_topics(texts, a.k, a.seed), ds)
    if a.truth:
        gold = [str(d.get(a.truth) or "") for d in docs]
        rows = purity(report, gold)
        out["clusters"] = rows
        out["clusters_under_25"] = sum(1 for r in rows if r["share"] is not None and r["share"] < BAD_SHARE)
    labels = [c.get("theme", "") for c in report["clusters"]]
    out["mail_labels"] = [l for l in labels if "@" in l or set(TOKEN.findall(l.lower())) & MAIL_WORDS]
    out["warnings"] = report.get("warnings") or []
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
