package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/internal/atomicfile"
	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/vectorize"
)

// vectorizeOptions are the parsed flags and arguments of topics vectorize.
type vectorizeOptions struct {
	args   []string
	corpus corpusFlags
	cfg    topics.Config
	ngram  []int
	output string
}

func newVectorizeCmd(s streams, run func(*vectorizeOptions) error) *cobra.Command {
	o := &vectorizeOptions{cfg: topics.DefaultConfig()}
	if run == nil {
		run = func(o *vectorizeOptions) error { return runVectorize(s, o) }
	}
	cmd := &cobra.Command{
		Use:   "vectorize [CORPUS] -o DIR",
		Short: "Write the TF-IDF matrix, vocabulary and LSA vectors of a corpus",
		Long: `vectorize writes into DIR (created if needed):

  tfidf.mtx       the documents × terms TF-IDF matrix, Matrix Market coordinate
                  format (scipy.io.mmread reads it); rows L2-normalized
  vocabulary.txt  one term per line, in column order
  ids.txt         one document id per line, in row order
  lsa.csv         the LSA vectors: a header "id,d0,d1,..." then one row per
                  document, L2-normalized

The files are written to a temporary directory first, which takes DIR's
place only when all of them are complete: a reader sees the old files or the
new ones, never a mix. An existing DIR must hold nothing but these files.`,
		Example: `  topics vectorize ../shared/corpora/bbc.jsonl.gz --stop-words english --min-df 5 -o out/`,
		Args:    cobra.MaximumNArgs(1),
	}
	b := newBinder(cmd)
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		o.args = args
		if o.output == "" {
			return errors.New("-o DIR is required")
		}
		if err := atomicfile.SameAsInput(o.output, o.args...); err != nil {
			return err
		}
		if err := b.checkConfig(&o.cfg, o.ngram); err != nil {
			return err
		}
		return b.flagError(run(o))
	}
	o.corpus.register(b)
	vectorsFlags(b, &o.cfg, &o.ngram)
	b.fl().StringVarP(&o.output, "output", "o", "", "directory to write into (required)")
	return cmd
}

func runVectorize(s streams, o *vectorizeOptions) error {
	docs, _, err := o.corpus.load(o.args, s)
	if err != nil {
		return err
	}
	o.cfg.Progress = s.progress()
	m, err := topics.FitVectors(context.Background(), docs, o.cfg)
	if err != nil {
		return err
	}
	if len(m.Empty) > 0 {
		fmt.Fprintf(s.err, "topics: warning: %d document(s) have no terms in the vocabulary (all-zero rows)\n", len(m.Empty))
	}
	return writeVectors(s, o.output, m)
}

// writeVectors writes the files of topics vectorize into dir.
func writeVectors(s streams, dir string, m *topics.Model) error {
	err := atomicfile.WriteDir(dir, s.temps, []atomicfile.DirFile{
		{Name: "tfidf.mtx", Write: func(w io.Writer) error { return vectorize.WriteMatrixMarket(w, m.TFIDF) }},
		{Name: "vocabulary.txt", Write: func(w io.Writer) error { return report.WriteVocabulary(w, m) }},
		{Name: "ids.txt", Write: func(w io.Writer) error { return report.WriteIDs(w, m) }},
		{Name: "lsa.csv", Write: func(w io.Writer) error { return report.WriteLSACSV(w, m) }},
	})
	if err != nil {
		return fmt.Errorf("-o %s: %w", dir, err)
	}
	return nil
}
