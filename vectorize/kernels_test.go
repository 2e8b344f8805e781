package vectorize

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

func kernelRand(rng *rand.Rand, r, c int) blas64.General {
	g := blas64.General{Rows: r, Cols: c, Stride: c, Data: make([]float64, r*c)}
	for i := range g.Data {
		g.Data[i] = rng.NormFloat64()
	}
	return g
}

func kernelDense(g blas64.General) *mat.Dense {
	var d mat.Dense
	d.SetRawMatrix(g)
	return &d
}

// kernelSparse returns an n×m matrix with Gaussian entries at a random
// share density of the positions.
func kernelSparse(rng *rand.Rand, n, m int, density float64) *Sparse {
	indptr := []int{0}
	var ind []int32
	var data []float64
	for range n {
		for j := range m {
			if rng.Float64() < density {
				ind = append(ind, int32(j))
				data = append(data, rng.NormFloat64())
			}
		}
		indptr = append(indptr, len(ind))
	}
	return NewSparse(n, m, indptr, ind, data)
}

// kernelProcs runs f with GOMAXPROCS 1 and 4 and returns both results.
func kernelProcs(f func() []float64) (one, four []float64) {
	prev := runtime.GOMAXPROCS(1)
	one = f()
	runtime.GOMAXPROCS(4)
	four = f()
	runtime.GOMAXPROCS(prev)
	return one, four
}

func TestKernelMulSparse(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, sz := range [][3]int{{1, 1, 1}, {7, 5, 3}, {500, 300, 110}, {3000, 200, 20}} {
		n, m, k := sz[0], sz[1], sz[2]
		x := kernelSparse(rng, n, m, 0.05)
		b := kernelRand(rng, m, k)
		f := func() []float64 {
			dst := blas64.General{Rows: n, Cols: k, Stride: k, Data: make([]float64, n*k)}
			mulSparseDense(dst, x, b)
			return dst.Data
		}
		one, four := kernelProcs(f)
		if !slices.Equal(one, four) {
			t.Fatalf("%v: results differ between GOMAXPROCS 1 and 4", sz)
		}
		// Bit for bit the same as Sparse.MulDenseTo, which it speeds up.
		var want mat.Dense
		x.MulDenseTo(&want, kernelDense(b))
		if !slices.Equal(one, want.RawMatrix().Data) {
			t.Fatalf("%v: mulSparseDense differs from MulDenseTo", sz)
		}

		c := kernelRand(rng, n, k)
		one, four = kernelProcs(func() []float64 {
			dst := blas64.General{Rows: m, Cols: k, Stride: k, Data: make([]float64, m*k)}
			for i := range dst.Data {
				dst.Data[i] = math.NaN() // must be overwritten
			}
			mulSparseTDense(dst, x, c)
			return dst.Data
		})
		if !slices.Equal(one, four) {
			t.Fatalf("%v: mulSparseTDense differs between GOMAXPROCS 1 and 4", sz)
		}
		want.Reset()
		x.TMulDenseTo(&want, kernelDense(c))
		if !slices.Equal(one, want.RawMatrix().Data) {
			t.Fatalf("%v: mulSparseTDense differs from TMulDenseTo", sz)
		}
	}
}

func TestKernelGramUpper(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, sz := range [][2]int{{1, 1}, {5, 3}, {400, 37}, {3000, 110}} {
		y := kernelRand(rng, sz[0], sz[1])
		y.Data[3%len(y.Data)] = 0 // exercise the zero skip
		l := sz[1]
		f := func() []float64 {
			g := make([]float64, l*l)
			for i := range g {
				g[i] = -7 // the strict lower triangle must be left alone
			}
			gramUpper(g, y)
			return g
		}
		one, four := kernelProcs(f)
		if !slices.Equal(one, four) {
			t.Fatalf("%v: results differ between GOMAXPROCS 1 and 4", sz)
		}
		var want mat.Dense
		want.Mul(kernelDense(y).T(), kernelDense(y))
		for a := range l {
			for b := range l {
				got := one[a*l+b]
				switch {
				case b < a && got != -7:
					t.Fatalf("%v: lower triangle (%d, %d) modified", sz, a, b)
				case b >= a && math.Abs(got-want.At(a, b)) > 1e-12*float64(sz[0]):
					t.Fatalf("%v: G[%d, %d] = %g, want %g", sz, a, b, got, want.At(a, b))
				}
			}
		}
	}
}

func TestKernelMulUpperRightAndRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, sz := range [][3]int{{1, 1, 1}, {9, 4, 2}, {2000, 60, 50}} {
		n, l, k := sz[0], sz[1], sz[2]
		y := kernelRand(rng, n, l)
		tri := kernelRand(rng, l, l) // lower triangle must be ignored
		upper := mat.NewDense(l, l, nil)
		for a := range l {
			for b := a; b < l; b++ {
				upper.Set(a, b, tri.Data[a*l+b])
			}
		}
		var want mat.Dense
		want.Mul(kernelDense(y), upper)
		one, four := kernelProcs(func() []float64 {
			c := blas64.General{Rows: n, Cols: l, Stride: l, Data: slices.Clone(y.Data)}
			mulUpperRight(c, tri.Data)
			return c.Data
		})
		if !slices.Equal(one, four) {
			t.Fatalf("mulUpperRight %v: results differ between GOMAXPROCS 1 and 4", sz)
		}
		if !mat.EqualApprox(mat.NewDense(n, l, one), &want, 1e-12) {
			t.Fatalf("mulUpperRight %v differs from mat.Dense.Mul", sz)
		}

		w := kernelRand(rng, l, k)
		want.Reset()
		want.Mul(kernelDense(y), kernelDense(w))
		one, four = kernelProcs(func() []float64 {
			dst := blas64.General{Rows: n, Cols: k, Stride: k, Data: make([]float64, n*k)}
			mulDenseRows(dst, y, w)
			return dst.Data
		})
		if !slices.Equal(one, four) {
			t.Fatalf("mulDenseRows %v: results differ between GOMAXPROCS 1 and 4", sz)
		}
		if !mat.EqualApprox(mat.NewDense(n, k, one), &want, 1e-12) {
			t.Fatalf("mulDenseRows %v differs from mat.Dense.Mul", sz)
		}
	}
}

// TestOrthonormalize checks Y = Q·R with orthonormal Q, for well-conditioned
// matrices (Cholesky QR), and for rank-deficient and zero ones, where
// Cholesky QR fails and Householder QR takes over.
func TestOrthonormalize(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	ill := kernelRand(rng, 300, 20)
	for i := range 300 { // column 7 = column 3 (+ tiny noise): cond ≈ 1e9
		ill.Data[i*20+7] = ill.Data[i*20+3] * (1 + 1e-9*rng.NormFloat64())
	}
	dup := kernelRand(rng, 300, 20)
	for i := range 300 { // rank 10
		copy(dup.Data[i*20+10:i*20+20], dup.Data[i*20:i*20+10])
	}
	cases := []struct {
		name      string
		y         blas64.General
		passes    int
		cholesky  bool // whether the first Cholesky QR pass succeeds
		orthoTol  float64
		recTolRel float64
	}{
		{"gaussian", kernelRand(rng, 500, 40), 2, true, 1e-14, 1e-14},
		{"one-pass", kernelRand(rng, 500, 40), 1, true, 1e-12, 1e-14},
		{"square", kernelRand(rng, 30, 30), 2, true, 1e-13, 1e-13},
		{"ill-conditioned", ill, 2, false, 1e-14, 1e-14},
		{"rank-deficient", dup, 2, false, 1e-14, 1e-14},
		{"zero", blas64.General{Rows: 50, Cols: 5, Stride: 5, Data: make([]float64, 250)}, 2, false, 1e-14, 0},
	}
	for _, tc := range cases {
		orig := mat.DenseCopyOf(kernelDense(tc.y))
		probe := blas64.General{Rows: tc.y.Rows, Cols: tc.y.Cols, Stride: tc.y.Stride, Data: slices.Clone(tc.y.Data)}
		if ok := cholQR(probe, make([]float64, tc.y.Cols*tc.y.Cols)); ok != tc.cholesky {
			t.Errorf("%s: cholQR ok = %v, want %v", tc.name, ok, tc.cholesky)
		}
		if !tc.cholesky && !slices.Equal(probe.Data, tc.y.Data) {
			t.Errorf("%s: a failed cholQR modified y", tc.name)
		}
		r := orthonormalize(tc.y, tc.passes, true)
		l := tc.y.Cols
		q := kernelDense(tc.y)
		var qtq mat.Dense
		qtq.Mul(q.T(), q)
		for a := range l {
			for b := range l {
				want := 0.0
				if a == b {
					want = 1
				}
				if e := math.Abs(qtq.At(a, b) - want); e > tc.orthoTol {
					t.Fatalf("%s: QᵀQ[%d, %d] = %g", tc.name, a, b, qtq.At(a, b))
				}
			}
		}
		rm := mat.NewDense(l, l, r)
		for a := range l {
			for b := range a {
				if rm.At(a, b) != 0 {
					t.Fatalf("%s: R is not upper triangular", tc.name)
				}
			}
		}
		var rec mat.Dense
		rec.Mul(q, rm)
		rec.Sub(&rec, orig)
		if e := mat.Norm(&rec, 2); e > tc.recTolRel*mat.Norm(orig, 2) {
			t.Errorf("%s: ‖Y − QR‖ = %g, ‖Y‖ = %g", tc.name, e, mat.Norm(orig, 2))
		}
	}
}

// TestSecondPass checks the implicit second pass of Cholesky QR2: y = Q₂R₂
// with Q₂ = y·T orthonormal, both when Cholesky succeeds and when y is
// rank-deficient and Householder QR takes over (T = I).
func TestSecondPass(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	good := kernelRand(rng, 200, 12)
	orthonormalize(good, 1, false)
	bad := kernelRand(rng, 200, 12)
	for i := range 200 {
		bad.Data[i*12+5] = 2 * bad.Data[i*12+1]
	}
	for name, y := range map[string]blas64.General{"cholesky": good, "householder": bad} {
		orig := mat.DenseCopyOf(kernelDense(y))
		r2, tt := secondPass(y)
		l := y.Cols
		rm, tm := mat.NewDense(l, l, r2), mat.NewDense(l, l, tt)
		var q, qtq, rec, rt mat.Dense
		q.Mul(kernelDense(y), tm)
		qtq.Mul(q.T(), &q)
		if !mat.EqualApprox(&qtq, kernelEye(l), 1e-14) {
			t.Errorf("%s: y·T is not orthonormal", name)
		}
		rec.Mul(&q, rm)
		if !mat.EqualApprox(&rec, orig, 1e-14) {
			t.Errorf("%s: y ≠ (y·T)·R₂", name)
		}
		rt.Mul(rm, tm)
		if name == "cholesky" && !mat.EqualApprox(&rt, kernelEye(l), 1e-12) {
			t.Errorf("%s: R₂·T ≠ I", name)
		}
		if name == "householder" && !mat.Equal(tm, kernelEye(l)) {
			t.Errorf("%s: T ≠ I", name)
		}
		for a := range l {
			for b := range a {
				if r2[a*l+b] != 0 || tt[a*l+b] != 0 {
					t.Fatalf("%s: R₂ or T not upper triangular", name)
				}
			}
		}
	}
}

func kernelEye(n int) *mat.Dense {
	e := mat.NewDense(n, n, nil)
	for i := range n {
		e.Set(i, i, 1)
	}
	return e
}

func kernelRand32(rng *rand.Rand, r, c int) dense32 {
	d := newDense32(r, c)
	for i := range d.data {
		d.data[i] = float32(rng.NormFloat64())
	}
	return d
}

func kernel64(d dense32) blas64.General {
	g := blas64.General{Rows: d.rows, Cols: d.cols, Stride: d.cols, Data: make([]float64, len(d.data))}
	for i, v := range d.data {
		g.Data[i] = float64(v)
	}
	return g
}

// TestKernelMulSparse32 checks the single-precision products: the same
// bits for GOMAXPROCS 1 and 4, and the float64 products of the same
// (float32) operands within float32 rounding.
func TestKernelMulSparse32(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for _, sz := range [][3]int{{1, 1, 1}, {7, 5, 3}, {500, 300, 110}, {3000, 200, 20}} {
		n, m, k := sz[0], sz[1], sz[2]
		x := kernelSparse(rng, n, m, 0.05)
		b, c := kernelRand32(rng, m, k), kernelRand32(rng, n, k)
		bits := func(d dense32) []float64 { return kernel64(d).Data }
		one, four := kernelProcs(func() []float64 {
			dst := newDense32(n, k)
			mulSparseDense32(dst, x, b)
			return bits(dst)
		})
		want := blas64.General{Rows: n, Cols: k, Stride: k, Data: make([]float64, n*k)}
		mulSparseDense(want, x, kernel64(b))
		kernelCheck32(t, "mulSparseDense32", sz, one, four, want.Data)

		one, four = kernelProcs(func() []float64 {
			dst := newDense32(m, k)
			for i := range dst.data {
				dst.data[i] = float32(math.NaN()) // must be overwritten
			}
			mulSparseTDense32(dst, x, c)
			return bits(dst)
		})
		want = blas64.General{Rows: m, Cols: k, Stride: k, Data: make([]float64, m*k)}
		mulSparseTDense(want, x, kernel64(c))
		kernelCheck32(t, "mulSparseTDense32", sz, one, four, want.Data)

		// The mixed product (float32 rows, float64 sums) equals the float64
		// product of the rows converted, bit for bit.
		got := blas64.General{Rows: m, Cols: k, Stride: k, Data: make([]float64, m*k)}
		mulSparseTRows(got, x, k, c.source())
		if !slices.Equal(got.Data, want.Data) {
			t.Fatalf("%v: mulSparseTRows of float32 rows differs from mulSparseTDense of them converted", sz)
		}
	}
}

func kernelCheck32(t *testing.T, name string, sz [3]int, one, four, want []float64) {
	t.Helper()
	if !slices.Equal(one, four) {
		t.Fatalf("%s %v: results differ between GOMAXPROCS 1 and 4", name, sz)
	}
	scale := 1.0
	for _, v := range want {
		scale = max(scale, math.Abs(v))
	}
	for i, v := range want {
		if math.Abs(one[i]-v) > 1e-5*scale {
			t.Fatalf("%s %v: element %d = %g, float64 product %g", name, sz, i, one[i], v)
		}
	}
}

// TestOrthonormalize32 checks the single-precision pass of Cholesky QR
// (orthonormal to float32 rounding, same span) and implicitBasis (y·T
// orthonormal to float64 rounding), including the Householder fallback.
func TestOrthonormalize32(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	dup := kernelRand32(rng, 300, 12)
	for i := range 300 { // rank 8: Cholesky fails
		copy(dup.row(i)[8:], dup.row(i)[:4])
	}
	for _, tc := range []struct {
		name string
		y    dense32
	}{{"gaussian", kernelRand32(rng, 2000, 40)}, {"rank-deficient", dup}} {
		orig := kernelDense(kernel64(tc.y))
		one, four := kernelProcs(func() []float64 {
			y := dense32{rows: tc.y.rows, cols: tc.y.cols, data: slices.Clone(tc.y.data)}
			orthonormalize32(y)
			return kernel64(y).Data
		})
		if !slices.Equal(one, four) {
			t.Fatalf("%s: orthonormalize32 differs between GOMAXPROCS 1 and 4", tc.name)
		}
		l := tc.y.cols
		q := mat.NewDense(tc.y.rows, l, one)
		var qtq, qty, proj mat.Dense
		qtq.Mul(q.T(), q)
		if !mat.EqualApprox(&qtq, kernelEye(l), 1e-5) {
			t.Errorf("%s: orthonormalize32: QᵀQ ≠ I within 1e-5", tc.name)
		}
		// Same span: Y = Q·QᵀY.
		qty.Mul(q.T(), orig)
		proj.Mul(q, &qty)
		proj.Sub(&proj, orig)
		if e := mat.Norm(&proj, 2) / mat.Norm(orig, 2); e > 1e-5 {
			t.Errorf("%s: orthonormalize32 changed the span: ‖Y − QQᵀY‖/‖Y‖ = %g", tc.name, e)
		}

		y := newDense32(tc.y.rows, l)
		for i := range y.data {
			y.data[i] = float32(one[i])
		}
		tt, qf := implicitBasis(y)
		var qb mat.Dense
		if tt != nil {
			qb.Mul(kernelDense(kernel64(y)), mat.NewDense(l, l, tt))
			for a := range l {
				for b := range a {
					if tt[a*l+b] != 0 {
						t.Fatalf("%s: T is not upper triangular", tc.name)
					}
				}
			}
		} else {
			qb.CloneFrom(kernelDense(qf))
		}
		if tt == nil {
			t.Errorf("%s: implicitBasis of an orthonormalized basis fell back to Householder", tc.name)
		}
		qtq.Mul(qb.T(), &qb)
		if !mat.EqualApprox(&qtq, kernelEye(l), 1e-13) {
			t.Errorf("%s: implicitBasis: the basis is not orthonormal within 1e-13", tc.name)
		}
	}
	// A rank-deficient y: Cholesky fails, the Householder Q is returned.
	tt, qf := implicitBasis(dup)
	if tt != nil {
		t.Fatal("rank-deficient: implicitBasis returned a T")
	}
	var qtq mat.Dense
	qtq.Mul(kernelDense(qf).T(), kernelDense(qf))
	if !mat.EqualApprox(&qtq, kernelEye(dup.cols), 1e-13) {
		t.Error("rank-deficient: implicitBasis's Householder Q is not orthonormal within 1e-13")
	}
}

// TestMulDenseRowsInPlace checks that the in-place product equals
// mulDenseRows bit for bit, over several blocks and for k = l.
func TestMulDenseRowsInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for _, sz := range [][3]int{{1, 1, 1}, {9000, 11, 7}, {5000, 6, 6}, {4097, 30, 1}} {
		n, l, k := sz[0], sz[1], sz[2]
		a, w := kernelRand(rng, n, l), kernelRand(rng, l, k)
		want := blas64.General{Rows: n, Cols: k, Stride: k, Data: make([]float64, n*k)}
		mulDenseRows(want, a, w)
		got := mulDenseRowsInPlace(a, w)
		if got.Rows != n || got.Cols != k || got.Stride != k || !slices.Equal(got.Data, want.Data) {
			t.Fatalf("%v: mulDenseRowsInPlace differs from mulDenseRows", sz)
		}
	}
}
