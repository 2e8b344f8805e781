# Makefile for topics. `make test` is what CI runs (.ci/run); it needs only Go
# and installs the pinned staticcheck into ./.bin on first use.

GO          ?= go
BIN         := $(CURDIR)/.bin
STATICCHECK := $(BIN)/staticcheck
STATICCHECK_VERSION := v0.8.2
PYTHON      ?= /usr/bin/python3
CORPORA     ?= ../shared/corpora

.PHONY: all build test shared test-beam lint readme fmt-check vet staticcheck tidy-check unit race bench bench-compare bench-scale bench-themes golden testdata clean

all: build

build:
	$(GO) build ./...

## test: everything CI checks: formatting, vet, staticcheck, go.mod tidiness (both modules), the tests
## under the race detector (-short), those that read the shared corpora without it, and the Beam
## module's vet, staticcheck and tests (test-beam).
## The tests of the two modules run side by side (the Beam module's tests spend much of their time
## waiting on the Prism runner), each target's output printed when it ends.
test: browser-deps lint tidy-check
	@$(MAKE) --no-print-directory -j2 --output-sync=target race-shared test-beam

.PHONY: race-shared
race-shared: race
	@$(MAKE) --no-print-directory shared

## browser-deps: chromium and jq for the report tests (HTML in a headless browser, JSON through jq),
## installed with apt-get when missing; without them those tests skip.
.PHONY: browser-deps
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then \
		(apt-get update -qq && apt-get install -y -qq chromium jq) >/dev/null || \
		echo "browser-deps: could not install chromium and jq: the browser and jq tests will skip"; \
	fi

## lint: gofmt -s, go vet and staticcheck.
lint: fmt-check vet staticcheck

fmt-check:
	@out=$$(gofmt -s -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.bin/*')); \
	if [ -n "$$out" ]; then echo "gofmt -s would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

$(STATICCHECK):
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...

## tidy-check: go.mod and go.sum, of the root module and of the Beam module (beam/), must be what
## `go mod tidy` makes them.
tidy-check:
	@for dir in . beam; do \
		(cd $$dir && cp go.mod .go.mod.bak && cp go.sum .go.sum.bak && \
		if ! $(GO) mod tidy || ! cmp -s go.mod .go.mod.bak || ! cmp -s go.sum .go.sum.bak; then \
			echo "$$dir: go.mod/go.sum are not tidy: run 'go mod tidy' in $$dir"; \
			mv .go.mod.bak go.mod; mv .go.sum.bak go.sum; exit 1; fi; \
		rm -f .go.mod.bak .go.sum.bak) || exit 1; \
	done

unit:
	$(GO) test ./...

## race: every test with the race detector, except those that read the shared corpora (-short).
## -vet=off here and in shared and test-beam: `make lint` runs all of go vet already.
race:
	$(GO) test -race -short -vet=off ./...

## shared: the tests that read ../shared/corpora (named *Shared*; they skip without it), without
## the race detector: they are single-threaded readers and whole-corpus checks, 5-10x slower under it.
## Only the packages that have such a test are built (a test binary per package costs seconds).
shared:
	@pkgs=$$(grep -rl --include='*_test.go' '^func Test[A-Za-z0-9_]*Shared' . | grep -v '^./beam/' | \
		xargs -r -n1 dirname | sort -u | tr '\n' ' '); \
	if [ -n "$$pkgs" ]; then echo "$(GO) test -vet=off -run Shared $$pkgs"; $(GO) test -vet=off -run Shared $$pkgs; fi

## test-beam: the nested Beam module (beam/, its own go.mod): vet, staticcheck and its tests, which run
## the pipeline on the Prism runner against the root module's topics.Fit (the first run downloads
## and builds the Beam Go SDK: see README, "Beam").
test-beam: $(STATICCHECK)
	cd beam && $(GO) vet ./... && $(STATICCHECK) ./... && $(GO) test -vet=off ./...

## bench: run every Go benchmark once, briefly (keeps them compiling and running).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./...

## bench-compare: quality and speed against the scikit-learn reference pipeline on $(CORPORA); writes bench/results.md.
bench-compare:
	PYTHON=$(PYTHON) GO=$(GO) bash bench/compare.sh $(CORPORA)

## bench-quality: choosing k without k, two levels, tree cuts and related groups on $(CORPORA) (issue #14); updates bench/results.md.
.PHONY: bench-quality
bench-quality:
	bench/quality.sh $(CORPORA)

## bench-themes: label quality of the themes (NPMI, diversity, cluster purity, mail words) beside scikit-learn on $(CORPORA); writes its section of bench/results.md.
bench-themes:
	PYTHON=$(PYTHON) GO=$(GO) bash bench/themes.sh $(CORPORA)

## bench-scale: time cluster and duplicates at 10k, 100k and 1M generated documents (SIZES="..." to choose); writes bench/scale-results.md.
bench-scale:
	GO=$(GO) CORPORA=$(CORPORA) bash bench/scale.sh

## readme: rerun every command shown in README.md and put what it prints there (TestREADME checks it).
readme:
	$(GO) test ./internal/readme -run TestREADME -update

## golden: regenerate the scikit-learn goldens under testdata/golden (needs python3-sklearn).
golden:
	@$(PYTHON) -c 'import sklearn' 2>/dev/null || (apt-get update -qq && apt-get install -y -qq python3-sklearn)
	@for s in scripts/golden_*.py; do echo "$(PYTHON) $$s"; $(PYTHON) $$s || exit 1; done

## screenshots: docs/report-{sample,bbc,20ng}.png, the HTML report at 1280 px wide, from $(CORPORA) with
## headless Chromium; prints each page's height and fails if the 20 Newsgroups page exceeds 6000 px.
.PHONY: screenshots
screenshots: browser-deps
	GO=$(GO) sh scripts/screenshots.sh $(CORPORA) docs

## testdata: rebuild testdata/bbc300.jsonl.gz from the shared corpora.
testdata:
	python3 scripts/make_testdata.py $(CORPORA)/bbc.jsonl.gz

clean:
	rm -rf $(BIN)
