package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/vectorize"
)

// vectorizeFlags set tokenization and TF-IDF.
type vectorizeFlags struct {
	stopWords   string
	stem        bool
	ngramRange  []int
	minDF       float64
	maxDF       float64
	maxFeatures int
	sublinear   bool
	keepCase    bool
}

func (f *vectorizeFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.stopWords, "stop-words", "english", `stop words to drop: "english" (scikit-learn's list) or "none"`)
	fl.BoolVar(&f.stem, "stem", false, "reduce words to their Snowball (English) stems")
	fl.IntSliceVar(&f.ngramRange, "ngram-range", []int{1, 1}, "smallest and largest word n-gram, e.g. 1,2")
	fl.Float64Var(&f.minDF, "min-df", 2, "drop terms in fewer documents than this (a count, or a fraction below 1)")
	fl.Float64Var(&f.maxDF, "max-df", 0.5, "drop terms in more documents than this (a fraction up to 1, or a count above 1)")
	fl.IntVar(&f.maxFeatures, "max-features", 0, "keep only the most frequent terms (0: all)")
	fl.BoolVar(&f.sublinear, "sublinear-tf", true, "use 1+ln(tf) instead of raw term counts (--sublinear-tf=false for raw counts)")
	fl.BoolVar(&f.keepCase, "keep-case", false, "do not lowercase before tokenizing")
}

func (f *vectorizeFlags) options() (vectorize.Options, error) {
	opt := vectorize.Options{
		KeepCase: f.keepCase, Stem: f.stem, MinDF: f.minDF, MaxDF: f.maxDF,
		MaxFeatures: f.maxFeatures, Sublinear: f.sublinear,
	}
	switch f.stopWords {
	case "none", "":
	case "english":
		opt.StopWords = "english"
	default:
		return opt, fmt.Errorf(`--stop-words %q: want "english" or "none"`, f.stopWords)
	}
	if len(f.ngramRange) != 2 || f.ngramRange[0] < 1 || f.ngramRange[1] < f.ngramRange[0] {
		return opt, fmt.Errorf("--ngram-range %v: want two numbers MIN,MAX with 1 <= MIN <= MAX", f.ngramRange)
	}
	opt.NGramMin, opt.NGramMax = f.ngramRange[0], f.ngramRange[1]
	if f.minDF <= 0 {
		return opt, fmt.Errorf("--min-df %g: must be positive", f.minDF)
	}
	if f.maxDF <= 0 {
		return opt, fmt.Errorf("--max-df %g: must be positive", f.maxDF)
	}
	if f.maxFeatures < 0 {
		return opt, fmt.Errorf("--max-features %d: must not be negative", f.maxFeatures)
	}
	return opt, nil
}

// lsaFlags set the LSA reduction and the seed.
type lsaFlags struct {
	dims       int
	powerIters int
	seed       uint64
}

func (f *lsaFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.IntVar(&f.dims, "dims", 100, "LSA dimensions (capped at the number of documents and terms)")
	fl.IntVar(&f.powerIters, "power-iters", 7, "power iterations of the randomized SVD")
	fl.Uint64Var(&f.seed, "seed", 0, "random seed: the same seed gives the same result")
}

// config returns a pipeline configuration with the vectorizer and LSA set.
func (f *lsaFlags) config(vec vectorize.Options) (report.Config, error) {
	cfg := report.Config{Vectorize: vec, Seed: f.seed}
	if f.dims < 1 {
		return cfg, fmt.Errorf("--dims %d: must be at least 1", f.dims)
	}
	if f.powerIters < 0 {
		return cfg, fmt.Errorf("--power-iters %d: must not be negative", f.powerIters)
	}
	cfg.LSA.Dims = f.dims
	cfg.LSA.PowerIters = f.powerIters
	if f.powerIters == 0 {
		cfg.LSA.PowerIters = -1 // the option's zero value means the default
	}
	return cfg, nil
}

// kmeansFlags set k and k-means.
type kmeansFlags struct {
	k          int
	kMin, kMax int
	restarts   int
	maxIter    int
	batchSize  int
}

func (f *kmeansFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.IntVar(&f.k, "k", 0, "number of clusters (0: choose k by silhouette between --k-min and --k-max)")
	fl.IntVar(&f.kMin, "k-min", 2, "smallest k tried when choosing k")
	fl.IntVar(&f.kMax, "k-max", 20, "largest k tried when choosing k")
	fl.IntVar(&f.restarts, "restarts", 10, "k-means++ seedings; the best result is kept")
	fl.IntVar(&f.maxIter, "max-iter", 300, "k-means iteration limit per seeding (with --batch-size: passes over the data)")
	fl.IntVar(&f.batchSize, "batch-size", 0, "mini-batch k-means with batches of this many documents (0: automatic, batches of 4096 from 50,000 documents on; -1: Lloyd's algorithm on all documents)")
}

// apply validates the flags and sets k and k-means in cfg.
func (f *kmeansFlags) apply(cmd *cobra.Command, cfg *report.Config) error {
	if cmd.Flags().Changed("k") && f.k < 1 {
		return fmt.Errorf("--k %d: must be at least 1 (omit --k to choose k automatically)", f.k)
	}
	cfg.K = f.k
	if f.kMin < 1 || f.kMax < f.kMin {
		return fmt.Errorf("--k-min %d, --k-max %d: want 1 <= k-min <= k-max", f.kMin, f.kMax)
	}
	cfg.ChooseK.MinK, cfg.ChooseK.MaxK = f.kMin, f.kMax
	if f.restarts < 1 {
		return fmt.Errorf("--restarts %d: must be at least 1", f.restarts)
	}
	if f.maxIter < 1 {
		return fmt.Errorf("--max-iter %d: must be at least 1", f.maxIter)
	}
	if f.batchSize < -1 {
		return fmt.Errorf("--batch-size %d: want a batch size, 0 (automatic) or -1 (no mini-batches)", f.batchSize)
	}
	cfg.KMeans.Restarts, cfg.KMeans.MaxIter, cfg.KMeans.BatchSize = f.restarts, f.maxIter, f.batchSize
	return nil
}

// vectorsFlags set everything up to the LSA vectors: tokenization, TF-IDF,
// LSA and the seed.
type vectorsFlags struct {
	vec vectorizeFlags
	lsa lsaFlags
}

func (f *vectorsFlags) register(cmd *cobra.Command) {
	f.vec.register(cmd)
	f.lsa.register(cmd)
}

// config validates the flags and returns a configuration with the
// vectorizer, the LSA and the seed set.
func (f *vectorsFlags) config() (report.Config, error) {
	vec, err := f.vec.options()
	if err != nil {
		return report.Config{}, err
	}
	return f.lsa.config(vec)
}

// pipelineFlags set the whole pipeline: vectors, then k and k-means.
type pipelineFlags struct {
	vectorsFlags
	kmeans kmeansFlags
}

func (f *pipelineFlags) register(cmd *cobra.Command) {
	f.vectorsFlags.register(cmd)
	f.kmeans.register(cmd)
}

// config validates the flags and returns the pipeline's configuration.
func (f *pipelineFlags) config(cmd *cobra.Command) (report.Config, error) {
	cfg, err := f.vectorsFlags.config()
	if err != nil {
		return cfg, err
	}
	return cfg, f.kmeans.apply(cmd, &cfg)
}
