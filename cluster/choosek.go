package cluster

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// ChooseKOptions configures ChooseK. The zero value of each field means its
// documented default.
type ChooseKOptions struct {
	// MinK is the smallest k tried, at least 2. Zero means 2.
	MinK int

	// MaxK is the largest k tried. Zero means min(20, distinct-1), where
	// distinct is the number of distinct non-zero rows; a larger MaxK is
	// capped at distinct-1 (the silhouette needs a cluster of two distinct
	// rows).
	MaxK int

	// SampleSize is the number of non-zero rows on which the silhouette is
	// computed, the same rows for every k. Zero means 2000; a negative value
	// means every non-zero row (O(n²) time).
	SampleSize int

	// KMeans configures the clusterings; its K is ignored. Its Rand, nil
	// meaning seed 0, draws the silhouette sample and then one seed per k,
	// before the first clustering.
	KMeans KMeansOptions
}

// KScore is the quality of the clustering with K clusters.
type KScore struct {
	K          int     // number of clusters
	Silhouette float64 // cosine silhouette on the sample of rows, in [-1, 1], higher is better
	Objective  float64 // KMeans objective: sum of cosines to own centroid (grows with K)
}

// defaultSampleSize is the default ChooseKOptions.SampleSize.
const defaultSampleSize = 2000

// DefaultMaxK caps the default ChooseKOptions.MaxK.
const DefaultMaxK = 20

// ChooseK clusters the rows of x with KMeans for each k in [MinK, MaxK] and
// returns the k with the highest cosine silhouette (the smallest k on ties),
// and the scores of every k tried in increasing order of k.
//
// With fewer than 3 distinct non-zero rows no silhouette can be computed:
// ChooseK then returns k = the number of distinct non-zero rows (1 or 2) and
// no scores. It returns the errors of KMeans, and one wrapping
// ErrInvalidOption if MinK is 1 or negative, MaxK is negative, or
// MinK > MaxK once MaxK is capped.
//
// To obtain the clustering for the chosen k, call KMeans with it.
func ChooseK(x *mat.Dense, opt ChooseKOptions) (k int, scores []KScore, err error) {
	switch {
	case opt.MinK < 0 || opt.MinK == 1:
		return 0, nil, fmt.Errorf("cluster: %w: MinK = %d, need at least 2", ErrInvalidOption, opt.MinK)
	case opt.MaxK < 0:
		return 0, nil, fmt.Errorf("cluster: %w: MaxK = %d is negative", ErrInvalidOption, opt.MaxK)
	}
	if err := opt.KMeans.check(); err != nil {
		return 0, nil, err
	}
	p, err := prepare(x)
	if err != nil {
		return 0, nil, err
	}
	if p.groups < 3 {
		return p.groups, nil, nil
	}
	minK, maxK := opt.MinK, opt.MaxK
	if minK == 0 {
		minK = 2
	}
	if maxK == 0 {
		maxK = DefaultMaxK
	}
	maxK = min(maxK, p.groups-1)
	if minK > maxK {
		return 0, nil, fmt.Errorf("cluster: %w: MinK = %d exceeds MaxK = %d (%d distinct non-zero rows)",
			ErrInvalidOption, minK, maxK, p.groups)
	}
	size := opt.SampleSize
	if size == 0 {
		size = defaultSampleSize
	}
	km := opt.KMeans.withDefaults()
	rows := sampleRows(p.index, size, km.Rand)
	seeds := make([][2]uint64, maxK-minK+1)
	for i := range seeds {
		seeds[i] = [2]uint64{km.Rand.Uint64(), km.Rand.Uint64()}
	}
	scorer := newSilhouetteScorer(x, rows, km.Workers, true)
	sub := make([]int, len(rows))
	best := -1
	for i, seed := range seeds {
		km.K = minK + i
		km.Rand = rand.New(rand.NewPCG(seed[0], seed[1]))
		res := solve(p, km)
		for t, row := range rows {
			sub[t] = res.Labels[row]
		}
		sc := KScore{K: res.K, Silhouette: scorer.score(sub), Objective: res.Objective}
		scores = append(scores, sc)
		if best < 0 || sc.Silhouette > scores[best].Silhouette {
			best = i
		}
	}
	return scores[best].K, scores, nil
}
