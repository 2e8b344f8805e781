package cluster_test

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// twoLevel returns coarse×fine clusters of per rows in d dimensions: each
// coarse cluster has a random direction, each of its fine clusters a
// direction at cosine 1/√(1+spread²) of it, and rows are their fine
// direction plus Gaussian noise. It also returns the coarse and fine
// cluster of every row.
func twoLevel(seed uint64, coarse, fine, per, d int, spread, noise float64) (*mat.Dense, []int, []int) {
	rng := rand.New(rand.NewPCG(seed, 7))
	unit := func() []float64 {
		v := make([]float64, d)
		for j := range v {
			v[j] = rng.NormFloat64()
		}
		floats.Scale(1/floats.Norm(v, 2), v)
		return v
	}
	n := coarse * fine * per
	x := mat.NewDense(n, d, nil)
	cl, fl := make([]int, n), make([]int, n)
	i := 0
	for c := range coarse {
		cc := unit()
		for f := range fine {
			fc := unit()
			floats.AddScaled(fc, 1/spread, cc)
			floats.Scale(1/floats.Norm(fc, 2), fc)
			for range per {
				for j := range d {
					x.Set(i, j, fc[j]+noise*rng.NormFloat64())
				}
				cl[i], fl[i] = c, c*fine+f
				i++
			}
		}
	}
	return x, cl, fl
}

// TestChooseLevelsPlanted recovers a planted hierarchy of 4 coarse clusters
// of 3 fine clusters each, exactly at both levels, and checks the
// invariants tying Fine, Parent, Tree and the scores together.
func TestChooseLevelsPlanted(t *testing.T) {
	planted, coarse, fine := twoLevel(1, 4, 3, 30, 30, 0.7, 0.1)
	// Three empty documents first: zero rows have no level.
	n, d := planted.Dims()
	x := mat.NewDense(n+3, d, nil)
	x.Slice(3, n+3, 0, d).(*mat.Dense).Copy(planted)
	lv, err := cluster.ChooseLevels(x, cluster.LevelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c := lv.CoarseLabels(); !slices.Equal(lv.Fine.Labels[:3], []int{-1, -1, -1}) || !slices.Equal(c[:3], []int{-1, -1, -1}) {
		t.Errorf("zero rows: fine %v, coarse %v, want -1", lv.Fine.Labels[:3], c[:3])
	}
	if lv.Fine.K != 12 || lv.FineK != 12 || lv.CoarseK != 4 || lv.CoarseScoreK != 4 {
		t.Fatalf("fine k %d (candidate %d), coarse k %d (candidate %d); want 12 and 4",
			lv.Fine.K, lv.FineK, lv.CoarseK, lv.CoarseScoreK)
	}
	if s, _ := cluster.Score(fine, lv.Fine.Labels[3:]); s.ARI != 1 {
		t.Errorf("fine level: ARI %v against the planted fine clusters", s.ARI)
	}
	if s, _ := cluster.Score(coarse, lv.CoarseLabels()[3:]); s.ARI != 1 {
		t.Errorf("coarse level: ARI %v against the planted coarse clusters", s.ARI)
	}
	checkLevels(t, x, lv)
	// The default range is 2..⌈3√360⌉ = 57, on the geometric grid.
	if want := (cluster.LevelOptions{}).Candidates(360); !slices.Equal(scoreKs(lv), want) || want[0] != 2 || want[len(want)-1] != 57 {
		t.Errorf("scored k %v, candidates %v; want 2..57", scoreKs(lv), want)
	}
}

func scoreKs(lv *cluster.Levels) []int {
	var ks []int
	for _, s := range lv.Scores {
		ks = append(ks, s.K)
	}
	return ks
}

// checkLevels checks what every Levels must satisfy.
func checkLevels(t *testing.T, x *mat.Dense, lv *cluster.Levels) {
	t.Helper()
	checkResult(t, x, lv.Fine)
	if len(lv.Parent) != lv.Fine.K || lv.Tree.Leaves != lv.Fine.K {
		t.Fatalf("%d parents, tree of %d leaves for %d fine clusters", len(lv.Parent), lv.Tree.Leaves, lv.Fine.K)
	}
	if got := lv.Tree.Cut(lv.CoarseK); !slices.Equal(got, lv.Parent) {
		t.Errorf("Tree.Cut(%d) = %v, Parent = %v", lv.CoarseK, got, lv.Parent)
	}
	seen := make([]bool, lv.CoarseK)
	for _, p := range lv.Parent {
		seen[p] = true
	}
	if slices.Contains(seen, false) {
		t.Errorf("parents %v do not cover [0, %d)", lv.Parent, lv.CoarseK)
	}
	coarse := lv.CoarseLabels()
	for i, f := range lv.Fine.Labels {
		if (f < 0) != (coarse[i] < 0) || f >= 0 && coarse[i] != lv.Parent[f] {
			t.Fatalf("row %d: fine %d, coarse %d, parent of fine %v", i, f, coarse[i], lv.Parent)
		}
	}
	for c, s := range lv.Scores {
		if s.Stability < -1 || s.Stability > 1 || s.Modularity < -0.5 || s.Modularity > 1 || s.Score < 0 ||
			s.Score != max(s.Stability, 0)*max(s.Modularity, 0) || c > 0 && s.K <= lv.Scores[c-1].K {
			t.Errorf("score %d: %+v", c, s)
		}
		if s.Score > lv.Scores[slices.IndexFunc(lv.Scores, func(s cluster.LevelScore) bool { return s.K == lv.FineK })].Score {
			t.Errorf("k=%d scores above the chosen fine k=%d", s.K, lv.FineK)
		}
	}
}

// TestChooseLevelsOneLevel: four clear clusters and nothing coarser. The
// fine level is 4 and there is no coarse level: k = 3 (two clusters merged,
// on the way up to 4) is no peak of the score.
func TestChooseLevelsOneLevel(t *testing.T) {
	x, truth := blobs(3, 240, 20, 4, 0.1)
	lv, err := cluster.ChooseLevels(x, cluster.LevelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if lv.Fine.K != 4 || lv.CoarseK != 4 || lv.CoarseScoreK != 4 {
		t.Fatalf("fine %d, coarse %d (candidate %d); want 4, 4, 4", lv.Fine.K, lv.CoarseK, lv.CoarseScoreK)
	}
	if s, _ := cluster.Score(truth, lv.Fine.Labels); s.ARI != 1 {
		t.Errorf("ARI %v against the blobs", s.ARI)
	}
	if !slices.Equal(lv.Parent, []int{0, 1, 2, 3}) {
		t.Errorf("parents %v, want each fine cluster its own group", lv.Parent)
	}
	checkLevels(t, x, lv)
}

// TestChooseLevelsDeterministic: the same seed gives the same result for
// any number of workers, and a sampled run still scores every candidate.
func TestChooseLevelsDeterministic(t *testing.T) {
	x, _, _ := twoLevel(2, 3, 2, 25, 12, 0.7, 0.15)
	var first *cluster.Levels
	for _, w := range []int{1, 3} {
		lv, err := cluster.ChooseLevels(x, cluster.LevelOptions{KMeans: cluster.KMeansOptions{Workers: w, Rand: seeded(5)}})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = lv
			continue
		}
		if !reflect.DeepEqual(lv, first) {
			t.Errorf("Workers %d: a different result", w)
		}
	}
	lv, err := cluster.ChooseLevels(x, cluster.LevelOptions{SampleSize: 60, GraphSize: 30, Runs: 2, Step: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := scoreKs(lv), (cluster.LevelOptions{Step: 2}).Candidates(60); !slices.Equal(got, want) {
		t.Errorf("sampled: scored %v, want the candidates of 60 rows %v", got, want)
	}
	checkLevels(t, x, lv)
}

// TestLevelProgress counts the calls of Progress: one per candidate run,
// then the restarts of the fine clustering, as ProgressTotal says.
func TestLevelProgress(t *testing.T) {
	x, _ := blobs(5, 120, 8, 3, 0.1)
	calls := 0
	opt := cluster.LevelOptions{KMeans: cluster.KMeansOptions{Restarts: 3, Workers: 1, Progress: func(int, int) { calls++ }}}
	if _, err := cluster.ChooseLevels(x, opt); err != nil {
		t.Fatal(err)
	}
	n := len(opt.Candidates(120))
	if want := opt.ProgressTotal(120); calls != want || want != 4*n+3 {
		t.Errorf("%d calls, ProgressTotal %d, want 4·%d candidates + 3 restarts", calls, want, n)
	}
}

func TestChooseLevelsFewDistinct(t *testing.T) {
	tests := []struct {
		name string
		x    *mat.Dense
		want int
	}{
		{"one row", mat.NewDense(1, 2, []float64{1, 2}), 1},
		{"two distinct", mat.NewDense(4, 2, []float64{1, 2, 2, 1, 1, 2, 0, 0}), 2},
	}
	for _, tt := range tests {
		lv, err := cluster.ChooseLevels(tt.x, cluster.LevelOptions{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if lv.Fine.K != tt.want || lv.CoarseK != tt.want || lv.Scores != nil {
			t.Errorf("%s: fine %d, coarse %d, scores %v; want %d, %d, none", tt.name, lv.Fine.K, lv.CoarseK, lv.Scores, tt.want, tt.want)
		}
		checkLevels(t, tt.x, lv)
	}
}

func TestChooseLevelsErrors(t *testing.T) {
	x, _ := blobs(1, 30, 3, 3, 0.3)
	tests := []struct {
		name string
		x    *mat.Dense
		opt  cluster.LevelOptions
		want error
		msg  string
	}{
		{"MinK 1", x, cluster.LevelOptions{MinK: 1}, cluster.ErrInvalidOption, "MinK = 1"},
		{"MaxK negative", x, cluster.LevelOptions{MaxK: -2}, cluster.ErrInvalidOption, "MaxK = -2"},
		{"MinK above MaxK", x, cluster.LevelOptions{MinK: 9, MaxK: 5}, cluster.ErrInvalidOption, "MinK = 9 exceeds MaxK = 5"},
		{"Step 1", x, cluster.LevelOptions{Step: 1}, cluster.ErrInvalidOption, "Step = 1"},
		{"one run", x, cluster.LevelOptions{Runs: 1}, cluster.ErrInvalidOption, "Runs = 1"},
		{"Neighbors", x, cluster.LevelOptions{Neighbors: -1}, cluster.ErrInvalidOption, "Neighbors = -1"},
		{"Keep", x, cluster.LevelOptions{Keep: 1.5}, cluster.ErrInvalidOption, "Keep = 1.5"},
		{"KMeans option", x, cluster.LevelOptions{KMeans: cluster.KMeansOptions{MaxIter: -1}}, cluster.ErrInvalidOption, "MaxIter"},
		{"all zero", mat.NewDense(3, 2, nil), cluster.LevelOptions{}, cluster.ErrNoRows, "no non-zero rows"},
	}
	for _, tt := range tests {
		lv, err := cluster.ChooseLevels(tt.x, tt.opt)
		if lv != nil || !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), "cluster: ") || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: ChooseLevels = %v, %v; want error %v containing %q", tt.name, lv, err, tt.want, tt.msg)
		}
	}
}

func TestLevelCandidates(t *testing.T) {
	tests := []struct {
		opt  cluster.LevelOptions
		n    int
		want []int
	}{
		{cluster.LevelOptions{}, 100, []int{2, 3, 4, 5, 6, 8, 10, 12, 15, 19, 23, 29, 30}},
		{cluster.LevelOptions{Step: 2, MaxK: 40}, 1000, []int{2, 4, 8, 16, 32, 40}},
		{cluster.LevelOptions{MinK: 5, MaxK: 6}, 1000, []int{5, 6}},
		{cluster.LevelOptions{}, 5, []int{2, 3, 4, 5}}, // ⌈3√5⌉ = 7, capped at 5 distinct rows
		{cluster.LevelOptions{}, 2, nil},
		{cluster.LevelOptions{Runs: 1}, 100, nil},
	}
	for _, tt := range tests {
		if got := tt.opt.Candidates(tt.n); !slices.Equal(got, tt.want) {
			t.Errorf("%+v.Candidates(%d) = %v, want %v", tt.opt, tt.n, got, tt.want)
		}
	}
}

// TestChooseLevelsTopDown: with TopDown (fine clusters made inside the
// coarse groups) the planted hierarchy is found exactly at both levels too,
// and the result does not depend on the number of workers.
func TestChooseLevelsTopDown(t *testing.T) {
	x, coarse, fine := twoLevel(1, 4, 3, 30, 30, 0.7, 0.1)
	var first *cluster.Levels
	for _, w := range []int{1, 3} {
		lv, err := cluster.ChooseLevels(x, cluster.LevelOptions{TopDown: true, KMeans: cluster.KMeansOptions{Workers: w}})
		if err != nil {
			t.Fatal(err)
		}
		if lv.Fine.K != 12 || lv.CoarseK != 4 {
			t.Fatalf("workers %d: fine k %d, coarse k %d; want 12 and 4", w, lv.Fine.K, lv.CoarseK)
		}
		if s, _ := cluster.Score(fine, lv.Fine.Labels); s.ARI != 1 {
			t.Errorf("fine level: ARI %v against the planted fine clusters", s.ARI)
		}
		if s, _ := cluster.Score(coarse, lv.CoarseLabels()); s.ARI != 1 {
			t.Errorf("coarse level: ARI %v against the planted coarse clusters", s.ARI)
		}
		checkLevels(t, x, lv)
		if first == nil {
			first = lv
		} else if !reflect.DeepEqual(lv, first) {
			t.Errorf("workers %d: a different result than with 1", w)
		}
	}
}
