package cluster_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// blobs returns n rows in d dimensions drawn around k random directions, with
// Gaussian noise of the given scale, and the generating cluster of each row.
func blobs(seed uint64, n, d, k int, noise float64) (*mat.Dense, []int) {
	rng := rand.New(rand.NewPCG(seed, 42))
	centers := make([][]float64, k)
	for c := range centers {
		centers[c] = make([]float64, d)
		for j := range centers[c] {
			centers[c][j] = rng.NormFloat64()
		}
		floats.Scale(1/floats.Norm(centers[c], 2), centers[c])
	}
	x := mat.NewDense(n, d, nil)
	truth := make([]int, n)
	for i := range n {
		c := i % k
		truth[i] = c
		for j := range d {
			x.Set(i, j, centers[c][j]+noise*rng.NormFloat64())
		}
	}
	return x, truth
}

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed)) }

// checkResult checks the invariants every Result must satisfy for input x.
func checkResult(t *testing.T, x *mat.Dense, res *cluster.Result) {
	t.Helper()
	r, d := x.Dims()
	if len(res.Labels) != r || len(res.Similarity) != r || len(res.Sizes) != res.K {
		t.Fatalf("lengths: %d labels, %d similarities for %d rows; %d sizes for K=%d",
			len(res.Labels), len(res.Similarity), r, len(res.Sizes), res.K)
	}
	if cr, cc := res.Centroids.Dims(); cr != res.K || cc != d {
		t.Fatalf("centroids are %d×%d, want %d×%d", cr, cc, res.K, d)
	}
	for c := range res.K {
		if norm := floats.Norm(res.Centroids.RawRowView(c), 2); math.Abs(norm-1) > 1e-12 {
			t.Errorf("centroid %d has norm %v", c, norm)
		}
	}
	sizes := make([]int, res.K)
	first := make([]int, res.K)
	for c := range first {
		first[c] = -1
	}
	var obj float64
	for i, l := range res.Labels {
		s := res.Similarity[i]
		if math.IsNaN(s) || s < -1 || s > 1 {
			t.Fatalf("row %d: similarity %v", i, s)
		}
		zero := floats.Norm(x.RawRowView(i), 2) == 0
		if l == -1 {
			if !zero || s != 0 {
				t.Errorf("row %d: label -1, zero row %v, similarity %v", i, zero, s)
			}
			continue
		}
		if l < 0 || l >= res.K || zero {
			t.Fatalf("row %d: label %d (K=%d), zero row %v", i, l, res.K, zero)
		}
		sizes[l]++
		if first[l] < 0 {
			first[l] = i
		}
		want := cluster.Cosine(x.RawRowView(i), res.Centroids.RawRowView(l))
		if math.Abs(s-want) > 1e-12 {
			t.Errorf("row %d: similarity %v, cosine to its centroid %v", i, s, want)
		}
		obj += s
	}
	if !slices.Equal(sizes, res.Sizes) {
		t.Errorf("Sizes %v, counted %v", res.Sizes, sizes)
	}
	for c := range res.K {
		if sizes[c] == 0 || c > 0 && (sizes[c] > sizes[c-1] || sizes[c] == sizes[c-1] && first[c] < first[c-1]) {
			t.Errorf("clusters not numbered by size then first row: sizes %v, first rows %v", sizes, first)
			break
		}
	}
	if math.Abs(obj-res.Objective) > 1e-9*max(1, obj) {
		t.Errorf("Objective %v, sum of similarities %v", res.Objective, obj)
	}
	if math.IsNaN(res.Objective) {
		t.Errorf("Objective is NaN")
	}
	if len(res.History) != res.Iterations || res.Iterations < 1 {
		t.Errorf("%d history entries for %d iterations", len(res.History), res.Iterations)
	}
	for i := 1; i < len(res.History); i++ {
		if res.History[i] < res.History[i-1]-1e-9*math.Abs(res.History[i-1]) {
			t.Errorf("objective decreased at iteration %d: %v", i+1, res.History)
			break
		}
	}
	if last := res.History[len(res.History)-1]; res.Objective < last-1e-9*math.Abs(last) {
		t.Errorf("Objective %v below the last iteration's %v", res.Objective, last)
	}
}

// sameResult reports whether a and b are identical bit for bit.
func sameResult(a, b *cluster.Result) bool {
	bits := func(s []float64) []uint64 {
		out := make([]uint64, len(s))
		for i, v := range s {
			out[i] = math.Float64bits(v)
		}
		return out
	}
	return a.K == b.K && a.Iterations == b.Iterations &&
		math.Float64bits(a.Objective) == math.Float64bits(b.Objective) &&
		slices.Equal(a.Labels, b.Labels) && slices.Equal(a.Sizes, b.Sizes) &&
		slices.Equal(bits(a.Similarity), bits(b.Similarity)) &&
		slices.Equal(bits(a.History), bits(b.History)) &&
		slices.Equal(bits(a.Centroids.RawMatrix().Data), bits(b.Centroids.RawMatrix().Data))
}

// checkRecovers checks that labels hold k clusters, each exactly one of the
// generating clusters of truth.
func checkRecovers(t *testing.T, labels, truth []int, k int) {
	t.Helper()
	match := map[int]int{}
	for i, l := range labels {
		if m, ok := match[l]; ok && m != truth[i] {
			t.Fatalf("cluster %d mixes generating clusters %d and %d", l, m, truth[i])
		}
		match[l] = truth[i]
	}
	if len(match) != k {
		t.Errorf("found %d clusters, want %d", len(match), k)
	}
}
