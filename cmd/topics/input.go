package main

import (
	"fmt"
	"io"
	"os"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/atomicfile"
)

// corpusFlags select and parse the input corpus.
type corpusFlags struct {
	opt corpus.Options
}

func (f *corpusFlags) register(b *binder) {
	// The field flags are empty unless given: corpus.Options then reads the
	// default name and lets it be absent, while a name given must exist.
	f.opt = corpus.Options{MaxDocBytes: corpus.DefaultMaxDocBytes}
	formats := []corpus.Format{corpus.FormatAuto, corpus.FormatDir, corpus.FormatJSONL, corpus.FormatCSV, corpus.FormatText}
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.String()
	}
	enumVar(b, &f.opt.Format, "input-format", names, formats, "corpus format: "+joinOr(names))
	b.stringVar(&f.opt.IDField, "id-field", "JSON Lines field or CSV column holding the document id (default id; a field given must exist)")
	b.stringVar(&f.opt.TitleField, "title-field", "JSON Lines field or CSV column holding the title (default title)")
	b.stringVar(&f.opt.TextField, "text-field", "JSON Lines field or CSV column holding the text (default text)")
	b.stringVar(&f.opt.LabelField, "label-field", "JSON Lines field or CSV column holding the gold label (default label)")
	b.fl().Int64Var(&f.opt.MaxDocBytes, "max-doc-bytes", f.opt.MaxDocBytes,
		"size limit of one document (JSON Lines line, CSV record, text file) in bytes; -1: none")
}

// registerDates adds --date-field, for the commands that use dates.
func (f *corpusFlags) registerDates(b *binder) {
	b.stringVar(&f.opt.DateField, "date-field", "JSON Lines field or CSV column holding the date: RFC 3339, 2006-01-02, "+
		"26-FEB-1987 15:01:01, RFC 1123, or seconds or milliseconds since 1970 (default: no dates)")
}

// joinOr lists names as "a, b or c".
func joinOr(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	s := names[0]
	for _, n := range names[1 : len(names)-1] {
		s += ", " + n
	}
	return s + " or " + names[len(names)-1]
}

const sampleName = "built-in sample"

// load reads the corpus named by args (at most one path; none means the
// built-in sample, which is announced on stderr) and returns it with the
// name to show for it.
func (f *corpusFlags) load(args []string, s streams) ([]corpus.Document, string, error) {
	opt := f.opt
	opt.Warn = func(msg string) { s.warn([]string{msg}) }
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

// write sends render to path through atomicfile (listing its temporary
// file in s.temps), or to standard output when path is empty or "-".
func (s streams) write(path string, render func(io.Writer) error) error {
	if path == "" || path == "-" {
		return render(s.out)
	}
	return atomicfile.WriteFile(path, s.temps, render)
}

// checkOutput refuses an output path that is one of the inputs, or where
// nothing can be written (a directory), before any work is done.
func checkOutput(output string, inputs ...string) error {
	if err := atomicfile.SameAsInput(output, inputs...); err != nil {
		return err
	}
	if output == "" || output == "-" {
		return nil
	}
	if info, err := os.Stat(output); err == nil && info.IsDir() {
		return fmt.Errorf("-o %s: a directory: give a file to write", output)
	}
	return nil
}
