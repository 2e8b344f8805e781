package vectorize

import (
	"fmt"
	"math"
)

// Restore returns a Vectorizer made of saved parts, typically read back from
// a model file: the options it was fitted with, its vocabulary (terms in
// strictly increasing byte order, as Vocabulary returns them), each term's
// document frequency (as DocFreq returns them) and the number of documents
// it was fitted on (NumDocs). The IDF is recomputed from them with the
// formula Fit uses, so it equals the fitted Vectorizer's bit for bit, and
// Transform gives the same rows. The slices are copied.
//
// Restore returns an error wrapping ErrOptions for invalid options, and an
// error for a vocabulary that is empty, unsorted or repeats a term, or a
// document frequency outside [1, docs].
func Restore(opt Options, terms []string, df []int, docs int) (*Vectorizer, error) {
	set, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("vectorize: Restore: %w: empty vocabulary", ErrNoTerms)
	}
	if len(df) != len(terms) {
		return nil, fmt.Errorf("vectorize: Restore: %d document frequencies for %d terms", len(df), len(terms))
	}
	if docs < 1 {
		return nil, fmt.Errorf("vectorize: Restore: %d documents: want at least 1", docs)
	}
	v := &Vectorizer{
		opt:   opt,
		set:   set,
		docs:  docs,
		terms: make([]string, len(terms)),
		df:    make([]int, len(terms)),
		idf:   make([]float64, len(terms)),
	}
	for j, t := range terms {
		if j > 0 && t <= terms[j-1] {
			return nil, fmt.Errorf("vectorize: Restore: term %d %q does not sort after %q", j, t, terms[j-1])
		}
		if df[j] < 1 || df[j] > docs {
			return nil, fmt.Errorf("vectorize: Restore: term %q has document frequency %d, outside [1, %d]", t, df[j], docs)
		}
		v.terms[j] = t
		v.df[j] = df[j]
		v.idf[j] = math.Log(float64(docs+1)/float64(df[j]+1)) + 1
	}
	return v, nil
}
