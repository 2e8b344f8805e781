package cluster_test

import (
	"fmt"
	"testing"

	"github.com/topics-dev/topics/cluster"
)

// BenchmarkNeighbors measures the blocked top-10 search on random
// 100-dimensional rows; report.BenchmarkNeighbors20NG runs it on real LSA
// vectors against the brute-force n×n product.
func BenchmarkNeighbors(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		x := randomDense(1, n, 100, nil, nil, 1)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.SetBytes(int64(n) * 100 * 8)
			for b.Loop() {
				if _, err := cluster.Neighbors(x, cluster.NeighborOptions{N: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNearDuplicates measures MinHash, banding and verification on
// synthetic shingle sets with edited copies.
func BenchmarkNearDuplicates(b *testing.B) {
	for _, bases := range []int{1000, 10000} {
		sets := editedSets(3, bases)
		var bytes int64
		for _, s := range sets {
			bytes += int64(len(s)) * 8
		}
		b.Run(fmt.Sprintf("sets=%d", len(sets)), func(b *testing.B) {
			b.SetBytes(bytes)
			for b.Loop() {
				if _, err := cluster.NearDuplicates(sets, cluster.DuplicateOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
