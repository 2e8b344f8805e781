package corpus

import (
	"io"
	"strings"
)

// readText reads all of in, checked text, at most limit bytes (no limit if
// negative), as one document.
func readText(in io.Reader, name, id string, limit int64) (Document, error) {
	if limit >= 0 {
		in = io.LimitReader(in, limit+1)
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return Document{}, readError(name, 0, err)
	}
	if limit >= 0 && int64(len(data)) > limit {
		return Document{}, &Error{Path: name, Err: tooLarge(-1, limit)}
	}
	title, text := splitTitle(string(data))
	return Document{ID: id, Title: title, Text: text}, nil
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
