package corpus

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// readCSV reads CSV with a header row, one document per row.
func readCSV(in *bufio.Reader, name string, opt Options, e *emitter) error {
	lim := &recordLimiter{r: in, limit: opt.maxDocBytes(), line: 1}
	r := csv.NewReader(lim)
	lim.csv = r
	r.FieldsPerRecord = -1 // checked here, to say more
	r.ReuseRecord = true
	header, cols, err := readHeader(r, lim, name, opt)
	if header == nil {
		return err
	}
	f := opt.fieldNames()
	cell := func(rec []string, col int) string {
		if col < 0 {
			return ""
		}
		return rec[col]
	}
	for row := 1; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(name, lim.line, err)
		}
		line := lim.next(rec)
		if len(rec) != len(header) {
			return &Error{Path: name, Line: line, Err: fmt.Errorf("wrong number of fields: %d, header has %d", len(rec), len(header))}
		}
		d := Document{
			ID:    cell(rec, cols[fieldID]),
			Title: cell(rec, cols[fieldTitle]),
			Text:  cell(rec, cols[fieldText]),
			Label: cell(rec, cols[fieldLabel]),
		}
		if d.ID == "" {
			d.ID = strconv.Itoa(row)
		}
		if err := setDate(&d, cell(rec, cols[fieldDate]), f); err != nil {
			return &Error{Path: name, Line: line, Err: err}
		}
		if err := e.emit(d, line); err != nil {
			return err
		}
	}
}

// readHeader reads the header row and finds the columns of the four fields
// (-1 for a missing one). Columns named in opt must exist; default ones may
// be missing, but there must be a text or a title. A nil header with a nil
// error means there is no input.
func readHeader(r *csv.Reader, lim *recordLimiter, name string, opt Options) (header []string, cols [numFields]int, err error) {
	rec, err := r.Read()
	if err == io.EOF {
		return nil, cols, nil
	}
	if err != nil {
		return nil, cols, csvError(name, lim.line, err)
	}
	line := lim.next(rec)
	header = make([]string, len(rec))
	for i, s := range rec {
		header[i] = strings.TrimSpace(s)
	}
	f := opt.fieldNames()
	for i := range cols {
		cols[i] = -1
		if i != fieldDate || f.named[i] {
			cols[i] = slices.Index(header, f.name(i))
		}
	}
	missing := func(what string) error {
		return &Error{Path: name, Line: line, Err: fmt.Errorf("no %s (header: %s)", what, quoteList(header))}
	}
	for i, col := range cols {
		if col < 0 && f.named[i] {
			return nil, cols, missing(fmt.Sprintf("column %q", f.name(i)))
		}
	}
	if cols[fieldTitle] < 0 && cols[fieldText] < 0 {
		return nil, cols, missing(fmt.Sprintf("column %q or %q", f.text, f.title))
	}
	if cols[fieldText] < 0 {
		opt.warn("%s:%d: no %q column: the documents are their titles only (header: %s)", name, line, f.text, quoteList(header))
	}
	return header, cols, nil
}

// recordLimiter passes the input to a csv.Reader, failing when the record
// being read grows past limit bytes (no limit if negative), and keeps the
// line where the next record starts.
type recordLimiter struct {
	r     io.Reader
	csv   *csv.Reader
	limit int64
	read  int64 // bytes passed on
	start int64 // input offset of the record being read
	line  int   // line where that record starts
}

// csvBuffer is the size of the buffer of a csv.Reader: bytes it may have
// read ahead of the record it is parsing.
const csvBuffer = 4096

func (l *recordLimiter) Read(p []byte) (int, error) {
	if l.limit >= 0 && l.read-l.start > l.limit+csvBuffer {
		return 0, tooLarge(-1, l.limit)
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// next records that rec was read, returning the line where it started.
func (l *recordLimiter) next(rec []string) int {
	first, _ := l.csv.FieldPos(0)
	last, _ := l.csv.FieldPos(len(rec) - 1)
	l.line = last + strings.Count(rec[len(rec)-1], "\n") + 1
	l.start = l.csv.InputOffset()
	return first
}

// csvError turns an error of csv.Reader into an *Error; line is where the
// record being read starts.
func csvError(name string, line int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{Path: name, Line: pe.Line, Err: fmt.Errorf("%w (column %d)", pe.Err, pe.Column)}
	}
	if errors.Is(err, ErrTooLarge) {
		return &Error{Path: name, Line: line, Err: err}
	}
	return readError(name, 0, err)
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// fieldList lists field names for a message: `"a", "b"` or "no fields".
func fieldList(names []string) string {
	if len(names) == 0 {
		return "no fields"
	}
	return quoteList(names)
}
