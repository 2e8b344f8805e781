package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// Document is one article of a corpus.
type Document struct {
	// ID identifies the document uniquely within its corpus: the relative
	// path (with '/' separators) for a directory, the base name for a single
	// text file, the id field for JSON Lines and CSV, or the 1-based line
	// (JSON Lines) or row (CSV) number where that is absent or empty.
	ID string
	// Title is the headline, "" if there is none.
	Title string
	// Text is the body, "" if there is none.
	Text string
	// Label is the gold class named by Options.LabelField, "" if none.
	Label string
}

// Content returns the text that represents the document for analysis:
// Title and Text joined by a newline, or just the one that is not empty.
func (d Document) Content() string {
	switch {
	case d.Title == "":
		return d.Text
	case d.Text == "":
		return d.Title
	}
	return d.Title + "\n" + d.Text
}

// Contents presents documents as texts to analyze without copying them:
// it has the methods of vectorize.Texts, and the parts of document i are
// its Title and Text, the ones that are not empty, which analyze as their
// Content does.
type Contents []Document

// Len returns the number of documents.
func (c Contents) Len() int { return len(c) }

// AppendParts appends the non-empty Title and Text of document i to dst.
func (c Contents) AppendParts(dst []string, i int) []string {
	if t := c[i].Title; t != "" {
		dst = append(dst, t)
	}
	if t := c[i].Text; t != "" {
		dst = append(dst, t)
	}
	return dst
}

// Format is the layout of the input.
type Format int

const (
	// FormatAuto decides from the input: see the package documentation.
	FormatAuto Format = iota
	// FormatDir is a directory of .txt and .md files, one document each.
	FormatDir
	// FormatJSONL is JSON Lines: one JSON object, one document, per line.
	FormatJSONL
	// FormatCSV is CSV with a header row, one document per row.
	FormatCSV
	// FormatText is a single plain-text file holding one document.
	FormatText
)

// String returns the name of the format as ParseFormat accepts it.
func (f Format) String() string {
	switch f {
	case FormatAuto:
		return "auto"
	case FormatDir:
		return "dir"
	case FormatJSONL:
		return "jsonl"
	case FormatCSV:
		return "csv"
	case FormatText:
		return "text"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// ParseFormat returns the Format named s: "auto" (or ""), "dir", "jsonl",
// "csv" or "text", in any case.
func ParseFormat(s string) (Format, error) {
	if s == "" {
		return FormatAuto, nil
	}
	for f := FormatAuto; f <= FormatText; f++ {
		if strings.EqualFold(s, f.String()) {
			return f, nil
		}
	}
	return FormatAuto, fmt.Errorf("corpus: unknown format %q (want auto, dir, jsonl, csv or text)", s)
}

// Options control how a corpus is read. The zero value reads any supported
// input with the default field names.
type Options struct {
	// Format is the layout of the input; zero (FormatAuto) detects it.
	Format Format

	// IDField, TitleField, TextField and LabelField name the JSON Lines
	// fields or CSV columns that hold the parts of a Document. Zero values
	// mean "id", "title", "text" and "label". LabelField "story", for
	// example, takes the gold classes from a field called story. A CSV
	// header must hold every column named here by other than its default
	// name; JSON Lines fields may be absent from any line.
	IDField, TitleField, TextField, LabelField string

	// Progress, if not nil, is called as the input is read with the number
	// of bytes consumed since the last call: bytes of the file or reader as
	// given (before gzip decompression), or for a directory the size of
	// each file read. The calls add up to the input's size when it is read
	// to the end. A display can divide them by the size from os.Stat.
	Progress func(n int64)
}

// Default field names.
const (
	defaultID    = "id"
	defaultTitle = "title"
	defaultText  = "text"
	defaultLabel = "label"
)

// fieldNames are the resolved names of the four fields.
type fieldNames struct {
	id, title, text, label string
}

func (o Options) fieldNames() fieldNames {
	or := func(s, def string) string {
		if s == "" {
			return def
		}
		return s
	}
	return fieldNames{
		id:    or(o.IDField, defaultID),
		title: or(o.TitleField, defaultTitle),
		text:  or(o.TextField, defaultText),
		label: or(o.LabelField, defaultLabel),
	}
}

// Error is an error in the input: what went wrong, and where.
type Error struct {
	// Path names the input: a file path, "stdin", or the name given to
	// ReadFrom.
	Path string
	// Line is the 1-based line of the input where the problem is, or 0 when
	// it concerns the input as a whole.
	Line int
	// Err is the underlying cause.
	Err error
}

// Error returns "corpus: path:line: msg", leaving out ":line" when Line is 0.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("corpus: ")
	switch {
	case e.Path != "" && e.Line > 0:
		b.WriteString(e.Path)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(": ")
	case e.Path != "":
		b.WriteString(e.Path)
		b.WriteString(": ")
	case e.Line > 0:
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(": ")
	}
	if e.Err == nil {
		b.WriteString("unknown error")
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }
