package report

import (
	"context"
	"flag"
	"path/filepath"
	"testing"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
	"github.com/topics-dev/topics/vectorize"
)

// update rewrites the golden files under testdata/golden instead of
// comparing with them: go test ./report -update.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// checkGolden compares got with testdata/golden/name (see -update).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.CheckGolden(t, filepath.Join("testdata", "golden", name), got, *update)
}

// englishConfig is DefaultConfig with scikit-learn's TF-IDF defaults and
// English stop words (the goldens' settings), and k clusters (0: chosen).
func englishConfig(k int) topics.Config {
	cfg := topics.DefaultConfig()
	cfg.K = k
	cfg.Vectorize = vectorize.Options{StopWords: vectorize.StopWordsEnglish}
	return cfg
}

// fitDocs fits docs with cfg.
func fitDocs(t testing.TB, docs []corpus.Document, cfg topics.Config) *topics.Model {
	t.Helper()
	m, err := topics.Fit(context.Background(), docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// buildOptions returns DefaultOptions naming the corpus.
func buildOptions(name string) Options {
	o := DefaultOptions()
	o.Corpus = name
	return o
}

// sampleReport clusters the built-in sample as the goldens were made.
func sampleReport(t *testing.T) *Report {
	t.Helper()
	return Build(fitDocs(t, testutil.SampleDocs(t), englishConfig(0)), buildOptions("built-in sample"))
}

// unclusteredReport is the sample plus a document with no terms, with k
// asked for, so that warnings and cluster -1 show.
func unclusteredReport(t *testing.T) *Report {
	t.Helper()
	docs := append(testutil.SampleDocs(t), corpus.Document{ID: "empty", Text: "a ! ?"})
	return Build(fitDocs(t, docs, englishConfig(3)), buildOptions("sample | with *markup*"))
}
