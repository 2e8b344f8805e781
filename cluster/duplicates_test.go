package cluster_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/topics-dev/topics/cluster"
)

// editedSets returns sets like the shingle sets of a corpus with
// near-duplicates: base sets of 20 to 300 random elements, and for some of
// them edited copies (a fraction of the elements replaced by new ones, so
// that Jaccard indices spread over (0, 1]), exact copies, and empty sets.
func editedSets(seed uint64, bases int) [][]uint64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	var sets [][]uint64
	for range bases {
		base := make([]uint64, 20+rng.IntN(280))
		for k := range base {
			base[k] = rng.Uint64()
		}
		sets = append(sets, base)
		for range rng.IntN(4) {
			edit := slices.Clone(base)
			frac := rng.Float64() * 0.6
			for k := range edit {
				if rng.Float64() < frac {
					edit[k] = rng.Uint64()
				}
			}
			rng.Shuffle(len(edit), func(a, b int) { edit[a], edit[b] = edit[b], edit[a] })
			sets = append(sets, edit)
		}
		if rng.IntN(10) == 0 {
			sets = append(sets, slices.Clone(base))
		}
		if rng.IntN(20) == 0 {
			sets = append(sets, nil)
		}
	}
	return sets
}

// bruteJaccard returns every pair of sets with a positive Jaccard index.
func bruteJaccard(sets [][]uint64) []cluster.Pair {
	sorted := make([][]uint64, len(sets))
	for i, s := range sets {
		sorted[i] = slices.Sorted(slices.Values(s))
	}
	var out []cluster.Pair
	for a := range sets {
		for b := a + 1; b < len(sets); b++ {
			if j := cluster.Jaccard(sorted[a], sorted[b]); j > 0 {
				out = append(out, cluster.Pair{A: a, B: b, Similarity: j})
			}
		}
	}
	return out
}

// The LSH stage may only miss a pair with the probability stated by the
// S-curve. For each threshold, the pairs found must be exactly the pairs of
// the brute force, minus at most a few whose miss probability adds up to
// more than the misses: here every true pair is found.
func TestNearDuplicatesMatchBruteForce(t *testing.T) {
	sets := editedSets(1, 200)
	all := bruteJaccard(sets)
	for _, th := range []float64{0.3, 0.5, 0.8, 1} {
		var want []cluster.Pair
		for _, p := range all {
			if p.Similarity >= th {
				want = append(want, p)
			}
		}
		got, err := cluster.NearDuplicates(sets, cluster.DuplicateOptions{Threshold: th})
		if err != nil {
			t.Fatal(err)
		}
		// Expected misses: Σ over true pairs of 1 - P(candidate).
		var expected float64
		for _, p := range want {
			expected += 1 - cluster.LSHProbability(p.Similarity, got.Bands, got.Rows)
		}
		found := map[[2]int]float64{}
		for _, p := range got.Pairs {
			if p.Similarity < th {
				t.Fatalf("t=%v: pair %+v below the threshold", th, p)
			}
			found[[2]int{p.A, p.B}] = p.Similarity
		}
		missed := 0
		for _, p := range want {
			j, ok := found[[2]int{p.A, p.B}]
			if !ok {
				missed++
				t.Logf("t=%v: missed %+v (miss probability %.2g)", th, p, 1-cluster.LSHProbability(p.Similarity, got.Bands, got.Rows))
				continue
			}
			if j != p.Similarity {
				t.Errorf("pair %+v reported with Jaccard %v", p, j)
			}
		}
		if len(got.Pairs) != len(want)-missed {
			t.Errorf("t=%v: %d pairs reported, %d true pairs of which %d missed", th, len(got.Pairs), len(want), missed)
		}
		if missed > 0 {
			t.Errorf("t=%v: %d of %d pairs missed (expected %.3f with %d bands × %d rows)", th, missed, len(want), expected, got.Bands, got.Rows)
		}
		if len(want) < 20 {
			t.Errorf("t=%v: only %d true pairs: the test corpus is too easy", th, len(want))
		}
		t.Logf("t=%v: %d pairs, %d candidates, %d bands × %d rows, expected misses %.3g", th, len(want), got.Candidates, got.Bands, got.Rows, expected)
	}
}

func TestNearDuplicatesDeterministic(t *testing.T) {
	sets := editedSets(2, 200)
	orig := make([][]uint64, len(sets))
	for i, s := range sets {
		orig[i] = slices.Clone(s)
	}
	var first *cluster.Duplicates
	for _, w := range []int{1, 2, 7} {
		got, err := cluster.NearDuplicates(sets, cluster.DuplicateOptions{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = got
			continue
		}
		if !slices.Equal(got.Pairs, first.Pairs) || got.Candidates != first.Candidates {
			t.Errorf("Workers %d changed the result", w)
		}
	}
	for i := range sets {
		if !slices.Equal(sets[i], orig[i]) {
			t.Fatalf("set %d modified", i)
		}
	}
}

func TestNearDuplicatesEdgeCases(t *testing.T) {
	sets := [][]uint64{
		{3, 1, 2},    // 0: unsorted, equal to 1 and 4
		{1, 2, 3},    // 1
		nil,          // 2: empty, never a duplicate
		{},           // 3: empty
		{1, 2, 3, 3}, // 4: a repeat
		{9},          // 5: alone
		{1, 2, 3, 4}, // 6: Jaccard 3/4 with 0, 1 and 4
	}
	got, err := cluster.NearDuplicates(sets, cluster.DuplicateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []cluster.Pair{{0, 1, 1}, {0, 4, 1}, {0, 6, 0.75}, {1, 4, 1}, {1, 6, 0.75}, {4, 6, 0.75}}
	if !slices.Equal(got.Pairs, want) {
		t.Errorf("pairs %v, want %v", got.Pairs, want)
	}
	if got.Distinct != 3 {
		t.Errorf("%d distinct sets, want 3", got.Distinct)
	}
	labels, err := cluster.Components(len(sets), got.Pairs)
	if err != nil {
		t.Fatal(err)
	}
	if wantL := []int{0, 0, 1, 2, 0, 3, 0}; !slices.Equal(labels, wantL) {
		t.Errorf("components %v, want %v", labels, wantL)
	}
	if got, _ := cluster.NearDuplicates(nil, cluster.DuplicateOptions{}); len(got.Pairs) != 0 {
		t.Errorf("no sets gave pairs %v", got.Pairs)
	}
}

func TestNearDuplicatesOptions(t *testing.T) {
	cases := []struct {
		opt         cluster.DuplicateOptions
		bands, rows int
		bad         bool
	}{
		{cluster.DuplicateOptions{}, 42, 3, false},
		{cluster.DuplicateOptions{Threshold: 0.8}, 21, 6, false},
		{cluster.DuplicateOptions{Threshold: 0.9}, 12, 10, false},
		{cluster.DuplicateOptions{Bands: 20, Rows: 5}, 20, 5, false},
		{cluster.DuplicateOptions{Hashes: 64, Rows: 4}, 16, 4, false},
		{cluster.DuplicateOptions{Threshold: 1.5}, 0, 0, true},
		{cluster.DuplicateOptions{Threshold: math.NaN()}, 0, 0, true},
		{cluster.DuplicateOptions{Hashes: -1}, 0, 0, true},
		{cluster.DuplicateOptions{Hashes: 10, Bands: 4, Rows: 3}, 0, 0, true},
		{cluster.DuplicateOptions{Workers: -2}, 0, 0, true},
	}
	for _, c := range cases {
		got, err := cluster.NearDuplicates([][]uint64{{1}}, c.opt)
		if c.bad {
			if !errors.Is(err, cluster.ErrInvalidOption) {
				t.Errorf("%+v: error %v, want ErrInvalidOption", c.opt, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%+v: %v", c.opt, err)
			continue
		}
		if got.Bands != c.bands || got.Rows != c.rows {
			t.Errorf("%+v: %d bands × %d rows, want %d × %d", c.opt, got.Bands, got.Rows, c.bands, c.rows)
		}
	}
}

func TestLSHProbability(t *testing.T) {
	cases := []struct {
		s           float64
		bands, rows int
		want        float64
	}{
		{0.5, 42, 3, 1 - math.Pow(1-0.125, 42)},
		{0.8, 21, 6, 1 - math.Pow(1-math.Pow(0.8, 6), 21)},
		{1, 1, 100, 1},
		{0, 42, 3, 0},
		{0.01, 42, 3, 1 - math.Pow(1-1e-6, 42)},
	}
	for _, c := range cases {
		if got := cluster.LSHProbability(c.s, c.bands, c.rows); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("LSHProbability(%v, %d, %d) = %v, want %v", c.s, c.bands, c.rows, got, c.want)
		}
	}
	// The banding chosen for each threshold meets MaxMiss at it, and one
	// more row per band would not.
	for _, th := range []float64{0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95} {
		b, r := cluster.LSHBanding(th, 128)
		if miss := 1 - cluster.LSHProbability(th, b, r); miss > cluster.MaxMiss {
			t.Errorf("t=%v: %d×%d misses %v", th, b, r, miss)
		}
		if miss := 1 - cluster.LSHProbability(th, 128/(r+1), r+1); miss <= cluster.MaxMiss {
			t.Errorf("t=%v: %d×%d, but %d rows would do (miss %v)", th, b, r, r+1, miss)
		}
	}
}

func TestJaccard(t *testing.T) {
	cases := []struct {
		a, b []uint64
		want float64
	}{
		{nil, nil, 0},
		{[]uint64{1}, nil, 0},
		{[]uint64{1, 2}, []uint64{1, 2}, 1},
		{[]uint64{1, 2, 3}, []uint64{2, 3, 4}, 0.5},
		{[]uint64{1, 5}, []uint64{2, 6}, 0},
	}
	for _, c := range cases {
		if got := cluster.Jaccard(c.a, c.b); got != c.want {
			t.Errorf("Jaccard(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestComponents(t *testing.T) {
	cases := []struct {
		name  string
		n     int
		pairs []cluster.Pair
		want  []int
	}{
		{"none", 3, nil, []int{0, 1, 2}},
		{"chain", 5, []cluster.Pair{{A: 3, B: 4}, {A: 1, B: 3}}, []int{1, 0, 2, 0, 0}},
		{"tie by smallest item", 4, []cluster.Pair{{A: 2, B: 3}, {A: 0, B: 1}}, []int{0, 0, 1, 1}},
		{"order of pairs", 4, []cluster.Pair{{A: 0, B: 1}, {A: 2, B: 3}}, []int{0, 0, 1, 1}},
	}
	for _, c := range cases {
		got, err := cluster.Components(c.n, c.pairs)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	if _, err := cluster.Components(2, []cluster.Pair{{A: 0, B: 2}}); !errors.Is(err, cluster.ErrInvalidOption) {
		t.Errorf("pair out of range: %v", err)
	}
}

// TestNearDuplicatesFunc checks that sets given by a function give the
// result of the same sets given as slices, that Empty lists the empty sets,
// and that the function is called for every item once, and again only for
// items compared later: sets unlike any other are built once.
func TestNearDuplicatesFunc(t *testing.T) {
	sets := editedSets(3, 150)
	lone := len(sets)
	rng := rand.New(rand.NewPCG(5, 5))
	for range 100 {
		s := make([]uint64, 50)
		for k := range s {
			s[k] = rng.Uint64()
		}
		sets = append(sets, s)
	}
	want, err := cluster.NearDuplicates(sets, cluster.DuplicateOptions{Rand: seeded(4)})
	if err != nil {
		t.Fatal(err)
	}
	calls := make([]atomic.Int32, len(sets))
	got, err := cluster.NearDuplicatesFunc(len(sets), func(i int, dst []uint64) []uint64 {
		calls[i].Add(1)
		return append(dst, sets[i]...)
	}, cluster.DuplicateOptions{Rand: seeded(4), Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Pairs, want.Pairs) || got.Candidates != want.Candidates || got.Distinct != want.Distinct {
		t.Errorf("NearDuplicatesFunc: %d pairs, %d candidates; NearDuplicates: %d, %d",
			len(got.Pairs), got.Candidates, len(want.Pairs), want.Candidates)
	}
	var empty []int
	for i, s := range sets {
		if len(s) == 0 {
			empty = append(empty, i)
		}
	}
	if !slices.Equal(got.Empty, empty) {
		t.Errorf("Empty %v, want %v", got.Empty, empty)
	}
	for i := range calls {
		if c := calls[i].Load(); c < 1 || c > 3 || i >= lone && c != 1 {
			t.Errorf("set %d built %d times", i, c)
		}
	}
}
