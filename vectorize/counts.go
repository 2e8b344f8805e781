package vectorize

import (
	"fmt"
	"strings"
)

// TermCounts are what a vocabulary is chosen from: the number of documents
// counted and, for every term they contain (before any pruning), the number
// of documents that contain it and its total number of occurrences. Terms
// are in strictly increasing byte order; DF and Total are aligned with them.
//
// Counts of disjoint sets of documents add up, term by term, to the counts
// of their union, so they can be computed apart (on several machines, say)
// and summed; FitCounts then chooses the same vocabulary that Fit chooses
// from all the documents at once.
type TermCounts struct {
	// Docs is the number of documents counted.
	Docs int
	// Terms are the distinct terms, sorted.
	Terms []string
	// DF holds, per term, the number of documents that contain it.
	DF []int
	// Total holds, per term, its number of occurrences in all documents.
	Total []int64
}

// Add returns the counts of the documents counted by c and by o together
// (disjoint sets of documents, counted with the same options): the sorted
// union of their terms, with document frequencies and totals added.
func (c TermCounts) Add(o TermCounts) TermCounts {
	n := len(c.Terms) + len(o.Terms)
	out := TermCounts{Docs: c.Docs + o.Docs, Terms: make([]string, 0, n), DF: make([]int, 0, n), Total: make([]int64, 0, n)}
	i, j := 0, 0
	for i < len(c.Terms) || j < len(o.Terms) {
		switch {
		case j == len(o.Terms) || i < len(c.Terms) && c.Terms[i] < o.Terms[j]:
			out.Terms, out.DF, out.Total = append(out.Terms, c.Terms[i]), append(out.DF, c.DF[i]), append(out.Total, c.Total[i])
			i++
		case i == len(c.Terms) || o.Terms[j] < c.Terms[i]:
			out.Terms, out.DF, out.Total = append(out.Terms, o.Terms[j]), append(out.DF, o.DF[j]), append(out.Total, o.Total[j])
			j++
		default:
			out.Terms, out.DF, out.Total = append(out.Terms, c.Terms[i]), append(out.DF, c.DF[i]+o.DF[j]), append(out.Total, c.Total[i]+o.Total[j])
			i++
			j++
		}
	}
	return out
}

// CountTerms analyzes the documents of src as Fit does with opt and counts
// their terms. It returns an error wrapping ErrOptions for invalid options;
// documents without terms are counted (Docs) and contribute no term.
func CountTerms(src Texts, opt Options) (TermCounts, error) {
	set, err := opt.resolve()
	if err != nil {
		return TermCounts{}, err
	}
	_, _, c := count(src, &set, false)
	return c, nil
}

// FitCounts returns the Vectorizer that Fit(texts, opt) returns when c are
// the counts of texts (CountTerms(texts, opt), or the sum of the counts of
// parts of them): the same vocabulary, document frequencies and IDF, bit for
// bit, pruned by MinDF, MaxDF and MaxFeatures exactly as Fit prunes. It
// returns the errors Fit returns for the same texts, and an error if c is
// malformed (terms unsorted or repeated, lengths that disagree, a document
// frequency outside [1, Docs] or a total below it). c is not modified or
// retained.
func FitCounts(c TermCounts, opt Options) (*Vectorizer, error) {
	set, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	kept, err := set.prune(c)
	if err != nil {
		return nil, err
	}
	v, _ := newFitted(opt, set, c, kept)
	return v, nil
}

// check reports whether c is well formed.
func (c TermCounts) check() error {
	if len(c.DF) != len(c.Terms) || len(c.Total) != len(c.Terms) {
		return fmt.Errorf("vectorize: term counts: %d terms, %d document frequencies, %d totals", len(c.Terms), len(c.DF), len(c.Total))
	}
	if c.Docs < 0 {
		return fmt.Errorf("vectorize: term counts: %d documents", c.Docs)
	}
	for j, t := range c.Terms {
		if j > 0 && strings.Compare(t, c.Terms[j-1]) <= 0 {
			return fmt.Errorf("vectorize: term counts: term %d %q does not sort after %q", j, t, c.Terms[j-1])
		}
		if c.DF[j] < 1 || c.DF[j] > c.Docs || c.Total[j] < int64(c.DF[j]) {
			return fmt.Errorf("vectorize: term counts: term %q has document frequency %d and total %d in %d documents", t, c.DF[j], c.Total[j], c.Docs)
		}
	}
	return nil
}
