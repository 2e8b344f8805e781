package cluster_test

import (
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

func TestKMeansErrors(t *testing.T) {
	ok := mat.NewDense(2, 2, []float64{1, 0, 0, 1})
	tests := []struct {
		name string
		x    *mat.Dense
		opt  cluster.KMeansOptions
		want error
		msg  string
	}{
		{"K zero", ok, cluster.KMeansOptions{}, cluster.ErrInvalidOption, "K = 0"},
		{"K negative", ok, cluster.KMeansOptions{K: -2}, cluster.ErrInvalidOption, "K = -2"},
		{"Restarts negative", ok, cluster.KMeansOptions{K: 1, Restarts: -1}, cluster.ErrInvalidOption, "Restarts"},
		{"MaxIter negative", ok, cluster.KMeansOptions{K: 1, MaxIter: -1}, cluster.ErrInvalidOption, "MaxIter"},
		{"Workers negative", ok, cluster.KMeansOptions{K: 1, Workers: -1}, cluster.ErrInvalidOption, "Workers"},
		{"Tol NaN", ok, cluster.KMeansOptions{K: 1, Tol: math.NaN()}, cluster.ErrInvalidOption, "Tol"},
		{"nil matrix", nil, cluster.KMeansOptions{K: 1}, cluster.ErrNoRows, "no non-zero rows"},
		{"empty matrix", &mat.Dense{}, cluster.KMeansOptions{K: 1}, cluster.ErrNoRows, "no non-zero rows"},
		{"all zero", mat.NewDense(3, 2, nil), cluster.KMeansOptions{K: 2}, cluster.ErrNoRows, "no non-zero rows: all 3 rows are zero"},
		{"NaN", mat.NewDense(2, 2, []float64{1, 0, math.NaN(), 1}), cluster.KMeansOptions{K: 1}, cluster.ErrNotFinite, "row 1"},
		{"Inf", mat.NewDense(2, 2, []float64{math.Inf(-1), 0, 0, 1}), cluster.KMeansOptions{K: 1}, cluster.ErrNotFinite, "row 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := cluster.KMeans(tt.x, tt.opt)
			if res != nil || !errors.Is(err, tt.want) {
				t.Fatalf("KMeans = %v, %v; want error %v", res, err, tt.want)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "cluster: ") || !strings.Contains(msg, tt.msg) {
				t.Errorf("error %q: want prefix %q and %q", msg, "cluster: ", tt.msg)
			}
		})
	}
}

func TestKMeansEdgeCases(t *testing.T) {
	a, b, c := []float64{1, 2, 0}, []float64{0, 1, 3}, []float64{-2, 0, 1}
	rows := func(rs ...[]float64) *mat.Dense {
		x := mat.NewDense(len(rs), len(rs[0]), nil)
		for i, r := range rs {
			x.SetRow(i, r)
		}
		return x
	}
	zero := []float64{0, 0, 0}
	scaled := func(f float64, r []float64) []float64 {
		out := slices.Clone(r)
		floats.Scale(f, out)
		return out
	}
	tests := []struct {
		name       string
		x          *mat.Dense
		k          int
		wantK      int
		wantLabels []int
		wantObj    float64 // if > 0
	}{
		{"single row", rows(a), 1, 1, []int{0}, 1},
		{"single row, K capped", rows(a), 3, 1, []int{0}, 1},
		{"K=1", rows(a, b, c), 1, 1, []int{0, 0, 0}, 0},
		{"duplicates only", rows(a, a, a, a), 2, 1, []int{0, 0, 0, 0}, 4},
		{"duplicates", rows(b, a, a, b, a), 2, 2, []int{1, 0, 0, 1, 0}, 5},
		{"positive multiples are duplicates", rows(a, scaled(2, a), scaled(0.5, a), b), 3, 2, []int{0, 0, 0, 1}, 4},
		{"K above distinct rows", rows(a, b, c, b), 5, 3, []int{1, 0, 2, 0}, 4},
		{"zero rows", rows(zero, a, zero, b, a, zero), 2, 2, []int{-1, 0, -1, 1, 0, -1}, 3},
		{"opposite rows, K=1", rows(a, scaled(-1, a)), 1, 1, []int{0, 0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := cluster.KMeans(tt.x, cluster.KMeansOptions{K: tt.k, Rand: seeded(1)})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, tt.x, res)
			if res.K != tt.wantK || !slices.Equal(res.Labels, tt.wantLabels) {
				t.Errorf("K = %d, labels %v; want %d, %v", res.K, res.Labels, tt.wantK, tt.wantLabels)
			}
			if tt.wantObj > 0 && math.Abs(res.Objective-tt.wantObj) > 1e-12 {
				t.Errorf("Objective = %v, want %v", res.Objective, tt.wantObj)
			}
		})
	}
}

// TestKMeansOneCluster checks that with K=1 the centroid is the normalized
// mean of the normalized rows.
func TestKMeansOneCluster(t *testing.T) {
	x, _ := blobs(3, 50, 6, 3, 0.5)
	res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, x, res)
	mean := make([]float64, 6)
	for i := range 50 {
		row := slices.Clone(x.RawRowView(i))
		floats.Scale(1/floats.Norm(row, 2), row)
		floats.Add(mean, row)
	}
	floats.Scale(1/floats.Norm(mean, 2), mean)
	if !floats.EqualApprox(mean, res.Centroids.RawRowView(0), 1e-12) {
		t.Errorf("centroid %v, want %v", res.Centroids.RawRowView(0), mean)
	}
}

func TestKMeansRecoversBlobs(t *testing.T) {
	const k = 5
	x, truth := blobs(7, 500, 20, k, 0.1)
	res, err := cluster.KMeans(x, cluster.KMeansOptions{K: k, Rand: seeded(2)})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, x, res)
	// Each found cluster must be exactly one generating cluster.
	checkRecovers(t, res.Labels, truth, k)
}

func TestKMeansInvariants(t *testing.T) {
	for _, tt := range []struct {
		n, d, k int
		noise   float64
	}{
		{10, 2, 3, 1}, {300, 5, 8, 0.8}, {1000, 30, 20, 0.6}, {700, 10, 40, 0.3},
	} {
		x, _ := blobs(uint64(tt.n), tt.n, tt.d, tt.k, tt.noise)
		res, err := cluster.KMeans(x, cluster.KMeansOptions{K: tt.k, Rand: seeded(5)})
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, x, res)
	}
}

func TestKMeansDoesNotModifyInput(t *testing.T) {
	x, _ := blobs(1, 100, 4, 3, 1)
	x.SetRow(10, []float64{0, 0, 0, 0})
	orig := mat.DenseCopyOf(x)
	if _, err := cluster.KMeans(x, cluster.KMeansOptions{K: 3}); err != nil {
		t.Fatal(err)
	}
	if !mat.Equal(x, orig) {
		t.Error("KMeans modified its input")
	}
}

// TestKMeansNotNormalized checks that rows are compared by direction only.
func TestKMeansNotNormalized(t *testing.T) {
	x, _ := blobs(4, 200, 8, 4, 0.7)
	y := mat.DenseCopyOf(x)
	for i := range 200 {
		row := y.RawRowView(i)
		floats.Scale(float64(1+i%7)*0.25, row)
	}
	opt := cluster.KMeansOptions{K: 4, Rand: seeded(3)}
	rx, err := cluster.KMeans(x, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Rand = seeded(3)
	ry, err := cluster.KMeans(y, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rx.Labels, ry.Labels) || math.Abs(rx.Objective-ry.Objective) > 1e-9 {
		t.Errorf("scaled rows: objective %v, %v; labels differ: %v", rx.Objective, ry.Objective, !slices.Equal(rx.Labels, ry.Labels))
	}
}

// TestKMeansDeterministic checks that the same seed gives the same result bit
// for bit, whatever the number of workers and GOMAXPROCS.
func TestKMeansDeterministic(t *testing.T) {
	x, _ := blobs(9, 800, 16, 10, 0.9) // several chunks (of 256 rows)
	run := func(workers int) *cluster.Result {
		res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 10, Restarts: 3, Workers: workers, Rand: seeded(11)})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	want := run(1)
	checkResult(t, x, want)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		for _, workers := range []int{0, 2, 3, 7} {
			if got := run(workers); !sameResult(got, want) {
				t.Errorf("GOMAXPROCS=%d Workers=%d: result differs (objective %v, want %v)",
					procs, workers, got.Objective, want.Objective)
			}
		}
	}
	// One restart: the workers split the chunks of its steps.
	var one *cluster.Result
	for _, workers := range []int{1, 2, 5} {
		res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 10, Restarts: 1, Workers: workers, Rand: seeded(12)})
		if err != nil {
			t.Fatal(err)
		}
		if one == nil {
			one = res
			checkResult(t, x, one)
		} else if !sameResult(res, one) {
			t.Errorf("one restart, Workers=%d: result differs", workers)
		}
	}
}

// TestKMeansRestarts checks that more restarts never give a worse objective:
// the restart seeds are drawn up front, so the first restarts are the same.
func TestKMeansRestarts(t *testing.T) {
	x, _ := blobs(21, 400, 10, 10, 0.9)
	prev := math.Inf(-1)
	for _, r := range []int{1, 2, 5, 10} {
		res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 10, Restarts: r, Rand: seeded(4)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Objective < prev {
			t.Errorf("Restarts=%d: objective %v below %v with fewer restarts", r, res.Objective, prev)
		}
		prev = res.Objective
	}
}

func TestKMeansMaxIterAndTol(t *testing.T) {
	x, _ := blobs(5, 600, 10, 6, 1.2)
	one, err := cluster.KMeans(x, cluster.KMeansOptions{K: 6, Restarts: 1, MaxIter: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, x, one)
	if one.Iterations != 1 {
		t.Errorf("MaxIter 1: %d iterations", one.Iterations)
	}
	exact, err := cluster.KMeans(x, cluster.KMeansOptions{K: 6, Restarts: 1, Tol: -1})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, x, exact)
	loose, err := cluster.KMeans(x, cluster.KMeansOptions{K: 6, Restarts: 1, Tol: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, x, loose)
	if !(loose.Iterations <= exact.Iterations && one.Objective <= exact.Objective) {
		t.Errorf("iterations: Tol 0.1 %d, Tol -1 %d; objective MaxIter 1 %v, converged %v",
			loose.Iterations, exact.Iterations, one.Objective, exact.Objective)
	}
}
