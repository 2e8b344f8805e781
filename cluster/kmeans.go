package cluster

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync/atomic"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/internal/parallel"
)

// KMeansOptions configures KMeans. The zero value of each field except K
// means its documented default.
type KMeansOptions struct {
	// K is the number of clusters, at least 1. It is capped at the number of
	// distinct non-zero rows; Result.K tells the number used.
	K int

	// Restarts is the number of independent k-means++ seedings, each run to
	// convergence; the run with the highest objective is kept (the earliest
	// on ties). Zero means 10.
	Restarts int

	// MaxIter is the maximum number of assignment steps per restart.
	// Zero means 300.
	MaxIter int

	// Tol stops a restart when the objective grew by no more than
	// Tol·|objective| in one iteration. Zero means 1e-6; a negative Tol
	// iterates until no assignment changes (or MaxIter).
	Tol float64

	// Rand is the source of randomness. Nil means rand.New(rand.NewPCG(0, 0)).
	// KMeans draws one seed per restart from it before the first restart.
	Rand *rand.Rand

	// BatchSize, if positive, switches to mini-batch k-means (Sculley 2010)
	// for large inputs, where Lloyd's algorithm on every point is too slow:
	// the restarts run k-means++ and Lloyd's algorithm on a uniform sample
	// of max(3·BatchSize, 3·K) points and keep the best; then each step
	// draws BatchSize points uniformly (with replacement), assigns them to
	// the nearest centroid and moves each centroid to the normalized running
	// sum of all points ever assigned to it (its sample cluster counting as
	// its first points); the steps stop when an exponentially weighted mean
	// of the batch objective has not improved for 10 steps (after at least
	// one pass's worth of points), or after MaxIter passes' worth; last,
	// Lloyd's algorithm runs from those centroids on all points, as without
	// BatchSize (MaxIter, Tol), so the result is a local optimum like
	// Lloyd's, reached in far fewer full passes. If the sample would hold
	// every point, it is plain k-means.
	//
	// Zero means automatic: AutoBatchSize(n) for n non-zero rows, that is
	// mini-batch k-means with batches of 4,096 from 50,000 rows on, and
	// Lloyd's algorithm on all points below. Negative means Lloyd's
	// algorithm on all points whatever n.
	BatchSize int

	// Progress, if not nil, is called as the work advances with the units
	// done and their total: for Lloyd's algorithm a unit is a restart; for
	// mini-batch k-means, Restarts units for the restarts on the sample,
	// one for the mini-batch steps and one for Lloyd's algorithm after
	// them. Restarts run concurrently, so Progress may be called from
	// several goroutines at once, and done may arrive out of order.
	Progress func(done, total int)

	// Workers is the number of goroutines. Zero means runtime.GOMAXPROCS(0).
	// The result does not depend on it.
	Workers int

	// Weights, if not nil, holds one weight per row of the matrix (zero
	// rows included), finite and at least 0, not 0 for every non-zero row:
	// a row of weight w pulls on its centroid as w copies of it would.
	// Centroids are the normalized weighted sums of their rows, the
	// objective is Σᵢ wᵢ·cos(xᵢ, c_label(i)), k-means++ draws each seed
	// after the first with probability proportional to D²·w (the first
	// uniformly among rows of positive weight), mini-batch steps draw rows
	// uniformly and add them weighted (see the package documentation), and
	// an empty cluster takes the worst-served row of positive weight.
	// Every row is still assigned to its most similar centroid: a row of
	// weight 0 gets a label but moves no centroid (a cluster of such rows
	// only keeps its seed, or its last centroid, as centroid). Nil means every weight
	// is 1, and all weights 1 give the same result, bit for bit.
	Weights []float64

	// SeedUnweighted makes k-means++ ignore Weights: the first seed is
	// drawn uniformly among all rows and each next one with probability
	// proportional to D², as without weights, so that a group of rows of
	// low weight (a story told in short documents) still gets a seed of
	// its own; the weights then only set where the centroids settle. It
	// has no effect without Weights.
	SeedUnweighted bool
}

// Result is a clustering of the rows of a matrix.
type Result struct {
	// K is the number of clusters: the requested K capped at the number of
	// distinct non-zero rows; callers should report when it is smaller than
	// requested.
	K int

	// Labels holds the cluster of each row, in [0, K), or -1 for a zero row.
	// Clusters are numbered by size, largest first, ties broken by the
	// smallest row index in the cluster.
	Labels []int

	// Centroids is K×dims; row c is the normalized mean of the normalized
	// rows of cluster c (unit length).
	Centroids *mat.Dense

	// Similarity holds, per row, the cosine between the row and the centroid
	// of its cluster, or 0 for a zero row.
	Similarity []float64

	// Sizes holds the number of rows of each cluster; all are positive and
	// they sum to the number of non-zero rows.
	Sizes []int

	// Objective is the sum of Similarity, each weighted by its row's
	// KMeansOptions.Weights: the spherical k-means objective, higher is
	// better. At most the total weight of the non-zero rows.
	Objective float64

	// Iterations is the number of assignment steps of the kept restart.
	Iterations int

	// BatchSteps is the number of mini-batch steps (KMeansOptions.BatchSize),
	// before the final full assignment step; 0 for Lloyd's algorithm.
	BatchSteps int

	// History holds the objective after each assignment step of the kept
	// restart (len(History) == Iterations). It never decreases, up to
	// rounding, and Objective (computed with the final centroids) is at
	// least its last element.
	History []float64
}

// Defaults of KMeansOptions.
const (
	defaultRestarts = 10
	defaultMaxIter  = 300
	defaultTol      = 1e-6
)

// ProgressTotal returns the total that KMeans passes to Progress with
// these options: Restarts (zero: its default), two more with a positive
// BatchSize, and with a zero (automatic) BatchSize too, since the number
// of rows is not known. It is an upper bound: mini-batch k-means on a
// small input is plain k-means, with Restarts units. ProgressTotalFor
// gives the exact total for a number of rows.
func (o KMeansOptions) ProgressTotal() int {
	o = o.withDefaults()
	if o.BatchSize >= 0 {
		return o.Restarts + 2
	}
	return o.Restarts
}

// ProgressTotalFor returns the total that KMeans passes to Progress with
// these options for a matrix of n non-zero rows (an upper bound when the
// rows are fewer than K or mostly equal).
func (o KMeansOptions) ProgressTotalFor(n int) int {
	o = o.withDefaults()
	if b := o.batchFor(n); b > 0 && max(initSamples*b, initSamples*o.K) < n {
		return o.Restarts + 2
	}
	return o.Restarts
}

// Automatic mini-batch k-means (KMeansOptions.BatchSize zero): from
// autoBatchRows rows on, batches of autoBatch. Measured on generated news
// corpora (bench/results.md, "Mini-batch by default"): at 50,000 rows and
// k = 50, mini-batch then Lloyd takes a fraction of the time of ten Lloyd
// restarts for the same NMI against the gold labels, and below it the
// saving is small; all the shared corpora (at most 18,846 rows) stay on
// Lloyd's algorithm.
const (
	autoBatchRows = 50_000
	autoBatch     = 4096
)

// AutoBatchSize returns the batch size that a zero KMeansOptions.BatchSize
// stands for with n non-zero rows: 4,096 from 50,000 rows on, else 0
// (Lloyd's algorithm on all points).
func AutoBatchSize(n int) int {
	if n >= autoBatchRows {
		return autoBatch
	}
	return 0
}

// batchFor returns the batch size to use for n non-zero rows: BatchSize if
// positive, AutoBatchSize(n) if zero, 0 (Lloyd's algorithm) if negative.
func (o KMeansOptions) batchFor(n int) int {
	switch {
	case o.BatchSize > 0:
		return o.BatchSize
	case o.BatchSize == 0:
		return AutoBatchSize(n)
	}
	return 0
}

// check validates every field but K.
func (o *KMeansOptions) check() error {
	switch {
	case o.Restarts < 0:
		return fmt.Errorf("cluster: %w: Restarts = %d is negative", ErrInvalidOption, o.Restarts)
	case o.MaxIter < 0:
		return fmt.Errorf("cluster: %w: MaxIter = %d is negative", ErrInvalidOption, o.MaxIter)
	case o.Workers < 0:
		return fmt.Errorf("cluster: %w: Workers = %d is negative", ErrInvalidOption, o.Workers)
	case math.IsNaN(o.Tol):
		return fmt.Errorf("cluster: %w: Tol is NaN", ErrInvalidOption)
	}
	return nil
}

// withDefaults returns o with zero fields set to their defaults.
func (o KMeansOptions) withDefaults() KMeansOptions {
	if o.Restarts == 0 {
		o.Restarts = defaultRestarts
	}
	if o.MaxIter == 0 {
		o.MaxIter = defaultMaxIter
	}
	if o.Tol == 0 {
		o.Tol = defaultTol
	}
	if o.Rand == nil {
		o.Rand = rand.New(rand.NewPCG(0, 0))
	}
	o.Workers = parallel.Workers(o.Workers)
	return o
}

// KMeans clusters the rows of x by spherical k-means: rows are compared by
// cosine similarity, each row is assigned to the centroid it is most similar
// to, and each centroid is the normalized mean of its rows. x is not
// modified; rows need not be normalized. Zero rows get label -1.
//
// KMeans returns an error wrapping ErrInvalidOption if opt.K < 1 or another
// option is out of range (Weights of the wrong length, negative or not
// finite, or 0 for every non-zero row), ErrNotFinite if x holds NaN or ±Inf, and ErrNoRows
// if x has no non-zero row. See the package documentation for the algorithm
// and the edge cases.
func KMeans(x *mat.Dense, opt KMeansOptions) (*Result, error) {
	if opt.K < 1 {
		return nil, fmt.Errorf("cluster: %w: K = %d, need at least 1", ErrInvalidOption, opt.K)
	}
	if err := opt.check(); err != nil {
		return nil, err
	}
	p, err := prepareWeighted(x, opt.Weights)
	if err != nil {
		return nil, err
	}
	return solve(p, opt.withDefaults()), nil
}

// solve runs mini-batch k-means if opt.batchFor(p.n) is positive and
// Lloyd's algorithm otherwise, on prepared points with validated,
// defaulted options.
func solve(p *points, opt KMeansOptions) *Result {
	if b := opt.batchFor(p.n); b > 0 {
		opt.BatchSize = b
		return minibatch(p, opt)
	}
	return kmeans(p, opt)
}

// kmeans runs KMeans on prepared points with validated, defaulted options.
//
// Restarts run concurrently when there are enough workers: up to
// min(Workers, Restarts) restarts at once, each with its share of the
// workers for its chunks. A restart's result does not depend on how many
// workers it has, and the best restart is chosen by (objective, then lowest
// restart index), so the result does not depend on the scheduling.
func kmeans(p *points, opt KMeansOptions) *Result {
	k := min(opt.K, p.groups)
	sources := RestartSources(opt.Rand, opt.Restarts)
	outer := min(opt.Workers, opt.Restarts, max(1, maxSolverFloats/solverFloats(p, k)))
	inner := max(1, opt.Workers/outer)
	type run struct {
		st      *state
		restart int
	}
	bests := make([]run, outer)
	var next, finished atomic.Int64
	parallel.For(outer, outer, func(_, w int) {
		s := newSolver(p, k, boundGroups(p.n, k), inner)
		s.seedUnweighted = opt.SeedUnweighted
		cur, best := newState(p, k), run{newState(p, k), -1}
		for {
			r := int(next.Add(1)) - 1
			if r >= len(sources) {
				break
			}
			s.run(cur, sources[r], opt.MaxIter, opt.Tol)
			if opt.Progress != nil {
				opt.Progress(int(finished.Add(1)), opt.Restarts)
			}
			if best.restart < 0 || cur.objective > best.st.objective {
				cur, best = best.st, run{cur, r}
			}
		}
		bests[w] = best
	})
	best := bests[0]
	for _, b := range bests[1:] {
		if b.restart >= 0 && (b.st.objective > best.st.objective ||
			b.st.objective == best.st.objective && b.restart < best.restart) {
			best = b
		}
	}
	return best.st.result(p, k)
}

// RestartSources returns the random sources of the restarts of KMeans with
// Lloyd's algorithm (BatchSize zero): before the first restart, KMeans
// draws them from rng (KMeansOptions.Rand), one per restart, and restart r
// seeds with source r. Seeding the same rows with SeedPlusPlus and source r
// gives restart r's initial centroids.
func RestartSources(rng *rand.Rand, restarts int) []*rand.Rand {
	out := make([]*rand.Rand, restarts)
	for r := range out {
		out[r] = rand.New(rand.NewPCG(rng.Uint64(), rng.Uint64()))
	}
	return out
}

// state is one restart's clustering of the points.
type state struct {
	labels    []int     // per point, in [0, k)
	sims      []float64 // per point: cosine to its centroid
	cent      []float64 // k×d, unit rows
	cent32    []float32 // cent rounded to float32, for the assignment steps
	history   []float64
	objective float64
}

func newState(p *points, k int) *state {
	return &state{
		labels: make([]int, p.n),
		sims:   make([]float64, p.n),
		cent:   make([]float64, k*p.d),
		cent32: make([]float32, k*p.d),
	}
}

// setCentroid sets centroid j to the unit vector c, in both precisions.
func (st *state) setCentroid(j int, c []float64) {
	d := len(c)
	copy(st.cent[j*d:(j+1)*d], c)
	toFloat32(st.cent32[j*d:(j+1)*d], c)
}

// result renumbers the clusters of st by size and maps them back to the rows
// of the input matrix.
func (st *state) result(p *points, k int) *Result {
	sizes := make([]int, k)
	first := make([]int, k)
	for i := range first {
		first[i] = -1
	}
	for i, l := range st.labels {
		sizes[l]++
		if first[l] < 0 {
			first[l] = i
		}
	}
	order := make([]int, k) // order[new] = old
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(sizes[b], sizes[a]), cmp.Compare(first[a], first[b]))
	})
	newID := make([]int, k)
	res := &Result{
		K:          k,
		Labels:     make([]int, p.rows),
		Centroids:  mat.NewDense(k, p.d, nil),
		Similarity: make([]float64, p.rows),
		Sizes:      make([]int, k),
		Objective:  st.objective,
		Iterations: len(st.history),
		History:    slices.Clone(st.history),
	}
	for c, old := range order {
		newID[old] = c
		res.Sizes[c] = sizes[old]
		copy(res.Centroids.RawRowView(c), st.cent[old*p.d:(old+1)*p.d])
	}
	for i := range res.Labels {
		res.Labels[i] = -1
	}
	for i, l := range st.labels {
		res.Labels[p.index[i]] = newID[l]
		res.Similarity[p.index[i]] = st.sims[i]
	}
	return res
}
