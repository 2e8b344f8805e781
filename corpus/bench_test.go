package corpus_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/topics-dev/topics/corpus"
)

// synthetic returns n documents of about 1 KB each.
func synthetic(n int) []corpus.Document {
	docs := make([]corpus.Document, n)
	body := strings.Repeat("The committee said on Tuesday that \"prices\" would rise.\n", 18)
	for i := range docs {
		docs[i] = corpus.Document{
			ID:    fmt.Sprint(i),
			Title: fmt.Sprintf("Headline number %d", i),
			Text:  body,
			Label: fmt.Sprint("class", i%7),
		}
	}
	return docs
}

func BenchmarkReadJSONL(b *testing.B) {
	for _, n := range []int{100, 10000} {
		var in bytes.Buffer
		enc := json.NewEncoder(&in)
		for _, d := range synthetic(n) {
			enc.Encode(map[string]string{"id": d.ID, "title": d.Title, "text": d.Text, "label": d.Label, "url": "http://example.com/" + d.ID})
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(in.Len()))
			for b.Loop() {
				if _, err := corpus.ReadFrom(bytes.NewReader(in.Bytes()), "b.jsonl", corpus.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadCSV(b *testing.B) {
	for _, n := range []int{100, 10000} {
		var in bytes.Buffer
		w := csv.NewWriter(&in)
		w.Write([]string{"id", "title", "text", "label"})
		for _, d := range synthetic(n) {
			w.Write([]string{d.ID, d.Title, d.Text, d.Label})
		}
		w.Flush()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(in.Len()))
			for b.Loop() {
				if _, err := corpus.ReadFrom(bytes.NewReader(in.Bytes()), "b.csv", corpus.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
