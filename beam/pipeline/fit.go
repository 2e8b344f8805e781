package pipeline

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/topics-dev/topics/vectorize"
)

// FitOptions are those of topics fit that apply to a distributed fit.
type FitOptions struct {
	Read      ReadOptions
	Vectorize vectorize.Options
	LSA       LSAOptions
	KMeans    KMeansOptions
	Model     ModelOptions
	// Seed gives the LSA's test matrix, the k-means sample and the
	// k-means++ restarts; it replaces LSA.Seed and KMeans.Seed.
	Seed uint64
}

// Fitted holds the PCollections of a fit, stage by stage: Docs
// (DocBlock), Rows (RowBlock) and Vectors (VecBlock) per block of
// documents; Vocab, LSA, Moments, KMeans (KMState), Themes and Summary
// (ModelSummary) one element each.
type Fitted struct {
	Docs, Vocab, Rows, LSA, Vectors, Moments, KMeans, Themes, Summary beam.PCollection
}

// Fit adds to the pipeline of s the fit of a model from the corpus of
// opt.Read, the distributed form of topics fit: read, vocabulary, TF-IDF,
// LSA, k-means and themes; the model is written to opt.Model.Path.
func Fit(s beam.Scope, opt FitOptions) Fitted {
	opt.LSA.Seed, opt.KMeans.Seed = opt.Seed, opt.Seed
	var f Fitted
	f.Docs = ReadBlocks(s, opt.Read)
	f.Vocab = Vocabulary(s, f.Docs, opt.Vectorize)
	f.Rows = TFIDF(s, f.Docs, f.Vocab, opt.Vectorize)
	f.LSA = LSA(s, f.Rows, f.Vocab, opt.LSA)
	f.Vectors, f.Moments = Vectors(s, f.Rows, f.LSA)
	f.KMeans = KMeans(s, f.Vectors, opt.KMeans)
	f.Themes = Themes(s, f.Rows, f.LSA, f.KMeans)
	f.Summary = WriteModel(s, f.Vocab, f.LSA, f.Moments, f.KMeans, f.Themes, opt.Vectorize, opt.Model)
	return f
}
