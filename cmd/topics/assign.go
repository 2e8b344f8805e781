package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
)

// assignOptions are the parsed flags and arguments of topics assign.
type assignOptions struct {
	args   []string
	corpus corpusFlags
	model  string
	assign topics.AssignOptions
	format string
	output string
}

func newAssignCmd(s streams, run func(*assignOptions) error) *cobra.Command {
	o := &assignOptions{format: "jsonl"}
	if run == nil {
		run = func(o *assignOptions) error { return runAssign(s, o) }
	}
	cmd := &cobra.Command{
		Use:   "assign --model MODEL [CORPUS|-]",
		Short: "Place new articles in the clusters of a saved model",
		Long: `assign reads documents and places each in the cluster of a model saved by
fit: the one whose centroid is most similar. It writes JSON Lines, one line
per document, in input order: id, cluster, theme and similarity (cosine to
the centroid), and with --neighbors N the N most similar indexed documents
(the model must have been fitted with --index). A document with no term of
the model's vocabulary gets cluster -1, and so does, with "outlier": true, one
whose similarity to every centroid is below --min-similarity. --format csv
writes the same as CSV rows (id, cluster, parent, theme, similarity,
neighbors as id:similarity;...).

Without CORPUS, or with -, it reads standard input and works as a filter: each
line is written as soon as its document is read. Automatic format detection
on a pipe waits for the first 512 bytes; give --input-format jsonl (or csv)
to place the first document at once.

Assigning the corpus a model was fitted on reproduces the cluster command's
clusters and similarities.`,
		Example: `  topics assign --model bbc.topics new-articles.jsonl
  tail -f feed.jsonl | topics assign --model bbc.topics --input-format jsonl --neighbors 3`,
		Args: cobra.MaximumNArgs(1),
	}
	b := newBinder(cmd)
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		o.args = args
		if o.model == "" {
			return errors.New("--model: give the model file written by fit")
		}
		if o.assign.Neighbors < 0 {
			return fmt.Errorf("--neighbors %d: must not be negative", o.assign.Neighbors)
		}
		if err := checkOutput(o.output, append(o.args, o.model)...); err != nil {
			return err
		}
		return b.flagError(run(o))
	}
	o.corpus.register(b)
	b.stringVar(&o.model, "model", "model file written by fit; required")
	b.intVar(&o.assign.Neighbors, "neighbors", "Neighbors", "list this many most similar indexed documents per document")
	b.floatVar(&o.assign.MinSimilarity, "min-similarity", "MinSimilarity",
		"a document whose cosine to every centroid is below this is an outlier: cluster -1, \"outlier\": true (0: none)")
	stringEnumVar(b, &o.format, "format", []string{"jsonl", "csv"}, "output format: jsonl or csv")
	b.fl().StringVarP(&o.output, "output", "o", "", "write to this file (atomically, when the input ends) instead of standard output")
	return cmd
}

func runAssign(s streams, o *assignOptions) error {
	model, err := topics.LoadFile(o.model)
	if err != nil {
		return err
	}
	if o.assign.Neighbors > 0 && model.Index == nil {
		return fmt.Errorf("--neighbors: the model %s has no index (fit it with --index)", o.model)
	}
	return s.write(o.output, func(w io.Writer) error { return o.place(s, model, w) })
}

// place reads the documents and writes each one's placement as soon as it
// is read.
func (o *assignOptions) place(s streams, model *topics.SavedModel, w io.Writer) error {
	write := report.WritePlacement
	if o.format == "csv" {
		write = report.WritePlacementCSV
		if err := csv.NewWriter(w).WriteAll([][]string{report.PlacementCSVHeader()}); err != nil {
			return err
		}
	}
	opt := o.corpus.opt
	opt.Warn = func(msg string) { s.warn([]string{msg}) }
	place := func(d corpus.Document) error {
		p, err := model.Assign([]corpus.Document{d}, o.assign)
		if err != nil {
			return err
		}
		return write(w, p[0])
	}
	if len(o.args) == 0 || o.args[0] == "-" {
		return corpus.WalkFrom(s.in, "stdin", opt, place)
	}
	return corpus.Walk(o.args[0], opt, place)
}
