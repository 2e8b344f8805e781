package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/report"
)

type evalOptions struct {
	corpus      corpusFlags
	pipe        pipelineFlags
	truth       string
	seeds       int
	assignments string
	format      string
	output      string
}

func newEvalCmd(s streams) *cobra.Command {
	o := &evalOptions{}
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
		RunE: func(cmd *cobra.Command, args []string) error {
			var render func(io.Writer, *report.Evaluation) error
			switch o.format {
			case "table":
				render = report.WriteEvalTable
			case "json":
				render = func(w io.Writer, ev *report.Evaluation) error { return report.WriteJSON(w, ev) }
			default:
				return fmt.Errorf("--format %q: want table or json", o.format)
			}
			if o.truth == "" {
				return fmt.Errorf("--truth FIELD is required (for example label or story)")
			}
			if o.seeds < 1 {
				return fmt.Errorf("--seeds %d: must be at least 1", o.seeds)
			}
			if o.assignments != "" && cmd.Flags().Changed("seeds") && o.seeds != 1 {
				return fmt.Errorf("--seeds %d: given assignments are scored once", o.seeds)
			}
			cfg, err := o.pipe.config(cmd)
			if err != nil {
				return err
			}
			o.corpus.labelField = o.truth
			docs, name, err := o.corpus.load(args, s)
			if err != nil {
				return err
			}
			opt := report.EvalOptions{Seeds: o.seeds}
			if o.assignments != "" {
				f, err := os.Open(o.assignments)
				if err != nil {
					return err
				}
				opt.Assignments, err = report.ReadAssignments(f, o.assignments)
				f.Close()
				if err != nil {
					return err
				}
			}
			cfg.Progress = s.progress()
			ev, err := report.Evaluate(docs, cfg, opt)
			if err != nil {
				return err
			}
			ev.Corpus = name
			return writeOutput(o.output, s.out, func(w io.Writer) error { return render(w, ev) })
		},
	}
	o.corpus.register(cmd)
	o.pipe.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&o.truth, "truth", "", "the gold field to score against, e.g. label or story (required)")
	fl.IntVar(&o.seeds, "seeds", 1, "number of runs, with seeds --seed, --seed+1, ...")
	fl.StringVar(&o.assignments, "assignments", "", "score this JSON or CSV from topics cluster instead of clustering")
	fl.StringVar(&o.format, "format", "table", "output format: table or json")
	fl.StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	return cmd
}
