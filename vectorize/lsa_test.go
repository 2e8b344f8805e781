package vectorize_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/vectorize"
)

// lsaGolden is testdata/golden/lsa/NAME_svd.json[.gz], written by
// scripts/golden_lsa.py from numpy.linalg.svd of the dense TF-IDF matrix.
type lsaGolden struct {
	Rows, Cols, NNZ        int
	SingularValues         []float64   `json:"singular_values"`
	Components             [][]float64 `json:"components"`
	LSA                    [][]float64 `json:"lsa"`
	ExplainedVarianceRatio []float64   `json:"explained_variance_ratio"`
}

// lsaOpen opens path, or path + ".gz" decompressed.
func lsaOpen(t testing.TB, path string) io.Reader {
	t.Helper()
	if f, err := os.Open(path); err == nil {
		t.Cleanup(func() { f.Close() })
		return bufio.NewReader(f)
	}
	f, err := os.Open(path + ".gz")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

func lsaLoadGolden(t testing.TB, name string) (*vectorize.Sparse, *lsaGolden) {
	t.Helper()
	dir := filepath.Join("..", "testdata", "golden", "lsa")
	x, err := vectorize.ReadMatrixMarket(lsaOpen(t, filepath.Join(dir, name+"_tfidf.mtx")))
	if err != nil {
		t.Fatal(err)
	}
	var g lsaGolden
	if err := json.NewDecoder(lsaOpen(t, filepath.Join(dir, name+"_svd.json"))).Decode(&g); err != nil {
		t.Fatal(err)
	}
	if r, c := x.Dims(); r != g.Rows || c != g.Cols || x.NNZ() != g.NNZ {
		t.Fatalf("%s: matrix is %d×%d with %d entries, golden says %d×%d with %d", name, r, c, x.NNZ(), g.Rows, g.Cols, g.NNZ)
	}
	return x, &g
}

// lsaSeparated reports whether singular value c of the exact spectrum s is
// apart from its neighbours by more than gap (relative), so that its singular
// vector is well determined.
func lsaSeparated(s []float64, c int, gap float64) bool {
	if c > 0 && s[c-1]-s[c] <= gap*s[c] {
		return false
	}
	return c+1 >= len(s) || s[c]-s[c+1] > gap*s[c]
}

// lsaSignedDiff returns the largest |a_i - sign*b_i| over i, with the sign
// (±1) that makes it smallest.
func lsaSignedDiff(a, b []float64) float64 {
	var plus, minus float64
	for i := range a {
		plus = max(plus, math.Abs(a[i]-b[i]))
		minus = max(minus, math.Abs(a[i]+b[i]))
	}
	return min(plus, minus)
}

// lsaSnapshot copies everything a Sparse stores, to check it is not modified.
func lsaSnapshot(x *vectorize.Sparse) [][]float64 {
	r, _ := x.Dims()
	var out [][]float64
	for i := range r {
		ind, val := x.Row(i)
		row := make([]float64, 0, 2*len(ind))
		for p, j := range ind {
			row = append(row, float64(j), val[p])
		}
		out = append(out, row)
	}
	return out
}

// lsaCheckProperties checks what must hold for any fitted LSA of x.
func lsaCheckProperties(t *testing.T, x *vectorize.Sparse, l *vectorize.LSA) {
	t.Helper()
	n, m := x.Dims()
	d := l.Dims()
	s := l.SingularValues()
	if len(s) != d || d > min(n, m) {
		t.Fatalf("Dims %d, %d singular values, matrix %d×%d", d, len(s), n, m)
	}
	for c := range s {
		if s[c] < 0 || math.IsNaN(s[c]) || (c > 0 && s[c] > s[c-1]) {
			t.Fatalf("singular values not sorted, non-negative: %v", s)
		}
	}
	comp := l.Components()
	if r, cc := comp.Dims(); r != d || cc != m {
		t.Fatalf("components are %d×%d, want %d×%d", r, cc, d, m)
	}
	var vvt mat.Dense
	vvt.Mul(comp, comp.T())
	if !mat.EqualApprox(&vvt, lsaEye(d), 1e-10) {
		t.Errorf("V·Vᵀ is not I within 1e-10: max deviation %g", lsaMaxAbsDiff(&vvt, lsaEye(d)))
	}
	for c := range d {
		row := comp.RawRowView(c)
		arg := 0
		for j := range row {
			if math.Abs(row[j]) > math.Abs(row[arg]) {
				arg = j
			}
		}
		if row[arg] <= 0 {
			t.Errorf("component %d: largest entry %g at %d is not positive", c, row[arg], arg)
		}
	}
	evr := l.ExplainedVarianceRatio()
	if len(evr) != d {
		t.Fatalf("%d explained variance ratios, want %d", len(evr), d)
	}
	var sum float64
	for _, e := range evr {
		if !(e >= 0 && e <= 1) {
			t.Errorf("explained variance ratio %g outside [0, 1]", e)
		}
		sum += e
	}
	if sum > 1+1e-12 {
		t.Errorf("explained variance ratios sum to %g > 1", sum)
	}
	z := l.Transform(x)
	if r, c := z.Dims(); r != n || c != d {
		t.Fatalf("Transform is %d×%d, want %d×%d", r, c, n, d)
	}
	for i := range n {
		row := z.RawRowView(i)
		nrm := floats.Norm(row, 2)
		ind, _ := x.Row(i)
		switch {
		case math.IsNaN(nrm):
			t.Fatalf("Transform row %d has NaN", i)
		case len(ind) == 0 && nrm != 0:
			t.Errorf("Transform of empty row %d has norm %g", i, nrm)
		case nrm != 0 && math.Abs(nrm-1) > 1e-12:
			t.Errorf("Transform row %d has norm %g", i, nrm)
		}
	}
}

func lsaEye(n int) *mat.Dense {
	e := mat.NewDense(n, n, nil)
	for i := range n {
		e.Set(i, i, 1)
	}
	return e
}

func lsaMaxAbsDiff(a, b mat.Matrix) float64 {
	var d mat.Dense
	d.Sub(a, b)
	return mat.Norm(&d, math.Inf(1)) // max row sum: an upper bound is enough
}

// TestFitLSAGoldenBBC300 compares FitLSA on the TF-IDF matrix of
// testdata/bbc300.jsonl.gz (stop words, min_df 2, max_df 0.5: 300×5171)
// with numpy's exact SVD.
func TestFitLSAGoldenBBC300(t *testing.T) {
	t.Parallel()
	x, g := lsaLoadGolden(t, "bbc300")
	before := lsaSnapshot(x)
	// The spectrum of TF-IDF is flat (σ₂₀/σ₁₁₁ ≈ 1.35), so the 7 default
	// power iterations leave relative errors of about 2e-5 in the top 20
	// singular values and 2e-3 in their vectors; 25 iterations bring them to
	// 1e-14 and 3e-8. The default is checked with its own tolerance below.
	l, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 100, PowerIters: 25})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(before, lsaSnapshot(x), slices.Equal) {
		t.Fatal("FitLSA modified its input")
	}
	if l.Dims() != 100 {
		t.Fatalf("Dims() = %d, want 100", l.Dims())
	}
	lsaCheckProperties(t, x, l)
	lsaCompareGolden(t, x, l, g, 20, 1e-6, 1e-6)

	def, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 100})
	if err != nil {
		t.Fatal(err)
	}
	s := def.SingularValues()
	for c := range 20 {
		if e := math.Abs(s[c]-g.SingularValues[c]) / g.SingularValues[c]; e > 1e-4 {
			t.Errorf("default options: σ%d = %.10g, exact %.10g (relative error %.1e > 1e-4)", c+1, s[c], g.SingularValues[c], e)
		}
	}
}

// TestFitLSAGoldenSample decomposes the 5×795 TF-IDF matrix of the built-in
// sample in full: d+p covers the whole space, so the result is exact.
func TestFitLSAGoldenSample(t *testing.T) {
	x, g := lsaLoadGolden(t, "sample")
	l, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 5})
	if err != nil {
		t.Fatal(err)
	}
	lsaCheckProperties(t, x, l)
	lsaCompareGolden(t, x, l, g, 5, 1e-12, 1e-12)

	// Full rank: ‖X − X·Vᵀ·V‖² = ‖X‖² − Σσ², and both are zero.
	xd := mat.DenseCopyOf(x)
	comp := l.Components()
	var xv, rec mat.Dense
	xv.Mul(xd, comp.T())
	rec.Mul(&xv, comp)
	rec.Sub(xd, &rec)
	res := mat.Norm(&rec, 2)
	var ss float64
	for _, s := range l.SingularValues() {
		ss += s * s
	}
	fro := mat.Norm(xd, 2)
	if got := res * res; math.Abs(got-(fro*fro-ss)) > 1e-12 || got > 1e-12 {
		t.Errorf("‖X − XVᵀV‖² = %g, ‖X‖² − Σσ² = %g, want both 0", got, fro*fro-ss)
	}
}

// lsaCompareGolden checks the top k singular values (relative tolerance
// sTol), and, for components well apart from their neighbours, the LSA
// vectors X·vᵀ and the components up to sign (absolute tolerance vTol) and
// the explained variance ratios (relative, vTol).
func lsaCompareGolden(t *testing.T, x *vectorize.Sparse, l *vectorize.LSA, g *lsaGolden, k int, sTol, vTol float64) {
	t.Helper()
	s := l.SingularValues()
	var worstS, worstV, worstC, worstE float64
	for c := range k {
		e := math.Abs(s[c]-g.SingularValues[c]) / g.SingularValues[c]
		worstS = max(worstS, e)
		if e > sTol {
			t.Errorf("σ%d = %.15g, exact %.15g: relative error %.1e > %.0e", c+1, s[c], g.SingularValues[c], e, sTol)
		}
	}
	scaled, err := vectorize.NewLSA(l.Components(), l.SingularValues(), nil, true)
	if err != nil {
		t.Fatal(err)
	}
	xv := scaled.Transform(x) // X·Vᵀ, not normalized
	comp := l.Components()
	n, _ := x.Dims()
	checked := 0
	for c := range k {
		if !lsaSeparated(g.SingularValues, c, 1e-3) {
			continue
		}
		checked++
		col := mat.Col(nil, c, xv)
		want := make([]float64, n)
		for i := range n {
			want[i] = g.LSA[i][c]
		}
		if e := lsaSignedDiff(col, want); e > vTol {
			t.Errorf("LSA vector %d differs from numpy's by %.1e > %.0e", c+1, e, vTol)
		} else {
			worstV = max(worstV, e)
		}
		if e := lsaSignedDiff(comp.RawRowView(c), g.Components[c]); e > vTol {
			t.Errorf("component %d differs from numpy's by %.1e > %.0e", c+1, e, vTol)
		} else {
			worstC = max(worstC, e)
		}
		got, want1 := l.ExplainedVarianceRatio()[c], g.ExplainedVarianceRatio[c]
		if e := math.Abs(got-want1) / want1; e > vTol {
			t.Errorf("explained variance ratio %d = %.12g, want %.12g (relative error %.1e)", c+1, got, want1, e)
		} else {
			worstE = max(worstE, e)
		}
	}
	if checked < k/2 {
		t.Errorf("only %d of %d components are well separated", checked, k)
	}
	t.Logf("top %d: max relative σ error %.1e; %d separated components: max vector error %.1e, component error %.1e, EVR relative error %.1e",
		k, worstS, checked, worstV, worstC, worstE)
}

// lsaRandSparse returns an n×m matrix with about density·n·m entries,
// uniform in (0, 1], rows L2-normalized like TF-IDF; rows listed in empty
// are left empty.
func lsaRandSparse(rng *rand.Rand, n, m int, density float64, empty ...int) *vectorize.Sparse {
	indptr := []int{0}
	var ind []int32
	var data []float64
	for i := range n {
		start := len(data)
		if !slices.Contains(empty, i) {
			for j := range m {
				if rng.Float64() < density {
					ind = append(ind, int32(j))
					data = append(data, 1-rng.Float64())
				}
			}
			floats.Scale(1/floats.Norm(data[start:], 2), data[start:])
		}
		indptr = append(indptr, len(data))
	}
	return vectorize.NewSparse(n, m, indptr, ind, data)
}

// lsaRepeatRows returns the matrix whose row i is row i%len(rows) of base.
func lsaRepeatRows(base *vectorize.Sparse, n int) *vectorize.Sparse {
	r, m := base.Dims()
	indptr := []int{0}
	var ind []int32
	var data []float64
	for i := range n {
		bi, bv := base.Row(i % r)
		ind = append(ind, bi...)
		data = append(data, bv...)
		indptr = append(indptr, len(data))
	}
	return vectorize.NewSparse(n, m, indptr, ind, data)
}

// lsaExactSingularValues returns the singular values of x by gonum's dense
// SVD.
func lsaExactSingularValues(t *testing.T, x *vectorize.Sparse) []float64 {
	t.Helper()
	var svd mat.SVD
	if !svd.Factorize(mat.DenseCopyOf(x), mat.SVDNone) {
		t.Fatal("reference SVD failed")
	}
	return svd.Values(nil)
}

// TestFitLSAProperties fits matrices of many shapes, including the exact
// paths (d+p ≥ rows or ≥ cols), empty rows, duplicated rows (rank below
// d+p, where Cholesky QR gives way to Householder QR) and the zero matrix.
func TestFitLSAProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	dup := lsaRepeatRows(lsaRandSparse(rng, 7, 90, 0.1), 200)
	cases := []struct {
		name      string
		x         *vectorize.Sparse
		opt       vectorize.LSAOptions
		wantDims  int
		exactTopK int // the top k singular values must match a dense SVD within 1e-10
	}{
		{"tall-exact", lsaRandSparse(rng, 120, 30, 0.2), vectorize.LSAOptions{Dims: 25}, 25, 25},
		{"wide-exact", lsaRandSparse(rng, 15, 200, 0.1), vectorize.LSAOptions{}, 15, 15},
		{"random-path", lsaRandSparse(rng, 150, 120, 0.1, 3, 77), vectorize.LSAOptions{Dims: 8, PowerIters: 30}, 8, 3},
		{"no-power-iterations", lsaRandSparse(rng, 150, 120, 0.1), vectorize.LSAOptions{Dims: 8, PowerIters: -1}, 8, 0},
		{"oversample-1", lsaRandSparse(rng, 100, 100, 0.05), vectorize.LSAOptions{Dims: 5, Oversample: 1}, 5, 0},
		{"rank-deficient", dup, vectorize.LSAOptions{Dims: 12, PowerIters: 3}, 12, 12},
		{"one-by-one", vectorize.NewSparse(1, 1, []int{0, 1}, []int32{0}, []float64{-2}), vectorize.LSAOptions{}, 1, 1},
		{"single-row", lsaRandSparse(rng, 1, 50, 0.3), vectorize.LSAOptions{Dims: 3}, 1, 1},
		{"zero-matrix", vectorize.NewSparse(40, 30, make([]int, 41), nil, nil), vectorize.LSAOptions{Dims: 5}, 5, 5},
		{"keep-scale", lsaRandSparse(rng, 60, 80, 0.1, 0), vectorize.LSAOptions{Dims: 4, KeepScale: true}, 4, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := lsaSnapshot(tc.x)
			l, err := vectorize.FitLSA(tc.x, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(before, lsaSnapshot(tc.x), slices.Equal) {
				t.Fatal("FitLSA modified its input")
			}
			if l.Dims() != tc.wantDims {
				t.Fatalf("Dims() = %d, want %d", l.Dims(), tc.wantDims)
			}
			if l.KeepScale() != tc.opt.KeepScale {
				t.Errorf("KeepScale() = %v", l.KeepScale())
			}
			if tc.opt.KeepScale {
				// Transform must then be X·Vᵀ exactly as computed densely.
				var want mat.Dense
				want.Mul(mat.DenseCopyOf(tc.x), l.Components().T())
				if got := l.Transform(tc.x); !mat.EqualApprox(got, &want, 1e-12) {
					t.Errorf("KeepScale Transform differs from X·Vᵀ")
				}
				unit, _ := vectorize.NewLSA(l.Components(), l.SingularValues(), l.ExplainedVarianceRatio(), false)
				lsaCheckProperties(t, tc.x, unit)
			} else {
				lsaCheckProperties(t, tc.x, l)
			}
			exact := lsaExactSingularValues(t, tc.x)
			s := l.SingularValues()
			for c := range tc.exactTopK {
				if math.Abs(s[c]-exact[c]) > 1e-10*max(exact[0], 1) {
					t.Errorf("σ%d = %.15g, dense SVD %.15g", c+1, s[c], exact[c])
				}
			}
			for c := range s {
				if s[c] > exact[c]*(1+1e-12)+1e-12 {
					t.Errorf("σ%d = %.15g exceeds the exact %.15g", c+1, s[c], exact[c])
				}
			}
		})
	}
}

// TestFitLSADeterministic checks that results depend on the seed only: the
// same bytes with GOMAXPROCS 1 and 4, and from run to run.
func TestFitLSADeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	x := lsaRandSparse(rng, 1500, 900, 0.02, 5, 6)
	fit := func(procs int, seed uint64) *vectorize.LSA {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		l, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 40, PowerIters: 2, Rand: rand.New(rand.NewPCG(seed, 0))})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	a, b, c := fit(1, 7), fit(4, 7), fit(4, 7)
	for _, o := range []*vectorize.LSA{b, c} {
		if !slices.Equal(a.SingularValues(), o.SingularValues()) ||
			!slices.Equal(a.ExplainedVarianceRatio(), o.ExplainedVarianceRatio()) ||
			!slices.Equal(a.Components().RawMatrix().Data, o.Components().RawMatrix().Data) {
			t.Fatal("FitLSA results differ between GOMAXPROCS 1 and 4 or between runs")
		}
	}
	za := func() []float64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
		return a.Transform(x).RawMatrix().Data
	}()
	zb := func() []float64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
		return a.Transform(x).RawMatrix().Data
	}()
	if !slices.Equal(za, zb) {
		t.Fatal("Transform differs between GOMAXPROCS 1 and 4")
	}
	if d := fit(2, 8); slices.Equal(a.SingularValues(), d.SingularValues()) {
		t.Error("another seed gave the very same singular values")
	}
}

// TestLSATransformOneByOne checks that transforming a batch equals, bit for
// bit, transforming each row alone.
func TestLSATransformOneByOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	x := lsaRandSparse(rng, 300, 400, 0.05, 10)
	for _, keep := range []bool{false, true} {
		l, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 20, KeepScale: keep})
		if err != nil {
			t.Fatal(err)
		}
		batch := l.Transform(x)
		var one mat.Dense
		n, m := x.Dims()
		for i := range n {
			ind, val := x.Row(i)
			row := vectorize.NewSparse(1, m, []int{0, len(ind)}, slices.Clone(ind), slices.Clone(val))
			one.Reset()
			l.TransformTo(&one, row)
			if !slices.Equal(one.RawRowView(0), batch.RawRowView(i)) {
				t.Fatalf("KeepScale %v: row %d alone differs from the batch", keep, i)
			}
		}
		// TransformTo into a used matrix of the right shape gives the same.
		dst := mat.NewDense(n, 20, nil)
		dst.Apply(func(int, int, float64) float64 { return math.NaN() }, dst)
		l.TransformTo(dst, x)
		if !mat.Equal(dst, batch) {
			t.Fatal("TransformTo into a non-empty matrix differs")
		}
	}
}

func TestLSATransformPanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	l, err := vectorize.FitLSA(lsaRandSparse(rng, 20, 30, 0.2), vectorize.LSAOptions{Dims: 3})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(){
		"columns": func() { l.Transform(lsaRandSparse(rng, 2, 31, 0.5)) },
		"shape":   func() { l.TransformTo(mat.NewDense(3, 3, nil), lsaRandSparse(rng, 2, 30, 0.5)) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func TestFitLSAErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	x := lsaRandSparse(rng, 10, 10, 0.3)
	nan := vectorize.NewSparse(2, 2, []int{0, 1, 2}, []int32{0, 1}, []float64{1, math.NaN()})
	cases := []struct {
		name    string
		x       *vectorize.Sparse
		opt     vectorize.LSAOptions
		options bool // wraps ErrOptions
	}{
		{"nil", nil, vectorize.LSAOptions{}, false},
		{"no-rows", vectorize.NewSparse(0, 5, []int{0}, nil, nil), vectorize.LSAOptions{}, false},
		{"no-columns", vectorize.NewSparse(3, 0, make([]int, 4), nil, nil), vectorize.LSAOptions{}, false},
		{"negative-dims", x, vectorize.LSAOptions{Dims: -1}, true},
		{"negative-oversample", x, vectorize.LSAOptions{Oversample: -2}, true},
		{"nan", nan, vectorize.LSAOptions{}, false},
	}
	for _, tc := range cases {
		l, err := vectorize.FitLSA(tc.x, tc.opt)
		if err == nil || l != nil {
			t.Errorf("%s: got %v, %v; want an error", tc.name, l, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "vectorize: ") {
			t.Errorf("%s: error %q lacks the package prefix", tc.name, err)
		}
		if errors.Is(err, vectorize.ErrOptions) != tc.options {
			t.Errorf("%s: errors.Is(%q, ErrOptions) = %v", tc.name, err, !tc.options)
		}
	}
}

// TestNewLSA rebuilds a fitted LSA from its parts, as from a model file.
func TestNewLSA(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	x := lsaRandSparse(rng, 50, 70, 0.1)
	l, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 6})
	if err != nil {
		t.Fatal(err)
	}
	r, err := vectorize.NewLSA(l.Components(), l.SingularValues(), l.ExplainedVarianceRatio(), l.KeepScale())
	if err != nil {
		t.Fatal(err)
	}
	if !mat.Equal(r.Transform(x), l.Transform(x)) || !mat.Equal(r.Components(), l.Components()) ||
		!slices.Equal(r.SingularValues(), l.SingularValues()) || !slices.Equal(r.ExplainedVarianceRatio(), l.ExplainedVarianceRatio()) ||
		r.Dims() != l.Dims() || r.Terms() != 70 {
		t.Error("the rebuilt LSA differs from the fitted one")
	}
	// Accessors return copies.
	l.SingularValues()[0] = -1
	l.ExplainedVarianceRatio()[0] = -1
	l.Components().Set(0, 0, 99)
	if l.SingularValues()[0] < 0 || l.ExplainedVarianceRatio()[0] < 0 || l.Components().At(0, 0) == 99 {
		t.Error("accessors expose internal state")
	}

	comp := l.Components()
	bad := mat.DenseCopyOf(comp)
	bad.Set(1, 2, math.Inf(1))
	for name, f := range map[string]func() (*vectorize.LSA, error){
		"nil":      func() (*vectorize.LSA, error) { return vectorize.NewLSA(nil, nil, nil, false) },
		"singular": func() (*vectorize.LSA, error) { return vectorize.NewLSA(comp, []float64{1}, nil, false) },
		"evr":      func() (*vectorize.LSA, error) { return vectorize.NewLSA(comp, l.SingularValues(), []float64{1}, false) },
		"inf":      func() (*vectorize.LSA, error) { return vectorize.NewLSA(bad, l.SingularValues(), nil, false) },
		"nan-sigma": func() (*vectorize.LSA, error) {
			return vectorize.NewLSA(comp, []float64{math.NaN(), 1, 1, 1, 1, 1}, nil, false)
		},
		"nan-evr": func() (*vectorize.LSA, error) {
			return vectorize.NewLSA(comp, l.SingularValues(), []float64{0, 0, math.NaN(), 0, 0, 0}, false)
		},
	} {
		if got, err := f(); err == nil || got != nil || !strings.HasPrefix(err.Error(), "vectorize: ") {
			t.Errorf("%s: got %v, %v; want a vectorize error", name, got, err)
		}
	}
}

func ExampleFitLSA() {
	// Four documents over five terms: two about cats, two about markets.
	x := vectorize.NewSparse(4, 5,
		[]int{0, 2, 4, 6, 8},
		[]int32{0, 1, 0, 1, 2, 3, 3, 4},
		[]float64{0.8, 0.6, 0.6, 0.8, 0.6, 0.8, 0.8, 0.6})
	lsa, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("dims:", lsa.Dims())
	fmt.Printf("singular values: %.4f\n", lsa.SingularValues())
	fmt.Printf("components:\n%.3f\n", mat.Formatted(lsaRounded(lsa.Components())))
	// Output:
	// dims: 2
	// singular values: [1.4000 1.2806]
	// components:
	// ⎡0.707  0.707  0.000  0.000  0.000⎤
	// ⎣0.000  0.000  0.331  0.883  0.331⎦
}

func ExampleLSA_Transform() {
	// Fit on four documents over five terms: two about cats (terms 0, 1),
	// two about markets (terms 2, 3, 4).
	x := vectorize.NewSparse(4, 5,
		[]int{0, 2, 4, 6, 8},
		[]int32{0, 1, 0, 1, 2, 3, 3, 4},
		[]float64{0.8, 0.6, 0.6, 0.8, 0.6, 0.8, 0.8, 0.6})
	lsa, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	// New documents: one about cats and markets, one about nothing known.
	y := vectorize.NewSparse(2, 5, []int{0, 2, 2}, []int32{1, 3}, []float64{0.6, 0.8})
	z := lsa.Transform(y) // rows L2-normalized; the empty document stays zero
	fmt.Printf("%.3f\n", mat.Formatted(lsaRounded(z)))
	// Output:
	// ⎡0.515  0.857⎤
	// ⎣0.000  0.000⎦
}

// lsaRounded returns a copy of a rounded to 3 decimals, without negative
// zeros, so that printed examples are stable.
func lsaRounded(a mat.Matrix) mat.Matrix {
	var r mat.Dense
	r.Apply(func(_, _ int, v float64) float64 { return math.Round(v*1000)/1000 + 0 }, a)
	return &r
}

// lsaZipf returns an n×m matrix whose rows have about perRow entries in
// columns drawn from a Zipf law (exponent 1.1, columns shuffled), rows
// L2-normalized: the shape of a TF-IDF matrix of a real corpus.
func lsaZipf(n, m, perRow int, seed uint64) *vectorize.Sparse {
	rng := rand.New(rand.NewPCG(seed, 1))
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(m-1))
	perm := rng.Perm(m)
	indptr := []int{0}
	var ind []int32
	var data []float64
	seen := make(map[int32]bool)
	for range n {
		clear(seen)
		k := 1 + rng.IntN(2*perRow)
		start := len(ind)
		for range k {
			j := int32(perm[zipf.Uint64()])
			if !seen[j] {
				seen[j] = true
				ind = append(ind, j)
			}
		}
		row := ind[start:]
		slices.Sort(row)
		for range row {
			data = append(data, 0.1+rng.Float64())
		}
		floats.Scale(1/floats.Norm(data[start:], 2), data[start:])
		indptr = append(indptr, len(ind))
	}
	return vectorize.NewSparse(n, m, indptr, ind, data)
}

// lsa20News builds the TF-IDF matrix of /work/shared/corpora's 20
// Newsgroups (18,846 documents) with a throwaway tokenizer (lowercase runs
// of letters, digits and '_' of two or more characters; min_df 5, max_df
// 0.5; smooth idf; L2 rows): about 18846×24462 with 1.54M entries. It
// returns nil if the corpus is absent.
func lsa20News(tb testing.TB) *vectorize.Sparse {
	path := os.Getenv("TOPICS_20NEWS")
	if path == "" {
		path = "/work/shared/corpora/20newsgroups.jsonl.gz"
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	dec := json.NewDecoder(zr)
	var docs []map[string]int
	df := map[string]int{}
	for {
		var d struct{ Title, Text string }
		if err := dec.Decode(&d); err == io.EOF {
			break
		} else if err != nil {
			tb.Fatal(err)
		}
		text := d.Text
		if d.Title != "" {
			text = d.Title + "\n" + d.Text
		}
		tf := map[string]int{}
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
		}) {
			if len([]rune(w)) >= 2 {
				tf[w]++
			}
		}
		for w := range tf {
			df[w]++
		}
		docs = append(docs, tf)
	}
	n := len(docs)
	var vocab []string
	for w, c := range df {
		if c >= 5 && 2*c <= n {
			vocab = append(vocab, w)
		}
	}
	sort.Strings(vocab)
	col := make(map[string]int32, len(vocab))
	for j, w := range vocab {
		col[w] = int32(j)
	}
	indptr := []int{0}
	var ind []int32
	var data []float64
	for _, tf := range docs {
		start := len(ind)
		for w := range tf {
			if j, ok := col[w]; ok {
				ind = append(ind, j)
			}
		}
		row := ind[start:]
		slices.Sort(row)
		for _, j := range row {
			w := vocab[j]
			data = append(data, float64(tf[w])*(math.Log(float64(1+n)/float64(1+df[w]))+1))
		}
		if nrm := floats.Norm(data[start:], 2); nrm > 0 {
			floats.Scale(1/nrm, data[start:])
		}
		indptr = append(indptr, len(ind))
	}
	return vectorize.NewSparse(n, len(vocab), indptr, ind, data)
}

// BenchmarkFitLSA fits 100 dimensions to matrices of growing size; the
// largest synthetic one has the shape of 20 Newsgroups (18,846×24,164,
// 1.5M entries), and "20news" is the real corpus when it is available. Bytes
// are the stored entries (12 bytes each).
func BenchmarkFitLSA(b *testing.B) {
	sizes := []struct {
		name      string
		n, m, per int
	}{
		{"1k×2k", 1000, 2000, 60},
		{"5k×10k", 5000, 10000, 80},
		{"19k×24k", 18846, 24164, 80},
	}
	run := func(b *testing.B, x *vectorize.Sparse, q int) {
		b.SetBytes(int64(x.NNZ()) * 12)
		b.ResetTimer()
		for b.Loop() {
			if _, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 100, PowerIters: q}); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			x := lsaZipf(s.n, s.m, s.per, 1)
			for _, q := range []int{7, 4, 2} {
				b.Run(fmt.Sprintf("q=%d", q), func(b *testing.B) { run(b, x, q) })
			}
		})
	}
	b.Run("20news", func(b *testing.B) {
		x := lsa20News(b)
		if x == nil {
			b.Skip("20 Newsgroups corpus not found")
		}
		for _, q := range []int{7, 4, 2, 1} {
			b.Run(fmt.Sprintf("q=%d", q), func(b *testing.B) { run(b, x, q) })
		}
	})
}

func TestFitLSAProgress(t *testing.T) {
	x := lsaRandSparse(rand.New(rand.NewPCG(3, 4)), 60, 40, 0.2)
	var seen []int
	_, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 5, PowerIters: 3, Progress: func(done, total int) {
		if total != 8 {
			t.Errorf("total %d, want 2·3+2", total)
		}
		seen = append(seen, done)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 2, 3, 4, 5, 6, 7, 8}; !slices.Equal(seen, want) {
		t.Errorf("progress %v, want %v", seen, want)
	}
}

// FitTransformLSA gives what FitLSA then Transform give, bit for bit.
func TestFitTransformLSA(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, keep := range []bool{false, true} {
		x := lsaRandSparse(rng, 200, 150, 0.05)
		opt := vectorize.LSAOptions{Dims: 10, KeepScale: keep}
		opt.Rand = rand.New(rand.NewPCG(1, 1))
		l1, err := vectorize.FitLSA(x, opt)
		if err != nil {
			t.Fatal(err)
		}
		opt.Rand = rand.New(rand.NewPCG(1, 1))
		l2, z2, err := vectorize.FitTransformLSA(x, opt)
		if err != nil {
			t.Fatal(err)
		}
		z1 := l1.Transform(x)
		if !slices.Equal(z1.RawMatrix().Data, z2.RawMatrix().Data) ||
			!slices.Equal(l1.SingularValues(), l2.SingularValues()) ||
			!slices.Equal(l1.ExplainedVarianceRatio(), l2.ExplainedVarianceRatio()) ||
			!slices.Equal(l1.Components().RawMatrix().Data, l2.Components().RawMatrix().Data) {
			t.Errorf("KeepScale %v: FitTransformLSA differs from FitLSA and Transform", keep)
		}
	}
}

// TestFitLSASampleRows fits the bbc300 TF-IDF matrix through samples of its
// rows: the usual properties hold for all rows, the singular values are
// the norms of the columns of X·Vᵀ (so at most the exact ones in total),
// the sample captures most of the top variance, and SampleRows ≥ rows or
// negative decomposes the whole matrix.
func TestFitLSASampleRows(t *testing.T) {
	t.Parallel()
	x, g := lsaLoadGolden(t, "bbc300")
	fit := func(rows int) *vectorize.LSA {
		l, err := vectorize.FitLSA(x, vectorize.LSAOptions{Dims: 10, SampleRows: rows, Rand: rand.New(rand.NewPCG(1, 2))})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	for _, tc := range []struct {
		rows int
		min  float64 // share of the exact top-10 Σσ² the sample must capture
	}{{150, 0.8}, {60, 0.6}} {
		rows := tc.rows
		l := fit(rows)
		lsaCheckProperties(t, x, l)
		comp := l.Components()
		var xv mat.Dense
		xv.Mul(mat.DenseCopyOf(x), comp.T())
		var got, exact float64
		for c, s := range l.SingularValues() {
			col := mat.Col(nil, c, &xv)
			if e := math.Abs(floats.Norm(col, 2) - s); e > 1e-12*s {
				t.Errorf("sample %d: σ%d = %g, ‖X·v%d‖ = %g", rows, c+1, s, c+1, floats.Norm(col, 2))
			}
			got += s * s
			exact += g.SingularValues[c] * g.SingularValues[c]
		}
		if got > exact*(1+1e-12) || got < tc.min*exact {
			t.Errorf("sample %d: Σσ² of the top 10 = %g, exact %g: want in [%g, 1]×exact", rows, got, exact, tc.min)
		}
	}
	whole := fit(-1)
	if s, a := fit(300).SingularValues(), whole.SingularValues(); !slices.Equal(s, a) {
		t.Errorf("SampleRows = rows gives σ %v, all rows %v", s, a)
	}
}
