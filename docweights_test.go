package topics_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/internal/testutil"
)

// TestDocWeightsLength checks the length weights on bbc300: one per
// document, min(1, t/m)^DocWeightsPower with t the document's distinct
// terms and m their median (so half the documents weigh 1), and nil
// without them.
func TestDocWeightsLength(t *testing.T) {
	t.Parallel()
	docs := testutil.BBC300(t)
	cfg := config(5)
	cfg.KeyPhrases, cfg.Dims, cfg.Restarts = 0, 20, 1 // the weights are what is checked
	cfg.DocWeights = topics.DocWeightsNone
	if m := fit(t, docs, cfg); m.Weights != nil {
		t.Errorf("DocWeightsNone: %d weights, want nil", len(m.Weights))
	}
	cfg.DocWeights = topics.DocWeightsLength
	m := fit(t, docs, cfg)
	if len(m.Weights) != len(docs) {
		t.Fatalf("%d weights for %d documents", len(m.Weights), len(docs))
	}
	terms := make([]float64, len(docs))
	for i := range docs {
		terms[i] = float64(m.TFIDF.RowNNZ(i))
	}
	sorted := slices.Sorted(slices.Values(terms))
	med := (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2 // 300 documents, none empty
	ones := 0
	for i, w := range m.Weights {
		want := math.Pow(min(1, terms[i]/med), topics.DocWeightsPower)
		if math.Abs(w-want) > 1e-15 {
			t.Fatalf("document %d (%g terms, median %g): weight %v, want %v", i, terms[i], med, w, want)
		}
		if w == 1 {
			ones++
		}
	}
	if ones < len(docs)/2 {
		t.Errorf("%d documents weigh 1, want at least half of %d", ones, len(docs))
	}
}

// TestDocWeightsReachKMeans checks that every way Fit runs k-means uses
// the weights: with K, the clustering is cluster.KMeans with Model.Weights
// (and differs from the unweighted one), with FromTree the groups'
// centroids are weighted, and when k is chosen the fine level is weighted.
func TestDocWeightsReachKMeans(t *testing.T) {
	t.Parallel()
	docs := testutil.BBC300(t)
	cfg := config(8)
	cfg.KeyPhrases, cfg.Restarts, cfg.Dims = 0, 3, 20 // plumbing, not quality: small vectors
	cfg.DocWeights = topics.DocWeightsLength
	m := fit(t, docs, cfg)
	km, err := cluster.KMeans(m.Vectors, cluster.KMeansOptions{K: 8, Restarts: cfg.Restarts, MaxIter: cfg.MaxIter,
		Rand: randOf(cfg.Seed, 2), Weights: m.Weights, SeedUnweighted: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(km.Labels, m.Clusters.Labels) || km.Objective != m.Clusters.Objective {
		t.Errorf("K = 8: clusters differ from cluster.KMeans with Model.Weights")
	}
	none := cfg
	none.DocWeights = topics.DocWeightsNone
	if u := fit(t, docs, none); u.Clusters.Objective == m.Clusters.Objective {
		t.Errorf("K = 8: the same objective %v with and without weights", u.Clusters.Objective)
	}
	weightedObjective := func(m *topics.Model) float64 {
		var obj float64
		for i, s := range m.Clusters.Similarity {
			obj += m.Weights[i] * s
		}
		return obj
	}
	for _, c := range []struct {
		name string
		set  func(*topics.Config)
	}{
		{"FromTree", func(c *topics.Config) { c.K, c.FromTree = 4, true }},
		{"chosen k", func(c *topics.Config) { c.K = 0 }},
	} {
		cc := cfg
		c.set(&cc)
		m := fit(t, docs, cc)
		want, err := cluster.FromWeightedLabels(m.Vectors, m.Clusters.Labels, m.Weights)
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(m.Clusters.Objective - want.Objective); d > 1e-9*want.Objective || math.Abs(weightedObjective(m)-want.Objective) > 1e-9*want.Objective {
			t.Errorf("%s: objective %v, weighted objective of its labels %v", c.name, m.Clusters.Objective, want.Objective)
		}
	}
}

// TestEvaluateHonoursDocWeights checks that Evaluate clusters as Fit does
// with the same weights.
func TestEvaluateHonoursDocWeights(t *testing.T) {
	t.Parallel()
	docs := testutil.BBC300(t)
	cfg := config(5)
	cfg.KeyPhrases, cfg.Dims = 0, 20
	cfg.DocWeights = topics.DocWeightsLength
	ev, err := topics.Evaluate(context.Background(), docs, cfg, topics.EvalOptions{Seeds: 1})
	if err != nil {
		t.Fatal(err)
	}
	if m := fit(t, docs, cfg); !slices.Equal(ev.Runs[0].Clusters, m.Clusters.Labels) {
		t.Errorf("Evaluate's clusters differ from Fit's with DocWeightsLength")
	}
}

// randOf is the source Config.Seed gives a step of the pipeline (stream 2:
// k-means).
func randOf(seed, stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }
