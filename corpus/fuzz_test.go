package corpus_test

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
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

// outcome is what a read gave, to compare two reads: the documents, or the
// error message.
func outcome(docs []corpus.Document, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprintf("%q", docs)
}

// checkChunking checks that reading data one byte at a time, and
// compressed, gives what reading it at once gave.
func checkChunking(t *testing.T, data []byte, name string, opt corpus.Options, docs []corpus.Document, err error) {
	t.Helper()
	want := outcome(docs, err)
	got := outcome(corpus.ReadFrom(iotest.OneByteReader(bytes.NewReader(data)), name, opt))
	if got != want {
		t.Fatalf("read a byte at a time:\n got %s\nwant %s", got, want)
	}
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		return // compressed twice would be read once
	}
	got = outcome(corpus.ReadFrom(bytes.NewReader(gzipped(t, data)), name, opt))
	if got != want {
		t.Fatalf("read compressed:\n got %s\nwant %s", got, want)
	}
}

func gzipped(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
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
		checkChunking(t, data, name, corpus.Options{}, docs, err)
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
		checkChunking(t, data, name, corpus.Options{}, docs, err)
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
		checkChunking(t, data, name, corpus.Options{}, docs, err)
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

// FuzzReadDir checks that a directory reads as its text files one by one,
// in path order: each document is what reading its file alone gives, and
// the first file that cannot be read makes the error.
func FuzzReadDir(f *testing.F) {
	f.Add([]byte("A\nx"), []byte("# B\n"), []byte("C\nccc"), uint8(0xff))
	f.Add([]byte(""), []byte("\n\n"), []byte(""), uint8(7))
	f.Add([]byte("ok"), []byte("bad \xff"), []byte("\x00"), uint8(3))
	f.Add([]byte("\uFEFFBom"), []byte("\x1f\x8bnot gzip"), []byte("x"), uint8(0x15))
	names := []string{"in/a.txt", "in/c.txt.gz", "in/sub/b.md", "in/.h.txt", "in/d.pdf"}
	f.Fuzz(func(t *testing.T, a, b, c []byte, which uint8) {
		fsys := fstest.MapFS{}
		contents := [][]byte{a, b, c, a, b}
		for i, name := range names {
			if which&(1<<i) == 0 {
				continue
			}
			data := contents[i]
			if strings.HasSuffix(name, ".gz") && which&0x80 != 0 {
				data = gzipped(t, data)
			}
			fsys[name] = &fstest.MapFile{Data: data}
		}
		docs, err := corpus.ReadFS(fsys, "in", corpus.Options{})
		// What the files give one by one, in path order (names is sorted
		// but for the hidden and the ignored ones).
		var want []corpus.Document
		var wantErr error
		for _, name := range names[:3] {
			file, ok := fsys[name]
			if !ok {
				continue
			}
			one, err := corpus.ReadFrom(bytes.NewReader(file.Data), name, corpus.Options{Format: corpus.FormatText})
			id := strings.TrimPrefix(name, "in/")
			switch {
			case err != nil && strings.HasSuffix(err.Error(), ": empty file: no title or text"):
				want = append(want, corpus.Document{ID: id})
			case err != nil:
				wantErr = err
			default:
				one[0].ID = id
				want = append(want, one[0])
			}
			if wantErr != nil {
				break
			}
		}
		switch {
		case wantErr != nil:
			if err == nil || err.Error() != wantErr.Error() {
				t.Fatalf("got %s, want the error %q", outcome(docs, err), wantErr)
			}
		case len(want) == 0:
			checkFuzzError(t, err, "in")
		case err != nil:
			checkFuzzError(t, err, "in") // all empty, say
			for _, d := range want {
				if d.Title != "" || d.Text != "" {
					t.Fatalf("error %q, want %q", err, want)
				}
			}
		default:
			checkDocs(t, docs)
			if !reflect.DeepEqual(docs, want) {
				t.Fatalf("got %q, want %q", docs, want)
			}
		}
	})
}

// FuzzReadGzip checks compressed input and the sniffing of formats: a
// gzip stream reads as its content does, whatever its name, and a stream
// cut short is an error, never a panic or fewer documents without one;
// and input sniffed on standard input reads as it does with the format
// it was found to be.
func FuzzReadGzip(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"x"}` + "\n",
		"id,text\na,x\n",
		"T\nx",
		"  \n\t{\"text\":\"after blanks\"}",
		"\x00\x01",
		"",
	} {
		f.Add([]byte(s), uint16(10))
	}
	f.Fuzz(func(t *testing.T, data []byte, cut uint16) {
		plain := outcome(corpus.ReadFrom(bytes.NewReader(data), "stdin", corpus.Options{}))
		z := gzipped(t, data)
		if got := outcome(corpus.ReadFrom(bytes.NewReader(z), "stdin", corpus.Options{})); got != plain && !(len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
			t.Fatalf("compressed:\n got %s\nwant %s", got, plain)
		}
		// Sniffed input reads as the format it is, named, when a byte
		// that is not white space decided it (white space, then bad
		// bytes, decides nothing).
		var named string
		trimmed := bytes.TrimLeft(data, " \t\r\n")
		if len(trimmed) > 0 && trimmed[0] == '{' {
			named = "stdin.jsonl"
		} else {
			named = "stdin.csv"
		}
		ns := len(data) - len(trimmed)
		bad := badByte(data)
		decided := len(trimmed) > 0 && (bad < 0 || bytes.IndexByte(data[ns:max(bad, ns)], '\n') >= 0)
		if !(len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b) && decided && !bytes.HasPrefix(data, []byte("\uFEFF")) {
			docs, err := corpus.ReadFrom(bytes.NewReader(data), named, corpus.Options{})
			if err != nil {
				// The same error, but for the name.
				err = errors.New(strings.Replace(err.Error(), "corpus: "+named, "corpus: stdin", 1))
			}
			if got := outcome(docs, err); got != plain {
				t.Fatalf("as %s:\n got %s\nwant %s", named, got, plain)
			}
		}
		// A compressed stream cut short is an error.
		if n := int(cut) % len(z); n > 0 {
			docs, err := corpus.ReadFrom(bytes.NewReader(z[:n]), "stdin", corpus.Options{})
			if err == nil {
				t.Fatalf("%d of %d compressed bytes read as %q without an error", n, len(z), docs)
			}
			checkFuzzError(t, err, "stdin")
		}
	})
}

// badByte returns the index of the first NUL byte or invalid UTF-8
// sequence in data, or -1.
func badByte(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if data[i] == 0 || r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
