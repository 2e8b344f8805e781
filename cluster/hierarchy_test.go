package cluster_test

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// TestAgglomerateWardGolden checks the tree of 60 singleton clusters against
// scipy's linkage(method="ward") (scripts/golden_hierarchy.py): the same
// merges in the same order, and Cost = distance²/2.
func TestAgglomerateWardGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "cluster", "ward.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		X      [][]float64 `json:"X"`
		Merges []struct {
			A, B     int
			Distance float64
			Size     int
		} `json:"merges"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	n := len(g.X)
	x := mat.NewDense(n, len(g.X[0]), nil)
	labels := make([]int, n)
	for i, row := range g.X {
		x.SetRow(i, row)
		labels[i] = i
	}
	tree, err := cluster.Agglomerate(x, labels, n, cluster.AgglomerateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tree.Leaves != n || len(tree.Merges) != n-1 || len(tree.Sizes) != 2*n-1 {
		t.Fatalf("tree of %d leaves, %d merges, %d sizes", tree.Leaves, len(tree.Merges), len(tree.Sizes))
	}
	for m, want := range g.Merges {
		got := tree.Merges[m]
		if got.A != want.A || got.B != want.B || tree.Sizes[n+m] != want.Size {
			t.Fatalf("merge %d: %d+%d (size %d), scipy %d+%d (size %d)", m, got.A, got.B, tree.Sizes[n+m], want.A, want.B, want.Size)
		}
		if wc := want.Distance * want.Distance / 2; !scalar.EqualWithinAbsOrRel(got.Cost, wc, 1e-12, 1e-9) {
			t.Errorf("merge %d: cost %v, scipy distance²/2 = %v", m, got.Cost, wc)
		}
		if got.Similarity < -1 || got.Similarity > 1 {
			t.Errorf("merge %d: similarity %v outside [-1, 1]", m, got.Similarity)
		}
	}
}

// planted returns 8 clusters of 5 rows in 4 dimensions: clusters 2p and 2p+1
// lie around two nearby directions of the plane of axes p and p+1 (mod 4),
// so Ward must join the pairs first.
func planted() (*mat.Dense, []int) {
	x := mat.NewDense(40, 4, nil)
	labels := make([]int, 40)
	for c := range 8 {
		p := c / 2
		angle := 0.15 * float64(c%2) // the two clusters of a pair, 0.15 rad apart
		for r := range 5 {
			i := 5*c + r
			labels[i] = c
			jitter := 0.01 * float64(r-2)
			x.Set(i, p, math.Cos(angle+jitter))
			x.Set(i, (p+1)%4, math.Sin(angle+jitter))
		}
	}
	return x, labels
}

func TestAgglomeratePlantedPairs(t *testing.T) {
	x, labels := planted()
	tree, err := cluster.Agglomerate(x, labels, 8, cluster.AgglomerateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The first four merges join the pairs, so the cut at 4 groups is the
	// pairs (all of size 10: numbered by their smallest leaf).
	for m := range 4 {
		mg := tree.Merges[m]
		if mg.A%2 != 0 || mg.B != mg.A+1 {
			t.Errorf("merge %d joins %d and %d, want a planted pair", m, mg.A, mg.B)
		}
		if mg.Similarity < 0.98 {
			t.Errorf("merge %d: centroid cosine %v of a pair 0.15 rad apart", m, mg.Similarity)
		}
	}
	if got, want := tree.Cut(4), []int{0, 0, 1, 1, 2, 2, 3, 3}; !slices.Equal(got, want) {
		t.Errorf("Cut(4) = %v, want %v", got, want)
	}
	if got := tree.Cut(8); !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6, 7}) {
		t.Errorf("Cut(8) = %v, want every leaf alone", got)
	}
	if got := tree.Cut(1); !slices.Equal(got, make([]int, 8)) {
		t.Errorf("Cut(1) = %v, want one group", got)
	}
	if got, want := tree.Cut(0), tree.Cut(1); !slices.Equal(got, want) {
		t.Errorf("Cut(0) = %v, want Cut(1) = %v", got, want)
	}
	// Costs of merges inside pairs are below those between pairs, and the
	// root holds every row.
	for m := 4; m < 7; m++ {
		if tree.Merges[m].Cost <= tree.Merges[3].Cost {
			t.Errorf("merge %d costs %v, no more than a pair merge (%v)", m, tree.Merges[m].Cost, tree.Merges[3].Cost)
		}
	}
	if root := tree.Sizes[len(tree.Sizes)-1]; root != 40 {
		t.Errorf("root holds %d rows, want 40", root)
	}
}

// TestAgglomerateCost checks Ward's cost by hand: two single unit rows e1 and
// e2 cost 1·1/2·‖e1-e2‖² = 1, with centroid cosine 0.
func TestAgglomerateCost(t *testing.T) {
	x := mat.NewDense(3, 2, []float64{2, 0, 0, 3, 0, 0}) // rows need not be unit; zero rows are ignored
	tree, err := cluster.Agglomerate(x, []int{0, 1, -1}, 2, cluster.AgglomerateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m := tree.Merges[0]; m.A != 0 || m.B != 1 || math.Abs(m.Cost-1) > 1e-15 || m.Similarity != 0 {
		t.Errorf("merge %+v, want 0+1 at cost 1, similarity 0", m)
	}
	if !slices.Equal(tree.Sizes, []int{1, 1, 2}) {
		t.Errorf("sizes %v, want [1 1 2]", tree.Sizes)
	}
}

// TestAgglomerateGroups forces groups that cut across Ward's pairs: leaves
// merge within their group first, so Cut(number of groups) is the groups.
func TestAgglomerateGroups(t *testing.T) {
	x, labels := planted()
	groups := []int{5, 9, 5, 9, 7, 7, 5, 9} // ids need not be dense
	tree, err := cluster.Agglomerate(x, labels, 8, cluster.AgglomerateOptions{Groups: groups})
	if err != nil {
		t.Fatal(err)
	}
	// Groups by size: 5 and 9 hold 15 rows (5 first: smallest leaf 0), 7 holds 10.
	if got, want := tree.Cut(3), []int{0, 1, 0, 1, 2, 2, 0, 1}; !slices.Equal(got, want) {
		t.Errorf("Cut(3) = %v, want %v", got, want)
	}
	for m := range 5 {
		mg := tree.Merges[m]
		ga, gb := groupOf(tree, groups, mg.A), groupOf(tree, groups, mg.B)
		if ga != gb {
			t.Errorf("merge %d joins groups %d and %d before the groups are whole", m, ga, gb)
		}
	}
}

// groupOf returns the group of any leaf under node (leaves' groups agree
// under a within-group merge).
func groupOf(tree *cluster.Tree, groups []int, node int) int {
	for node >= tree.Leaves {
		node = tree.Merges[node-tree.Leaves].A
	}
	return groups[node]
}

func TestAgglomerateErrors(t *testing.T) {
	x, labels := planted()
	nan := mat.DenseCopyOf(x)
	nan.Set(3, 1, math.NaN())
	tests := []struct {
		name   string
		x      *mat.Dense
		labels []int
		k      int
		opt    cluster.AgglomerateOptions
		want   error
		msg    string
	}{
		{"short labels", x, labels[:10], 8, cluster.AgglomerateOptions{}, cluster.ErrInvalidOption, "10 labels for 40 rows"},
		{"label out of range", x, labels, 4, cluster.AgglomerateOptions{}, cluster.ErrInvalidOption, "outside [0, 4)"},
		{"empty cluster", x, labels, 9, cluster.AgglomerateOptions{}, cluster.ErrInvalidOption, "cluster 8 has no non-zero row"},
		{"no clusters", x, labels, 0, cluster.AgglomerateOptions{}, cluster.ErrInvalidOption, "0 clusters"},
		{"groups length", x, labels, 8, cluster.AgglomerateOptions{Groups: []int{1}}, cluster.ErrInvalidOption, "1 groups for 8 leaves"},
		{"negative group", x, labels, 8, cluster.AgglomerateOptions{Groups: []int{0, 0, 0, -1, 0, 0, 0, 0}}, cluster.ErrInvalidOption, "leaf 3 has group -1"},
		{"NaN", nan, labels, 8, cluster.AgglomerateOptions{}, cluster.ErrNotFinite, "row 3"},
	}
	for _, tt := range tests {
		tree, err := cluster.Agglomerate(tt.x, tt.labels, tt.k, tt.opt)
		if tree != nil || !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), "cluster: ") || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: Agglomerate = %v, %v; want error %v containing %q", tt.name, tree, err, tt.want, tt.msg)
		}
	}
}
