package vectorize

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/internal/parallel"
)

// Sparse is a read-only matrix in compressed sparse row (CSR) form. Rows are
// documents and columns are terms. Within a row the column indices are
// strictly increasing.
//
// Sparse implements mat.Matrix, so it can be handed to gonum functions that
// only read elements, but the products that LSA needs (MulDenseTo and
// TMulDenseTo) work on the stored entries alone and never densify the matrix.
//
// A Sparse is never modified after NewSparse, so it is safe for concurrent
// use by several goroutines.
type Sparse struct {
	rows, cols int
	indptr     []int
	ind        []int32
	data       []float64
}

// NewSparse returns a rows×cols CSR matrix that takes ownership of indptr,
// ind and data: row i holds the columns ind[indptr[i]:indptr[i+1]] with the
// values data[indptr[i]:indptr[i+1]]. NewSparse panics if the slices are
// inconsistent (a broken invariant, not a user error).
func NewSparse(rows, cols int, indptr []int, ind []int32, data []float64) *Sparse {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("vectorize: negative dimensions %d×%d", rows, cols))
	}
	if len(indptr) != rows+1 || indptr[0] != 0 || indptr[rows] != len(ind) || len(ind) != len(data) {
		panic("vectorize: inconsistent CSR slices")
	}
	for i := 0; i < rows; i++ {
		lo, hi := indptr[i], indptr[i+1]
		if lo > hi {
			panic(fmt.Sprintf("vectorize: CSR row %d has negative length", i))
		}
		prev := int32(-1)
		for _, j := range ind[lo:hi] {
			if j <= prev || int(j) >= cols {
				panic(fmt.Sprintf("vectorize: CSR row %d: column %d out of order or range", i, j))
			}
			prev = j
		}
	}
	return &Sparse{rows: rows, cols: cols, indptr: indptr, ind: ind, data: data}
}

// Dims returns the number of rows (documents) and columns (terms).
func (s *Sparse) Dims() (r, c int) { return s.rows, s.cols }

// At returns the element at row i, column j. It is a binary search within
// the row; use Row to visit the stored entries.
func (s *Sparse) At(i, j int) float64 {
	if i < 0 || i >= s.rows || j < 0 || j >= s.cols {
		panic(mat.ErrIndexOutOfRange)
	}
	ind := s.ind[s.indptr[i]:s.indptr[i+1]]
	lo, hi := 0, len(ind)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(ind[m]) < j {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ind) && int(ind[lo]) == j {
		return s.data[s.indptr[i]+lo]
	}
	return 0
}

// T returns the transpose of s as a mat.Transpose view.
func (s *Sparse) T() mat.Matrix { return mat.Transpose{Matrix: s} }

// NNZ returns the number of stored entries.
func (s *Sparse) NNZ() int { return len(s.data) }

// Row returns the column indices and values stored in row i. The slices
// alias the matrix and must not be modified.
func (s *Sparse) Row(i int) (ind []int32, val []float64) {
	lo, hi := s.indptr[i], s.indptr[i+1]
	return s.ind[lo:hi:hi], s.data[lo:hi:hi]
}

// RowNNZ returns the number of stored entries in row i.
func (s *Sparse) RowNNZ(i int) int { return s.indptr[i+1] - s.indptr[i] }

// MulDenseTo sets dst = s × b, where b is cols×k and dst is rows×k. A zero
// dst is resized; otherwise its dimensions must match. Rows are shared out
// among GOMAXPROCS goroutines; each row of dst is computed by one goroutine
// in a fixed order, so the result does not depend on the number of cores.
func (s *Sparse) MulDenseTo(dst *mat.Dense, b mat.Matrix) {
	br, k := b.Dims()
	if br != s.cols {
		panic(mat.ErrShape)
	}
	bd := denseOf(b)
	prepareDst(dst, s.rows, k)
	mulSparseDense(dst.RawMatrix(), s, bd.RawMatrix())
}

// TMulDenseTo sets dst = sᵀ × b, where b is rows×k and dst is cols×k,
// without transposing s. Like MulDenseTo it is parallel and its result does
// not depend on the number of cores.
func (s *Sparse) TMulDenseTo(dst *mat.Dense, b mat.Matrix) {
	br, k := b.Dims()
	if br != s.rows {
		panic(mat.ErrShape)
	}
	bd := denseOf(b)
	prepareDst(dst, s.cols, k)
	mulSparseTDense(dst.RawMatrix(), s, bd.RawMatrix())
}

// Transpose returns sᵀ as a new CSR matrix (terms × documents).
func (s *Sparse) Transpose() *Sparse {
	count := make([]int, s.cols+1)
	for _, j := range s.ind {
		count[j+1]++
	}
	for j := 0; j < s.cols; j++ {
		count[j+1] += count[j]
	}
	indptr := append([]int(nil), count...)
	ind := make([]int32, len(s.ind))
	data := make([]float64, len(s.data))
	next := count[:s.cols]
	for i := 0; i < s.rows; i++ {
		for p := s.indptr[i]; p < s.indptr[i+1]; p++ {
			j := s.ind[p]
			q := next[j]
			ind[q] = int32(i)
			data[q] = s.data[p]
			next[j]++
		}
	}
	return &Sparse{rows: s.cols, cols: s.rows, indptr: indptr, ind: ind, data: data}
}

// subsetRows returns the rows of s at the given increasing indices, as a
// new matrix.
func (s *Sparse) subsetRows(rows []int) *Sparse {
	indptr := make([]int, 1, len(rows)+1)
	nnz := 0
	for _, i := range rows {
		nnz += s.RowNNZ(i)
		indptr = append(indptr, nnz)
	}
	ind := make([]int32, 0, nnz)
	data := make([]float64, 0, nnz)
	for _, i := range rows {
		ind = append(ind, s.ind[s.indptr[i]:s.indptr[i+1]]...)
		data = append(data, s.data[s.indptr[i]:s.indptr[i+1]]...)
	}
	return &Sparse{rows: len(rows), cols: s.cols, indptr: indptr, ind: ind, data: data}
}

func denseOf(b mat.Matrix) *mat.Dense {
	if d, ok := b.(*mat.Dense); ok {
		return d
	}
	return mat.DenseCopyOf(b)
}

func prepareDst(dst *mat.Dense, r, c int) {
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
		return
	}
	if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(mat.ErrShape)
	}
}

// parallelRows calls work on contiguous row ranges of a that together cover
// every row once, in parallel. Ranges are balanced by stored entries.
func parallelRows(a *Sparse, work func(lo, hi int)) {
	workers := parallel.Workers(0)
	if workers < 2 || a.rows < 64 || len(a.data) < 4096 {
		work(0, a.rows)
		return
	}
	cuts := parallel.Balanced(a.RowNNZ, a.rows, 4*workers)
	parallel.Ranges(workers, cuts, work)
}
