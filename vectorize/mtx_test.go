package vectorize_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/topics-dev/topics/vectorize"
)

// mtxEqual reports whether a and b have the same shape and stored entries,
// bit for bit.
func mtxEqual(a, b *vectorize.Sparse) bool {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	if ar != br || ac != bc || a.NNZ() != b.NNZ() {
		return false
	}
	for i := range ar {
		ai, av := a.Row(i)
		bi, bv := b.Row(i)
		if !slices.Equal(ai, bi) || !slices.EqualFunc(av, bv, func(x, y float64) bool {
			return math.Float64bits(x) == math.Float64bits(y)
		}) {
			return false
		}
	}
	return true
}

func TestMatrixMarketRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, s := range sparseShapes {
		x, _ := sparseRandom(rng, s.n, s.m, s.density)
		// Values of every magnitude, including subnormals and negative zero.
		ind, val := x.Row(0)
		if len(ind) > 0 {
			val[0] = math.Copysign(0, -1)
		}
		if len(val) > 1 {
			val[1] = 5e-324
		}
		if len(val) > 2 {
			val[2] = -math.MaxFloat64
		}
		var buf bytes.Buffer
		if err := vectorize.WriteMatrixMarket(&buf, x); err != nil {
			t.Fatal(err)
		}
		y, err := vectorize.ReadMatrixMarket(&buf)
		if err != nil {
			t.Fatalf("%d×%d: %v", s.n, s.m, err)
		}
		if !mtxEqual(x, y) {
			t.Errorf("%d×%d: the matrix read back differs", s.n, s.m)
		}
	}
	empty := vectorize.NewSparse(0, 0, []int{0}, nil, nil)
	var buf bytes.Buffer
	if err := vectorize.WriteMatrixMarket(&buf, empty); err != nil {
		t.Fatal(err)
	}
	if y, err := vectorize.ReadMatrixMarket(&buf); err != nil || !mtxEqual(empty, y) {
		t.Errorf("0×0 matrix: %v", err)
	}
}

// TestReadMatrixMarketScipy reads the file scipy.io.mmwrite wrote for the
// sample's TF-IDF matrix (scripts/golden_lsa.py).
func TestReadMatrixMarketScipy(t *testing.T) {
	f, err := os.Open("../testdata/golden/lsa/sample_tfidf.mtx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	x, err := vectorize.ReadMatrixMarket(f)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := x.Dims(); r != 5 || c != 795 || x.NNZ() != 1207 {
		t.Fatalf("read a %d×%d matrix with %d entries, want 5×795 with 1207", r, c, x.NNZ())
	}
	// The first entries of the file: "1 3 4.0067230682485314e-02", "1 14 ...".
	if got := x.At(0, 2); got != 4.0067230682485314e-02 {
		t.Errorf("At(0, 2) = %.17g", got)
	}
	for i := range 5 {
		_, val := x.Row(i)
		var ss float64
		for _, v := range val {
			ss += v * v
		}
		if math.Abs(ss-1) > 1e-14 {
			t.Errorf("row %d has squared norm %.17g, want 1 (TF-IDF rows are L2-normalized)", i, ss)
		}
	}
}

func TestReadMatrixMarketVariants(t *testing.T) {
	cases := []struct {
		name, in string
		rows     int
		want     map[[2]int]float64
	}{
		{"comments-blank-unsorted-duplicates", "%%MatrixMarket matrix coordinate real general\n% a comment\n\n  \n2 3 4\n2 3 -1.5\n1 1 1e3\n\n2 3 0.5\n1 2 2\n", 2,
			map[[2]int]float64{{0, 0}: 1000, {0, 1}: 2, {1, 2}: -1}},
		{"integer-crlf-case", "%%matrixmarket MATRIX Coordinate INTEGER General\r\n2 2 1\r\n2 1 7\r\n", 2,
			map[[2]int]float64{{1, 0}: 7}},
		{"pattern", "%%MatrixMarket matrix coordinate pattern general\n3 2 2\n3 2\n1 1\n", 3,
			map[[2]int]float64{{0, 0}: 1, {2, 1}: 1}},
		{"symmetric", "%%MatrixMarket matrix coordinate real symmetric\n3 3 3\n1 1 2\n3 1 4\n3 2 5\n", 3,
			map[[2]int]float64{{0, 0}: 2, {2, 0}: 4, {0, 2}: 4, {2, 1}: 5, {1, 2}: 5}},
		{"skew-symmetric", "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 3\n", 2,
			map[[2]int]float64{{1, 0}: 3, {0, 1}: -3}},
		{"empty-rows", "%%MatrixMarket matrix coordinate real general\n4 2 1\n3 2 1\n", 4,
			map[[2]int]float64{{2, 1}: 1}},
		{"no-entries", "%%MatrixMarket matrix coordinate real general\n0 5 0\n", 0, nil},
	}
	for _, tc := range cases {
		x, err := vectorize.ReadMatrixMarket(strings.NewReader(tc.in))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		r, c := x.Dims()
		if r != tc.rows || x.NNZ() != len(tc.want) {
			t.Errorf("%s: %d rows, %d entries; want %d rows, %d entries", tc.name, r, x.NNZ(), tc.rows, len(tc.want))
			continue
		}
		for i := range r {
			for j := range c {
				if got := x.At(i, j); got != tc.want[[2]int{i, j}] {
					t.Errorf("%s: At(%d, %d) = %g, want %g", tc.name, i, j, got, tc.want[[2]int{i, j}])
				}
			}
		}
	}
}

func TestReadMatrixMarketErrors(t *testing.T) {
	const banner = "%%MatrixMarket matrix coordinate real general\n"
	cases := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"empty", "", 1, "empty input"},
		{"no-banner", "3 3 0\n", 1, "banner"},
		{"array", "%%MatrixMarket matrix array real general\n2 2\n", 1, "unsupported object"},
		{"complex", "%%MatrixMarket matrix coordinate complex general\n", 1, "unsupported field"},
		{"hermitian", "%%MatrixMarket matrix coordinate real hermitian\n", 1, "unsupported symmetry"},
		{"no-size", banner + "% only a comment\n", 3, "missing the size line"},
		{"size-fields", banner + "% c\n2 2\n", 3, "size line has 2 fields"},
		{"size-negative", banner + "-2 2 0\n", 2, "bad rows"},
		{"size-huge", banner + "2 4294967296 0\n", 2, "bad cols"},
		{"size-text", banner + "2 2 x\n", 2, "bad entries"},
		{"non-square-symmetric", "%%MatrixMarket matrix coordinate real symmetric\n2 3 0\n", 2, "must be square"},
		{"entries-no-shape", banner + "0 3 1\n", 2, "1 entries declared for a 0×3 matrix"},
		{"short", banner + "2 2 2\n1 1 1\n", 4, "ends after 1 of the 2 entries"},
		{"fields", banner + "2 2 1\n1 1\n", 3, "entry has 2 fields"},
		{"pattern-fields", "%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1 1\n", 3, "entry has 3 fields"},
		{"zero-index", banner + "2 2 1\n0 1 1\n", 3, "bad entry indices"},
		{"index-range", banner + "2 2 2\n1 1 1\n1 3 1\n", 4, "bad entry indices"},
		{"value", banner + "2 2 1\n1 1 one\n", 3, "bad value"},
		{"nan", banner + "2 2 1\n1 1 NaN\n", 3, "bad value"},
		{"inf", banner + "2 2 1\n1 1 -Inf\n", 3, "bad value"},
		{"extra", banner + "2 2 1\n1 1 1\n\n2 2 2\n", 5, "after the 1 declared entries"},
		{"long-line", banner + "1 1 1\n1 1 " + strings.Repeat("1", 1<<20+10) + "\n", 3, "token too long"},
	}
	for _, tc := range cases {
		x, err := vectorize.ReadMatrixMarket(strings.NewReader(tc.in))
		if err == nil {
			t.Errorf("%s: read %v, want an error", tc.name, x)
			continue
		}
		var me *vectorize.MatrixMarketError
		if !errors.As(err, &me) {
			t.Errorf("%s: error %q is not a *MatrixMarketError", tc.name, err)
			continue
		}
		if me.Line != tc.line || !strings.Contains(err.Error(), tc.msg) ||
			!strings.HasPrefix(err.Error(), "vectorize: matrix market: line "+strconv.Itoa(tc.line)+": ") {
			t.Errorf("%s: error %q (line %d), want line %d and %q", tc.name, err, me.Line, tc.line, tc.msg)
		}
	}
}

type mtxFailWriter struct{ n int }

func (w *mtxFailWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteMatrixMarketErrors(t *testing.T) {
	x, _ := sparseRandom(rand.New(rand.NewPCG(2, 2)), 300, 300, 0.3)
	for _, n := range []int{0, 100, 70000} {
		err := vectorize.WriteMatrixMarket(&mtxFailWriter{n: n}, x)
		if err == nil || !strings.HasPrefix(err.Error(), "vectorize: ") || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("writer failing after %d bytes: error %v", n, err)
		}
	}
	if err := vectorize.WriteMatrixMarket(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil matrix: no error")
	}
}

// FuzzReadMatrixMarket checks that the reader never panics and that what it
// accepts survives a write and a second read unchanged.
func FuzzReadMatrixMarket(f *testing.F) {
	f.Add("%%MatrixMarket matrix coordinate real general\n2 3 2\n1 1 0.5\n2 3 -1e-300\n")
	f.Add("%%MatrixMarket matrix coordinate pattern symmetric\n% c\n3 3 2\n2 1\n3 3\n")
	f.Add("%%MatrixMarket matrix coordinate integer skew-symmetric\n2 2 1\n2 1 -4\n")
	f.Add("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n1 1 2\n")
	f.Add("%%MatrixMarket matrix coordinate real general\n0 0 0\n")
	f.Fuzz(func(t *testing.T, in string) {
		if mtxDeclaredRows(in) > 1<<16 {
			t.Skip("skipping a header that declares a huge matrix (memory)")
		}
		x, err := vectorize.ReadMatrixMarket(strings.NewReader(in))
		if err != nil {
			var me *vectorize.MatrixMarketError
			if !errors.As(err, &me) || me.Line < 1 {
				t.Fatalf("error %q is not a *MatrixMarketError with a line", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := vectorize.WriteMatrixMarket(&buf, x); err != nil {
			t.Fatal(err)
		}
		y, err := vectorize.ReadMatrixMarket(&buf)
		if err != nil {
			t.Fatalf("reading back what was written: %v\n%s", err, buf.String())
		}
		if !mtxEqual(x, y) {
			t.Fatal("the matrix read back differs")
		}
	})
}

// mtxDeclaredRows returns the rows of the size line of a Matrix Market
// text, or 0 if it has none.
func mtxDeclaredRows(in string) int {
	lines := strings.Split(in, "\n")
	for _, l := range lines[min(1, len(lines)):] {
		f := strings.Fields(l)
		if len(f) == 0 || strings.HasPrefix(f[0], "%") {
			continue
		}
		n, _ := strconv.Atoi(f[0])
		return n
	}
	return 0
}

func ExampleWriteMatrixMarket() {
	x := vectorize.NewSparse(2, 3, []int{0, 2, 3}, []int32{0, 2, 1}, []float64{0.6, 0.8, 1})
	if err := vectorize.WriteMatrixMarket(os.Stdout, x); err != nil {
		fmt.Println(err)
	}
	// Output:
	// %%MatrixMarket matrix coordinate real general
	// 2 3 3
	// 1 1 0.6
	// 1 3 0.8
	// 2 2 1
}

func ExampleReadMatrixMarket() {
	in := `%%MatrixMarket matrix coordinate real general
% documents × terms
2 3 3
1 1 0.6
1 3 0.8
2 2 1
`
	x, err := vectorize.ReadMatrixMarket(strings.NewReader(in))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, c := x.Dims()
	fmt.Println(r, c, x.NNZ(), x.At(0, 2))

	_, err = vectorize.ReadMatrixMarket(strings.NewReader("%%MatrixMarket matrix coordinate real general\n2 3 1\n3 1 1\n"))
	fmt.Println(err)
	// Output:
	// 2 3 3 0.8
	// vectorize: matrix market: line 3: bad entry indices "3" "1" for a 2×3 matrix (1-based)
}
