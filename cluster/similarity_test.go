package cluster_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// csr is a minimal cluster.SparseMatrix for tests.
type csr struct {
	rows, cols int
	ind        [][]int32
	val        [][]float64
}

func (c *csr) Dims() (int, int)                      { return c.rows, c.cols }
func (c *csr) Row(i int) ([]int32, []float64)        { return c.ind[i], c.val[i] }
func (c *csr) dense() *mat.Dense                     { return toDense(c) }
func (c *csr) set(i int, ind []int32, val []float64) { c.ind[i], c.val[i] = ind, val }

func toDense(c *csr) *mat.Dense {
	d := mat.NewDense(c.rows, c.cols, nil)
	for i := range c.rows {
		for p, j := range c.ind[i] {
			d.Set(i, int(j), c.val[i][p])
		}
	}
	return d
}

// randomSparse returns rows×cols non-negative sparse rows like TF-IDF rows,
// with about density of the entries stored, the rows listed in empty left
// empty, and row dup[1] a copy of row dup[0] when dup is set.
func randomSparse(seed uint64, rows, cols int, density float64, empty []int, dup [][2]int) *csr {
	rng := rand.New(rand.NewPCG(seed, 7))
	c := &csr{rows: rows, cols: cols, ind: make([][]int32, rows), val: make([][]float64, rows)}
	for i := range rows {
		if slices.Contains(empty, i) {
			continue
		}
		for j := range cols {
			if rng.Float64() < density {
				c.ind[i] = append(c.ind[i], int32(j))
				c.val[i] = append(c.val[i], 0.1+rng.Float64())
			}
		}
		if len(c.ind[i]) == 0 {
			c.set(i, []int32{int32(rng.IntN(cols))}, []float64{1})
		}
	}
	for _, d := range dup {
		c.set(d[1], slices.Clone(c.ind[d[0]]), slices.Clone(c.val[d[0]]))
	}
	return c
}

// randomDense returns rows×d Gaussian rows with the listed rows zero and
// row dup[1] equal to row dup[0] times scale.
func randomDense(seed uint64, rows, d int, empty []int, dup [][2]int, scale float64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, 9))
	x := mat.NewDense(rows, d, nil)
	for i := range rows {
		if slices.Contains(empty, i) {
			continue
		}
		for j := range d {
			x.Set(i, j, rng.NormFloat64())
		}
	}
	for _, p := range dup {
		for j := range d {
			x.Set(p[1], j, scale*x.At(p[0], j))
		}
	}
	return x
}

// checkSimilarityMatrix checks the properties every similarity matrix must
// have, and that its entries are the cosines of the rows of x to within 1e-12.
func checkSimilarityMatrix(t *testing.T, s *mat.SymDense, x *mat.Dense, empty []int) {
	t.Helper()
	n, _ := x.Dims()
	if s.SymmetricDim() != n {
		t.Fatalf("matrix is %d×%d for %d rows", s.SymmetricDim(), s.SymmetricDim(), n)
	}
	for i := range n {
		for j := range n {
			v := s.At(i, j)
			switch {
			case math.IsNaN(v) || v < -1 || v > 1:
				t.Fatalf("S[%d][%d] = %v, outside [-1, 1]", i, j, v)
			case v != s.At(j, i):
				t.Fatalf("S[%d][%d] = %v but S[%d][%d] = %v", i, j, v, j, i, s.At(j, i))
			case slices.Contains(empty, i) || slices.Contains(empty, j):
				if v != 0 {
					t.Fatalf("S[%d][%d] = %v for an empty row, want 0", i, j, v)
				}
			case i == j:
				if v != 1 {
					t.Fatalf("S[%d][%d] = %v, want 1", i, i, v)
				}
			default:
				if want := cluster.Cosine(x.RawRowView(i), x.RawRowView(j)); math.Abs(v-want) > 1e-12 {
					t.Fatalf("S[%d][%d] = %v, cosine %v", i, j, v, want)
				}
			}
		}
	}
}

func TestCosineMatrixProperties(t *testing.T) {
	cases := []struct {
		name  string
		rows  int
		empty []int
		dup   [][2]int
	}{
		{"one row", 1, nil, nil},
		{"one empty row", 1, []int{0}, nil},
		{"small", 7, []int{3}, [][2]int{{1, 5}}},
		{"several tiles", 300, []int{0, 129, 299}, [][2]int{{5, 200}, {7, 8}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := randomDense(uint64(c.rows), c.rows, 6, c.empty, c.dup, 3)
			orig := mat.DenseCopyOf(x)
			s, err := cluster.CosineMatrix(x)
			if err != nil {
				t.Fatal(err)
			}
			checkSimilarityMatrix(t, s, x, c.empty)
			if !mat.Equal(x, orig) {
				t.Error("input modified")
			}
			for _, d := range c.dup {
				if v := s.At(d[0], d[1]); math.Abs(v-1) > 1e-12 {
					t.Errorf("rows %v are multiples, similarity %v", d, v)
				}
			}

			sp := randomSparse(uint64(c.rows), c.rows, 40, 0.1, c.empty, c.dup)
			ss, err := cluster.SparseCosineMatrix(sp)
			if err != nil {
				t.Fatal(err)
			}
			checkSimilarityMatrix(t, ss, sp.dense(), c.empty)
			// The dense function on the same matrix agrees.
			ds, err := cluster.CosineMatrix(sp.dense())
			if err != nil {
				t.Fatal(err)
			}
			if !mat.EqualApprox(ss, ds, 1e-12) {
				t.Error("SparseCosineMatrix and CosineMatrix of the same matrix differ")
			}
		})
	}
}

// Tiles are spread over GOMAXPROCS goroutines; the bits must not depend on it.
func TestCosineMatrixDeterministic(t *testing.T) {
	x := randomDense(3, 400, 20, []int{17}, nil, 1)
	sp := randomSparse(3, 400, 60, 0.08, []int{17}, nil)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	a, _ := cluster.CosineMatrix(x)
	as, _ := cluster.SparseCosineMatrix(sp)
	runtime.GOMAXPROCS(4)
	b, _ := cluster.CosineMatrix(x)
	bs, _ := cluster.SparseCosineMatrix(sp)
	if !mat.Equal(a, b) || !mat.Equal(as, bs) {
		t.Error("results differ between GOMAXPROCS 1 and 4")
	}
}

func TestCosineMatrixErrors(t *testing.T) {
	nan := mat.NewDense(2, 2, []float64{1, 0, math.NaN(), 1})
	if _, err := cluster.CosineMatrix(nan); !errors.Is(err, cluster.ErrNotFinite) {
		t.Errorf("NaN: %v", err)
	}
	if _, err := cluster.CosineMatrix(&mat.Dense{}); !errors.Is(err, cluster.ErrNoRows) {
		t.Errorf("empty: %v", err)
	}
	cases := []struct {
		name string
		m    *csr
		want error
	}{
		{"no rows", &csr{cols: 3}, cluster.ErrNoRows},
		{"unsorted", &csr{rows: 1, cols: 3, ind: [][]int32{{2, 1}}, val: [][]float64{{1, 1}}}, cluster.ErrInvalidOption},
		{"out of range", &csr{rows: 1, cols: 3, ind: [][]int32{{3}}, val: [][]float64{{1}}}, cluster.ErrInvalidOption},
		{"lengths", &csr{rows: 1, cols: 3, ind: [][]int32{{0, 1}}, val: [][]float64{{1}}}, cluster.ErrInvalidOption},
		{"infinite", &csr{rows: 1, cols: 3, ind: [][]int32{{0}}, val: [][]float64{{math.Inf(1)}}}, cluster.ErrNotFinite},
	}
	for _, c := range cases {
		if _, err := cluster.SparseCosineMatrix(c.m); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if _, err := cluster.SparseNeighbors(c.m, cluster.NeighborOptions{N: 1}); !errors.Is(err, c.want) {
			t.Errorf("%s: SparseNeighbors: %v, want %v", c.name, err, c.want)
		}
	}
}
