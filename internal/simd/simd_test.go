package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// impl is one implementation of the kernels.
type impl struct {
	name   string
	axpy32 func(a float32, x, y []float32)
	axpy64 func(a float64, x, y []float64)
	dot32  func(x, y []float32) float32
	rows32 func(y, a, x []float32, off []int)
	rows64 func(y, a, x []float64, off []int)
	to32   func(a, x, y []float32, off []int)
}

// goImpl is the Go fallback, the reference of every other implementation.
var goImpl = impl{"go", axpyF32Go, axpyF64Go, dotF32Go, axpyRowsF32Go, axpyRowsF64Go, axpyToRowsF32Go}

// requireAsm returns the assembly implementations, skipping the test when
// this machine or build has none (it then only checks the fallback).
func requireAsm(t testing.TB) []impl {
	impls := asmImpls()
	if len(impls) == 0 {
		t.Skip("no assembly kernels on this machine or build")
	}
	return impls
}

// same reports whether a and b have the same bits, or are both NaN (NaN
// payloads are not promised, see the package doc).
func same32(a, b float32) bool {
	return math.Float32bits(a) == math.Float32bits(b) || (a != a && b != b)
}

func same64(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b)
}

// randVec32 returns n values of mixed sign and magnitude (about 1e-3 to
// 1e3), with exact zeros and negative zeros now and then.
func randVec32(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		switch r.IntN(20) {
		case 0:
			v[i] = 0
		case 1:
			v[i] = float32(math.Copysign(0, -1))
		default:
			v[i] = float32(r.NormFloat64() * math.Pow(10, 3*(2*r.Float64()-1)))
		}
	}
	return v
}

func randVec64(r *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64() * math.Pow(10, 6*(2*r.Float64()-1))
	}
	return v
}

// maxLen is the longest vector of the exhaustive tests: every tail length
// of every loop, after several full blocks.
const maxLen = 300

// testLengths returns the vector lengths of the exhaustive tests: every n
// up to maxLen; with -short (make test, under the race detector, which
// makes these loops slow) every n up to 130, which still holds every tail
// of every loop after at least two full blocks of the widest (strips of
// 32 elements, 16 partial sums), and then a few longer lengths around
// multiples of the blocks.
func testLengths() []int {
	last := maxLen
	if testing.Short() {
		last = 130
	}
	var ns []int
	for n := range last + 1 {
		ns = append(ns, n)
	}
	if testing.Short() {
		ns = append(ns, 191, 192, 193, 255, 256, 257, maxLen)
	}
	return ns
}

// TestAsmMatchesGo checks that every assembly kernel returns the bits of
// the fallback, for every length of testLengths and at every alignment of the
// slices within their arrays (sub-slices starting at 0..3 elements), and
// writes nothing outside y.
func TestAsmMatchesGo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, im := range requireAsm(t) {
		for _, n := range testLengths() {
			for off := range 4 {
				checkAxpy32(t, im, r, n, off)
				checkAxpy64(t, im, r, n, off)
				checkDot32(t, im, r, n, off)
				checkRows32(t, im, r, n, off)
				checkRows64(t, im, r, n, off)
				checkToRows32(t, im, r, n, off)
			}
		}
	}
}

// checkAxpy32 compares im.axpy32 with the fallback on y[off:off+n] inside
// a longer array, whose other elements must stay untouched.
func checkAxpy32(t *testing.T, im impl, r *rand.Rand, n, off int) {
	t.Helper()
	a := float32(r.NormFloat64())
	x := randVec32(r, n+off+5)[off : off+n]
	base := randVec32(r, n+off+5)
	want := append([]float32(nil), base...)
	goImpl.axpy32(a, x, want[off:off+n])
	got := append([]float32(nil), base...)
	im.axpy32(a, x, got[off:off+n])
	for i := range got {
		if !same32(got[i], want[i]) {
			t.Fatalf("%s axpy32 n=%d off=%d: element %d = %v (%#x), want %v (%#x)",
				im.name, n, off, i-off, got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
		}
	}
}

func checkAxpy64(t *testing.T, im impl, r *rand.Rand, n, off int) {
	t.Helper()
	a := r.NormFloat64()
	x := randVec64(r, n+off+5)[off : off+n]
	base := randVec64(r, n+off+5)
	want := append([]float64(nil), base...)
	goImpl.axpy64(a, x, want[off:off+n])
	got := append([]float64(nil), base...)
	im.axpy64(a, x, got[off:off+n])
	for i := range got {
		if !same64(got[i], want[i]) {
			t.Fatalf("%s axpy64 n=%d off=%d: element %d = %v, want %v", im.name, n, off, i-off, got[i], want[i])
		}
	}
}

func checkDot32(t *testing.T, im impl, r *rand.Rand, n, off int) {
	t.Helper()
	x := randVec32(r, n+off)[off:]
	y := randVec32(r, n+off+3)[3+off:]
	want := goImpl.dot32(x, y)
	if got := im.dot32(x, y); !same32(got, want) {
		t.Fatalf("%s dot32 n=%d off=%d: %v (%#x), want %v (%#x)",
			im.name, n, off, got, math.Float32bits(got), want, math.Float32bits(want))
	}
}

// randRows returns up to 9 coefficients and offsets of rows of length n
// (repeated rows included) in a pool of 12 rows of n+3 elements, starting
// at any element of a row.
func randRows(r *rand.Rand, n int) (off []int, pool int) {
	m := r.IntN(10)
	off = make([]int, m)
	for j := range off {
		off[j] = r.IntN(12)*(n+3) + r.IntN(4)
	}
	return off, 12 * (n + 3)
}

// checkRows32 compares im.rows32 with successive axpys of the fallback on
// y[off:off+n] inside a longer array, whose other elements must stay
// untouched.
func checkRows32(t *testing.T, im impl, r *rand.Rand, n, o int) {
	t.Helper()
	off, pool := randRows(r, n)
	x, a := randVec32(r, pool), randVec32(r, len(off))
	base := randVec32(r, n+o+5)
	want := append([]float32(nil), base...)
	for j, p := range off {
		axpyF32Go(a[j], x[p:p+n], want[o:o+n])
	}
	got := append([]float32(nil), base...)
	im.rows32(got[o:o+n], a, x, off)
	for i := range got {
		if !same32(got[i], want[i]) {
			t.Fatalf("%s rows32 n=%d m=%d off=%d: element %d = %v, want %v", im.name, n, len(off), o, i-o, got[i], want[i])
		}
	}
}

func checkRows64(t *testing.T, im impl, r *rand.Rand, n, o int) {
	t.Helper()
	off, pool := randRows(r, n)
	x, a := randVec64(r, pool), randVec64(r, len(off))
	base := randVec64(r, n+o+5)
	want := append([]float64(nil), base...)
	for j, p := range off {
		axpyF64Go(a[j], x[p:p+n], want[o:o+n])
	}
	got := append([]float64(nil), base...)
	im.rows64(got[o:o+n], a, x, off)
	for i := range got {
		if !same64(got[i], want[i]) {
			t.Fatalf("%s rows64 n=%d m=%d off=%d: element %d = %v, want %v", im.name, n, len(off), o, i-o, got[i], want[i])
		}
	}
}

// checkToRows32 compares im.to32 with successive axpys of the fallback
// into up to 9 rows of y (increasing offsets, gaps of 0..3 elements between
// rows, the first at o), whose other elements must stay untouched.
func checkToRows32(t *testing.T, im impl, r *rand.Rand, n, o int) {
	t.Helper()
	off := make([]int, r.IntN(10))
	next := o
	for j := range off {
		off[j] = next
		next += n + r.IntN(4)
	}
	x, a := randVec32(r, n), randVec32(r, len(off))
	base := randVec32(r, next+3)
	want := append([]float32(nil), base...)
	for j, p := range off {
		axpyF32Go(a[j], x, want[p:p+n])
	}
	got := append([]float32(nil), base...)
	im.to32(a, x, got, off)
	for i := range got {
		if !same32(got[i], want[i]) {
			t.Fatalf("%s to32 n=%d m=%d: element %d = %v, want %v", im.name, n, len(off), i, got[i], want[i])
		}
	}
}

// TestRowsMatchAxpys checks the fallback AxpyRows against the exported
// axpys called row by row (its definition), on every implementation the
// exported functions may choose.
func TestRowsMatchAxpys(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for n := range 70 {
		off, pool := randRows(r, n)
		x32, a32, y32 := randVec32(r, pool), randVec32(r, len(off)), randVec32(r, n)
		x64, a64, y64 := randVec64(r, pool), randVec64(r, len(off)), randVec64(r, n)
		want32, want64 := append([]float32(nil), y32...), append([]float64(nil), y64...)
		for j, p := range off {
			AxpyF32(a32[j], x32[p:p+n], want32)
			AxpyF64(a64[j], x64[p:p+n], want64)
		}
		AxpyRowsF32(y32, a32, x32, off)
		AxpyRowsF64(y64, a64, x64, off)
		for i := range n {
			if !same32(y32[i], want32[i]) || !same64(y64[i], want64[i]) {
				t.Fatalf("n=%d element %d: AxpyRowsF32 %v want %v, AxpyRowsF64 %v want %v", n, i, y32[i], want32[i], y64[i], want64[i])
			}
		}
	}
}

// TestSpecialValues checks that NaN, ±Inf, ±0 and subnormal inputs give the
// fallback's results in every implementation (NaN for NaN, same bits
// otherwise), at every position of a vector of each tail length, and that
// the fallback gives NaN exactly where the plain loop does.
func TestSpecialValues(t *testing.T) {
	specials := []float32{
		float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
		0, float32(math.Copysign(0, -1)), math.SmallestNonzeroFloat32, math.MaxFloat32,
	}
	impls := append([]impl{goImpl}, asmImpls()...)
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 40, 100} {
		for _, s := range specials {
			for pos := range n {
				x, y := randVec32(r, n), randVec32(r, n)
				x[pos] = s
				if r.IntN(2) == 0 {
					x, y = y, x
				}
				plain := float32(0)
				for i := range x {
					plain += float32(x[i] * y[i])
				}
				want := goImpl.dot32(x, y)
				if (want != want) != (plain != plain) {
					t.Fatalf("go dot32 n=%d special %v at %d: %v, plain loop %v", n, s, pos, want, plain)
				}
				for _, im := range impls {
					if got := im.dot32(x, y); !same32(got, want) {
						t.Fatalf("%s dot32 n=%d special %v at %d: %v, want %v", im.name, n, s, pos, got, want)
					}
					a := float32(r.NormFloat64())
					if pos%3 == 0 {
						a = s
					}
					yw, yg := append([]float32(nil), y...), append([]float32(nil), y...)
					for i := range x {
						yw[i] += float32(a * x[i])
					}
					im.axpy32(a, x, yg)
					for i := range yg {
						if !same32(yg[i], yw[i]) {
							t.Fatalf("%s axpy32 n=%d a=%v special %v at %d: y[%d] = %v, want %v", im.name, n, a, s, pos, i, yg[i], yw[i])
						}
					}
				}
			}
		}
	}
}

// TestAxpyMatchesPlainLoop checks that AxpyF32 and AxpyF64 give exactly the
// plain loop y[i] += a*x[i] (with the product rounded first).
func TestAxpyMatchesPlainLoop(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 70 {
		a32, x32, y32 := float32(r.NormFloat64()), randVec32(r, n), randVec32(r, n)
		want32 := append([]float32(nil), y32...)
		for i := range want32 {
			want32[i] += float32(a32 * x32[i])
		}
		AxpyF32(a32, x32, y32)
		a64, x64, y64 := r.NormFloat64(), randVec64(r, n), randVec64(r, n)
		want64 := append([]float64(nil), y64...)
		for i := range want64 {
			want64[i] += float64(a64 * x64[i])
		}
		AxpyF64(a64, x64, y64)
		for i := range n {
			if y32[i] != want32[i] || y64[i] != want64[i] {
				t.Fatalf("n=%d element %d: AxpyF32 %v want %v, AxpyF64 %v want %v", n, i, y32[i], want32[i], y64[i], want64[i])
			}
		}
	}
}

// TestDotAccuracy checks DotF32 against the dot product in float64 of the
// same float32 inputs: the error bound of the summation order is
// (⌈n/16⌉ + 5)·u·Σ|x[i]·y[i]| with u = 2⁻²⁴ (one rounding per product,
// at most ⌈n/16⌉ additions per partial sum, four fold levels), plus a
// percent for second-order terms.
func TestDotAccuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range testLengths() {
		for range 4 {
			x, y := randVec32(r, n), randVec32(r, n)
			exact, abs := 0.0, 0.0
			for i := range x {
				p := float64(x[i]) * float64(y[i])
				exact += p
				abs += math.Abs(p)
			}
			bound := 1.01 * float64((n+15)/16+5) * 0x1p-24 * abs
			if got := float64(DotF32(x, y)); math.Abs(got-exact) > bound {
				t.Fatalf("n=%d: DotF32 = %v, float64 sum %v: error %g exceeds %g", n, got, exact, math.Abs(got-exact), bound)
			}
		}
	}
}

// TestDotOrder checks the documented summation order where it shows. With
// x = (2²⁴, 1, 0, 1, 0...) and y all ones, the fold adds s[3] to s[1]
// before s[1] reaches s[0], giving 2²⁴ + 2 exactly; a left-to-right sum
// (or folding neighbours first) loses both ones to rounding and gives 2²⁴.
// A 1 at x[16] joins s[0], where it is lost (2²⁴ + 1 rounds to 2²⁴).
func TestDotOrder(t *testing.T) {
	for _, im := range append([]impl{goImpl}, asmImpls()...) {
		for _, n := range []int{4, 9, 16, 17, 20, 33} {
			x, y := make([]float32, n), make([]float32, n)
			for i := range y {
				y[i] = 1
			}
			x[0], x[1], x[3] = 1<<24, 1, 1
			if n > 16 {
				x[16] = 1
			}
			if got, want := im.dot32(x, y), float32(1<<24+2); got != want {
				t.Errorf("%s n=%d: %v, want %v", im.name, n, got, want)
			}
		}
	}
}

// TestLengthMismatchPanics checks that the exported kernels refuse slices
// of different lengths, and rows that reach outside x.
func TestLengthMismatchPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"AxpyF32": func() { AxpyF32(1, make([]float32, 3), make([]float32, 4)) },
		"AxpyF64": func() { AxpyF64(1, make([]float64, 4), make([]float64, 3)) },
		"DotF32":  func() { DotF32(make([]float32, 3), make([]float32, 4)) },
		"AxpyRowsF32 past the end": func() {
			AxpyRowsF32(make([]float32, 3), []float32{1, 1}, make([]float32, 4), []int{0, 2})
		},
		"AxpyRowsF64 negative offset": func() {
			AxpyRowsF64(make([]float64, 3), []float64{1}, make([]float64, 4), []int{-1})
		},
		"AxpyToRowsF32 overlapping rows": func() {
			AxpyToRowsF32([]float32{1, 1}, make([]float32, 3), make([]float32, 8), []int{0, 2})
		},
		"AxpyToRowsF32 past the end": func() {
			AxpyToRowsF32([]float32{1}, make([]float32, 3), make([]float32, 8), []int{6})
		},
		"AxpyRowsF32 offsets and coefficients": func() {
			AxpyRowsF32(make([]float32, 3), []float32{1, 1}, make([]float32, 4), []int{0})
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic on lengths 3 and 4", name)
				}
			}()
			f()
		}()
	}
}

// TestZeroCoefficient checks that a coefficient 0 is multiplied and added
// like any other in every implementation (BLAS's saxpy skips it): -0 in y
// becomes +0, and 0·Inf and 0·NaN give NaN.
func TestZeroCoefficient(t *testing.T) {
	negZero := math.Copysign(0, -1)
	x64 := []float64{1, math.Inf(1), math.NaN(), -1, 3, 4, 5, 6, 7}
	y64 := []float64{negZero, 1, negZero, 2, negZero, 0, 1, 2, negZero}
	x32, y32 := make([]float32, len(x64)), make([]float32, len(y64))
	for i := range x64 {
		x32[i], y32[i] = float32(x64[i]), float32(y64[i])
	}
	for _, im := range append([]impl{goImpl}, asmImpls()...) {
		got32, got64 := append([]float32(nil), y32...), append([]float64(nil), y64...)
		im.axpy32(0, x32, got32)
		im.axpy64(0, x64, got64)
		rows32, rows64 := append([]float32(nil), y32...), append([]float64(nil), y64...)
		im.rows32(rows32, []float32{0}, x32, []int{0})
		im.rows64(rows64, []float64{0}, x64, []int{0})
		to32 := append([]float32(nil), y32...)
		im.to32([]float32{0}, x32, to32, []int{0})
		for i := range x64 {
			want := y64[i] + 0*x64[i]
			for name, v := range map[string]float64{"axpy32": float64(got32[i]), "axpy64": got64[i],
				"rows32": float64(rows32[i]), "rows64": rows64[i], "to32": float64(to32[i])} {
				if !same64(v, want) {
					t.Errorf("%s %s: y[%d] = %v, want %v", im.name, name, i, v, want)
				}
			}
		}
	}
}
