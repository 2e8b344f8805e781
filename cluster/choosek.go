package cluster

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/internal/parallel"
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
	p, err := prepareWeighted(x, opt.KMeans.Weights)
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

// LevelOptions configures ChooseLevels. The zero value of each field means
// its documented default.
type LevelOptions struct {
	// MinK and MaxK bound the candidate numbers of clusters. Zero MinK means
	// 2; zero MaxK means ⌈3√n⌉ for n non-zero rows, so that the range grows
	// with the corpus. Both are capped at the number of distinct non-zero
	// rows.
	MinK, MaxK int

	// Step is the ratio between successive candidates: k runs over the
	// geometric sequence MinK, MinK·Step, MinK·Step², … rounded to integers
	// (repeats dropped), and MaxK. Zero means 1.25; otherwise it must
	// exceed 1.
	Step float64

	// Runs is the number of k-means runs, each from a single k-means++
	// seeding, per candidate k; the stability of k is the mean adjusted Rand
	// index over all pairs of runs. Zero means 4; at least 2.
	Runs int

	// Neighbors is the number of nearest neighbours per row in the graph on
	// which modularity is measured. Zero means 10.
	Neighbors int

	// GraphSize is the largest number of rows in that graph: larger inputs
	// are sampled uniformly (the graph links each sampled row to its
	// nearest sampled rows). Zero means 10,000; negative means every row.
	GraphSize int

	// SampleSize is the largest number of non-zero rows on which the
	// candidates are run and scored: larger inputs are sampled uniformly,
	// and the default MaxK follows the sample size. The fine clustering
	// always runs on every row. Zero means 20,000; negative means every
	// row.
	SampleSize int

	// Keep is the smallest score, as a fraction of the best score, of a
	// coarser level: the coarse level is the best-scoring peak of the score
	// below the fine k whose score reaches Keep times the fine k's score;
	// when none does, there is no coarser level. Zero means 0.5; it must
	// lie in (0, 1].
	Keep float64

	// KMeans configures the clustering at the chosen fine k (its K is
	// ignored), which is KMeans(x, KMeans) with K set: the same clustering
	// as a run told that k. Candidate runs use its MaxIter, BatchSize and
	// Tol (at least 1e-4) with one restart each, up to Workers of them at
	// once. Its Progress is called by every run.
	KMeans KMeansOptions

	// Rand draws the sampled rows and then the seeds of every candidate
	// run, before the first one. Nil means rand.New(rand.NewPCG(0, 0)).
	Rand *rand.Rand

	// TopDown makes the fine level inside the coarse one when there is a
	// coarse level: every row goes to the nearest centroid of the coarse
	// candidate's best run, and the rows of each coarse group are
	// clustered by KMeans (with KMeans's options) into a share of the fine
	// k proportional to the group's loss, the sum over its rows of 1 minus
	// their cosine to its centroid (at least 1): more clusters where the
	// rows are spread, fewer for a tight group. The coarse groups
	// then are that run's clusters instead of fine clusters grouped by the
	// majority of their rows, and Fine is no longer the clustering of a run
	// told the fine k (its Iterations is 1 and its History holds its
	// Objective). False: the fine level is KMeans at the fine k.
	TopDown bool
}

// LevelScore is how well the data supports k clusters.
type LevelScore struct {
	// K is the number of clusters.
	K int
	// Stability is the mean adjusted Rand index between the partitions of
	// the runs at K, over every pair of runs: near 1 when k-means finds the
	// same clusters from any seeding, near 0 when the partition is
	// arbitrary.
	Stability float64
	// Modularity is the modularity of the best run (highest objective) on
	// the nearest-neighbour graph: the share of graph edges inside clusters
	// minus the share expected for clusters of the same total degrees.
	Modularity float64
	// Score is Stability × Modularity, each clamped at 0 first: high only
	// when the clusters are both reproducible and respected by the
	// neighbourhoods of their rows.
	Score float64
	// Objective is the k-means objective of the best run.
	Objective float64
}

// Levels is a two-level clustering chosen by ChooseLevels: fine clusters,
// and the coarse groups ("themes") that hold them.
type Levels struct {
	// Fine is the fine clustering: KMeans with LevelOptions.KMeans at the
	// chosen fine k.
	Fine *Result

	// Parent holds the coarse group of each fine cluster, in [0, CoarseK),
	// numbered by size in rows, largest first, ties broken by the smallest
	// fine cluster.
	Parent []int

	// CoarseK is the number of coarse groups; it equals Fine.K (each fine
	// cluster its own group) when the data supports no coarser level.
	CoarseK int

	// Tree merges the fine clusters (its leaves), first within each coarse
	// group, then the groups, by Ward's method: Tree.Cut(CoarseK) equals
	// Parent, and Tree.Cut(k) gives the groups for any other k ≤ Fine.K.
	Tree *Tree

	// Scores holds the score of each candidate k, in increasing order of k.
	Scores []LevelScore

	// FineK and CoarseScoreK are the candidates chosen: the best score, and
	// the coarser candidate whose run gave the coarse groups (equal to
	// FineK without a coarser level).
	FineK, CoarseScoreK int
}

// CoarseLabels returns the coarse group of each row: Parent of its fine
// cluster, or -1 for a row without one (a zero row).
func (l *Levels) CoarseLabels() []int {
	out := make([]int, len(l.Fine.Labels))
	for i, c := range l.Fine.Labels {
		out[i] = -1
		if c >= 0 {
			out[i] = l.Parent[c]
		}
	}
	return out
}

// Defaults of LevelOptions.
const (
	defaultLevelStep      = 1.25
	defaultLevelRuns      = 4
	defaultLevelNeighbors = 10
	defaultGraphSize      = 10000
	defaultLevelSample    = 20000
	defaultLevelKeep      = 0.5
	levelMaxKFactor       = 3 // MaxK = ⌈3√n⌉

	// candidateTol is the smallest Tol of candidate runs: their partitions
	// are compared, not their objectives, and the last iterations to a
	// relative gain of 1e-6 barely move a row.
	candidateTol = 1e-4
)

// Candidates returns the numbers of clusters ChooseLevels tries for an input
// of n distinct non-zero rows, in increasing order, or nil if there are
// fewer than 3 distinct rows or the options are out of range.
func (o LevelOptions) Candidates(n int) []int {
	o, err := o.resolve(n)
	if err != nil || n < 3 {
		return nil
	}
	var ks []int
	for v := float64(o.MinK); ; v *= o.Step {
		k := int(math.Round(v))
		if k >= o.MaxK {
			break
		}
		if len(ks) == 0 || k > ks[len(ks)-1] {
			ks = append(ks, k)
		}
	}
	return append(ks, o.MaxK)
}

// resolve checks the options and fills in defaults for n distinct non-zero
// rows.
func (o LevelOptions) resolve(n int) (LevelOptions, error) {
	if err := o.check(); err != nil {
		return o, err
	}
	o.MinK = cmp.Or(o.MinK, 2)
	if o.MaxK == 0 {
		o.MaxK = int(math.Ceil(levelMaxKFactor * math.Sqrt(float64(n))))
	}
	o.MaxK = min(o.MaxK, n)
	if o.MinK > o.MaxK {
		return o, fmt.Errorf("cluster: %w: MinK = %d exceeds MaxK = %d (%d distinct non-zero rows)",
			ErrInvalidOption, o.MinK, o.MaxK, n)
	}
	o.Step = cmp.Or(o.Step, defaultLevelStep)
	o.Runs = cmp.Or(o.Runs, defaultLevelRuns)
	o.Neighbors = cmp.Or(o.Neighbors, defaultLevelNeighbors)
	o.GraphSize = cmp.Or(o.GraphSize, defaultGraphSize)
	o.SampleSize = cmp.Or(o.SampleSize, defaultLevelSample)
	o.Keep = cmp.Or(o.Keep, defaultLevelKeep)
	return o, nil
}

// check validates the options' ranges.
func (o LevelOptions) check() error {
	switch {
	case o.MinK < 0 || o.MinK == 1:
		return fmt.Errorf("cluster: %w: MinK = %d, need at least 2", ErrInvalidOption, o.MinK)
	case o.MaxK < 0:
		return fmt.Errorf("cluster: %w: MaxK = %d is negative", ErrInvalidOption, o.MaxK)
	case o.Step != 0 && !(o.Step > 1):
		return fmt.Errorf("cluster: %w: Step = %v, want more than 1", ErrInvalidOption, o.Step)
	case o.Runs < 0 || o.Runs == 1:
		return fmt.Errorf("cluster: %w: Runs = %d, need at least 2", ErrInvalidOption, o.Runs)
	case o.Neighbors < 0:
		return fmt.Errorf("cluster: %w: Neighbors = %d is negative", ErrInvalidOption, o.Neighbors)
	case o.Keep != 0 && !(o.Keep > 0 && o.Keep <= 1):
		return fmt.Errorf("cluster: %w: Keep = %v, want a fraction in (0, 1]", ErrInvalidOption, o.Keep)
	}
	return o.KMeans.check()
}

// ChooseLevels clusters the rows of x at two levels chosen from the data:
// fine clusters, and coarse groups of them. It needs no number of clusters.
//
// For each candidate k (LevelOptions.Candidates: a geometric grid from 2 to
// ⌈3√n⌉ by default) it runs k-means Runs times, each from one k-means++
// seeding, and scores k by
//
//	Score(k) = Stability(k) × Modularity(k)
//
// Stability is the mean adjusted Rand index between the runs: a partition
// that k-means finds from any seeding is a structure of the data, not of
// the seeding. Modularity is that of the best run on the graph linking each
// row to its Neighbors nearest rows: clusters that the neighbourhoods of
// their rows respect. Neither suffices alone: stability is high for a split
// of the data into two obvious halves, modularity keeps rising as clusters
// shrink to tight neighbourhoods; their product is high only where both
// hold.
//
// The fine level is the best-scoring k; the final clustering there is
// KMeans with opt.KMeans (its restarts and seed, the clustering of a run
// told that k). The coarse level is a peak of the score below it: the
// best-scoring smaller candidate whose score exceeds those of both its
// neighbours on the grid and is at least Keep (½) of the best. MinK, with
// one neighbour, is never one: k-means splits off an obvious half of the
// data reproducibly, a high score that is no level of topics. A candidate
// on the slope up to the fine k is no level of its own either (k-means
// at 3 on 4 clear groups merges two of them, more or less reproducibly),
// and a peak far below the best is noise. The coarse candidate's best run
// is taken as the coarse partition, and each fine cluster goes to the
// coarse cluster holding most of its rows (ties: the smaller id), so coarse
// groups are unions of fine clusters. Without such a candidate, each fine
// cluster is a group of its own (CoarseK = Fine.K). Last, Agglomerate
// builds the tree of the fine clusters with the coarse groups as
// constraint.
//
// With fewer than 3 distinct non-zero rows no k can be scored: the fine
// clustering then has one cluster per distinct row and there are no scores.
// The result depends on opt.Rand and opt.KMeans.Rand but not on Workers.
// ChooseLevels returns the errors of KMeans and Neighbors, and one wrapping
// ErrInvalidOption if an option is out of range.
func ChooseLevels(x *mat.Dense, opt LevelOptions) (*Levels, error) {
	p, err := prepareWeighted(x, opt.KMeans.Weights)
	if err != nil {
		return nil, err
	}
	if err := opt.check(); err != nil {
		return nil, err
	}
	if p.groups < 3 {
		km := opt.KMeans.withDefaults()
		km.K = p.groups
		return finishLevels(x, solve(p, km), nil, nil)
	}
	if opt.SampleSize < 0 {
		opt.SampleSize = p.n
	}
	o, err := opt.resolve(min(p.groups, cmp.Or(opt.SampleSize, defaultLevelSample)))
	if err != nil {
		return nil, err
	}
	km := o.KMeans.withDefaults()
	rnd := o.Rand
	if rnd == nil {
		rnd = rand.New(rand.NewPCG(0, 0))
	}
	// The candidates run on a sample of the rows (all of them unless the
	// input is large), on which the neighbour graph is a sample again.
	xs, rows, ps, err := levelSample(x, p, o, rnd)
	if err != nil {
		return nil, err
	}
	graphRows := sampleRows(ps.index, o.GraphSize, rnd)
	ks := o.Candidates(ps.groups)
	seeds := make([][2]uint64, len(ks)*o.Runs)
	for i := range seeds {
		seeds[i] = [2]uint64{rnd.Uint64(), rnd.Uint64()}
	}
	g, err := newKNNGraph(xs, graphRows, o.Neighbors, km.Workers)
	if err != nil {
		return nil, err
	}
	scores := make([]LevelScore, len(ks))
	best := make([][]int, len(ks)) // labels of the best run per candidate, by row of xs
	for c, k := range ks {
		scores[c], best[c] = scoreK(ps, km, k, seeds[c*o.Runs:(c+1)*o.Runs], g)
	}
	fine, coarse := pickLevels(scores, o.Keep)
	km.K = ks[fine]
	km.Rand = o.KMeans.withDefaults().Rand // untouched by the candidates
	var coarseLabels []int
	if coarse >= 0 {
		coarseLabels = best[coarse]
	}
	res, groups, err := fineLevel(x, p, rows, coarseLabels, km, o.TopDown)
	if err != nil {
		return nil, err
	}
	lv, err := finishLevels(x, res, groups, scores)
	if err != nil {
		return nil, err
	}
	lv.FineK, lv.CoarseScoreK = ks[fine], ks[fine]
	if coarse >= 0 {
		lv.CoarseScoreK = ks[coarse]
	}
	return lv, nil
}

// levelSample returns the rows the candidates of ChooseLevels run on: a
// uniform sample of o.SampleSize of the points p of x (all of them when
// there are no more, or when the sample has fewer than 3 distinct rows), as
// a matrix xs, the row of x of each of its rows, and its prepared points
// with their weights.
func levelSample(x *mat.Dense, p *points, o LevelOptions, rnd *rand.Rand) (xs *mat.Dense, rows []int, ps *points, err error) {
	xs, rows = x, identity(p.rows) // rows[r]: the row of x that is row r of xs
	if sample := sampleRows(p.index, o.SampleSize, rnd); len(sample) < p.n {
		_, d := x.Dims()
		xs, rows = mat.NewDense(len(sample), d, nil), sample
		for r, i := range rows {
			xs.SetRow(r, x.RawRowView(i))
		}
	}
	if ps, err = prepare(xs); err != nil {
		return nil, nil, nil, err
	}
	// A sample whose rows all weigh 0 is clustered as it comes: its
	// weights then pull alike.
	if !ps.setWeights(weightsOf(o.KMeans.Weights, rows)) {
		ps.w = nil
	}
	if ps.groups < 3 { // a tiny sample: score on every row
		xs, rows, ps = x, identity(p.rows), p
	}
	return xs, rows, ps, nil
}

// fineLevel returns the fine clustering at km.K and the coarse group of each
// of its clusters (nil without a coarse partition): KMeans with its
// clusters grouped by the majority of their rows in the coarse partition
// (labels of the rows of x listed in rows), or with topDown splitCoarse.
func fineLevel(x *mat.Dense, p *points, rows, coarse []int, km KMeansOptions, topDown bool) (*Result, []int, error) {
	switch {
	case coarse != nil && topDown:
		return splitCoarse(x, rows, coarse, km)
	case coarse != nil:
		res := solve(p, km)
		fine := make([]int, len(rows)) // fine labels of the sampled rows
		for r, i := range rows {
			fine[r] = res.Labels[i]
		}
		return res, majorityGroups(fine, coarse, res.K), nil
	}
	return solve(p, km), nil, nil
}

// splitCoarse returns the fine clustering of LevelOptions.TopDown: the rows
// of x go to the nearest centroid of the coarse partition (labels of the
// rows of x listed in rows), and each group's rows are clustered by KMeans
// with km into max(1, round(km.K·loss/total loss)) clusters (nearestGroups;
// by size if every row lies on its centroid). It calls km.Progress as often
// as KMeans with km on x would.
func splitCoarse(x *mat.Dense, rows, coarse []int, km KMeansOptions) (*Result, []int, error) {
	n, d := x.Dims()
	sampled := make([]int, n)
	for i := range sampled {
		sampled[i] = -1
	}
	for r, i := range rows {
		sampled[i] = coarse[r]
	}
	cres, err := FromWeightedLabels(x, sampled, km.Weights)
	if err != nil {
		return nil, nil, err
	}
	groups, loss := nearestGroups(x, cres.Centroids)
	if floats.Sum(loss) <= 0 { // every row on its centroid: shares by size
		for g, rs := range groups {
			loss[g] = float64(len(rs))
		}
	}
	total := floats.Sum(loss)
	labels, group := make([]int, n), make([]int, n) // fine label and coarse group of each row
	for i := range labels {
		labels[i] = -1
	}
	progress, next := km.Progress, 0
	sub := km
	sub.Progress = nil
	for g, rs := range groups {
		if len(rs) == 0 {
			continue
		}
		xs := mat.NewDense(len(rs), d, nil)
		for r, i := range rs {
			xs.SetRow(r, x.RawRowView(i))
		}
		sub.K = max(1, int(math.Round(float64(km.K)*loss[g]/total)))
		sub.Weights = weightsOf(km.Weights, rs)
		if sub.Weights != nil && floats.Max(sub.Weights) == 0 {
			sub.Weights = nil // rows of weight 0 only: clustered alike
		}
		res, err := KMeans(xs, sub)
		if err != nil {
			return nil, nil, err
		}
		for r, i := range rs {
			if res.Labels[r] >= 0 {
				labels[i], group[i] = next+res.Labels[r], g
			}
		}
		next += res.K
	}
	if progress != nil {
		t := km.ProgressTotalFor(n)
		for done := 1; done <= t; done++ {
			progress(done, t)
		}
	}
	res, err := FromWeightedLabels(x, labels, km.Weights)
	if err != nil {
		return nil, nil, err
	}
	res.Iterations, res.History = 1, []float64{res.Objective} // one result, not one run's steps
	of := make([]int, res.K)
	for i, l := range res.Labels {
		if l >= 0 {
			of[l] = group[i]
		}
	}
	return res, of, nil
}

// nearestGroups returns the non-zero rows of x nearest to each row of
// centroids (unit rows; the first on ties), and the loss of each group: the
// sum over its rows of 1 - their cosine to its centroid.
func nearestGroups(x, centroids *mat.Dense) ([][]int, []float64) {
	n, _ := x.Dims()
	k, _ := centroids.Dims()
	groups, loss := make([][]int, k), make([]float64, k)
	for i := range n {
		row := x.RawRowView(i)
		norm := floats.Norm(row, 2)
		if norm == 0 {
			continue
		}
		g, bs := 0, math.Inf(-1)
		for c := range k {
			if v := floats.Dot(row, centroids.RawRowView(c)); v > bs {
				g, bs = c, v
			}
		}
		groups[g] = append(groups[g], i)
		loss[g] += 1 - ClampCosine(bs/norm)
	}
	return groups, loss
}

// scoreK runs k-means at k once per seed and scores k; it returns the score
// and the labels of the run with the highest objective (the earliest on
// ties).
func scoreK(p *points, km KMeansOptions, k int, seeds [][2]uint64, g *knnGraph) (LevelScore, []int) {
	km.K, km.Restarts = k, 1
	km.Tol = max(km.Tol, candidateTol)
	// The runs are independent: one goroutine each (a run with one
	// restart keeps few cores busy), each deterministic for its seed.
	workers := km.Workers
	km.Workers = 1
	runs := make([]*Result, len(seeds))
	parallel.For(workers, len(seeds), func(_, r int) {
		o := km
		o.Rand = rand.New(rand.NewPCG(seeds[r][0], seeds[r][1]))
		runs[r] = solve(p, o)
	})
	top := 0
	for r := range runs {
		if runs[r].Objective > runs[top].Objective {
			top = r
		}
	}
	var pairs [][2]int
	for a := range runs {
		for b := a + 1; b < len(runs); b++ {
			pairs = append(pairs, [2]int{a, b})
		}
	}
	ari := make([]float64, len(pairs))
	parallel.For(workers, len(pairs), func(_, i int) {
		ari[i] = adjustedRandOf(runs[pairs[i][0]].Labels, runs[pairs[i][1]].Labels)
	})
	sc := LevelScore{K: k, Stability: floats.Sum(ari) / float64(len(pairs)), Objective: runs[top].Objective}
	sc.Modularity = g.modularity(runs[top].Labels, runs[top].K)
	sc.Score = max(sc.Stability, 0) * max(sc.Modularity, 0)
	return sc, runs[top].Labels
}

// pickLevels returns the index of the best score (the smallest k on ties)
// and that of the coarse level, or -1: the best-scoring local maximum among
// the smaller candidates (a score above those of both its neighbours on the
// grid, so never the first candidate) whose score is at least keep times
// the best (the smallest k on ties).
func pickLevels(scores []LevelScore, keep float64) (fine, coarse int) {
	for c, s := range scores {
		if s.Score > scores[fine].Score {
			fine = c
		}
	}
	coarse = -1
	for c := range fine {
		s := scores[c].Score
		peak := c > 0 && s > scores[c-1].Score && s > scores[c+1].Score
		if peak && s >= keep*scores[fine].Score && (coarse < 0 || s > scores[coarse].Score) {
			coarse = c
		}
	}
	return fine, coarse
}

// finishLevels groups the fine clusters of res by groups (the coarse group
// of each; nil: each fine cluster its own group), builds the tree and
// returns the levels.
func finishLevels(x *mat.Dense, res *Result, groups []int, scores []LevelScore) (*Levels, error) {
	if groups == nil {
		groups = identity(res.K)
	}
	tree, err := Agglomerate(x, res.Labels, res.K, AgglomerateOptions{Groups: groups})
	if err != nil {
		return nil, err
	}
	distinct := slices.Compact(slices.Sorted(slices.Values(groups)))
	lv := &Levels{Fine: res, CoarseK: len(distinct), Tree: tree, Scores: scores, FineK: res.K, CoarseScoreK: res.K}
	lv.Parent = tree.Cut(lv.CoarseK)
	return lv, nil
}

// identity returns 0, 1, …, n-1.
func identity(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// majorityGroups returns, for each of the k fine clusters, the coarse label
// held by most of its rows (the smallest on ties).
func majorityGroups(fine, coarse []int, k int) []int {
	counts := make([]map[int]int, k)
	for i, f := range fine {
		if f < 0 || coarse[i] < 0 {
			continue
		}
		if counts[f] == nil {
			counts[f] = map[int]int{}
		}
		counts[f][coarse[i]]++
	}
	groups := make([]int, k)
	for f, m := range counts {
		best, bn := 0, -1
		for c, v := range m {
			if v > bn || v == bn && c < best {
				best, bn = c, v
			}
		}
		groups[f] = best
	}
	return groups
}

// ProgressTotal returns the number of times ChooseLevels calls
// KMeans.Progress for an input of n distinct non-zero rows (fewer when the
// sample holds fewer distinct rows): one unit per candidate run (three with
// BatchSize), then KMeans.ProgressTotal for the fine clustering.
func (o LevelOptions) ProgressTotal(n int) int {
	ro, err := o.resolve(min(n, cmp.Or(o.SampleSize, defaultLevelSample)))
	if err != nil {
		return o.KMeans.ProgressTotalFor(n)
	}
	one := ro.KMeans
	one.Restarts = 1
	sample := min(n, ro.SampleSize)
	return len(ro.Candidates(sample))*ro.Runs*one.ProgressTotalFor(sample) + o.KMeans.ProgressTotalFor(n)
}
