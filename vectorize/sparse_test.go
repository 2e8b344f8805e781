package vectorize_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/vectorize"
)

// sparseRandom returns a random n×m CSR matrix with about density·n·m
// entries of either sign, and the same matrix as a dense reference.
func sparseRandom(rng *rand.Rand, n, m int, density float64) (*vectorize.Sparse, *mat.Dense) {
	ref := mat.NewDense(n, m, nil)
	indptr := []int{0}
	var ind []int32
	var data []float64
	for i := range n {
		for j := range m {
			if rng.Float64() < density {
				v := rng.NormFloat64()
				ind = append(ind, int32(j))
				data = append(data, v)
				ref.Set(i, j, v)
			}
		}
		indptr = append(indptr, len(ind))
	}
	return vectorize.NewSparse(n, m, indptr, ind, data), ref
}

func sparseRandDense(rng *rand.Rand, r, c int) *mat.Dense {
	d := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			d.Set(i, j, rng.NormFloat64())
		}
	}
	return d
}

var sparseShapes = []struct {
	n, m    int
	density float64
}{
	{1, 1, 1}, {1, 7, 0.5}, {7, 1, 0.5}, {5, 5, 0}, {13, 29, 0.2}, {64, 40, 0.1}, {300, 200, 0.1}, {700, 90, 0.3},
}

func TestSparseAtRowT(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, s := range sparseShapes {
		x, ref := sparseRandom(rng, s.n, s.m, s.density)
		if r, c := x.Dims(); r != s.n || c != s.m {
			t.Fatalf("Dims() = %d, %d, want %d, %d", r, c, s.n, s.m)
		}
		tr := x.T()
		if r, c := tr.Dims(); r != s.m || c != s.n {
			t.Fatalf("T().Dims() = %d, %d, want %d, %d", r, c, s.m, s.n)
		}
		xt := x.Transpose()
		nnz := 0
		for i := range s.n {
			ind, val := x.Row(i)
			if len(ind) != x.RowNNZ(i) {
				t.Fatalf("%d×%d: RowNNZ(%d) = %d, Row has %d", s.n, s.m, i, x.RowNNZ(i), len(ind))
			}
			nnz += len(ind)
			for p, j := range ind {
				if p > 0 && ind[p-1] >= j {
					t.Fatalf("row %d: columns not increasing: %v", i, ind)
				}
				if val[p] != ref.At(i, int(j)) {
					t.Fatalf("Row(%d) holds %g at column %d, want %g", i, val[p], j, ref.At(i, int(j)))
				}
			}
			for j := range s.m {
				want := ref.At(i, j)
				if got := x.At(i, j); got != want {
					t.Fatalf("%d×%d: At(%d, %d) = %g, want %g", s.n, s.m, i, j, got, want)
				}
				if got := tr.At(j, i); got != want {
					t.Fatalf("%d×%d: T().At(%d, %d) = %g, want %g", s.n, s.m, j, i, got, want)
				}
				if got := xt.At(j, i); got != want {
					t.Fatalf("%d×%d: Transpose().At(%d, %d) = %g, want %g", s.n, s.m, j, i, got, want)
				}
			}
		}
		if x.NNZ() != nnz || xt.NNZ() != nnz {
			t.Errorf("NNZ() = %d, transpose %d, rows hold %d", x.NNZ(), xt.NNZ(), nnz)
		}
		// mat functions that only read elements accept a Sparse.
		if !mat.Equal(x, ref) || !mat.Equal(mat.DenseCopyOf(x), ref) {
			t.Errorf("%d×%d: mat.Equal with the dense reference fails", s.n, s.m)
		}
	}
}

func TestSparseAtPanics(t *testing.T) {
	x, _ := sparseRandom(rand.New(rand.NewPCG(2, 2)), 3, 4, 0.5)
	for _, ij := range [][2]int{{-1, 0}, {0, -1}, {3, 0}, {0, 4}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("At(%d, %d) did not panic", ij[0], ij[1])
				}
			}()
			x.At(ij[0], ij[1])
		}()
	}
}

func TestNewSparsePanics(t *testing.T) {
	cases := map[string]func(){
		"negative":     func() { vectorize.NewSparse(-1, 2, []int{0}, nil, nil) },
		"indptr-len":   func() { vectorize.NewSparse(2, 2, []int{0, 1}, []int32{0}, []float64{1}) },
		"indptr-end":   func() { vectorize.NewSparse(1, 2, []int{0, 2}, []int32{0}, []float64{1}) },
		"data-len":     func() { vectorize.NewSparse(1, 2, []int{0, 1}, []int32{0}, []float64{1, 2}) },
		"decreasing":   func() { vectorize.NewSparse(2, 2, []int{0, 1, 0}, []int32{0}, []float64{1}) },
		"out-of-order": func() { vectorize.NewSparse(1, 3, []int{0, 2}, []int32{2, 1}, []float64{1, 2}) },
		"duplicate":    func() { vectorize.NewSparse(1, 3, []int{0, 2}, []int32{1, 1}, []float64{1, 2}) },
		"range":        func() { vectorize.NewSparse(1, 3, []int{0, 1}, []int32{3}, []float64{1}) },
	}
	for name, f := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: NewSparse did not panic", name)
				}
			}()
			f()
		}()
	}
}

// TestSparseMulDenseTo checks s×b and sᵀ×b against mat.Dense products, for
// b given as a *mat.Dense and as another mat.Matrix, into a zero and into a
// used destination.
func TestSparseMulDenseTo(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, s := range sparseShapes {
		for _, k := range []int{1, 3, 17} {
			x, ref := sparseRandom(rng, s.n, s.m, s.density)
			b := sparseRandDense(rng, s.m, k)
			var want, got mat.Dense
			want.Mul(ref, b)
			x.MulDenseTo(&got, b)
			if !mat.EqualApprox(&got, &want, 1e-12) {
				t.Errorf("%d×%d×%d: MulDenseTo differs from mat.Dense.Mul", s.n, s.m, k)
			}
			// b as a transpose view, dst reused with stale contents.
			bt := sparseRandDense(rng, k, s.m)
			want.Mul(ref, bt.T())
			x.MulDenseTo(&got, bt.T())
			if !mat.EqualApprox(&got, &want, 1e-12) {
				t.Errorf("%d×%d×%d: MulDenseTo of a mat.Transpose differs", s.n, s.m, k)
			}

			c := sparseRandDense(rng, s.n, k)
			var wantT, gotT mat.Dense
			wantT.Mul(ref.T(), c)
			x.TMulDenseTo(&gotT, c)
			if !mat.EqualApprox(&gotT, &wantT, 1e-12) {
				t.Errorf("%d×%d×%d: TMulDenseTo differs from mat.Dense.Mul", s.n, s.m, k)
			}
			gotT.Apply(func(int, int, float64) float64 { return math.NaN() }, &gotT)
			x.TMulDenseTo(&gotT, c)
			if !mat.EqualApprox(&gotT, &wantT, 1e-12) {
				t.Errorf("%d×%d×%d: TMulDenseTo into a used matrix differs", s.n, s.m, k)
			}
		}
	}
}

func TestSparseMulDenseToPanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	x, _ := sparseRandom(rng, 5, 4, 0.5)
	cases := map[string]func(){
		"mul-b":   func() { x.MulDenseTo(&mat.Dense{}, mat.NewDense(5, 2, nil)) },
		"mul-dst": func() { x.MulDenseTo(mat.NewDense(4, 2, nil), mat.NewDense(4, 2, nil)) },
		"tmul-b":  func() { x.TMulDenseTo(&mat.Dense{}, mat.NewDense(4, 2, nil)) },
		"tmul-dst": func() {
			x.TMulDenseTo(mat.NewDense(5, 2, nil), mat.NewDense(5, 2, nil))
		},
	}
	for name, f := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestSparseMulDeterministic checks that products are the same bytes with
// GOMAXPROCS 1 and 4, on matrices big enough to be split among goroutines.
func TestSparseMulDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	x, _ := sparseRandom(rng, 2000, 700, 0.03)
	b := sparseRandDense(rng, 700, 33)
	c := sparseRandDense(rng, 2000, 33)
	run := func(procs int) (mul, tmul []float64) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var y, z mat.Dense
		x.MulDenseTo(&y, b)
		x.TMulDenseTo(&z, c)
		return y.RawMatrix().Data, z.RawMatrix().Data
	}
	m1, t1 := run(1)
	m4, t4 := run(4)
	if !slices.Equal(m1, m4) {
		t.Error("MulDenseTo differs between GOMAXPROCS 1 and 4")
	}
	if !slices.Equal(t1, t4) {
		t.Error("TMulDenseTo differs between GOMAXPROCS 1 and 4")
	}
}

// sparseBenchSizes are the benchmark shapes: rows, cols, entries per row
// and the width k of the dense operand (110 is LSA's default d+p).
var sparseBenchSizes = []struct{ n, m, perRow, k int }{
	{1000, 2000, 50, 110},
	{5000, 10000, 80, 110},
	{18846, 24164, 80, 110},
}

// BenchmarkSparseMulDenseTo measures s×b; bytes are the stored entries (12
// bytes each) plus the dense operand and result.
func BenchmarkSparseMulDenseTo(b *testing.B) {
	for _, s := range sparseBenchSizes {
		b.Run(fmt.Sprintf("%d×%d×%d", s.n, s.m, s.k), func(b *testing.B) {
			x := lsaZipf(s.n, s.m, s.perRow, 2)
			rng := rand.New(rand.NewPCG(6, 6))
			om := sparseRandDense(rng, s.m, s.k)
			dst := mat.NewDense(s.n, s.k, nil)
			b.SetBytes(int64(x.NNZ()*12 + (s.m+s.n)*s.k*8))
			for b.Loop() {
				x.MulDenseTo(dst, om)
			}
		})
	}
}

// BenchmarkSparseTMulDenseTo measures sᵀ×b (the transpose is built before
// timing, once per matrix).
func BenchmarkSparseTMulDenseTo(b *testing.B) {
	for _, s := range sparseBenchSizes {
		b.Run(fmt.Sprintf("%d×%d×%d", s.n, s.m, s.k), func(b *testing.B) {
			x := lsaZipf(s.n, s.m, s.perRow, 2)
			rng := rand.New(rand.NewPCG(7, 7))
			y := sparseRandDense(rng, s.n, s.k)
			dst := mat.NewDense(s.m, s.k, nil)
			x.TMulDenseTo(dst, y)
			b.SetBytes(int64(x.NNZ()*12 + (s.m+s.n)*s.k*8))
			b.ResetTimer()
			for b.Loop() {
				x.TMulDenseTo(dst, y)
			}
		})
	}
}
