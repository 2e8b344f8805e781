package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/report/html"
)

// clusterOptions are the parsed flags and arguments of topics cluster.
type clusterOptions struct {
	args    []string
	corpus  corpusFlags
	cfg     topics.Config
	ngram   []int
	report  report.Options
	format  string
	output  string
	members int
	width   int
	themes  bool
	model   string
	// fitFlags are the flags given that set the fit, which --model fixes.
	fitFlags []string
}

// clusterFormats are the values of topics cluster --format.
var clusterFormats = []string{"table", "markdown", "json", "jsonl", "csv", "timeline", "html", "svg", "png"}

func newClusterCmd(s streams, run func(*clusterOptions) error) *cobra.Command {
	o := &clusterOptions{cfg: topics.DefaultConfig(), report: report.DefaultOptions(), format: "table", members: 10}
	if run == nil {
		run = func(o *clusterOptions) error { return runCluster(s, o) }
	}
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
  jsonl     one JSON object per document: id, title, gold, cluster, parent,
            similarity, theme
  csv       one row per document: id, title, gold, cluster, parent, similarity
            (key phrases and summaries are not computed for it)
  timeline  CSV of documents per period and cluster (start, end, cluster,
            theme, documents), from the dates of --date-field
  html      one self-contained page: theme cards, a map of the documents and
            a similarity heat map (no network, no script)
  svg, png  the similarity heat map alone

Without --k, k is chosen between --k-min and --k-max (default ⌈3√n⌉ for n
documents) as the one whose clusters are both reproducible (k-means from
different seedings agrees) and respected by each document's nearest
neighbours (modularity), and the clusters are grouped into coarser theme
groups when the data holds such a level (each document's parent). Documents
with no terms are kept in cluster -1 and reported.

With --model, the corpus is not fitted: its documents are placed in the
clusters of a model saved by fit (as assign does), and the report shows that
model's clusters and names (see label).`,
		Example: `  topics cluster
  topics cluster --themes
  topics cluster ../shared/corpora/bbc.jsonl.gz --k 5
  topics cluster --format html -o report.html
  topics cluster articles/ --format json -o clusters.json`,
		Args: cobra.MaximumNArgs(1),
	}
	b := newBinder(cmd)
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		o.args = args
		if err := o.validate(b); err != nil {
			return err
		}
		return b.flagError(run(o))
	}
	o.corpus.register(b)
	o.corpus.registerDates(b)
	before := flagSet(cmd)
	pipelineFlags(b, &o.cfg, &o.ngram)
	themeFlags(b)
	fitOnly := newFlags(cmd, before)
	cmd.PreRun = func(cmd *cobra.Command, _ []string) {
		o.fitFlags = nil
		for _, f := range fitOnly {
			if cmd.Flags().Changed(f) {
				o.fitFlags = append(o.fitFlags, "--"+f)
			}
		}
	}
	b.stringVar(&o.model, "model", "place the corpus in the clusters of this model (saved by fit) instead of fitting")
	stringEnumVar(b, &o.format, "format", clusterFormats, "output format: "+joinOr(clusterFormats))
	b.fl().StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	b.intVar(&o.report.TopTerms, "top-terms", "TopTerms", "top terms listed per cluster")
	b.intVar(&o.members, "members", "", "member titles shown per cluster in the table and Markdown (-1: all)")
	b.intVar(&o.width, "width", "", "width of the table in columns (0: $COLUMNS, else 100)")
	b.boolVar(&o.themes, "themes", "table: show each cluster's theme in full instead of its members")
	return cmd
}

// validate checks the flags that need more than their type.
func (o *clusterOptions) validate(b *binder) error {
	switch {
	case o.themes && o.format != "table":
		return fmt.Errorf("--themes: only with --format table (the other formats always carry the themes)")
	case o.members == 0 || o.members < -1:
		return fmt.Errorf("--members %d: must be at least 1, or -1 for all", o.members)
	case o.format == "csv" && b.excludeFile != "":
		return fmt.Errorf("--exclude-phrases: CSV has no themes; use another --format")
	case o.width < 0:
		return fmt.Errorf("--width %d: must not be negative", o.width)
	case o.format == "timeline" && o.corpus.opt.DateField == "":
		return fmt.Errorf("--format timeline: give the field holding the dates with --date-field")
	}
	if err := checkOutput(o.output, append(o.args, o.model)...); err != nil {
		return err
	}
	if o.model != "" && len(o.fitFlags) > 0 {
		return fmt.Errorf("%s: the model fixes the fit; leave out %s with --model", o.fitFlags[0], strings.Join(o.fitFlags, ", "))
	}
	if o.format == "csv" {
		// CSV has no themes: do not compute them, nor keep the text they
		// would read.
		o.cfg.KeyPhrases, o.report.Summary, o.cfg.DropText = 0, 0, true
	}
	// Only the pictures (html, svg, png) draw the report's views.
	o.report.NoViews = !slices.Contains([]string{"html", "svg", "png"}, o.format)
	if err := b.flagError(o.report.Validate()); err != nil {
		return err
	}
	return b.checkConfig(&o.cfg, o.ngram)
}

func runCluster(s streams, o *clusterOptions) error {
	docs, name, err := o.corpus.start(o.args, s, &o.cfg)
	if err != nil {
		return err
	}
	m, err := o.fit(docs)
	if err != nil {
		return err
	}
	opt := o.report
	opt.Corpus = name
	r := report.Build(m, opt)
	s.warn(r.Warnings)
	return s.write(o.output, func(w io.Writer) error { return o.render(w, r) })
}

// fit fits the corpus, or places it in the clusters of --model.
func (o *clusterOptions) fit(docs []corpus.Document) (*topics.Model, error) {
	if o.model == "" {
		return topics.Fit(context.Background(), docs, o.cfg)
	}
	saved, err := topics.LoadFile(o.model)
	if err != nil {
		return nil, err
	}
	return saved.Model(context.Background(), docs)
}

// render writes r in o.format.
func (o *clusterOptions) render(w io.Writer, r *report.Report) error {
	switch o.format {
	case "table":
		return report.WriteTable(w, r, report.TableOptions{Members: o.members, Width: tableWidth(o.width), Themes: o.themes})
	case "markdown":
		return report.WriteMarkdown(w, r, report.MarkdownOptions{Members: o.members})
	case "json":
		return report.WriteJSON(w, r)
	case "jsonl":
		return report.WriteJSONLines(w, r)
	case "csv":
		return report.WriteCSV(w, r)
	case "timeline":
		return report.WriteTimelineCSV(w, r)
	case "html":
		return html.Write(w, r, html.Options{})
	default: // svg, png
		return html.WriteHeatmap(w, r, html.HeatmapOptions{Format: o.format})
	}
}

// tableWidth returns the --width flag, or when it is 0 the terminal width
// in $COLUMNS, or 100.
func tableWidth(flag int) int {
	if flag > 0 {
		return flag
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 100
}
