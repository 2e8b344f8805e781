package vectorize

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/topics-dev/topics/internal/testutil"

	"gonum.org/v1/gonum/mat"
)

// tfidfTol is the largest difference allowed between a value computed here
// and scikit-learn's.
const tfidfTol = 1e-12

// readSample returns the contents of testdata/sample/*.txt, sorted by name.
func readSample(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob("../testdata/sample/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no sample texts: %v", err)
	}
	slices.Sort(names)
	texts := make([]string, len(names))
	for i, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts[i] = string(b)
	}
	return texts
}

// readJSONLContents returns title + "\n" + text of each line of a gzipped
// JSON Lines file (one of them alone when the other is empty).
func readJSONLContents(t testing.TB, path string) []string {
	t.Helper()
	var texts []string
	dec := json.NewDecoder(bytes.NewReader(testutil.Gunzip(t, path)))
	for dec.More() {
		var d struct{ Title, Text string }
		if err := dec.Decode(&d); err != nil {
			t.Fatal(err)
		}
		switch {
		case d.Title == "":
			texts = append(texts, d.Text)
		case d.Text == "":
			texts = append(texts, d.Title)
		default:
			texts = append(texts, d.Title+"\n"+d.Text)
		}
	}
	return texts
}

func readBBC300(t testing.TB) []string {
	return readJSONLContents(t, "../testdata/bbc300.jsonl.gz")
}

type tfidfCase struct {
	Name    string  `json:"name"`
	Corpus  string  `json:"corpus"`
	Docs    int     `json:"docs"`
	Options Options `json:"options"`
	Error   string  `json:"error"`
	Terms   int     `json:"terms"`
	NNZ     int     `json:"nnz"`
	Files   string  `json:"files"`
}

// readVocabTSV reads term, document frequency and idf per line.
func readVocabTSV(t *testing.T, path string) (terms []string, df []int, idf []float64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("%s:%d: want 3 fields, got %q", path, i+1, line)
		}
		d, err1 := strconv.Atoi(f[1])
		v, err2 := strconv.ParseFloat(f[2], 64)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		terms, df, idf = append(terms, f[0]), append(df, d), append(idf, v)
	}
	return terms, df, idf
}

// readGoldenMatrix reads a gzipped Matrix Market file.
func readGoldenMatrix(t *testing.T, path string) *Sparse {
	t.Helper()
	x, err := ReadMatrixMarket(bytes.NewReader(testutil.Gunzip(t, path)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return x
}

// TestFitTransformGolden compares vocabularies, document frequencies, idf
// and TF-IDF matrices with scikit-learn's TfidfVectorizer on the sample and
// bbc300 corpora, for several option sets.
func TestFitTransformGolden(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(tfidfGoldenDir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []tfidfCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 8 {
		t.Fatalf("only %d golden cases", len(cases))
	}
	corpora := map[string][]string{"sample": readSample(t), "bbc300": readBBC300(t)}
	worst := 0.0
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			texts := corpora[c.Corpus]
			if len(texts) != c.Docs {
				t.Fatalf("%d texts in corpus %q, golden has %d", len(texts), c.Corpus, c.Docs)
			}
			v, x, err := FitTransform(texts, c.Options)
			if c.Error != "" {
				if err == nil {
					t.Fatalf("no error, want one like scikit-learn's %q", c.Error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			terms, df, idf := readVocabTSV(t, filepath.Join(tfidfGoldenDir, c.Files+".vocab.tsv"))
			if got := v.Vocabulary(); !slices.Equal(got, terms) {
				t.Fatalf("vocabulary of %d terms differs from scikit-learn's %d terms (first difference at %d)",
					len(got), len(terms), firstDiff(got, terms))
			}
			if got := v.DocFreq(); !slices.Equal(got, df) {
				t.Errorf("document frequencies differ (first at %d)", firstDiff(got, df))
			}
			gotIDF := v.IDF()
			for j, want := range idf {
				d := math.Abs(gotIDF[j] - want)
				worst = max(worst, d)
				if d > tfidfTol {
					t.Errorf("idf[%d] (%q) = %.17g, want %.17g", j, terms[j], gotIDF[j], want)
				}
			}
			want := readGoldenMatrix(t, filepath.Join(tfidfGoldenDir, c.Files+".mtx.gz"))
			wr, wc := want.Dims()
			if r, cc := x.Dims(); r != wr || cc != wc {
				t.Fatalf("dims %d×%d, want %d×%d", r, cc, wr, wc)
			}
			if x.NNZ() != want.NNZ() {
				t.Errorf("%d non-zeros, want %d", x.NNZ(), want.NNZ())
			}
			bad := 0
			for i := range wr {
				gi, gv := x.Row(i)
				wi, wv := want.Row(i)
				if !slices.Equal(gi, wi) {
					t.Errorf("row %d: columns %v, want %v", i, gi, wi)
					continue
				}
				for k, w := range wv {
					d := math.Abs(gv[k] - w)
					worst = max(worst, d)
					if d > tfidfTol {
						if bad++; bad <= 10 {
							t.Errorf("x[%d,%d] (%q) = %.17g, want %.17g", i, gi[k], terms[gi[k]], gv[k], w)
						}
					}
				}
			}
		})
	}
	t.Logf("largest difference from scikit-learn: %.3g", worst)
}

func firstDiff[T comparable](a, b []T) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func sparseEqual(a, b *Sparse) bool {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	if ar != br || ac != bc {
		return false
	}
	for i := range ar {
		ai, av := a.Row(i)
		bi, bv := b.Row(i)
		if !slices.Equal(ai, bi) || !slices.Equal(av, bv) {
			return false
		}
	}
	return true
}

// TestTransformBatchEqualsSingle checks that a text's row does not depend on
// the other texts transformed with it, and that FitTransform equals Fit then
// Transform, bit for bit.
func TestTransformBatchEqualsSingle(t *testing.T) {
	t.Parallel()
	texts := readBBC300(t)
	for _, opt := range []Options{{}, {StopWords: "english", Sublinear: true, NGramMax: 2, MinDF: 2}} {
		v, x, err := FitTransform(texts[:200], opt)
		if err != nil {
			t.Fatal(err)
		}
		v2, err := Fit(texts[:200], opt)
		if err != nil {
			t.Fatal(err)
		}
		if !sparseEqual(x, v2.Transform(texts[:200])) {
			t.Errorf("%+v: FitTransform differs from Fit + Transform", opt)
		}
		batch := v.Transform(texts) // includes 100 texts not fitted on
		for i, text := range texts {
			one := v.Transform([]string{text})
			bi, bv := batch.Row(i)
			oi, ov := one.Row(0)
			if !slices.Equal(bi, oi) || !slices.Equal(bv, ov) {
				t.Fatalf("%+v: row %d differs between batch and single transform", opt, i)
			}
		}
	}
}

// TestDeterministicAcrossGOMAXPROCS checks that results are the same bytes
// whatever the number of workers.
func TestDeterministicAcrossGOMAXPROCS(t *testing.T) {
	texts := readBBC300(t)
	opt := Options{NGramMax: 2, MinDF: 2}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(1)
	v1, x1, err := FitTransform(texts, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, procs := range []int{2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		v, x, err := FitTransform(texts, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(v.Vocabulary(), v1.Vocabulary()) || !slices.Equal(v.IDF(), v1.IDF()) || !sparseEqual(x, x1) {
			t.Errorf("GOMAXPROCS=%d gives a different result from GOMAXPROCS=1", procs)
		}
	}
}

// TestDocumentFrequencyLimits checks MinDF, MaxDF and MaxFeatures on a corpus
// small enough to work out by hand: df(apple) = 4, df(banana) = 2, cherry,
// date and elder 1; total counts apple 5, banana 3, cherry 2, others 1.
func TestDocumentFrequencyLimits(t *testing.T) {
	texts := []string{
		"apple banana cherry cherry",
		"apple banana banana",
		"apple date",
		"apple apple elder",
	}
	tests := []struct {
		name    string
		opt     Options
		want    []string
		wantErr error
	}{
		{"defaults", Options{}, []string{"apple", "banana", "cherry", "date", "elder"}, nil},
		{"MinDF count", Options{MinDF: 2}, []string{"apple", "banana"}, nil},
		{"MinDF fraction exact", Options{MinDF: 0.5}, []string{"apple", "banana"}, nil},
		{"MinDF fraction not rounded", Options{MinDF: 0.6}, []string{"apple"}, nil},
		{"MinDF 1 is a count", Options{MinDF: 1}, []string{"apple", "banana", "cherry", "date", "elder"}, nil},
		{"MaxDF fraction", Options{MaxDF: 0.5}, []string{"banana", "cherry", "date", "elder"}, nil},
		{"MaxDF count", Options{MaxDF: 2}, []string{"banana", "cherry", "date", "elder"}, nil},
		{"MaxDF 1 is all documents", Options{MaxDF: 1}, []string{"apple", "banana", "cherry", "date", "elder"}, nil},
		{"MaxDF fraction below MinDF", Options{MaxDF: 0.2}, nil, ErrOptions},
		{"MaxDF fraction of one document", Options{MaxDF: 0.25}, []string{"cherry", "date", "elder"}, nil},
		{"MaxFeatures by total count", Options{MaxFeatures: 2}, []string{"apple", "banana"}, nil},
		{"MaxFeatures ties by term", Options{MaxFeatures: 4}, []string{"apple", "banana", "cherry", "date"}, nil},
		{"MaxFeatures after MaxDF", Options{MaxDF: 0.5, MaxFeatures: 2}, []string{"banana", "cherry"}, nil},
		{"MaxFeatures above vocabulary", Options{MaxFeatures: 100}, []string{"apple", "banana", "cherry", "date", "elder"}, nil},
		{"MaxDF below MinDF", Options{MinDF: 2, MaxDF: 0.25}, nil, ErrOptions},
		{"MinDF above documents", Options{MinDF: 5}, nil, ErrOptions},
		{"nothing between the limits", Options{MinDF: 3, MaxDF: 3}, nil, ErrNoTerms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Fit(texts, tt.opt)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.HasPrefix(err.Error(), "vectorize: ") {
					t.Fatalf("err = %v, want one wrapping %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Vocabulary(); !slices.Equal(got, tt.want) {
				t.Errorf("vocabulary %q, want %q", got, tt.want)
			}
		})
	}
}

// TestInvalidOptions checks that bad options are errors wrapping ErrOptions.
func TestInvalidOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"unknown stop words", Options{StopWords: "french"}},
		{"stop words are case sensitive", Options{StopWords: "English"}},
		{"negative MinDF", Options{MinDF: -1}},
		{"NaN MinDF", Options{MinDF: math.NaN()}},
		{"fractional MinDF count", Options{MinDF: 2.5}},
		{"negative MaxDF", Options{MaxDF: -0.5}},
		{"fractional MaxDF count", Options{MaxDF: 1.5}},
		{"infinite MaxDF", Options{MaxDF: math.Inf(1)}},
		{"negative MaxFeatures", Options{MaxFeatures: -1}},
		{"negative n-gram", Options{NGramMin: -1}},
		{"n-gram range reversed", Options{NGramMin: 3, NGramMax: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Fit([]string{"some text here"}, tt.opt)
			if !errors.Is(err, ErrOptions) || !strings.HasPrefix(err.Error(), "vectorize: ") {
				t.Errorf("err = %v, want one wrapping ErrOptions", err)
			}
		})
	}
}

// TestNoTerms checks the errors for corpora without any term.
func TestNoTerms(t *testing.T) {
	for _, texts := range [][]string{nil, {}, {"", "a b c", "!!!"}, {"the and of"}} {
		_, err := Fit(texts, Options{StopWords: "english"})
		if !errors.Is(err, ErrNoTerms) {
			t.Errorf("Fit(%q): err = %v, want one wrapping ErrNoTerms", texts, err)
		}
	}
}

// TestEmptyRows checks that texts without vocabulary terms give all-zero
// rows (never NaN) and are reported by EmptyRows.
func TestEmptyRows(t *testing.T) {
	texts := []string{"the cat sat", "the and of", "", "cat cat dog"}
	v, x, err := FitTransform(texts, Options{StopWords: "english"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := EmptyRows(x), []int{1, 2}; !slices.Equal(got, want) {
		t.Errorf("EmptyRows = %v, want %v", got, want)
	}
	y := v.Transform([]string{"unknown words only", "dog"})
	if got, want := EmptyRows(y), []int{0}; !slices.Equal(got, want) {
		t.Errorf("EmptyRows of new texts = %v, want %v", got, want)
	}
	for _, m := range []*Sparse{x, y} {
		r, c := m.Dims()
		for i := range r {
			norm := 0.0
			for j := range c {
				a := m.At(i, j)
				if math.IsNaN(a) {
					t.Fatalf("NaN at %d,%d", i, j)
				}
				norm += a * a
			}
			if m.RowNNZ(i) > 0 && math.Abs(norm-1) > 1e-12 {
				t.Errorf("row %d has squared norm %v", i, norm)
			}
		}
	}
	if z := v.Transform(nil); z.NNZ() != 0 {
		t.Errorf("Transform(nil) has %d entries", z.NNZ())
	} else if r, c := z.Dims(); r != 0 || c != v.NumTerms() {
		t.Errorf("Transform(nil) is %d×%d", r, c)
	}
}

// TestAccessors checks Index, Term, NumDocs, Options and that the returned
// slices are copies.
func TestAccessors(t *testing.T) {
	opt := Options{MinDF: 1, Sublinear: true}
	v, err := Fit([]string{"beta alpha", "alpha gamma alpha"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(v.Options(), opt) || v.NumDocs() != 2 || v.NumTerms() != 3 {
		t.Errorf("Options %+v, NumDocs %d, NumTerms %d", v.Options(), v.NumDocs(), v.NumTerms())
	}
	for j, term := range []string{"alpha", "beta", "gamma"} {
		if got := v.Term(j); got != term {
			t.Errorf("Term(%d) = %q, want %q", j, got, term)
		}
		if got, ok := v.Index(term); !ok || got != j {
			t.Errorf("Index(%q) = %d, %v, want %d, true", term, got, ok, j)
		}
	}
	if _, ok := v.Index("delta"); ok {
		t.Error("Index of an unknown term reports it present")
	}
	if got, want := v.DocFreq(), []int{2, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("DocFreq = %v, want %v", got, want)
	}
	// idf = ln(3/3)+1 = 1 for alpha, ln(3/2)+1 for the others.
	if got, want := v.IDF(), []float64{1, math.Log(1.5) + 1, math.Log(1.5) + 1}; !slices.Equal(got, want) {
		t.Errorf("IDF = %v, want %v", got, want)
	}
	v.Vocabulary()[0] = "changed"
	v.IDF()[0] = 42
	v.DocFreq()[0] = 42
	if v.Term(0) != "alpha" || v.IDF()[0] != 1 || v.DocFreq()[0] != 2 {
		t.Error("modifying a returned slice changed the Vectorizer")
	}
}

// TestZeroVectorizer checks that the zero Vectorizer is usable and empty.
func TestZeroVectorizer(t *testing.T) {
	var v Vectorizer
	if got := v.Analyze("some words here"); len(got) != 0 {
		t.Errorf("Analyze = %q, want none", got)
	}
	x := v.Transform([]string{"some words", ""})
	if r, c := x.Dims(); r != 2 || c != 0 || x.NNZ() != 0 {
		t.Errorf("Transform gives %d×%d with %d entries, want 2×0 and none", r, c, x.NNZ())
	}
	if _, ok := v.Index("some"); ok || v.NumTerms() != 0 || v.NumDocs() != 0 {
		t.Error("zero Vectorizer is not empty")
	}
}

func BenchmarkFitTransform(b *testing.B) {
	for _, n := range []int{100, 1000} {
		texts, size := benchTexts(b, n)
		for _, c := range []struct {
			name string
			opt  Options
		}{
			{"default", Options{}},
			{"stop-min2-max05", Options{StopWords: "english", MinDF: 2, MaxDF: 0.5}},
			{"bigram-min2", Options{NGramMax: 2, MinDF: 2}},
		} {
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				for b.Loop() {
					if _, _, err := FitTransform(texts, c.opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// parted is a Texts whose documents are split into parts at every "\n".
type parted []string

func (p parted) Len() int { return len(p) }
func (p parted) AppendParts(dst []string, i int) []string {
	return append(dst, strings.Split(p[i], "\n")...)
}

// Documents given in parts analyze as the parts joined by newlines: the
// same vocabulary and matrix, n-grams across part boundaries included.
func TestTextsParts(t *testing.T) {
	texts := []string{
		"Safe havens\nin North Waziristan",
		"Supply routes\n\nreopened Σ\nΣα supply routes",
		"",
		"\nsafe\nhavens\n",
	}
	opt := Options{NGramMin: 1, NGramMax: 2}
	v1, x1, err := FitTransform(texts, opt)
	if err != nil {
		t.Fatal(err)
	}
	v2, x2, err := FitTransformTexts(parted(texts), opt)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(v1.Vocabulary(), v2.Vocabulary()) {
		t.Fatalf("vocabularies differ:\n%q\n%q", v1.Vocabulary(), v2.Vocabulary())
	}
	if _, ok := v2.Index("havens in"); !ok {
		t.Errorf("no bigram across the part boundary in %q", v2.Vocabulary())
	}
	if !mat.Equal(x1, x2) {
		t.Errorf("matrices differ")
	}
	if x3 := v1.TransformTexts(parted(texts)); !mat.Equal(x1, x3) {
		t.Errorf("TransformTexts of the parts differs from Transform")
	}
}
