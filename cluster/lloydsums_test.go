package cluster_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// passSums returns the LloydSums of the rows of x with the given centroids,
// added block by block over the cuts, in reverse order, and merged.
func passSums(t *testing.T, x, cent *mat.Dense, cuts []int) *cluster.LloydSums {
	t.Helper()
	k, d := cent.Dims()
	total := cluster.NewLloydSums(k, d)
	for c := len(cuts) - 1; c > 0; c-- {
		s := cluster.NewLloydSums(k, d)
		if err := s.Add(x.Slice(cuts[c-1], cuts[c], 0, d).(*mat.Dense), cent); err != nil {
			t.Fatal(err)
		}
		total.Merge(s)
	}
	return total
}

// nearest returns the index of the row of cent most similar to row (lowest
// on ties), or -1 for a zero row.
func nearest(row []float64, cent *mat.Dense) int {
	if floats.Norm(row, 2) == 0 {
		return -1
	}
	k, _ := cent.Dims()
	best, bv := 0, math.Inf(-1)
	for j := range k {
		if v := floats.Dot(row, cent.RawRowView(j)); v > bv {
			best, bv = j, v
		}
	}
	return best
}

// TestLloydSumsReproduceKMeans checks that passes of LloydSums from the
// seeds of SeedPlusPlus, with restart 0's source, end where KMeans's single
// restart ends: the same objective after every assignment step (History,
// within 1e-9), the same clusters (up to their numbering) and centroids
// within 1e-12, and MovedObjective equal to Result.Objective.
func TestLloydSumsReproduceKMeans(t *testing.T) {
	x, _ := blobs(5, 1500, 16, 7, 0.9)
	for _, i := range []int{3, 700} { // zero rows are skipped
		x.SetRow(i, make([]float64, 16))
	}
	want, err := cluster.KMeans(x, cluster.KMeansOptions{K: 7, Restarts: 1, Tol: -1, Rand: seeded(11)})
	if err != nil {
		t.Fatal(err)
	}
	cent, err := cluster.SeedPlusPlus(x, 7, cluster.RestartSources(seeded(11), 1)[0])
	if err != nil {
		t.Fatal(err)
	}
	var history []float64
	var last *cluster.LloydSums
	for range 300 {
		last = passSums(t, x, cent, []int{0, 1, 512, 1000, 1500})
		history = append(history, last.Objective)
		next, repaired := last.Centroids(cent)
		if repaired != 0 {
			t.Fatalf("%d clusters repaired", repaired)
		}
		if mat.Equal(next, cent) {
			break
		}
		cent = next
	}
	if len(history) != len(want.History) {
		t.Fatalf("%d passes, KMeans made %d assignment steps", len(history), len(want.History))
	}
	for i, h := range want.History {
		if math.Abs(history[i]-h) > 1e-9 {
			t.Errorf("objective after step %d: %.12f, KMeans %.12f", i+1, history[i], h)
		}
	}
	if d := math.Abs(last.MovedObjective() - want.Objective); d > 1e-9 {
		t.Errorf("MovedObjective %.12f, KMeans objective %.12f", last.MovedObjective(), want.Objective)
	}
	// Our cluster j is KMeans's cluster of j's first member.
	rows, _ := x.Dims()
	ours := make([]int, rows)
	toWant := map[int]int{}
	for i := range rows {
		ours[i] = nearest(x.RawRowView(i), cent)
		if ours[i] < 0 {
			if want.Labels[i] != -1 {
				t.Fatalf("row %d: zero, KMeans label %d", i, want.Labels[i])
			}
			continue
		}
		if w, ok := toWant[ours[i]]; !ok {
			toWant[ours[i]] = want.Labels[i]
		} else if w != want.Labels[i] {
			t.Fatalf("row %d: cluster %d holds rows of KMeans clusters %d and %d", i, ours[i], w, want.Labels[i])
		}
	}
	for j, w := range toWant {
		if last.Size[j] != want.Sizes[w] {
			t.Errorf("cluster %d has %d rows, KMeans's %d has %d", j, last.Size[j], w, want.Sizes[w])
		}
		var diff mat.VecDense
		diff.SubVec(cent.RowView(j), want.Centroids.RowView(w))
		if n := mat.Norm(&diff, math.Inf(1)); n > 1e-12 {
			t.Errorf("centroid %d differs from KMeans's %d by %.3g", j, w, n)
		}
	}
}

// TestSeedPlusPlus checks that the seeds are distinct unit rows of x, and
// that k is capped at the number of distinct non-zero rows.
func TestSeedPlusPlus(t *testing.T) {
	x := mat.NewDense(5, 2, []float64{1, 0, 2, 0, 0, 1, 0, 0, 0, 3})
	cent, err := cluster.SeedPlusPlus(x, 4, seeded(1))
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := cent.Dims(); k != 2 {
		t.Fatalf("%d seeds, want 2 (the distinct non-zero rows)", k)
	}
	a, b := cent.RawRowView(0), cent.RawRowView(1)
	unitRows := [][]float64{{1, 0}, {0, 1}}
	if !(slices.Equal(a, unitRows[0]) && slices.Equal(b, unitRows[1]) || slices.Equal(a, unitRows[1]) && slices.Equal(b, unitRows[0])) {
		t.Errorf("seeds %v, %v: want the unit rows (1,0) and (0,1)", a, b)
	}
	if _, err := cluster.SeedPlusPlus(x, 0, seeded(1)); !errors.Is(err, cluster.ErrInvalidOption) {
		t.Errorf("k = 0: error %v", err)
	}
	if _, err := cluster.SeedPlusPlus(mat.NewDense(2, 2, nil), 1, seeded(1)); !errors.Is(err, cluster.ErrNoRows) {
		t.Errorf("zero matrix: error %v", err)
	}
}

// TestLloydSumsRepair checks that an empty cluster gets the worst-served
// row of the other cluster, which loses it.
func TestLloydSumsRepair(t *testing.T) {
	x := mat.NewDense(4, 2, []float64{1, 0, 1, 0.1, 1, -0.1, 1, 0.5})
	cent := mat.NewDense(2, 2, []float64{1, 0, -1, 0})
	s := passSums(t, x, cent, []int{0, 2, 4})
	if s.Size[0] != 4 || s.Size[1] != 0 {
		t.Fatalf("sizes %v, want [4 0]", s.Size)
	}
	next, repaired := s.Centroids(cent)
	if repaired != 1 {
		t.Fatalf("%d repaired, want 1", repaired)
	}
	worst := []float64{1 / math.Sqrt(1.25), 0.5 / math.Sqrt(1.25)}
	if !floats.EqualApprox(next.RawRowView(1), worst, 1e-15) {
		t.Errorf("repaired centroid %v, want the worst row %v", next.RawRowView(1), worst)
	}
	rest := []float64{0, 0}
	for i := range 3 {
		r := x.RawRowView(i)
		floats.AddScaled(rest, 1/floats.Norm(r, 2), r)
	}
	floats.Scale(1/floats.Norm(rest, 2), rest)
	if !floats.EqualApprox(next.RawRowView(0), rest, 1e-15) {
		t.Errorf("donor centroid %v, want the normalized sum of its other rows %v", next.RawRowView(0), rest)
	}
	if s.Size[0] != 4 {
		t.Error("Centroids modified the sums")
	}
}

// TestLloydSumsMergeOrder checks that merging block sums in another order
// gives the same sizes and worst members, and sums equal up to rounding.
func TestLloydSumsMergeOrder(t *testing.T) {
	x, _ := blobs(2, 600, 8, 4, 0.7)
	cent, err := cluster.SeedPlusPlus(x, 4, seeded(2))
	if err != nil {
		t.Fatal(err)
	}
	a := passSums(t, x, cent, []int{0, 100, 350, 600})
	b := passSums(t, x, cent, []int{0, 600})
	if !slices.Equal(a.Size, b.Size) || !slices.Equal(a.WorstSim, b.WorstSim) || !slices.Equal(a.Worst, b.Worst) {
		t.Fatal("sizes or worst members depend on the blocks")
	}
	if !floats.EqualApprox(a.Sum, b.Sum, 1e-12) || math.Abs(a.Objective-b.Objective) > 1e-10 {
		t.Error("sums depend on the blocks beyond rounding")
	}
	bad := mat.NewDense(1, 8, nil)
	bad.Set(0, 3, math.NaN())
	if err := cluster.NewLloydSums(4, 8).Add(bad, cent); !errors.Is(err, cluster.ErrNotFinite) {
		t.Errorf("NaN row: error %v", err)
	}
}

// TestLloydSumsWeightedReproduceKMeans checks AddWeighted against KMeans
// with the same weights and SeedUnweighted (whose seeds are SeedPlusPlus's):
// the same weighted objective after every step (within 1e-9), the same
// clusters and centroids (within 1e-12), MovedObjective equal to
// Result.Objective, and sums equal to those of the matrix with each row
// repeated by its (integer) weight.
func TestLloydSumsWeightedReproduceKMeans(t *testing.T) {
	x, _ := blobs(6, 1200, 12, 6, 0.9)
	rows, d := x.Dims()
	w := make([]float64, rows)
	for i := range w {
		w[i] = float64(1 + (i*5)%4) // 1 to 4 (with 0, a step that moves only rows of weight 0 ends the passes, not KMeans)
	}
	want, err := cluster.KMeans(x, cluster.KMeansOptions{K: 6, Restarts: 1, Tol: -1, Rand: seeded(3), Weights: w, SeedUnweighted: true})
	if err != nil {
		t.Fatal(err)
	}
	cent, err := cluster.SeedPlusPlus(x, 6, cluster.RestartSources(seeded(3), 1)[0])
	if err != nil {
		t.Fatal(err)
	}
	cuts := []int{0, 300, 301, 900, 1200}
	pass := func(cent *mat.Dense) *cluster.LloydSums {
		total := cluster.NewLloydSums(6, d)
		for c := len(cuts) - 1; c > 0; c-- {
			s := cluster.NewLloydSums(6, d)
			if err := s.AddWeighted(x.Slice(cuts[c-1], cuts[c], 0, d).(*mat.Dense), w[cuts[c-1]:cuts[c]], cent); err != nil {
				t.Fatal(err)
			}
			total.Merge(s)
		}
		return total
	}
	var history []float64
	var last *cluster.LloydSums
	for range 300 {
		last = pass(cent)
		history = append(history, last.Objective)
		next, repaired := last.Centroids(cent)
		if repaired != 0 {
			t.Fatalf("%d clusters repaired", repaired)
		}
		if mat.Equal(next, cent) {
			break
		}
		cent = next
	}
	if len(history) != len(want.History) {
		t.Fatalf("%d passes, KMeans made %d assignment steps", len(history), len(want.History))
	}
	for i, h := range want.History {
		if math.Abs(history[i]-h) > 1e-9 {
			t.Errorf("objective after step %d: %.12f, KMeans %.12f", i+1, history[i], h)
		}
	}
	if math.Abs(last.MovedObjective()-want.Objective) > 1e-9 {
		t.Errorf("MovedObjective %.12f, KMeans objective %.12f", last.MovedObjective(), want.Objective)
	}
	for i := range rows {
		j := nearest(x.RawRowView(i), cent)
		if !floats.EqualApprox(cent.RawRowView(j), want.Centroids.RawRowView(want.Labels[i]), 1e-12) {
			t.Fatalf("row %d: centroid differs from KMeans's", i)
		}
	}
	// Integer weights: the sums of the repeated rows.
	var rep []int
	for i, v := range w {
		for range int(v) {
			rep = append(rep, i)
		}
	}
	xd := mat.NewDense(len(rep), d, nil)
	for r, i := range rep {
		xd.SetRow(r, x.RawRowView(i))
	}
	dup := cluster.NewLloydSums(6, d)
	if err := dup.Add(xd, cent); err != nil {
		t.Fatal(err)
	}
	if !floats.EqualApprox(dup.Sum, last.Sum, 1e-9) || math.Abs(dup.Objective-last.Objective) > 1e-9 {
		t.Errorf("weighted sums differ from the sums of the repeated rows")
	}
	if err := cluster.NewLloydSums(6, d).AddWeighted(x, w[1:], cent); !errors.Is(err, cluster.ErrInvalidOption) {
		t.Errorf("AddWeighted with %d weights for %d rows: %v, want ErrInvalidOption", rows-1, rows, err)
	}
}
