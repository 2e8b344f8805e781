package topics

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/internal/option"
	"github.com/topics-dev/topics/theme"
	"github.com/topics-dev/topics/vectorize"
)

// Config holds every setting of a clustering run. Start from DefaultConfig,
// which is what the topics command uses when no flag is given, and change
// fields; Validate (called by every function that takes a Config) checks
// them. The zero Config is not usable: it has no LSA dimensions.
type Config struct {
	// Vectorize sets tokenization and TF-IDF weighting. Its zero value is
	// scikit-learn's TfidfVectorizer defaults; DefaultConfig uses English
	// stop words, min-df 2, max-df 0.5 and sublinear term frequencies. Its
	// StripMail is set by Mail and must be left false here.
	Vectorize vectorize.Options
	// Mail says when e-mail structure (headers, quoted replies, signatures,
	// addresses) is left out before vectorizing and labelling; MailAuto
	// decides from the corpus.
	Mail MailMode

	// Dims is the number of LSA dimensions, at least 1; it is capped at the
	// number of documents and of terms.
	Dims int
	// PowerIters is the number of power iterations of the randomized SVD,
	// at least 0. DefaultConfig uses 5, as scikit-learn's TruncatedSVD:
	// on the six shared corpora, k-means on its vectors scores the same NMI
	// as with 7 (within the spread over seeds; bench/results.md), with 13
	// passes over the TF-IDF matrix instead of 17.
	PowerIters int

	// K is the number of clusters; 0 chooses it between KMin and KMax
	// (cluster.ChooseLevels: the k whose clusters k-means reproduces from
	// other seedings and each document's nearest neighbours respect), and
	// finds a coarser level of themes that group the clusters.
	K int
	// KMin and KMax bound the automatic choice of k: 2 <= KMin <= KMax;
	// KMax 0 means ⌈3√n⌉ for n documents, a range that grows with the
	// corpus.
	KMin, KMax int
	// FromTree, with K, cuts the tree of a finer clustering at K groups
	// instead of running k-means with K: k-means with ⌈3√n⌉ clusters (or
	// KMax, if larger than K), merged bottom-up by Ward's method
	// (cluster.Agglomerate) until K groups are left. Groups can then be of
	// any shape k-means cannot give, such as two stories of one topic.
	FromTree bool
	// Restarts is the number of k-means++ seedings, at least 1; the best
	// result is kept.
	Restarts int
	// MaxIter bounds the iterations of each k-means run (with BatchSize:
	// passes over the data), at least 1.
	MaxIter int
	// DocWeights sets how much each document pulls on the k-means
	// centroids (in every k-means run: with K, choosing k, FromTree):
	// DocWeightsNone, all alike; DocWeightsLength (the default), short
	// documents less. Every document is still assigned to a cluster.
	DocWeights DocWeights
	// BatchSize, if positive, runs mini-batch k-means with batches of this
	// many documents (see cluster.KMeansOptions.BatchSize); 0 chooses by
	// the corpus size (cluster.AutoBatchSize: mini-batches from 50,000
	// documents on); -1 runs Lloyd's algorithm on all documents.
	BatchSize int

	// KeyPhrases is the number of key phrases found per cluster (see
	// package theme); 0 finds none, which skips the slowest part of
	// describing clusters. A cluster's label is made of its first
	// LabelPhrases of them.
	KeyPhrases int
	// LabelPhrases is the number of key phrases that make a cluster's
	// label, at least 1.
	LabelPhrases int
	// ExcludePhrases are phrases never used as key phrases or labels, nor
	// is any phrase that contains one (see theme.Options.Exclude); each
	// must be a phrase that could occur (theme.CheckPhrase).
	ExcludePhrases []string
	// DropText frees the documents' text once the TF-IDF matrix is made:
	// Model.Docs then holds corpus.Document.WithoutText of each document
	// (its ID, Title, Label and Date, and of its text only what
	// DisplayTitle shows when it has no title). A run that finds no key
	// phrases and shows no summaries needs no more, and on a large corpus
	// the text is the largest thing held: a million news articles are
	// about a gigabyte. It needs KeyPhrases 0. The caller's documents are
	// not changed; their text is freed only if the caller drops them too.
	DropText bool

	// Seed makes a run reproducible: the same corpus, Config and Seed give
	// the same result, byte for byte, on any number of cores.
	Seed uint64

	// Progress, if not nil, follows the long steps of a run.
	Progress Progress
}

// DefaultConfig returns the settings the topics command uses when no flag
// is given.
func DefaultConfig() Config {
	return Config{
		Vectorize: vectorize.Options{
			StopWords: vectorize.StopWordsEnglish, NGramMin: 1, NGramMax: 1, MinDF: 2, MaxDF: 0.5, Sublinear: true,
		},
		Dims:         100,
		PowerIters:   5,
		KMin:         2,
		Restarts:     10,
		MaxIter:      300,
		KeyPhrases:   10,
		LabelPhrases: 3,
		DocWeights:   DocWeightsLength,
	}
}

// OptionError reports a setting out of its range. Option is the name of
// the field of Config (or of another options struct, or of
// vectorize.Options), so that a command line can name its own flag
// instead. Every validation of this module returns one.
type OptionError = option.Error

// optionCheck is one rule of a validation.
type optionCheck = option.Check

// check returns the rule that the option's value v fails for reason when
// bad.
func check(bad bool, name string, v any, reason string) optionCheck {
	return optionCheck{Bad: bad, Option: name, Value: v, Reason: reason}
}

// firstBad returns the OptionError of the first failed check, or nil.
func firstBad(checks ...optionCheck) error { return option.First("topics", nil, checks...) }

// Bounds on settings that only make a run longer, not better, past a point
// (so that no value can make a run endless or size its memory).
const (
	// maxPowerIters: the singular vectors have converged to machine
	// precision long before (5 is the default; 25 matches an exact SVD to
	// 1e-14 on 20 Newsgroups).
	maxPowerIters = 100
	// maxRestarts: the best of 1,000 k-means++ seedings no longer improves
	// with more; each restart's seed is drawn in advance.
	maxRestarts = 1000
	// maxSeeds bounds the runs of Evaluate.
	maxSeeds = 1000
)

// Validate reports the first setting out of its range as an *OptionError.
func (c Config) Validate() error {
	if err := c.Vectorize.Validate(); err != nil {
		return err
	}
	for _, p := range c.ExcludePhrases {
		if _, err := theme.CheckPhrase(p, c.Vectorize.ExtraStopWords); err != nil {
			return firstBad(check(true, "ExcludePhrases", fmt.Sprintf("%q", p), strings.TrimPrefix(err.Error(), fmt.Sprintf("theme: phrase %q: ", p))))
		}
	}
	return firstBad(
		check(c.Vectorize.StripMail, "Vectorize.StripMail", true, "is set by Mail (MailStrip strips mail)"),
		check(c.Mail < MailAuto || c.Mail > MailKeep, "Mail", c.Mail, "want MailAuto, MailStrip or MailKeep"),
		check(c.Dims < 1, "Dims", c.Dims, "must be at least 1"),
		check(c.PowerIters < 0 || c.PowerIters > maxPowerIters, "PowerIters", c.PowerIters, fmt.Sprintf("want 0 to %d", maxPowerIters)),
		check(c.K < 0, "K", c.K, "must be at least 1 (0 chooses k)"),
		check(c.KMin < 2, "KMin", c.KMin, "must be at least 2"),
		check(c.FromTree && c.K == 0, "FromTree", c.FromTree, "cuts a tree at K: give K"),
		check(c.KMax != 0 && c.KMax < c.KMin, "KMax", c.KMax, fmt.Sprintf("must be 0 (⌈3√n⌉) or at least KMin (%d)", c.KMin)),
		check(c.Restarts < 1 || c.Restarts > maxRestarts, "Restarts", c.Restarts, fmt.Sprintf("want 1 to %d", maxRestarts)),
		check(c.MaxIter < 1, "MaxIter", c.MaxIter, "must be at least 1"),
		check(c.DocWeights < DocWeightsNone || c.DocWeights > DocWeightsLength, "DocWeights", c.DocWeights, "want DocWeightsNone or DocWeightsLength"),
		check(c.BatchSize < -1, "BatchSize", c.BatchSize, "want a batch size, 0 (chosen by the corpus size) or -1 (none)"),
		check(c.KeyPhrases < 0, "KeyPhrases", c.KeyPhrases, "must not be negative"),
		check(c.LabelPhrases < 1, "LabelPhrases", c.LabelPhrases, "must be at least 1"),
		check(c.DropText && c.KeyPhrases > 0, "DropText", c.DropText, "needs KeyPhrases 0: key phrases read the text"),
	)
}

// Random streams derived from Config.Seed, one per step, so that a step's
// randomness does not depend on what ran before it.
const (
	streamLSA        = 1
	streamKMeans     = 2
	streamSilhouette = 3
	streamMinHash    = 4
	streamLevels     = 5 // the candidate runs of ChooseLevels
)

// rand returns the random source of one step of a run with c.Seed.
func (c Config) rand(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(c.Seed, stream))
}

// lsaOptions returns the options of the truncated SVD.
func (c Config) lsaOptions() vectorize.LSAOptions {
	opt := vectorize.LSAOptions{Dims: c.Dims, PowerIters: c.PowerIters, Rand: c.rand(streamLSA)}
	if c.PowerIters == 0 {
		opt.PowerIters = -1 // the option's zero value means its default
	}
	return opt
}

// kmeansOptions returns the options of k-means with k clusters.
func (c Config) kmeansOptions(k int) cluster.KMeansOptions {
	return cluster.KMeansOptions{
		K: k, Restarts: c.Restarts, MaxIter: c.MaxIter, BatchSize: c.BatchSize,
		Rand: c.rand(streamKMeans),
	}
}
