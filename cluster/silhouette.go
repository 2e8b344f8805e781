package cluster

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/internal/parallel"
)

// Silhouette returns the mean silhouette coefficient of the rows of x
// clustered by labels, with the cosine distance 1 - cos, as scikit-learn's
// silhouette_score(x, labels, metric="cosine").
//
// For a row i of cluster A, a(i) is the mean distance to the other rows of A
// and b(i) the smallest mean distance to the rows of another cluster; the
// coefficient is (b-a)/max(a, b), 0 when max(a, b) is 0 or when i is alone in
// its cluster. Rows with a negative label (KMeans labels zero rows -1) are
// ignored. Silhouette returns 0 when fewer than two clusters remain. Rows
// need not be normalized; a zero row, or one holding NaN or ±Inf, has cosine
// 0 with every row. The result is in [-1, 1].
//
// The cost is O(n²·dims) for n rows; see SilhouetteSample for large n.
// Silhouette panics if len(labels) is not the number of rows of x.
func Silhouette(x *mat.Dense, labels []int) float64 {
	return SilhouetteSample(x, labels, 0, nil)
}

// SilhouetteSample is Silhouette computed on a random sample of size rows,
// drawn without replacement from the rows with a non-negative label, like
// scikit-learn's sample_size: distances are only measured within the sample.
// If size <= 0 or it is at least the number of labeled rows, every labeled
// row is used and rnd is not used. A nil rnd means rand.New(rand.NewPCG(0, 0)).
func SilhouetteSample(x *mat.Dense, labels []int, size int, rnd *rand.Rand) float64 {
	r, _ := x.Dims()
	if len(labels) != r {
		panic(fmt.Sprintf("cluster: Silhouette: %d labels for %d rows", len(labels), r))
	}
	var rows []int
	for i, l := range labels {
		if l >= 0 {
			rows = append(rows, i)
		}
	}
	if rnd == nil {
		rnd = rand.New(rand.NewPCG(0, 0))
	}
	rows = sampleRows(rows, size, rnd)
	sub := make([]int, len(rows))
	for i, row := range rows {
		sub[i] = labels[row]
	}
	s := newSilhouetteScorer(x, rows, runtime.GOMAXPROCS(0), false)
	return s.score(sub)
}

// sampleRows returns size of rows drawn without replacement, in increasing
// order, or rows itself if size <= 0 or size >= len(rows).
func sampleRows(rows []int, size int, rnd *rand.Rand) []int {
	if size <= 0 || size >= len(rows) {
		return rows
	}
	rows = slices.Clone(rows)
	for i := range size { // partial Fisher–Yates
		j := i + rnd.IntN(len(rows)-i)
		rows[i], rows[j] = rows[j], rows[i]
	}
	rows = rows[:size]
	slices.Sort(rows)
	return rows
}

// silhouetteRows is the number of rows per chunk of the silhouette.
const silhouetteRows = 64

// maxGram is the largest number of entries of a precomputed Gram matrix.
const maxGram = 1 << 22

// silhouetteScorer scores labelings of a fixed set of m rows.
type silhouetteScorer struct {
	m, d    int
	u       []float64 // m×d, rows normalized (zero rows stay zero)
	gram    []float64 // m×m cosines, or nil: computed per chunk
	workers int
}

// newSilhouetteScorer returns a scorer of the given rows of x. With keepGram,
// the cosines are computed once, if they fit in maxGram entries.
func newSilhouetteScorer(x *mat.Dense, rows []int, workers int, keepGram bool) *silhouetteScorer {
	_, d := x.Dims()
	m := len(rows)
	s := &silhouetteScorer{m: m, d: d, u: make([]float64, m*d), workers: workers}
	for i, row := range rows {
		normalizeTo(s.u[i*d:(i+1)*d], x.RawRowView(row))
	}
	if keepGram && m*m <= maxGram {
		s.gram = make([]float64, m*m)
		parallel.For(workers, numChunks(m, silhouetteRows), func(_, c int) {
			lo, hi := chunkBounds(c, silhouetteRows, m)
			mulTransTo(s.gram[lo*m:hi*m], s.u[lo*d:hi*d], hi-lo, s.u, m, d)
		})
	}
	return s
}

// score returns the mean silhouette of the m rows with the given labels
// (any non-negative values).
func (s *silhouetteScorer) score(labels []int) float64 {
	m := s.m
	// Map labels to 0..q-1.
	ids := slices.Compact(slices.Sorted(slices.Values(labels)))
	q := len(ids)
	if q < 2 {
		return 0
	}
	lab := make([]int, m)
	count := make([]int, q)
	for i, l := range labels {
		lab[i], _ = slices.BinarySearch(ids, l)
		count[lab[i]]++
	}
	coef := make([]float64, m)
	nc := numChunks(m, silhouetteRows)
	workers := min(s.workers, nc)
	sums := make([][]float64, workers)
	var prods [][]float64
	if s.gram == nil {
		prods = make([][]float64, workers)
	}
	for w := range workers {
		sums[w] = make([]float64, q)
		if prods != nil {
			prods[w] = make([]float64, silhouetteRows*m)
		}
	}
	parallel.For(workers, nc, func(w, c int) {
		lo, hi := chunkBounds(c, silhouetteRows, m)
		var cos []float64 // rows lo..hi of the Gram matrix
		if s.gram != nil {
			cos = s.gram[lo*m : hi*m]
		} else {
			cos = prods[w][:(hi-lo)*m]
			mulTransTo(cos, s.u[lo*s.d:hi*s.d], hi-lo, s.u, m, s.d)
		}
		sum := sums[w]
		for i := lo; i < hi; i++ {
			own := lab[i]
			if count[own] == 1 {
				coef[i] = 0
				continue
			}
			clear(sum)
			for j, v := range cos[(i-lo)*m : (i-lo+1)*m] {
				if j != i {
					sum[lab[j]] += cosDist(v)
				}
			}
			a := sum[own] / float64(count[own]-1)
			b := -1.0
			for t, v := range sum {
				if t != own {
					if mean := v / float64(count[t]); b < 0 || mean < b {
						b = mean
					}
				}
			}
			if den := max(a, b); den > 0 {
				coef[i] = (b - a) / den
			} else {
				coef[i] = 0
			}
		}
	})
	var total float64
	for _, v := range coef {
		total += v
	}
	return total / float64(m)
}
