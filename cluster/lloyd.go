package cluster

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"

	"github.com/topics-dev/topics/internal/parallel"
)

// The Lloyd iterations skip most products with the triangle inequality, as in
// Elkan's ("Using the triangle inequality to accelerate k-means", ICML 2003),
// Hamerly's and Yinyang k-means, using the chord distance
// ‖x - c‖ = √(2 - 2cos(x, c)) between unit vectors: a metric whose order is
// the reverse of the cosine's, so the nearest centroid is the most similar.
//
// Each point keeps an upper bound on its distance to its own centroid, a
// global lower bound on its distance to every other centroid, and, for each
// group of centroids, a lower bound on its distance to the others of the
// group (one group per centroid, Elkan's bounds, unless n×K exceeds
// maxBounds; one group is Hamerly's single bound). When the centroids move,
// the upper and global bounds are loosened at once by how far they moved; the
// group bounds lazily, from cumulative per-group drifts, when the point is
// next examined. A point keeps its label without any product while its upper
// bound is below its global bound or half the distance from its centroid to
// the nearest other; otherwise its group bounds are brought up to date, the
// upper bound is made exact with one product if a group is still open, and
// only the open groups are searched, skipping a centroid c whenever half its
// distance to the best centroid b found so far exceeds ‖x - b‖. The seeding
// computes every point's similarity to every seed, so the first assignment
// and its bounds come from it.
//
// The cluster sums (weighted by KMeansOptions.Weights) are updated with the
// points that changed cluster (each cluster's sum in row order), and the
// objective Σᵢ wᵢ xᵢ·c_label(i) is computed from them as Σⱼ Sⱼ·cⱼ. Result
// values are recomputed from the final labels.
//
// Which products are skipped depends only on the data and the seed, never on
// the workers, so results stay bit-identical. In exact arithmetic the labels
// equal those of the plain algorithm; rounding can only matter for points
// (nearly) equidistant from two centroids.

// solver holds the scratch space shared by the restarts of one KMeans call.
type solver struct {
	p       *points
	k       int
	workers int

	seedUnweighted bool // KMeansOptions.SeedUnweighted

	nc       int         // chunks of chunkRows points
	chunkSum []float64   // per chunk: a partial sum (objective, seeding weights)
	dists    [][]float64 // per worker: k distances
	rowBufs  [][]float64 // per worker: a point in float64 (points.rowTo)
	done     [][]bool    // per worker: groups searched

	upper  []float64 // per point: upper bound on the chord distance to its centroid
	lower  []float64 // n×groups: lower bounds on the distance to the other centroids of each group
	groups int       // centroid groups: [start[g], start[g+1])
	group  []int     // per centroid: its group
	start  []int     // groups+1

	sums  []float64 // k×d: sum of the points of each cluster
	sizes []int     // per cluster
	prev  []float64 // k×d: the centroids of the last assignment step
	delta []float64 // per cluster: distance its centroid moved in the last update
	glob  []float64 // per point: lower bound on the distance to every other centroid
	stamp []int32   // per point: the update after which its lower bounds were last brought up to date
	drift []float64 // (updates+1)×groups: cumulative sum of each group's largest centroid move
	now   int       // updates done in this restart
	loose []float64 // per cluster: how much glob loosens (the largest move of another centroid)
	half  []float64 // per cluster: half the distance from its centroid to the nearest other
	pair  []float64 // k×k: half the distances between centroids
	pairG []float64 // k×groups: half the distance from each centroid to the nearest other one of each group

	moves     [][]move // per chunk: the label changes of the assignment step
	byCluster []move   // moves bucketed by cluster, each bucket in row order
	offsets   []int    // k+1 bucket bounds in byCluster
	next      []int    // k

	uc, ucRows int       // update chunks and their size
	partial    []float64 // uc×k×d partial centroid sums

	// seeding
	trials  int
	dist    []float64 // per point: cosine distance to the nearest seed
	chosen  []bool    // per group of equal points: already a seed
	candPot []float64 // nc×trials partial potentials
	candCos []float64 // n×trials cosines to the candidates
	cands   []float32 // trials×d candidate rows
}

// move is a label change of point i.
type move struct{ i, from, to int }

// maxUpdateChunks bounds the memory of the partial centroid sums
// (maxUpdateChunks×K×dims floats).
const maxUpdateChunks = 32

// maxBounds bounds the number of lower bounds kept, n×groups.
const maxBounds = 1 << 23

// centroidRows is the number of centroids per chunk of the centroid Gram matrix.
const centroidRows = 64

// maxSolverFloats bounds the memory of the solvers of concurrent restarts.
const maxSolverFloats = 1 << 25

// solverFloats returns about how many float64 a solver for k clusters holds.
func solverFloats(p *points, k int) int {
	groups := boundGroups(p.n, k)
	trials := 2 + int(math.Log(float64(k)))
	uc := numChunks(p.n, max(chunkRows, (p.n+maxUpdateChunks-1)/maxUpdateChunks))
	return p.n*(groups+trials+6) + k*p.d*(uc+3) + k*k
}

// boundGroups returns the number of centroid groups for n points and k
// clusters: k (Elkan) unless n×k exceeds maxBounds.
func boundGroups(n, k int) int { return max(1, min(k, maxBounds/n)) }

// newSolver returns a solver for k clusters of p with the given number of
// centroid groups, in [1, k], run by the given number of workers.
func newSolver(p *points, k, groups, workers int) *solver {
	n, d := p.n, p.d
	s := &solver{p: p, k: k, workers: workers, groups: groups}
	s.nc = numChunks(n, chunkRows)
	s.chunkSum = make([]float64, s.nc)
	s.trials = 2 + int(math.Log(float64(k)))
	nw := min(workers, s.nc)
	s.dists = make([][]float64, nw)
	s.rowBufs = make([][]float64, max(1, min(workers, k)))
	for w := range s.rowBufs {
		s.rowBufs[w] = make([]float64, d)
	}
	s.done = make([][]bool, nw)
	for w := range nw {
		s.dists[w] = make([]float64, k)
		s.done[w] = make([]bool, s.groups)
	}
	s.upper = make([]float64, n)
	s.lower = make([]float64, n*s.groups)
	s.group = make([]int, k)
	s.start = make([]int, s.groups+1)
	for g := range s.groups {
		s.start[g+1] = (g + 1) * k / s.groups
		for j := s.start[g]; j < s.start[g+1]; j++ {
			s.group[j] = g
		}
	}
	s.sums = make([]float64, k*d)
	s.sizes = make([]int, k)
	s.prev = make([]float64, k*d)
	s.delta = make([]float64, k)
	s.glob = make([]float64, n)
	s.stamp = make([]int32, n)
	s.loose = make([]float64, k)
	s.half = make([]float64, k)
	s.pair = make([]float64, k*k)
	s.pairG = make([]float64, k*s.groups)
	s.moves = make([][]move, s.nc)
	s.offsets = make([]int, k+1)
	s.next = make([]int, k)
	s.ucRows = max(chunkRows, (n+maxUpdateChunks-1)/maxUpdateChunks)
	s.uc = numChunks(n, s.ucRows)
	s.partial = make([]float64, s.uc*k*d)
	s.dist = make([]float64, n)
	s.chosen = make([]bool, p.groups)
	s.candPot = make([]float64, s.nc*s.trials)
	s.candCos = make([]float64, n*s.trials)
	s.cands = make([]float32, s.trials*d)
	return s
}

// chord returns the distance between unit vectors with the given cosine.
func chord(cos float64) float64 { return math.Sqrt(max(0, 2-2*cos)) }

// run is one restart: seeding, then Lloyd iterations until convergence.
// The objective never decreases from one assignment step to the next: the
// assignment step maximizes it for fixed centroids, the update step for fixed
// labels, and the repair of an empty cluster raises the moved point's
// similarity to 1.
func (s *solver) run(st *state, rng *rand.Rand, maxIter int, tol float64) {
	s.seed(st, rng) // also the first assignment step
	s.iterate(st, maxIter, tol)
}

// iterate runs Lloyd iterations until convergence from the first
// assignment step, which set the labels of st and the distance bounds.
func (s *solver) iterate(st *state, maxIter int, tol float64) {
	clear(s.sums)
	clear(s.sizes)
	s.now = 0
	s.drift = append(s.drift[:0], make([]float64, s.groups)...)
	G := s.groups
	parallel.For(s.workers, s.nc, func(_, c int) {
		lo, hi := chunkBounds(c, chunkRows, s.p.n)
		ms := s.moves[c][:0]
		for i := lo; i < hi; i++ {
			ms = append(ms, move{i, -1, st.labels[i]})
			s.glob[i] = slices.Min(s.lower[i*G : (i+1)*G])
			s.stamp[i] = 0
		}
		s.moves[c] = ms
	})
	changed := s.p.n
	st.history = st.history[:0]
	var prev float64
	for it := 1; ; it++ {
		if it > 1 {
			changed = s.assign(st)
		}
		s.applyMoves()
		obj := s.objective(st)
		st.history = append(st.history, obj)
		copy(s.prev, st.cent)
		empties := s.repairEmpty(st)
		if it >= maxIter {
			break
		}
		if empties == 0 && (changed == 0 || (it > 1 && obj-prev <= tol*math.Abs(obj))) {
			break
		}
		prev = obj
		s.update(st)
	}
	s.finish(st)
}

// assign sets each label to the nearest centroid, records the changes in
// s.moves and returns their number. A point is first tested against its
// global lower bound; only if that fails are its group bounds brought up to
// date, its upper bound made exact, and the groups searched.
func (s *solver) assign(st *state) (changed int) {
	p, d, G := s.p, s.p.d, s.groups
	now := s.now
	drift := s.drift[now*G : (now+1)*G]
	parallel.For(s.workers, s.nc, func(w, c int) {
		lo, hi := chunkBounds(c, chunkRows, p.n)
		moves := s.moves[c][:0]
		for i := lo; i < hi; i++ {
			a := st.labels[i]
			u := s.upper[i] + s.delta[a]
			l := s.glob[i] - s.loose[a]
			s.upper[i], s.glob[i] = u, l
			if u <= max(l, s.half[a]) {
				continue
			}
			lb := s.lower[i*G : (i+1)*G]
			if t := int(s.stamp[i]); t != now {
				then := s.drift[t*G : (t+1)*G]
				for g := range lb {
					lb[g] -= drift[g] - then[g]
				}
				s.stamp[i] = int32(now)
			}
			s.glob[i] = max(l, slices.Min(lb))
			pg := s.pairG[a*G : (a+1)*G]
			if !s.open(u, lb, pg) {
				continue
			}
			u = chord(dot32(p.row32(i), st.cent32[a*d:(a+1)*d]))
			s.upper[i] = u
			if !s.open(u, lb, pg) {
				continue
			}
			if b := s.search(w, st.cent32, i, a); b != a {
				moves = append(moves, move{i, a, b})
				st.labels[i] = b
			}
			s.glob[i] = slices.Min(lb)
		}
		s.moves[c] = moves
	})
	for _, m := range s.moves {
		changed += len(m)
	}
	return changed
}

// open reports whether a group may hold a centroid nearer than u: its lower
// bound and half the distance between the own centroid and the group's
// nearest centroid (pg) are both below u.
func (s *solver) open(u float64, lb, pg []float64) bool {
	for g, l := range lb {
		if u > l && u > pg[g] {
			return true
		}
	}
	return false
}

// search returns the centroid nearest to point i of cluster a, whose upper
// bound is exact, and updates the bounds of i. It computes the distances to
// the centroids of the groups whose lower bound is below the best distance
// found so far, except those that the triangle inequality rules out. Ties go
// to the lowest index among the centroids computed.
func (s *solver) search(w int, cent []float32, i, a int) int {
	p, d, k, G := s.p, s.p.d, s.k, s.groups
	x, lb := p.row32(i), s.lower[i*G:(i+1)*G]
	dist, done := s.dists[w], s.done[w]
	u := s.upper[i]
	best, bu := a, u
	for g := range lb {
		done[g] = bu > lb[g]
		if !done[g] {
			continue
		}
		for j := s.start[g]; j < s.start[g+1]; j++ {
			if j == a {
				dist[j] = u
				continue
			}
			if h := s.pair[best*k+j]; bu <= h {
				dist[j] = 2*h - bu // ‖x-c‖ ≥ ‖b-c‖ - ‖x-b‖ ≥ ‖x-b‖
				continue
			}
			dj := chord(dot32(x, cent[j*d:(j+1)*d]))
			dist[j] = dj
			if dj < bu || (dj == bu && j < best) {
				best, bu = j, dj
			}
		}
	}
	for g := range lb {
		if done[g] {
			lb[g] = math.Inf(1)
			for j := s.start[g]; j < s.start[g+1]; j++ {
				if j != best {
					lb[g] = min(lb[g], dist[j])
				}
			}
		}
	}
	if ga := s.group[a]; best != a && !done[ga] {
		lb[ga] = min(lb[ga], u)
	}
	s.upper[i] = bu
	return best
}

// applyMoves updates the cluster sums and sizes with s.moves. Each cluster's
// sum adds and subtracts its moved points in row order, so the result does
// not depend on the workers. The sum of a cluster left empty is set to zero.
func (s *solver) applyMoves() {
	p, k, d := s.p, s.k, s.p.d
	off := s.offsets
	clear(off)
	for _, ms := range s.moves {
		for _, m := range ms {
			if m.from >= 0 {
				off[m.from+1]++
				s.sizes[m.from]--
			}
			off[m.to+1]++
			s.sizes[m.to]++
		}
	}
	for j := range k {
		off[j+1] += off[j]
	}
	if off[k] == 0 {
		return
	}
	if cap(s.byCluster) < off[k] {
		s.byCluster = make([]move, off[k])
	}
	s.byCluster = s.byCluster[:off[k]]
	copy(s.next, off[:k])
	for _, ms := range s.moves {
		for _, m := range ms {
			if m.from >= 0 {
				s.byCluster[s.next[m.from]] = m
				s.next[m.from]++
			}
			s.byCluster[s.next[m.to]] = m
			s.next[m.to]++
		}
	}
	parallel.For(s.workers, k, func(w, j int) {
		sum := s.sums[j*d : (j+1)*d]
		if s.sizes[j] == 0 {
			clear(sum)
			return
		}
		row := s.rowBufs[w]
		for _, m := range s.byCluster[off[j]:off[j+1]] {
			switch wi := p.weight(m.i); {
			case p.w != nil && m.to == j:
				floats.AddScaled(sum, wi, p.rowTo(row, m.i))
			case p.w != nil:
				floats.AddScaled(sum, -wi, p.rowTo(row, m.i))
			case m.to == j:
				floats.Add(sum, p.rowTo(row, m.i))
			default:
				floats.Sub(sum, p.rowTo(row, m.i))
			}
		}
	})
}

// objective returns Σⱼ Sⱼ·cⱼ, the sum of the points' cosines to their
// centroids, weighted.
func (s *solver) objective(st *state) float64 {
	d := s.p.d
	var obj float64
	for j := range s.k {
		obj += floats.Dot(s.sums[j*d:(j+1)*d], st.cent[j*d:(j+1)*d])
	}
	return obj
}

// repairEmpty gives each empty cluster, in index order, the point worst
// served by its centroid (lowest similarity, then lowest index) among the
// clusters with at least two points, of positive weight if there is one,
// and makes that point the cluster's centroid. It returns the number of
// clusters repaired.
func (s *solver) repairEmpty(st *state) int {
	p, d := s.p, s.p.d
	repaired := 0
	for j, size := range s.sizes {
		if size > 0 {
			continue
		}
		if repaired == 0 {
			s.exactSims(st)
		}
		worst := s.worstServed(st, true)
		if worst < 0 {
			worst = s.worstServed(st, false)
		}
		if worst < 0 {
			// Impossible: k <= distinct points <= points, so when a
			// cluster is empty another holds at least two points.
			panic("cluster: internal error: no point to repair an empty cluster")
		}
		from, x := st.labels[worst], p.rowTo(s.rowBufs[0], worst)
		wx := p.weight(worst)
		s.sizes[from]--
		floats.AddScaled(s.sums[from*d:(from+1)*d], -wx, x)
		s.sizes[j] = 1
		floats.ScaleTo(s.sums[j*d:(j+1)*d], wx, x)
		st.setCentroid(j, x)
		st.labels[worst] = j
		st.sims[worst] = 1
		s.upper[worst] = math.Inf(1)
		s.glob[worst] = 0
		clear(s.lower[worst*s.groups : (worst+1)*s.groups])
		s.stamp[worst] = int32(s.now)
		repaired++
	}
	return repaired
}

// worstServed returns the point of lowest similarity (then lowest index)
// among the clusters of at least two points, only among points of positive
// weight if positive is set, or -1 if there is none.
func (s *solver) worstServed(st *state, positive bool) int {
	worst := -1
	for i, l := range st.labels {
		if s.sizes[l] >= 2 && (!positive || s.p.weight(i) > 0) && (worst < 0 || st.sims[i] < st.sims[worst]) {
			worst = i
		}
	}
	return worst
}

// exactSims sets the similarity of each point to its centroid.
func (s *solver) exactSims(st *state) {
	p, d := s.p, s.p.d
	parallel.For(s.workers, s.nc, func(_, c int) {
		lo, hi := chunkBounds(c, chunkRows, p.n)
		for i := lo; i < hi; i++ {
			l := st.labels[i]
			st.sims[i] = dot32(p.row32(i), st.cent32[l*d:(l+1)*d])
		}
	})
}

// update sets each centroid to its normalized cluster sum, and the distances
// the bounds need: how far each centroid moved since the last assignment step
// (s.prev), and half the distances between centroids. A centroid whose sum is
// zero (its points cancel out) is left as it was: every unit vector is then
// equally good.
func (s *solver) update(st *state) {
	k, d, G := s.k, s.p.d, s.groups
	parallel.For(s.workers, k, func(_, j int) {
		sum, c := s.sums[j*d:(j+1)*d], st.cent[j*d:(j+1)*d]
		if norm := floats.Norm(sum, 2); norm > 0 {
			for t, v := range sum {
				c[t] = v / norm
			}
			toFloat32(st.cent32[j*d:(j+1)*d], c)
		}
		s.delta[j] = floats.Distance(c, s.prev[j*d:(j+1)*d], 2)
	})
	// The lower bound of group g loosens by the largest move of a centroid of
	// g; the global lower bound of a point of cluster a by the largest move
	// of a centroid other than a.
	last := s.drift[s.now*G : (s.now+1)*G]
	for g := range G {
		s.drift = append(s.drift, last[g]+slices.Max(s.delta[s.start[g]:s.start[g+1]]))
	}
	s.now++
	first, second, arg := 0.0, 0.0, -1
	for j, v := range s.delta {
		if v > first {
			first, second, arg = v, first, j
		} else if v > second {
			second = v
		}
	}
	for a := range k {
		s.loose[a] = first
		if a == arg {
			s.loose[a] = second
		}
	}
	parallel.For(s.workers, numChunks(k, centroidRows), func(_, c int) {
		lo, hi := chunkBounds(c, centroidRows, k)
		pair := s.pair[lo*k : hi*k]
		mulTransTo(pair, st.cent[lo*d:hi*d], hi-lo, st.cent, k, d)
		for j := lo; j < hi; j++ {
			nearest := math.Inf(1)
			row := pair[(j-lo)*k : (j-lo+1)*k]
			for t, v := range row {
				row[t] = chord(v) / 2
				if t != j {
					nearest = min(nearest, row[t])
				}
			}
			s.half[j] = nearest
			for g := range G {
				pg := math.Inf(1)
				for t := s.start[g]; t < s.start[g+1]; t++ {
					if t != j {
						pg = min(pg, row[t])
					}
				}
				s.pairG[j*G+g] = pg
			}
		}
	})
}

// finish recomputes the cluster sums from the labels (partial sums over fixed
// chunks added in chunk order, weighted), sets the centroids to the
// normalized sums, the similarities to the cosines to them, and the
// objective to their weighted sum.
func (s *solver) finish(st *state) {
	p, k, d := s.p, s.k, s.p.d
	parallel.For(s.workers, s.uc, func(_, c int) {
		part := s.partial[c*k*d : (c+1)*k*d]
		clear(part)
		lo, hi := chunkBounds(c, s.ucRows, p.n)
		row := make([]float64, d)
		for i := lo; i < hi; i++ {
			l := st.labels[i]
			if p.w != nil {
				floats.AddScaled(part[l*d:(l+1)*d], p.w[i], p.rowTo(row, i))
			} else {
				floats.Add(part[l*d:(l+1)*d], p.rowTo(row, i))
			}
		}
	})
	parallel.For(s.workers, k, func(_, j int) {
		sum := s.partial[j*d : (j+1)*d] // chunk 0 accumulates the others
		for c := 1; c < s.uc; c++ {
			off := c*k*d + j*d
			floats.Add(sum, s.partial[off:off+d])
		}
		if normalizeTo(sum, sum) != 0 {
			copy(st.cent[j*d:(j+1)*d], sum)
		}
	})
	parallel.For(s.workers, s.nc, func(_, c int) {
		lo, hi := chunkBounds(c, chunkRows, p.n)
		var sum float64
		row := make([]float64, d)
		for i := lo; i < hi; i++ {
			l := st.labels[i]
			v := ClampCosine(floats.Dot(p.rowTo(row, i), st.cent[l*d:(l+1)*d]))
			st.sims[i] = v
			sum += p.weight(i) * v
		}
		s.chunkSum[c] = sum
	})
	st.objective = 0
	for _, v := range s.chunkSum {
		st.objective += v
	}
}
