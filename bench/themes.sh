#!/usr/bin/env bash
# themes.sh: label quality of topics' themes beside the scikit-learn pipeline's top terms, on the
# shared corpora (bench/theme_quality.py: NPMI coherence and diversity of the top 10 words, the
# clusters whose majority gold class holds under 25% of them, labels made of mail words).
#
#   make bench-themes [CORPORA=dir]        or        bench/themes.sh [CORPORA_DIR]
#
# Builds topics once, then runs the corpora one at a time, each with default settings, seed 0 and
# k = its number of gold classes (stories for the UCI sample). Prints the Markdown section and puts
# it in bench/results.md between the markers <!-- themes:begin --> and <!-- themes:end --> (added
# at the end when missing), leaving the rest of the file as it is.
#
# Environment: PYTHON (default /usr/bin/python3), GO (default go), TOPICS (a topics binary to use
# instead of building one), KEEP=1 keeps the JSON of each run. About 3 minutes on 2 cores.
set -euo pipefail

die() { echo "themes.sh: $*" >&2; exit 1; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
corpora=${1:-${CORPORA:-$root/../shared/corpora}}
[[ -d $corpora ]] || die "corpora directory $corpora not found (pass CORPORA=dir)"
corpora=$(cd "$corpora" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
GO=${GO:-go}
tmp=$(mktemp -d)
trap '[[ ${KEEP:-} == 1 ]] && echo "themes.sh: kept $tmp" >&2 || rm -rf "$tmp"' EXIT

bin=${TOPICS:-}
if [[ -z $bin ]]; then
	bin=$tmp/topics
	(cd "$root" && "$GO" build -o "$bin" ./cmd/topics)
fi

# name file k gold-field
runs=(
	"20newsgroups 20newsgroups.jsonl.gz 20 label"
	"20newsgroups-raw 20newsgroups-raw.jsonl.gz 20 label"
	"bbc bbc.jsonl.gz 5 label"
	"reuters-r8 reuters-r8.jsonl.gz 8 label"
	"agnews-test agnews-test.jsonl.gz 4 label"
	"uci-news sample (story) uci-news-aggregator-sample.jsonl.gz 87 story"
	"ecbplus-dev (topic) ecbplus-dev.jsonl.gz 33 label"
)
start=$(date +%s)
for r in "${runs[@]}"; do
	read -r -a f <<<"$r"
	n=${#f[@]}
	name=${f[*]:0:n-3} file=${f[n-3]} k=${f[n-2]} truth=${f[n-1]}
	echo "themes.sh: $name (k $k)" >&2
	"$PYTHON" "$here/theme_quality.py" "$corpora/$file" --k "$k" --truth "$truth" --topics "$bin" >"$tmp/$file.json"
	printf '%s\t%s\n' "$name" "$tmp/$file.json" >>"$tmp/list"
done
secs=$(($(date +%s) - start))

"$PYTHON" - "$tmp/list" "$secs" "$(cd "$root" && git rev-parse --short HEAD)$(cd "$root" && git diff --quiet HEAD -- . ':!bench/results.md' || echo +dirty)" \
	"$("$GO" env GOVERSION)" >"$tmp/section.md" <<'PY'
import json, sys, datetime
lst, secs, src, gover = sys.argv[1:]
rows = [l.rstrip("\n").split("\t") for l in open(lst)]
f = lambda v: "—" if v is None else "%.3f" % v
print("<!-- themes:begin -->")
print("## Themes: label quality (k = gold classes, seed 0, default settings)\n")
print("- date: %s UTC; source %s; %s; %d s" % (datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), src, gover, int(secs)))
print("- command: `make bench-themes CORPORA=/work/shared/corpora` (bench/themes.sh, bench/theme_quality.py)\n")
print("| corpus | docs | k | NPMI themes | div themes | NPMI top terms | div top terms | NPMI sklearn | div sklearn | clusters < 25% majority | mail-word labels | mail stripped |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
res = {}
for name, path in rows:
    d = json.load(open(path))
    res[name] = d
    strip = "yes (auto)" if any(w.startswith("e-mail-like text") for w in d["warnings"]) else "no"
    print("| %s | %d | %d | %s | %s | %s | %s | %s | %s | %d | %d | %s |" % (
        name, d["documents"], d["k"], f(d["themes"]["npmi"]), f(d["themes"]["diversity"]),
        f(d["top_terms"]["npmi"]), f(d["top_terms"]["diversity"]),
        f(d["sklearn"]["npmi"]), f(d["sklearn"]["diversity"]), d.get("clusters_under_25", 0), len(d["mail_labels"]), strip))
print("""
themes: the words of each cluster's key phrases, best first, first 10; top terms: topics' listed
top terms; sklearn: the 10 largest terms of each centroid of the scikit-learn reference pipeline
(TF-IDF min_df 5, max_df 0.5 → SVD 100 → k-means, same k and seed). NPMI: mean over topics of
the mean pairwise NPMI over document co-occurrence in the corpus itself; div: distinct words /
(10·k). Mail-word labels: labels holding a header, mail or greeting word (MAIL_WORDS in
theme_quality.py) or an "@". Clusters < 25% majority: clusters whose most common gold class
holds under 25% of their members.
""")
for name in [n for n, _ in rows][:2]:
    d = res[name]
    print("%s, k = %d: clusters by size, majority gold class and its share, label\n" % (name, d["k"]))
    print("| size | majority | share | label |")
    print("| ---: | --- | ---: | --- |")
    for c in d["clusters"]:
        print("| %d | %s | %s | %s |" % (c["size"], c["majority"], f(c["share"]), c["theme"]))
    print()
print("<!-- themes:end -->")
PY
"$PYTHON" - "$here/results.md" "$tmp/section.md" <<'PY'
import sys, re
path, sec = sys.argv[1], open(sys.argv[2]).read().rstrip("\n") + "\n"
try:
    text = open(path).read()
except FileNotFoundError:
    text = ""
pat = re.compile(r"<!-- themes:begin -->.*?<!-- themes:end -->\n?", re.S)
text = pat.sub(lambda m: sec, text) if pat.search(text) else text.rstrip("\n") + "\n\n" + sec
open(path, "w").write(text)
PY
cat "$tmp/section.md"
echo "themes.sh: section saved in bench/results.md" >&2
