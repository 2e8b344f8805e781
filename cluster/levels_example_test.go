package cluster_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

func ExampleChooseLevels() {
	// 360 documents: 4 themes of 3 stories each (see twoLevel in the
	// tests), no number of clusters given.
	x, _, _ := twoLevel(1, 4, 3, 30, 30, 0.7, 0.1)
	lv, err := cluster.ChooseLevels(x, cluster.LevelOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("fine clusters:", lv.Fine.K, "coarse groups:", lv.CoarseK)
	fmt.Println("parent of each fine cluster:", lv.Parent)
	// Output:
	// fine clusters: 12 coarse groups: 4
	// parent of each fine cluster: [0 0 0 1 1 1 2 2 2 3 3 3]
}

func ExampleAgglomerate() {
	// Four clusters of one row each: two near the first axis, two near the
	// second.
	x := mat.NewDense(4, 2, []float64{
		1, 0.1,
		1, 0.2,
		0.1, 1,
		0.2, 1,
	})
	// (Costs and cosines as scipy's linkage(method="ward") gives them:
	// cost = distance²/2.)
	tree, err := cluster.Agglomerate(x, []int{0, 1, 2, 3}, 4, cluster.AgglomerateOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range tree.Merges {
		fmt.Printf("%d + %d: cost %.3f, cosine %.3f\n", m.A, m.B, m.Cost, m.Similarity)
	}
	fmt.Println("two groups:", tree.Cut(2))
	// Output:
	// 0 + 1: cost 0.005, cosine 0.995
	// 2 + 3: cost 0.005, cosine 0.995
	// 4 + 5: cost 1.411, cosine 0.293
	// two groups: [0 0 1 1]
}

func ExampleGroupContributions() {
	// Three headlines of one story over the terms gox, bankruptcy, files,
	// says (TF-IDF weights): what holds them together?
	terms := []string{"gox", "bankruptcy", "files", "says"}
	x := &csr{rows: 3, cols: 4,
		ind: [][]int32{{0, 1, 2}, {0, 1, 3}, {0, 2, 3}},
		val: [][]float64{{3, 2, 1}, {3, 2, 0.5}, {3, 1, 0.5}},
	}
	cohesion, parts := cluster.GroupContributions(x, []int{0, 1, 2}, 0)
	fmt.Printf("mean pairwise cosine %.2f\n", cohesion)
	for _, p := range parts {
		fmt.Printf("%-10s %.2f (%d of 3)\n", terms[p.Column], p.Share, p.Members)
	}
	// Output:
	// mean pairwise cosine 0.86
	// gox        0.85 (3 of 3)
	// bankruptcy 0.11 (2 of 3)
	// files      0.03 (2 of 3)
	// says       0.01 (2 of 3)
}
