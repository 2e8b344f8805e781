package vectorize

import (
	"errors"
	"slices"
	"testing"
)

// TestAnalyzerMatchesVectorizer checks that Analyzer gives the terms that a
// fitted Vectorizer's Analyze gives for the same options, and that invalid
// options are refused as by Fit.
func TestAnalyzerMatchesVectorizer(t *testing.T) {
	texts := []string{"Supply routes, supply ROUTE: reopened!", "Ελλάδα και σύνορα", "a b c don't"}
	for _, opt := range []Options{{}, {StopWords: StopWordsEnglish}, {Stem: true, NGramMax: 2}, {KeepCase: true}} {
		analyze, err := Analyzer(opt)
		if err != nil {
			t.Fatalf("Analyzer(%+v): %v", opt, err)
		}
		v, err := Fit(texts, opt)
		if err != nil {
			t.Fatalf("Fit(%+v): %v", opt, err)
		}
		for _, text := range texts {
			if got, want := analyze(text), v.Analyze(text); !slices.Equal(got, want) {
				t.Errorf("options %+v, %q: Analyzer gives %q, Vectorizer.Analyze %q", opt, text, got, want)
			}
		}
	}
	if _, err := Analyzer(Options{StopWords: "klingon"}); !errors.Is(err, ErrOptions) {
		t.Errorf("Analyzer with unknown stop words: error %v, want one wrapping ErrOptions", err)
	}
}
