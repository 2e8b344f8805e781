package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/report"
)

type duplicatesOptions struct {
	corpus    corpusFlags
	vecs      vectorsFlags
	related   bool
	threshold float64
	shingle   int
	hashes    int
	bands     int
	rows      int
	neighbors int
	linkage   string
	terms     int
	members   int
	format    string
	output    string
}

func newDuplicatesCmd(s streams) *cobra.Command {
	o := &duplicatesOptions{}
	cmd := &cobra.Command{
		Use:   "duplicates [CORPUS]",
		Short: "Find near-duplicate documents, or groups of related reports (--related)",
		Long: `duplicates finds documents that are the same text, lightly edited or
republished: pairs whose sets of word shingles (runs of --shingle words,
lowercased, stop words kept) have a Jaccard index of at least --threshold
(default 0.5). Pairs are grouped into sets (connected components).

The search scales to hundreds of thousands of documents: each text gets a
MinHash signature of --hashes values, and only pairs whose signatures agree
on a whole band (locality-sensitive hashing, --bands bands of --rows values)
are compared. By default the banding is chosen so that a pair exactly at the
threshold is missed with probability at most 1% (at 0.5: 42 bands of 3
rows, 0.4%; higher pairs less, identical texts never); the summary line
states the probability. Every candidate is verified with its exact Jaccard
index, so no reported pair is a false match.

With --related it finds groups of reports of the same story in different
words instead, without being told how many. Two documents are as similar as
the mean of their LSA cosine (same topic) and their TF-IDF cosine (shared
terms, weighted by rarity); each document's --neighbors nearest neighbours in
either are linked, and groups are merged by centroid linkage (the two groups
whose summed documents are most similar first) while that similarity is at
least --threshold (default 0.5). A document joins a story when it shares the
story's key terms with the group as a whole, and a word common to many
documents does not join stories. --linkage average (mean similarity over all
pairs of members), single (components of links >= threshold) and mutual (only
links between mutual nearest neighbours) are there to compare. Every document
gets a group; one related to no other is alone in its own.

Each pair shown is explained by the terms that contribute most to the
TF-IDF cosine of the two documents, with their shares x_t*y_t/cos (the
shares of all shared terms sum to 100%).

Formats: table; json; csv (near-duplicates: one row per pair; --related: one
row per document with columns id, title, cluster, size, nearest, similarity,
terms, which topics eval --assignments reads).`,
		Example: `  topics duplicates ../shared/corpora/bbc.jsonl.gz
  topics duplicates corpus.jsonl.gz --threshold 0.8 --format csv -o pairs.csv
  topics duplicates ../shared/corpora/uci-news-aggregator-sample.jsonl.gz --related --format csv -o groups.csv
  topics eval ../shared/corpora/uci-news-aggregator-sample.jsonl.gz --truth story --assignments groups.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDuplicates(cmd, o, args, s)
		},
	}
	o.corpus.register(cmd)
	o.vecs.register(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&o.related, "related", false, "find groups of related reports (same story, different words) instead of near-duplicates")
	fl.Float64Var(&o.threshold, "threshold", 0.5, "smallest Jaccard index of shingles, or with --related the smallest mean LSA cosine, in (0, 1]")
	fl.IntVar(&o.shingle, "shingle", report.DefaultShingle, "words per shingle")
	fl.IntVar(&o.hashes, "hashes", 128, "MinHash functions per document")
	fl.IntVar(&o.bands, "bands", 0, "LSH bands (0: chosen from --threshold and --hashes)")
	fl.IntVar(&o.rows, "rows", 0, "MinHash values per LSH band (0: chosen from --threshold and --hashes)")
	fl.IntVar(&o.neighbors, "neighbors", 10, "with --related: nearest neighbours per document that may link it")
	fl.StringVar(&o.linkage, "linkage", "centroid", "with --related: centroid, average, mutual or single")
	fl.IntVar(&o.terms, "terms", 5, "explaining terms shown per pair")
	fl.IntVar(&o.members, "members", 10, "with --related: members and pairs shown per group in the table (-1: all)")
	fl.StringVar(&o.format, "format", "table", "output format: table, json or csv")
	fl.StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	return cmd
}

func runDuplicates(cmd *cobra.Command, o *duplicatesOptions, args []string, s streams) error {
	switch o.format {
	case "table", "json", "csv":
	default:
		return fmt.Errorf("--format %q: want table, json or csv", o.format)
	}
	if !(o.threshold > 0 && o.threshold <= 1) {
		return fmt.Errorf("--threshold %g: want a value in (0, 1]", o.threshold)
	}
	switch {
	case o.shingle < 1:
		return fmt.Errorf("--shingle %d: must be at least 1", o.shingle)
	case o.hashes < 1:
		return fmt.Errorf("--hashes %d: must be at least 1", o.hashes)
	case o.bands < 0 || o.rows < 0:
		return fmt.Errorf("--bands %d, --rows %d: must not be negative", o.bands, o.rows)
	case o.bands*max(o.rows, 1) > o.hashes || o.rows*max(o.bands, 1) > o.hashes:
		return fmt.Errorf("--bands %d × --rows %d: more than the %d --hashes", o.bands, o.rows, o.hashes)
	case o.neighbors < 1:
		return fmt.Errorf("--neighbors %d: must be at least 1", o.neighbors)
	case o.terms < 1:
		return fmt.Errorf("--terms %d: must be at least 1", o.terms)
	case o.members == 0 || o.members < -1:
		return fmt.Errorf("--members %d: must be at least 1, or -1 for all", o.members)
	}
	linkage, err := cluster.ParseLinkage(o.linkage)
	if err != nil {
		return fmt.Errorf("--linkage %q: want average, mutual or single", o.linkage)
	}
	base, err := o.vecs.config()
	if err != nil {
		return err
	}
	docs, name, err := o.corpus.load(args, s)
	if err != nil {
		return err
	}
	var render func(io.Writer) error
	var warnings []string
	if o.related {
		cfg := report.RelatedConfig{
			Vectorize: base.Vectorize, LSA: base.LSA, Seed: base.Seed, Terms: o.terms,
			Related: cluster.RelatedOptions{Threshold: o.threshold, Neighbors: o.neighbors, Linkage: linkage},
		}
		r, err := report.FindRelated(docs, cfg)
		if err != nil {
			return err
		}
		r.Corpus, warnings = name, r.Warnings
		render = map[string]func(io.Writer) error{
			"table": func(w io.Writer) error {
				return report.WriteRelatedTable(w, r, report.RelatedTableOptions{Members: o.members})
			},
			"json": func(w io.Writer) error { return report.WriteJSON(w, r) },
			"csv":  func(w io.Writer) error { return report.WriteRelatedCSV(w, r) },
		}[o.format]
	} else {
		cfg := report.DuplicateConfig{
			Vectorize: base.Vectorize, Shingle: o.shingle, Seed: base.Seed, Terms: o.terms,
			MinHash:  cluster.DuplicateOptions{Threshold: o.threshold, Hashes: o.hashes, Bands: o.bands, Rows: o.rows},
			Progress: s.progress(),
		}
		r, err := report.FindDuplicates(docs, cfg)
		if err != nil {
			return err
		}
		r.Corpus, warnings = name, r.Warnings
		render = map[string]func(io.Writer) error{
			"table": func(w io.Writer) error { return report.WriteDuplicatesTable(w, r) },
			"json":  func(w io.Writer) error { return report.WriteJSON(w, r) },
			"csv":   func(w io.Writer) error { return report.WriteDuplicatesCSV(w, r) },
		}[o.format]
	}
	s.warn(warnings)
	return writeOutput(o.output, s.out, render)
}
