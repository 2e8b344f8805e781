package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/topics-dev/topics/vectorize"
)

// WriteVectors writes a fitted model's vectors into dir: tfidf.mtx (Matrix
// Market), vocabulary.txt, ids.txt and lsa.csv. The files are written into a
// temporary directory beside dir and moved into place only when all are
// complete, so an error leaves dir as it was.
func WriteVectors(dir string, m *Model) (err error) {
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
	dir = filepath.Clean(dir)
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("report: %s exists and is not a directory", dir)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-*")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"tfidf.mtx", func(w io.Writer) error { return vectorize.WriteMatrixMarket(w, m.TFIDF) }},
		{"vocabulary.txt", func(w io.Writer) error { return writeLines(w, m.Vectorizer.Vocabulary()) }},
		{"ids.txt", func(w io.Writer) error {
			ids := make([]string, len(m.Docs))
			for i, d := range m.Docs {
				ids[i] = d.ID
			}
			return writeLines(w, ids)
		}},
		{"lsa.csv", func(w io.Writer) error { return writeLSACSV(w, m) }},
	}
	for _, f := range files {
		if err = writeNew(filepath.Join(tmp, f.name), f.write); err != nil {
			return err
		}
	}
	if _, statErr := os.Stat(dir); os.IsNotExist(statErr) {
		if err = os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		return os.Chmod(dir, 0o755)
	}
	for _, f := range files {
		if err = os.Rename(filepath.Join(tmp, f.name), filepath.Join(dir, f.name)); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return os.RemoveAll(tmp)
}

func writeNew(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("report: write %s: %w", filepath.Base(path), err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("report: write %s: %w", filepath.Base(path), err)
	}
	return f.Close()
}

func writeLines(w io.Writer, lines []string) error {
	for _, l := range lines {
		if _, err := io.WriteString(w, l+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func writeLSACSV(w io.Writer, m *Model) error {
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
