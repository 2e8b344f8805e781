package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics/report"
)

type queryOptions struct {
	model  string
	file   string
	top    int
	terms  int
	format string
}

func newQueryCmd(s streams) *cobra.Command {
	o := &queryOptions{}
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
		RunE: func(cmd *cobra.Command, args []string) error {
			return runQuery(o, args, s)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.model, "model", "", "model file written by fit --index; required")
	fl.StringVar(&o.file, "file", "", "read the query text from this file (- for standard input)")
	fl.IntVar(&o.top, "top", 10, "number of matches")
	fl.IntVar(&o.terms, "terms", 5, "shared terms shown per match")
	fl.StringVar(&o.format, "format", "table", "output format: table or json")
	return cmd
}

func runQuery(o *queryOptions, args []string, s streams) error {
	if o.model == "" {
		return errors.New("--model: give the model file written by fit --index")
	}
	if o.top < 1 {
		return fmt.Errorf("--top %d: must be at least 1", o.top)
	}
	if o.terms < 0 {
		return fmt.Errorf("--terms %d: must not be negative", o.terms)
	}
	if o.format != "table" && o.format != "json" {
		return fmt.Errorf("--format %q: want table or json", o.format)
	}
	var text string
	switch {
	case o.file != "" && len(args) > 0:
		return errors.New("give the query as arguments or with --file, not both")
	case o.file == "-":
		b, err := io.ReadAll(s.in)
		if err != nil {
			return fmt.Errorf("stdin: %w", err)
		}
		text = string(b)
	case o.file != "":
		b, err := os.ReadFile(o.file)
		if err != nil {
			return err
		}
		text = string(b)
	case len(args) > 0:
		text = strings.Join(args, " ")
	default:
		return errors.New("no query: give a text or --file")
	}
	model, err := report.LoadModel(o.model)
	if err != nil {
		return err
	}
	if model.Index == nil {
		return fmt.Errorf("the model %s has no index (fit it with --index)", o.model)
	}
	terms := o.terms
	if terms == 0 {
		terms = -1 // the option's zero value means the default
	}
	matches, err := model.Query(text, report.QueryOptions{N: o.top, Terms: terms})
	if err != nil {
		return err
	}
	if o.format == "json" {
		return report.WriteJSON(s.out, matches)
	}
	return report.WriteMatchesTable(s.out, matches)
}
