package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/internal/parallel"
)

// NeighborOptions configures Neighbors and SparseNeighbors.
type NeighborOptions struct {
	// N is the number of neighbours per row, at least 1.
	N int

	// Workers is the number of goroutines. Zero means runtime.GOMAXPROCS(0).
	// The result does not depend on it.
	Workers int
}

// Neighbor is one row's similarity to another.
type Neighbor struct {
	// Index is the row of the neighbour.
	Index int
	// Similarity is the cosine between the two rows, in [-1, 1].
	Similarity float64
}

// better reports whether a ranks before b: a higher similarity, or the same
// similarity and a lower index.
func better(a, b Neighbor) bool {
	return a.Similarity > b.Similarity || a.Similarity == b.Similarity && a.Index < b.Index
}

func compareNeighbors(a, b Neighbor) int {
	return cmp.Or(cmp.Compare(b.Similarity, a.Similarity), cmp.Compare(a.Index, b.Index))
}

// Neighbors returns, for each row of x, its N nearest neighbours by cosine
// similarity: the N other non-zero rows most similar to it, most similar
// first, ties broken by the lower row index. A row with fewer than N other
// non-zero rows lists them all; a zero row (an empty document) has no
// neighbours (a nil list) and is nobody's neighbour. Similarities are the
// values of CosineMatrix, bit for bit.
//
// The n×n matrix is never stored: the rows are cut into blocks of 128, and
// the products of each pair of blocks of the upper triangle (computed once
// for both rows of a pair) are folded into bounded per-row heaps, the pairs
// of blocks shared out among Workers goroutines. Memory is O(n·(N + dims))
// and time O(n²·dims/2). Because a heap keeps the N best under a total order,
// the result does not depend on the order of the updates, hence not on
// Workers or GOMAXPROCS.
//
// Neighbors returns an error wrapping ErrInvalidOption if N < 1 or Workers <
// 0, ErrNoRows if x is empty and ErrNotFinite if it holds NaN or ±Inf.
func Neighbors(x *mat.Dense, opt NeighborOptions) ([][]Neighbor, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	u, err := unitDenseOf(x)
	if err != nil {
		return nil, err
	}
	h := newHeaps(u.n, opt.N)
	locks := make(blockLocks, numChunks(u.n, tileRows))
	u.eachTile(opt.Workers, func(t tile) {
		locks[t.bi].Lock()
		h.foldRows(t, u.empty)
		locks[t.bi].Unlock()
		if t.bi == t.bj {
			return
		}
		locks[t.bj].Lock()
		h.foldColumns(t, u.empty)
		locks[t.bj].Unlock()
	})
	return h.lists(u.empty), nil
}

// foldRows offers each row i of t's block row its similarities to the rows
// of t's block column.
func (h *heaps) foldRows(t tile, empty []bool) {
	nj := t.j1 - t.j0
	for i := t.i0; i < t.i1; i++ {
		if empty[i] {
			continue
		}
		floor := h.floor(i)
		for j, v := range t.dots[(i-t.i0)*nj : (i-t.i0+1)*nj] {
			if v = ClampCosine(v); v < floor || j+t.j0 == i || empty[j+t.j0] {
				continue
			}
			h.offer(i, Neighbor{j + t.j0, v})
			floor = h.floor(i)
		}
	}
}

// foldColumns offers each row j of t's block column its similarities to the
// rows of t's block row (the other half of an off-diagonal tile).
func (h *heaps) foldColumns(t tile, empty []bool) {
	for j := t.j0; j < t.j1; j++ {
		if empty[j] {
			continue
		}
		floor := h.floor(j)
		for i := t.i0; i < t.i1; i++ {
			if v := ClampCosine(t.at(i, j)); v >= floor && !empty[i] {
				h.offer(j, Neighbor{i, v})
				floor = h.floor(j)
			}
		}
	}
}

// SparseNeighbors is Neighbors for a sparse matrix such as a TF-IDF matrix:
// each row's N most similar other non-empty rows, most similar first, ties
// broken by the lower index, with the similarities of SparseCosineMatrix.
//
// Each row's dot products are accumulated through the postings of its
// columns, so only rows sharing a column with it are visited; rows sharing
// none have similarity 0 and are listed only when fewer than N rows have a
// positive similarity. Rows are shared out among Workers goroutines in fixed
// chunks. Errors are those of Neighbors and SparseCosineMatrix.
func SparseNeighbors(x SparseMatrix, opt NeighborOptions) ([][]Neighbor, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	u, err := unitSparseOf(x)
	if err != nil {
		return nil, err
	}
	n := u.n
	h := newHeaps(n, opt.N)
	accs := make([]*accumulator, parallel.Workers(opt.Workers))
	parallel.For(len(accs), numChunks(n, chunkRows), func(w, c int) {
		if accs[w] == nil {
			accs[w] = newAccumulator(n)
		}
		a := accs[w]
		lo, hi := chunkBounds(c, chunkRows, n)
		for i := lo; i < hi; i++ {
			if u.empty[i] {
				continue
			}
			a.dots(u, i)
			for _, j := range a.touched {
				if int(j) != i {
					h.offer(i, Neighbor{int(j), ClampCosine(a.acc[j])})
				}
			}
			if worst, full := h.worst(i); !full || worst.Similarity <= 0 {
				// Rows sharing no column (similarity 0) may belong: rank
				// every row.
				h.count[i] = 0
				for j := range n {
					if j != i && !u.empty[j] {
						h.offer(i, Neighbor{j, ClampCosine(a.acc[j])})
					}
				}
			}
			a.reset()
		}
	})
	return h.lists(u.empty), nil
}

func (o *NeighborOptions) check() error {
	switch {
	case o.N < 1:
		return fmt.Errorf("cluster: %w: N = %d neighbours, need at least 1", ErrInvalidOption, o.N)
	case o.Workers < 0:
		return fmt.Errorf("cluster: %w: Workers = %d is negative", ErrInvalidOption, o.Workers)
	}
	return nil
}

// heaps holds one bounded heap of neighbours per row, all in one slice:
// row i's heap is items[i*k : i*k+count[i]], a min-heap under better (its
// root is the worst neighbour kept).
type heaps struct {
	k     int
	items []Neighbor
	count []int
}

func newHeaps(n, k int) *heaps {
	return &heaps{k: k, items: make([]Neighbor, n*k), count: make([]int, n)}
}

// worst returns the root of row i's heap and whether the heap is full.
func (h *heaps) worst(i int) (Neighbor, bool) {
	if h.count[i] == 0 {
		return Neighbor{}, false
	}
	return h.items[i*h.k], h.count[i] == h.k
}

// floor returns a value below which no similarity can enter row i's heap:
// the worst similarity kept once the heap is full, -Inf before. (A value
// equal to it may still enter, with a lower index.)
func (h *heaps) floor(i int) float64 {
	if h.count[i] < h.k {
		return math.Inf(-1)
	}
	return h.items[i*h.k].Similarity
}

// offer adds nb to row i's heap if it is among the k best seen.
func (h *heaps) offer(i int, nb Neighbor) {
	items := h.items[i*h.k : (i+1)*h.k]
	c := h.count[i]
	if c < h.k {
		// Sift up.
		p := c
		for p > 0 {
			parent := (p - 1) / 2
			if !better(items[parent], nb) {
				break
			}
			items[p] = items[parent]
			p = parent
		}
		items[p] = nb
		h.count[i] = c + 1
		return
	}
	if !better(nb, items[0]) {
		return
	}
	// Replace the root and sift down.
	p := 0
	for {
		l := 2*p + 1
		if l >= c {
			break
		}
		if r := l + 1; r < c && better(items[l], items[r]) {
			l = r
		}
		if !better(nb, items[l]) {
			break
		}
		items[p] = items[l]
		p = l
	}
	items[p] = nb
}

// lists returns each row's neighbours, best first; nil for empty rows.
func (h *heaps) lists(empty []bool) [][]Neighbor {
	out := make([][]Neighbor, len(h.count))
	for i, c := range h.count {
		if empty[i] || c == 0 {
			continue
		}
		l := slices.Clone(h.items[i*h.k : i*h.k+c])
		slices.SortFunc(l, compareNeighbors)
		out[i] = l
	}
	return out
}
