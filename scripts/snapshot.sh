#!/usr/bin/env bash
# snapshot.sh BIN OUTDIR [BBC]: runs every command of BIN in every output
# format on the built-in sample and on BBC (default ../shared/corpora/bbc.jsonl.gz)
# with seed 0, writing each output to OUTDIR. Two snapshots taken before and
# after a refactor are compared with `diff -r`: a refactor changes no byte.
set -euo pipefail
bin=$(realpath "$1"); out=$2; bbc=$(realpath "${3:-../shared/corpora/bbc.jsonl.gz}")
mkdir -p "$out"; out=$(realpath "$out")
sample=$(realpath "$(dirname "$0")/../testdata/sample")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run() { # name args...: stdout to OUTDIR/name, stderr to OUTDIR/name.err, exit code appended
	local name=$1; shift
	local rc=0
	(cd "$tmp" && "$bin" -q "$@") >"$out/$name" 2>"$out/$name.err" || rc=$?
	echo "exit $rc" >>"$out/$name.err"
}
for c in sample bbc; do
	if [ $c = sample ]; then in=(); k=(); q="supply routes into Afghanistan"; else in=("$bbc"); k=(--k 5); q="interest rates and the economy"; fi
	for f in table markdown json jsonl csv html svg; do run $c.cluster.$f cluster "${in[@]}" "${k[@]}" --format $f; done
	(cd "$tmp" && "$bin" -q cluster "${in[@]}" "${k[@]}" --format png | sha256sum) >"$out/$c.cluster.png.sha" 2>/dev/null || true
	run $c.cluster.themes cluster "${in[@]}" "${k[@]}" --themes
	run $c.cluster.auto cluster "${in[@]}" --format json
	run $c.vectorize vectorize "${in[@]}" -o vec-$c
	for f in tfidf.mtx vocabulary.txt ids.txt lsa.csv; do cp "$tmp/vec-$c/$f" "$out/$c.vectorize.$f"; done
	for f in table json csv; do
		run $c.similarity.$f similarity "${in[@]}" --format $f --max-docs 3000
		run $c.similarity.top.$f similarity "${in[@]}" --top 3 --format $f
		run $c.similarity.tfidf.$f similarity "${in[@]}" --space tfidf --top 3 --format $f
		run $c.duplicates.$f duplicates "${in[@]}" --format $f
		run $c.related.$f duplicates "${in[@]}" --related --format $f
	done
	run $c.fit fit "${in[@]}" "${k[@]}" --index -o $c.model
	sha256sum <"$tmp/$c.model" >"$out/$c.model.sha"
	run $c.assign assign --model $c.model --neighbors 2 "${in[@]:-$sample}"
	run $c.query.table query --model $c.model "$q"
	run $c.query.json query --model $c.model --format json "$q"
done
run bbc.eval.table eval "$bbc" --truth label --k 5 --seeds 2
run bbc.eval.json eval "$bbc" --truth label --k 5 --format json
(cd "$tmp" && "$bin" -q cluster "$bbc" --k 5 --format csv -o a.csv)
run bbc.eval.assignments eval "$bbc" --truth label --assignments a.csv
