package vectorize

// Dense and sparse kernels behind FitLSA and LSA.Transform.
//
// Every kernel computes each output element with one fixed sequence of
// floating-point operations, whatever the number of goroutines: work is split
// by output rows (or, for gramUpper, by rows of the Gram matrix), never along
// a sum. So results are bit-for-bit the same for any GOMAXPROCS.
//
// The inner loops are simd.AxpyF64 (y += a·x), in assembly where the
// machine allows. It rounds exactly like the plain Go loop
// `for c := range y { y[c] += a * x[c] }` (one multiply, then one add, per
// element, never fused), on every machine. Where one output row sums many
// scaled rows (products with a sparse or dense matrix on the left, Gram
// matrices), simd.AxpyRowsF64 adds them all in the same order while the
// output row stays in registers: the same bits, with a fraction of the
// loads and stores.

import (
	"slices"

	"gonum.org/v1/gonum/blas/blas64"

	"github.com/topics-dev/topics/internal/parallel"
	"github.com/topics-dev/topics/internal/simd"
)

// mulSparseDense sets dst = a × b, for a CSR matrix a (r×c), a row-major
// b (c×k) and dst (r×k). Rows of dst are shared out by parallelRows; each is
// the sum, in order of increasing column of a, of the scaled rows of b.
func mulSparseDense(dst blas64.General, a *Sparse, b blas64.General) {
	if dst.Rows != a.rows || b.Rows != a.cols || dst.Cols != b.Cols {
		panic("vectorize: mulSparseDense: shape mismatch")
	}
	k := b.Cols
	parallelRows(a, func(lo, hi int) {
		var off []int
		for i := lo; i < hi; i++ {
			p0, p1 := a.indptr[i], a.indptr[i+1]
			off = off[:0]
			for _, j := range a.ind[p0:p1] {
				off = append(off, int(j)*b.Stride)
			}
			out := dst.Data[i*dst.Stride : i*dst.Stride+k]
			clear(out)
			simd.AxpyRowsF64(out, a.data[p0:p1], b.Data, off)
		}
	})
}

// mulSparseTDense sets dst = aᵀ × b, for a CSR matrix a (r×c), a
// row-major b (r×k) and dst (c×k), without transposing a: row i of b is
// added, scaled, to the rows of dst named by the columns of row i of a.
// Element (j, :) of dst is thus summed in order of increasing row of a,
// exactly as a product with the CSR transpose of a would sum it. The
// columns of a are cut into ranges of about equal numbers of stored entries;
// each range is handled by one goroutine, which reads all of b.
//
// Scattering reads each row of b once per range and updates rows of dst
// that are mostly hot in cache (term frequencies follow Zipf's law); on
// TF-IDF matrices it is about 25% faster than gathering rows of b through
// the transpose, and needs no transpose.
func mulSparseTDense(dst blas64.General, a *Sparse, b blas64.General) {
	if b.Rows != a.rows {
		panic("vectorize: mulSparseTDense: shape mismatch")
	}
	scatterSparseT(dst, a, b.Cols, rowsOf(b), false)
}

// addSparseTDense adds aᵀ × b to dst: the scaled rows of b are added to the
// rows of dst in order of increasing row of a, as mulSparseTDense sums them
// from zero.
func addSparseTDense(dst blas64.General, a *Sparse, b blas64.General) {
	if b.Rows != a.rows {
		panic("vectorize: addSparseTDense: shape mismatch")
	}
	scatterSparseT(dst, a, b.Cols, rowsOf(b), true)
}

// mulSparseTRows is mulSparseTDense with b (a.rows × k) read through row,
// so that b may be a single-precision matrix: its rows are converted to
// float64 and the products and sums are in float64.
func mulSparseTRows(dst blas64.General, a *Sparse, k int, row rowSource) {
	scatterSparseT(dst, a, k, row, false)
}

// scatterSparseT implements the products with aᵀ: the rows of b (k
// columns, read through row) scaled and scattered into dst, which is
// cleared first unless add.
func scatterSparseT(dst blas64.General, a *Sparse, k int, row rowSource, add bool) {
	if dst.Rows != a.cols || dst.Cols != k {
		panic("vectorize: mulSparseTDense: shape mismatch")
	}
	work := func(j0, j1 int) {
		for j := j0; j < j1 && !add; j++ {
			clear(dst.Data[j*dst.Stride : j*dst.Stride+k])
		}
		buf := make([]float64, k)
		for i := range a.rows {
			lo, hi := a.indptr[i], a.indptr[i+1]
			if lo == hi || int(a.ind[hi-1]) < j0 || int(a.ind[lo]) >= j1 {
				continue
			}
			if j0 > 0 {
				off, _ := slices.BinarySearch(a.ind[lo:hi], int32(j0))
				lo += off
			}
			r := row(i, buf)
			for p := lo; p < hi && int(a.ind[p]) < j1; p++ {
				j := int(a.ind[p]) * dst.Stride
				simd.AxpyF64(a.data[p], r, dst.Data[j:j+k])
			}
		}
	}
	parallel.Ranges(parallel.Workers(0), columnCuts(a, k), work)
}

// columnCuts returns the cuts of the columns of a into ranges of about equal
// numbers of stored entries for the scattering products with k columns: one
// range when one goroutine will do, 2·GOMAXPROCS otherwise.
func columnCuts(a *Sparse, k int) []int {
	workers := parallel.Workers(0)
	if workers <= 1 || a.cols < 2 || len(a.data)*k < 1<<18 {
		return []int{0, a.cols}
	}
	count := make([]int, a.cols)
	for _, j := range a.ind {
		count[j]++
	}
	return parallel.Balanced(func(j int) int { return count[j] }, a.cols, 2*workers)
}

// parallelFor calls work on contiguous ranges that together cover [0, n)
// once, from up to GOMAXPROCS goroutines. cost is the approximate number of
// floating-point operations per index; small jobs run on the calling
// goroutine. Callers must make the result for an index independent of the
// range it falls in.
func parallelFor(n int, cost int, work func(lo, hi int)) {
	workers := parallel.Workers(0)
	const minWork = 1 << 16 // flops below which goroutines do not pay off
	if workers <= 1 || n < 2 || n*max(cost, 1) < 2*minWork {
		work(0, n)
		return
	}
	parallel.Ranges(workers, parallel.Even(n, 4*workers), work)
}

// rowSource gives row i of a tall matrix with l columns in float64: either
// a view of the matrix or, for a single-precision one, row i converted into
// buf (len l), which it returns.
type rowSource func(i int, buf []float64) []float64

// rowsOf is the rowSource of a float64 matrix.
func rowsOf(y blas64.General) rowSource {
	return func(i int, _ []float64) []float64 { return y.Data[i*y.Stride : i*y.Stride+y.Cols] }
}

// gramUpper sets the upper triangle of g (l×l, stride l) to yᵀy, for y with
// l columns; the strict lower triangle of g is left untouched. Element
// (a, b) is Σᵢ y[i,a]·y[i,b] summed in order of increasing i. The rows of g
// are split among goroutines in bands of about equal work; every goroutine
// reads all of y.
func gramUpper(g []float64, y blas64.General) { gramRows(g, y.Rows, y.Cols, rowsOf(y)) }

// gramRows is gramUpper of the matrix with the given rows and l columns,
// read through row. Products and sums are in float64 whatever the type of
// the rows.
func gramRows(g []float64, rows, l int, row rowSource) {
	for a := range l {
		clear(g[a*l+a : a*l+l])
	}
	work := func(a0, a1 int) {
		// Rows are taken gramBlock at a time, so that each row of g is
		// loaded and stored once per block (simd.AxpyRowsF64), not per row;
		// the products are still added in order of increasing row of y.
		buf := make([]float64, gramBlock*l)
		coef, off := make([]float64, 0, gramBlock), make([]int, 0, gramBlock)
		for i0 := 0; i0 < rows; i0 += gramBlock {
			nb := min(gramBlock, rows-i0)
			for b := range nb {
				r := buf[b*l : (b+1)*l]
				copy(r, row(i0+b, r))
			}
			for a := a0; a < a1; a++ {
				coef, off = coef[:0], off[:0]
				for b := range nb {
					if v := buf[b*l+a]; v != 0 {
						coef = append(coef, v)
						off = append(off, b*l+a)
					}
				}
				simd.AxpyRowsF64(g[a*l+a:a*l+l], coef, buf, off)
			}
		}
	}
	workers := parallel.Workers(0)
	if workers <= 1 || rows*l*l < 1<<18 {
		work(0, l)
		return
	}
	// Row a of the triangle holds l-a elements; cut it into bands of about
	// equal area, one per worker (a band's results do not depend on its
	// limits).
	parallel.Ranges(workers, parallel.Balanced(func(a int) int { return l - a }, l, workers), work)
}

// gramBlock is the number of rows of y that gramRows adds to g at a time.
const gramBlock = 16

// mulUpperRight sets y = y × t in place, for an upper triangular t (l×l,
// stride l, strict lower triangle ignored) and y with l columns. Rows of y
// are independent and shared among goroutines.
func mulUpperRight(y blas64.General, t []float64) {
	l := y.Cols
	parallelFor(y.Rows, l*l, func(lo, hi int) {
		tmp := make([]float64, l)
		for i := lo; i < hi; i++ {
			row := y.Data[i*y.Stride : i*y.Stride+l]
			copy(tmp, row)
			clear(row)
			for a, v := range tmp {
				if v != 0 {
					simd.AxpyF64(v, t[a*l+a:a*l+l], row[a:])
				}
			}
		}
	})
}

// mulDenseRows sets dst = a × w for row-major a (r×l), w (l×k) and dst
// (r×k). Each row of dst is Σₐ a[i,a]·w[a,:] in order of increasing a. It is
// meant for tall a and small w.
func mulDenseRows(dst, a, w blas64.General) {
	if dst.Rows != a.Rows || a.Cols != w.Rows || dst.Cols != w.Cols {
		panic("vectorize: mulDenseRows: shape mismatch")
	}
	k := w.Cols
	parallelFor(a.Rows, a.Cols*k, func(lo, hi int) {
		var coef []float64
		var off []int
		for i := lo; i < hi; i++ {
			coef, off = coef[:0], off[:0]
			for c, v := range a.Data[i*a.Stride : i*a.Stride+a.Cols] {
				if v != 0 {
					coef = append(coef, v)
					off = append(off, c*w.Stride)
				}
			}
			out := dst.Data[i*dst.Stride : i*dst.Stride+k]
			clear(out)
			simd.AxpyRowsF64(out, coef, w.Data, off)
		}
	})
}

// mulDenseRowsInPlace returns a × w (a.Rows×k) for row-major a (stride
// a.Cols) and w (a.Cols×k, k ≤ a.Cols), stored in the first a.Rows·k
// elements of a.Data, which it overwrites: the rows are computed exactly
// as mulDenseRows computes them, in blocks, and each block is copied down
// only after every row it overwrites has been read. It spares an output as
// large as a when only the product is needed afterwards.
func mulDenseRowsInPlace(a, w blas64.General) blas64.General {
	k := w.Cols
	if a.Cols != w.Rows || k > a.Cols || a.Stride != a.Cols {
		panic("vectorize: mulDenseRowsInPlace: shape mismatch")
	}
	const block = 4096
	tmp := make([]float64, min(block, a.Rows)*k)
	for lo := 0; lo < a.Rows; lo += block {
		hi := min(lo+block, a.Rows)
		src := blas64.General{Rows: hi - lo, Cols: a.Cols, Stride: a.Stride, Data: a.Data[lo*a.Stride : hi*a.Stride]}
		dst := blas64.General{Rows: hi - lo, Cols: k, Stride: k, Data: tmp[:(hi-lo)*k]}
		mulDenseRows(dst, src, w)
		// Rows lo*k/a.Cols .. hi-1 of a lie under the copy: all read.
		copy(a.Data[lo*k:hi*k], dst.Data)
	}
	return blas64.General{Rows: a.Rows, Cols: k, Stride: k, Data: a.Data[: a.Rows*k : a.Rows*k]}
}
