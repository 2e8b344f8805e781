package main

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/report"
)

type clusterOptions struct {
	corpus   corpusFlags
	pipe     pipelineFlags
	format   string
	output   string
	topTerms int
	members  int
	width    int
	themes   bool
}

func newClusterCmd(s streams) *cobra.Command {
	o := &clusterOptions{}
	cmd := &cobra.Command{
		Use:   "cluster [CORPUS]",
		Short: "Group articles into clusters and show what each is about",
		Long: `cluster reads a corpus, weighs its terms by TF-IDF, reduces the vectors
with LSA and groups them with spherical k-means (cosine similarity). For each
cluster it reports its theme (a label made of key phrases), top terms, a short
extractive summary, its representative documents, the clusters nearest to it
and its members; JSON, JSON Lines and CSV carry every document's id, cluster
and similarity.

Formats (--format):
  table     for a terminal, fitted to --width (default $COLUMNS, else 100);
            --themes shows each theme in full (phrases with weights, summary,
            representative documents) instead of the members
  markdown  a Markdown document
  json      the whole report (schema: docs/schema.md, docs/schema.json)
  jsonl     one JSON object per document: id, title, label, cluster,
            similarity, theme
  csv       one row per document: id, title, label, cluster, similarity
            (key phrases and summaries are not computed for it)
  html      one self-contained page: theme cards, a map of the documents and
            a similarity heat map (no network, no script)
  svg, png  the similarity heat map alone

Without --k, k is chosen between --k-min and --k-max (default ⌈3√n⌉ for n
documents) as the one whose clusters are both reproducible (k-means from
different seedings agrees) and respected by each document's nearest
neighbours (modularity). Documents with no terms are kept in cluster -1 and
reported.`,
		Example: `  topics cluster
  topics cluster --themes
  topics cluster ../shared/corpora/bbc.jsonl.gz --k 5
  topics cluster --format html -o report.html
  topics cluster articles/ --format json -o clusters.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCluster(cmd, o, args, s)
		},
	}
	o.corpus.register(cmd)
	o.pipe.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&o.format, "format", "table", "output format: table, markdown, json, jsonl, csv, html, svg or png")
	fl.StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	fl.IntVar(&o.topTerms, "top-terms", 10, "top terms listed per cluster")
	fl.IntVar(&o.members, "members", 10, "member titles shown per cluster in the table and Markdown (-1: all)")
	fl.IntVar(&o.width, "width", 0, "width of the table in columns (0: $COLUMNS, else 100)")
	fl.BoolVar(&o.themes, "themes", false, "table: show each cluster's theme in full instead of its members")
	return cmd
}

func runCluster(cmd *cobra.Command, o *clusterOptions, args []string, s streams) error {
	width, err := tableWidth(o.width)
	if err != nil {
		return err
	}
	if o.themes && o.format != "table" {
		return fmt.Errorf("--themes: only with --format table (the other formats always carry the themes)")
	}
	var render func(io.Writer, *report.Report) error
	switch o.format {
	case "table":
		render = func(w io.Writer, r *report.Report) error {
			return report.WriteTable(w, r, report.TableOptions{Members: o.members, Width: width, Themes: o.themes})
		}
	case "markdown":
		render = func(w io.Writer, r *report.Report) error {
			return report.WriteMarkdown(w, r, report.MarkdownOptions{Members: o.members})
		}
	case "json":
		render = func(w io.Writer, r *report.Report) error { return report.WriteJSON(w, r) }
	case "jsonl":
		render = report.WriteJSONLines
	case "csv":
		render = report.WriteCSV
	case "html":
		render = func(w io.Writer, r *report.Report) error { return report.WriteHTML(w, r, report.HTMLOptions{}) }
	case "svg", "png":
		render = func(w io.Writer, r *report.Report) error {
			return report.WriteHeatmap(w, r, report.HeatmapOptions{Format: o.format})
		}
	default:
		return fmt.Errorf("--format %q: want table, markdown, json, jsonl, csv, html, svg or png", o.format)
	}
	if o.topTerms < 1 {
		return fmt.Errorf("--top-terms %d: must be at least 1", o.topTerms)
	}
	if o.members == 0 || o.members < -1 {
		return fmt.Errorf("--members %d: must be at least 1, or -1 for all", o.members)
	}
	cfg, err := o.pipe.config(cmd)
	if err != nil {
		return err
	}
	docs, name, err := o.corpus.load(args, s)
	if err != nil {
		return err
	}
	cfg.Progress = s.progress()
	m, err := report.Fit(docs, cfg)
	if err != nil {
		return err
	}
	r := report.Build(m, report.BuildOptions{Corpus: name, TopTerms: o.topTerms, KRequested: cfg.K, Seed: cfg.Seed,
		Progress: s.progress(), SkipThemes: o.format == "csv"})
	s.warn(r.Warnings)
	return writeOutput(o.output, s.out, func(w io.Writer) error { return render(w, r) })
}

// tableWidth returns the --width flag, or when it is 0 the terminal width
// in $COLUMNS, or 100.
func tableWidth(flag int) (int, error) {
	if flag < 0 {
		return 0, fmt.Errorf("--width %d: must not be negative", flag)
	}
	if flag > 0 {
		return flag, nil
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n, nil
	}
	return 100, nil
}
