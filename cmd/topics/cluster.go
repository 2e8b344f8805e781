package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/report"
)

type clusterOptions struct {
	corpus   corpusFlags
	vec      vectorizeFlags
	lsa      lsaFlags
	kmeans   kmeansFlags
	format   string
	output   string
	topTerms int
	members  int
}

func newClusterCmd(s streams) *cobra.Command {
	o := &clusterOptions{}
	cmd := &cobra.Command{
		Use:   "cluster [CORPUS]",
		Short: "Group articles into clusters and show what each is about",
		Long: `cluster reads a corpus, weighs its terms by TF-IDF, reduces the vectors
with LSA and groups them with spherical k-means (cosine similarity). For each
cluster it prints its size, top terms and members; JSON and CSV carry every
document's id and cluster.

Without --k, k is the one with the best cosine silhouette between --k-min and
--k-max. Documents with no terms are kept in cluster -1 and reported.`,
		Example: `  topics cluster
  topics cluster ../shared/corpora/bbc.jsonl.gz --k 5
  topics cluster articles/ --format json -o clusters.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCluster(cmd, o, args, s)
		},
	}
	o.corpus.register(cmd)
	o.vec.register(cmd)
	o.lsa.register(cmd)
	o.kmeans.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&o.format, "format", "table", "output format: table, json or csv")
	fl.StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	fl.IntVar(&o.topTerms, "top-terms", 10, "top terms listed per cluster")
	fl.IntVar(&o.members, "members", 10, "member titles shown per cluster in the table (-1: all)")
	return cmd
}

func runCluster(cmd *cobra.Command, o *clusterOptions, args []string, s streams) error {
	var render func(io.Writer, *report.Report) error
	switch o.format {
	case "table":
		render = func(w io.Writer, r *report.Report) error {
			return report.WriteTable(w, r, report.TableOptions{Members: o.members})
		}
	case "json":
		render = func(w io.Writer, r *report.Report) error { return report.WriteJSON(w, r) }
	case "csv":
		render = report.WriteCSV
	default:
		return fmt.Errorf("--format %q: want table, json or csv", o.format)
	}
	if o.topTerms < 1 {
		return fmt.Errorf("--top-terms %d: must be at least 1", o.topTerms)
	}
	if o.members == 0 || o.members < -1 {
		return fmt.Errorf("--members %d: must be at least 1, or -1 for all", o.members)
	}
	vec, err := o.vec.options()
	if err != nil {
		return err
	}
	cfg, err := o.lsa.config(vec)
	if err != nil {
		return err
	}
	if err := o.kmeans.apply(cmd, &cfg); err != nil {
		return err
	}
	docs, name, err := o.corpus.load(args, s)
	if err != nil {
		return err
	}
	m, err := report.Fit(docs, cfg)
	if err != nil {
		return err
	}
	r := report.Build(m, report.BuildOptions{Corpus: name, TopTerms: o.topTerms, KRequested: cfg.K, Seed: cfg.Seed})
	for _, w := range r.Warnings {
		fmt.Fprintf(s.err, "topics: warning: %s\n", w)
	}
	return writeOutput(o.output, s.out, func(w io.Writer) error { return render(w, r) })
}
