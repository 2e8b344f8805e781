#!/usr/bin/env python3
"""Writes the scikit-learn goldens for vectorize's tokenizer and TF-IDF.

Run from the repository root with Debian's scikit-learn 1.2.1:

    /usr/bin/python3 scripts/golden_tfidf.py      (or: make golden)

Everything goes to testdata/golden/tfidf/ and is read by vectorize/*_test.go;
Go tests never run Python. Outputs:

  cases.json        one entry per (corpus, option set): the scikit-learn
                    parameters, the equivalent vectorize.Options (Go field
                    names), the number of documents and the file stem of the
                    expected results (or the expected error). max_features
                    is lowered where needed so that the cut does not fall
                    inside a run of tied counts (see untied_limit).
  <stem>.vocab.tsv  one line per vocabulary term in column order:
                    term TAB document frequency TAB idf (%.17g)
  <stem>.mtx.gz     the TF-IDF matrix (documents x terms) in Matrix Market
                    coordinate form, scipy.io.mmwrite(precision=17), gzip
                    without a timestamp, so reruns give the same bytes.
  tokens.json       analyzer outputs for tricky texts: text, options, terms.
  unicode.json      Python's view of every code point assigned in its
                    Unicode version: which are \\w, str.lower() where it
                    changes the character, and the Cased/Case_Ignorable
                    behaviour that str.lower() uses for the final sigma.

Corpora (document content as in docs/design.md):
  sample  testdata/sample/*.txt sorted by file name; content = the whole file.
  bbc300  testdata/bbc300.jsonl.gz in file order; content = title + "\\n" +
          text (just one of them when the other is empty).
"""
import gzip
import io
import json
import os
import sys
import unicodedata

import numpy as np
import scipy.io
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

OUT = "testdata/golden/tfidf"

# name -> (scikit-learn parameters, the same settings as vectorize.Options)
OPTION_SETS = [
    ("default", {}, {}),
    (
        "stop-min2-max05",
        {"stop_words": "english", "min_df": 2, "max_df": 0.5},
        {"StopWords": "english", "MinDF": 2, "MaxDF": 0.5},
    ),
    (
        "bigram-min2",
        {"ngram_range": (1, 2), "min_df": 2},
        {"NGramMin": 1, "NGramMax": 2, "MinDF": 2},
    ),
    (
        "sublinear-max500",
        {"sublinear_tf": True, "max_features": 500},
        {"Sublinear": True, "MaxFeatures": 500},
    ),
]

# Texts for the tokenizer table; the Go test checks the analyzer on each with
# each of the option sets in TOKEN_OPTIONS.
TOKEN_TEXTS = [
    "",
    "   \t\n ",
    "a b c I x 1 2",
    "Hello, World! hello WORLD",
    "Café naïve résumé CRÈME BRÛLÉE",
    "Cafe\u0301 decomposed: e\u0301te\u0301 n\u0303o",
    "2024 a1 1a 3.14 1,000 42nd 007",
    "__init__ _a a_b _ __ snake_case_name",
    "don't it's O'Neill l\u2019homme rock'n'roll",
    "e-mail state-of-the-art co-operate",
    "東京は日本の首都です。 北京 中文字",
    "日本語とEnglishの混在テキスト",
    "İstanbul İİ iİi İ İa DİYARBAKIR",
    "ΟΔΟΣ ΣΑΣ Σ ΑΣ. ΑΣ1 Α.Σ ΑΣ\u0301 ΟΔΥΣΣΕΥΣ",
    "emoji 😀 ok👍🏽yes 👩\u200d💻coder ❤️love",
    "x² ²³ ½ H₂O ① Ⅻ ⅻ Ⅻⅻ",
    "नमस्ते दुनिया हिन्दी",
    "สวัสดีครับ ภาษาไทย",
    "مرحبا بالعالم ٣٤ ۱۲",
    "ＡＢＣ１２３ ｆｕｌｌ ｗｉｄｔｈ",
    "ǅungla ǄUNGLA ǆ",
    "Straße STRASSE ẞ ß",
    "\u212aelvin \u212bngstrom",
    "ﬁnance ﬂow",
    "Ꮳ Ꭰ ᏣᎳᎩ",
    "Ა ᲐᲑᲒ ქართული",
    "zero\u200bwidth soft\u00adhyphen nbsp\u00a0space",
    "tab\tnew\nline\r\ncr form\ffeed vt\vend",
    "ℌ ℍ ℎ ℏ № ™ ℡",
    "ʰʲ ˢᵗ ᴬᴮ",
    "ID: 12345-ABC; email@example.com https://example.org/path?q=1&r=2",
    "The quick brown foxes were running over the lazy dogs' backs",
]

TOKEN_OPTIONS = [
    ({}, {}),
    ({"lowercase": False}, {"KeepCase": True}),
    ({"stop_words": "english"}, {"StopWords": "english"}),
    ({"ngram_range": (1, 2)}, {"NGramMin": 1, "NGramMax": 2}),
    (
        {"stop_words": "english", "ngram_range": (2, 3)},
        {"StopWords": "english", "NGramMin": 2, "NGramMax": 3},
    ),
]


def content(title, text):
    return "\n".join(p for p in (title, text) if p)


def load_corpora():
    sample_dir = "testdata/sample"
    sample = []
    for name in sorted(os.listdir(sample_dir)):
        if name.endswith(".txt"):
            with open(os.path.join(sample_dir, name), encoding="utf-8", newline="") as f:
                sample.append(f.read())
    bbc = []
    with gzip.open("testdata/bbc300.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            bbc.append(content(r.get("title", ""), r.get("text", "")))
    return [("sample", sample), ("bbc300", bbc)]


def write_gzip(path, data):
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as g:
            g.write(data)


def untied_limit(docs, params):
    """Returns the largest limit <= params["max_features"] that does not cut
    through a run of equal total counts.

    scikit-learn chooses among terms tied at the cut with numpy's unstable
    argsort, so which of them survive is an accident of the sort; vectorize
    keeps the earliest terms in term order (documented). A golden is only
    comparable where the cut falls between different counts.
    """
    p = {k: v for k, v in params.items() if k not in ("max_features", "sublinear_tf")}
    counts = np.asarray(CountVectorizer(**p).fit_transform(docs).sum(axis=0)).ravel()
    s = np.sort(counts)[::-1]
    limit = params["max_features"]
    while 0 < limit < len(s) and s[limit - 1] == s[limit]:
        limit -= 1
    if limit == 0:
        sys.exit("no untied max_features limit")
    return limit


def tfidf_goldens():
    cases = []
    for corpus, docs in load_corpora():
        for name, params, goopts in OPTION_SETS:
            stem = f"{corpus}-{name}"
            case = {
                "name": stem,
                "corpus": corpus,
                "docs": len(docs),
                "sklearn": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
                "options": goopts,
            }
            if "max_features" in params:
                params = dict(params, max_features=untied_limit(docs, params))
                goopts = dict(goopts, MaxFeatures=params["max_features"])
            case["sklearn"] = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
            case["options"] = goopts
            vec = TfidfVectorizer(**params)
            try:
                x = vec.fit_transform(docs)
            except ValueError as e:
                case["error"] = str(e)
                cases.append(case)
                continue
            terms = vec.get_feature_names_out()
            df = np.bincount(x.indices, minlength=x.shape[1])
            with open(os.path.join(OUT, stem + ".vocab.tsv"), "w", encoding="utf-8") as f:
                for t, d, v in zip(terms, df, vec.idf_):
                    f.write(f"{t}\t{d}\t{v:.17g}\n")
            buf = io.BytesIO()
            scipy.io.mmwrite(buf, x.tocoo(), comment=f"{stem} sklearn {sklearn.__version__}",
                             field="real", precision=17, symmetry="general")
            write_gzip(os.path.join(OUT, stem + ".mtx.gz"), buf.getvalue())
            case["terms"] = len(terms)
            case["nnz"] = int(x.nnz)
            case["files"] = stem
            cases.append(case)
    with open(os.path.join(OUT, "cases.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return cases


def token_goldens():
    out = []
    for params, goopts in TOKEN_OPTIONS:
        analyze = TfidfVectorizer(**params).build_analyzer()
        for text in TOKEN_TEXTS:
            out.append({"text": text, "options": goopts, "terms": analyze(text)})
    with open(os.path.join(OUT, "tokens.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return len(out)


def ranges(pred):
    """Inclusive code point ranges [lo, hi] where pred holds."""
    out = []
    start = None
    for c in range(0x110001):
        ok = c < 0x110000 and pred(c)
        if ok and start is None:
            start = c
        elif not ok and start is not None:
            out.append([start, c - 1])
            start = None
    return out


def unicode_goldens():
    assigned = lambda c: unicodedata.category(chr(c)) != "Cn"
    word = lambda c: chr(c).isalnum() or chr(c) == "_"
    # Python's str.lower maps U+03A3 by context (Final_Sigma): after a Cased
    # character (skipping Case_Ignorable ones) and not before one. Probing
    # with it reveals the two properties:
    #   "1" + c + "Σ" ends in ς  <=>  c is Cased and not Case_Ignorable
    #   "A" + c + "Σ" ends in ς  <=>  c is Case_Ignorable, or Cased
    final = lambda s: s.lower().endswith("ς")
    cased = lambda c: final("1" + chr(c) + "Σ")
    ignorable = lambda c: final("A" + chr(c) + "Σ") and not cased(c)
    lower = []
    for c in range(0x110000):
        if c == 0x3A3:
            continue
        l = chr(c).lower()
        if l != chr(c):
            lower.append([c] + [ord(x) for x in l])
    data = {
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "assigned": ranges(assigned),
        "word": ranges(word),
        "cased": ranges(cased),
        "case_ignorable": ranges(ignorable),
        "lower": lower,
    }
    with open(os.path.join(OUT, "unicode.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = tfidf_goldens()
    n = token_goldens()
    unicode_goldens()
    for c in cases:
        what = c.get("error") or f'{c["terms"]} terms, {c["nnz"]} non-zeros'
        print(f'{c["name"]}: {c["docs"]} docs, {what}')
    print(f"{n} tokenizer cases; unicode {unicodedata.unidata_version}; wrote {OUT}")


if __name__ == "__main__":
    main()
