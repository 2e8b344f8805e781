package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/topics-dev/topics/beam/pipeline"
)

// assignCmd is topics-beam assign.
type assignCmd struct {
	read   readFlags
	model  string
	output string
}

func (c *assignCmd) register(fs *flag.FlagSet) {
	c.read.register(fs)
	fs.StringVar(&c.model, "model", "", "model file written by topics fit or topics-beam fit (local or a URL); required")
	fs.StringVar(&c.output, "output", "", "directory of the output shards, one JSON Lines file per input file (id, cluster, similarity, theme); required")
	fs.StringVar(&c.output, "o", "", "shorthand for --output")
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
	}
	p, s := beam.NewPipelineWithRoot()
	pipeline.Assign(s, pipeline.AssignOptions{Read: read, Model: c.model, Output: c.output})
	if err := execute(ctx, p); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "topics-beam: placements written to %s\n", c.output)
	return nil
}
