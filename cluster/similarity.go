package cluster

import (
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/internal/parallel"
)

// SparseMatrix is a matrix stored row by row as (column, value) pairs, as a
// TF-IDF matrix in compressed sparse row form is. Row returns the columns of
// the stored entries of row i, strictly increasing and in [0, c), and their
// values; the slices are only read. *vectorize.Sparse implements it.
type SparseMatrix interface {
	Dims() (r, c int)
	Row(i int) (ind []int32, val []float64)
}

// CosineMatrix returns the n×n matrix of cosine similarities between the n
// rows of x. Rows need not be normalized; x is not modified.
//
// The result is symmetric by construction, every entry is in [-1, 1], and
// the diagonal is exactly 1 for non-zero rows. A zero row (an empty
// document) has similarity 0 to every row, itself included, so the matrix
// never holds NaN. Work is split into fixed tiles of rows spread over
// GOMAXPROCS goroutines; the result does not depend on their number.
//
// CosineMatrix returns an error wrapping ErrNoRows if x is empty and one
// wrapping ErrNotFinite if it holds NaN or ±Inf.
func CosineMatrix(x *mat.Dense) (*mat.SymDense, error) {
	u, err := unitDenseOf(x)
	if err != nil {
		return nil, err
	}
	n := u.n
	s := mat.NewSymDense(n, nil)
	raw := s.RawSymmetric()
	u.eachTile(0, func(t tile) {
		for i := t.i0; i < t.i1; i++ {
			row := raw.Data[i*raw.Stride:]
			for j := max(t.j0, i+1); j < t.j1; j++ {
				row[j] = ClampCosine(t.at(i, j))
			}
		}
	})
	for i := range n {
		if !u.empty[i] {
			raw.Data[i*raw.Stride+i] = 1
		}
	}
	return s, nil
}

// SparseCosineMatrix is CosineMatrix for a sparse matrix such as a TF-IDF
// matrix: it returns the n×n cosine similarities between the rows of x,
// computed from the stored entries alone. The same properties hold: the
// result is symmetric, in [-1, 1], 1 on the diagonal of non-empty rows and
// 0 on every entry of an empty row.
//
// It returns an error wrapping ErrNoRows if x has no rows, ErrNotFinite if a
// value is NaN or ±Inf, and ErrInvalidOption if a row's columns are not
// strictly increasing within [0, c) or its slices differ in length.
func SparseCosineMatrix(x SparseMatrix) (*mat.SymDense, error) {
	u, err := unitSparseOf(x)
	if err != nil {
		return nil, err
	}
	n := u.n
	s := mat.NewSymDense(n, nil)
	raw := s.RawSymmetric()
	accs := make([]*accumulator, parallel.Workers(0))
	parallel.For(len(accs), numChunks(n, chunkRows), func(w, c int) {
		if accs[w] == nil {
			accs[w] = newAccumulator(n)
		}
		a := accs[w]
		lo, hi := chunkBounds(c, chunkRows, n)
		for i := lo; i < hi; i++ {
			a.dots(u, i)
			row := raw.Data[i*raw.Stride:]
			for _, j := range a.touched {
				if int(j) > i {
					row[j] = ClampCosine(a.acc[j])
				}
			}
			a.reset()
		}
	})
	for i := range n {
		if !u.empty[i] {
			raw.Data[i*raw.Stride+i] = 1
		}
	}
	return s, nil
}

// tileRows is the side of the square tiles of products of dense rows: two
// blocks of 128 rows of 100 LSA dimensions and their 128×128 products fit
// in a core's L2 cache.
const tileRows = 128

// tilePair returns the block row and column (bi <= bj) of tile c among the
// nb(nb+1)/2 tiles of the upper triangle, numbered diagonal by diagonal (the
// main diagonal first), so that tiles processed at the same time touch
// different blocks of rows.
func tilePair(c, nb int) (bi, bj int) {
	k := 0
	for ; c >= nb-k; k++ {
		c -= nb - k
	}
	return c, c + k
}

// tile is the block of dot products of rows [i0, i1) with rows [j0, j1), in
// block row bi and block column bj (bi <= bj) of the upper triangle.
type tile struct {
	bi, bj, i0, i1, j0, j1 int
	dots                   []float64 // (i1-i0)×(j1-j0) row-major
}

// at returns the dot product of rows i and j of t's blocks.
func (t tile) at(i, j int) float64 { return t.dots[(i-t.i0)*(t.j1-t.j0)+j-t.j0] }

// eachTile computes every tile of the upper triangle of the rows' dot
// products, each in a buffer of its worker's own, and passes it to visit,
// the tiles shared out among workers goroutines (0: GOMAXPROCS). visit may
// run concurrently for tiles of other blocks; tiles processed at the same
// time are numbered so that they mostly touch different blocks.
func (u *unitDense) eachTile(workers int, visit func(tile)) {
	nb := numChunks(u.n, tileRows)
	bufs := make([][]float64, parallel.Workers(workers))
	parallel.For(len(bufs), nb*(nb+1)/2, func(w, c int) {
		var t tile
		t.bi, t.bj = tilePair(c, nb)
		t.i0, t.i1 = chunkBounds(t.bi, tileRows, u.n)
		t.j0, t.j1 = chunkBounds(t.bj, tileRows, u.n)
		if bufs[w] == nil {
			bufs[w] = make([]float64, tileRows*tileRows)
		}
		t.dots = bufs[w]
		u.dotTile(t.dots, t.i0, t.i1, t.j0, t.j1)
		visit(t)
	})
}

// unitDense holds the rows of a dense matrix scaled to unit length; zero rows
// stay zero and are marked empty.
type unitDense struct {
	n, d  int
	data  []float64 // n×d row-major
	empty []bool
}

func (u *unitDense) row(i int) []float64 { return u.data[i*u.d : (i+1)*u.d] }

// unitDenseOf checks x and returns its normalized rows.
func unitDenseOf(x *mat.Dense) (*unitDense, error) {
	if x == nil || x.IsEmpty() {
		return nil, fmt.Errorf("cluster: %w: the matrix is empty", ErrNoRows)
	}
	r, d := x.Dims()
	u := &unitDense{n: r, d: d, data: make([]float64, r*d), empty: make([]bool, r)}
	for i := range r {
		src := x.RawRowView(i)
		for _, v := range src {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("cluster: row %d: %w: %v", i, ErrNotFinite, v)
			}
		}
		u.empty[i] = normalizeTo(u.row(i), src) == 0
	}
	return u, nil
}

// dotTile sets t[(i-i0)(j1-j0) + j-j0] to the dot product of rows i and j,
// for i in [i0, i1) and j in [j0, j1). Each product is floats.Dot of the two
// rows, whose rounding depends only on the two rows (and is the same with
// the rows swapped), so every tile gives the same value for the same pair.
func (u *unitDense) dotTile(t []float64, i0, i1, j0, j1 int) {
	nj := j1 - j0
	for i := i0; i < i1; i++ {
		a := u.row(i)
		out := t[(i-i0)*nj : (i-i0+1)*nj]
		if u.empty[i] {
			clear(out)
			continue
		}
		for j := j0; j < j1; j++ {
			out[j-j0] = floats.Dot(a, u.row(j))
		}
	}
}

// unitSparse holds the rows of a sparse matrix scaled to unit length, by rows
// (CSR) and by columns (postings: for each column, the rows that store it,
// increasing).
type unitSparse struct {
	n, cols int
	ptr     []int
	ind     []int32
	val     []float64
	empty   []bool // rows with no non-zero value

	cptr []int
	crow []int32
	cval []float64
}

// unitSparseOf checks x and returns its normalized rows and postings.
func unitSparseOf(x SparseMatrix) (*unitSparse, error) {
	if x == nil {
		return nil, fmt.Errorf("cluster: %w: the matrix is empty", ErrNoRows)
	}
	r, c := x.Dims()
	if r == 0 {
		return nil, fmt.Errorf("cluster: %w: the matrix is empty", ErrNoRows)
	}
	u := &unitSparse{n: r, cols: c, ptr: make([]int, 1, r+1), empty: make([]bool, r)}
	for i := range r {
		ind, val := x.Row(i)
		if len(ind) != len(val) {
			return nil, fmt.Errorf("cluster: %w: row %d has %d columns and %d values", ErrInvalidOption, i, len(ind), len(val))
		}
		start := len(u.val)
		prev := int32(-1)
		for p, j := range ind {
			v := val[p]
			if j <= prev || int(j) >= c {
				return nil, fmt.Errorf("cluster: %w: row %d: column %d out of order or outside [0, %d)", ErrInvalidOption, i, j, c)
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("cluster: row %d: %w: %v", i, ErrNotFinite, v)
			}
			prev = j
			if v != 0 {
				u.ind = append(u.ind, j)
				u.val = append(u.val, v)
			}
		}
		if normalizeTo(u.val[start:], u.val[start:]) == 0 {
			u.ind, u.val = u.ind[:start], u.val[:start]
			u.empty[i] = true
		}
		u.ptr = append(u.ptr, len(u.val))
	}
	u.cptr = make([]int, c+1)
	for _, j := range u.ind {
		u.cptr[j+1]++
	}
	for j := range c {
		u.cptr[j+1] += u.cptr[j]
	}
	u.crow = make([]int32, len(u.ind))
	u.cval = make([]float64, len(u.val))
	next := append([]int(nil), u.cptr[:c]...)
	for i := range r {
		for p := u.ptr[i]; p < u.ptr[i+1]; p++ {
			j := u.ind[p]
			u.crow[next[j]] = int32(i)
			u.cval[next[j]] = u.val[p]
			next[j]++
		}
	}
	return u, nil
}

// accumulator computes the dot products of one sparse row with all rows.
type accumulator struct {
	acc     []float64
	seen    []bool
	touched []int32 // rows sharing a column with the current row, in first-seen order
}

func newAccumulator(n int) *accumulator {
	return &accumulator{acc: make([]float64, n), seen: make([]bool, n)}
}

// dots sets acc[j] to the dot product of rows i and j of u for every row j
// sharing a column with row i, and lists those rows in touched. Each sum
// runs over the shared columns in increasing order, the order a merge of the
// two rows would use, so acc[j] for row i equals acc[i] for row j.
func (a *accumulator) dots(u *unitSparse, i int) {
	for p := u.ptr[i]; p < u.ptr[i+1]; p++ {
		t, v := u.ind[p], u.val[p]
		for q := u.cptr[t]; q < u.cptr[t+1]; q++ {
			j := u.crow[q]
			if !a.seen[j] {
				a.seen[j] = true
				a.touched = append(a.touched, j)
			}
			a.acc[j] += v * u.cval[q]
		}
	}
}

// reset zeroes what dots set.
func (a *accumulator) reset() {
	for _, j := range a.touched {
		a.acc[j] = 0
		a.seen[j] = false
	}
	a.touched = a.touched[:0]
}

// blockLocks guards the per-row state of blocks of rows updated by several
// goroutines.
type blockLocks []sync.Mutex
