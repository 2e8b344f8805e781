package topics

import (
	"context"
	"math"
	"testing"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// With every shared term listed, the shares sum to 1.
func TestExplanationSharesSumToOne(t *testing.T) {
	docs, err := corpus.Read("testdata/bbc300.jsonl.gz", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs = docs[:60]
	cfg := DefaultConfig()
	cfg.Vectorize = vectorize.Options{StopWords: vectorize.StopWordsEnglish}
	m, err := FitVectors(context.Background(), docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	pairs := 0
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			p := m.explain(i, j, math.MaxInt, 0)
			if p.SharedTerms == 0 {
				continue
			}
			pairs++
			var sum float64
			for _, ts := range p.Terms {
				sum += ts.Share
			}
			if len(p.Terms) != p.SharedTerms || math.Abs(sum-1) > 1e-9 {
				t.Fatalf("%s ~ %s: %d of %d shared terms, shares sum to %v", p.A, p.B, len(p.Terms), p.SharedTerms, sum)
			}
		}
	}
	if pairs < 1000 {
		t.Errorf("only %d pairs share a term", pairs)
	}
}
