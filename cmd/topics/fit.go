package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/report"
)

type fitOptions struct {
	corpus     corpusFlags
	pipe       pipelineFlags
	output     string
	index      bool
	indexTerms int
}

func newFitCmd(s streams) *cobra.Command {
	o := &fitOptions{}
	cmd := &cobra.Command{
		Use:   "fit [CORPUS] -o MODEL",
		Short: "Cluster a corpus once and save the model to place new articles later",
		Long: `fit clusters a corpus exactly as the cluster command does (same flags, same
result) and saves what is needed to place new documents: the tokenizer
options, vocabulary and document frequencies, the LSA basis, the centroids
and each cluster's label and key phrases. With --index it also keeps every
document's id, title, LSA vector and heaviest TF-IDF terms, so that assign
can list neighbours and query can find similar documents.

The file format is versioned and checksummed: see docs/model-format.md.`,
		Example: `  topics fit ../shared/corpora/bbc.jsonl.gz --k 5 --index -o bbc.topics
  topics assign --model bbc.topics new.jsonl
  topics query --model bbc.topics "interest rates"`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFit(cmd, o, args, s)
		},
	}
	o.corpus.register(cmd)
	o.pipe.register(cmd)
	fl := cmd.Flags()
	fl.StringVarP(&o.output, "output", "o", "", "write the model to this file (atomically); required")
	fl.BoolVar(&o.index, "index", false, "keep the documents (ids, titles, vectors, top terms) for neighbours and queries")
	fl.IntVar(&o.indexTerms, "index-terms", 32, "TF-IDF terms kept per indexed document to explain matches")
	return cmd
}

func runFit(cmd *cobra.Command, o *fitOptions, args []string, s streams) error {
	if o.output == "" || o.output == "-" {
		return errors.New("--output: give the file to write the model to")
	}
	if o.indexTerms < 0 {
		return fmt.Errorf("--index-terms %d: must not be negative", o.indexTerms)
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
	r := report.Build(m, report.BuildOptions{Corpus: name, KRequested: cfg.K, Seed: cfg.Seed, Summary: -1, Progress: s.progress()})
	s.warn(r.Warnings)
	terms := o.indexTerms
	if terms == 0 {
		terms = -1 // the option's zero value means the default
	}
	saved, err := report.NewSavedModel(m, r, report.SaveOptions{Index: o.index, IndexTerms: terms})
	if err != nil {
		return err
	}
	if err := report.SaveModel(o.output, saved); err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(o.output); err == nil {
		size = fi.Size()
	}
	indexed := "no index"
	if o.index {
		indexed = fmt.Sprintf("%d documents indexed", len(docs))
	}
	fmt.Fprintf(s.err, "topics: saved %s (%.1f MB): %d documents, %d terms, %d dimensions, k = %d, %s\n",
		o.output, float64(size)/1e6, len(docs), r.Terms, r.Dims, r.K, indexed)
	return nil
}
