package corpus_test

import (
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"

	"github.com/topics-dev/topics/corpus"
)

// checkError checks that err is a one-line *corpus.Error whose message
// starts with "corpus: " and contains each of want.
func checkError(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", want)
	}
	msg := err.Error()
	var e *corpus.Error
	if !errors.As(err, &e) {
		t.Errorf("error %q is a %T, want a *corpus.Error", msg, err)
	}
	if !strings.HasPrefix(msg, "corpus: ") || strings.Contains(msg, "\n") {
		t.Errorf("error %q is not one line starting with \"corpus: \"", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not contain %q", msg, w)
		}
	}
}

func TestReadFromErrors(t *testing.T) {
	tests := []struct {
		name string // of the case
		file string // the name given to ReadFrom
		opt  corpus.Options
		in   string
		want []string // parts of the message
	}{
		// Empty corpora.
		{"empty jsonl", "e.jsonl", corpus.Options{}, "", []string{"corpus: e.jsonl: no documents"}},
		{"blank jsonl", "e.jsonl", corpus.Options{}, "\n \r\n\t\n", []string{"corpus: e.jsonl: no documents"}},
		{"empty csv", "e.csv", corpus.Options{}, "", []string{"corpus: e.csv: no documents"}},
		{"header-only csv", "e.csv", corpus.Options{}, "id,text\n", []string{"corpus: e.csv: no documents"}},
		{"empty stdin", "stdin", corpus.Options{}, "", []string{"corpus: stdin: no documents"}},
		{"blank stdin", "stdin", corpus.Options{}, "  \n\n", []string{"corpus: stdin: no documents"}},
		{"empty gzip", "e.jsonl.gz", corpus.Options{}, gz(t, ""), []string{"corpus: e.jsonl.gz: no documents"}},

		// Binary data and invalid UTF-8.
		{"NUL in text", "b.txt", corpus.Options{}, "Title\nab\x00c", []string{"b.txt:2: binary file: NUL byte at column 3 (byte offset 8)"}},
		{"NUL in jsonl", "b.jsonl", corpus.Options{}, `{"text":"a"}` + "\n" + `{"text":"a` + "\x00" + `"}`, []string{"b.jsonl:2: binary file: NUL byte at column 11"}},
		{"NUL in csv", "b.csv", corpus.Options{}, "id,text\n1,ok\n2,a\x00\n", []string{"b.csv:3: binary file: NUL byte at column 4 (byte offset 16)"}},
		{"NUL in gzip", "b.jsonl", corpus.Options{}, gz(t, "\x00\x01\x02"), []string{"b.jsonl:1: binary file"}},
		{"binary sniffed", "stdin", corpus.Options{}, "\x7fELF\x02\x01\x01\x00\x00", []string{"stdin:1: binary file"}},
		{"invalid UTF-8 in text", "u.txt", corpus.Options{}, "Title\nabc\n d\xffe", []string{"u.txt:3: invalid UTF-8 at column 3 (byte offset 12)"}},
		{"latin-1 text", "u.txt", corpus.Options{}, "caf\xe9", []string{"u.txt:1: invalid UTF-8 at column 4"}},
		{"invalid UTF-8 in jsonl", "u.jsonl", corpus.Options{}, "{\"text\":\"a\"}\n{\"text\":\"caf\xe9\"}\n", []string{"u.jsonl:2: invalid UTF-8 at column 13"}},
		{"invalid UTF-8 in an ignored field", "u.jsonl", corpus.Options{}, "{\"text\":\"a\",\"x\":\"\xff\"}\n", []string{"u.jsonl:1: invalid UTF-8 at column 18"}},
		{"invalid UTF-8 in csv", "u.csv", corpus.Options{}, "id,text\n1,ok\n2,\"a\nb\xff\"\n", []string{"u.csv:4: invalid UTF-8 at column 2 (byte offset 19)"}},
		{"invalid UTF-8 in csv header", "u.csv", corpus.Options{}, "id,t\xffxt\n", []string{"u.csv:1: invalid UTF-8 at column 5 (byte offset 4)"}},

		// Malformed JSON.
		{"trailing comma", "m.jsonl", corpus.Options{}, `{"text":"a"}` + "\n" + `{"text":"b",}`, []string{"m.jsonl:2: malformed JSON at column 13: unexpected '}', want a string key"}},
		{"unterminated", "m.jsonl", corpus.Options{}, `{"text":"b`, []string{"m.jsonl:1: malformed JSON at column 11: unexpected end of line"}},
		{"truncated", "m.jsonl", corpus.Options{}, `{"text":` + "\n", []string{"m.jsonl:1: malformed JSON at column 9: unexpected end of line, want a value"}},
		{"two objects", "m.jsonl", corpus.Options{}, `{"text":"a"} {"text":"b"}`, []string{"m.jsonl:1: malformed JSON at column 14: unexpected '{'"}},
		{"array line", "m.jsonl", corpus.Options{}, `[{"text":"a"}]`, []string{"m.jsonl:1: malformed JSON: found an array, want one object per line"}},
		{"string line", "m.jsonl", corpus.Options{}, `  "text"`, []string{"m.jsonl:1: malformed JSON at column 3: want an object"}},
		{"bad escape", "m.jsonl", corpus.Options{}, `{"text":"a\x"}`, []string{"m.jsonl:1: malformed JSON at column 12: unexpected 'x', want an escape sequence"}},
		{"bad unicode escape", "m.jsonl", corpus.Options{}, `{"text":"a\u12g4"}`, []string{`m.jsonl:1: malformed JSON at column 11: invalid \u escape`}},
		{"control character", "m.jsonl", corpus.Options{}, "{\"text\":\"a\tb\"}", []string{"m.jsonl:1: malformed JSON at column 11", "control characters must be escaped"}},
		{"bad number", "m.jsonl", corpus.Options{}, `{"id": 01, "text": ""}`, []string{"m.jsonl:1: malformed JSON at column 9: unexpected '1'"}},
		{"bad literal", "m.jsonl", corpus.Options{}, `{"x": nul, "text": ""}`, []string{"m.jsonl:1: malformed JSON at column 7: unexpected 'n', want null"}},
		{"bad nested value", "m.jsonl", corpus.Options{}, `{"x": {"y": [1, 2,]}, "text": ""}`, []string{"m.jsonl:1: malformed JSON at column 19: unexpected ']', want a value"}},
		{"too deep", "m.jsonl", corpus.Options{}, `{"x": ` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `, "text": ""}`, []string{"m.jsonl:1: malformed JSON", "nested too deeply"}},
		{"jsonl without title or text", "f.jsonl", corpus.Options{}, `{"text":"a"}` + "\n" + `{"id":"2","body":"b"}`, []string{`f.jsonl:2: no "title" or "text" field`}},
		{"jsonl null title and text", "f.jsonl", corpus.Options{}, `{"title":null,"text":null}`, []string{`f.jsonl:1: no "title" or "text" field`}},
		{"jsonl named fields missing", "f.jsonl", corpus.Options{TitleField: "headline", TextField: "body"}, `{"title":"a","text":"b"}`, []string{`f.jsonl:1: no "headline" or "body" field`}},
		{"jsonl boolean field", "f.jsonl", corpus.Options{}, `{"text":true}`, []string{`f.jsonl:1: field "text" is a boolean, want a string or a number`}},
		{"jsonl object field", "f.jsonl", corpus.Options{}, `{"text":"a","label":{"x":1}}`, []string{`f.jsonl:1: field "label" is an object`}},
		{"jsonl array field", "f.jsonl", corpus.Options{}, `{"id":[1],"text":"a"}`, []string{`f.jsonl:1: field "id" is an array`}},

		// CSV.
		{"csv without text or title", "c.csv", corpus.Options{}, "id,body\n1,x\n", []string{`c.csv:1: no column "text" or "title" (header: "id", "body")`}},
		{"csv without the named text column", "c.csv", corpus.Options{TextField: "body"}, "id,title,text\n1,T,x\n", []string{`c.csv:1: no column "body" (header: "id", "title", "text")`}},
		{"csv without the named label column", "c.csv", corpus.Options{LabelField: "story"}, "text,label\nx,L\n", []string{`c.csv:1: no column "story" (header: "text", "label")`}},
		{"csv without the named id column", "c.csv", corpus.Options{IDField: "key"}, "text\nx\n", []string{`c.csv:1: no column "key" (header: "text")`}},
		{"csv short row", "c.csv", corpus.Options{}, "id,title,text\n1,T,x\n2,T\n", []string{"c.csv:3: wrong number of fields: 2, header has 3"}},
		{"csv long row", "c.csv", corpus.Options{}, "id,text\n1,\"multi\nline\"\n2,x,y\n", []string{"c.csv:4: wrong number of fields: 3, header has 2"}},
		{"csv bare quote", "c.csv", corpus.Options{}, "id,text\n1,a \"b\" c\n", []string{`c.csv:2: bare " in non-quoted-field (column 5)`}},
		{"csv unterminated quote", "c.csv", corpus.Options{}, "id,text\n1,\"abc\n", []string{`c.csv:2: extraneous or missing " in quoted-field (column 8)`}},

		// Duplicate ids.
		{"duplicate jsonl ids", "d.jsonl", corpus.Options{}, `{"id":"a","text":""}` + "\n\n" + `{"id":"a","text":""}`, []string{`d.jsonl:3: duplicate id "a" (first on line 1)`}},
		{"duplicate number ids", "d.jsonl", corpus.Options{}, `{"id":1000,"text":""}` + "\n" + `{"id":1e3,"text":""}`, []string{`d.jsonl:2: duplicate id "1000" (first on line 1)`}},
		{"id like a line number", "d.jsonl", corpus.Options{}, `{"text":""}` + "\n" + `{"id":"1","text":""}`, []string{`d.jsonl:2: duplicate id "1" (first on line 1)`}},
		{"duplicate csv ids", "d.csv", corpus.Options{}, "id,text\na,\"x\ny\"\nb,\na,\n", []string{`d.csv:5: duplicate id "a" (first on line 2)`}},

		// Compression.
		{"corrupt gzip", "z.jsonl", corpus.Options{}, gz(t, strings.Repeat(`{"text":"abc"}`+"\n", 100))[:30] + "garbage", []string{"z.jsonl", "gzip: "}},
		{"truncated gzip", "z.jsonl", corpus.Options{}, gz(t, `{"text":"abc"}`)[:20], []string{"z.jsonl", "gzip: unexpected EOF"}},
		{"gzip header only", "z.jsonl", corpus.Options{}, "\x1f\x8b", []string{"corpus: z.jsonl: gzip: unexpected EOF"}},
		{"zstd", "z.jsonl.zst", corpus.Options{}, "\x28\xb5\x2f\xfd\x00\x00", []string{"corpus: z.jsonl.zst: zstd-compressed input is not supported (only gzip is)"}},
		{"zip", "z.zip", corpus.Options{}, "PK\x03\x04\x14\x00", []string{"corpus: z.zip: zip-compressed input"}},
		{"bzip2", "z.bz2", corpus.Options{}, "BZh91AY&SY\x00", []string{"corpus: z.bz2: bzip2-compressed input"}},
		{"xz", "z.xz", corpus.Options{}, "\xfd7zXZ\x00\x00", []string{"corpus: z.xz: xz-compressed input"}},

		// Formats.
		{"dir format for a stream", "stdin", corpus.Options{Format: corpus.FormatDir}, "x", []string{"corpus: stdin: not a directory"}},
		{"unknown format", "x", corpus.Options{Format: corpus.Format(9)}, "x", []string{"corpus: x: unknown format Format(9)"}},
		{"plain text sniffed as csv", "stdin", corpus.Options{}, "Some title\nSome text\n", []string{`stdin:1: no column "text" or "title" (header: "Some title")`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := corpus.ReadFrom(strings.NewReader(tt.in), tt.file, tt.opt)
			checkError(t, err, tt.want...)
			if docs != nil {
				t.Errorf("got %d documents with the error", len(docs))
			}
		})
	}
}

func TestErrorsUnwrap(t *testing.T) {
	_, err := corpus.ReadFrom(strings.NewReader("id,text\n1,a \"b\"\n"), "c.csv", corpus.Options{})
	if !errors.Is(err, csv.ErrBareQuote) {
		t.Errorf("%v does not unwrap to csv.ErrBareQuote", err)
	}
	_, err = corpus.Read("testdata/no-such-file.jsonl", corpus.Options{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%v does not unwrap to fs.ErrNotExist", err)
	}
	fail := errors.New("disk on fire")
	_, err = corpus.ReadFrom(iotest.ErrReader(fail), "r.jsonl", corpus.Options{})
	if !errors.Is(err, fail) {
		t.Errorf("%v does not unwrap to the reader's error", err)
	}
}

func TestError(t *testing.T) {
	cause := errors.New("what went wrong")
	tests := []struct {
		err  corpus.Error
		want string
	}{
		{corpus.Error{Path: "a.jsonl", Line: 3, Err: cause}, "corpus: a.jsonl:3: what went wrong"},
		{corpus.Error{Path: "a.jsonl", Err: cause}, "corpus: a.jsonl: what went wrong"},
		{corpus.Error{Line: 3, Err: cause}, "corpus: line 3: what went wrong"},
		{corpus.Error{Err: cause}, "corpus: what went wrong"},
		{corpus.Error{Path: "a"}, "corpus: a: unknown error"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
		if tt.err.Err != nil && tt.err.Unwrap() != cause {
			t.Errorf("%q does not unwrap to its cause", tt.want)
		}
	}
}

// failFS is an fs.FS whose files named "bad.txt" cannot be opened. It has
// only the Open method, so that every access goes through it.
type failFS struct{ m fstest.MapFS }

func (f failFS) Open(name string) (fs.File, error) {
	if filepath.Base(name) == "bad.txt" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.m.Open(name)
}

func TestReadPathErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"empty/.keep":        "",
		"other/notes.pdf":    "x",
		"other/.hidden.txt":  "x",
		"mixed/a.txt":        "fine",
		"mixed/sub/b.txt":    "bad \xff",
		"nul/a.txt":          "ok\n\x00",
		"file.jsonl":         `{"text":"a"}`,
		"empty.jsonl":        "",
		"dup.jsonl":          `{"id":"a","text":""}` + "\n" + `{"id":"a","text":""}`,
		"noext":              "",
		"csv/bad.csv":        "text\nx\n",
		"gzipdir/a.txt.gz":   "\x1f\x8bnot gzip",
		"latin1/caf\xe9.txt": "x",
		"zstd/a.txt":         "\x28\xb5\x2f\xfd\x00",
	})
	p := func(elem ...string) string { return filepath.Join(append([]string{dir}, elem...)...) }
	tests := []struct {
		name string
		path string
		opt  corpus.Options
		want []string
	}{
		{"missing path", p("nope.jsonl"), corpus.Options{}, []string{"corpus: " + p("nope.jsonl") + ": no such file or directory"}},
		{"missing directory", p("nope", "x.txt"), corpus.Options{}, []string{"corpus: " + p("nope", "x.txt") + ": no such file or directory"}},
		{"empty path", "", corpus.Options{}, []string{"corpus: empty path"}},
		{"empty directory", p("empty"), corpus.Options{}, []string{"corpus: " + p("empty") + ": no .txt or .md files"}},
		{"directory without text files", p("other"), corpus.Options{}, []string{"corpus: " + p("other") + ": no .txt or .md files"}},
		{"csv in a directory is not read", p("csv"), corpus.Options{}, []string{"corpus: " + p("csv") + ": no .txt or .md files"}},
		{"invalid UTF-8 in a directory", p("mixed"), corpus.Options{}, []string{"corpus: " + p("mixed", "sub", "b.txt") + ":1: invalid UTF-8 at column 5"}},
		{"NUL in a directory", p("nul"), corpus.Options{}, []string{"corpus: " + p("nul", "a.txt") + ":2: binary file: NUL byte"}},
		{"bad gzip in a directory", p("gzipdir"), corpus.Options{}, []string{"corpus: " + p("gzipdir", "a.txt.gz") + ": gzip: invalid header"}},
		{"zstd in a directory", p("zstd"), corpus.Options{}, []string{"corpus: " + p("zstd", "a.txt") + ": zstd-compressed input is not supported"}},
		{"empty file", p("empty.jsonl"), corpus.Options{}, []string{"corpus: " + p("empty.jsonl") + ": no documents"}},
		{"empty file sniffed", p("noext"), corpus.Options{}, []string{"corpus: " + p("noext") + ": no documents"}},
		{"duplicate ids", p("dup.jsonl"), corpus.Options{}, []string{"corpus: " + p("dup.jsonl") + `:2: duplicate id "a" (first on line 1)`}},
		{"dir format for a file", p("file.jsonl"), corpus.Options{Format: corpus.FormatDir}, []string{"corpus: " + p("file.jsonl") + ": not a directory"}},
		{"file name not UTF-8", p("latin1"), corpus.Options{}, []string{"corpus: " + p("latin1", "caf\xe9.txt") + ": file name is not valid UTF-8"}},
		{"single file name not UTF-8", p("latin1", "caf\xe9.txt"), corpus.Options{}, []string{"corpus: " + p("latin1", "caf\xe9.txt") + ": file name is not valid UTF-8"}},
		{"file format for a directory", p("mixed"), corpus.Options{Format: corpus.FormatJSONL}, []string{"corpus: " + p("mixed") + ": is a directory, not jsonl input"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := corpus.Read(tt.path, tt.opt)
			checkError(t, err, tt.want...)
			if docs != nil {
				t.Errorf("got %d documents with the error", len(docs))
			}
		})
	}

	t.Run("unreadable file", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads anything")
		}
		path := p("secret.txt")
		if err := os.WriteFile(path, []byte("x"), 0o000); err != nil {
			t.Fatal(err)
		}
		_, err := corpus.Read(path, corpus.Options{})
		checkError(t, err, "corpus: "+path+": permission denied")
	})
	t.Run("unreadable file in an fs.FS", func(t *testing.T) {
		fsys := failFS{fstest.MapFS{
			"in/a.txt":     {Data: []byte("a")},
			"in/sub/b.txt": {Data: []byte("b")},
			"in/z/bad.txt": {Data: []byte("c")},
		}}
		_, err := corpus.ReadFS(fsys, "in", corpus.Options{})
		checkError(t, err, "corpus: in/z/bad.txt: permission denied")
		if !errors.Is(err, fs.ErrPermission) {
			t.Errorf("%v does not unwrap to fs.ErrPermission", err)
		}
	})
	t.Run("missing in an fs.FS", func(t *testing.T) {
		_, err := corpus.ReadFS(fstest.MapFS{}, "nope", corpus.Options{})
		checkError(t, err, "corpus: nope: file does not exist")
	})
	t.Run("reader fails mid-stream", func(t *testing.T) {
		in := io.MultiReader(strings.NewReader(`{"text":"a"}`+"\n"), iotest.ErrReader(errors.New("disk on fire")))
		_, err := corpus.ReadFrom(in, "r.jsonl", corpus.Options{})
		checkError(t, err, "corpus: r.jsonl:2: disk on fire")
	})
	t.Run("slow reader", func(t *testing.T) {
		// One byte at a time, as from a pipe, still reads.
		in := iotest.OneByteReader(strings.NewReader(gz(t, `{"text":"a"}`+"\n"+`{"text":"b"}`)))
		docs, err := corpus.ReadFrom(in, "stdin", corpus.Options{})
		if err != nil || len(docs) != 2 {
			t.Errorf("got %d documents, %v", len(docs), err)
		}
	})
	t.Run("timeout reader", func(t *testing.T) {
		in := iotest.TimeoutReader(strings.NewReader(strings.Repeat(" ", 100) + "text\nx\n"))
		_, err := corpus.ReadFrom(in, "stdin", corpus.Options{})
		checkError(t, err, "corpus: stdin", iotest.ErrTimeout.Error())
	})
}
