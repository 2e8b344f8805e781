package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/topics-dev/topics"
)

// WriteVocabulary writes the model's terms, one per line, in column order.
func WriteVocabulary(w io.Writer, m *topics.Model) error {
	return writeLines(w, "term", m.Vectorizer.Vocabulary())
}

// WriteIDs writes the documents' ids, one per line, in row order.
func WriteIDs(w io.Writer, m *topics.Model) error {
	ids := make([]string, len(m.Docs))
	for i, d := range m.Docs {
		ids[i] = d.ID
	}
	return writeLines(w, "document id", ids)
}

// writeLines writes one line per item; an item with a line break cannot
// be written (what names it in the error).
func writeLines(w io.Writer, what string, lines []string) error {
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			return fmt.Errorf("report: %s %q contains a line break: it cannot be written one per line", what, l)
		}
	}
	for _, l := range lines {
		if _, err := io.WriteString(w, l+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// WriteLSACSV writes the documents' LSA vectors as CSV: a header
// "id,d0,d1,..." then one row per document.
func WriteLSACSV(w io.Writer, m *topics.Model) error {
	cw := csv.NewWriter(w)
	_, d := m.Vectors.Dims()
	rec := make([]string, d+1)
	rec[0] = "id"
	for j := 0; j < d; j++ {
		rec[j+1] = "d" + strconv.Itoa(j)
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for i, doc := range m.Docs {
		rec[0] = doc.ID
		for j := 0; j < d; j++ {
			rec[j+1] = strconv.FormatFloat(m.Vectors.At(i, j), 'g', -1, 64)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
