package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
)

// queryOptions are the parsed flags and arguments of topics query.
type queryOptions struct {
	args   []string
	model  string
	file   string
	query  topics.QueryOptions
	format string
	output string
}

func newQueryCmd(s streams, run func(*queryOptions) error) *cobra.Command {
	o := &queryOptions{query: topics.DefaultQueryOptions(), format: "table"}
	if run == nil {
		run = func(o *queryOptions) error { return runQuery(s, o) }
	}
	cmd := &cobra.Command{
		Use:   `query --model MODEL ("TEXT" | --file FILE)`,
		Short: "Find the indexed articles most similar to a text",
		Long: `query finds the documents of an indexed model (fit --index) most similar to
a text, given as arguments or read from --file (- for standard input). The
similarity is the cosine of LSA vectors, so documents on the same subject
match even without words in common.

Each match is explained by the terms the text shares with the document's
heaviest TF-IDF terms (the model keeps --index-terms of them per document),
with each term's share of their TF-IDF dot product. A match found through
related words alone has no shared terms.`,
		Example: `  topics query --model bbc.topics "interest rates rise"
  topics query --model bbc.topics --file article.txt --top 5 --format json`,
	}
	b := newBinder(cmd)
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		o.args = args
		switch {
		case o.model == "":
			return errors.New("--model: give the model file written by fit --index")
		case o.file != "" && len(args) > 0:
			return errors.New("give the query as arguments or with --file, not both")
		case o.file == "" && len(args) == 0:
			return errors.New("no query: give a text or --file")
		}
		if err := b.flagError(o.query.Validate()); err != nil {
			return err
		}
		if err := checkOutput(o.output, o.model, o.file); err != nil {
			return err
		}
		return b.flagError(run(o))
	}
	b.stringVar(&o.model, "model", "model file written by fit --index; required")
	b.stringVar(&o.file, "file", "read the query text from this file (- for standard input)")
	b.intVar(&o.query.N, "top", "N", "number of matches")
	b.intVar(&o.query.Terms, "terms", "Terms", "shared terms shown per match")
	stringEnumVar(b, &o.format, "format", []string{"table", "json"}, "output format: table or json")
	b.fl().StringVarP(&o.output, "output", "o", "", "write to this file (atomically) instead of standard output")
	return cmd
}

// text returns the query text: the arguments, or the --file read as one
// text document (so that binary or oversized input is refused as a corpus
// would be).
func (o *queryOptions) text(s streams) (string, error) {
	if o.file == "" {
		return strings.Join(o.args, " "), nil
	}
	opt := corpus.Options{Format: corpus.FormatText}
	var docs []corpus.Document
	var err error
	if o.file == "-" {
		docs, err = corpus.ReadFrom(s.in, "stdin", opt)
	} else {
		docs, err = corpus.Read(o.file, opt)
	}
	if err != nil {
		return "", err
	}
	if len(docs) != 1 {
		return "", fmt.Errorf("--file %s: want one text, found %d documents", o.file, len(docs))
	}
	return docs[0].Content(), nil
}

func runQuery(s streams, o *queryOptions) error {
	text, err := o.text(s)
	if err != nil {
		return err
	}
	model, err := topics.LoadFile(o.model)
	if err != nil {
		return err
	}
	if model.Index == nil {
		return fmt.Errorf("the model %s has no index (fit it with --index)", o.model)
	}
	matches, err := model.Query(text, o.query)
	if err != nil {
		return err
	}
	return s.write(o.output, func(w io.Writer) error {
		if o.format == "json" {
			return report.WriteJSON(w, matches)
		}
		return report.WriteMatchesTable(w, matches)
	})
}
