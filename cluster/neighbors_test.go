package cluster_test

import (
	"cmp"
	"errors"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// bruteNeighbors ranks, for every non-empty row, all other non-empty rows of
// the full similarity matrix s and keeps the first n: the definition that
// Neighbors must meet.
func bruteNeighbors(s *mat.SymDense, empty []int, n int) [][]cluster.Neighbor {
	r := s.SymmetricDim()
	out := make([][]cluster.Neighbor, r)
	for i := range r {
		if slices.Contains(empty, i) {
			continue
		}
		var all []cluster.Neighbor
		for j := range r {
			if j != i && !slices.Contains(empty, j) {
				all = append(all, cluster.Neighbor{Index: j, Similarity: s.At(i, j)})
			}
		}
		slices.SortFunc(all, func(a, b cluster.Neighbor) int {
			return cmp.Or(cmp.Compare(b.Similarity, a.Similarity), cmp.Compare(a.Index, b.Index))
		})
		if len(all) > 0 {
			out[i] = all[:min(n, len(all))]
		}
	}
	return out
}

func sameNeighbors(t *testing.T, got, want [][]cluster.Neighbor) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d lists, want %d", len(got), len(want))
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Fatalf("row %d:\n got %v\nwant %v", i, got[i], want[i])
		}
	}
}

func TestNeighborsMatchBruteForce(t *testing.T) {
	cases := []struct {
		name    string
		rows, n int
		density float64 // of the sparse matrix; low values leave rows with no overlap
		empty   []int
		dup     [][2]int
		workers int
	}{
		{"single row", 1, 3, 0.2, nil, nil, 0},
		{"n above rows", 6, 10, 0.2, []int{2}, nil, 0},
		{"ties broken by index", 40, 5, 0.15, []int{0}, [][2]int{{3, 10}, {3, 20}, {3, 30}, {4, 5}}, 1},
		{"several tiles", 300, 7, 0.1, []int{128, 255}, [][2]int{{1, 299}}, 3},
		{"sparse rows sharing little", 200, 12, 0.01, []int{9}, nil, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := randomDense(uint64(c.rows)+11, c.rows, 8, c.empty, c.dup, 1) // exact copies: ties
			s, err := cluster.CosineMatrix(x)
			if err != nil {
				t.Fatal(err)
			}
			got, err := cluster.Neighbors(x, cluster.NeighborOptions{N: c.n, Workers: c.workers})
			if err != nil {
				t.Fatal(err)
			}
			want := bruteNeighbors(s, c.empty, c.n)
			sameNeighbors(t, got, want)
			for _, d := range c.dup { // copies tie: the lower index comes first
				for i, l := range want {
					p, q := slices.IndexFunc(l, func(nb cluster.Neighbor) bool { return nb.Index == d[0] }),
						slices.IndexFunc(l, func(nb cluster.Neighbor) bool { return nb.Index == d[1] })
					if i != d[0] && i != d[1] && q >= 0 && (p < 0 || p > q) {
						t.Fatalf("row %d lists copy %d before %d: %v", i, d[1], d[0], l)
					}
				}
			}

			sp := randomSparse(uint64(c.rows)+11, c.rows, 80, c.density, c.empty, c.dup)
			ss, err := cluster.SparseCosineMatrix(sp)
			if err != nil {
				t.Fatal(err)
			}
			gotSp, err := cluster.SparseNeighbors(sp, cluster.NeighborOptions{N: c.n, Workers: c.workers})
			if err != nil {
				t.Fatal(err)
			}
			sameNeighbors(t, gotSp, bruteNeighbors(ss, c.empty, c.n))
		})
	}
}

func TestNeighborsWorkersIndependent(t *testing.T) {
	x := randomDense(5, 500, 16, []int{100}, [][2]int{{1, 2}}, 1)
	sp := randomSparse(5, 500, 100, 0.05, []int{100}, nil)
	var dense, sparse [][][]cluster.Neighbor
	for _, w := range []int{1, 2, 5} {
		d, err := cluster.Neighbors(x, cluster.NeighborOptions{N: 4, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		s, err := cluster.SparseNeighbors(sp, cluster.NeighborOptions{N: 4, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		dense, sparse = append(dense, d), append(sparse, s)
	}
	for k := 1; k < len(dense); k++ {
		sameNeighbors(t, dense[k], dense[0])
		sameNeighbors(t, sparse[k], sparse[0])
	}
}

func TestNeighborsErrors(t *testing.T) {
	x := mat.NewDense(2, 2, []float64{1, 0, 0, 1})
	for _, opt := range []cluster.NeighborOptions{{N: 0}, {N: -1}, {N: 1, Workers: -1}} {
		if _, err := cluster.Neighbors(x, opt); !errors.Is(err, cluster.ErrInvalidOption) {
			t.Errorf("%+v: %v", opt, err)
		}
	}
}
