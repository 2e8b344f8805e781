package cluster

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/internal/parallel"
)

// ErrNoRows is returned, wrapped, when a matrix has no non-zero row to cluster.
var ErrNoRows = errors.New("no non-zero rows")

// ErrNotFinite is returned, wrapped, when a matrix holds NaN or ±Inf.
var ErrNotFinite = errors.New("value is not finite")

// ErrInvalidOption is returned, wrapped, when an option is out of range.
var ErrInvalidOption = errors.New("invalid option")

// NormalizeRows returns a new matrix holding the rows of x scaled to unit
// Euclidean length. Zero rows, and rows holding NaN or ±Inf, become zero rows.
// x is not modified.
func NormalizeRows(x *mat.Dense) *mat.Dense {
	r, c := x.Dims()
	out := mat.NewDense(r, c, nil)
	for i := range r {
		normalizeTo(out.RawRowView(i), x.RawRowView(i))
	}
	return out
}

// normalizeTo sets dst to src scaled to unit length and returns the norm of
// src. If src is zero or not finite, dst is zeroed and normalizeTo returns 0.
func normalizeTo(dst, src []float64) float64 {
	norm := floats.Norm(src, 2) // scaled: no overflow for large entries
	if norm == 0 || math.IsInf(norm, 0) || math.IsNaN(norm) {
		clear(dst)
		return 0
	}
	for j, v := range src {
		dst[j] = v / norm
	}
	return norm
}

// Cosine returns the cosine of the angle between a and b, in [-1, 1], or 0 if
// either is a zero vector or holds NaN or ±Inf. It panics if the lengths
// differ.
func Cosine(a, b []float64) float64 {
	if len(a) != len(b) {
		panic(fmt.Sprintf("cluster: Cosine of vectors of lengths %d and %d", len(a), len(b)))
	}
	na, nb := floats.Norm(a, 2), floats.Norm(b, 2)
	if !(na > 0 && nb > 0) || math.IsInf(na, 0) || math.IsInf(nb, 0) {
		return 0
	}
	var dot float64
	for i, v := range a {
		dot += (v / na) * (b[i] / nb)
	}
	return ClampCosine(dot)
}

// ClampCosine clamps a cosine that rounding pushed out of [-1, 1].
func ClampCosine(v float64) float64 {
	return max(-1, min(1, v))
}

// Nearest returns the row of centroids (unit rows) with the largest dot
// product with x, the lowest row on ties, and that product clamped to
// [-1, 1]: for a unit x, the most similar centroid and its cosine.
func Nearest(centroids *mat.Dense, x []float64) (int, float64) {
	k, _ := centroids.Dims()
	best, at := math.Inf(-1), -1
	for c := range k {
		if v := floats.Dot(x, centroids.RawRowView(c)); v > best {
			best, at = v, c
		}
	}
	return at, ClampCosine(best)
}

// points holds the non-zero rows of an input matrix, scaled to unit length, in
// row order. It is the working copy every algorithm of the package runs on.
//
// The assignment steps compare points with centroids by the hundreds of
// millions, so the copy they search, vec, is in single precision: half the
// memory and twice the arithmetic speed of float64 (see dot32). Everything
// that is reported (cluster sums, centroids, similarities, objectives) is
// computed in float64 from the unit rows that rowTo rebuilds from the input
// matrix, which is read but never copied in float64.
type points struct {
	rows   int        // rows of the input, zero rows included
	n, d   int        // non-zero rows (points), columns
	vec    []float32  // n×d row-major: unit rows rounded to float32
	x      *mat.Dense // the input
	at     []int      // at[p]: the row of x that is point p
	norm   []float64  // norm[p]: the Euclidean norm of that row
	index  []int      // index[p] is the result row of point p (its input row, or its position in a sample)
	group  []int      // group[p] identifies the distinct direction of point p: 0, 1, ... in order of first appearance
	groups int        // number of distinct non-zero rows, after normalization
	w      []float64  // w[p]: the weight of point p (KMeansOptions.Weights); nil: every weight is 1
}

// weight returns the weight of point i.
func (p *points) weight(i int) float64 {
	if p.w == nil {
		return 1
	}
	return p.w[i]
}

// checkWeights validates weights for a matrix of rows rows: nil, or one
// finite, non-negative weight per row.
func checkWeights(w []float64, rows int) error {
	if w == nil {
		return nil
	}
	if len(w) != rows {
		return fmt.Errorf("cluster: %w: %d Weights for %d rows", ErrInvalidOption, len(w), rows)
	}
	for i, v := range w {
		if !(v >= 0) || math.IsInf(v, 1) {
			return fmt.Errorf("cluster: %w: Weights[%d] = %v, want a finite weight ≥ 0", ErrInvalidOption, i, v)
		}
	}
	return nil
}

// weigh validates w (KMeansOptions.Weights, one per row of p.x) and sets
// the weight of each point; nil leaves every weight 1. Every point's weight
// being 0 is an error.
func (p *points) weigh(w []float64) error {
	if err := checkWeights(w, p.rows); err != nil || w == nil {
		return err
	}
	if !p.setWeights(w) {
		return fmt.Errorf("cluster: %w: every non-zero row has weight 0 (Weights)", ErrInvalidOption)
	}
	return nil
}

// setWeights sets the weight of each point from w (one per row of p.x,
// already checked; nil: every weight 1) and reports whether a point has a
// positive weight.
func (p *points) setWeights(w []float64) bool {
	p.w = nil
	if w == nil {
		return true
	}
	p.w = make([]float64, p.n)
	positive := false
	for i, row := range p.at {
		p.w[i] = w[row]
		positive = positive || w[row] > 0
	}
	return positive
}

// weightsOf returns the weights of the rows listed in rows (nil for nil
// weights): the Weights of a matrix made of those rows.
func weightsOf(w []float64, rows []int) []float64 {
	if w == nil {
		return nil
	}
	out := make([]float64, len(rows))
	for r, i := range rows {
		out[r] = w[i]
	}
	return out
}

// prepareWeighted is prepare followed by weigh.
func prepareWeighted(x *mat.Dense, w []float64) (*points, error) {
	p, err := prepare(x)
	if err != nil {
		return nil, err
	}
	return p, p.weigh(w)
}

// row32 returns point i in single precision.
func (p *points) row32(i int) []float32 { return p.vec[i*p.d : (i+1)*p.d] }

// rowTo sets dst (len d) to point i in double precision: its input row
// divided by the row's norm, the same bits as normalizeTo gives. It returns
// dst.
func (p *points) rowTo(dst []float64, i int) []float64 {
	norm := p.norm[i]
	for j, v := range p.x.RawRowView(p.at[i]) {
		dst[j] = v / norm
	}
	return dst
}

// prepare checks x and builds its points. Two rows are the same point
// direction (one group) when their normalized forms are equal bit for bit
// (with -0 equal to +0), so a row and a positive multiple of it usually share a
// group.
func prepare(x *mat.Dense) (*points, error) {
	if x == nil || x.IsEmpty() {
		return nil, fmt.Errorf("cluster: %w: the matrix is empty", ErrNoRows)
	}
	r, d := x.Dims()
	p := &points{rows: r, d: d, x: x}
	for i := range r {
		src := x.RawRowView(i)
		for _, v := range src {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("cluster: row %d: %w: %v", i, ErrNotFinite, v)
			}
		}
		norm := floats.Norm(src, 2) // scaled: no overflow for large entries
		if norm == 0 || math.IsInf(norm, 0) {
			continue
		}
		p.at = append(p.at, i)
		p.norm = append(p.norm, norm)
	}
	p.n = len(p.at)
	if p.n == 0 {
		return nil, fmt.Errorf("cluster: %w: all %d rows are zero", ErrNoRows, r)
	}
	p.index = p.at
	p.vec = make([]float32, p.n*d)
	parallel.For(0, numChunks(p.n, chunkRows), func(_, c int) {
		buf := make([]float64, d)
		lo, hi := chunkBounds(c, chunkRows, p.n)
		for i := lo; i < hi; i++ {
			for j, v := range p.rowTo(buf, i) {
				p.vec[i*d+j] = float32(v)
			}
		}
	})
	p.groupRows()
	return p, nil
}

// groupRows sets p.group and p.groups. Row hashes are computed in
// parallel; groups are then numbered in row order.
func (p *points) groupRows() {
	seed := maphash.MakeSeed() // only buckets rows; groups are numbered by first appearance
	keys := make([]uint64, p.n)
	parallel.For(0, numChunks(p.n, chunkRows), func(_, c int) {
		buf, row := make([]byte, 8*p.d), make([]float64, p.d)
		lo, hi := chunkBounds(c, chunkRows, p.n)
		for i := lo; i < hi; i++ {
			for j, v := range p.rowTo(row, i) {
				binary.LittleEndian.PutUint64(buf[8*j:], math.Float64bits(v+0)) // -0 + 0 == +0
			}
			keys[i] = maphash.Bytes(seed, buf)
		}
	})
	buckets := make(map[uint64][]int, p.n)
	p.group = make([]int, p.n)
	a, b := make([]float64, p.d), make([]float64, p.d)
	for i, key := range keys {
		g := -1
		if js := buckets[key]; len(js) > 0 {
			p.rowTo(a, i)
			for _, j := range js {
				if floats.Equal(a, p.rowTo(b, j)) {
					g = p.group[j]
					break
				}
			}
		}
		if g < 0 {
			g = p.groups
			p.groups++
			buckets[key] = append(buckets[key], i)
		}
		p.group[i] = g
	}
}
