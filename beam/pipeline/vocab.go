package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

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
// and added up into one vectorize.TermCounts per file; a combine adds the
// files' counts up (sorted lists merged term by term), and
// vectorize.FitCounts prunes the sum on one worker. One element per file
// crosses the runner, not one per term.
func Vocabulary(s beam.Scope, inputs beam.PCollection, read ReadOptions, vec vectorize.Options) beam.PCollection {
	s = s.Scope("topics.Vocabulary")
	perFile := beam.ParDo(s, &countFileFn{Reader: newCorpusReader(read), Opt: vec}, inputs)
	return beam.ParDo(s, &chooseVocabFn{Opt: vec}, beam.Combine(s, &sumCountsFn{}, perFile))
}

// countFileFn counts the terms of an input file.
type countFileFn struct {
	Reader corpusReader
	Opt    vectorize.Options
}

func (f *countFileFn) ProcessElement(ctx context.Context, path string, emit func(vectorize.TermCounts)) error {
	var sum vectorize.TermCounts
	err := f.Reader.walk(ctx, path, func(b DocBlock) error {
		c, err := vectorize.CountTerms(corpus.Contents(b.Docs), f.Opt)
		if err != nil {
			return err
		}
		sum = sum.Add(c)
		return nil
	})
	if err != nil {
		return err
	}
	emit(sum)
	return nil
}

// sumCountsFn adds up the counts of files.
type sumCountsFn struct{}

func (sumCountsFn) MergeAccumulators(a, b vectorize.TermCounts) vectorize.TermCounts {
	return a.Add(b)
}

// chooseVocabFn prunes the table as vectorize.Fit does; when the
// document-frequency limits leave no term it keeps every term, as
// topics.Fit does.
type chooseVocabFn struct {
	Opt vectorize.Options
}

func (f *chooseVocabFn) ProcessElement(counts vectorize.TermCounts, emit func(Vocab)) error {
	docs := counts.Docs
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

func encodeTermCounts(c vectorize.TermCounts) []byte {
	n := 10 * len(c.Terms)
	for _, t := range c.Terms {
		n += len(t)
	}
	w := sized(n)
	w.int(c.Docs)
	w.strs(c.Terms)
	w.ints(c.DF)
	w.int64s(c.Total)
	return w.b
}

func decodeTermCounts(data []byte) (vectorize.TermCounts, error) {
	r := rbuf{b: data}
	c := vectorize.TermCounts{Docs: r.int(), Terms: r.strs(), DF: r.ints(), Total: r.int64s()}
	if err := r.done("term counts"); err != nil {
		return vectorize.TermCounts{}, err
	}
	if len(c.DF) != len(c.Terms) || len(c.Total) != len(c.Terms) {
		return vectorize.TermCounts{}, errBadShape("term counts")
	}
	return c, nil
}
