package topics_test

import (
	"context"
	"os"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// BenchmarkNeighbors20NG compares the blocked nearest-neighbour search
// (cluster.Neighbors, what `topics similarity --top 10` runs) with the
// brute-force way: the whole n×n product of the LSA vectors (gonum's Mul)
// followed by a top-10 selection per row. Both run on every core, on the
// 100-dimensional LSA vectors of all 18,846 20 Newsgroups documents; the
// brute-force product holds 18,846² float64s (2.8 GB).
func BenchmarkNeighbors20NG(b *testing.B) {
	const path = "../shared/corpora/20newsgroups.jsonl.gz"
	if _, err := os.Stat(path); err != nil {
		b.Skip("shared corpora not available")
	}
	docs, err := corpus.Read(path, corpus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m, err := topics.FitVectors(context.Background(), docs, vecConfig(vectorize.Options{StopWords: "english"}))
	if err != nil {
		b.Fatal(err)
	}
	const top = 10
	b.Run("blocked-top10", func(b *testing.B) {
		for b.Loop() {
			if _, err := cluster.Neighbors(m.Vectors, cluster.NeighborOptions{N: top}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bruteforce-nxn", func(b *testing.B) {
		for b.Loop() {
			bruteForceNeighbors(m.Vectors, top)
		}
	})
}

// bruteForceNeighbors materializes x·xᵀ and keeps each row's top n other
// non-zero rows (ties by index), by insertion into a sorted list of n.
func bruteForceNeighbors(x *mat.Dense, n int) [][]cluster.Neighbor {
	r, _ := x.Dims()
	var s mat.Dense
	s.Mul(x, x.T())
	nonZero := make([]bool, r)
	for i := range r {
		nonZero[i] = s.At(i, i) > 0
	}
	out := make([][]cluster.Neighbor, r)
	for i := range r {
		if !nonZero[i] {
			continue
		}
		best := make([]cluster.Neighbor, 0, n+1)
		for j, v := range s.RawRowView(i) {
			if j == i || !nonZero[j] || len(best) == n && v <= best[n-1].Similarity {
				continue
			}
			k := len(best)
			for k > 0 && v > best[k-1].Similarity {
				k--
			}
			best = slices.Insert(best, k, cluster.Neighbor{Index: j, Similarity: v})
			if len(best) > n {
				best = best[:n]
			}
		}
		out[i] = best
	}
	return out
}
