package cluster_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

func ExampleCosineMatrix() {
	// Four documents over three terms; the third is empty.
	x := mat.NewDense(4, 3, []float64{
		1, 1, 0,
		2, 2, 0,
		0, 0, 0,
		0, 1, 1,
	})
	s, err := cluster.CosineMatrix(x)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f\n", mat.Formatted(s))
	// Output:
	// ⎡1.00  1.00  0.00  0.50⎤
	// ⎢1.00  1.00  0.00  0.50⎥
	// ⎢0.00  0.00  0.00  0.00⎥
	// ⎣0.50  0.50  0.00  1.00⎦
}

func ExampleSparseCosineMatrix() {
	// The same documents as rows of a sparse matrix (csr stands for any
	// implementation, such as *vectorize.Sparse).
	x := &csr{rows: 3, cols: 3,
		ind: [][]int32{{0, 1}, {}, {1, 2}},
		val: [][]float64{{1, 1}, {}, {1, 1}},
	}
	s, err := cluster.SparseCosineMatrix(x)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f\n", mat.Formatted(s))
	// Output:
	// ⎡1.00  0.00  0.50⎤
	// ⎢0.00  0.00  0.00⎥
	// ⎣0.50  0.00  1.00⎦
}

func ExampleNeighbors() {
	x := mat.NewDense(4, 2, []float64{
		1, 0,
		1, 0.1,
		0, 1,
		0.1, 1,
	})
	lists, err := cluster.Neighbors(x, cluster.NeighborOptions{N: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, l := range lists {
		fmt.Printf("%d:", i)
		for _, nb := range l {
			fmt.Printf(" %d (%.3f)", nb.Index, nb.Similarity)
		}
		fmt.Println()
	}
	// Output:
	// 0: 1 (0.995) 3 (0.100)
	// 1: 0 (0.995) 3 (0.198)
	// 2: 3 (0.995) 1 (0.100)
	// 3: 2 (0.995) 1 (0.198)
}

func ExampleNearDuplicates() {
	// Sets of shingle hashes (vectorize.Shingles makes them from text).
	sets := [][]uint64{
		{1, 2, 3, 4, 5, 6, 7, 8},
		{1, 2, 3, 4, 5, 6, 7, 9}, // one shingle changed: Jaccard 7/9
		{10, 11, 12},
		{1, 2, 3, 4, 5, 6, 7, 8}, // a copy of the first
	}
	dup, err := cluster.NearDuplicates(sets, cluster.DuplicateOptions{Threshold: 0.7})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d bands × %d rows\n", dup.Bands, dup.Rows)
	for _, p := range dup.Pairs {
		fmt.Printf("%d ~ %d: %.3f\n", p.A, p.B, p.Similarity)
	}
	labels, _ := cluster.Components(len(sets), dup.Pairs)
	fmt.Println("sets:", labels)
	// Output:
	// 32 bands × 4 rows
	// 0 ~ 1: 0.778
	// 0 ~ 3: 1.000
	// 1 ~ 3: 0.778
	// sets: [0 0 1 0]
}

func ExampleLSHBanding() {
	for _, t := range []float64{0.5, 0.8} {
		b, r := cluster.LSHBanding(t, 128)
		fmt.Printf("threshold %.1f: %d bands × %d rows; candidate probability at 0.3 %.3f, at %.1f %.4f, at 0.9 %.6f\n",
			t, b, r, cluster.LSHProbability(0.3, b, r), t, cluster.LSHProbability(t, b, r), cluster.LSHProbability(0.9, b, r))
	}
	// Output:
	// threshold 0.5: 42 bands × 3 rows; candidate probability at 0.3 0.683, at 0.5 0.9963, at 0.9 1.000000
	// threshold 0.8: 21 bands × 6 rows; candidate probability at 0.3 0.015, at 0.8 0.9983, at 0.9 1.000000
}

func ExampleRelatedGroups() {
	// Two stories told in different words (directions), and an unrelated report.
	x := mat.NewDense(5, 3, []float64{
		1, 0.1, 0,
		1, 0.2, 0,
		0.1, 1, 0,
		0, 1, 0.1,
		0, 0, 1,
	})
	g, err := cluster.RelatedGroups(x, cluster.RelatedOptions{Threshold: 0.9})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("labels:", g.Labels)
	fmt.Println("sizes:", g.Sizes)
	// Output:
	// labels: [0 0 1 1 2]
	// sizes: [2 2 1]
}

func ExampleContributions() {
	// Two TF-IDF rows over terms 0..3: they share terms 1 and 3.
	cos, parts := cluster.Contributions(
		[]int32{0, 1, 3}, []float64{0.5, 0.5, 0.7071},
		[]int32{1, 2, 3}, []float64{0.6, 0.6, 0.5292},
	)
	fmt.Printf("cosine %.3f\n", cos)
	for _, p := range parts {
		fmt.Printf("term %d: %.1f%%\n", p.Column, 100*p.Share)
	}
	// Output:
	// cosine 0.674
	// term 3: 55.5%
	// term 1: 44.5%
}

func ExampleJaccard() {
	fmt.Println(cluster.Jaccard([]uint64{1, 2, 3}, []uint64{2, 3, 4}))
	// Output: 0.5
}

func ExampleNearDuplicatesFunc() {
	// Texts stand in for a corpus too large to hold every shingle set: each
	// set is built when it is needed (vectorize.AppendShingles in practice).
	texts := [][]uint64{
		{1, 2, 3, 4, 5, 6, 7, 8},
		{10, 11, 12},
		{1, 2, 3, 4, 5, 6, 7, 9},
	}
	set := func(i int, dst []uint64) []uint64 { return append(dst, texts[i]...) }
	dup, err := cluster.NearDuplicatesFunc(len(texts), set, cluster.DuplicateOptions{Threshold: 0.7})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range dup.Pairs {
		fmt.Printf("%d ~ %d: %.3f\n", p.A, p.B, p.Similarity)
	}
	// Output:
	// 0 ~ 2: 0.778
}
