package main

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/report"
)

// evalOptions are the parsed flags and arguments of topics eval.
type evalOptions struct {
	args        []string
	corpus      corpusFlags
	cfg         topics.Config
	ngram       []int
	eval        topics.EvalOptions
	truth       string
	assignments string
	format      string
	output      string
}

func newEvalCmd(s streams, run func(*evalOptions) error) *cobra.Command {
	o := &evalOptions{cfg: topics.DefaultConfig(), eval: topics.EvalOptions{Seeds: 1}, format: "table"}
	if run == nil {
		run = func(o *evalOptions) error { return runEval(s, o) }
	}
	cmd := &cobra.Command{
		Use:   "eval CORPUS --truth FIELD",
		Short: "Score clusters against gold labels (NMI, ARI, B-cubed, ...)",
		Long: `eval clusters CORPUS with the same flags as cluster (or reads the clusters
from --assignments, a JSON or CSV file written by topics cluster) and scores
them against the gold field named by --truth: NMI, AMI, ARI, V-measure,
homogeneity, completeness, purity, B-cubed precision/recall/F1, and the cosine
silhouette. With --seeds N it runs seeds --seed … --seed+N-1 and reports each
metric's mean ± sample standard deviation.

Documents whose gold field is empty are clustered but not scored. Documents
with no terms (cluster -1) are scored as one extra cluster.`,
		Example: `  topics eval ../shared/corpora/bbc.jsonl.gz --truth label --k 5 --seeds 5
  topics eval ../shared/corpora/uci-news-aggregator-sample.jsonl.gz --truth story --k 87
  topics eval corpus.jsonl --truth label --assignments clusters.json`,
		Args: cobra.ExactArgs(1),
	}
	b := newBinder(cmd)
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		o.args = args
		if o.truth == "" {
			return errors.New("--truth FIELD is required (for example label or story)")
		}
		o.corpus.opt.LabelField = o.truth
		if err := checkOutput(o.output, append(o.args, o.assignments)...); err != nil {
			return err
		}
		if err := b.checkConfig(&o.cfg, o.ngram); err != nil {
			return err
		}
		if o.assignments != "" {
			o.eval.Assignments = map[string]int{} // checked against Seeds now, read in runEval
		}
		if err := b.flagError(o.eval.Validate()); err != nil {
			return err
		}
		return b.flagError(run(o))
	}
	o.corpus.register(b)
	pipelineFlags(b, &o.cfg, &o.ngram)
	b.stringVar(&o.truth, "truth", "the gold field to score against, e.g. label or story (required)")
	b.intVar(&o.eval.Seeds, "seeds", "Seeds", "number of runs, with seeds --seed, --seed+1, ...")
	b.stringVar(&o.assignments, "assignments", "score this JSON or CSV from topics cluster instead of clustering")
	stringEnumVar(b, &o.format, "format", []string{"table", "json"}, "output format: table or json")
	b.fl().StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	return cmd
}

func runEval(s streams, o *evalOptions) error {
	docs, name, err := o.corpus.load(o.args, s)
	if err != nil {
		return err
	}
	if o.assignments != "" {
		f, err := os.Open(o.assignments)
		if err != nil {
			return err
		}
		o.eval.Assignments, err = report.ReadAssignments(f, o.assignments)
		f.Close()
		if err != nil {
			return err
		}
	}
	o.cfg.Progress = s.progress()
	ev, err := topics.Evaluate(context.Background(), docs, o.cfg, o.eval)
	if err != nil {
		return err
	}
	ev.Corpus = name
	return s.write(o.output, func(w io.Writer) error {
		if o.format == "json" {
			return report.WriteJSON(w, ev)
		}
		return report.WriteEvalTable(w, ev)
	})
}
