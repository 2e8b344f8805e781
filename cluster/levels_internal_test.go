package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestSplitCoarse checks the split of LevelOptions.TopDown: the shares of
// the fine k follow the groups' losses, and by size when every row lies on
// its centroid (no loss to share), and the fine clusters lie inside the
// coarse groups.
func TestSplitCoarse(t *testing.T) {
	rows := func(n int, v ...float64) [][]float64 {
		out := make([][]float64, n)
		for i := range out {
			out[i] = v
		}
		return out
	}
	build := func(parts ...[][]float64) *mat.Dense {
		var data []float64
		n := 0
		for _, p := range parts {
			for _, r := range p {
				data = append(data, r...)
				n++
			}
		}
		return mat.NewDense(n, 3, data)
	}
	km := KMeansOptions{K: 4, Restarts: 2, Rand: rand.New(rand.NewPCG(1, 2))}
	// Group 0: 10 rows on one point (no loss); group 1: 10 rows spread over
	// four directions around the second axis. All 4 fine clusters go to
	// group 1.
	spread := [][]float64{{0.3, 1, 0}, {-0.3, 1, 0}, {0, 1, 0.3}, {0, 1, -0.3}}
	var g1 [][]float64
	for i := range 10 {
		g1 = append(g1, spread[i%4])
	}
	x := build(rows(10, 1, 0, 0), g1)
	coarse := slices.Repeat([]int{0}, 10)
	coarse = append(coarse, slices.Repeat([]int{1}, 10)...)
	all := make([]int, 20)
	for i := range all {
		all[i] = i
	}
	res, groups, err := splitCoarse(x, all, coarse, km)
	if err != nil {
		t.Fatal(err)
	}
	// max(1, round(4·0/loss)) = 1 cluster for group 0, round(4) = 4 for group 1.
	if res.K != 5 || len(groups) != 5 {
		t.Fatalf("%d fine clusters, groups %v; want 1 + 4", res.K, groups)
	}
	for i, l := range res.Labels {
		if (groups[l] == groups[res.Labels[0]]) != (i < 10) {
			t.Errorf("row %d: fine cluster %d in group %d, with row 0's group %d", i, l, groups[l], groups[res.Labels[0]])
		}
	}
	// Both groups on their centroids: shares by size, 4·10/40 → 1 and
	// 4·30/40 → 3 (capped at the one distinct row: 1).
	x = build(rows(10, 1, 0, 0), rows(30, 0, 1, 0))
	coarse = append(slices.Repeat([]int{0}, 10), slices.Repeat([]int{1}, 30)...)
	all = make([]int, 40)
	for i := range all {
		all[i] = i
	}
	res, _, err = splitCoarse(x, all, coarse, km)
	if err != nil {
		t.Fatal(err)
	}
	if res.K != 2 || res.Objective != 40 {
		t.Errorf("identical rows: %d fine clusters, objective %v; want 2 and 40", res.K, res.Objective)
	}
}
