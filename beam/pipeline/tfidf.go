package pipeline

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// TFIDF weighs the documents of every input file with the vocabulary (the
// single Vocab of Vocabulary) and writes their TF-IDF rows, as vectorize's
// Transform gives them bit for bit (each row depends only on its
// document), to a work file of workDir per input file, in blocks
// (RowBlock). It returns the work files (a PCollection<string>) and, since
// it holds the rows, the first pass of the LSA with the basis (the single
// Matrix of StartBasis): one passSums per bundle, to be combined.
func TFIDF(s beam.Scope, inputs, vocab, basis beam.PCollection, read ReadOptions, workDir string) (rowFiles, firstPass beam.PCollection) {
	s = s.Scope("topics.TFIDF")
	return beam.ParDo2(s, &tfidfFileFn{Reader: newCorpusReader(read), WorkDir: workDir}, inputs,
		beam.SideInput{Input: vocab}, beam.SideInput{Input: basis})
}

// tfidfFileFn weighs an input file into a work file; the vectorizer is
// rebuilt once per DoFn instance from the side input.
type tfidfFileFn struct {
	Reader  corpusReader
	WorkDir string
	vec     *vectorize.Vectorizer
	pass    passAcc
}

func (f *tfidfFileFn) ProcessElement(ctx context.Context, path string, v Vocab, basis Matrix, emit func(string), _ func(passSums)) error {
	if f.vec == nil {
		vec, err := v.vectorizer()
		if err != nil {
			return err
		}
		f.vec = vec
	}
	out := workFile(f.WorkDir, "rows", path)
	err := writeBlocks(ctx, out, func(put func([]byte) error) error {
		return f.Reader.walk(ctx, path, func(b DocBlock) error {
			ids := make([]string, len(b.Docs))
			for i, d := range b.Docs {
				ids[i] = d.ID
			}
			rb := rowBlockOf(b.Key, ids, f.vec.TransformTexts(corpus.Contents(b.Docs)))
			f.pass.add(rb, basis)
			return put(encodeRowBlock(rb))
		})
	})
	if err != nil {
		return err
	}
	emit(out)
	return nil
}

func (f *tfidfFileFn) FinishBundle(_ Vocab, _ Matrix, _ func(string), emit func(passSums)) {
	f.pass.flush(emit)
}
