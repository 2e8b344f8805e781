package cluster_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// docs are six documents over three terms: two about the first two terms,
// three about the last one, and an empty document.
var docs = mat.NewDense(6, 3, []float64{
	3, 1, 0,
	0, 0, 2,
	2, 2, 0,
	0, 0, 0, // empty
	0, 1, 4,
	1, 0, 5,
})

func ExampleKMeans() {
	res, err := cluster.KMeans(docs, cluster.KMeansOptions{K: 2, Rand: rand.New(rand.NewPCG(1, 2))})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("K:", res.K)
	fmt.Println("labels:", res.Labels)
	fmt.Println("sizes:", res.Sizes)
	fmt.Printf("similarity: %.3f\n", res.Similarity)
	fmt.Printf("objective: %.3f\n", res.Objective)
	fmt.Printf("centroid 0: %.3f\n", res.Centroids.RawRowView(0))
	// Output:
	// K: 2
	// labels: [1 0 1 -1 0 0]
	// sizes: [3 2]
	// similarity: [0.973 0.994 0.973 0.000 0.985 0.988]
	// objective: 4.914
	// centroid 0: [0.066 0.082 0.994]
}

// K is capped at the number of distinct non-zero rows.
func ExampleKMeans_capped() {
	x := mat.NewDense(3, 2, []float64{1, 1, 2, 2, 0, 1})
	res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("asked for 5 clusters, got %d: %v\n", res.K, res.Labels)

	_, err = cluster.KMeans(mat.NewDense(2, 2, nil), cluster.KMeansOptions{K: 2})
	fmt.Println(err)
	// Output:
	// asked for 5 clusters, got 2: [0 0 1]
	// cluster: no non-zero rows: all 2 rows are zero
}

// The values agree with scikit-learn's silhouette_score(X, labels,
// metric="cosine") on the non-empty rows.
func ExampleSilhouette() {
	// Rows labeled -1 (the empty document) are ignored.
	fmt.Printf("%.4f\n", cluster.Silhouette(docs, []int{1, 0, 1, -1, 0, 0}))
	fmt.Printf("%.4f\n", cluster.Silhouette(docs, []int{0, 0, 1, -1, 1, 0}))
	// Output:
	// 0.9313
	// -0.2288
}

func ExampleSilhouetteSample() {
	x := mat.NewDense(8, 2, []float64{1, 0, 1, 0.1, 0.9, 0.2, 1, -0.1, 0, 1, 0.1, 1, -0.1, 1, 0.2, 0.9})
	labels := []int{0, 0, 0, 0, 1, 1, 1, 1}
	fmt.Printf("all rows: %.4f\n", cluster.Silhouette(x, labels))
	fmt.Printf("4 rows:   %.4f\n", cluster.SilhouetteSample(x, labels, 4, rand.New(rand.NewPCG(1, 1))))
	// Output:
	// all rows: 0.9787
	// 4 rows:   0.7365
}

func ExampleChooseK() {
	// Three groups of four rows around the axes of a 3-dimensional space.
	x := mat.NewDense(12, 3, nil)
	for i := range 12 {
		row := []float64{0.1 * float64(i%4), 0.1 * float64((i+1)%4), 0.1 * float64((i+2)%4)}
		row[i/4] += 1
		x.SetRow(i, row)
	}
	k, scores, err := cluster.ChooseK(x, cluster.ChooseKOptions{MaxK: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range scores {
		fmt.Printf("k=%d silhouette=%.3f objective=%.3f\n", s.K, s.Silhouette, s.Objective)
	}
	fmt.Println("chosen:", k)
	// Output:
	// k=2 silhouette=0.594 objective=10.295
	// k=3 silhouette=0.960 objective=11.881
	// k=4 silhouette=0.875 objective=11.910
	// k=5 silhouette=0.674 objective=11.933
	// chosen: 3
}

func ExampleNormalizeRows() {
	u := cluster.NormalizeRows(mat.NewDense(2, 2, []float64{3, 4, 0, 0}))
	fmt.Println(mat.Formatted(u))
	// Output:
	// ⎡0.6  0.8⎤
	// ⎣  0    0⎦
}

func ExampleCosine() {
	fmt.Printf("%.4f\n", cluster.Cosine([]float64{1, 2, 0}, []float64{2, 4, 0}))
	fmt.Printf("%.4f\n", cluster.Cosine([]float64{1, 0}, []float64{1, 1}))
	fmt.Printf("%.4f\n", cluster.Cosine([]float64{1, 0}, []float64{0, 0}))
	// Output:
	// 1.0000
	// 0.7071
	// 0.0000
}

// With BatchSize, k-means restarts on a sample, refines the centroids with
// mini-batches and finishes with Lloyd's algorithm on every row: for very
// large inputs, where ten full Lloyd runs are too slow.
func ExampleKMeans_miniBatch() {
	// 30,000 rows around three directions.
	rng := rand.New(rand.NewPCG(7, 7))
	x := mat.NewDense(30000, 3, nil)
	for i := range 30000 {
		row := x.RawRowView(i)
		row[i%3] = 1
		for j := range row {
			row[j] += 0.2 * rng.Float64()
		}
	}
	res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 3, BatchSize: 1024, Rand: rand.New(rand.NewPCG(1, 2))})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("sizes:", res.Sizes)
	fmt.Println("labels of rows 0-5:", res.Labels[:6])
	fmt.Println("mini-batch steps taken:", res.BatchSteps > 0)
	// Output:
	// sizes: [10000 10000 10000]
	// labels of rows 0-5: [0 1 2 0 1 2]
	// mini-batch steps taken: true
}
