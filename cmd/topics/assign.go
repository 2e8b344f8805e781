package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
)

type assignOptions struct {
	corpus    corpusFlags
	model     string
	neighbors int
}

func newAssignCmd(s streams) *cobra.Command {
	o := &assignOptions{}
	cmd := &cobra.Command{
		Use:   "assign --model MODEL [CORPUS|-]",
		Short: "Place new articles in the clusters of a saved model",
		Long: `assign reads documents and places each in the cluster of a model saved by
fit: the one whose centroid is most similar. It writes JSON Lines, one line
per document, in input order: id, cluster, label (the cluster's theme) and
similarity (cosine to the centroid), and with --neighbors N the N most similar
indexed documents (the model must have been fitted with --index). A document
with no term of the model's vocabulary gets cluster -1.

Without CORPUS, or with -, it reads standard input and works as a filter: each
line is written as soon as its document is read. Automatic format detection
on a pipe waits for the first 512 bytes; give --input-format jsonl (or csv)
to place the first document at once.

Assigning the corpus a model was fitted on reproduces the cluster command's
clusters and similarities.`,
		Example: `  topics assign --model bbc.topics new-articles.jsonl
  tail -f feed.jsonl | topics assign --model bbc.topics --input-format jsonl --neighbors 3`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAssign(o, args, s)
		},
	}
	o.corpus.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&o.model, "model", "", "model file written by fit; required")
	fl.IntVar(&o.neighbors, "neighbors", 0, "list this many most similar indexed documents per document")
	return cmd
}

func runAssign(o *assignOptions, args []string, s streams) error {
	if o.model == "" {
		return errors.New("--model: give the model file written by fit")
	}
	if o.neighbors < 0 {
		return fmt.Errorf("--neighbors %d: must not be negative", o.neighbors)
	}
	opt, err := o.corpus.options()
	if err != nil {
		return err
	}
	model, err := report.LoadModel(o.model)
	if err != nil {
		return err
	}
	if o.neighbors > 0 && model.Index == nil {
		return fmt.Errorf("--neighbors: the model %s has no index (fit it with --index)", o.model)
	}
	place := func(d corpus.Document) error {
		p, err := model.Assign([]corpus.Document{d}, report.AssignOptions{Neighbors: o.neighbors})
		if err != nil {
			return err
		}
		return report.WritePlacement(s.out, p[0])
	}
	if len(args) == 0 || args[0] == "-" {
		return corpus.WalkFrom(s.in, "stdin", opt, place)
	}
	return corpus.Walk(args[0], opt, place)
}
