package cluster_test

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

func TestKMeansWeightsErrors(t *testing.T) {
	x := mat.NewDense(3, 2, []float64{1, 0, 0, 1, 0, 0}) // row 2 is zero
	tests := []struct {
		name string
		w    []float64
		msg  string
	}{
		{"short", []float64{1, 1}, "2 Weights for 3 rows"},
		{"negative", []float64{1, -1, 1}, "Weights[1] = -1"},
		{"NaN", []float64{math.NaN(), 1, 1}, "Weights[0] = NaN"},
		{"Inf", []float64{1, math.Inf(1), 1}, "Weights[1] = +Inf"},
		{"all zero", []float64{0, 0, 0}, "every non-zero row has weight 0"},
		{"only the zero row weighs", []float64{0, 0, 5}, "every non-zero row has weight 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 1, Weights: tt.w})
			if res != nil || !errors.Is(err, cluster.ErrInvalidOption) {
				t.Fatalf("KMeans = %v, %v; want ErrInvalidOption", res, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "cluster: ") || !strings.Contains(msg, tt.msg) {
				t.Errorf("error %q: want prefix %q and %q", msg, "cluster: ", tt.msg)
			}
			if _, err := cluster.FromWeightedLabels(x, []int{0, 0, 0}, tt.w); tt.name != "all zero" &&
				!strings.HasPrefix(tt.name, "only") && !errors.Is(err, cluster.ErrInvalidOption) {
				t.Errorf("FromWeightedLabels: error %v, want ErrInvalidOption", err)
			}
		})
	}
}

func ones(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

// TestKMeansUnitWeights checks that weights all 1 give the result of no
// weights, bit for bit: Lloyd's algorithm (also on many equal rows with k
// near their number, where clusters can empty out), mini-batch k-means,
// ChooseK, ChooseLevels and FromWeightedLabels.
func TestKMeansUnitWeights(t *testing.T) {
	x, _ := blobs(9, 700, 8, 6, 0.9) // several chunks
	n, _ := x.Dims()
	for _, opt := range []cluster.KMeansOptions{
		{K: 6, Restarts: 2},
		{K: 8, BatchSize: 60, Restarts: 2},
	} {
		opt.Rand = seeded(11)
		want, err := cluster.KMeans(x, opt)
		if err != nil {
			t.Fatal(err)
		}
		opt.Rand, opt.Weights = seeded(11), ones(n)
		got, err := cluster.KMeans(x, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !sameResult(got, want) || got.BatchSteps != want.BatchSteps {
			t.Errorf("BatchSize %d: weights 1 change the result (objective %v, want %v)", opt.BatchSize, got.Objective, want.Objective)
		}
	}
	dup := mat.NewDense(40, 3, nil)
	for i := range 40 {
		dup.SetRow(i, []float64{float64(i % 5), 1, float64(i%3) * 0.5})
	}
	a, err := cluster.KMeans(dup, cluster.KMeansOptions{K: 12, Rand: seeded(3)})
	if err != nil {
		t.Fatal(err)
	}
	b, err := cluster.KMeans(dup, cluster.KMeansOptions{K: 12, Rand: seeded(3), Weights: ones(40)})
	if err != nil {
		t.Fatal(err)
	}
	if !sameResult(a, b) {
		t.Errorf("equal rows: weights 1 change the result")
	}
	ka, sa, err := cluster.ChooseK(x, cluster.ChooseKOptions{MaxK: 6, KMeans: cluster.KMeansOptions{Restarts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	kb, sb, err := cluster.ChooseK(x, cluster.ChooseKOptions{MaxK: 6, KMeans: cluster.KMeansOptions{Restarts: 1, Weights: ones(n)}})
	if err != nil {
		t.Fatal(err)
	}
	if ka != kb || !slices.Equal(sa, sb) {
		t.Errorf("ChooseK: weights 1 give k %d and %v, want %d and %v", kb, sb, ka, sa)
	}
	lopt := cluster.LevelOptions{MaxK: 9, SampleSize: 500, KMeans: cluster.KMeansOptions{Restarts: 2}, Rand: seeded(5)}
	la, err := cluster.ChooseLevels(x, lopt)
	if err != nil {
		t.Fatal(err)
	}
	lopt.Rand, lopt.KMeans.Weights = seeded(5), ones(n)
	lb, err := cluster.ChooseLevels(x, lopt)
	if err != nil {
		t.Fatal(err)
	}
	if !sameResult(la.Fine, lb.Fine) || !slices.Equal(la.Parent, lb.Parent) || !slices.Equal(la.Scores, lb.Scores) {
		t.Errorf("ChooseLevels: weights 1 change the result")
	}
	labels := slices.Clone(la.Fine.Labels)
	f1, err := cluster.FromLabels(x, labels)
	if err != nil {
		t.Fatal(err)
	}
	f2, err := cluster.FromWeightedLabels(x, labels, ones(n))
	if err != nil {
		t.Fatal(err)
	}
	if !floats.Equal(f1.Centroids.RawMatrix().Data, f2.Centroids.RawMatrix().Data) || f1.Objective != f2.Objective {
		t.Errorf("FromWeightedLabels with weights 1 differs from FromLabels")
	}
}

// weightsFor returns deterministic weights in [0, 2], every seventh 0.
func weightsFor(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		if i%7 != 0 {
			w[i] = float64((i*37)%101) / 50
		}
	}
	return w
}

// checkWeighted checks what every weighted result must satisfy: the
// invariants of checkResult but the objective, centroids that are the
// normalized weighted sums of their rows, and an objective that is the
// weighted sum of the similarities.
func checkWeighted(t *testing.T, x *mat.Dense, w []float64, res *cluster.Result) {
	t.Helper()
	want, err := cluster.FromWeightedLabels(x, res.Labels, w)
	if err != nil {
		t.Fatal(err)
	}
	_, d := x.Dims()
	mass := make([]float64, res.K)
	for i, l := range res.Labels {
		if l >= 0 {
			mass[l] += w[i]
		}
	}
	for c := range res.K {
		if mass[c] == 0 {
			continue // rows of weight 0 only: KMeans keeps the seed
		}
		// FromWeightedLabels numbers by size as KMeans does.
		if !floats.EqualApprox(res.Centroids.RawRowView(c), want.Centroids.RawRowView(c), 1e-12) {
			t.Fatalf("centroid %d is not the normalized weighted sum of its rows (%d dims)", c, d)
		}
	}
	var obj float64
	for i, s := range res.Similarity {
		obj += w[i] * s
	}
	if !scalar.EqualWithinAbsOrRel(obj, res.Objective, 1e-9, 1e-12) || !scalar.EqualWithinAbsOrRel(want.Objective, res.Objective, 1e-9, 1e-12) {
		t.Errorf("Objective %v; weighted sum of similarities %v, FromWeightedLabels %v", res.Objective, obj, want.Objective)
	}
	for i := 1; i < len(res.History); i++ {
		if res.History[i] < res.History[i-1]-1e-9*math.Abs(res.History[i-1]) {
			t.Errorf("weighted objective decreased at iteration %d: %v", i+1, res.History)
			break
		}
	}
	for i, l := range res.Labels {
		if l < 0 {
			continue
		}
		if best, _ := cluster.Nearest(res.Centroids, x.RawRowView(i)); best != l {
			row := x.RawRowView(i)
			a := floats.Dot(row, res.Centroids.RawRowView(l))
			b := floats.Dot(row, res.Centroids.RawRowView(best))
			if b-a > 1e-9*floats.Norm(row, 2) {
				t.Errorf("row %d (weight %v) in cluster %d, nearer to %d", i, w[i], l, best)
			}
		}
	}
}

// TestKMeansWeightedDeterministic checks the weighted invariants and that
// weighted results do not depend on the workers, for Lloyd's algorithm and
// mini-batch k-means.
func TestKMeansWeightedDeterministic(t *testing.T) {
	x, _ := blobs(9, 1300, 8, 6, 0.8) // several chunks
	n, _ := x.Dims()
	w := weightsFor(n)
	for _, batch := range []int{-1, 100} {
		run := func(workers int) *cluster.Result {
			res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 6, Restarts: 2, BatchSize: batch, Workers: workers, Rand: seeded(2), Weights: w})
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		want := run(1)
		checkWeighted(t, x, w, want)
		if batch > 0 && want.BatchSteps == 0 {
			t.Errorf("BatchSize %d ran no mini-batch step", batch)
		}
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
			for _, procs := range []int{1, 4} {
				runtime.GOMAXPROCS(procs)
				for _, workers := range []int{0, 3} {
					if got := run(workers); !sameResult(got, want) || got.BatchSteps != want.BatchSteps {
						t.Errorf("BatchSize %d, GOMAXPROCS=%d Workers=%d: result differs", batch, procs, workers)
					}
				}
			}
		}()
	}
}

// TestKMeansZeroWeights checks that rows of weight 0 are assigned but move
// no centroid: appended after the others, far from every blob, they leave
// the centroids and the objective those of the other rows alone, and each
// is labelled with its most similar centroid.
func TestKMeansZeroWeights(t *testing.T) {
	x, _ := blobs(4, 600, 8, 5, 0.4)
	n, d := x.Dims()
	extra := 60
	xz := mat.NewDense(n+extra, d, nil)
	xz.Slice(0, n, 0, d).(*mat.Dense).Copy(x)
	w := ones(n + extra)
	noise, _ := blobs(99, extra, d, 3, 2)
	for i := range extra {
		xz.SetRow(n+i, noise.RawRowView(i))
		w[n+i] = 0
	}
	for _, restarts := range []int{1, 4} {
		want, err := cluster.KMeans(x, cluster.KMeansOptions{K: 5, Restarts: restarts, Tol: -1, Rand: seeded(6)})
		if err != nil {
			t.Fatal(err)
		}
		got, err := cluster.KMeans(xz, cluster.KMeansOptions{K: 5, Restarts: restarts, Tol: -1, Rand: seeded(6), Weights: w})
		if err != nil {
			t.Fatal(err)
		}
		checkWeighted(t, xz, w, got)
		// Cluster ids are numbered by size, which the zero-weight rows
		// change: match them by the first rows.
		match := map[int]int{}
		for i := range n {
			if m, ok := match[want.Labels[i]]; ok && m != got.Labels[i] {
				t.Fatalf("restarts %d: row %d: the weighted run splits cluster %d", restarts, i, want.Labels[i])
			}
			match[want.Labels[i]] = got.Labels[i]
		}
		for c, g := range match {
			if !floats.EqualApprox(want.Centroids.RawRowView(c), got.Centroids.RawRowView(g), 1e-12) {
				t.Errorf("restarts %d: centroid %d moved by rows of weight 0", restarts, c)
			}
		}
		if !scalar.EqualWithinAbsOrRel(want.Objective, got.Objective, 1e-9, 1e-12) {
			t.Errorf("restarts %d: objective %v, without the rows of weight 0 %v", restarts, got.Objective, want.Objective)
		}
		for i := n; i < n+extra; i++ {
			if got.Labels[i] < 0 {
				t.Errorf("row %d of weight 0 has no cluster", i)
			}
		}
	}
}

// TestKMeansIntegerWeights checks that a row of weight w pulls as w copies
// of it: on well-separated blobs (any seeding finds them), weights 1-3 give
// the centroids and objective of the matrix with each row repeated that
// many times, up to rounding.
func TestKMeansIntegerWeights(t *testing.T) {
	x, truth := blobs(12, 300, 6, 4, 0.15)
	n, d := x.Dims()
	w := make([]float64, n)
	var rep []int // rep[r]: the row of x that row r of the copies repeats
	for i := range w {
		w[i] = float64(1 + (i*7)%3)
		for range int(w[i]) {
			rep = append(rep, i)
		}
	}
	xd := mat.NewDense(len(rep), d, nil)
	for r, i := range rep {
		xd.SetRow(r, x.RawRowView(i))
	}
	for _, batch := range []int{-1, 40} {
		wr, err := cluster.KMeans(x, cluster.KMeansOptions{K: 4, BatchSize: batch, Rand: seeded(1), Weights: w})
		if err != nil {
			t.Fatal(err)
		}
		dr, err := cluster.KMeans(xd, cluster.KMeansOptions{K: 4, BatchSize: batch, Rand: seeded(1)})
		if err != nil {
			t.Fatal(err)
		}
		checkRecovers(t, wr.Labels, truth, 4)
		match := map[int]int{}
		for r, i := range rep {
			if m, ok := match[wr.Labels[i]]; ok && m != dr.Labels[r] {
				t.Fatalf("BatchSize %d: copies of row %d in cluster %d, the weighted row in %d", batch, i, dr.Labels[r], wr.Labels[i])
			}
			match[wr.Labels[i]] = dr.Labels[r]
		}
		for c, g := range match {
			if !floats.EqualApprox(wr.Centroids.RawRowView(c), dr.Centroids.RawRowView(g), 1e-12) {
				t.Errorf("BatchSize %d: centroid %d differs from that of the copies", batch, c)
			}
		}
		if !scalar.EqualWithinAbsOrRel(wr.Objective, dr.Objective, 1e-9, 1e-12) {
			t.Errorf("BatchSize %d: objective %v, of the copies %v", batch, wr.Objective, dr.Objective)
		}
	}
}

// TestChooseLevelsWeighted checks that ChooseLevels's fine clustering is
// KMeans with the same weights, and does not depend on the workers.
func TestChooseLevelsWeighted(t *testing.T) {
	x, _ := blobs(3, 800, 8, 5, 0.6)
	n, _ := x.Dims()
	w := weightsFor(n)
	run := func(workers int) *cluster.Levels {
		lv, err := cluster.ChooseLevels(x, cluster.LevelOptions{MaxK: 9, SampleSize: 500,
			KMeans: cluster.KMeansOptions{Restarts: 2, Workers: workers, Rand: seeded(8), Weights: w}, Rand: seeded(9)})
		if err != nil {
			t.Fatal(err)
		}
		return lv
	}
	want := run(1)
	checkWeighted(t, x, w, want.Fine)
	km, err := cluster.KMeans(x, cluster.KMeansOptions{K: want.FineK, Restarts: 2, Rand: seeded(8), Weights: w})
	if err != nil {
		t.Fatal(err)
	}
	if !sameResult(km, want.Fine) {
		t.Errorf("fine level differs from KMeans with the same weights at k = %d", want.FineK)
	}
	if got := run(3); !sameResult(got.Fine, want.Fine) || !slices.Equal(got.Scores, want.Scores) {
		t.Errorf("Workers 3 gives a different result from Workers 1")
	}
}

// TestWeightedUpdateGolden checks the weighted update step against
// scikit-learn (scripts/golden_weighted.py): from the same unit centroids,
// the assignment and the direction of KMeans(sample_weight) centers after
// one step, Σ wᵢxᵢ / Σ wᵢ, equal FromWeightedLabels's centroids (the
// normalized weighted sums), within 1e-12.
func TestWeightedUpdateGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "cluster", "weighted.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		X, Init, Centers [][]float64
		Weights          []float64
		Labels           []int
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	rows := func(rs [][]float64) *mat.Dense {
		m := mat.NewDense(len(rs), len(rs[0]), nil)
		for i, r := range rs {
			m.SetRow(i, r)
		}
		return m
	}
	x, init := rows(g.X), rows(g.Init)
	labels := make([]int, len(g.X))
	for i, row := range g.X {
		labels[i], _ = cluster.Nearest(init, row)
	}
	if !slices.Equal(labels, g.Labels) {
		t.Fatalf("assignment %v, scikit-learn's %v", labels, g.Labels)
	}
	res, err := cluster.FromWeightedLabels(x, labels, g.Weights)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range g.Centers {
		floats.Scale(1/floats.Norm(c, 2), c)
	}
	for i, l := range labels {
		c := g.Centers[l]
		if got := res.Centroids.RawRowView(res.Labels[i]); !floats.EqualApprox(got, c, 1e-12) {
			t.Fatalf("cluster %d: centroid %v, scikit-learn's normalized center %v", l, got, c)
		}
	}
}

// TestKMeansSeedUnweighted checks KMeansOptions.SeedUnweighted: the
// seeding (and so the first assignment, all that one iteration keeps) is
// that of unweighted k-means, and a blob of rows of weight 0 gets a
// cluster of its own from one seeding (k-means++ seeds each of five
// well-separated blobs), which weighted seeding never gives it. (With
// restarts, the weighted objective prefers a run that splits a weighted
// blob instead.)
func TestKMeansSeedUnweighted(t *testing.T) {
	x, truth := blobs(5, 500, 8, 5, 0.2)
	n, _ := x.Dims()
	w := make([]float64, n)
	for i, c := range truth {
		if c != 4 { // blob 4 weighs 0
			w[i] = 1 + float64(i%3)
		}
	}
	plain, err := cluster.KMeans(x, cluster.KMeansOptions{K: 5, Restarts: 1, MaxIter: 1, Rand: seeded(2)})
	if err != nil {
		t.Fatal(err)
	}
	uw, err := cluster.KMeans(x, cluster.KMeansOptions{K: 5, Restarts: 1, MaxIter: 1, Rand: seeded(2), Weights: w, SeedUnweighted: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(plain.Labels, uw.Labels) {
		t.Errorf("SeedUnweighted: first assignment differs from unweighted k-means")
	}
	own := func(res *cluster.Result) bool { // blob 4 is one cluster with no other row
		c := -1
		for i, l := range res.Labels {
			if truth[i] == 4 && c < 0 {
				c = l
			}
		}
		for i, l := range res.Labels {
			if (truth[i] == 4) != (l == c) {
				return false
			}
		}
		return true
	}
	for _, seedUnweighted := range []bool{false, true} {
		res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 5, Restarts: 1, Rand: seeded(3), Weights: w, SeedUnweighted: seedUnweighted})
		if err != nil {
			t.Fatal(err)
		}
		checkWeighted(t, x, w, res)
		if own(res) != seedUnweighted {
			t.Errorf("SeedUnweighted %v: the blob of weight 0 has a cluster of its own: %v", seedUnweighted, own(res))
		}
	}
}
