package cluster_test

import (
	"fmt"
	"testing"

	"github.com/topics-dev/topics/cluster"
)

// Benchmark inputs are overlapping blobs: noise of norm about 1.5 around unit
// centers, so that, as with LSA vectors of news articles, many rows are
// nearly as similar to a second centroid as to their own. The largest size
// is that of 20 Newsgroups (18,846 documents) reduced to 100 dimensions.
// SetBytes is the size of the input matrix.

func BenchmarkKMeans(b *testing.B) {
	for _, bc := range []struct{ n, d, k int }{
		{1000, 100, 8}, {5000, 100, 20}, {18846, 100, 20}, {18846, 100, 50},
	} {
		x, _ := blobs(1, bc.n, bc.d, bc.k, 0.15)
		b.Run(fmt.Sprintf("n=%d/d=%d/k=%d", bc.n, bc.d, bc.k), func(b *testing.B) {
			b.SetBytes(int64(bc.n * bc.d * 8))
			var iters int
			for b.Loop() {
				res, err := cluster.KMeans(x, cluster.KMeansOptions{K: bc.k, Rand: seeded(1)})
				if err != nil {
					b.Fatal(err)
				}
				iters = res.Iterations
			}
			b.ReportMetric(float64(iters), "iters")
		})
	}
}

func BenchmarkSilhouette(b *testing.B) {
	for _, n := range []int{500, 2000} {
		x, labels := blobs(2, n, 100, 20, 0.15)
		b.Run(fmt.Sprintf("n=%d/d=100", n), func(b *testing.B) {
			b.SetBytes(int64(n * 100 * 8))
			for b.Loop() {
				cluster.Silhouette(x, labels)
			}
		})
	}
}

func BenchmarkChooseK(b *testing.B) {
	x, _ := blobs(3, 5000, 100, 10, 0.15)
	b.Run("n=5000/d=100/k=2..20", func(b *testing.B) {
		b.SetBytes(5000 * 100 * 8)
		for b.Loop() {
			if _, _, err := cluster.ChooseK(x, cluster.ChooseKOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkKMeansMiniBatch compares, in one run, Lloyd's algorithm with ten
// restarts and mini-batch k-means (BatchSize 4096, then Lloyd's from its
// centroids) on 200,000 rows, k = 50; the objective of each is reported so
// the time saved can be weighed against what it costs.
func BenchmarkKMeansMiniBatch(b *testing.B) {
	const n, d, k = 200000, 100, 50
	x, _ := blobs(4, n, d, k, 0.15)
	for _, batch := range []int{0, 4096} {
		b.Run(fmt.Sprintf("n=%d/k=%d/batch=%d", n, k, batch), func(b *testing.B) {
			b.SetBytes(int64(n * d * 8))
			var obj float64
			for b.Loop() {
				res, err := cluster.KMeans(x, cluster.KMeansOptions{K: k, BatchSize: batch, Rand: seeded(1)})
				if err != nil {
					b.Fatal(err)
				}
				obj = res.Objective
			}
			b.ReportMetric(obj/n, "mean-cos")
		})
	}
}
