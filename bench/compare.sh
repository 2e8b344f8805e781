#!/usr/bin/env bash
# compare.sh: quality and speed of topics, side by side with the scikit-learn reference pipeline
# (bench/sklearn_pipeline.py) on the real corpora of ../shared/corpora.
#
#   make bench-compare [CORPORA=dir]        or        bench/compare.sh [CORPORA_DIR]
#
# First the speed targets of issue #16 on 20 Newsgroups (k = 20, seed 0): ROUNDS rounds, each
# running `topics cluster --format csv`, `topics cluster --format json` and
# `sklearn_pipeline.py --time-one 0` once, in an order that alternates from round to round, each
# timed as a whole process by /usr/bin/time -v (wall clock and peak RSS, start-up included); the
# table gives medians, the ratios topics / scikit-learn and the targets. Then, for each corpus:
# topics eval with its default settings and k = the number of gold classes, seeds 0..SEEDS-1; the
# scikit-learn pipeline with the same seeds; and ONE timed clustering run of each tool (for 20
# Newsgroups the medians above). Prints Markdown tables and writes them, with the date, machine
# and command, to bench/results.md. (Choosing k without k is measured by bench/quality.sh.)
#
# Environment: PYTHON (default /usr/bin/python3), GO (default go), SEEDS (default 5), ROUNDS
# (default 3), KEEP=1 keeps the temporary directory of intermediate JSON (always kept on failure).
# Takes about 2.5 minutes on a quiet 2-core machine.
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
ROUNDS=${ROUNDS:-3}
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
	local running
	running=$(jobs -p) # a quality run left behind by a failure beside it
	[[ -z $running ]] || kill $running 2>/dev/null || true
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
# The source measured: the commit (and whether the work tree differs) when the binary was built.
built_from=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(cd "$root" && git status --porcelain 2>/dev/null) ]] || built_from+=" + uncommitted changes"
topics=$tmp/topics

# --- speed targets (issue #16): 20 Newsgroups, k = 20, alternating rounds ---------------------
ng=$corpora/20newsgroups.jsonl.gz
[[ -r $ng ]] || die "$ng not found"
# The NMI of the previous bench/results.md, to compare with (it is overwritten at the end).
prev_nmi=$(sed -n 's/^| 20newsgroups *| *18,846 *| *20 *| *\([0-9.]*\) ±.*/\1/p' "$here/results.md" 2>/dev/null | head -n 1)
prev_src=$(sed -n 's/^- source: \([^ ]*\).*/\1/p' "$here/results.md" 2>/dev/null | head -n 1)
printf '%s\n' "${prev_nmi:-}" >"$tmp/prev.nmi"
printf '%s\n' "${prev_src:-}" >"$tmp/prev.src"
order=(csv json sklearn)
for r in $(seq 1 "$ROUNDS"); do
	log "20newsgroups speed, round $r of $ROUNDS: ${order[*]}"
	for m in "${order[@]}"; do
		case $m in
		csv | json) timed "speed$r.$m" "$topics" cluster "$ng" --k 20 --seed 0 --format "$m" -o "$tmp/speed.$m" ;;
		sklearn) timed "speed$r.$m" "$PYTHON" "$here/sklearn_pipeline.py" "$ng" --truth label --time-one 0 ;;
		esac
	done
	order=("${order[2]}" "${order[0]}" "${order[1]}") # rotate: each command takes each place in turn
done

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

	run "$tmp/$id.classes.json" "$tmp/$id.classes.err" \
		"$PYTHON" "$here/sklearn_pipeline.py" "$path" --truth "$truth" --classes
	k=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["classes"])' "$tmp/$id.classes.json")

	# The quality runs are not timed: scikit-learn (one core, mostly) and topics eval run side by side.
	log "$name: scikit-learn, seeds $seedlist, beside topics eval, k=$k, $SEEDS seeds"
	run "$tmp/$id.sklearn.json" "$tmp/$id.sklearn.err" \
		"$PYTHON" "$here/sklearn_pipeline.py" "$path" --truth "$truth" --seeds "$seedlist" &
	sk=$!
	run "$tmp/$id.topics.json" "$tmp/$id.topics.err" \
		"$topics" eval "$path" --truth "$truth" --k "$k" --seed 0 --seeds "$SEEDS" --format json
	wait "$sk" || exit 1

	if [[ $name != 20newsgroups ]]; then # 20 Newsgroups: the medians of the speed rounds
		log "$name: timing one run of each"
		timed "$id.topics-one" "$topics" cluster "$path" --k "$k" --seed 0 --format csv -o "$tmp/$id.clusters.csv"
		timed "$id.sklearn-one" "$PYTHON" "$here/sklearn_pipeline.py" "$path" --truth "$truth" --time-one 0
	fi
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
	echo "- source: $built_from (when topics was built)"
	echo "- command: \`make bench-compare CORPORA=$corpora\` (bench/compare.sh), $((SECONDS - start)) s, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
	echo
	"$PYTHON" - "$tmp" "$i" "$SEEDS" "$ROUNDS" <<'EOF'
import json, re, statistics, sys

tmp, n, seeds, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

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

speed = {m: [gnu_time("%s/speed%d.%s.time" % (tmp, r, m)) for r in range(1, rounds + 1)]
         for m in ("csv", "json", "sklearn")}
med = {m: (statistics.median(w for w, _ in v), statistics.median(r for _, r in v)) for m, v in speed.items()}
spread = {m: (min(w for w, _ in v), max(w for w, _ in v)) for m, v in speed.items()}

main = []
for i in range(n):
    c = "%s/c%d" % (tmp, i)
    name = open(c + ".name").read().strip()
    t, s = load(c + ".topics.json"), load(c + ".sklearn.json")
    if t["documents"] != s["documents"]:
        sys.exit("compare.sh: %s: topics read %d documents, scikit-learn %d" % (name, t["documents"], s["documents"]))
    tn, tns = stat(t["summary"], "nmi")
    sn, sns = stat(s["summary"], "nmi")
    ta, tas = stat(t["summary"], "ari")
    sa, sas = stat(s["summary"], "ari")
    if name == "20newsgroups":
        (tt, tr), (st, sr) = med["csv"], med["sklearn"]
        nmi20 = (tn, tns, sn)
    else:
        tt, tr = gnu_time(c + ".topics-one.time")
        st, sr = gnu_time(c + ".sklearn-one.time")
    main.append([name, "{:,}".format(t["documents"]), str(s["k"]),
                 "%.3f ± %.3f" % (tn, tns), "%.3f ± %.3f" % (sn, sns), "%+.3f" % (tn - sn),
                 "%.3f ± %.3f" % (ta, tas), "%.3f ± %.3f" % (sa, sas),
                 "%.1f" % tt, "%.1f" % st, "%.2f" % (tt / st),
                 "%.0f" % tr, "%.0f" % sr, "%.2f" % (tr / sr)])

def target(name, ratio, limit):
    return "%.2f ≤ %.2f: %s" % (ratio, limit, "met" if ratio <= limit else "missed by %.0f%%" % (100 * (ratio / limit - 1)))

sw = lambda m: "%.2f s (%.2f–%.2f)" % (med[m][0], spread[m][0], spread[m][1])
prev_nmi, prev_src = open(tmp + "/prev.nmi").read().strip(), open(tmp + "/prev.src").read().strip()
nmi_target = "previous run (%s): %s" % (prev_src, prev_nmi) if prev_nmi else "no previous bench/results.md"
if prev_nmi:
    nmi_target += ": " + ("met" if round(nmi20[0], 3) >= float(prev_nmi) else "missed by %.3f" % (float(prev_nmi) - nmi20[0]))
print("## Targets of issue #16: 20 Newsgroups, k = 20, medians of %d alternating runs" % rounds)
print()
print(table(["measure", "topics", "scikit-learn", "ratio and target"], [
    ["`cluster --format csv`, wall (min–max)", sw("csv"), sw("sklearn"), target("csv", med["csv"][0] / med["sklearn"][0], 0.25)],
    ["`cluster --format csv`, peak RSS", "%.0f MiB" % med["csv"][1], "%.0f MiB" % med["sklearn"][1], target("rss", med["csv"][1] / med["sklearn"][1], 0.40)],
    ["`cluster --format json`, wall (min–max)", sw("json"), sw("sklearn"), target("json", med["json"][0] / med["sklearn"][0], 0.40)],
    ["`cluster --format json`, peak RSS", "%.0f MiB" % med["json"][1], "%.0f MiB" % med["sklearn"][1], "%.2f" % (med["json"][1] / med["sklearn"][1])],
    ["NMI, seeds 0-%d (mean)" % (seeds - 1), "%.3f ± %.3f" % nmi20[:2], "%.3f" % nmi20[2], nmi_target],
], [False, True, True, False]))
print()
print("Each round runs the three commands once, in an order rotated from round to round, as whole processes "
      "under /usr/bin/time -v (wall clock, peak resident set; start-up and reading included): "
      "`topics cluster 20newsgroups.jsonl.gz --k 20 --seed 0 --format csv|json -o FILE` and "
      "`sklearn_pipeline.py 20newsgroups.jsonl.gz --truth label --time-one 0`. On a shared machine the "
      "min–max spread shows the noise.")
print()
print("## Quality (k = number of gold classes, seeds 0-%d) and one timed clustering run" % (seeds - 1))
print()
print(table(["corpus", "docs", "k", "NMI topics", "NMI sklearn", "ΔNMI", "ARI topics", "ARI sklearn",
             "s topics", "s sklearn", "time ratio", "RSS MB topics", "RSS MB sklearn", "RSS ratio"],
            main, [False] + [True] * 13))
print()
print("NMI/ARI: mean ± sample sd over the seeds; ΔNMI = topics − sklearn. topics: default settings, "
      "`topics eval --k K --seeds %d`; sklearn: bench/sklearn_pipeline.py (the corpora README pipeline). "
      "Seconds and RSS: one whole process each (`topics cluster --format csv -o FILE`, "
      "`sklearn_pipeline.py --time-one 0`; 20 Newsgroups: the medians above), wall clock and peak "
      "resident set from /usr/bin/time -v; ratios are topics / sklearn." % seeds)
EOF
} >"$tmp/results.md"

# Keep the sections written by hand (profile: where the time goes), and everything from the first
# marker of bench/quality.sh or bench/themes.sh to the end (their sections and notes).
if [[ -f $here/results.md ]]; then
	sed -n "/<!-- profile:begin -->/,/<!-- profile:end -->/p" "$here/results.md" >"$tmp/profile.md"
	if [[ -s $tmp/profile.md ]]; then { echo; cat "$tmp/profile.md"; } >>"$tmp/results.md"; fi
	sed -n '/<!-- \(quality\|themes\):begin -->/,$p' "$here/results.md" >"$tmp/quality.md"
	if [[ -s $tmp/quality.md ]]; then { echo; cat "$tmp/quality.md"; } >>"$tmp/results.md"; fi
fi
cp "$tmp/results.md" "$here/results.md"
cat "$here/results.md"
log "done; table saved in bench/results.md"
ok=1
