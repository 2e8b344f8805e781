#!/usr/bin/env bash
# explore.sh: which default settings of topics cluster the shared corpora best?
# Runs `topics eval` with each candidate setting (the same flags on every corpus: no per-corpus
# tuning) on the six corpora of bench/compare.sh, and prints the mean NMI per corpus per setting.
#
#   bench/explore.sh [CORPORA_DIR [SETTING_NAME...]]
#
# Environment: SEEDS (default 3), TOPICS (a built topics binary; default: go build into a temp dir),
# OUT (directory for the per-run JSON and the table; default: a new temp dir, kept).
# The full list takes about 15-20 minutes on a 2-core machine.
set -euo pipefail

die() { echo "explore.sh: $*" >&2; exit 1; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
corpora=$(cd "${1:-$root/../shared/corpora}" && pwd) || die "corpora directory not found"
shift || true
PYTHON=${PYTHON:-/usr/bin/python3}
SEEDS=${SEEDS:-3}
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/bench-explore.XXXXXX")}
mkdir -p "$out"
if [[ -z ${TOPICS:-} ]]; then
	(cd "$root" && go build -o "$out/topics" ./cmd/topics) || die "go build ./cmd/topics failed"
	TOPICS=$out/topics
fi

# name|flags (the same on every corpus)
settings=(
	"default|"
	"sklearn-df|--min-df 5 --max-df 0.5"
	"sublinear|--sublinear-tf"
	"sub+df5/.5|--sublinear-tf --min-df 5 --max-df 0.5"
	"sub+df2/.95|--sublinear-tf --min-df 2 --max-df 0.95"
	"sub+df2/.5|--sublinear-tf --min-df 2 --max-df 0.5"
	"sub+df.0005/.5|--sublinear-tf --min-df 0.0005 --max-df 0.5"
	"sub+df5/.5+stem|--sublinear-tf --min-df 5 --max-df 0.5 --stem"
	"sub+df5/.5+ng12|--sublinear-tf --min-df 5 --max-df 0.5 --ngram-range 1,2"
	"sub+df5/.5+d50|--sublinear-tf --min-df 5 --max-df 0.5 --dims 50"
	"sub+df5/.5+d200|--sublinear-tf --min-df 5 --max-df 0.5 --dims 200"
	"sub+df5/.5+r30|--sublinear-tf --min-df 5 --max-df 0.5 --restarts 30"
	"sub+df2/.5+stem|--sublinear-tf --min-df 2 --max-df 0.5 --stem"
	"sub+df2/.5+d200|--sublinear-tf --min-df 2 --max-df 0.5 --dims 200"
	"sub+df2/.5+d300|--sublinear-tf --min-df 2 --max-df 0.5 --dims 300"
	"sub+df2/.5+d200+stem|--sublinear-tf --min-df 2 --max-df 0.5 --dims 200 --stem"
	"sub+df2/.5+d200+r30|--sublinear-tf --min-df 2 --max-df 0.5 --dims 200 --restarts 30"
)
if (($# > 0)); then
	keep=()
	for s in "${settings[@]}"; do
		for want in "$@"; do [[ ${s%%|*} == "$want" ]] && keep+=("$s"); done
	done
	((${#keep[@]} > 0)) || die "no setting named $*"
	settings=("${keep[@]}")
fi

# name|file|gold field|k
corpus_rows=(
	"20newsgroups|20newsgroups.jsonl.gz|label|20"
	"20ng-4|ng4.jsonl.gz|label|4"
	"bbc|bbc.jsonl.gz|label|5"
	"reuters-r8|reuters-r8.jsonl.gz|label|8"
	"agnews-test|agnews-test.jsonl.gz|label|4"
	"uci story|uci-news-aggregator-sample.jsonl.gz|story|87"
)
if [[ ! -s $out/ng4.jsonl.gz ]]; then
	"$PYTHON" "$here/sklearn_pipeline.py" "$corpora/20newsgroups.jsonl.gz" \
		--labels alt.atheism,talk.religion.misc,comp.graphics,sci.space --write-subset "$out/ng4.jsonl.gz" >/dev/null
fi

for s in "${settings[@]}"; do
	IFS='|' read -r sname flags <<<"$s"
	for c in "${corpus_rows[@]}"; do
		IFS='|' read -r cname file truth k <<<"$c"
		path=$corpora/$file
		[[ $file == ng4.jsonl.gz ]] && path=$out/ng4.jsonl.gz
		f="$out/$(echo "$sname.$cname" | tr -c 'A-Za-z0-9.+-' _).json"
		t0=$SECONDS
		# shellcheck disable=SC2086 # flags are words
		"$TOPICS" eval "$path" --truth "$truth" --k "$k" --seed 0 --seeds "$SEEDS" --format json $flags >"$f" ||
			die "topics eval $path $flags failed"
		printf '%s\t%s\t%s\t%d\n' "$sname" "$flags" "$cname" $((SECONDS - t0)) >>"$out/runs.tsv"
		printf '%s\t%s\t%s\n' "$sname" "$cname" "$f" >>"$out/files.tsv"
		echo "explore.sh: $sname / $cname: $((SECONDS - t0)) s" >&2
	done
done

"$PYTHON" - "$out" <<'EOF' | tee "$out/table.md"
import json, statistics, sys
out = sys.argv[1]
cells, secs, flags, order, corpora = {}, {}, {}, [], []
for line in open(out + "/runs.tsv"):
    s, f, c, t = line.rstrip("\n").split("\t")
    secs[s] = secs.get(s, 0) + int(t)
    flags[s] = f
for line in open(out + "/files.tsv"):
    s, c, path = line.rstrip("\n").split("\t")
    d = json.load(open(path))
    nmi = [m for m in d["summary"] if m["metric"] == "nmi"][0]
    un = max(r["scores"]["unassigned"] for r in d["runs"])
    cells[s, c] = (nmi["mean"], nmi["sd"], un)
    if s not in order: order.append(s)
    if c not in corpora: corpora.append(c)
print("| setting | flags | " + " | ".join(corpora) + " | min Δ vs sklearn | seconds |")
print("| --- | --- | " + " | ".join("---:" for _ in corpora) + " | ---: | ---: |")
ref = {"20newsgroups": 0.370, "20ng-4": 0.390, "bbc": 0.805, "reuters-r8": 0.471, "agnews-test": 0.200, "uci story": 0.813}
for s in order:
    row, deltas = [], []
    for c in corpora:
        if (s, c) not in cells:
            row.append("")
            continue
        m, sd, un = cells[s, c]
        row.append("%.3f ± %.3f%s" % (m, sd, " (%d unassigned)" % un if un else ""))
        deltas.append(m - ref[c])
    print("| %s | `%s` | %s | %+.3f | %d |" % (s, flags[s] or "(none)", " | ".join(row), min(deltas), secs[s]))
EOF
echo "explore.sh: results in $out" >&2
