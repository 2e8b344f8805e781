package cluster_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// ExampleLloydSums runs spherical k-means in passes over two blocks of
// rows, as a distributed job would: seeds from a sample, then assignment
// sums per block, merged, and an update step between passes.
func ExampleLloydSums() {
	x := mat.NewDense(6, 2, []float64{
		1, 0.1, 0.9, 0.2, 1, -0.1, // three rows near (1, 0)
		0.1, 1, -0.1, 0.9, 0.2, 1, // three near (0, 1)
	})
	blocks := []*mat.Dense{x.Slice(0, 3, 0, 2).(*mat.Dense), x.Slice(3, 6, 0, 2).(*mat.Dense)}
	source := cluster.RestartSources(rand.New(rand.NewPCG(1, 2)), 1)[0]
	cent, err := cluster.SeedPlusPlus(x, 2, source) // on a sample, on one machine
	if err != nil {
		panic(err)
	}
	for pass := 1; ; pass++ {
		sums := cluster.NewLloydSums(2, 2)
		for _, b := range blocks { // on many machines, then merged
			part := cluster.NewLloydSums(2, 2)
			if err := part.Add(b, cent); err != nil {
				panic(err)
			}
			sums.Merge(part)
		}
		next, _ := sums.Centroids(cent) // on one machine, between passes
		if mat.Equal(next, cent) {
			fmt.Printf("converged after %d passes: sizes %v, objective %.4f\n", pass, sums.Size, sums.MovedObjective())
			break
		}
		cent = next
	}
	// Output:
	// converged after 2 passes: sizes [3 3], objective 5.9495
}
