package vectorize

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestFitCountsEqualsFit checks that counting a corpus in three parts,
// adding the counts and choosing the vocabulary with FitCounts gives Fit's
// vectorizer bit for bit (vocabulary, document frequencies, IDF), or the
// same error, for option sets that exercise every pruning rule.
func TestFitCountsEqualsFit(t *testing.T) {
	t.Parallel()
	texts := readBBC300(t)
	cases := []struct {
		name string
		opt  Options
	}{
		{"defaults", Options{}},
		{"cli", Options{StopWords: "english", MinDF: 2, MaxDF: 0.5, Sublinear: true}},
		{"fractions", Options{MinDF: 0.01, MaxDF: 0.3}},
		{"counts", Options{MinDF: 3, MaxDF: 40}},
		{"max features", Options{StopWords: "english", MinDF: 2, MaxFeatures: 500}},
		{"bigrams stems", Options{NGramMin: 1, NGramMax: 2, Stem: true, MinDF: 2}},
		{"keep case", Options{KeepCase: true, MaxDF: 0.9}},
		{"nothing left", Options{MinDF: 301}},
		{"contradictory", Options{MinDF: 50, MaxDF: 10}},
	}
	parts := [][]string{texts[:97], texts[97:201], texts[201:]}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, wantErr := Fit(texts, c.opt)
			var sum TermCounts
			for _, p := range parts {
				pc, err := CountTerms(Strings(p), c.opt)
				if err != nil {
					t.Fatal(err)
				}
				sum = sum.Add(pc)
			}
			got, err := FitCounts(sum, c.opt)
			if wantErr != nil {
				if err == nil || err.Error() != wantErr.Error() {
					t.Fatalf("FitCounts error %v, want Fit's %v", err, wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Vocabulary(), want.Vocabulary()) {
				t.Fatalf("vocabulary of %d terms, Fit has %d", got.NumTerms(), want.NumTerms())
			}
			if !slices.Equal(got.DocFreq(), want.DocFreq()) || got.NumDocs() != want.NumDocs() {
				t.Fatal("document frequencies or document count differ from Fit's")
			}
			gotIDF := got.IDF() // a copy per call
			for j, w := range want.IDF() {
				if g := gotIDF[j]; math.Float64bits(g) != math.Float64bits(w) {
					t.Fatalf("idf[%d] = %v, Fit has %v", j, g, w)
				}
			}
			if !reflect.DeepEqual(got.Options(), c.opt) {
				t.Errorf("Options() = %+v, want %+v", got.Options(), c.opt)
			}
		})
	}
}

// TestCountTerms checks the counts of a small corpus by hand.
func TestCountTerms(t *testing.T) {
	c, err := CountTerms(Strings{"b a b", "", "a c"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Single letters are not tokens: only "aa"-like words count, so use
	// two-letter words.
	if c.Docs != 3 || len(c.Terms) != 0 {
		t.Fatalf("one-letter words: %+v, want 3 documents and no terms", c)
	}
	c, err = CountTerms(Strings{"bb aa bb", "", "aa cc"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := TermCounts{Docs: 3, Terms: []string{"aa", "bb", "cc"}, DF: []int{2, 1, 1}, Total: []int64{2, 2, 1}}
	if c.Docs != want.Docs || !slices.Equal(c.Terms, want.Terms) || !slices.Equal(c.DF, want.DF) || !slices.Equal(c.Total, want.Total) {
		t.Fatalf("CountTerms = %+v, want %+v", c, want)
	}
	if _, err := CountTerms(Strings{"x"}, Options{StopWords: "klingon"}); err == nil {
		t.Error("unknown stop words: no error")
	}
}

// TestFitCountsMalformed checks that FitCounts rejects counts no corpus can
// have.
func TestFitCountsMalformed(t *testing.T) {
	good := TermCounts{Docs: 2, Terms: []string{"aa", "bb"}, DF: []int{1, 2}, Total: []int64{1, 3}}
	if _, err := FitCounts(good, Options{}); err != nil {
		t.Fatalf("well-formed counts: %v", err)
	}
	bad := map[string]TermCounts{
		"unsorted":   {Docs: 2, Terms: []string{"bb", "aa"}, DF: []int{1, 1}, Total: []int64{1, 1}},
		"repeated":   {Docs: 2, Terms: []string{"aa", "aa"}, DF: []int{1, 1}, Total: []int64{1, 1}},
		"lengths":    {Docs: 2, Terms: []string{"aa", "bb"}, DF: []int{1}, Total: []int64{1, 1}},
		"df zero":    {Docs: 2, Terms: []string{"aa"}, DF: []int{0}, Total: []int64{1}},
		"df > docs":  {Docs: 2, Terms: []string{"aa"}, DF: []int{3}, Total: []int64{3}},
		"total < df": {Docs: 2, Terms: []string{"aa"}, DF: []int{2}, Total: []int64{1}},
	}
	for name, c := range bad {
		if _, err := FitCounts(c, Options{}); err == nil || !strings.HasPrefix(err.Error(), "vectorize: term counts") {
			t.Errorf("%s: error %v, want a term counts error", name, err)
		}
	}
	if _, err := FitCounts(TermCounts{Docs: 1}, Options{}); !errors.Is(err, ErrNoTerms) {
		t.Errorf("no terms: error %v, want ErrNoTerms", err)
	}
}

// TestTermCountsAdd checks that the counts of parts of a corpus, added in
// any grouping and with empty counts, are the counts of the whole corpus
// (what a distributed combine relies on).
func TestTermCountsAdd(t *testing.T) {
	t.Parallel()
	texts := readBBC300(t)
	opt := Options{StopWords: StopWordsEnglish, NGramMin: 1, NGramMax: 2}
	count := func(part []string) TermCounts {
		c, err := CountTerms(Strings(part), opt)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	want := count(texts)
	a, b, c := count(texts[:7]), count(texts[7:150]), count(texts[150:])
	for name, got := range map[string]TermCounts{
		"(a+b)+c":   a.Add(b).Add(c),
		"a+(c+b)":   a.Add(c.Add(b)),
		"0+(a+b+c)": TermCounts{}.Add(a.Add(b).Add(c)),
		"(c+a)+b+0": c.Add(a).Add(b).Add(TermCounts{}),
	} {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d documents, %d terms; want %d documents, %d terms", name, got.Docs, len(got.Terms), want.Docs, len(want.Terms))
		}
	}
}

// A ShingleCounter fed every document once, from several goroutines, must
// give the shingles of AppendShinglesParts and the counts of CountTerms,
// whether the terms come from the shingles' tokens or from a second
// analysis (letter case kept, a text that StripMail changes).
func TestShingleCounterEqualsCountTerms(t *testing.T) {
	t.Parallel()
	texts := readBBC300(t)[:120]
	for i := 0; i < len(texts); i += 7 { // e-mail structure in some texts
		texts[i] = "From: a@b.org\nSubject: x\n\n" + texts[i] + "\n> quoted reply line\n-- \nA. Signature"
	}
	docs := make([][]string, len(texts)) // title and body
	for i, text := range texts {
		title, body, _ := strings.Cut(text, "\n")
		docs[i] = []string{title, body}
	}
	for name, opt := range map[string]Options{
		"plain":    {},
		"english":  {StopWords: StopWordsEnglish, MinDF: 2, MaxDF: 0.5},
		"stem-ngr": {StopWords: StopWordsEnglish, Stem: true, NGramMin: 1, NGramMax: 3, ExtraStopWords: []string{"said", "mr"}},
		"mail":     {StopWords: StopWordsEnglish, StripMail: true},
		"keepcase": {KeepCase: true, StopWords: StopWordsEnglish, StripMail: true},
	} {
		c, err := NewShingleCounter(opt, 4)
		if err != nil {
			t.Fatal(err)
		}
		got := make([][]uint64, len(docs))
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for i := g; i < len(docs); i += 4 {
					c.AppendShingles(nil, docs[i], false) // not counted
					got[i] = c.AppendShingles(nil, docs[i], true)
				}
			})
		}
		wg.Wait()
		for i, parts := range docs {
			if want := AppendShinglesParts(nil, parts, 4); !slices.Equal(got[i], want) {
				t.Fatalf("%s: document %d: shingles differ from AppendShinglesParts", name, i)
			}
		}
		want, err := CountTerms(joined(docs), opt)
		if err != nil {
			t.Fatal(err)
		}
		if counts := c.Counts(); !reflect.DeepEqual(counts, want) {
			t.Errorf("%s: %d documents, %d terms; CountTerms: %d documents, %d terms", name, counts.Docs, len(counts.Terms), want.Docs, len(want.Terms))
		}
	}
}

// joined is the Texts of documents given as parts.
type joined [][]string

func (j joined) Len() int { return len(j) }

func (j joined) AppendParts(dst []string, i int) []string { return append(dst, j[i]...) }
