package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/topics-dev/topics/beam/pipeline"
	"github.com/topics-dev/topics/report"
)

// fitCmd is topics-beam fit.
type fitCmd struct {
	read       readFlags
	vec        vectorizeFlags
	output     string
	dims       int
	powerIters int
	seed       uint64
	k          int
	restarts   int
	maxIter    int
	seedSample int
	workDir    string
	keepWork   bool
}

func (c *fitCmd) register(fs *flag.FlagSet) {
	c.read.register(fs)
	c.vec.register(fs)
	fs.StringVar(&c.output, "output", "", "model file to write (local, atomically, or a Beam file system URL); required")
	fs.StringVar(&c.output, "o", "", "shorthand for --output")
	fs.IntVar(&c.dims, "dims", 100, "LSA dimensions (capped at the number of documents and terms)")
	fs.IntVar(&c.powerIters, "power-iters", 7, "power iterations of the randomized SVD (each is one pass over the data)")
	fs.Uint64Var(&c.seed, "seed", 0, "random seed: the same seed gives the same test matrix, sample and k-means++ seeds as topics fit")
	fs.IntVar(&c.k, "k", 0, "number of clusters; required (no automatic choice of k)")
	fs.IntVar(&c.restarts, "restarts", 10, "k-means++ seedings, run side by side; the best result is kept")
	fs.IntVar(&c.maxIter, "max-iter", pipeline.DefaultMaxIter, "k-means passes over the data (stages built in advance; converged restarts stop changing)")
	fs.IntVar(&c.seedSample, "seed-sample", pipeline.DefaultSeedSample, "documents sampled for the k-means restarts (a corpus no larger is clustered whole, as topics fit does)")
	fs.StringVar(&c.workDir, "work-dir", "", "directory for the work files (TF-IDF rows, LSA vectors) that every worker can reach: required off this machine (gs://...); default: a temporary directory, removed at the end")
	fs.BoolVar(&c.keepWork, "keep-work", false, "keep the work files")
}

// options validates the flags.
func (c *fitCmd) options() (pipeline.FitOptions, error) {
	read, err := c.read.options()
	if err != nil {
		return pipeline.FitOptions{}, err
	}
	vec, err := c.vec.options()
	if err != nil {
		return pipeline.FitOptions{}, err
	}
	switch {
	case c.output == "" || c.output == "-":
		return pipeline.FitOptions{}, errors.New("--output: give the file to write the model to")
	case c.dims < 1:
		return pipeline.FitOptions{}, fmt.Errorf("--dims %d: must be at least 1", c.dims)
	case c.powerIters < 0:
		return pipeline.FitOptions{}, fmt.Errorf("--power-iters %d: must not be negative", c.powerIters)
	case c.k < 1:
		return pipeline.FitOptions{}, fmt.Errorf("--k %d: give the number of clusters, at least 1", c.k)
	case c.restarts < 1:
		return pipeline.FitOptions{}, fmt.Errorf("--restarts %d: must be at least 1", c.restarts)
	case c.maxIter < 1:
		return pipeline.FitOptions{}, fmt.Errorf("--max-iter %d: must be at least 1", c.maxIter)
	case c.seedSample < 1:
		return pipeline.FitOptions{}, fmt.Errorf("--seed-sample %d: must be at least 1", c.seedSample)
	}
	powerIters := c.powerIters
	if powerIters == 0 {
		powerIters = -1 // the option's zero value means the default
	}
	return pipeline.FitOptions{
		Read:       read,
		Vectorize:  vec,
		LSA:        pipeline.LSAOptions{Dims: c.dims, PowerIters: powerIters},
		KMeans:     pipeline.KMeansOptions{K: c.k, Restarts: c.restarts, MaxIter: c.maxIter},
		Model:      pipeline.ModelOptions{Path: c.output},
		SeedSample: c.seedSample,
		Seed:       c.seed,
		WorkDir:    c.workDir,
		KeepWork:   c.keepWork,
	}, nil
}

func (c *fitCmd) run(ctx context.Context, stderr io.Writer) error {
	opt, err := c.options()
	if err != nil {
		return err
	}
	if opt.WorkDir == "" {
		if r := runnerName(); r != "prism" && r != "direct" {
			return fmt.Errorf("--work-dir: give a directory every worker of the %s runner can reach (gs://...)", r)
		}
		dir, err := os.MkdirTemp("", "topics-beam-work-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		opt.WorkDir = dir
	}
	p, s := beam.NewPipelineWithRoot()
	pipeline.Fit(s, opt)
	if err := execute(ctx, p); err != nil {
		return err
	}
	if strings.Contains(c.output, "://") {
		fmt.Fprintf(stderr, "topics-beam: saved %s\n", c.output)
		return nil
	}
	m, err := report.LoadModel(c.output)
	if err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(c.output); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(stderr, "topics-beam: saved %s (%.1f MB): %d documents, %d terms, %d dimensions, k = %d\n",
		c.output, float64(size)/1e6, m.Vectorizer.NumDocs(), m.Vectorizer.NumTerms(), m.LSA.Dims(), m.K())
	return nil
}
