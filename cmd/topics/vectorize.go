package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/report"
)

type vectorizeOptions struct {
	corpus corpusFlags
	vecs   vectorsFlags
	output string
}

func newVectorizeCmd(s streams) *cobra.Command {
	o := &vectorizeOptions{}
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

The files are written to a temporary directory first and moved into DIR only
when all of them are complete.`,
		Example: `  topics vectorize ../shared/corpora/bbc.jsonl.gz --stop-words english --min-df 5 -o out/`,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.output == "" {
				return fmt.Errorf("-o DIR is required")
			}
			cfg, err := o.vecs.config()
			if err != nil {
				return err
			}
			docs, _, err := o.corpus.load(args, s)
			if err != nil {
				return err
			}
			cfg.Progress = s.progress()
			m, err := report.FitVectors(docs, cfg)
			if err != nil {
				return err
			}
			if len(m.Empty) > 0 {
				fmt.Fprintf(s.err, "topics: warning: %d document(s) have no terms in the vocabulary (all-zero rows)\n", len(m.Empty))
			}
			return report.WriteVectors(o.output, m)
		},
	}
	o.corpus.register(cmd)
	o.vecs.register(cmd)
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "directory to write into (required)")
	return cmd
}
