#!/usr/bin/env bash
# scale.sh: how topics cluster and topics duplicates scale with corpus size (issue #7).
#
#   bench/scale.sh                       all sizes: 10k, 100k and 1M documents
#   SIZES="10000 100000" bench/scale.sh  only these
#
# For each size it generates a corpus with bench/gencorpus (seed 1, 5% planted near-duplicates),
# unless one is already in $SCALE_DIR, then runs once, each under /usr/bin/time -v:
#   topics cluster FILE --k 50 --format csv -o OUT      (default flags: from 50,000 documents
#                                                         mini-batch k-means is chosen by itself)
#   topics duplicates FILE --format csv -o OUT
# and reports wall time, CPU time (user + system) and peak RSS (start-up and reading included).
# The last rows give the growth of each command's CPU time from the smallest size of at least
# 100,000 to the largest as an exponent (cost ∝ n^e), next to n log n's over the same range. The duplicates are scored
# against the planted pairs: recall = planted pairs (doc, dup_of) whose two documents are in the
# same reported set; precision = reported pairs whose two documents belong to the same planted
# family (documents linked by dup_of, directly or through other planted duplicates).
# Prints a Markdown table and writes it, with date, machine and command, to $RESULTS
# (default bench/scale-results.md).
#
# Environment: SCALE_DIR (default /tmp/topics-scale) keeps the corpora and outputs between runs;
# SIZES (default "10000 100000 1000000"); TIMEOUT per command in seconds (default 3600; a command
# that runs out of time is reported as such); GO (default go); PYTHON (default python3).
set -euo pipefail

die() { echo "scale.sh: $*" >&2; exit 1; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
SCALE_DIR=${SCALE_DIR:-/tmp/topics-scale}
SIZES=${SIZES:-10000 100000 1000000}
TIMEOUT=${TIMEOUT:-3600}
GO=${GO:-go}
PYTHON=${PYTHON:-python3}
CORPORA=${CORPORA:-$root/../shared/corpora}
RESULTS=${RESULTS:-$here/scale-results.md}
TIME=/usr/bin/time
if [[ ! -x $TIME ]]; then
	echo "${0##*/}: $TIME missing: apt-get install -y time" >&2
	apt-get install -y time >&2 || { apt-get update >&2 && apt-get install -y time >&2; } ||
		die "could not install GNU time; install it (package time) and rerun"
fi
command -v "$PYTHON" >/dev/null || die "$PYTHON not found"
mkdir -p "$SCALE_DIR"
start=$SECONDS
log() { printf '[%4ds] %s\n' $((SECONDS - start)) "$*" >&2; }

log "building topics and gencorpus into $SCALE_DIR"
(cd "$root" && "$GO" build -o "$SCALE_DIR/topics" ./cmd/topics && "$GO" build -o "$SCALE_DIR/gencorpus" ./bench/gencorpus) ||
	die "go build failed"

name() { # name N: 10k, 100k, 1m, or N itself
	case $1 in
	*000000) echo "$(($1 / 1000000))m" ;;
	*000) echo "$(($1 / 1000))k" ;;
	*) echo "$1" ;;
	esac
}

# timed LOG CMD...: run CMD under time -v and timeout; prints "seconds peak_MB status cpu_seconds".
timed() {
	local tlog=$1
	shift
	local status=0
	"$TIME" -v -o "$tlog" timeout "$TIMEOUT" "$@" >"$tlog.out" 2>"$tlog.err" || status=$?
	awk -v status="$status" '
		/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
		/Maximum resident set size/ { kb = $NF }
		/User time \(seconds\)|System time \(seconds\)/ { cpu += $NF }
		END { printf "%.1f %.0f %s %.1f\n", s, kb / 1024, status, cpu }' "$tlog"
}

# score CORPUS PAIRS_CSV: prints "recall precision planted reported".
score() {
	"$PYTHON" - "$1" "$2" <<'EOF'
import csv, gzip, json, sys
parent = {}
def find(x):
    while parent.get(x, x) != x:
        parent[x] = parent.get(parent[x], parent[x])
        x = parent[x]
    return x
planted = []
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        if d.get("dup_of"):
            planted.append((d["id"], d["dup_of"]))
            parent[find(d["id"])] = find(d["dup_of"])
reported, setof, true = 0, {}, 0
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        reported += 1
        setof[row["a"]] = setof[row["b"]] = row["set"]
        if find(row["a"]) == find(row["b"]):
            true += 1
found = sum(1 for a, b in planted if a in setof and setof.get(a) == setof.get(b))
rec = found / len(planted) if planted else float("nan")
prec = true / reported if reported else float("nan")
print(f"{rec:.4f} {prec:.4f} {len(planted)} {reported}")
EOF
}

rows=() growth=()
for n in $SIZES; do
	nm=$(name "$n")
	file=$SCALE_DIR/news$nm.jsonl.gz
	if [[ ! -s $file ]]; then
		log "generating $file"
		read -r gs gmb gst gcpu < <(timed "$SCALE_DIR/gen-$nm.time" "$SCALE_DIR/gencorpus" -n "$n" -seed 1 -dup 0.05 \
			-corpora "$CORPORA" -o "$file")
		[[ $gst == 0 ]] || die "gencorpus failed: $(tail -n 5 "$SCALE_DIR/gen-$nm.time.err")"
		rows+=("| $n | gencorpus -n $n | $gs | $gcpu | $gmb | | |")
	fi

	log "$nm: topics cluster"
	read -r cs cmb cst ccpu < <(timed "$SCALE_DIR/cluster-$nm.time" "$SCALE_DIR/topics" cluster "$file" --k 50 \
		--format csv -o "$SCALE_DIR/cluster-$nm.csv")
	note=""
	[[ $cst == 124 ]] && note=" (timed out)"
	[[ $cst != 0 && $cst != 124 ]] && note=" (failed, exit $cst)"
	rows+=("| $n | cluster --k 50$note | $cs | $ccpu | $cmb | | |")
	[[ $cst == 0 ]] && growth+=("cluster $n $ccpu")
	log "$nm: cluster ${cs}s ${cmb}MB status $cst"

	log "$nm: topics duplicates"
	read -r ds dmb dst dcpu < <(timed "$SCALE_DIR/dup-$nm.time" "$SCALE_DIR/topics" duplicates "$file" \
		--format csv -o "$SCALE_DIR/dup-$nm.csv")
	if [[ $dst == 0 ]]; then
		read -r rec prec planted reported < <(score "$file" "$SCALE_DIR/dup-$nm.csv")
		rows+=("| $n | duplicates | $ds | $dcpu | $dmb | $rec ($planted planted) | $prec ($reported pairs) |")
		growth+=("duplicates $n $dcpu")
	else
		note=" (failed, exit $dst)"
		[[ $dst == 124 ]] && note=" (timed out)"
		rows+=("| $n | duplicates$note | $ds | $dcpu | $dmb | | |")
	fi
	log "$nm: duplicates ${ds}s ${dmb}MB status $dst"
done

table=$(
	echo "| docs | command | seconds | CPU s | peak MiB | dup recall | dup precision |"
	echo "| ---: | --- | ---: | ---: | ---: | --- | --- |"
	printf '%s\n' "${rows[@]}"
	echo
	echo "| command | from | to | CPU growth exponent e (cost ∝ n^e) | n log n's |"
	echo "| --- | ---: | ---: | ---: | ---: |"
	# Per command: the smallest size of at least 100,000 and the largest measured.
	printf '%s\n' "${growth[@]}" | awk '$2 >= 100000 {
		if (!($1 in lo) || $2 < lo[$1]) { lo[$1] = $2; tlo[$1] = $3 }
		if (!($1 in hi) || $2 > hi[$1]) { hi[$1] = $2; thi[$1] = $3 } }
		END { for (c in lo) if (hi[c] > lo[c] && tlo[c] > 0) {
			r = hi[c] / lo[c]
			printf "| %s | %d | %d | %.2f | %.2f |\n", c, lo[c], hi[c], log(thi[c] / tlo[c]) / log(r), log(r * log(hi[c]) / log(lo[c])) / log(r) } }' | sort
)
echo "$table"
{
	echo "# Scale benchmark (bench/scale.sh)"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) RAM,"
	echo "$("$GO" version | cut -d' ' -f3), SIZES=\"$SIZES\", corpora in $SCALE_DIR (gencorpus -seed 1 -dup 0.05)."
	echo "Whole processes timed by /usr/bin/time -v (wall clock, CPU = user + system, peak RSS in MiB = 2^20 bytes); a gencorpus row appears only when the corpus was generated in that run."
	echo "Load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg) (on a shared machine wall clock grows with the load; CPU time much less)."
	echo "Command: \`SIZES=\"$SIZES\" make bench-scale\` (bench/scale.sh), $((SECONDS - start)) s."
	echo
	echo "$table"
	# Keep the section written by hand: where the time goes.
	if [[ -f $RESULTS ]] && grep -q '<!-- profile:begin -->' "$RESULTS"; then
		echo
		sed -n '/<!-- profile:begin -->/,/<!-- profile:end -->/p' "$RESULTS"
	fi
} >"$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
log "wrote $RESULTS"
