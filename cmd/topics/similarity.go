package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/report"
)

// similarityOptions are the parsed flags and arguments of topics similarity.
type similarityOptions struct {
	args   []string
	corpus corpusFlags
	cfg    topics.Config
	ngram  []int
	sim    topics.SimilarityOptions
	top    bool // --top given: neighbours instead of the matrix
	topN   int
	format string
	output string
}

func newSimilarityCmd(s streams, run func(*similarityOptions) error) *cobra.Command {
	o := &similarityOptions{cfg: topics.DefaultConfig(), sim: topics.DefaultSimilarityOptions(), format: "table"}
	if run == nil {
		run = func(o *similarityOptions) error { return runSimilarity(s, o) }
	}
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
	}
	b := newBinder(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		o.args = args
		if o.top = cmd.Flags().Changed("top"); o.top {
			o.sim.Neighbors = o.topN
		}
		if o.format == "jsonl" && !o.top {
			return errors.New("--format jsonl: JSON Lines is for --top; the matrix is written with --format json")
		}
		if err := checkOutput(o.output, o.args...); err != nil {
			return err
		}
		if err := b.checkConfig(&o.cfg, o.ngram); err != nil {
			return err
		}
		if err := b.flagError(o.sim.Validate()); err != nil {
			return err
		}
		return b.flagError(run(o))
	}
	o.corpus.register(b)
	vectorsFlags(b, &o.cfg, &o.ngram)
	spaces := topics.Spaces()
	enumVar(b, &o.sim.Space, "space", []string{string(spaces[0]), string(spaces[1])}, spaces, "where to measure cosines: lsa or tfidf")
	b.fl().IntVar(&o.topN, "top", 0, "list each document's N nearest neighbours instead of the whole matrix")
	b.field("Neighbors", "top")
	b.intVar(&o.sim.MaxDocs, "max-docs", "MaxDocs", "largest corpus for the whole matrix (-1: no limit)")
	stringEnumVar(b, &o.format, "format", []string{"table", "json", "jsonl", "csv"}, "output format: table, json (JSON Lines with --top), jsonl (with --top) or csv")
	b.fl().StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	return cmd
}

func runSimilarity(s streams, o *similarityOptions) error {
	docs, name, err := o.corpus.load(o.args, s)
	if err != nil {
		return err
	}
	o.cfg.Progress = s.progress()
	var render func(io.Writer) error
	if o.top {
		l, err := topics.NearestNeighbors(context.Background(), docs, o.cfg, o.sim)
		if err != nil {
			return err
		}
		l.Corpus = name
		s.warn(l.Warnings)
		render = map[string]func(io.Writer) error{
			"table": func(w io.Writer) error { return report.WriteNeighborsTable(w, l) },
			"json":  func(w io.Writer) error { return report.WriteNeighborsJSONL(w, l) },
			"jsonl": func(w io.Writer) error { return report.WriteNeighborsJSONL(w, l) },
			"csv":   func(w io.Writer) error { return report.WriteNeighborsCSV(w, l) },
		}[o.format]
	} else {
		m, err := topics.Similarities(context.Background(), docs, o.cfg, o.sim)
		if errors.Is(err, topics.ErrTooManyDocs) {
			return fmt.Errorf("%d documents exceed --max-docs %d for the whole matrix: use --top N for nearest neighbours, or raise --max-docs", len(docs), o.sim.MaxDocs)
		}
		if err != nil {
			return err
		}
		m.Corpus = name
		s.warn(m.Warnings)
		render = map[string]func(io.Writer) error{
			"table": func(w io.Writer) error { return report.WriteSimilarityTable(w, m, report.SimilarityTableOptions{}) },
			"json":  func(w io.Writer) error { return report.WriteSimilarityJSON(w, m) },
			"csv":   func(w io.Writer) error { return report.WriteSimilarityCSV(w, m) },
		}[o.format]
	}
	return s.write(o.output, render)
}
