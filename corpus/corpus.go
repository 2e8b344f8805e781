package corpus

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
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
	// Date is when the document was published, from the field named by
	// Options.DateField (see ParseDate for the forms read), in UTC; the zero
	// time when the corpus has no dates or this document has none.
	Date time.Time
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
	// fields or CSV columns that hold the parts of a Document. The zero
	// value "" means the default name ("id", "title", "text", "label"),
	// which the input may lack: then the id is the line or row number, the
	// label is empty, and a document with no text is its title (with a
	// warning when no record has a text at all). A name given here, even a
	// default one, must exist: a CSV header must have that column, and for
	// JSON Lines at least one record must have that field (null counts;
	// any record may lack it), else reading fails with an error that lists
	// the fields the input has. A directory or a text file has no fields,
	// so naming one for such input is an error. LabelField "story", for
	// example, takes the gold classes from a field called story.
	IDField, TitleField, TextField, LabelField string

	// DateField names the JSON Lines field or CSV column holding each
	// document's date, in one of the forms ParseDate reads (a JSON number
	// counts as seconds or milliseconds since the epoch). Unlike the other
	// fields it has no default: "" reads no dates. A name given must exist
	// as for the other fields. A record may lack the date or have it null
	// or empty: its Date is then zero, and Warn is told at the end how many
	// documents have none. A date in no known form is an error at its line.
	DateField string

	// MaxDocBytes caps the size of one document, in bytes of input after
	// gzip decompression: a line of JSON Lines, a record of CSV, a text
	// file. Zero means DefaultMaxDocBytes; a negative value means no
	// limit. A larger document is an error that says so (the CLI's flag
	// for this option is --max-doc-bytes, which the error names).
	MaxDocBytes int64

	// Warn, if not nil, is called with each warning: something in the
	// input that is not an error but changes what is read, such as a fifo
	// skipped in a directory or documents that are titles only because no
	// record has a text. A warning is one line, "path: what" or
	// "path:line: what", without "corpus: " or a newline. A nil Warn drops
	// warnings.
	Warn func(msg string)

	// Progress, if not nil, is called as the input is read with the number
	// of bytes consumed since the last call: bytes of the file or reader as
	// given (before gzip decompression), or for a directory the bytes of
	// each file read. The calls add up to the input's size when it is read
	// to the end. A display can divide them by the size from os.Stat.
	Progress func(n int64)
}

// DefaultMaxDocBytes is the size limit of one document (a JSON Lines line,
// a CSV record, a text file) when Options.MaxDocBytes is zero: 32 MiB,
// some hundred times the longest article of the shared corpora.
const DefaultMaxDocBytes = 32 << 20

// ErrTooLarge is the cause of the error for a document larger than
// Options.MaxDocBytes: errors.Is(err, ErrTooLarge) tells it.
var ErrTooLarge = errors.New("document too large")

// Default field names.
const (
	defaultID    = "id"
	defaultTitle = "title"
	defaultText  = "text"
	defaultLabel = "label"
)

// fieldNames are the resolved names of the fields, and which of them the
// caller named (and so must exist). The date has no default: its name is
// "" unless named.
type fieldNames struct {
	id, title, text, label, date string
	named                        [numFields]bool // by fieldID, fieldTitle, ...
}

// Indexes of the fields, in fieldNames.named and elsewhere.
const (
	fieldID = iota
	fieldTitle
	fieldText
	fieldLabel
	fieldDate
	numFields
)

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
		date:  o.DateField,
		named: [numFields]bool{o.IDField != "", o.TitleField != "", o.TextField != "", o.LabelField != "", o.DateField != ""},
	}
}

// name returns the name of field i (fieldID, ...).
func (f fieldNames) name(i int) string {
	return [numFields]string{f.id, f.title, f.text, f.label, f.date}[i]
}

// anyNamed returns the first field the caller named, or "" if none.
func (f fieldNames) anyNamed() string {
	for i, named := range f.named {
		if named {
			return f.name(i)
		}
	}
	return ""
}

// maxDocBytes returns the size limit of a document, or -1 for none.
func (o Options) maxDocBytes() int64 {
	switch {
	case o.MaxDocBytes == 0:
		return DefaultMaxDocBytes
	case o.MaxDocBytes < 0:
		return -1
	}
	return o.MaxDocBytes
}

// warn passes a warning on, if anyone listens.
func (o Options) warn(format string, args ...any) {
	if o.Warn != nil {
		o.Warn(fmt.Sprintf(format, args...))
	}
}

// tooLarge is the error for a document over the limit; size is its size,
// or -1 when it is only known to be larger.
func tooLarge(size, limit int64) error {
	if size < 0 {
		return fmt.Errorf("%w: over the limit of %d bytes (raise it with --max-doc-bytes)", ErrTooLarge, limit)
	}
	return fmt.Errorf("%w: %d bytes, over the limit of %d (raise it with --max-doc-bytes)", ErrTooLarge, size, limit)
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
