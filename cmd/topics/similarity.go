package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/report"
)

type similarityOptions struct {
	corpus  corpusFlags
	vecs    vectorsFlags
	space   string
	top     int
	maxDocs int
	format  string
	output  string
}

func newSimilarityCmd(s streams) *cobra.Command {
	o := &similarityOptions{}
	cmd := &cobra.Command{
		Use:   "similarity [CORPUS]",
		Short: "Show the cosine similarity of every pair of documents, or each one's nearest neighbours",
		Long: `similarity measures how alike the documents of a corpus are: the cosine of
their LSA vectors (--space lsa, the default: same subject, different words) or
of their TF-IDF vectors (--space tfidf: shared weighty terms).

Without --top it prints the whole matrix: symmetric, within [-1, 1], 1 on the
diagonal. As a table each row is labeled with the document's number and short
title and each column with the number; CSV has a header of document ids;
JSON holds the ids, titles and rows. The matrix grows as the square of the
corpus, so corpora above --max-docs documents are refused.

With --top N it lists each document's N most similar other documents instead
(ties broken by input order), as JSON Lines (--format json), CSV or a table.
They are computed in blocks on every core without building the whole matrix,
so this scales to large corpora.

A document with no terms in the vocabulary has similarity 0 to every
document, itself included, and no neighbours; it is named in a warning.`,
		Example: `  topics similarity
  topics similarity --space tfidf --format csv
  topics similarity ../shared/corpora/20newsgroups.jsonl.gz --top 10 --format json -o neighbours.jsonl`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSimilarity(cmd, o, args, s)
		},
	}
	o.corpus.register(cmd)
	o.vecs.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&o.space, "space", "lsa", "where to measure cosines: lsa or tfidf")
	fl.IntVar(&o.top, "top", 0, "list each document's N nearest neighbours instead of the whole matrix")
	fl.IntVar(&o.maxDocs, "max-docs", 5000, "largest corpus for the whole matrix (-1: no limit)")
	fl.StringVar(&o.format, "format", "table", "output format: table, json (JSON Lines with --top) or csv")
	fl.StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	return cmd
}

func runSimilarity(cmd *cobra.Command, o *similarityOptions, args []string, s streams) error {
	top := cmd.Flags().Changed("top")
	if top && o.top < 1 {
		return fmt.Errorf("--top %d: must be at least 1", o.top)
	}
	space, err := report.ParseSpace(o.space)
	if err != nil {
		return fmt.Errorf("--space %q: want lsa or tfidf", o.space)
	}
	switch o.format {
	case "table", "json", "csv":
	case "jsonl":
		if !top {
			return fmt.Errorf("--format jsonl: JSON Lines is for --top; the matrix is written with --format json")
		}
	default:
		return fmt.Errorf("--format %q: want table, json or csv", o.format)
	}
	if o.maxDocs == 0 || o.maxDocs < -1 {
		return fmt.Errorf("--max-docs %d: must be at least 1, or -1 for no limit", o.maxDocs)
	}
	base, err := o.vecs.config()
	if err != nil {
		return err
	}
	cfg := report.SimilarityConfig{Vectorize: base.Vectorize, LSA: base.LSA, Seed: base.Seed, Space: space, MaxDocs: o.maxDocs,
		Progress: s.progress()}
	docs, name, err := o.corpus.load(args, s)
	if err != nil {
		return err
	}
	var render func(io.Writer) error
	var warnings []string
	if top {
		l, err := report.NearestNeighbors(docs, cfg, o.top)
		if err != nil {
			return err
		}
		l.Corpus, warnings = name, l.Warnings
		render = map[string]func(io.Writer) error{
			"table": func(w io.Writer) error { return report.WriteNeighborsTable(w, l) },
			"json":  func(w io.Writer) error { return report.WriteNeighborsJSONL(w, l) },
			"jsonl": func(w io.Writer) error { return report.WriteNeighborsJSONL(w, l) },
			"csv":   func(w io.Writer) error { return report.WriteNeighborsCSV(w, l) },
		}[o.format]
	} else {
		m, err := report.Similarities(docs, cfg)
		if errors.Is(err, report.ErrTooManyDocs) {
			return fmt.Errorf("%d documents exceed --max-docs %d for the whole matrix: use --top N for nearest neighbours, or raise --max-docs", len(docs), o.maxDocs)
		}
		if err != nil {
			return err
		}
		m.Corpus, warnings = name, m.Warnings
		render = map[string]func(io.Writer) error{
			"table": func(w io.Writer) error { return report.WriteSimilarityTable(w, m, report.SimilarityTableOptions{}) },
			"json":  func(w io.Writer) error { return report.WriteSimilarityJSON(w, m) },
			"csv":   func(w io.Writer) error { return report.WriteSimilarityCSV(w, m) },
		}[o.format]
	}
	s.warn(warnings)
	return writeOutput(o.output, s.out, render)
}
