package cluster

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// testPoints returns prepared points drawn around k random directions.
func testPoints(t *testing.T, seed uint64, n, d, k int, noise float64) *points {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	centers := make([]float64, k*d)
	for i := range centers {
		centers[i] = rng.NormFloat64()
	}
	x := mat.NewDense(n, d, nil)
	for i := range n {
		c := rng.IntN(k)
		for j := range d {
			x.Set(i, j, centers[c*d+j]+noise*rng.NormFloat64())
		}
	}
	p, err := prepare(x)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// bruteForce runs plain Lloyd iterations from the centroids in st (every
// point against every centroid, the lowest index on ties), with the stopping
// rule of solver.run, and returns the labels and the objective history. It
// reports ok == false if a cluster became empty.
func bruteForce(p *points, cent []float64, k, maxIter int, tol float64) (labels []int, history []float64, ok bool) {
	d := p.d
	cent = slices.Clone(cent)
	labels = make([]int, p.n)
	for i := range labels {
		labels[i] = -1
	}
	var prev float64
	row := make([]float64, d)
	cent32 := make([]float32, len(cent))
	for it := 1; ; it++ {
		changed := 0
		var obj float64
		toFloat32(cent32, cent)
		for i := range p.n {
			// Labels by the single-precision products, as the solver's.
			b, bv := 0, math.Inf(-1)
			for j := range k {
				if v := dot32(p.row32(i), cent32[j*d:(j+1)*d]); v > bv {
					b, bv = j, v
				}
			}
			if labels[i] != b {
				labels[i] = b
				changed++
			}
			obj += floats.Dot(p.rowTo(row, i), cent[b*d:(b+1)*d])
		}
		history = append(history, obj)
		sums := make([]float64, k*d)
		sizes := make([]int, k)
		for i, l := range labels {
			floats.Add(sums[l*d:(l+1)*d], p.rowTo(row, i))
			sizes[l]++
		}
		if slices.Contains(sizes, 0) {
			return labels, history, false
		}
		if it >= maxIter || changed == 0 || (it > 1 && obj-prev <= tol*math.Abs(obj)) {
			return labels, history, true
		}
		prev = obj
		for j := range k {
			normalizeTo(cent[j*d:(j+1)*d], sums[j*d:(j+1)*d])
		}
	}
}

// TestPruningMatchesBruteForce checks that the bounds only skip products that
// cannot change a label: from the same seeds, the accelerated iterations
// give the labels of plain Lloyd iterations, for Elkan's bounds (groups = k),
// Hamerly's (1) and groups in between, and any number of workers.
func TestPruningMatchesBruteForce(t *testing.T) {
	compared := 0
	for _, tt := range []struct {
		n, d, k int
		noise   float64
	}{
		{500, 5, 4, 1.0}, {1300, 16, 15, 2.0}, {800, 8, 30, 1.5}, {300, 3, 7, 0.2},
	} {
		p := testPoints(t, uint64(tt.n+tt.k), tt.n, tt.d, tt.k, tt.noise)
		for seed := range uint64(2) {
			// The seeding alone, to start the brute force from (it does not
			// depend on the groups or the workers), and the brute force once.
			seeds := newState(p, tt.k)
			newSolver(p, tt.k, tt.k, 1).seed(seeds, rand.New(rand.NewPCG(seed, 9)))
			labels, history, ok := bruteForce(p, seeds.cent, tt.k, 300, 0)
			if !ok {
				continue // an empty cluster: repaired differently
			}
			for _, groups := range []int{tt.k, 1, 3, tt.k / 2} {
				for _, workers := range []int{1, 3} {
					s := newSolver(p, tt.k, groups, workers)
					st := newState(p, tt.k)
					s.run(st, rand.New(rand.NewPCG(seed, 9)), 300, 0)
					compared++
					if !slices.Equal(st.labels, labels) || len(st.history) != len(history) {
						t.Fatalf("n=%d k=%d groups=%d workers=%d seed=%d: labels differ from brute force (%d vs %d iterations)",
							tt.n, tt.k, groups, workers, seed, len(st.history), len(history))
					}
					for i, v := range history {
						if math.Abs(st.history[i]-v) > 1e-9*math.Abs(v) {
							t.Fatalf("iteration %d: objective %v, brute force %v", i+1, st.history[i], v)
						}
					}
				}
			}
		}
	}
	if compared < 40 {
		t.Errorf("only %d runs compared", compared)
	}
}

// TestRepairEmpty checks that an empty cluster gets the point worst served by
// its centroid among clusters of at least two points.
func TestRepairEmpty(t *testing.T) {
	x := mat.NewDense(5, 2, []float64{
		1, 0, // cluster 0
		1, 0.1, // cluster 0
		0, 1, // cluster 1, alone: not eligible although worst served
		1, 0.5, // cluster 0, worst served among eligible points
		1, -0.05, // cluster 0
	})
	p, err := prepare(x)
	if err != nil {
		t.Fatal(err)
	}
	const k = 3
	s := newSolver(p, k, k, 1)
	st := newState(p, k)
	copy(st.cent, []float64{1, 0, -1, 0, 0, -1}) // centroid 2 serves nobody
	normalizeTo(st.cent[0:2], []float64{1, 0.1})
	copy(st.cent[2:4], []float64{0, 1})
	toFloat32(st.cent32, st.cent)
	st.labels = []int{0, 0, 1, 0, 0}
	for c := range s.moves {
		s.moves[c] = s.moves[c][:0]
	}
	for i, l := range st.labels {
		s.moves[0] = append(s.moves[0], move{i, -1, l})
	}
	s.applyMoves()
	if got := s.repairEmpty(st); got != 1 {
		t.Fatalf("repaired %d clusters, want 1", got)
	}
	if want := []int{0, 0, 1, 2, 0}; !slices.Equal(st.labels, want) {
		t.Errorf("labels %v, want %v", st.labels, want)
	}
	if x := p.rowTo(make([]float64, 2), 3); !floats.Equal(st.cent[4:6], x) || !floats.Equal(s.sums[4:6], x) {
		t.Errorf("centroid %v, sum %v; want point %v", st.cent[4:6], s.sums[4:6], x)
	}
	if want := []int{3, 1, 1}; !slices.Equal(s.sizes, want) {
		t.Errorf("sizes %v, want %v", s.sizes, want)
	}
	s.finish(st)
	for j := range k {
		if norm := floats.Norm(st.cent[j*2:(j+1)*2], 2); math.Abs(norm-1) > 1e-12 {
			t.Errorf("centroid %d has norm %v", j, norm)
		}
	}
}

// TestSeedsDistinct checks that seeds are distinct rows even when most rows
// are duplicates.
func TestSeedsDistinct(t *testing.T) {
	x := mat.NewDense(40, 3, nil)
	for i := range 40 {
		switch {
		case i < 30:
			x.SetRow(i, []float64{1, 1, 0})
		case i < 38:
			x.SetRow(i, []float64{0, 2, 2})
		default:
			x.SetRow(i, []float64{float64(i), 0, 1})
		}
	}
	p, err := prepare(x)
	if err != nil {
		t.Fatal(err)
	}
	if p.groups != 4 {
		t.Fatalf("%d distinct rows, want 4", p.groups)
	}
	for seed := range uint64(20) {
		s := newSolver(p, 4, 4, 1)
		st := newState(p, 4)
		s.seed(st, rand.New(rand.NewPCG(seed, 0)))
		for a := range 4 {
			for b := range a {
				if floats.Equal(st.cent[a*3:(a+1)*3], st.cent[b*3:(b+1)*3]) {
					t.Fatalf("seed %d: seeds %d and %d are equal", seed, a, b)
				}
			}
		}
	}
}

// TestSample checks that D² sampling only returns points of positive weight.
func TestSample(t *testing.T) {
	p := testPoints(t, 1, 1000, 3, 2, 1)
	s := newSolver(p, 2, 2, 2)
	for i := range s.dist {
		if i%3 == 0 {
			s.dist[i] = 0.5
		}
	}
	total := s.weights()
	for _, f := range []float64{0, 1e-9, 0.3, 0.5, 0.999999, math.Nextafter(1, 0)} {
		if i := s.sample(f * total); s.dist[i] == 0 {
			t.Errorf("sample(%v·total) = %d with zero weight", f, i)
		}
	}
	if got := s.sample(0); got != 0 {
		t.Errorf("sample(0) = %d, want 0", got)
	}
}
