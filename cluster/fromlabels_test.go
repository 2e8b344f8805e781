package cluster

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestFromLabels(t *testing.T) {
	x := mat.NewDense(6, 2, []float64{
		1, 0, // group 7
		0, 2, // group 3
		0, 1, // group 3
		0, 0, // a zero row
		1, 1, // group 3
		2, 0, // group 7
	})
	res, err := FromLabels(x, []int{7, 3, 3, 7, 3, 7})
	if err != nil {
		t.Fatal(err)
	}
	// Group 3 has 3 rows, group 7 two (the zero row is in none): 3 → 0, 7 → 1.
	if res.K != 2 || !slices.Equal(res.Labels, []int{1, 0, 0, -1, 0, 1}) || !slices.Equal(res.Sizes, []int{3, 2}) {
		t.Fatalf("k %d, labels %v, sizes %v", res.K, res.Labels, res.Sizes)
	}
	// Cluster 1 is (1,0) twice: centroid (1,0), similarities 1.
	if c := res.Centroids.RawRowView(1); c[0] != 1 || c[1] != 0 || res.Similarity[0] != 1 || res.Similarity[5] != 1 {
		t.Errorf("cluster 1 centroid %v, similarities %v", c, res.Similarity)
	}
	// Cluster 0 sums (0,1)+(0,1)+(1,1)/√2.
	s := 1 / math.Sqrt2
	want := []float64{s, 2 + s}
	norm := math.Hypot(want[0], want[1])
	if c := res.Centroids.RawRowView(0); math.Abs(c[0]-want[0]/norm) > 1e-15 || math.Abs(c[1]-want[1]/norm) > 1e-15 {
		t.Errorf("cluster 0 centroid %v, want %v", c, []float64{want[0] / norm, want[1] / norm})
	}
	var obj float64
	for _, v := range res.Similarity {
		obj += v
	}
	if math.Abs(obj-res.Objective) > 1e-12 || res.Similarity[3] != 0 {
		t.Errorf("objective %g, similarities %v", res.Objective, res.Similarity)
	}
	if _, err := FromLabels(x, []int{1}); err == nil {
		t.Error("labels of the wrong length give no error")
	}
}
