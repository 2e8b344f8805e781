package pipeline

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/topics-dev/topics/vectorize"
)

// PrismExperiment is the Beam experiment (--experiments) that runs on Prism
// need: it stops Prism from splitting a slow bundle into several, each of
// which would add up its own copy of a pass's sums (a terms × (Dims+10)
// matrix, hundreds of megabytes on a large vocabulary), all held at once
// when they are combined. On a distributed runner bundles are split as
// usual: partial sums are combined in a tree, not in one message.
const PrismExperiment = "prism_disable_sdf_split"

// FitOptions are those of topics fit that apply to a distributed fit, and
// where the pipeline keeps its work files.
type FitOptions struct {
	Read      ReadOptions
	Vectorize vectorize.Options
	LSA       LSAOptions
	KMeans    KMeansOptions
	Model     ModelOptions
	// SeedSample is the number of documents the k-means restarts run on;
	// zero means DefaultSeedSample.
	SeedSample int
	// Seed gives the LSA's test matrix, the k-means sample and the
	// k-means++ restarts; it replaces LSA.Seed and KMeans.Seed.
	Seed uint64
	// WorkDir is the directory of the work files (TF-IDF rows and LSA
	// vectors, about 12 and 8·Dims bytes per stored value): a local
	// directory when every worker runs on this machine (Prism), a URL
	// every worker can reach otherwise (gs://...). Required.
	WorkDir string
	// KeepWork keeps the work files; by default they are removed once the
	// model is written.
	KeepWork bool
}

// Fitted holds the PCollections of a fit, stage by stage: Inputs (input
// paths), RowFiles and VecFiles (work files of TF-IDF rows and of LSA
// vectors, one per input); Vocab, LSA, Moments, Sample, KMeans (KMState),
// Themes and Summary (ModelSummary), one element each.
type Fitted struct {
	Inputs, Vocab, RowFiles, LSA, VecFiles, Moments, Sample, KMeans, Themes, Summary beam.PCollection
}

// Fit adds to the pipeline of s the fit of a model from the corpus of
// opt.Read, the distributed form of topics fit: vocabulary, TF-IDF, LSA,
// k-means and themes; the model is written to opt.Model.Path. The corpus
// is read twice (for the vocabulary, then for the TF-IDF rows); later
// passes read the work files.
func Fit(s beam.Scope, opt FitOptions) Fitted {
	opt.LSA.Seed, opt.KMeans.Seed = opt.Seed, opt.Seed
	var f Fitted
	f.Inputs = Inputs(s, opt.Read)
	f.Vocab = Vocabulary(s, f.Inputs, opt.Read, opt.Vectorize)
	basis := StartBasis(s, f.Vocab, opt.LSA)
	var firstPass beam.PCollection
	f.RowFiles, firstPass = TFIDF(s, f.Inputs, f.Vocab, basis, opt.Read, opt.Vectorize, opt.WorkDir)
	f.LSA = LSA(s, f.RowFiles, firstPass, f.Vocab, opt.LSA)
	f.VecFiles, f.Moments, f.Sample = Vectors(s, f.RowFiles, f.LSA, VectorOptions{WorkDir: opt.WorkDir, SampleSize: opt.SeedSample, Seed: opt.Seed})
	f.KMeans = KMeans(s, f.VecFiles, f.Sample, opt.KMeans)
	f.Themes = Themes(s, f.RowFiles, f.LSA, f.KMeans)
	f.Summary = WriteModel(s, f.Vocab, f.LSA, f.Moments, f.KMeans, f.Themes, opt.Vectorize, opt.Model)
	if !opt.KeepWork {
		work := beam.Flatten(s, f.RowFiles, f.VecFiles)
		beam.ParDo0(s.Scope("topics.RemoveWork"), removeWorkFn, work, beam.SideInput{Input: f.Summary})
	}
	return f
}

// removeWorkFn removes a work file once the model is written.
func removeWorkFn(ctx context.Context, path string, _ ModelSummary) error {
	return removeFile(ctx, path)
}
