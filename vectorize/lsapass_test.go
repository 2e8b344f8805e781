package vectorize

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// rowBlock returns rows lo..hi-1 of x as a matrix of their own.
func rowBlock(x *Sparse, lo, hi int) *Sparse {
	base := x.indptr[lo]
	indptr := make([]int, hi-lo+1)
	for i := range indptr {
		indptr[i] = x.indptr[lo+i] - base
	}
	end := x.indptr[hi]
	return NewSparse(hi-lo, x.cols, indptr, x.ind[base:end], x.data[base:end])
}

// lsaByPasses computes the LSA of x with the passes of LSAFromPass, the rows
// cut into blocks at the given row indices.
func lsaByPasses(t *testing.T, x *Sparse, opt LSAOptions, cuts []int) *LSA {
	t.Helper()
	n, m := x.Dims()
	plan, err := opt.Plan(n, m)
	if err != nil {
		t.Fatal(err)
	}
	l := plan.Cols
	b := GaussianBasis(m, l, opt.Rand)
	var w, g *mat.Dense
	for pass := 0; pass <= plan.PowerIters; pass++ {
		w, g = mat.NewDense(m, l, nil), mat.NewDense(l, l, nil)
		// Blocks in reverse order: the sums must not depend on it.
		for c := len(cuts) - 1; c > 0; c-- {
			AddPass(w, g, rowBlock(x, cuts[c-1], cuts[c]), b)
		}
		if pass < plan.PowerIters {
			Orthonormalize(w)
			b = w
		}
	}
	lsa, err := LSAFromPass(w, g, plan.Dims, opt.KeepScale)
	if err != nil {
		t.Fatal(err)
	}
	return lsa
}

// sinLargestAngle returns the sine of the largest principal angle between
// the row spaces of a and b (both d×m with orthonormal rows):
// ‖B − B·AᵀA‖₂.
func sinLargestAngle(a, b *mat.Dense) float64 {
	var proj, resid mat.Dense
	proj.Mul(b, a.T())
	resid.Mul(&proj, a)
	resid.Sub(b, &resid)
	return mat.Norm(&resid, 2)
}

// TestPassesMatchFitLSA checks that the passes give FitLSA's LSA up to
// rounding on bbc300, for a wide matrix (FitLSA orthonormalizes the
// document basis), a tall one (it orthonormalizes the term basis, as the
// passes do) and no power iterations (which shows that GaussianBasis is
// FitLSA's test matrix: another one would give another subspace): the
// component subspaces within a principal angle of 1e-5, singular values
// within 1e-6 relative, and each component within 1e-5 of FitLSA's, sign
// included. FitLSA runs its power iterations in single precision (the
// passes in double): measured, sin of the largest angle 9e-7 and
// components within 1e-7, single precision's rounding (6e-8) grown over the
// iterations.
func TestPassesMatchFitLSA(t *testing.T) {
	texts := readBBC300(t)
	cases := []struct {
		name string
		vec  Options
		opt  LSAOptions
	}{
		{"wide", Options{StopWords: "english", MinDF: 2, MaxDF: 0.5, Sublinear: true}, LSAOptions{Dims: 20}},
		{"tall", Options{StopWords: "english", MaxFeatures: 120}, LSAOptions{Dims: 10, PowerIters: 3}},
		{"no power iterations", Options{StopWords: "english", MinDF: 2}, LSAOptions{Dims: 8, PowerIters: -1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, x, err := FitTransform(texts, c.vec)
			if err != nil {
				t.Fatal(err)
			}
			c.opt.Rand = rand.New(rand.NewPCG(7, 1))
			want, err := FitLSA(x, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			c.opt.Rand = rand.New(rand.NewPCG(7, 1))
			got := lsaByPasses(t, x, c.opt, []int{0, 1, 120, 299, 300})
			if got.Dims() != want.Dims() || got.Terms() != want.Terms() {
				t.Fatalf("%d×%d components, FitLSA has %d×%d", got.Dims(), got.Terms(), want.Dims(), want.Terms())
			}
			if s := sinLargestAngle(want.Components(), got.Components()); !(s <= 1e-5) {
				t.Errorf("largest principal angle: sin = %.3g, want <= 1e-5", s)
			}
			gs, ws := got.SingularValues(), want.SingularValues()
			for i := range ws {
				if math.Abs(gs[i]-ws[i]) > 1e-6*ws[0] {
					t.Errorf("singular value %d = %.15g, FitLSA %.15g", i, gs[i], ws[i])
				}
			}
			gc, wc := got.Components(), want.Components()
			for i := range got.Dims() {
				var diff mat.VecDense
				diff.SubVec(gc.RowView(i), wc.RowView(i))
				if d := mat.Norm(&diff, math.Inf(1)); d > 1e-5 {
					t.Errorf("component %d differs from FitLSA's by %.3g", i, d)
				}
			}
		})
	}
}

// TestPlan checks Plan against the LSA that FitLSA fits, and its errors.
func TestPlan(t *testing.T) {
	for _, c := range []struct {
		rows, terms int
		opt         LSAOptions
		want        LSAPlan
	}{
		{1000, 5000, LSAOptions{}, LSAPlan{Dims: 100, Cols: 110, PowerIters: 7}},
		{50, 5000, LSAOptions{}, LSAPlan{Dims: 50, Cols: 50, PowerIters: 7}},
		{1000, 105, LSAOptions{}, LSAPlan{Dims: 100, Cols: 105, PowerIters: 7}},
		{1000, 5000, LSAOptions{Dims: 20, Oversample: 5, PowerIters: -1}, LSAPlan{Dims: 20, Cols: 25, PowerIters: 0}},
	} {
		got, err := c.opt.Plan(c.rows, c.terms)
		if err != nil || got != c.want {
			t.Errorf("Plan(%d, %d) with %+v = %+v, %v; want %+v", c.rows, c.terms, c.opt, got, err, c.want)
		}
	}
	for _, opt := range []LSAOptions{{Dims: -1}, {Oversample: -2}} {
		if _, err := opt.Plan(10, 10); err == nil {
			t.Errorf("%+v: no error", opt)
		}
	}
	if _, err := (LSAOptions{}).Plan(0, 10); err == nil {
		t.Error("no rows: no error")
	}
	_, x, err := FitTransform(readBBC300(t)[:40], Options{})
	if err != nil {
		t.Fatal(err)
	}
	lsa, err := FitLSA(x, LSAOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n, m := x.Dims()
	if p, _ := (LSAOptions{}).Plan(n, m); p.Dims != lsa.Dims() {
		t.Errorf("Plan dims %d, FitLSA kept %d", p.Dims, lsa.Dims())
	}
}

// TestLSAFromPassRankDeficient checks that a basis whose image is
// rank-deficient (two equal columns) still gives orthonormal, finite
// components, a zero last singular value, and errors for bad shapes.
func TestLSAFromPassRankDeficient(t *testing.T) {
	_, x, err := FitTransform(readBBC300(t)[:30], Options{MinDF: 2})
	if err != nil {
		t.Fatal(err)
	}
	_, m := x.Dims()
	b := GaussianBasis(m, 4, rand.New(rand.NewPCG(1, 2)))
	for j := range m {
		b.Set(j, 3, b.At(j, 2))
	}
	w, g := mat.NewDense(m, 4, nil), mat.NewDense(4, 4, nil)
	AddPass(w, g, x, b)
	lsa, err := LSAFromPass(w, g, 4, false)
	if err != nil {
		t.Fatal(err)
	}
	c := lsa.Components()
	var gram mat.Dense
	gram.Mul(c, c.T())
	for i := range 4 {
		for j := range 4 {
			want := 0.0
			if i == j {
				want = 1
			}
			if d := math.Abs(gram.At(i, j) - want); !(d < 1e-10) {
				t.Fatalf("components not orthonormal: (%d,%d) = %v", i, j, gram.At(i, j))
			}
		}
	}
	if s := lsa.SingularValues(); !(s[2] > 0 && s[3] < 1e-8*s[0]) {
		t.Errorf("singular values %v: want three positive and a zero last", s)
	}
	if _, err := LSAFromPass(w, mat.NewDense(3, 3, nil), 2, false); err == nil {
		t.Error("g of the wrong shape: no error")
	}
	if _, err := LSAFromPass(w, g, 5, false); err == nil {
		t.Error("more components than columns: no error")
	}
}
