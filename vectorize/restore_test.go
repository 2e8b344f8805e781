package vectorize

import (
	"errors"
	"slices"
	"testing"
)

func TestRestoreEqualsFitted(t *testing.T) {
	texts := readSample(t)
	for _, opt := range []Options{
		{},
		{StopWords: "english", Sublinear: true, MinDF: 2},
		{Stem: true, NGramMax: 2, MaxDF: 0.8},
	} {
		fitted, x, err := FitTransform(texts, opt)
		if err != nil {
			t.Fatal(err)
		}
		v, err := Restore(fitted.Options(), fitted.Vocabulary(), fitted.DocFreq(), fitted.NumDocs())
		if err != nil {
			t.Fatalf("%+v: %v", opt, err)
		}
		if !slices.Equal(v.IDF(), fitted.IDF()) {
			t.Errorf("%+v: restored IDF differs from the fitted one", opt)
		}
		y := v.Transform(texts)
		for i := range texts {
			ai, av := x.Row(i)
			bi, bv := y.Row(i)
			if !slices.Equal(ai, bi) || !slices.Equal(av, bv) {
				t.Errorf("%+v: row %d differs after Restore", opt, i)
			}
		}
	}
}

func TestRestoreErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opt   Options
		terms []string
		df    []int
		docs  int
		is    error
	}{
		{name: "bad options", opt: Options{StopWords: "klingon"}, terms: []string{"a"}, df: []int{1}, docs: 1},
		{name: "negative ngram", opt: Options{NGramMin: -1}, terms: []string{"a"}, df: []int{1}, docs: 1, is: ErrOptions},
		{name: "empty", docs: 1, is: ErrNoTerms},
		{name: "df length", terms: []string{"a", "b"}, df: []int{1}, docs: 1},
		{name: "no docs", terms: []string{"a"}, df: []int{1}, docs: 0},
		{name: "unsorted", terms: []string{"b", "a"}, df: []int{1, 1}, docs: 1},
		{name: "repeated", terms: []string{"a", "a"}, df: []int{1, 1}, docs: 1},
		{name: "df zero", terms: []string{"a"}, df: []int{0}, docs: 1},
		{name: "df above docs", terms: []string{"a"}, df: []int{3}, docs: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Restore(tc.opt, tc.terms, tc.df, tc.docs)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v does not wrap %v", err, tc.is)
			}
		})
	}
}
