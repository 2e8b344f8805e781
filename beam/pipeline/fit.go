package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/theme"
)

// PrismExperiment is the Beam experiment (--experiments) that runs on Prism
// need: it stops Prism from splitting a slow bundle into several, each of
// which would add up its own copy of a pass's sums (a terms × (Dims+10)
// matrix, hundreds of megabytes on a large vocabulary), all held at once
// when they are combined. On a distributed runner bundles are split as
// usual: partial sums are combined in a tree, not in one message.
const PrismExperiment = "prism_disable_sdf_split"

// Random streams of topics.Fit (its Config's random source per step): the
// same Seed gives the same test matrix of the LSA, the same k-means++
// seedings and the same candidate runs of the choice of k.
const (
	streamLSA    = 1
	streamKMeans = 2
	streamLevels = 5
)

// FitOptions are the settings of a distributed fit: those of topics fit,
// what is particular to passes over data spread out, and where the
// pipeline keeps its work files.
type FitOptions struct {
	Read ReadOptions
	// Config holds the settings of topics fit, as for topics.Fit: the
	// vectorizer, Dims, PowerIters, K (0: chosen on the sample), KMin,
	// KMax, Restarts, MaxIter (per k-means run on the sample), KeyPhrases,
	// LabelPhrases, DocWeights and Seed. FromTree and BatchSize are not
	// supported; Progress is not used.
	Config topics.Config
	// IndexTerms, when positive, gives the model a document index (as
	// topics fit --index: ids, titles, LSA vectors and this many heaviest
	// TF-IDF terms per document, for topics query and assign --neighbors);
	// topics.DefaultSaveOptions().IndexTerms is topics fit's number. The
	// index is gathered on the one worker that writes the model.
	IndexTerms int
	// Passes bounds the Lloyd passes over all the documents after the
	// sample; zero means DefaultPasses.
	Passes int
	// SeedSample is the number of documents the k-means restarts (and the
	// choice of k) run on; zero means DefaultSeedSample.
	SeedSample int
	// Model is the model file: a local path (written atomically) or a URL
	// of a file system Beam knows (gs://...). Required.
	Model string
	// WorkDir is the directory of the work files (TF-IDF rows and LSA
	// vectors, about 12 and 8·Dims bytes per stored value): a local
	// directory when every worker runs on this machine (Prism), a URL
	// every worker can reach otherwise (gs://...). Required.
	WorkDir string
	// KeepWork keeps the work files; by default they are removed once the
	// model is written.
	KeepWork bool
}

// check validates the options.
func (o FitOptions) check() error {
	c := o.Config
	if err := c.Validate(); err != nil {
		return err
	}
	switch {
	case c.FromTree:
		return errors.New("topics-beam: FromTree (cutting the tree of a finer clustering) is not supported")
	case c.Mail == topics.MailAuto:
		return errors.New("topics-beam: Mail: MailAuto (deciding from the corpus) is not supported: choose MailStrip or MailKeep")
	case c.BatchSize != 0:
		return errors.New("topics-beam: BatchSize (mini-batch k-means) is not supported: the passes run Lloyd's algorithm")
	case o.IndexTerms < 0:
		return fmt.Errorf("topics-beam: IndexTerms %d: must not be negative", o.IndexTerms)
	case o.Passes < 0:
		return fmt.Errorf("topics-beam: Passes %d: must not be negative", o.Passes)
	case o.SeedSample < 0:
		return fmt.Errorf("topics-beam: SeedSample %d: must not be negative", o.SeedSample)
	case o.Read.BlockSize < 0:
		return fmt.Errorf("topics-beam: BlockSize %d: must not be negative", o.Read.BlockSize)
	case o.Read.Input == "":
		return errors.New("topics-beam: no input")
	case o.Model == "":
		return errors.New("topics-beam: no model file to write")
	case o.WorkDir == "":
		return errors.New("topics-beam: no work directory")
	}
	return nil
}

// lsa returns the options of the LSA.
func (o FitOptions) lsa() LSAOptions {
	q := o.Config.PowerIters
	if q == 0 {
		q = -1 // vectorize's zero value means its default
	}
	return LSAOptions{Dims: o.Config.Dims, PowerIters: q, Seed: o.Config.Seed}
}

// kmeans returns the options of k-means.
func (o FitOptions) kmeans() KMeansOptions {
	c := o.Config
	return KMeansOptions{K: c.K, KMin: c.KMin, KMax: c.KMax, Restarts: c.Restarts, MaxIter: c.MaxIter,
		Passes: o.Passes, Seed: c.Seed, DocWeights: c.DocWeights}
}

// Fitted holds the PCollections of a fit, stage by stage: Inputs (input
// paths), RowFiles and VecFiles (work files of TF-IDF rows and of LSA
// vectors, one per input); Vocab, LSA, Moments, Sample, KMeans (KMState),
// Placed and Summary (ModelSummary), one element each; Texts, the
// documents whose key phrases are counted.
type Fitted struct {
	Inputs, Vocab, RowFiles, LSA, VecFiles, Moments, Sample, KMeans, Placed, Texts, Index, Summary beam.PCollection
}

// Fit adds to the pipeline of s the fit of a model from the corpus of
// opt.Read, the distributed form of topics fit: vocabulary, TF-IDF, LSA,
// k-means and themes; the model is written to opt.Model. The corpus is
// read twice (for the vocabulary, then for the TF-IDF rows), and a third
// time for the texts of the key phrases (only those of the documents
// counted on a large corpus), and with IndexTerms a fourth for the titles
// of the index; the other passes read the work files. It
// returns an error, before adding anything, if an option is out of range.
func Fit(s beam.Scope, opt FitOptions) (Fitted, error) {
	if err := opt.check(); err != nil {
		return Fitted{}, err
	}
	var f Fitted
	f.Inputs = Inputs(s, opt.Read)
	vopt := opt.Config.Vectorize
	vopt.StripMail = opt.Config.Mail == topics.MailStrip
	f.Vocab = Vocabulary(s, f.Inputs, opt.Read, vopt)
	basis := StartBasis(s, f.Vocab, opt.lsa())
	var firstPass beam.PCollection
	f.RowFiles, firstPass = TFIDF(s, f.Inputs, f.Vocab, basis, opt.Read, opt.WorkDir)
	f.LSA = LSA(s, f.RowFiles, firstPass, f.Vocab, opt.lsa())
	f.VecFiles, f.Moments, f.Sample = Vectors(s, f.RowFiles, f.LSA, VectorOptions{WorkDir: opt.WorkDir, SampleSize: opt.SeedSample, Seed: opt.Config.Seed})
	f.KMeans = KMeans(s, f.VecFiles, f.Sample, opt.kmeans())
	keep := 0
	if opt.Config.KeyPhrases > 0 {
		keep = theme.MaxDocs
	}
	f.Placed = Place(s, f.VecFiles, f.KMeans, keep)
	f.Texts = Texts(s, f.Inputs, f.Placed, opt.Read)
	f.Index = Index(s, f.Inputs, f.VecFiles, opt.Read, opt.WorkDir, opt.IndexTerms)
	f.Summary = WriteModel(s, f.Vocab, f.LSA, f.Moments, f.KMeans, f.Placed, f.Texts, f.Index,
		ModelOptions{Path: opt.Model, KeyPhrases: opt.Config.KeyPhrases, LabelPhrases: opt.Config.LabelPhrases,
			Exclude: opt.Config.ExcludePhrases, Index: opt.IndexTerms > 0})
	if !opt.KeepWork {
		work := beam.Flatten(s, f.RowFiles, f.VecFiles)
		beam.ParDo0(s.Scope("topics.RemoveWork"), removeWorkFn, work, beam.SideInput{Input: f.Summary})
	}
	return f, nil
}

// removeWorkFn removes a work file once the model is written.
func removeWorkFn(ctx context.Context, path string, _ ModelSummary) error {
	return removeFile(ctx, path)
}
