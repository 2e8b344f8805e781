package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// Vocabulary returns the vocabulary of the corpus (the input files of
// Inputs) as a PCollection holding one Vocab: the vectorizer that
// topics.Fit fits on all the documents with vec, bit for bit (options,
// terms, document frequencies and IDF), including its fallback when the
// document-frequency limits leave no term: then every term is kept, with a
// warning.
//
// Each file's terms are counted block by block with vectorize.CountTerms
// and added up per file; the counts are summed per term by a combine,
// gathered into one list, and pruned by vectorize.FitCounts on one worker.
func Vocabulary(s beam.Scope, inputs beam.PCollection, read ReadOptions, vec vectorize.Options) beam.PCollection {
	s = s.Scope("topics.Vocabulary")
	perFile, sizes := beam.ParDo2(s, &countFileFn{Reader: newCorpusReader(read), Opt: vec}, inputs)
	perTerm := beam.CombinePerKey(s, &sumTermStatFn{}, perFile)
	table := beam.Combine(s, &gatherTermsFn{}, beam.ParDo(s, toTermCount, perTerm))
	n := stats.Sum(s, sizes)
	return beam.ParDo(s, &chooseVocabFn{Opt: vec}, table, beam.SideInput{Input: n})
}

// countFileFn emits (term, its counts in the file) for every term of an
// input file, and the number of documents of the file.
type countFileFn struct {
	Reader corpusReader
	Opt    vectorize.Options
}

func (f *countFileFn) ProcessElement(ctx context.Context, path string, emit func(string, termStat), size func(int)) error {
	counts := map[string]termStat{}
	docs := 0
	err := f.Reader.walk(ctx, path, func(b DocBlock) error {
		c, err := vectorize.CountTerms(corpus.Contents(b.Docs), f.Opt)
		if err != nil {
			return err
		}
		for j, t := range c.Terms {
			st := counts[t]
			counts[t] = termStat{DF: st.DF + int64(c.DF[j]), Total: st.Total + c.Total[j]}
		}
		docs += len(b.Docs)
		return nil
	})
	if err != nil {
		return err
	}
	terms := make([]string, 0, len(counts))
	for t := range counts {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	for _, t := range terms {
		emit(t, counts[t])
	}
	size(docs)
	return nil
}

// sumTermStatFn adds the counts of one term.
type sumTermStatFn struct{}

func (sumTermStatFn) MergeAccumulators(a, b termStat) termStat {
	return termStat{DF: a.DF + b.DF, Total: a.Total + b.Total}
}

// termCount is a term with its counts in the whole corpus.
type termCount struct {
	Term string
	termStat
}

func toTermCount(term string, s termStat) termCount { return termCount{term, s} }

// termTable gathers termCounts, in no order until sorted.
type termTable struct {
	Terms []string
	DF    []int
	Total []int64
}

// gatherTermsFn collects every term into one table, sorted by term.
type gatherTermsFn struct{}

func (gatherTermsFn) AddInput(t termTable, c termCount) termTable {
	t.Terms = append(t.Terms, c.Term)
	t.DF = append(t.DF, int(c.DF))
	t.Total = append(t.Total, c.Total)
	return t
}

func (gatherTermsFn) MergeAccumulators(a, b termTable) termTable {
	a.Terms = append(a.Terms, b.Terms...)
	a.DF = append(a.DF, b.DF...)
	a.Total = append(a.Total, b.Total...)
	return a
}

func (gatherTermsFn) ExtractOutput(t termTable) termTable {
	order := make([]int, len(t.Terms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(t.Terms[a], t.Terms[b]) })
	out := termTable{Terms: make([]string, len(order)), DF: make([]int, len(order)), Total: make([]int64, len(order))}
	for k, i := range order {
		out.Terms[k], out.DF[k], out.Total[k] = t.Terms[i], t.DF[i], t.Total[i]
	}
	return out
}

// chooseVocabFn prunes the table as vectorize.Fit does; when the
// document-frequency limits leave no term it keeps every term, as
// topics.Fit does.
type chooseVocabFn struct {
	Opt vectorize.Options
}

func (f *chooseVocabFn) ProcessElement(t termTable, docs int, emit func(Vocab)) error {
	counts := vectorize.TermCounts{Docs: docs, Terms: t.Terms, DF: t.DF, Total: t.Total}
	v, err := vectorize.FitCounts(counts, f.Opt)
	var warnings []string
	if errors.Is(err, vectorize.ErrDocFreq) {
		relaxed := f.Opt
		relaxed.MinDF, relaxed.MaxDF = 1, 1.0
		v, err = vectorize.FitCounts(counts, relaxed)
		warnings = append(warnings, fmt.Sprintf("the document-frequency limits (min-df %g, max-df %g) leave no term in %s: every term is kept",
			f.Opt.MinDF, f.Opt.MaxDF, countDocs(docs)))
	}
	if err != nil {
		return fmt.Errorf("topics-beam: vocabulary: %w", err)
	}
	bin, err := v.MarshalBinary()
	if err != nil {
		return err
	}
	emit(Vocab{Docs: v.NumDocs(), Terms: v.NumTerms(), Vectorizer: bin, Warnings: warnings})
	return nil
}

// countDocs says "1 document" or "n documents".
func countDocs(n int) string {
	if n == 1 {
		return "1 document"
	}
	return fmt.Sprintf("%d documents", n)
}

func encodeTermCount(c termCount) []byte {
	var w wbuf
	w.str(c.Term)
	w.int(int(c.DF))
	w.int(int(c.Total))
	return w.b
}

func decodeTermCount(data []byte) (termCount, error) {
	r := rbuf{b: data}
	c := termCount{Term: r.str(), termStat: termStat{DF: int64(r.int()), Total: int64(r.int())}}
	return c, r.done("a term count")
}

func encodeTermTable(t termTable) []byte {
	var w wbuf
	w.strs(t.Terms)
	w.ints(t.DF)
	w.int64s(t.Total)
	return w.b
}

func decodeTermTable(data []byte) (termTable, error) {
	r := rbuf{b: data}
	t := termTable{Terms: r.strs(), DF: r.ints(), Total: r.int64s()}
	if err := r.done("the term table"); err != nil {
		return termTable{}, err
	}
	if len(t.DF) != len(t.Terms) || len(t.Total) != len(t.Terms) {
		return termTable{}, errBadShape("the term table")
	}
	return t, nil
}
