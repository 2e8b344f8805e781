package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
)

// corpusFlags select and parse the input corpus.
type corpusFlags struct {
	format                                     string
	idField, titleField, textField, labelField string
}

func (f *corpusFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.format, "input-format", "auto", "corpus format: auto, dir, jsonl, csv or text")
	fl.StringVar(&f.idField, "id-field", "id", "JSON Lines field or CSV column holding the document id")
	fl.StringVar(&f.titleField, "title-field", "title", "JSON Lines field or CSV column holding the title")
	fl.StringVar(&f.textField, "text-field", "text", "JSON Lines field or CSV column holding the text")
	fl.StringVar(&f.labelField, "label-field", "label", "JSON Lines field or CSV column holding the gold label")
}

func (f *corpusFlags) options() (corpus.Options, error) {
	format, err := corpus.ParseFormat(f.format)
	if err != nil {
		return corpus.Options{}, fmt.Errorf("--input-format: %w", err)
	}
	return corpus.Options{
		Format: format, IDField: f.idField, TitleField: f.titleField,
		TextField: f.textField, LabelField: f.labelField,
	}, nil
}

const sampleName = "built-in sample"

// load reads the corpus named by args (at most one path; none means the
// built-in sample, which is announced on stderr) and returns it with the
// name to show for it.
func (f *corpusFlags) load(args []string, s streams) ([]corpus.Document, string, error) {
	opt, err := f.options()
	if err != nil {
		return nil, "", err
	}
	if len(args) == 0 {
		docs, err := corpus.ReadFS(topics.Sample(), ".", opt)
		if err != nil {
			return nil, "", err
		}
		fmt.Fprintf(s.err, "topics: no corpus given: using the built-in sample (%d articles on US–Pakistan relations)\n", len(docs))
		return docs, sampleName, nil
	}
	if args[0] == "-" {
		docs, err := corpus.ReadFrom(s.in, "stdin", opt)
		return docs, "stdin", err
	}
	if p := s.progress(); p != nil {
		if info, err := os.Stat(args[0]); err == nil && info.Mode().IsRegular() {
			p.Start("read", info.Size(), "bytes")
			opt.Progress = p.Add
			defer p.Finish()
		}
	}
	docs, err := corpus.Read(args[0], opt)
	return docs, args[0], err
}

// writeOutput sends render to path atomically, or to out when path is empty
// or "-".
func writeOutput(path string, out io.Writer, render func(io.Writer) error) error {
	if path == "" || path == "-" {
		return render(out)
	}
	return report.WriteFile(path, render)
}
