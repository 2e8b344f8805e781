package cluster

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/topics-dev/topics/internal/parallel"
)

// DuplicateOptions configures NearDuplicates. The zero value of each field
// means its documented default.
type DuplicateOptions struct {
	// Threshold is the smallest Jaccard index of a reported pair, in (0, 1].
	// Zero means 0.5.
	Threshold float64

	// Hashes is the length of the MinHash signature (the number of bins of
	// one permutation hashing; see NearDuplicatesFunc).
	// Zero means 128, or Bands×Rows when both are set.
	Hashes int

	// Bands and Rows set the LSH banding: two sets are a candidate pair when
	// their Rows min-hashes agree in at least one of Bands bands, which
	// happens with probability LSHProbability(s, Bands, Rows) for sets of
	// Jaccard index s. Zero for both means LSHBanding(Threshold, Hashes);
	// zero for one means Hashes divided by the other.
	Bands, Rows int

	// Rand seeds the hash functions. Nil means rand.New(rand.NewPCG(0, 0)).
	Rand *rand.Rand

	// Workers is the number of goroutines. Zero means runtime.GOMAXPROCS(0).
	// The result does not depend on it.
	Workers int

	// Progress, if not nil, is called as MinHash signatures are computed,
	// the bulk of the work, with the number of sets signed so far and their
	// total. Calls come one at a time, with done increasing.
	Progress func(done, total int)
}

// Pair is two items, A < B, and their similarity.
type Pair struct {
	A, B       int
	Similarity float64
}

// Duplicates is what NearDuplicates found.
type Duplicates struct {
	// Pairs holds every pair found with a Jaccard index of at least
	// Threshold, sorted by A, then B.
	Pairs []Pair

	// Threshold, Hashes, Bands and Rows are the settings used.
	Threshold           float64
	Hashes, Bands, Rows int

	// Empty holds the items whose set is empty, in increasing order.
	Empty []int

	// Distinct is the number of distinct non-empty sets; Candidates is the
	// number of pairs of distinct sets that the banding proposed and whose
	// Jaccard index was computed exactly.
	Distinct, Candidates int
}

// NearDuplicates finds the pairs of sets whose Jaccard index |A∩B|/|A∪B|
// is at least opt.Threshold, without comparing every pair: sets[i] holds the
// elements of item i, typically the shingle hashes of a document
// (vectorize.Shingles). The sets are not modified and need not be sorted.
// It is NearDuplicatesFunc of a function that returns sets[i].
func NearDuplicates(sets [][]uint64, opt DuplicateOptions) (*Duplicates, error) {
	return NearDuplicatesFunc(len(sets), func(i int, dst []uint64) []uint64 { return append(dst, sets[i]...) }, opt)
}

// SetFunc appends the elements of set i to dst and returns the result; the
// elements may come in any order and repeat. It must give the same set
// every time it is called for an i, and may be called from several
// goroutines at once.
type SetFunc func(i int, dst []uint64) []uint64

// NearDuplicatesFunc is NearDuplicates of the n sets that set gives, which
// need not all be held in memory at once: set is called for every item
// once to sign it, and again only for the items that the banding makes
// candidates (and for identical-looking sets, to compare them). Memory is
// O(n·Bands) plus the sets of the candidates.
//
// It works in four steps:
//
//  1. Every set gets a MinHash signature of opt.Hashes values by one
//     permutation hashing with optimal densification (see minHasher): each
//     element x is hashed once, h = mix(x ⊕ seed), mix being SplitMix64's
//     finalizer and the seeds coming from opt.Rand; h's high bits choose a
//     signature position, which keeps the smallest h it receives, and
//     empty positions copy a non-empty one chosen by a seeded probe. Two
//     sets agree on a position with probability equal to their Jaccard
//     index. Identical sets (grouped by a hash of the sorted set, then
//     compared) make one distinct set, all of whose pairs have index 1.
//  2. Locality-sensitive hashing: the signature is cut into Bands bands of
//     Rows values; distinct sets whose band agrees in at least one band
//     become candidates. A pair of index s is a candidate with probability
//     LSHProbability(s, Bands, Rows) = 1 - (1 - s^Rows)^Bands (to within a
//     percent: the positions of one permutation are nearly independent).
//     The default banding misses a pair at the threshold with probability
//     at most MaxMiss (1%); see LSHBanding.
//  3. Every candidate pair is verified: its exact Jaccard index is computed
//     from the two sets, and only pairs at or above the threshold are kept,
//     so no reported pair is a false positive.
//  4. Pairs of distinct sets are expanded to the items that hold them.
//
// Time is O(Σ|sets| + n·Hashes) for the signatures plus the number of
// candidates times the set sizes. Empty sets are never duplicates. The
// result depends on opt.Rand but not on Workers.
//
// NearDuplicatesFunc returns an error wrapping ErrInvalidOption if an
// option is out of range.
func NearDuplicatesFunc(n int, set SetFunc, opt DuplicateOptions) (*Duplicates, error) {
	o, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	res := &Duplicates{Threshold: o.Threshold, Hashes: o.Hashes, Bands: o.Bands, Rows: o.Rows}
	mh := newMinHasher(o.Rand, o.Bands, o.Rows)
	sk := sketchSets(n, set, mh, o.Hashes, o.Workers, o.Progress)
	for i, e := range sk.empty {
		if e {
			res.Empty = append(res.Empty, i)
		}
	}
	reps, class := sk.distinct(set, o.Workers)
	res.Distinct = len(reps)
	cand := sk.candidates(reps, o.Workers)
	res.Candidates = len(cand)
	found := verifyPairs(cand, reps, set, o.Threshold, o.Workers)
	res.Pairs = expandPairs(n, reps, class, found)
	return res, nil
}

// sketches holds what the first pass over the sets keeps of each item.
type sketches struct {
	n, bands int
	empty    []bool   // per item: whether its set is empty
	hashes   []uint64 // per item: a hash of its signature
	keys     []uint32 // band-major: keys[b*n + i] is item i's key for band b
}

// sortedSet returns set i sorted, without repeats, in buf's memory.
func sortedSet(set SetFunc, i int, buf []uint64) []uint64 {
	s := set(i, buf[:0])
	slices.Sort(s)
	return slices.Compact(s)
}

// sketchSets computes, in parallel, the signature of every set and keeps
// whether it is empty, the signature's hash and its band keys. progress, if not nil, is called with the number of sets done, in
// increasing order.
func sketchSets(n int, set SetFunc, mh *minHasher, hashes, workers int, progress func(done, total int)) *sketches {
	sk := &sketches{n: n, bands: mh.bands, empty: make([]bool, n), hashes: make([]uint64, n), keys: make([]uint32, mh.bands*n)}
	type scratch struct {
		set, sig []uint64
		full     []bool
		keys     []uint32
	}
	bufs := make([]*scratch, workers)
	var (
		mu     sync.Mutex
		signed int
	)
	parallel.For(workers, numChunks(n, chunkRows), func(w, c int) {
		if bufs[w] == nil {
			bufs[w] = &scratch{sig: make([]uint64, hashes), full: make([]bool, hashes), keys: make([]uint32, mh.bands)}
		}
		b := bufs[w]
		lo, hi := chunkBounds(c, chunkRows, n)
		for i := lo; i < hi; i++ {
			// The signature does not need the set sorted nor without
			// repeats, and equal sets have equal signatures: its hash
			// stands for the set's when grouping identical sets.
			b.set = set(i, b.set[:0])
			sk.empty[i] = len(b.set) == 0
			if sk.empty[i] {
				continue
			}
			mh.signature(b.sig, b.full, b.set)
			sk.hashes[i] = setHash(b.sig)
			mh.bandKeys(b.keys, b.sig)
			for band, k := range b.keys {
				sk.keys[band*n+i] = k
			}
		}
		if progress != nil {
			mu.Lock()
			signed += hi - lo
			progress(signed, n)
			mu.Unlock()
		}
	})
	return sk
}

// setHash returns a hash of a list of values.
func setHash(s []uint64) uint64 {
	h := uint64(len(s))
	for _, x := range s {
		h = mix64(h*0x9e3779b97f4a7c15 ^ x)
	}
	return h
}

// distinct groups identical non-empty sets. reps holds, for each distinct
// set, its first item, in increasing order; class[i] is the distinct set of
// item i, or -1 for an empty set. Sets whose signatures hash alike (all
// identical sets, and rarely others) are built again and compared.
func (sk *sketches) distinct(set SetFunc, workers int) (reps []int, class []int) {
	type entry struct {
		key  uint64
		item int
	}
	es := make([]entry, 0, sk.n)
	for i, e := range sk.empty {
		if !e {
			es = append(es, entry{sk.hashes[i], i})
		}
	}
	slices.SortFunc(es, func(x, y entry) int { return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.item, y.item)) })
	var runs [][2]int // runs of equal keys in es, longer than one
	for lo := 0; lo < len(es); {
		hi := lo + 1
		for hi < len(es) && es[hi].key == es[lo].key {
			hi++
		}
		if hi-lo > 1 {
			runs = append(runs, [2]int{lo, hi})
		}
		lo = hi
	}
	first := make([]int, sk.n) // item → the first item with an equal set
	for i := range first {
		first[i] = i
	}
	parallel.For(workers, len(runs), func(_, r int) {
		lo, hi := runs[r][0], runs[r][1]
		sets := make([][]uint64, hi-lo)
		for p := lo; p < hi; p++ {
			i := es[p].item
			sets[p-lo] = sortedSet(set, i, nil)
			for q := lo; q < p; q++ {
				if j := es[q].item; first[j] == j && slices.Equal(sets[p-lo], sets[q-lo]) {
					first[i] = j
					break
				}
			}
		}
	})
	class = make([]int, sk.n)
	index := make([]int, sk.n)
	for i, f := range first {
		switch {
		case sk.empty[i]:
			class[i] = -1
		case f == i:
			index[i] = len(reps)
			class[i] = len(reps)
			reps = append(reps, i)
		default:
			class[i] = index[f]
		}
	}
	return reps, class
}

// candidates returns the pairs of distinct sets (indices into reps) that
// agree on the key of at least one band, as r1<<32 | r2 with r1 < r2,
// sorted, without repeats. Each band sorts its (key, rep) entries packed
// in one uint64, so runs of equal keys list their reps in increasing order.
func (sk *sketches) candidates(reps []int, workers int) []uint64 {
	m := len(reps)
	perBand := make([][]uint64, sk.bands)
	parallel.For(workers, sk.bands, func(_, b int) {
		keys := sk.keys[b*sk.n : (b+1)*sk.n]
		es := make([]uint64, m)
		for r, i := range reps {
			es[r] = uint64(keys[i])<<32 | uint64(r)
		}
		slices.Sort(es)
		var out []uint64
		for lo := 0; lo < m; {
			hi := lo + 1
			for hi < m && es[hi]>>32 == es[lo]>>32 {
				hi++
			}
			for p := lo; p < hi; p++ {
				for q := p + 1; q < hi; q++ {
					out = append(out, es[p]<<32|es[q]&(1<<32-1))
				}
			}
			lo = hi
		}
		perBand[b] = out
	})
	var cand []uint64
	for b, pb := range perBand {
		cand = append(cand, pb...)
		perBand[b] = nil
		if len(cand) > 1<<20 {
			slices.Sort(cand)
			cand = slices.Compact(cand)
		}
	}
	slices.Sort(cand)
	return slices.Compact(cand)
}

// verifyPairs computes the Jaccard index of each candidate pair of
// distinct sets and returns, per chunk of candidates, the pairs (of items)
// at or above threshold. The sets of the candidates are built once.
func verifyPairs(cand []uint64, reps []int, set SetFunc, threshold float64, workers int) [][]Pair {
	sets := make([][]uint64, len(reps)) // only those of candidates
	var used []int
	seen := make([]bool, len(reps))
	for _, pq := range cand {
		for _, r := range [2]int{int(pq >> 32), int(pq & (1<<32 - 1))} {
			if !seen[r] {
				seen[r] = true
				used = append(used, r)
			}
		}
	}
	parallel.For(workers, len(used), func(_, u int) {
		r := used[u]
		sets[r] = sortedSet(set, reps[r], nil)
	})
	const verifyChunk = 4096
	nc := numChunks(len(cand), verifyChunk)
	found := make([][]Pair, nc)
	parallel.For(workers, nc, func(_, c int) {
		lo, hi := chunkBounds(c, verifyChunk, len(cand))
		for _, pq := range cand[lo:hi] {
			p, q := int(pq>>32), int(pq&(1<<32-1))
			if j := Jaccard(sets[p], sets[q]); j >= threshold {
				found[c] = append(found[c], Pair{reps[p], reps[q], j})
			}
		}
	})
	return found
}

// expandPairs turns pairs of distinct sets into pairs of items: every pair
// of items holding the same set (index 1), and every pair of items holding
// the two sets of a pair found, sorted by A, then B.
func expandPairs(n int, reps, class []int, found [][]Pair) []Pair {
	members := make([][]int, len(reps)) // members of each distinct set, increasing
	for i, r := range class {
		if r >= 0 {
			members[r] = append(members[r], i)
		}
	}
	var pairs []Pair
	for _, ms := range members {
		for x, a := range ms {
			for _, b := range ms[x+1:] {
				pairs = append(pairs, Pair{a, b, 1})
			}
		}
	}
	for _, f := range found {
		for _, pr := range f {
			for _, a := range members[class[pr.A]] {
				for _, b := range members[class[pr.B]] {
					pairs = append(pairs, Pair{min(a, b), max(a, b), pr.Similarity})
				}
			}
		}
	}
	slices.SortFunc(pairs, func(x, y Pair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return pairs
}

// Jaccard returns the Jaccard index |a∩b| / |a∪b| of two sets given as
// slices sorted in increasing order without repeats, or 0 if both are empty.
func Jaccard(a, b []uint64) float64 {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
