package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/internal/atomicfile"
	"github.com/topics-dev/topics/vectorize"
)

// WriteVectors writes a fitted model's vectors into dir: tfidf.mtx (Matrix
// Market), vocabulary.txt, ids.txt and lsa.csv. The files are written into a
// temporary directory beside dir and moved into place only when all are
// complete, so an error leaves dir as it was.
func WriteVectors(dir string, m *topics.Model) error {
	for _, d := range m.Docs {
		if strings.ContainsAny(d.ID, "\r\n") {
			return fmt.Errorf("report: document id %q contains a line break: cannot write ids.txt", d.ID)
		}
	}
	for _, t := range m.Vectorizer.Vocabulary() {
		if strings.ContainsAny(t, "\r\n") {
			return fmt.Errorf("report: term %q contains a line break: cannot write vocabulary.txt", t)
		}
	}
	ids := make([]string, len(m.Docs))
	for i, d := range m.Docs {
		ids[i] = d.ID
	}
	err := atomicfile.WriteDir(dir, []atomicfile.File{
		{Name: "tfidf.mtx", Write: func(w io.Writer) error { return vectorize.WriteMatrixMarket(w, m.TFIDF) }},
		{Name: "vocabulary.txt", Write: func(w io.Writer) error { return writeLines(w, m.Vectorizer.Vocabulary()) }},
		{Name: "ids.txt", Write: func(w io.Writer) error { return writeLines(w, ids) }},
		{Name: "lsa.csv", Write: func(w io.Writer) error { return writeLSACSV(w, m) }},
	})
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

func writeLines(w io.Writer, lines []string) error {
	for _, l := range lines {
		if _, err := io.WriteString(w, l+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func writeLSACSV(w io.Writer, m *topics.Model) error {
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
