package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/beam/pipeline"
)

// assignCmd is topics-beam assign.
type assignCmd struct {
	read   readFlags
	model  string
	output string
	assign topics.AssignOptions
}

func (c *assignCmd) register(fs *flag.FlagSet) {
	c.read.register(fs)
	fs.StringVar(&c.model, "model", "", "model file written by topics fit or topics-beam fit (local or a URL); required")
	fs.StringVar(&c.output, "output", "", "directory of the output shards, one JSON Lines file per input file (id, cluster, similarity, theme); required")
	fs.StringVar(&c.output, "o", "", "shorthand for --output")
	fs.IntVar(&c.assign.Neighbors, "neighbors", 0, "list this many most similar indexed documents per document (a model fitted by topics fit --index)")
	fs.Float64Var(&c.assign.MinSimilarity, "min-similarity", 0, "a document whose cosine to every centroid is below this is an outlier: cluster -1, \"outlier\": true (0: none)")
}

func (c *assignCmd) run(ctx context.Context, stderr io.Writer) error {
	read, err := c.read.options()
	if err != nil {
		return err
	}
	switch {
	case c.model == "":
		return errors.New("--model: give the model file written by fit")
	case c.output == "":
		return errors.New("--output: give the directory to write the placements to")
	case c.assign.Neighbors < 0:
		return fmt.Errorf("--neighbors %d: must not be negative", c.assign.Neighbors)
	case !(c.assign.MinSimilarity >= 0 && c.assign.MinSimilarity <= 1):
		return fmt.Errorf("--min-similarity %v: want a cosine in [0, 1]", c.assign.MinSimilarity)
	}
	p, s := beam.NewPipelineWithRoot()
	pipeline.Assign(s, pipeline.AssignOptions{Read: read, Model: c.model, Output: c.output, Assign: c.assign})
	if err := execute(ctx, p); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "topics-beam: placements written to %s\n", c.output)
	return nil
}
