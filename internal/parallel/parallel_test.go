package parallel

import (
	"slices"
	"sync/atomic"
	"testing"
)

func TestForVisitsEveryIndexOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 64} {
		for _, n := range []int{0, 1, 2, 7, 1000} {
			hits := make([]atomic.Int32, n)
			bad := atomic.Bool{}
			limit := min(Workers(workers), max(n, 1))
			For(workers, n, func(w, i int) {
				if w < 0 || w >= limit {
					bad.Store(true)
				}
				hits[i].Add(1)
			})
			if bad.Load() {
				t.Errorf("workers %d, n %d: a worker id outside [0, %d)", workers, n, limit)
			}
			for i := range hits {
				if h := hits[i].Load(); h != 1 {
					t.Fatalf("workers %d, n %d: index %d visited %d times", workers, n, i, h)
				}
			}
		}
	}
}

func TestForOneWorkerRunsInOrder(t *testing.T) {
	var got []int
	For(1, 5, func(_, i int) { got = append(got, i) })
	if !slices.Equal(got, []int{0, 1, 2, 3, 4}) {
		t.Errorf("one worker visited %v, want 0..4 in order", got)
	}
}

// checkCuts fails unless cuts split [0, n) into at most parts non-empty
// consecutive pieces (one empty piece for n = 0).
func checkCuts(t *testing.T, cuts []int, n, parts int) {
	t.Helper()
	if len(cuts) < 2 || cuts[0] != 0 || cuts[len(cuts)-1] != n {
		t.Fatalf("cuts %v do not span [0, %d)", cuts, n)
	}
	if len(cuts)-1 > max(parts, 1) {
		t.Errorf("cuts %v: %d pieces, want at most %d", cuts, len(cuts)-1, parts)
	}
	for c := 1; c < len(cuts); c++ {
		if cuts[c] <= cuts[c-1] && n > 0 {
			t.Errorf("cuts %v: piece %d is empty", cuts, c-1)
		}
	}
}

func TestEvenAndBalancedCuts(t *testing.T) {
	for _, n := range []int{0, 1, 5, 100} {
		for _, parts := range []int{1, 2, 8, 200} {
			checkCuts(t, Even(n, parts), n, parts)
			checkCuts(t, Balanced(func(int) int { return 1 }, n, parts), n, parts)
		}
	}
	// A heavy head: the first index alone is half the weight.
	w := []int{10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	cuts := Balanced(func(i int) int { return w[i] }, len(w), 2)
	if !slices.Equal(cuts, []int{0, 1, len(w)}) {
		t.Errorf("Balanced(heavy head, 2) = %v, want [0 1 %d]", cuts, len(w))
	}
}

func TestRangesCoverOnce(t *testing.T) {
	const n = 37
	hits := make([]atomic.Int32, n)
	Ranges(0, Even(n, 6), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			hits[i].Add(1)
		}
	})
	for i := range hits {
		if h := hits[i].Load(); h != 1 {
			t.Fatalf("index %d covered %d times", i, h)
		}
	}
}
