package pipeline

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// TFIDF returns the TF-IDF rows of the documents (a PCollection<DocBlock>)
// as a PCollection<RowBlock>, one per block, weighed with the vocabulary
// (the single Vocab of a Vocabulary). Rows are those vectorize.Transform
// gives, bit for bit: each depends only on its document.
func TFIDF(s beam.Scope, docs, vocab beam.PCollection, opt vectorize.Options) beam.PCollection {
	s = s.Scope("topics.TFIDF")
	return beam.ParDo(s, &tfidfFn{Opt: opt}, docs, beam.SideInput{Input: vocab})
}

// tfidfFn weighs a block; the vectorizer is rebuilt once per DoFn instance
// from the side input.
type tfidfFn struct {
	Opt vectorize.Options
	vec *vectorize.Vectorizer
}

func (f *tfidfFn) ProcessElement(b DocBlock, v Vocab, emit func(RowBlock)) error {
	if f.vec == nil {
		vec, err := vectorize.Restore(f.Opt, v.Terms, v.DF, v.Docs)
		if err != nil {
			return err
		}
		f.vec = vec
	}
	ids := make([]string, len(b.Docs))
	for i, d := range b.Docs {
		ids[i] = d.ID
	}
	emit(rowBlockOf(b.Key, ids, f.vec.TransformTexts(corpus.Contents(b.Docs))))
	return nil
}
