#!/usr/bin/env bash
# settings.sh: NMI and ARI of topics on every shared corpus, for one or more settings side by side,
# to decide whether a change of defaults (power iterations, precision, restarts, ...) loses quality.
#
#   bench/settings.sh [-b BIN] [-s SEEDS] 'LABEL=FLAGS' ['LABEL=FLAGS' ...]
#   e.g. bench/settings.sh 'q7=--power-iters 7' 'q3=--power-iters 3'
#
# For each corpus of bench/compare.sh (same gold field and k = number of gold classes) and each
# setting, runs `topics eval CORPUS --truth FIELD --k K --seeds SEEDS FLAGS --format json` and
# prints one Markdown row per corpus: NMI mean ± sd and ARI mean per setting, then the mean NMI
# over the corpora. BIN defaults to a fresh build of ./cmd/topics; SEEDS to 5.
#
# Environment: CORPORA (default ../shared/corpora), PYTHON (default /usr/bin/python3), GO (go),
# TMPDIR (the 20 Newsgroups 4-group subset is written there once).
set -euo pipefail

die() { echo "settings.sh: $*" >&2; exit 1; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
corpora=${CORPORA:-$root/../shared/corpora}
PYTHON=${PYTHON:-/usr/bin/python3}
GO=${GO:-go}
bin="" seeds=5
while getopts "b:s:" opt; do
	case $opt in
	b) bin=$OPTARG ;;
	s) seeds=$OPTARG ;;
	*) die "usage: settings.sh [-b BIN] [-s SEEDS] 'LABEL=FLAGS' ..." ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || die "give at least one setting, e.g. 'default='"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quality.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [[ -z $bin ]]; then
	(cd "$root" && "$GO" build -o "$tmp/topics" ./cmd/topics) || die "go build failed"
	bin=$tmp/topics
fi
sub=${TMPDIR:-/tmp}/topics-20ng4.jsonl.gz
if [[ ! -s $sub ]]; then
	"$PYTHON" "$here/sklearn_pipeline.py" "$corpora/20newsgroups.jsonl.gz" \
		--labels alt.atheism,talk.religion.misc,comp.graphics,sci.space --write-subset "$sub" >/dev/null ||
		die "could not write the 20 Newsgroups subset"
fi
# name | path | gold field | k
rows=(
	"20newsgroups|$corpora/20newsgroups.jsonl.gz|label|20"
	"20ng-4|$sub|label|4"
	"bbc|$corpora/bbc.jsonl.gz|label|5"
	"reuters-r8|$corpora/reuters-r8.jsonl.gz|label|8"
	"agnews-test|$corpora/agnews-test.jsonl.gz|label|4"
	"uci-news (story)|$corpora/uci-news-aggregator-sample.jsonl.gz|story|87"
)
head="| corpus |"
rule="| --- |"
for s in "$@"; do
	head+=" NMI ${s%%=*} | ARI ${s%%=*} |"
	rule+=" ---: | ---: |"
done
echo "$head"
echo "$rule"
declare -A total
for row in "${rows[@]}"; do
	IFS='|' read -r name path truth k <<<"$row"
	line="| $name |"
	for s in "$@"; do
		label=${s%%=*} flags=${s#*=}
		# shellcheck disable=SC2086 # flags are words on purpose
		"$bin" eval "$path" --truth "$truth" --k "$k" --seeds "$seeds" --format json --quiet $flags >"$tmp/out.json" 2>"$tmp/err" ||
			die "$name, $label: $(tail -n 3 "$tmp/err")"
		read -r nmi sd ari < <("$PYTHON" -c '
import json, sys
s = {m["metric"]: m for m in json.load(open(sys.argv[1]))["summary"]}
print("%.4f %.4f %.4f" % (s["nmi"]["mean"], s["nmi"]["sd"], s["ari"]["mean"]))' "$tmp/out.json")
		line+=" $nmi ± $sd | $ari |"
		total[$label]=$("$PYTHON" -c "print(${total[$label]:-0} + $nmi)")
	done
	echo "$line"
done
line="| mean NMI |"
for s in "$@"; do
	line+=" $("$PYTHON" -c "print('%.4f' % (${total[${s%%=*}]} / ${#rows[@]}))") | |"
done
echo "$line"
