package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
)

// fitOptions are the parsed flags and arguments of topics fit.
type fitOptions struct {
	args   []string
	corpus corpusFlags
	cfg    topics.Config
	ngram  []int
	save   topics.SaveOptions
	output string
}

func newFitCmd(s streams, run func(*fitOptions) error) *cobra.Command {
	o := &fitOptions{cfg: topics.DefaultConfig(), save: topics.DefaultSaveOptions()}
	if run == nil {
		run = func(o *fitOptions) error { return runFit(s, o) }
	}
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
	}
	b := newBinder(cmd)
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		o.args = args
		if o.output == "" || o.output == "-" {
			return errors.New("--output: give the file to write the model to")
		}
		if err := checkOutput(o.output, o.args...); err != nil {
			return err
		}
		if o.save.IndexTerms < 0 {
			return fmt.Errorf("--index-terms %d: must not be negative", o.save.IndexTerms)
		}
		if err := b.checkConfig(&o.cfg, o.ngram); err != nil {
			return err
		}
		return b.flagError(run(o))
	}
	o.corpus.register(b)
	pipelineFlags(b, &o.cfg, &o.ngram)
	b.fl().StringVarP(&o.output, "output", "o", "", "write the model to this file (atomically); required")
	b.boolVar(&o.save.Index, "index", "keep the documents (ids, titles, vectors, top terms) for neighbours and queries")
	b.intVar(&o.save.IndexTerms, "index-terms", "IndexTerms", "TF-IDF terms kept per indexed document to explain matches")
	return cmd
}

func runFit(s streams, o *fitOptions) error {
	docs, _, err := o.corpus.load(o.args, s)
	if err != nil {
		return err
	}
	o.cfg.Progress = s.progress()
	m, err := topics.Fit(context.Background(), docs, o.cfg)
	if err != nil {
		return err
	}
	s.warn(m.Warnings)
	saved, err := m.Saved(o.save)
	if err != nil {
		return err
	}
	if err := s.write(o.output, func(w io.Writer) error { return saved.Save(w) }); err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(o.output); err == nil {
		size = fi.Size()
	}
	indexed := "no index"
	if o.save.Index {
		indexed = fmt.Sprintf("%d documents indexed", len(docs))
	}
	_, terms := m.TFIDF.Dims()
	fmt.Fprintf(s.err, "topics: saved %s (%.1f MB): %d documents, %d terms, %d dimensions, k = %d, %s\n",
		o.output, float64(size)/1e6, len(docs), terms, m.LSA.Dims(), m.Clusters.K, indexed)
	return nil
}
