package cluster

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"

	"github.com/topics-dev/topics/internal/parallel"
)

// Mini-batch k-means (Sculley, "Web-scale k-means clustering", WWW 2010),
// spherical: see KMeansOptions.BatchSize for the algorithm.

// noImprovementSteps is the number of consecutive mini-batch steps without
// a new best smoothed batch objective after which the steps stop
// (scikit-learn's max_no_improvement).
const noImprovementSteps = 10

// initSamples is the size of the sample the restarts seed and run Lloyd's
// algorithm on, in batches.
const initSamples = 3

// minibatch runs mini-batch k-means with opt.BatchSize > 0 on p, then
// Lloyd's algorithm from its centroids. When the initial sample would hold
// every point, or fewer distinct points than k, it is plain k-means.
func minibatch(p *points, opt KMeansOptions) *Result {
	k := min(opt.K, p.groups)
	b := opt.BatchSize
	m := max(initSamples*b, initSamples*k)
	if m >= p.n {
		return kmeans(p, opt)
	}
	rng := opt.Rand
	idx := sampleIndices(rng, p.n, m)
	sub := p.subset(idx)
	if sub.groups < k {
		return kmeans(p, opt)
	}

	// Restarts: k-means++ and Lloyd's algorithm on the sample, the best
	// objective kept.
	init := opt
	init.Rand = rand.New(rand.NewPCG(rng.Uint64(), rng.Uint64()))
	init.BatchSize = -1
	if opt.Progress != nil {
		init.Progress = func(done, _ int) { opt.Progress(done, opt.Restarts+2) }
	}
	start := kmeans(sub, init)
	cent := slices.Clone(start.Centroids.RawMatrix().Data)
	counts := make([]float64, k) // weight of the points of each cluster so far
	for t, c := range start.Labels {
		counts[c] += sub.weight(t)
	}

	// Mini-batch steps: each centroid is the normalized running sum of the
	// points ever assigned to it (weighted by its count so far), so a
	// centroid's learning rate falls as 1/count. With Weights, points are
	// drawn uniformly and added with their weights, counts summing weights
	// (as scikit-learn's MiniBatchKMeans does with sample weights): the
	// draws are those of unweighted runs, and a point of weight 0 moves
	// nothing.
	steps := mbSteps(p, cent, counts, k, b, opt, rand.New(rand.NewPCG(rng.Uint64(), rng.Uint64())))
	if opt.Progress != nil {
		opt.Progress(opt.Restarts+1, opt.Restarts+2)
	}

	// Lloyd's algorithm from the mini-batch centroids.
	s := newSolver(p, k, boundGroups(p.n, k), opt.Workers)
	st := newState(p, k)
	for j := range k {
		st.setCentroid(j, cent[j*p.d:(j+1)*p.d])
	}
	s.assignAll(st)
	s.iterate(st, opt.MaxIter, opt.Tol)
	if opt.Progress != nil {
		opt.Progress(opt.Restarts+2, opt.Restarts+2)
	}
	res := st.result(p, k)
	res.BatchSteps = steps
	return res
}

// mbSteps runs mini-batch steps on cent (k×d, unit rows) and counts until,
// after at least one pass's worth of points, the smoothed batch objective
// has not improved for noImprovementSteps steps, or after opt.MaxIter passes'
// worth, and returns the number of steps.
func mbSteps(p *points, cent, counts []float64, k, b int, opt KMeansOptions, rng *rand.Rand) int {
	d := p.d
	maxSteps := max(1, int(math.Ceil(float64(opt.MaxIter)*float64(p.n)/float64(b))))
	batch := make([]int, b)
	labels := make([]int, b)
	sims := make([]float64, b)
	nc := numChunks(b, chunkRows)
	bufs := make([][]float64, opt.Workers) // per worker: chunkRows×k products
	cent32 := make([]float32, k*d)
	toFloat32(cent32, cent)
	row := make([]float64, d)
	sums := make([]float64, k*d)
	got := make([]float64, k) // weight added to each cluster by the batch
	old := make([]float64, d)
	minSteps := min(maxSteps, (p.n+b-1)/b) // at least one pass's worth of points
	alpha := min(1, 2*float64(b)/float64(p.n+1))
	var ewa, best float64
	started := false
	stale := 0
	step := 0
	for step < maxSteps {
		step++
		for i := range batch {
			batch[i] = rng.IntN(p.n)
		}
		parallel.For(opt.Workers, nc, func(w, c int) {
			lo, hi := chunkBounds(c, chunkRows, b)
			if bufs[w] == nil {
				bufs[w] = make([]float64, chunkRows*k)
			}
			prod := bufs[w][:(hi-lo)*k]
			for i := lo; i < hi; i++ {
				dots32(prod[(i-lo)*k:(i-lo+1)*k], p.row32(batch[i]), 1, cent32, k, d)
			}
			for i := lo; i < hi; i++ {
				row := prod[(i-lo)*k : (i-lo+1)*k]
				bi := floats.MaxIdx(row) // the first of equal maxima
				labels[i], sims[i] = bi, ClampCosine(row[bi])
			}
		})
		clear(sums)
		clear(got)
		var obj, total float64
		for i, l := range labels {
			w := p.weight(batch[i])
			floats.AddScaled(sums[l*d:(l+1)*d], w, p.rowTo(row, batch[i]))
			got[l] += w
			obj += w * sims[i]
			total += w
		}
		mbMove(cent, cent32, counts, sums, got, old)
		if total == 0 {
			continue // a batch of weight 0: no objective to follow
		}
		obj /= total
		if !started {
			ewa, best, started = obj, obj, true
			continue
		}
		ewa = ewa*(1-alpha) + obj*alpha
		if ewa > best {
			best, stale = ewa, 0
		} else if stale++; stale >= noImprovementSteps && step >= minSteps {
			break
		}
	}
	return step
}

// mbMove moves each centroid that the batch added weight to (got) to the
// normalized running sum of its points: the old centroid times its weight
// so far (counts) plus the batch's sums; cent32 follows cent. old is
// scratch of one row.
func mbMove(cent []float64, cent32 []float32, counts, sums, got, old []float64) {
	d := len(old)
	for j, g := range got {
		if g == 0 {
			continue
		}
		c := cent[j*d : (j+1)*d]
		copy(old, c)
		floats.Scale(counts[j], c)
		floats.Add(c, sums[j*d:(j+1)*d])
		counts[j] += g
		if normalizeTo(c, c) == 0 {
			copy(c, old) // the points cancelled out: every direction is as good
		}
		toFloat32(cent32[j*d:(j+1)*d], c)
	}
}

// assignAll is the first assignment step from the centroids of st: it sets
// every label to the nearest centroid (the first on ties) and the distance
// bounds of Lloyd's iterations.
func (s *solver) assignAll(st *state) {
	p, k, d, G := s.p, s.k, s.p.d, s.groups
	prods := make([][]float64, s.workers)
	parallel.For(s.workers, s.nc, func(w, c int) {
		lo, hi := chunkBounds(c, chunkRows, p.n)
		if prods[w] == nil {
			prods[w] = make([]float64, chunkRows*k)
		}
		prod := prods[w][:(hi-lo)*k]
		dots32(prod, p.vec[lo*d:hi*d], hi-lo, st.cent32, k, d)
		for i := lo; i < hi; i++ {
			row := prod[(i-lo)*k : (i-lo+1)*k]
			bi := floats.MaxIdx(row) // the first of equal maxima
			st.labels[i], st.sims[i] = bi, ClampCosine(row[bi])
			s.upper[i] = chord(row[bi])
			lb := s.lower[i*G : (i+1)*G]
			for g := range lb {
				lb[g] = math.Inf(1)
			}
			for j, v := range row {
				if j != bi {
					g := s.group[j]
					lb[g] = min(lb[g], chord(v))
				}
			}
		}
	})
}

// sampleIndices returns m distinct indices in [0, n), m <= n, in increasing
// order, drawn uniformly (Floyd's algorithm).
func sampleIndices(rng *rand.Rand, n, m int) []int {
	seen := make(map[int]bool, m)
	for j := n - m; j < n; j++ {
		t := rng.IntN(j + 1)
		if seen[t] {
			t = j
		}
		seen[t] = true
	}
	out := make([]int, 0, m)
	for i := range seen {
		out = append(out, i)
	}
	slices.Sort(out)
	return out
}

// subset returns the points at the given indices as points of their own,
// numbered 0, 1, ... in the result, with groups renumbered.
func (p *points) subset(idx []int) *points {
	q := &points{rows: len(idx), n: len(idx), d: p.d, x: p.x, vec: make([]float32, 0, len(idx)*p.d),
		at: make([]int, len(idx)), norm: make([]float64, len(idx)), index: make([]int, len(idx))}
	if p.w != nil {
		q.w = make([]float64, len(idx))
	}
	for t, i := range idx {
		q.vec = append(q.vec, p.row32(i)...)
		q.at[t], q.norm[t], q.index[t] = p.at[i], p.norm[i], t
		if p.w != nil {
			q.w[t] = p.w[i]
		}
	}
	q.groupRows()
	return q
}
