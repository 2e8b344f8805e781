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

	// Hashes is the number of MinHash functions (the signature length).
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
	// the bulk of the work, with the number of distinct sets signed so far
	// and their total. Calls come one at a time, with done increasing.
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

	// Distinct is the number of distinct non-empty sets; Candidates is the
	// number of pairs of distinct sets that the banding proposed and whose
	// Jaccard index was computed exactly.
	Distinct, Candidates int
}

// NearDuplicates finds the pairs of sets whose Jaccard index |A∩B|/|A∪B|
// is at least opt.Threshold, without comparing every pair: sets[i] holds the
// elements of item i, typically the shingle hashes of a document
// (vectorize.Shingles). The sets are not modified and need not be sorted.
//
// It works in four steps:
//
//  1. Identical sets are grouped (by a hash of the sorted set, then
//     compared); each group is one distinct set, all its pairs have index 1.
//  2. Every distinct set gets a MinHash signature of opt.Hashes values: for
//     hash function k, the smallest mix(x ⊕ seedₖ) over its elements x, where
//     mix is SplitMix64's finalizer and the seeds come from opt.Rand. Two
//     sets agree on one value with probability equal to their Jaccard index.
//  3. Locality-sensitive hashing: the signature is cut into Bands bands of
//     Rows values; sets whose band agrees in at least one band become
//     candidates. A pair of index s is a candidate with probability
//     LSHProbability(s, Bands, Rows) = 1 - (1 - s^Rows)^Bands. The default
//     banding misses a pair at the threshold with probability at most
//     MaxMiss (1%); see LSHBanding.
//  4. Every candidate pair is verified: its exact Jaccard index is computed
//     from the two sets, and only pairs at or above the threshold are kept,
//     so no reported pair is a false positive.
//
// Time is O(Σ|sets|·Hashes) for the signatures plus the number of
// candidates times the set sizes; memory is O(n·Bands) plus the candidates.
// Empty sets are never duplicates. The result depends on opt.Rand but not on
// Workers.
//
// NearDuplicates returns an error wrapping ErrInvalidOption if an option is
// out of range.
func NearDuplicates(sets [][]uint64, opt DuplicateOptions) (*Duplicates, error) {
	o, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	res := &Duplicates{Threshold: o.Threshold, Hashes: o.Hashes, Bands: o.Bands, Rows: o.Rows}
	mh := newMinHasher(o.Rand, o.Hashes, o.Bands, o.Rows)

	sorted := sortedSets(sets)
	reps, class := distinctSets(sorted)
	res.Distinct = len(reps)

	// Signatures and band keys of the distinct sets.
	m := len(reps)
	keys := make([]uint64, o.Bands*m) // band-major: keys[b*m + r]
	sigs := make([][]uint64, o.Workers)
	bk := make([][]uint64, o.Workers)
	var (
		mu     sync.Mutex
		signed int
	)
	parallel.For(o.Workers, numChunks(m, chunkRows), func(w, c int) {
		if sigs[w] == nil {
			sigs[w] = make([]uint64, o.Hashes)
			bk[w] = make([]uint64, o.Bands)
		}
		lo, hi := chunkBounds(c, chunkRows, m)
		for r := lo; r < hi; r++ {
			mh.signature(sigs[w], sorted[reps[r]])
			mh.bandKeys(bk[w], sigs[w])
			for b, k := range bk[w] {
				keys[b*m+r] = k
			}
		}
		if opt.Progress != nil {
			mu.Lock()
			signed += hi - lo
			opt.Progress(signed, m)
			mu.Unlock()
		}
	})

	// Candidate pairs of distinct sets, as r1<<32 | r2 with r1 < r2.
	perBand := make([][]uint64, o.Bands)
	parallel.For(o.Workers, o.Bands, func(_, b int) {
		type entry struct {
			key uint64
			rep uint32
		}
		es := make([]entry, m)
		for r := range m {
			es[r] = entry{keys[b*m+r], uint32(r)}
		}
		slices.SortFunc(es, func(x, y entry) int { return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.rep, y.rep)) })
		var out []uint64
		for lo := 0; lo < m; {
			hi := lo + 1
			for hi < m && es[hi].key == es[lo].key {
				hi++
			}
			for p := lo; p < hi; p++ {
				for q := p + 1; q < hi; q++ {
					out = append(out, uint64(es[p].rep)<<32|uint64(es[q].rep))
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
	cand = slices.Compact(cand)
	res.Candidates = len(cand)

	// Exact verification.
	const verifyChunk = 4096
	nc := numChunks(len(cand), verifyChunk)
	found := make([][]Pair, nc)
	parallel.For(o.Workers, nc, func(_, c int) {
		lo, hi := chunkBounds(c, verifyChunk, len(cand))
		for _, pq := range cand[lo:hi] {
			p, q := reps[pq>>32], reps[pq&(1<<32-1)]
			if j := Jaccard(sorted[p], sorted[q]); j >= o.Threshold {
				found[c] = append(found[c], Pair{p, q, j})
			}
		}
	})

	// Expand the pairs of distinct sets to the items holding them.
	members := make([][]int, m) // members of each distinct set, increasing
	for i, r := range class {
		if r >= 0 {
			members[r] = append(members[r], i)
		}
	}
	rep := make([]int, len(sets)) // item → its distinct set
	for r, ms := range members {
		for _, i := range ms {
			rep[i] = r
		}
		for x, a := range ms {
			for _, b := range ms[x+1:] {
				res.Pairs = append(res.Pairs, Pair{a, b, 1})
			}
		}
	}
	for _, f := range found {
		for _, pr := range f {
			for _, a := range members[rep[pr.A]] {
				for _, b := range members[rep[pr.B]] {
					res.Pairs = append(res.Pairs, Pair{min(a, b), max(a, b), pr.Similarity})
				}
			}
		}
	}
	slices.SortFunc(res.Pairs, func(x, y Pair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return res, nil
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

// sortedSets returns the sets sorted without repeats, copying only those
// that are not already.
func sortedSets(sets [][]uint64) [][]uint64 {
	out := make([][]uint64, len(sets))
	for i, s := range sets {
		ok := true
		for k := 1; k < len(s); k++ {
			if s[k] <= s[k-1] {
				ok = false
				break
			}
		}
		if ok {
			out[i] = s
			continue
		}
		c := slices.Clone(s)
		slices.Sort(c)
		out[i] = slices.Compact(c)
	}
	return out
}

// distinctSets groups identical non-empty sets. reps holds, for each distinct
// set, its first item, in increasing order; class[i] is the distinct set of
// item i, or -1 for an empty set.
func distinctSets(sets [][]uint64) (reps []int, class []int) {
	type entry struct {
		key  uint64
		item int
	}
	es := make([]entry, 0, len(sets))
	for i, s := range sets {
		if len(s) == 0 {
			continue
		}
		h := uint64(len(s))
		for _, x := range s {
			h = mix64(h*0x9e3779b97f4a7c15 ^ x)
		}
		es = append(es, entry{h, i})
	}
	slices.SortFunc(es, func(x, y entry) int { return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.item, y.item)) })
	first := make([]int, len(sets)) // item → the first item with an equal set
	for i := range first {
		first[i] = -1
	}
	for lo := 0; lo < len(es); {
		hi := lo + 1
		for hi < len(es) && es[hi].key == es[lo].key {
			hi++
		}
		// Within a run of equal keys (nearly always equal sets), compare.
		for p := lo; p < hi; p++ {
			i := es[p].item
			for q := lo; q < p; q++ {
				if j := es[q].item; first[j] == j && slices.Equal(sets[i], sets[j]) {
					first[i] = j
					break
				}
			}
			if first[i] < 0 {
				first[i] = i
			}
		}
		lo = hi
	}
	class = make([]int, len(sets))
	index := make([]int, len(sets))
	for i, f := range first {
		switch {
		case f < 0:
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
