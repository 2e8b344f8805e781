#!/usr/bin/env bash
# quality.sh: the tables of issue #14 on the shared corpora: the two levels chosen without k
# (cluster.ChooseLevels) against k-means at the gold k, cuts of the cluster tree at ecbplus-dev's
# two gold levels, and related groups (B-cubed against story ids, on whole corpora and samples,
# and time on the largest files). Writes them, with the date, machine and source, to
# bench/results.md between the markers "<!-- quality:begin -->" and "<!-- quality:end -->"
# (replacing that section, or appending it), and prints them.
#
#   make bench-quality [CORPORA=dir]        or        bench/quality.sh [CORPORA_DIR]
#
# Environment: GO (default go); CACHE=dir keeps the vectors between runs (delete it after changing
# the pipeline). Takes about 15-25 minutes on a 2-core machine, most of it choosing k (three seeds)
# on 20 Newsgroups and AG News.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
corpora=${1:-${CORPORA:-$root/../shared/corpora}}
[[ -d $corpora ]] || { echo "quality.sh: corpora directory $corpora not found (pass CORPORA=dir)" >&2; exit 1; }
GO=${GO:-go}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-quality.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS

(cd "$root" && "$GO" build -o "$tmp/quality" ./bench/quality)
# The source measured: the commit (and whether the work tree differs) when the program was built.
src="$(cd "$root" && git rev-parse --short HEAD)$(cd "$root" && git diff --quiet HEAD -- . || echo ' (modified)')"
q() { "$tmp/quality" -corpora "$corpora" ${CACHE:+-cache "$CACHE"} "$@"; }
log() { echo "quality.sh: $* ($((SECONDS - start)) s)" >&2; }

log "levels"
levels=$(q levels 20ng 20ng-4 bbc r8 agnews uci-story ecb-story ecb-topic)
log "levels, candidate seeds 1 and 2"
seeds=$(for s in 1 2; do q -seed "$s" levels 20ng 20ng-4 bbc r8 agnews uci-story ecb-story ecb-topic; done)
log "tree cuts"
cuts=$(q treecuts ecb-story)
log "related groups"
related=$(q related uci-story uci-story@0.5 uci-story@0.2 ecb-story ecb-story@0.5 ecb-story@0.2 20ng reuters)

{
	echo "<!-- quality:begin -->"
	echo "# Without k: two levels and related groups (issue #14)"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- machine: $(nproc) CPUs, $(LC_ALL=C lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
	echo "- source: $src (when bench/quality was built)"
	echo "- command: \`make bench-quality\` (bench/quality.sh, bench/quality), $((SECONDS - start)) s"
	echo
	echo "## Two levels chosen without k (cluster.ChooseLevels), seed 0"
	echo
	echo "| corpus | docs | gold k | candidates | fine k | NMI fine | coarse k | NMI coarse | NMI k-means at gold k | best − gold | worst − gold | s | CPU s |"
	echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	echo "$levels"
	echo
	echo "Default settings of \`topics cluster\` without --k. NMI against the newsgroup, topic or story ids; k-means at"
	echo "the gold k with the same settings (10 restarts, seed 0). The coarse k equals the fine k when the score has no"
	echo "peak below the fine k at half its best; \"n (of m)\" when the m coarse k-means clusters hold n fine clusters"
	echo "by majority. Seconds: wall clock and CPU of ChooseLevels alone (vectors excluded), on a shared machine."
	echo
	echo "## The same with other seeds for the candidate runs"
	echo
	echo "The same with other seeds for the candidate runs (vectors and the fine clustering keep seed 0): how much the"
	echo "choice depends on the seed."
	echo
	echo "| corpus | docs | gold k | candidates | fine k | NMI fine | coarse k | NMI coarse | NMI k-means at gold k | best − gold | worst − gold | s | CPU s |"
	echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	echo "$seeds"
	echo
	echo "## The tree of an over-clustered run cut at the gold levels of ecbplus-dev"
	echo
	echo "| corpus | k over-clustered | gold partition | gold k | NMI tree cut | NMI k-means at gold k |"
	echo "| --- | ---: | --- | ---: | ---: | ---: |"
	echo "$cuts"
	echo
	echo "## Related groups (duplicates --related), default threshold 0.5 and 10 neighbours"
	echo
	echo "| corpus | docs | linkage, similarity | B-cubed P | B-cubed R | B-cubed F1 | groups | s | CPU s |"
	echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
	echo "$related"
	echo
	echo "B-cubed against the story ids (UCI: the aggregator's story clusters, headlines only; ecbplus-dev: the 66"
	echo "events of full articles). NAME@F: a uniform sample of a fraction F of the documents, vectorized on its own."
	echo "20ng and reuters have no story ids: their rows (scored against newsgroups and topics) are there for time"
	echo "and group counts. Seconds: RelatedGroups alone (neighbours and linkage), vectors excluded."
	echo "<!-- quality:end -->"
} >"$tmp/section.md"

results=$here/results.md
if [[ -f $results ]] && grep -q '<!-- quality:begin -->' "$results"; then
	awk -v section="$tmp/section.md" '
		/<!-- quality:begin -->/ { while ((getline line < section) > 0) print line; skip = 1; next }
		/<!-- quality:end -->/ { skip = 0; next }
		!skip { print }' "$results" >"$tmp/results.md"
else
	{ [[ -f $results ]] && cat "$results" && echo; cat "$tmp/section.md"; } >"$tmp/results.md"
fi
cp "$tmp/results.md" "$results"
cat "$tmp/section.md"
log "done; section saved in bench/results.md"
