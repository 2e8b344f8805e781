package corpus

import (
	"bytes"
	"io"
	"strings"
)

// readText reads all of in, at most limit bytes (no limit if negative), as
// one document.
func readText(in io.Reader, name, id string, limit int64) (Document, error) {
	if limit >= 0 {
		in = io.LimitReader(in, limit+1)
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return Document{}, &Error{Path: name, Err: cause(err)}
	}
	if limit >= 0 && int64(len(data)) > limit {
		return Document{}, &Error{Path: name, Err: tooLarge(-1, limit)}
	}
	return parseText(data, name, id)
}

// parseText makes one document of data.
func parseText(data []byte, name, id string) (Document, error) {
	if err := checkText(data, name); err != nil {
		return Document{}, err
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
