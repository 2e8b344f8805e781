#!/usr/bin/env python3
"""Rebuilds testdata/bbc300.jsonl.gz from ../shared/corpora/bbc.jsonl.gz.

The subset is the first 60 documents (by id) of each of the five BBC classes,
300 documents in all, with the fields id, label, title and text. The gzip
header carries no timestamp, so the output is byte-for-byte reproducible.

Usage: python3 scripts/make_testdata.py [path/to/bbc.jsonl.gz]
"""
import gzip
import json
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/bbc.jsonl.gz"
rows = [json.loads(line) for line in gzip.open(src, "rt", encoding="utf-8")]
by_label = {}
for r in sorted(rows, key=lambda r: r["id"]):
    by_label.setdefault(r["label"], []).append(r)
out = []
for label in sorted(by_label):
    out += by_label[label][:60]
with gzip.GzipFile("testdata/bbc300.jsonl.gz", "wb", mtime=0) as f:
    for r in out:
        rec = {k: r[k] for k in ("id", "label", "title", "text")}
        f.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
print(f"wrote {len(out)} documents to testdata/bbc300.jsonl.gz")
