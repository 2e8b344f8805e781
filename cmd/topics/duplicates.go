package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/report"
)

// duplicatesOptions are the parsed flags and arguments of topics duplicates.
type duplicatesOptions struct {
	args    []string
	corpus  corpusFlags
	cfg     topics.Config
	ngram   []int
	related bool
	dup     topics.DuplicateOptions
	rel     topics.RelatedOptions
	members int
	format  string
	output  string
}

func newDuplicatesCmd(s streams, run func(*duplicatesOptions) error) *cobra.Command {
	o := &duplicatesOptions{
		cfg: topics.DefaultConfig(), dup: topics.DefaultDuplicateOptions(), rel: topics.DefaultRelatedOptions(),
		members: 10, format: "table",
	}
	if run == nil {
		run = func(o *duplicatesOptions) error { return runDuplicates(s, o) }
	}
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
	}
	b := newBinder(cmd)
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		o.args = args
		o.rel.Threshold, o.rel.Terms = o.dup.Threshold, o.dup.Terms // one flag each for both
		if err := o.validate(b); err != nil {
			return err
		}
		return b.flagError(run(o))
	}
	o.corpus.register(b)
	vectorsFlags(b, &o.cfg, &o.ngram)
	b.boolVar(&o.related, "related", "find groups of related reports (same story, different words) instead of near-duplicates")
	b.floatVar(&o.dup.Threshold, "threshold", "Threshold", "smallest Jaccard index of shingles, or with --related the smallest mean LSA cosine, in (0, 1]")
	b.intVar(&o.dup.Shingle, "shingle", "Shingle", "words per shingle")
	b.intVar(&o.dup.Hashes, "hashes", "Hashes", "MinHash functions per document")
	b.intVar(&o.dup.Bands, "bands", "Bands", "LSH bands (0: chosen from --threshold and --hashes)")
	b.intVar(&o.dup.Rows, "rows", "Rows", "MinHash values per LSH band (0: chosen from --threshold and --hashes)")
	b.intVar(&o.rel.Neighbors, "neighbors", "Neighbors", "with --related: nearest neighbours per document that may link it")
	linkages := []cluster.Linkage{cluster.CentroidLink, cluster.AverageLink, cluster.MutualLink, cluster.SingleLink}
	names := make([]string, len(linkages))
	for i, l := range linkages {
		names[i] = l.String()
	}
	enumVar(b, &o.rel.Linkage, "linkage", names, linkages, "with --related: "+joinOr(names))
	b.intVar(&o.dup.Terms, "terms", "Terms", "explaining terms shown per pair")
	b.intVar(&o.members, "members", "", "with --related: members and pairs shown per group in the table (-1: all)")
	stringEnumVar(b, &o.format, "format", []string{"table", "json", "csv"}, "output format: table, json or csv")
	b.fl().StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	return cmd
}

// validate checks the flags of the mode asked for.
func (o *duplicatesOptions) validate(b *binder) error {
	if o.members == 0 || o.members < -1 {
		return fmt.Errorf("--members %d: must be at least 1, or -1 for all", o.members)
	}
	if err := checkOutput(o.output, o.args...); err != nil {
		return err
	}
	if err := b.checkConfig(&o.cfg, o.ngram); err != nil {
		return err
	}
	if o.related {
		return b.flagError(o.rel.Validate())
	}
	return b.flagError(o.dup.Validate())
}

func runDuplicates(s streams, o *duplicatesOptions) error {
	docs, name, err := o.corpus.load(o.args, s)
	if err != nil {
		return err
	}
	o.cfg.Progress = s.progress()
	var render func(io.Writer) error
	if o.related {
		r, err := topics.FindRelated(context.Background(), docs, o.cfg, o.rel)
		if err != nil {
			return err
		}
		r.Corpus = name
		s.warn(r.Warnings)
		render = map[string]func(io.Writer) error{
			"table": func(w io.Writer) error {
				return report.WriteRelatedTable(w, r, report.RelatedTableOptions{Members: o.members})
			},
			"json": func(w io.Writer) error { return report.WriteJSON(w, r) },
			"csv":  func(w io.Writer) error { return report.WriteRelatedCSV(w, r) },
		}[o.format]
	} else {
		r, err := topics.FindDuplicates(context.Background(), docs, o.cfg, o.dup)
		if err != nil {
			return err
		}
		r.Corpus = name
		s.warn(r.Warnings)
		render = map[string]func(io.Writer) error{
			"table": func(w io.Writer) error { return report.WriteDuplicatesTable(w, r) },
			"json":  func(w io.Writer) error { return report.WriteJSON(w, r) },
			"csv":   func(w io.Writer) error { return report.WriteDuplicatesCSV(w, r) },
		}[o.format]
	}
	return s.write(o.output, render)
}
