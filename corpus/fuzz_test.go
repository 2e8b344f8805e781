package corpus_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/topics-dev/topics/corpus"
)

// checkDocs checks what every accepted corpus must satisfy: at least one
// document, non-empty unique IDs, fields of valid UTF-8.
func checkDocs(t *testing.T, docs []corpus.Document) {
	t.Helper()
	if len(docs) == 0 {
		t.Fatal("no documents and no error")
	}
	seen := map[string]bool{}
	for _, d := range docs {
		for _, s := range []string{d.ID, d.Title, d.Text, d.Label} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", d)
			}
		}
		if d.ID == "" || seen[d.ID] {
			t.Fatalf("empty or duplicate id %q", d.ID)
		}
		seen[d.ID] = true
	}
}

// checkFuzzError checks that a rejected input gives a one-line *corpus.Error
// naming the input.
func checkFuzzError(t *testing.T, err error, name string) {
	t.Helper()
	var e *corpus.Error
	if !errors.As(err, &e) || e.Path != name {
		t.Fatalf("error %v (%T) is not a *corpus.Error for %s", err, err, name)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Fatalf("error %q has several lines", err)
	}
}

func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","title":"T","text":"x","label":"L"}`,
		"{\"id\": 1}\n\n{\"text\": \"caf\\u00e9 \\ud83d\\ude00 \\ud800\"}\r\n",
		`{"id": 1e3, "title": -0.5, "text": null, "x": [1, {"y": true}]}`,
		`{"text":"a"} {"text":"b"}`,
		`[{"text":"a"}]`,
		"{\"text\":\"\xff\"}",
		`{"id":"1","text":""}` + "\n" + `{"text":""}`,
		"\uFEFF{\"text\":\"bom\"}",
		`{"t\u0065xt":"escaped key","text":"later wins"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.jsonl"
		docs, err := corpus.ReadFrom(bytes.NewReader(data), name, corpus.Options{})
		if err != nil {
			checkFuzzError(t, err, name)
			return
		}
		checkDocs(t, docs)

		// Round trip: the documents written as JSON Lines read back the same.
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		for _, d := range docs {
			rec := map[string]string{"id": d.ID, "title": d.Title, "text": d.Text, "label": d.Label}
			if err := enc.Encode(rec); err != nil {
				t.Fatal(err)
			}
		}
		again, err := corpus.ReadFrom(&b, name, corpus.Options{})
		if err != nil {
			t.Fatalf("reading back: %v", err)
		}
		if !reflect.DeepEqual(again, docs) {
			t.Fatalf("round trip:\n got %q\nwant %q", again, docs)
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"id,title,text,label\na,T,x,L\n",
		"title,text\nT1,\"x\n\"\"1\"\"\"\n\nT2,x2\r\n",
		"text\n,\n",
		"id,text\n1,a \"b\"\n",
		"id,text\n1,a,b\n",
		"label,text,id\nL,x,\n,y,1\n",
		"\uFEFF text \nbom\n",
		"id,text\na,\xff\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.csv"
		docs, err := corpus.ReadFrom(bytes.NewReader(data), name, corpus.Options{})
		if err != nil {
			checkFuzzError(t, err, name)
			return
		}
		checkDocs(t, docs)

		// Round trip, except where the CSV reader itself normalizes "\r\n"
		// inside quoted fields to "\n".
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write([]string{"id", "title", "text", "label"})
		for _, d := range docs {
			if strings.Contains(d.Title+d.Text+d.ID+d.Label, "\r") {
				return
			}
			w.Write([]string{d.ID, d.Title, d.Text, d.Label})
		}
		w.Flush()
		if err := w.Error(); err != nil {
			t.Fatal(err)
		}
		again, err := corpus.ReadFrom(&b, name, corpus.Options{})
		if err != nil {
			t.Fatalf("reading back: %v", err)
		}
		if !reflect.DeepEqual(again, docs) {
			t.Fatalf("round trip:\n got %q\nwant %q", again, docs)
		}
	})
}

// FuzzReadText checks single texts and the title split.
func FuzzReadText(f *testing.F) {
	for _, s := range []string{"Title\n\nBody\n", "\n \r\n  T \r\nx", "", "\x00", "caf\xe9"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.txt"
		docs, err := corpus.ReadFrom(bytes.NewReader(data), name, corpus.Options{})
		if err != nil {
			checkFuzzError(t, err, name)
			return
		}
		checkDocs(t, docs)
		d := docs[0]
		if len(docs) != 1 || d.ID != name {
			t.Fatalf("got %q", docs)
		}
		// Content has the words of the whole text (after a dropped BOM).
		whole := strings.TrimPrefix(string(data), "\uFEFF")
		if got, want := strings.Fields(d.Content()), strings.Fields(whole); !reflect.DeepEqual(got, want) && len(want) > 0 {
			t.Fatalf("Content %q has other words than %q", d.Content(), whole)
		}
		if d.Title != strings.TrimSpace(d.Title) || strings.Contains(d.Title, "\n") {
			t.Fatalf("title %q is not one trimmed line", d.Title)
		}
	})
}
