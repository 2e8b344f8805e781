package cluster

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/internal/parallel"
)

// Spherical k-means cut into passes over blocks of rows, for data too large
// for one machine (the topics-beam command runs it on Apache Beam):
//
//	centroids := SeedPlusPlus(sample, k, source)       on one machine
//	repeat:
//	    s := NewLloydSums(k, dims)
//	    s.Add(block, centroids) for every block            anywhere; sums Merge
//	    centroids = s.Centroids(centroids)                 on one machine
//	until s.Objective stops growing (relative change ≤ Tol)
//
// From the same seeds this is KMeans's restart without its bounds: the same
// assignment and update steps, hence the same labels up to rounding in near
// ties, and the same objective sequence (Result.History).

// SeedPlusPlus returns the centroids that KMeans's greedy k-means++ seeding
// picks among the rows of x with rng: min(k, distinct non-zero rows) rows
// of x, normalized, as the rows of a new matrix, in the order picked. With
// a restart's source (RestartSources) and the rows KMeans clusters, they are
// that restart's initial centroids. Seeding a uniform sample of a large
// corpus gives seeds as good as seeding it all, for far less work.
//
// It returns the errors of KMeans for k < 1, non-finite values and a matrix
// without non-zero rows.
func SeedPlusPlus(x *mat.Dense, k int, rng *rand.Rand) (*mat.Dense, error) {
	if k < 1 {
		return nil, fmt.Errorf("cluster: %w: K = %d, need at least 1", ErrInvalidOption, k)
	}
	p, err := prepare(x)
	if err != nil {
		return nil, err
	}
	k = min(k, p.groups)
	s := newSolver(p, k, boundGroups(p.n, k), parallel.Workers(0))
	st := newState(p, k)
	s.seed(st, rng)
	return mat.NewDense(k, p.d, st.cent), nil
}

// LloydSums are what one assignment step of spherical k-means gathers over
// the rows of a matrix, given the centroids: per cluster, the sum of the
// normalized rows most similar to its centroid, their number, and the member
// least similar to it (to repair a cluster left empty); and the objective,
// the sum of each row's cosine to its centroid. Zero rows are skipped.
// With row weights (AddWeighted, as KMeansOptions.Weights) the sums and the
// objective are weighted.
// Sums over disjoint blocks of rows add up (Merge) to the sums over their
// union, up to rounding.
//
// The fields are exported so that the sums can be encoded and sent between
// machines; use NewLloydSums, Add and Merge to fill them.
type LloydSums struct {
	// K and Dims are the number of clusters and of columns.
	K, Dims int
	// Sum is K×Dims, row-major: per cluster, the (weighted) sum of its
	// unit rows.
	Sum []float64
	// Size holds the number of rows of each cluster.
	Size []int
	// Objective is the (weighted) sum over rows of the cosine to their
	// centroid.
	Objective float64
	// WorstSim holds, per cluster, the lowest cosine of a member to the
	// centroid (+Inf for an empty cluster), and Worst (K×Dims, row-major)
	// that member, normalized. Ties keep the member that sorts first by
	// its values, so the result does not depend on the order of blocks.
	// With weights (AddWeighted) only members of positive weight count,
	// and WorstWeight holds the weight of each cluster's (1 without).
	WorstSim    []float64
	Worst       []float64
	WorstWeight []float64
}

// NewLloydSums returns empty sums for k clusters of rows of dims columns.
func NewLloydSums(k, dims int) *LloydSums {
	s := &LloydSums{
		K: k, Dims: dims,
		Sum:         make([]float64, k*dims),
		Size:        make([]int, k),
		WorstSim:    make([]float64, k),
		Worst:       make([]float64, k*dims),
		WorstWeight: make([]float64, k),
	}
	for j := range s.WorstSim {
		s.WorstSim[j] = math.Inf(1)
	}
	return s
}

// Add assigns each non-zero row of x to the centroid (a row of centroids,
// unit length) it is most similar to, the lowest index on ties, and adds it,
// normalized, to the sums. It returns an error wrapping ErrNotFinite if x
// holds NaN or ±Inf, and panics if the shapes disagree with the sums.
func (s *LloydSums) Add(x, centroids *mat.Dense) error {
	return s.AddWeighted(x, nil, centroids)
}

// AddWeighted is Add with a weight per row of x (nil: all 1; finite and
// at least 0, as KMeansOptions.Weights): each row is added to its
// cluster's sum and to the objective times its weight, and only rows of
// positive weight may become a cluster's worst member. It returns an
// error wrapping ErrInvalidOption for weights of the wrong length or out
// of range.
func (s *LloydSums) AddWeighted(x *mat.Dense, weights []float64, centroids *mat.Dense) error {
	n, d := x.Dims()
	if k, cd := centroids.Dims(); k != s.K || cd != s.Dims || d != s.Dims {
		panic(fmt.Sprintf("cluster: LloydSums.Add: %d×%d rows and %d×%d centroids for sums of %d×%d", n, d, k, cd, s.K, s.Dims))
	}
	if err := checkWeights(weights, n); err != nil {
		return err
	}
	unit := make([]float64, n*d)
	w := make([]float64, 0, n) // weights of the kept rows
	kept := 0
	for i := range n {
		row := x.RawRowView(i)
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("cluster: row %d: %w: %v", i, ErrNotFinite, v)
			}
		}
		if normalizeTo(unit[kept*d:(kept+1)*d], row) != 0 {
			kept++
			if weights != nil {
				w = append(w, weights[i])
			} else {
				w = append(w, 1)
			}
		}
	}
	if kept == 0 {
		return nil
	}
	cos := make([]float64, kept*s.K)
	mulTransTo(cos, unit, kept, centroids.RawMatrix().Data, s.K, d)
	for i := range kept {
		sims := cos[i*s.K : (i+1)*s.K]
		best := 0
		for j, v := range sims {
			if v > sims[best] {
				best = j
			}
		}
		row := unit[i*d : (i+1)*d]
		floats.AddScaled(s.Sum[best*d:(best+1)*d], w[i], row)
		s.Size[best]++
		s.Objective += w[i] * sims[best]
		if w[i] > 0 {
			s.offerWorst(best, sims[best], w[i], row)
		}
	}
	return nil
}

// offerWorst makes row, of weight w, the worst member of cluster j if it
// is less similar than the current one (or equally similar and sorts
// first).
func (s *LloydSums) offerWorst(j int, sim, w float64, row []float64) {
	cur := s.Worst[j*s.Dims : (j+1)*s.Dims]
	if sim < s.WorstSim[j] || sim == s.WorstSim[j] && lessRow(row, cur) {
		s.WorstSim[j], s.WorstWeight[j] = sim, w
		copy(cur, row)
	}
}

// lessRow reports whether a sorts before b, comparing values in order.
func lessRow(a, b []float64) bool {
	for i, v := range a {
		if v != b[i] {
			return v < b[i]
		}
	}
	return false
}

// Merge adds the sums o (of other rows, with the same centroids) to s. It
// panics if their shapes differ.
func (s *LloydSums) Merge(o *LloydSums) {
	if o.K != s.K || o.Dims != s.Dims {
		panic(fmt.Sprintf("cluster: LloydSums.Merge of %d×%d sums into %d×%d", o.K, o.Dims, s.K, s.Dims))
	}
	floats.Add(s.Sum, o.Sum)
	for j := range s.K {
		s.Size[j] += o.Size[j]
		if o.Size[j] > 0 && !math.IsInf(o.WorstSim[j], 1) {
			s.offerWorst(j, o.WorstSim[j], o.WorstWeight[j], o.Worst[j*s.Dims:(j+1)*s.Dims])
		}
	}
	s.Objective += o.Objective
}

// Centroids returns the centroids of the update step that follows the
// assignment step s summed (with the centroids prev): each cluster's
// normalized sum; a cluster whose rows cancel out keeps its centroid from
// prev. A cluster left empty receives, in index order, the worst member
// of the cluster of at least two rows whose worst member is least similar
// (lowest cluster index on ties): that member leaves its cluster and
// becomes the empty cluster's centroid. For one empty cluster this is the
// row KMeans moves; a second one cannot take the same donor's next worst
// member (the sums keep one per cluster), so it takes another cluster's.
// It returns the number of clusters repaired; s is not modified.
func (s *LloydSums) Centroids(prev *mat.Dense) (*mat.Dense, int) {
	k, d := s.K, s.Dims
	if r, c := prev.Dims(); r != k || c != d {
		panic(fmt.Sprintf("cluster: LloydSums.Centroids: %d×%d previous centroids for sums of %d×%d", r, c, k, d))
	}
	sum := append([]float64(nil), s.Sum...)
	size := append([]int(nil), s.Size...)
	worst := append([]float64(nil), s.WorstSim...)
	out := mat.NewDense(k, d, nil)
	repaired := 0
	for j := range k {
		if size[j] > 0 {
			continue
		}
		donor := -1
		for c := range k {
			if size[c] >= 2 && !math.IsInf(worst[c], 1) && (donor < 0 || worst[c] < worst[donor]) {
				donor = c
			}
		}
		if donor < 0 {
			continue // no row to spare: the cluster keeps its centroid
		}
		row, wr := s.Worst[donor*d:(donor+1)*d], s.WorstWeight[donor]
		floats.AddScaled(sum[donor*d:(donor+1)*d], -wr, row)
		size[donor]--
		worst[donor] = math.Inf(1) // its next worst member is not known
		floats.ScaleTo(sum[j*d:(j+1)*d], wr, row)
		size[j] = 1
		repaired++
	}
	for j := range k {
		dst := out.RawRowView(j)
		if size[j] == 0 || normalizeTo(dst, sum[j*d:(j+1)*d]) == 0 {
			copy(dst, prev.RawRowView(j))
		}
	}
	return out, repaired
}

// MovedObjective returns the objective of the assignment that s summed,
// measured with the centroids moved to its clusters' normalized sums:
// Σⱼ ‖Sⱼ‖, which is at least s.Objective. It is KMeans's Result.Objective
// when the assignment is final.
func (s *LloydSums) MovedObjective() float64 {
	var obj float64
	for j := range s.K {
		obj += floats.Norm(s.Sum[j*s.Dims:(j+1)*s.Dims], 2)
	}
	return obj
}
