package cluster

import (
	"math"
	"math/rand/v2"

	"github.com/topics-dev/topics/internal/parallel"
)

// seed sets the k centroids of st by greedy k-means++ with the cosine
// distance D = 1 - cos: the first seed is a uniformly random point (of
// positive weight); each next seed is the best, by potential (sum of D²·w
// to the nearest seed, w the point's weight), of 2+⌊ln k⌋ candidates drawn
// with probability proportional to D²·w (as scikit-learn does with squared
// Euclidean distances and sample weights). Points equal to a seed
// have D = 0 exactly, so the k seeds are distinct points.
//
// Seeding measures every point against every seed, so it also performs the
// first assignment step: it sets the labels of st and the distance bounds.
func (s *solver) seed(st *state, rng *rand.Rand) {
	p, d := s.p, s.p.d
	clear(s.chosen)
	c := s.uniformPositive(rng)
	s.addSeed(st, 0, c)
	s.nearest(st, 0, c, -1)
	cand := make([]int, s.trials)
	for j := 1; j < s.k; j++ {
		t := -1
		if total := s.weights(); total > 0 {
			for u := range cand {
				cand[u] = s.sample(rng.Float64() * total)
				copy(s.cands[u*d:(u+1)*d], p.row32(cand[u]))
			}
			t = s.bestCandidate(cand)
			c = cand[t]
		} else {
			// Rounding made every distance 0 although a distinct
			// point remains (k <= groups): pick one uniformly.
			c = s.uniformUnchosen(rng)
		}
		s.addSeed(st, j, c)
		s.nearest(st, j, c, t)
	}
}

// uniformPositive returns a uniformly random point of positive weight
// (any point with KMeansOptions.SeedUnweighted): rng.IntN(n) when every
// weight is positive.
func (s *solver) uniformPositive(rng *rand.Rand) int {
	p := s.p
	if p.w == nil || s.seedUnweighted {
		return rng.IntN(p.n)
	}
	n := 0
	for _, w := range p.w {
		if w > 0 {
			n++
		}
	}
	if n == 0 { // a sample (mini-batch) of weight 0 only: any point
		return rng.IntN(p.n)
	}
	r := rng.IntN(n)
	for i, w := range p.w {
		if w > 0 {
			if r == 0 {
				return i
			}
			r--
		}
	}
	panic("cluster: internal error: no point of positive weight")
}

// seedWeight returns the weight of point i in the seeding: 1 with
// KMeansOptions.SeedUnweighted, else its weight.
func (s *solver) seedWeight(i int) float64 {
	if s.seedUnweighted {
		return 1
	}
	return s.p.weight(i)
}

// addSeed makes point i the centroid j.
func (s *solver) addSeed(st *state, j, i int) {
	st.setCentroid(j, s.p.rowTo(s.rowBufs[0], i))
	s.chosen[s.p.group[i]] = true
}

// cosDist returns the cosine distance 1 - cos clamped to [0, 2].
func cosDist(cos float64) float64 {
	return max(0, min(2, 1-cos))
}

// nearest accounts for the new seed j, point c: each point whose nearest
// seed it is gets label j, and the seeding distances and Lloyd bounds are
// updated. The cosines to c are s.candCos column t, or computed if t < 0.
// Points equal to c get distance 0 exactly.
func (s *solver) nearest(st *state, j, c, t int) {
	p, G, T := s.p, s.groups, s.trials
	x, gc, gj := p.row32(c), p.group[c], s.group[j]
	parallel.For(s.workers, s.nc, func(_, ch int) {
		lo, hi := chunkBounds(ch, chunkRows, p.n)
		for i := lo; i < hi; i++ {
			var cos float64
			if t >= 0 {
				cos = s.candCos[i*T+t]
			} else {
				cos = dot32(p.row32(i), x)
			}
			dd, ub := cosDist(cos), chord(cos)
			if p.group[i] == gc {
				dd, ub = 0, 0
			}
			lb := s.lower[i*G : (i+1)*G]
			switch {
			case j == 0:
				st.labels[i], s.dist[i], s.upper[i] = 0, dd, ub
				for g := range lb {
					lb[g] = math.Inf(1)
				}
			case dd < s.dist[i]:
				ga := s.group[st.labels[i]]
				lb[ga] = min(lb[ga], s.upper[i])
				st.labels[i], s.dist[i], s.upper[i] = j, dd, ub
			default:
				lb[gj] = min(lb[gj], ub)
			}
		}
	})
}

// weights sets s.chunkSum to the per-chunk sums of D²·w (w: the points'
// weights) and returns their sum, added in chunk order.
func (s *solver) weights() float64 {
	p := s.p
	parallel.For(s.workers, s.nc, func(_, c int) {
		lo, hi := chunkBounds(c, chunkRows, p.n)
		var sum float64
		for i, v := range s.dist[lo:hi] {
			sum += v * v * s.seedWeight(lo+i)
		}
		s.chunkSum[c] = sum
	})
	var total float64
	for _, v := range s.chunkSum {
		total += v
	}
	return total
}

// sample returns the point at which the running sum of D²·w first exceeds
// target, in [0, total). It only returns points with D > 0 and w > 0.
func (s *solver) sample(target float64) int {
	p := s.p
	var acc float64
	lastChunk := -1 // last chunk with a positive sum seen
	for c, cs := range s.chunkSum {
		if cs == 0 {
			continue
		}
		lastChunk = c
		if acc+cs <= target {
			acc += cs
			continue
		}
		lo, hi := chunkBounds(c, chunkRows, p.n)
		for i := lo; i < hi; i++ {
			if acc += s.dist[i] * s.dist[i] * s.seedWeight(i); acc > target {
				return i
			}
		}
		break // rounding: fall back to the chunk's last positive point
	}
	lo, hi := chunkBounds(lastChunk, chunkRows, p.n)
	for i := hi - 1; i >= lo; i-- {
		if s.dist[i]*s.dist[i]*s.seedWeight(i) > 0 {
			return i
		}
	}
	panic("cluster: internal error: sampling from zero weights")
}

// bestCandidate returns the index in cand of the candidate whose addition
// leaves the lowest potential, Σ D²·w (the first on ties). s.cands holds their rows;
// the cosines of every point to them are left in s.candCos.
func (s *solver) bestCandidate(cand []int) int {
	p, nt := s.p, len(cand)
	parallel.For(s.workers, s.nc, func(_, c int) {
		lo, hi := chunkBounds(c, chunkRows, p.n)
		prod := s.candCos[lo*nt : hi*nt]
		dots32(prod, p.vec[lo*p.d:hi*p.d], hi-lo, s.cands, nt, p.d)
		pot := s.candPot[c*nt : (c+1)*nt]
		clear(pot)
		for i := lo; i < hi; i++ {
			for t, ci := range cand {
				v := s.dist[i]
				if p.group[i] == p.group[ci] {
					v = 0
				} else if dc := cosDist(prod[(i-lo)*nt+t]); dc < v {
					v = dc
				}
				pot[t] += v * v * s.seedWeight(i)
			}
		}
	})
	best, bestPot := 0, 0.0
	for t := range nt {
		var pot float64
		for c := range s.nc {
			pot += s.candPot[c*nt+t]
		}
		if t == 0 || pot < bestPot {
			best, bestPot = t, pot
		}
	}
	return best
}

// uniformUnchosen returns a uniformly random point whose group is not a seed.
func (s *solver) uniformUnchosen(rng *rand.Rand) int {
	p := s.p
	n := 0
	for i := range p.n {
		if !s.chosen[p.group[i]] {
			n++
		}
	}
	r := rng.IntN(n)
	for i := range p.n {
		if !s.chosen[p.group[i]] {
			if r == 0 {
				return i
			}
			r--
		}
	}
	panic("cluster: internal error: no unchosen point")
}
