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
	"unicode/utf8"
)

// readCSV reads CSV with a header row, one document per row.
func readCSV(in *bufio.Reader, name string, f fieldNames, e *emitter) error {
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1 // checked here, to say more
	r.ReuseRecord = true
	rec, err := r.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return csvError(name, err)
	}
	headerLine, _ := r.FieldPos(0)
	if err := checkRecord(r, rec, nil); err != nil {
		return &Error{Path: name, Line: headerLine, Err: err}
	}
	header := make([]string, len(rec))
	for i, s := range rec {
		header[i] = strings.TrimSpace(s)
	}
	cols := struct{ id, title, text, label int }{
		id:    slices.Index(header, f.id),
		title: slices.Index(header, f.title),
		text:  slices.Index(header, f.text),
		label: slices.Index(header, f.label),
	}
	missing := func(what string) error {
		return &Error{Path: name, Line: headerLine, Err: fmt.Errorf("no %s (header: %s)", what, quoteList(header))}
	}
	// Columns named by the caller must exist; default ones are optional,
	// but there must be something to read.
	for _, c := range []struct {
		name, def string
		col       int
	}{
		{f.id, defaultID, cols.id},
		{f.title, defaultTitle, cols.title},
		{f.text, defaultText, cols.text},
		{f.label, defaultLabel, cols.label},
	} {
		if c.col < 0 && c.name != c.def {
			return missing(fmt.Sprintf("column %q", c.name))
		}
	}
	if cols.title < 0 && cols.text < 0 {
		return missing(fmt.Sprintf("column %q or %q", f.text, f.title))
	}
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
			return csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			return &Error{Path: name, Line: line, Err: fmt.Errorf("wrong number of fields: %d, header has %d", len(rec), len(header))}
		}
		if err := checkRecord(r, rec, header); err != nil {
			return &Error{Path: name, Line: line, Err: err}
		}
		d := Document{
			ID:    cell(rec, cols.id),
			Title: cell(rec, cols.title),
			Text:  cell(rec, cols.text),
			Label: cell(rec, cols.label),
		}
		if d.ID == "" {
			d.ID = strconv.Itoa(row)
		}
		if err := e.emit(d, line); err != nil {
			return err
		}
	}
}

// checkRecord rejects NUL bytes and invalid UTF-8 in the fields of a record,
// naming the column from header (nil for the header itself) and, when the
// field started on a later line than the record, that line.
func checkRecord(r *csv.Reader, rec, header []string) error {
	for i, s := range rec {
		var what string
		switch {
		case strings.IndexByte(s, 0) >= 0:
			what = "binary file: NUL byte"
		case !utf8.ValidString(s):
			what = "invalid UTF-8"
		default:
			continue
		}
		where := "the header"
		if header != nil {
			where = fmt.Sprintf("column %q", header[i])
		}
		line, col := r.FieldPos(i)
		if first, _ := r.FieldPos(0); line != first {
			return fmt.Errorf("%s in %s (field starts on line %d, column %d)", what, where, line, col)
		}
		return fmt.Errorf("%s in %s (field starts at column %d)", what, where, col)
	}
	return nil
}

// csvError turns an error of csv.Reader into an *Error.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{Path: name, Line: pe.Line, Err: fmt.Errorf("%w (column %d)", pe.Err, pe.Column)}
	}
	return &Error{Path: name, Err: cause(err)}
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
