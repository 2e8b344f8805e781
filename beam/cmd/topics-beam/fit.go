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

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/beam/pipeline"
)

// fitCmd is topics-beam fit.
type fitCmd struct {
	read       readFlags
	config     configFlags
	output     string
	passes     int
	seedSample int
	workDir    string
	keepWork   bool
	index      bool
}

func (c *fitCmd) register(fs *flag.FlagSet) {
	c.read.register(fs)
	c.config.register(fs)
	fs.StringVar(&c.output, "output", "", "model file to write (local, atomically, or a Beam file system URL); required")
	fs.StringVar(&c.output, "o", "", "shorthand for --output")
	fs.IntVar(&c.passes, "passes", pipeline.DefaultPasses, "Lloyd passes over all the documents after the sample, at most (stages built in advance; after convergence they read nothing)")
	fs.IntVar(&c.seedSample, "seed-sample", pipeline.DefaultSeedSample, "documents sampled for the k-means restarts and the choice of k (a corpus no larger is clustered whole, as topics fit does)")
	fs.StringVar(&c.workDir, "work-dir", "", "directory for the work files (TF-IDF rows, LSA vectors) that every worker can reach: required off this machine (gs://...); default: a temporary directory, removed at the end")
	fs.BoolVar(&c.keepWork, "keep-work", false, "keep the work files")
	fs.BoolVar(&c.index, "index", false, "also store every document's id, title, LSA vector and heaviest terms, for topics query and assign --neighbors (gathered on one worker)")
}

// options validates the flags.
func (c *fitCmd) options() (pipeline.FitOptions, error) {
	read, err := c.read.options()
	if err != nil {
		return pipeline.FitOptions{}, err
	}
	cfg, err := c.config.config()
	if err != nil {
		return pipeline.FitOptions{}, err
	}
	switch {
	case c.output == "" || c.output == "-":
		return pipeline.FitOptions{}, errors.New("--output: give the file to write the model to")
	case c.passes < 1:
		return pipeline.FitOptions{}, fmt.Errorf("--passes %d: must be at least 1", c.passes)
	case c.seedSample < 1:
		return pipeline.FitOptions{}, fmt.Errorf("--seed-sample %d: must be at least 1", c.seedSample)
	}
	terms := 0
	if c.index {
		terms = topics.DefaultSaveOptions().IndexTerms
	}
	return pipeline.FitOptions{
		Read:       read,
		IndexTerms: terms,
		Config:     cfg,
		Passes:     c.passes,
		SeedSample: c.seedSample,
		Model:      c.output,
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
	if _, err := pipeline.Fit(s, opt); err != nil {
		return err
	}
	if err := execute(ctx, p); err != nil {
		return err
	}
	if strings.Contains(c.output, "://") {
		fmt.Fprintf(stderr, "topics-beam: saved %s\n", c.output)
		return nil
	}
	m, err := topics.LoadFile(c.output)
	if err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(c.output); err == nil {
		size = fi.Size()
	}
	indexed := "no index"
	if m.Index != nil {
		indexed = fmt.Sprintf("%d documents indexed", len(m.Index.IDs))
	}
	fmt.Fprintf(stderr, "topics-beam: saved %s (%.1f MB): %d documents, %d terms, %d dimensions, k = %d, %s\n",
		c.output, float64(size)/1e6, m.Vectorizer.NumDocs(), m.Vectorizer.NumTerms(), m.LSA.Dims(), m.K(), indexed)
	return nil
}
