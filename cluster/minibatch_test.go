package cluster_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/topics-dev/topics/cluster"
)

func TestMiniBatchRecoversBlobs(t *testing.T) {
	const k = 8
	x, truth := blobs(11, 20000, 20, k, 0.1)
	res, err := cluster.KMeans(x, cluster.KMeansOptions{K: k, BatchSize: 256, Rand: seeded(3)})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, x, res)
	if res.BatchSteps < 1 {
		t.Errorf("BatchSteps %d: want mini-batch steps", res.BatchSteps)
	}
	checkRecovers(t, res.Labels, truth, k)
}

// On heavily overlapping clusters, where Lloyd's algorithm needs hundreds of
// iterations, mini-batch k-means followed by Lloyd's must end close to
// Lloyd's best of 10 restarts.
func TestMiniBatchObjectiveNearLloyd(t *testing.T) {
	const k = 20
	x, _ := blobs(5, 4000, 30, k, 0.9)
	full, err := cluster.KMeans(x, cluster.KMeansOptions{K: k, Restarts: 3, Rand: seeded(1)})
	if err != nil {
		t.Fatal(err)
	}
	mb, err := cluster.KMeans(x, cluster.KMeansOptions{K: k, Restarts: 3, BatchSize: 256, Rand: seeded(1)})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, x, mb)
	if rel := (full.Objective - mb.Objective) / full.Objective; rel > 0.01 {
		t.Errorf("mini-batch objective %.2f is %.2f%% below Lloyd's %.2f", mb.Objective, 100*rel, full.Objective)
	}
	t.Logf("objective: Lloyd %.3f (%d iterations), mini-batch %.3f (%d steps)", full.Objective, full.Iterations, mb.Objective, mb.BatchSteps)
}

func TestMiniBatchDeterministic(t *testing.T) {
	x, _ := blobs(9, 3000, 10, 12, 0.7)
	var first *cluster.Result
	for _, w := range []int{1, 2, 5} {
		res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 12, BatchSize: 100, Workers: w, Rand: seeded(4)})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			continue
		}
		if !sameResult(first, res) || first.BatchSteps != res.BatchSteps {
			t.Errorf("Workers %d gives a different result from Workers 1", w)
		}
	}
}

// When the initial sample would hold every point, mini-batch k-means is
// plain k-means.
func TestMiniBatchSmallInputIsLloyd(t *testing.T) {
	x, _ := blobs(2, 500, 6, 4, 0.5)
	full, err := cluster.KMeans(x, cluster.KMeansOptions{K: 4, Rand: seeded(8)})
	if err != nil {
		t.Fatal(err)
	}
	mb, err := cluster.KMeans(x, cluster.KMeansOptions{K: 4, BatchSize: 200, Rand: seeded(8)})
	if err != nil {
		t.Fatal(err)
	}
	if !sameResult(full, mb) || mb.BatchSteps != 0 {
		t.Errorf("BatchSize 200 on 500 points differs from Lloyd's algorithm")
	}
}

func TestKMeansProgress(t *testing.T) {
	x, _ := blobs(3, 3000, 8, 6, 0.5)
	for _, batch := range []int{0, 100} {
		var mu sync.Mutex
		var seen []int
		total := 0
		_, err := cluster.KMeans(x, cluster.KMeansOptions{K: 6, Restarts: 4, BatchSize: batch, Rand: seeded(1),
			Progress: func(done, tot int) {
				mu.Lock()
				defer mu.Unlock()
				seen = append(seen, done)
				total = tot
			}})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(seen)
		want := []int{1, 2, 3, 4}
		if batch > 0 {
			want = append(want, 5, 6)
		}
		if !slices.Equal(seen, want) || total != len(want) {
			t.Errorf("BatchSize %d: progress %v of %d, want %v", batch, seen, total, want)
		}
	}
}

func TestProgressTotal(t *testing.T) {
	for _, tc := range []struct {
		opt  cluster.KMeansOptions
		want int
	}{
		{cluster.KMeansOptions{}, 12}, // automatic: mini-batch for all we know
		{cluster.KMeansOptions{BatchSize: -1}, 10},
		{cluster.KMeansOptions{Restarts: 3}, 5},
		{cluster.KMeansOptions{Restarts: 3, BatchSize: 100}, 5},
	} {
		if got := tc.opt.ProgressTotal(); got != tc.want {
			t.Errorf("%+v: ProgressTotal %d, want %d", tc.opt, got, tc.want)
		}
	}
	for _, tc := range []struct {
		opt  cluster.KMeansOptions
		n    int
		want int
	}{
		{cluster.KMeansOptions{K: 5}, 49_999, 10},
		{cluster.KMeansOptions{K: 5}, 50_000, 12},
		{cluster.KMeansOptions{K: 5, BatchSize: -1}, 1_000_000, 10},
		{cluster.KMeansOptions{K: 5, BatchSize: 100}, 300, 10}, // the sample would hold every row
		{cluster.KMeansOptions{K: 5, BatchSize: 100}, 301, 12},
	} {
		if got := tc.opt.ProgressTotalFor(tc.n); got != tc.want {
			t.Errorf("%+v, %d rows: ProgressTotalFor %d, want %d", tc.opt, tc.n, got, tc.want)
		}
	}
}

// TestAutoBatchSize checks the automatic choice: a zero BatchSize is
// Lloyd's algorithm (BatchSize -1) below 50,000 rows and mini-batch k-means
// with batches of 4,096 from there on, bit for bit.
func TestAutoBatchSize(t *testing.T) {
	if a, b := cluster.AutoBatchSize(49_999), cluster.AutoBatchSize(50_000); a != 0 || b != 4096 {
		t.Fatalf("AutoBatchSize: %d below 50,000 rows, %d at 50,000; want 0 and 4096", a, b)
	}
	for _, tc := range []struct{ n, batch int }{{2000, -1}, {50_000, 4096}} {
		x, _ := blobs(9, tc.n, 5, 4, 0.5)
		run := func(batch int) *cluster.Result {
			res, err := cluster.KMeans(x, cluster.KMeansOptions{K: 4, Restarts: 2, BatchSize: batch, Rand: seeded(2)})
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		auto, want := run(0), run(tc.batch)
		if !sameResult(auto, want) || (auto.BatchSteps > 0) != (tc.batch > 0) {
			t.Errorf("%d rows: BatchSize 0 differs from BatchSize %d (%d mini-batch steps)", tc.n, tc.batch, auto.BatchSteps)
		}
	}
}
