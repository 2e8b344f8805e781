package corpus

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// readText reads all of in as one document.
func readText(in io.Reader, name, id string) (Document, error) {
	data, err := io.ReadAll(in)
	if err != nil {
		return Document{}, &Error{Path: name, Err: cause(err)}
	}
	return parseText(data, name, id)
}

// parseText makes one document of data.
func parseText(data []byte, name, id string) (Document, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		return Document{}, &Error{Path: name, Line: line, Err: fmt.Errorf("binary file: NUL byte at column %d (byte offset %d)", col, i)}
	}
	if !utf8.Valid(data) {
		i := invalidUTF8(data)
		line, col := position(data, i)
		return Document{}, &Error{Path: name, Line: line, Err: fmt.Errorf("invalid UTF-8 at column %d (byte offset %d)", col, i)}
	}
	title, text := splitTitle(string(data))
	return Document{ID: id, Title: title, Text: text}, nil
}

// position returns the 1-based line and column (in bytes) of data[i].
func position(data []byte, i int) (line, col int) {
	before := data[:i]
	line = 1 + bytes.Count(before, []byte{'\n'})
	return line, i - bytes.LastIndexByte(before, '\n')
}

// splitTitle splits the content of a text file into its title, the first
// line that is not blank, trimmed, and its text, everything after that line.
func splitTitle(s string) (title, text string) {
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		if t := strings.TrimSpace(line); t != "" {
			return t, rest
		}
		s = rest
	}
	return "", ""
}
