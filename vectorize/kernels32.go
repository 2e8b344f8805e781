package vectorize

// Single-precision kernels for the power iterations of FitLSA.
//
// The two bases of the range finder, Y (documents × l) and Z (terms × l),
// only have to span a subspace that the iterations sharpen; their entries
// need not be exact. They are kept in float32: half the memory, and half
// the memory traffic of the sparse products, which gather (Y = X·Z) or
// scatter (Z = Xᵀ·Y) rows of Z in the random order of the terms of each
// document. The products run on simd.AxpyRowsF32 and simd.AxpyToRowsF32
// (AVX2 where available; the same bits everywhere as one axpy per term).
// Gram matrices, Cholesky factors and triangular products are computed in
// float64 from the float32 rows, so Cholesky QR keeps float64's stability;
// only its result is rounded to float32. The last basis and everything
// after it are float64 (see fitLSA).
//
// As in kernels.go, each output element is computed by one goroutine in a
// fixed order, so results do not depend on GOMAXPROCS.

import (
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/topics-dev/topics/internal/parallel"
	"github.com/topics-dev/topics/internal/simd"
)

// dense32 is a row-major single-precision matrix whose stride is its
// number of columns.
type dense32 struct {
	rows, cols int
	data       []float32
}

func newDense32(rows, cols int) dense32 {
	return dense32{rows: rows, cols: cols, data: make([]float32, rows*cols)}
}

func (d dense32) row(i int) []float32 { return d.data[i*d.cols : (i+1)*d.cols] }

// source returns the rowSource of d: row i converted to float64 into buf.
func (d dense32) source() rowSource {
	return func(i int, buf []float64) []float64 {
		for c, v := range d.row(i) {
			buf[c] = float64(v)
		}
		return buf
	}
}

// mulSparseDense32 sets dst = a × b (a r×c, b c×k, dst r×k) like
// mulSparseDense, in single precision: each row of dst is the sum, in order
// of increasing column of a, of the scaled rows of b (simd.AxpyRowsF32,
// which keeps the row of dst in registers).
func mulSparseDense32(dst dense32, a *Sparse, b dense32) {
	if dst.rows != a.rows || b.rows != a.cols || dst.cols != b.cols {
		panic("vectorize: mulSparseDense32: shape mismatch")
	}
	parallelRows(a, func(lo, hi int) {
		var coef []float32
		var off []int
		for i := lo; i < hi; i++ {
			coef, off = coef[:0], off[:0]
			for p := a.indptr[i]; p < a.indptr[i+1]; p++ {
				coef = append(coef, float32(a.data[p]))
				off = append(off, int(a.ind[p])*b.cols)
			}
			out := dst.row(i)
			clear(out)
			simd.AxpyRowsF32(out, coef, b.data, off) // = an axpy of each row of b in turn
		}
	})
}

// mulSparseTDense32 sets dst = aᵀ × b (a r×c, b r×k, dst c×k) like
// mulSparseTDense, in single precision: each row of dst sums its terms in
// order of increasing row of a.
func mulSparseTDense32(dst dense32, a *Sparse, b dense32) {
	if dst.rows != a.cols || b.rows != a.rows || dst.cols != b.cols {
		panic("vectorize: mulSparseTDense32: shape mismatch")
	}
	parallel.Ranges(parallel.Workers(0), columnCuts(a, b.cols), func(j0, j1 int) {
		clear(dst.data[j0*dst.cols : j1*dst.cols])
		var coef []float32
		var off []int
		for i := range a.rows {
			lo, hi := a.indptr[i], a.indptr[i+1]
			if lo == hi || int(a.ind[hi-1]) < j0 || int(a.ind[lo]) >= j1 {
				continue
			}
			if j0 > 0 {
				lo += searchInt32(a.ind[lo:hi], int32(j0))
			}
			coef, off = coef[:0], off[:0]
			for p := lo; p < hi && int(a.ind[p]) < j1; p++ {
				coef = append(coef, float32(a.data[p]))
				off = append(off, int(a.ind[p])*dst.cols)
			}
			// = an axpy of row i of b into each row of dst in turn
			simd.AxpyToRowsF32(coef, b.row(i), dst.data, off)
		}
	})
}

// searchInt32 returns the index of the first element of the sorted s that
// is at least v.
func searchInt32(s []int32, v int32) int {
	lo, hi := 0, len(s)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// orthonormalize32 replaces the columns of the tall y by an orthonormal
// basis of their span, rounded to float32: one pass of Cholesky QR with the
// Gram matrix and R⁻¹ in float64, or Householder QR of a float64 copy if y
// is too ill-conditioned for it.
func orthonormalize32(y dense32) {
	l := y.cols
	r, rinv := make([]float64, l*l), make([]float64, l*l)
	if cholFactorRows(y.rows, l, y.source(), r, rinv) {
		mulUpperRight32(y, rinv)
		return
	}
	y64 := blas64.General{Rows: y.rows, Cols: l, Stride: l, Data: make([]float64, len(y.data))}
	for i, v := range y.data {
		y64.Data[i] = float64(v)
	}
	householderQR(y64, r)
	for i, v := range y64.Data {
		y.data[i] = float32(v)
	}
}

// mulUpperRight32 sets y = y × t for an upper triangular t (l×l, stride l,
// strict lower triangle ignored), computing each row in float64 and
// rounding it to float32.
func mulUpperRight32(y dense32, t []float64) {
	l := y.cols
	parallelFor(y.rows, l*l, func(lo, hi int) {
		in, out := make([]float64, l), make([]float64, l)
		for i := lo; i < hi; i++ {
			row := y.row(i)
			for c, v := range row {
				in[c] = float64(v)
			}
			clear(out)
			for a, v := range in {
				if v != 0 {
					simd.AxpyF64(v, t[a*l+a:a*l+l], out[a:])
				}
			}
			for c, v := range out {
				row[c] = float32(v)
			}
		}
	})
}

// implicitBasis returns an upper triangular T (l×l, row-major, zero below
// the diagonal) such that y·T has orthonormal columns in float64
// arithmetic, from the Cholesky factor of yᵀy; y should already be nearly
// orthonormal (one pass then suffices). If Cholesky fails, it returns nil
// and q, the Householder Q of y in float64, instead.
func implicitBasis(y dense32) (t []float64, q blas64.General) {
	l := y.cols
	r := make([]float64, l*l)
	t = make([]float64, l*l)
	if cholFactorRows(y.rows, l, y.source(), r, t) {
		for a := range l {
			clear(t[a*l : a*l+a])
		}
		return t, blas64.General{}
	}
	q = blas64.General{Rows: y.rows, Cols: l, Stride: l, Data: make([]float64, len(y.data))}
	for i, v := range y.data {
		q.Data[i] = float64(v)
	}
	householderQR(q, r)
	return nil, q
}
