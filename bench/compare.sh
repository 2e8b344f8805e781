#!/usr/bin/env bash
# compare.sh: quality and speed of topics, side by side with the scikit-learn reference pipeline
# (bench/sklearn_pipeline.py) on the real corpora of ../shared/corpora.
#
#   make bench-compare [CORPORA=dir]        or        bench/compare.sh [CORPORA_DIR]
#
# For each corpus: topics eval with its default settings and k = the number of gold classes, seeds
# 0..4; the scikit-learn pipeline with seeds 0..4; then ONE clustering run of each tool (topics
# cluster, sklearn_pipeline.py --time-one 0) timed as a whole process by /usr/bin/time -v (wall clock
# and peak RSS, start-up included). A second table lets topics choose k itself (seed 0 only).
# Prints a Markdown table and writes it, with the date, machine and command, to bench/results.md.
#
# Environment: PYTHON (default /usr/bin/python3), GO (default go), SEEDS (default 5),
# KEEP=1 keeps the temporary directory of intermediate JSON (it is always kept on failure).
# Takes about 5-6 minutes on a 2-core machine.
set -euo pipefail

die() { echo "compare.sh: $*" >&2; exit 1; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
corpora=${1:-${CORPORA:-$root/../shared/corpora}}
[[ -d $corpora ]] || die "corpora directory $corpora not found (pass CORPORA=dir)"
corpora=$(cd "$corpora" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
GO=${GO:-go}
SEEDS=${SEEDS:-5}
TIME=/usr/bin/time
if [[ ! -x $TIME ]]; then
	echo "${0##*/}: $TIME missing: apt-get install -y time" >&2
	apt-get install -y time >&2 || { apt-get update >&2 && apt-get install -y time >&2; } ||
		die "could not install GNU time; install it (package time) and rerun"
fi
[[ -x $PYTHON ]] || die "$PYTHON not found"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-compare.XXXXXX")
ok=0
cleanup() {
	if [[ $ok == 1 && ${KEEP:-0} != 1 ]]; then rm -rf "$tmp"; else echo "compare.sh: intermediate files kept in $tmp" >&2; fi
}
trap cleanup EXIT
start=$SECONDS

# run OUT ERR CMD...: run CMD with standard output to OUT and standard error to ERR; on failure say
# which command failed and show the end of its standard error.
run() {
	local out=$1 err=$2
	shift 2
	local status=0
	"$@" >"$out" 2>"$err" || status=$?
	if [[ $status != 0 ]]; then
		echo "compare.sh: FAILED (exit status $status): $*" >&2
		tail -n 20 "$err" >&2
		exit 1
	fi
}

# timed NAME CMD...: run CMD once under /usr/bin/time -v, stats to $tmp/NAME.time.
timed() {
	local name=$1
	shift
	run "$tmp/$name.stdout" "$tmp/$name.stderr" "$TIME" -v -o "$tmp/$name.time" "$@"
}

log() { printf '[%4ds] %s\n' $((SECONDS - start)) "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
if ! "$PYTHON" -c 'import sklearn' 2>/dev/null; then
	log "scikit-learn missing: apt-get install -y python3-sklearn"
	apt-get install -y python3-sklearn >&2 || { apt-get update >&2 && apt-get install -y python3-sklearn >&2; } ||
		die "could not install python3-sklearn"
	"$PYTHON" -c 'import sklearn' || die "python3-sklearn installed but 'import sklearn' still fails"
fi
log "building topics"
(cd "$root" && "$GO" build -o "$tmp/topics" ./cmd/topics) || die "go build ./cmd/topics failed"
topics=$tmp/topics

# --- corpora -----------------------------------------------------------------------------------
# name | file (relative to the corpora directory) | gold field | labels to keep (empty: all)
rows=(
	"20newsgroups|20newsgroups.jsonl.gz|label|"
	"20ng-4 (gallery subset)|20newsgroups.jsonl.gz|label|alt.atheism,talk.religion.misc,comp.graphics,sci.space"
	"bbc|bbc.jsonl.gz|label|"
	"reuters-r8|reuters-r8.jsonl.gz|label|"
	"agnews-test|agnews-test.jsonl.gz|label|"
	"uci-news sample (story)|uci-news-aggregator-sample.jsonl.gz|story|"
)
seedlist=$(seq -s, 0 $((SEEDS - 1)))

i=0
for row in "${rows[@]}"; do
	IFS='|' read -r name file truth labels <<<"$row"
	id=c$i
	i=$((i + 1))
	path=$corpora/$file
	[[ -r $path ]] || die "$path not found"
	if [[ -n $labels ]]; then
		# topics reads files: write the subset once and give both tools the same file.
		log "$name: writing the subset"
		run "$tmp/$id.subset.json" "$tmp/$id.subset.err" \
			"$PYTHON" "$here/sklearn_pipeline.py" "$path" --labels "$labels" --write-subset "$tmp/$id.jsonl.gz"
		path=$tmp/$id.jsonl.gz
	fi
	printf '%s\n' "$name" >"$tmp/$id.name"

	log "$name: scikit-learn, seeds $seedlist"
	run "$tmp/$id.sklearn.json" "$tmp/$id.sklearn.err" \
		"$PYTHON" "$here/sklearn_pipeline.py" "$path" --truth "$truth" --seeds "$seedlist"
	k=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["classes"])' "$tmp/$id.sklearn.json")

	log "$name: topics eval, k=$k, $SEEDS seeds"
	run "$tmp/$id.topics.json" "$tmp/$id.topics.err" \
		"$topics" eval "$path" --truth "$truth" --k "$k" --seed 0 --seeds "$SEEDS" --format json

	log "$name: timing one run of each"
	timed "$id.topics-one" "$topics" cluster "$path" --k "$k" --seed 0 --format csv -o "$tmp/$id.clusters.csv"
	timed "$id.sklearn-one" "$PYTHON" "$here/sklearn_pipeline.py" "$path" --truth "$truth" --time-one 0

	log "$name: topics eval, k chosen by topics, seed 0"
	run "$tmp/$id.auto.json" "$tmp/$id.auto.err" \
		"$topics" eval "$path" --truth "$truth" --seed 0 --seeds 1 --format json
done

# --- tables ------------------------------------------------------------------------------------
log "writing the tables"
{
	echo "# topics vs scikit-learn on the shared corpora"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
		"$(awk '/^MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) memory"
	echo "- tools: $("$GO" version | cut -d' ' -f3), $("$PYTHON" -c 'import sklearn, sys; print("Python %d.%d, scikit-learn %s" % (sys.version_info[0], sys.version_info[1], sklearn.__version__))')"
	echo "- source: $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && [[ -n $(git status --porcelain 2>/dev/null) ]] && echo " + uncommitted changes")"
	echo "- command: \`make bench-compare CORPORA=$corpora\` (bench/compare.sh), $((SECONDS - start)) s"
	echo
	"$PYTHON" - "$tmp" "$i" "$SEEDS" <<'EOF'
import json, re, sys

tmp, n, seeds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def load(path):
    with open(path) as f:
        return json.load(f)

def stat(summary, metric):
    for s in summary:
        if s["metric"] == metric:
            return s["mean"], s["sd"]
    sys.exit("compare.sh: no %s in a summary" % metric)

def gnu_time(path):
    """Wall seconds and peak RSS in MB from a /usr/bin/time -v report."""
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if not wall or not rss:
        sys.exit("compare.sh: cannot parse " + path)
    secs = 0.0
    for part in wall.group(1).split(":"):
        secs = secs * 60 + float(part)
    return secs, int(rss.group(1)) / 1024

def table(head, rows, right):
    cells = [head] + rows
    w = [max(len(r[c]) for r in cells) for c in range(len(head))]
    fmt = lambda r: "| " + " | ".join(s.rjust(w[c]) if right[c] else s.ljust(w[c]) for c, s in enumerate(r)) + " |"
    rule = "| " + " | ".join(("-" * (w[c] - 1) + ":") if right[c] else "-" * w[c] for c in range(len(head))) + " |"
    return "\n".join([fmt(head), rule] + [fmt(r) for r in rows])

main, auto = [], []
for i in range(n):
    c = "%s/c%d" % (tmp, i)
    name = open(c + ".name").read().strip()
    t, s, a = load(c + ".topics.json"), load(c + ".sklearn.json"), load(c + ".auto.json")
    if t["documents"] != s["documents"]:
        sys.exit("compare.sh: %s: topics read %d documents, scikit-learn %d" % (name, t["documents"], s["documents"]))
    tn, tns = stat(t["summary"], "nmi")
    sn, sns = stat(s["summary"], "nmi")
    ta, tas = stat(t["summary"], "ari")
    sa, sas = stat(s["summary"], "ari")
    tt, tr = gnu_time(c + ".topics-one.time")
    st, sr = gnu_time(c + ".sklearn-one.time")
    main.append([name, "{:,}".format(t["documents"]), str(s["k"]),
                 "%.3f ± %.3f" % (tn, tns), "%.3f ± %.3f" % (sn, sns), "%+.3f" % (tn - sn),
                 "%.3f ± %.3f" % (ta, tas), "%.3f ± %.3f" % (sa, sas),
                 "%.1f" % tt, "%.1f" % st, "%.2f" % (tt / st),
                 "%.0f" % tr, "%.0f" % sr, "%.2f" % (tr / sr)])
    r0 = [r for r in t["runs"] if r["seed"] == 0][0]
    ra = a["runs"][0]
    auto.append([name, str(s["k"]), str(ra["k"]), "%.3f" % ra["scores"]["nmi"],
                 "%.3f" % r0["scores"]["nmi"], "%+.3f" % (ra["scores"]["nmi"] - r0["scores"]["nmi"])])

print("## Quality (k = number of gold classes, seeds 0-%d) and one timed clustering run" % (seeds - 1))
print()
print(table(["corpus", "docs", "k", "NMI topics", "NMI sklearn", "ΔNMI", "ARI topics", "ARI sklearn",
             "s topics", "s sklearn", "time ratio", "RSS MB topics", "RSS MB sklearn", "RSS ratio"],
            main, [False] + [True] * 13))
print()
print("NMI/ARI: mean ± sample sd over the seeds; ΔNMI = topics − sklearn. topics: default settings, "
      "`topics eval --k K --seeds %d`; sklearn: bench/sklearn_pipeline.py (the corpora README pipeline). "
      "Seconds and RSS: one whole process each (`topics cluster --format csv -o FILE`, "
      "`sklearn_pipeline.py --time-one 0`), wall clock and peak resident set from /usr/bin/time -v; "
      "ratios are topics / sklearn." % seeds)
print()
print("## k chosen by topics (silhouette, default --k-min 2 --k-max 20), seed 0")
print()
print(table(["corpus", "gold k", "chosen k", "NMI chosen k", "NMI gold k", "Δ"], auto,
            [False, True, True, True, True, True]))
EOF
} >"$tmp/results.md"

# Keep the section that bench/quality.sh maintains.
if [[ -f $here/results.md ]]; then
	sed -n '/<!-- quality:begin -->/,/<!-- quality:end -->/p' "$here/results.md" >"$tmp/quality.md"
	if [[ -s $tmp/quality.md ]]; then { echo; cat "$tmp/quality.md"; } >>"$tmp/results.md"; fi
fi
cp "$tmp/results.md" "$here/results.md"
cat "$here/results.md"
log "done; table saved in bench/results.md"
ok=1
