package cluster

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSignatureAgreement checks the property the banding relies on: two
// sets agree on a signature position with probability equal to their
// Jaccard index, for small sets (most positions filled by densification)
// as for large ones. Each case averages 400 pairs of 128 positions, so the
// mean agreement is within 0.02 of the index with near certainty.
func TestSignatureAgreement(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, tc := range []struct {
		size, common int
	}{{3, 2}, {10, 7}, {40, 27}, {200, 133}, {200, 40}} {
		j := float64(tc.common) / float64(2*tc.size-tc.common)
		sig := [2][]uint64{make([]uint64, 128), make([]uint64, 128)}
		full := make([]bool, 128)
		agree := 0
		for range 400 {
			mh := newMinHasher(rng, 42, 3)
			var sets [2][]uint64
			for k := range tc.size {
				x := rng.Uint64()
				sets[0] = append(sets[0], x)
				if k >= tc.common {
					x = rng.Uint64()
				}
				sets[1] = append(sets[1], x)
			}
			mh.signature(sig[0], full, sets[0])
			mh.signature(sig[1], full, sets[1])
			for b := range sig[0] {
				if sig[0][b] == sig[1][b] {
					agree++
				}
			}
		}
		if got := float64(agree) / (400 * 128); math.Abs(got-j) > 0.02 {
			t.Errorf("sets of %d sharing %d: agreement %.4f, Jaccard %.4f", tc.size, tc.common, got, j)
		}
	}
}
