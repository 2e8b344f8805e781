#!/bin/sh
# Screenshots of the HTML report at 1280 px wide, for docs/: the built-in
# sample, BBC (k = 5) and 20 Newsgroups (k = 20), each the top HEIGHT
# pixels of the page (default 1600). It prints the full height of each
# page as headless Chromium lays it out at 1280 px before anything is
# expanded, and fails if one is taller than its bound (20 Newsgroups: 6000
# px).
#
# Needs only this repository, Go, Chromium and the shared corpora:
#   sh scripts/screenshots.sh [CORPORA] [OUT]
# CORPORA defaults to ../shared/corpora, OUT (where the PNGs go) to docs.
set -eu
corpora=${1:-../shared/corpora}
out=${2:-docs}
height=${HEIGHT:-1600}
go=${GO:-go}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "screenshots: no chromium (make browser-deps installs it)" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$go build -o "$tmp/topics" ./cmd/topics

# chrome ARGS...: headless Chromium, away from the network and the user's profile.
chrome() {
	profile=$(mktemp -d "$tmp/profile.XXXXXX")
	"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --hide-scrollbars "$@" 2>/dev/null
}

# height PAGE: the page's height in CSS pixels at 1280 px wide, read by a
# script added to a copy of it (the report itself has none).
page_height() {
	sed 's#</body>#<script>document.body.insertAdjacentHTML("beforeend", "<pre id=measured>" + document.documentElement.scrollHeight + "</pre>")</script></body>#' \
		"$1" >"$tmp/measure.html"
	chrome --window-size=1280,800 --dump-dom "file://$tmp/measure.html" |
		sed -n 's#.*<pre id="measured">\([0-9]*\)</pre>.*#\1#p'
}

shot() { # NAME BOUND ARGS...: the report of topics cluster ARGS, as $out/report-NAME.png
	name=$1
	bound=$2
	shift 2
	"$tmp/topics" cluster "$@" --format html -o "$tmp/$name.html" --quiet 2>/dev/null
	chrome --window-size=1280,"$height" --screenshot="$out/report-$name.png" "file://$tmp/$name.html" >/dev/null
	h=$(page_height "$tmp/$name.html")
	echo "report-$name.png: page $h px tall at 1280 px wide (bound $bound), $(wc -c <"$tmp/$name.html") bytes of HTML"
	if [ -z "$h" ] || [ "$h" -gt "$bound" ]; then
		echo "screenshots: the $name report is ${h:-of unknown height} px tall, over its bound of $bound px" >&2
		exit 1
	fi
}

shot sample 1500
shot bbc 3000 "$corpora/bbc.jsonl.gz" --k 5
shot 20ng 6000 "$corpora/20newsgroups.jsonl.gz" --k 20
