package cluster

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/topics-dev/topics/internal/parallel"
)

// MaxMiss is the largest probability with which LSHBanding lets the banding
// miss a pair whose Jaccard index equals the threshold (pairs above it are
// missed less often, identical sets never).
const MaxMiss = 0.01

// Defaults of DuplicateOptions.
const (
	defaultDuplicateThreshold = 0.5
	defaultHashes             = 128
)

// LSHProbability returns the probability that MinHash banding with the given
// bands and rows per band makes a candidate of two sets whose Jaccard index
// is s: 1 - (1 - s^rows)^bands, the "S-curve". Each of the bands×rows
// min-hashes of two sets agrees with probability s, independently.
func LSHProbability(s float64, bands, rows int) float64 {
	if s >= 1 {
		return 1
	}
	if s <= 0 || bands < 1 || rows < 1 {
		return 0
	}
	// 1 - (1-p)^b without cancellation for small p.
	return -math.Expm1(float64(bands) * math.Log1p(-math.Pow(s, float64(rows))))
}

// LSHBanding chooses the banding of a signature of hashes min-hashes for a
// Jaccard threshold: the largest rows per band (the fewest false candidates)
// such that, with bands = ⌊hashes/rows⌋, a pair at the threshold is missed
// with probability at most MaxMiss. For 128 hashes it gives 42 bands of 3
// rows at threshold 0.5 (a pair at 0.5 is missed with probability 0.0037, a
// pair at 0.6 with 3.6e-5, at 0.7 with 2.2e-8) and 21 bands of 6 rows at 0.8
// (0.0017). If no banding reaches MaxMiss it returns hashes bands of one row.
func LSHBanding(threshold float64, hashes int) (bands, rows int) {
	bands, rows = hashes, 1
	for r := 2; r <= hashes; r++ {
		b := hashes / r
		if 1-LSHProbability(threshold, b, r) > MaxMiss {
			break
		}
		bands, rows = b, r
	}
	return bands, rows
}

// minHasher computes MinHash signatures and their band keys by one
// permutation hashing (Li, Owen & Zhang, "One Permutation Hashing", NIPS
// 2012) with optimal densification (Shrivastava, "Optimal Densification for
// Fast and Accurate Minwise Hashing", ICML 2017). Each element x of a set is
// hashed once, h = mix64(x ⊕ seed); the high 32 bits of h choose one of
// the K signature positions ("bins") and the bin keeps the smallest h it
// receives. A bin that no element reached takes the value of the first
// non-empty bin on a probe sequence that depends only on the bin and the
// fill seed, so two sets probe alike. For each bin, two sets agree with
// probability equal to their Jaccard index, as with K independent hash
// functions, at the cost of one hash per element instead of K; the bins
// are not quite independent, which moves the banding's S-curve by under a
// percent even for sets of a few elements (measured by simulation against
// LSHProbability for sets of 4 to 150 elements).
type minHasher struct {
	seed, fill  uint64
	bands, rows int
}

func newMinHasher(rng *rand.Rand, bands, rows int) *minHasher {
	return &minHasher{seed: rng.Uint64(), fill: rng.Uint64(), bands: bands, rows: rows}
}

// bin maps a 64-bit hash to [0, k) by its high 32 bits (Lemire's
// multiply-shift range reduction).
func bin(h uint64, k int) int { return int((h >> 32) * uint64(k) >> 32) }

// signature sets sig to the one-permutation signature of the non-empty
// set; full (len(sig)) is scratch space.
func (m *minHasher) signature(sig []uint64, full []bool, set []uint64) {
	k := len(sig)
	for b := range sig {
		sig[b] = math.MaxUint64
		full[b] = false
	}
	for _, x := range set {
		h := mix64(x ^ m.seed)
		b := bin(h, k)
		sig[b] = min(sig[b], h)
		full[b] = true
	}
	for b := range sig {
		if full[b] {
			continue
		}
		for probe := uint64(1); ; probe++ {
			if j := bin(mix64(m.fill^uint64(b)<<32^probe), k); full[j] {
				sig[b] = sig[j]
				break
			}
		}
	}
}

// bandKeys sets keys[b] to a 32-bit hash of the values of band b of sig.
// Two signatures that agree on a band get the same key; different bands
// collide with probability 2⁻³², and a collision only adds a candidate,
// which is then verified.
func (m *minHasher) bandKeys(keys []uint32, sig []uint64) {
	for b := range m.bands {
		h := uint64(b) + 1
		for _, v := range sig[b*m.rows : (b+1)*m.rows] {
			h = mix64(h*0x9e3779b97f4a7c15 ^ v)
		}
		keys[b] = uint32(h >> 32)
	}
}

// mix64 is the finalizer of SplitMix64: a bijection of uint64 in which every
// output bit depends on every input bit.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// resolve validates the options and fills in their defaults.
func (o *DuplicateOptions) resolve() (DuplicateOptions, error) {
	r := *o
	switch {
	case math.IsNaN(r.Threshold) || r.Threshold < 0 || r.Threshold > 1:
		return r, fmt.Errorf("cluster: %w: Threshold = %v, want a Jaccard index in (0, 1]", ErrInvalidOption, r.Threshold)
	case r.Hashes < 0:
		return r, fmt.Errorf("cluster: %w: Hashes = %d is negative", ErrInvalidOption, r.Hashes)
	case r.Bands < 0 || r.Rows < 0:
		return r, fmt.Errorf("cluster: %w: Bands = %d, Rows = %d: negative", ErrInvalidOption, r.Bands, r.Rows)
	case r.Workers < 0:
		return r, fmt.Errorf("cluster: %w: Workers = %d is negative", ErrInvalidOption, r.Workers)
	}
	if r.Threshold == 0 {
		r.Threshold = defaultDuplicateThreshold
	}
	if r.Hashes == 0 {
		r.Hashes = defaultHashes
		if r.Bands > 0 && r.Rows > 0 {
			r.Hashes = r.Bands * r.Rows
		}
	}
	switch {
	case r.Bands == 0 && r.Rows == 0:
		r.Bands, r.Rows = LSHBanding(r.Threshold, r.Hashes)
	case r.Bands == 0:
		r.Bands = r.Hashes / r.Rows
	case r.Rows == 0:
		r.Rows = r.Hashes / r.Bands
	}
	if r.Bands < 1 || r.Rows < 1 || r.Bands*r.Rows > r.Hashes {
		return r, fmt.Errorf("cluster: %w: %d bands of %d rows do not fit in %d hashes", ErrInvalidOption, r.Bands, r.Rows, r.Hashes)
	}
	if r.Rand == nil {
		r.Rand = rand.New(rand.NewPCG(0, 0))
	}
	r.Workers = parallel.Workers(r.Workers)
	return r, nil
}
