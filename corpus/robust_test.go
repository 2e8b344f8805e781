package corpus_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/topics-dev/topics/corpus"
)

// zeros is an endless stream of zero bytes, like /dev/zero, that fails the
// read once more than max bytes were taken from it: a reader that sniffs
// binary input must stop long before.
type zeros struct{ n, max int }

var errReadTooFar = errors.New("read too far into the input")

func (z *zeros) Read(p []byte) (int, error) {
	if z.n > z.max {
		return 0, errReadTooFar
	}
	clear(p)
	z.n += len(p)
	return len(p), nil
}

// padCSV is a CSV header and rows enough to push what follows past the
// bytes that are sniffed for binary data (8000), ending on line 202.
var padCSV = "id,text\n" + strings.Repeat(",padding padding padding padding padding\n", 201)

// padLines is the number of lines of padCSV.
const padLines = 202

// warnings collects the warnings of a read.
type warnings []string

func (w *warnings) opt(o corpus.Options) corpus.Options {
	o.Warn = func(msg string) { *w = append(*w, msg) }
	return o
}

// TestBadInput reads every class of bad input that corpus refuses or
// reads in a documented way, and checks the exact one-line error, or the
// documents and the warnings.
func TestBadInput(t *testing.T) {
	type result struct {
		err   string   // the whole error message, or ""
		docs  int      // documents read when err is ""
		warns []string // the warnings, exactly
	}
	const bigLine = 200 << 10 // past the read buffer
	tests := []struct {
		name string
		file string // name given to ReadFrom
		opt  corpus.Options
		in   func(t *testing.T) io.Reader
		want result
	}{
		// Binary input is refused from its first bytes, whatever its
		// name or format, and never read to the end.
		{"endless zeros as jsonl", "zero.jsonl", corpus.Options{}, endless, result{err: "corpus: zero.jsonl:1: binary file: NUL byte at column 1 (byte offset 0)"}},
		{"endless zeros as csv", "zero.csv", corpus.Options{}, endless, result{err: "corpus: zero.csv:1: binary file: NUL byte at column 1 (byte offset 0)"}},
		{"endless zeros as text", "zero.txt", corpus.Options{}, endless, result{err: "corpus: zero.txt:1: binary file: NUL byte at column 1 (byte offset 0)"}},
		{"endless zeros sniffed", "stdin", corpus.Options{}, endless, result{err: "corpus: stdin:1: binary file: NUL byte at column 1 (byte offset 0)"}},
		{"gzip of 4 MB of zeros", "z.jsonl.gz", corpus.Options{}, str(gz(t, strings.Repeat("\x00", 4<<20))), result{err: "corpus: z.jsonl.gz:1: binary file: NUL byte at column 1 (byte offset 0)"}},
		{"executable on stdin", "stdin", corpus.Options{}, str("\x7fELF\x02\x01\x01\x00\x00\x00"), result{err: "corpus: stdin:1: binary file: NUL byte at column 8 (byte offset 7)"}},
		{"binary with quotes is not a CSV quote error", "b.csv", corpus.Options{}, str("id,text\n1,\"a\"b\x00\"\n"), result{err: "corpus: b.csv:2: binary file: NUL byte at column 7 (byte offset 14)"}},
		{"latin-1 is not UTF-8", "l.csv", corpus.Options{}, str("id,text\n1,caf\xe9\n"), result{err: "corpus: l.csv:2: invalid UTF-8 at column 6 (byte offset 13): not UTF-8 text (a binary file, or another encoding)"}},
		{"image", "stdin", corpus.Options{}, str("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), result{err: "corpus: stdin:1: invalid UTF-8 at column 1 (byte offset 0): not UTF-8 text (a binary file, or another encoding)"}},
		{"UTF-16 with a byte order mark", "u.txt", corpus.Options{}, str("\xff\xfeT\x00i\x00"), result{err: "corpus: u.txt: UTF-16 text is not supported: convert it to UTF-8"}},
		{"UTF-16 gzip", "u.jsonl.gz", corpus.Options{}, str(gz(t, "\xfe\xff\x00{")), result{err: "corpus: u.jsonl.gz: UTF-16 text is not supported: convert it to UTF-8"}},

		// Past the sniffed bytes, a NUL byte or invalid UTF-8 is found
		// where it is, on its own line.
		{"NUL late in csv, on a later line of its field", "b.csv", corpus.Options{}, str(padCSV + "x,\"first line\nsecond \x00 line\"\n"),
			result{err: fmt.Sprintf("corpus: b.csv:%d: binary file: NUL byte at column 8 (byte offset %d)", padLines+2, len(padCSV)+21)}},
		{"NUL late in csv", "b.csv", corpus.Options{}, str(padCSV + "x,a\x00\n"), result{err: fmt.Sprintf("corpus: b.csv:%d: binary file: NUL byte at column 4 (byte offset %d)", padLines+1, len(padCSV)+3)}},
		{"invalid UTF-8 late in csv", "u.csv", corpus.Options{}, str(padCSV + "x,\"a\nb\n\xff\"\n"), result{err: fmt.Sprintf("corpus: u.csv:%d: invalid UTF-8 at column 1 (byte offset %d): not UTF-8 text (a binary file, or another encoding)", padLines+3, len(padCSV)+7)}},
		{"NUL late in jsonl", "b.jsonl", corpus.Options{}, str(strings.Repeat(`{"text":"padding padding"}`+"\n", 400) + `{"text":"a` + "\x00" + `"}`), result{err: "corpus: b.jsonl:401: binary file: NUL byte at column 11 (byte offset 10810)"}},
		{"NUL split from its line by reads", "b.jsonl", corpus.Options{}, halves("{\"text\":\"a\"}\n{\"text\":\"caf\u00e9 \x00\"}"), result{err: "corpus: b.jsonl:2: binary file: NUL byte at column 16 (byte offset 28)"}},
		{"earlier errors first", "m.jsonl", corpus.Options{}, str(`{"text":"a",}` + "\n" + `{"text":"a` + "\x00" + `"}`), result{err: "corpus: m.jsonl:1: malformed JSON at column 13: unexpected '}', want a string key"}},
		{"sniffed: earlier errors first", "stdin", corpus.Options{}, str("0\n\xff"), result{err: `corpus: stdin:1: no column "text" or "title" (header: "0")`}},
		{"UTF-8 split by reads", "s.jsonl", corpus.Options{}, bytewise(`{"text":"café 😀"}`), result{docs: 1}},
		{"UTF-8 cut at the end", "s.txt", corpus.Options{}, bytewise("café \xf0\x9f\x98"), result{err: "corpus: s.txt:1: invalid UTF-8 at column 7 (byte offset 6): not UTF-8 text (a binary file, or another encoding)"}},
		{"NUL late in text", "b.txt", corpus.Options{}, str(strings.Repeat("padding\n", 1200) + "a\x00"), result{err: "corpus: b.txt:1201: binary file: NUL byte at column 2 (byte offset 9601)"}},

		// One document, one line, one record has a size limit.
		{"jsonl line over the limit", "big.jsonl", corpus.Options{MaxDocBytes: 100}, str(`{"text":"a"}` + "\n" + `{"text":"` + strings.Repeat("a", 120) + `"}` + "\r\n"),
			result{err: "corpus: big.jsonl:2: document too large: 131 bytes, over the limit of 100 (raise it with --max-doc-bytes)"}},
		{"jsonl line at the limit", "big.jsonl", corpus.Options{MaxDocBytes: 131}, str(`{"text":"a"}` + "\n" + `{"text":"` + strings.Repeat("a", 120) + `"}` + "\r\n"), result{docs: 2}},
		{"jsonl line far over the limit", "big.jsonl", corpus.Options{MaxDocBytes: 1000}, str(`{"text":"` + strings.Repeat("a", bigLine)),
			result{err: "corpus: big.jsonl:1: document too large: over the limit of 1000 bytes (raise it with --max-doc-bytes)"}},
		{"endless line", "big.jsonl", corpus.Options{MaxDocBytes: 1 << 20}, endlessLine, result{err: "corpus: big.jsonl:1: document too large: over the limit of 1048576 bytes (raise it with --max-doc-bytes)"}},
		{"no limit", "big.jsonl", corpus.Options{MaxDocBytes: -1}, str(`{"text":"` + strings.Repeat("a", bigLine) + `"}`), result{docs: 1}},
		{"csv record over the limit", "big.csv", corpus.Options{MaxDocBytes: 10000}, str("id,text\n1,a\n2,\"" + strings.Repeat("many\nlines\n", 5000)),
			result{err: "corpus: big.csv:3: document too large: over the limit of 10000 bytes (raise it with --max-doc-bytes)"}},
		{"text over the limit", "big.txt", corpus.Options{MaxDocBytes: 100}, str(strings.Repeat("a", 101)), result{err: "corpus: big.txt: document too large: over the limit of 100 bytes (raise it with --max-doc-bytes)"}},
		{"text at the limit", "big.txt", corpus.Options{MaxDocBytes: 100}, str(strings.Repeat("a", 100)), result{docs: 1}},

		// Fields asked for must exist.
		{"jsonl text field in no record", "f.jsonl", corpus.Options{TextField: "nosuch"}, str(`{"id":"1","title":"T","text":"x"}` + "\n" + `{"id":"2","title":"U"}`),
			result{err: `corpus: f.jsonl: no record has the field "nosuch" (line 1 has "id", "title", "text")`}},
		{"jsonl title field in no record", "f.jsonl", corpus.Options{TitleField: "headline"}, str(`{"text":"x"}`), result{err: `corpus: f.jsonl: no record has the field "headline" (line 1 has "text")`}},
		{"jsonl id field in no record", "f.jsonl", corpus.Options{IDField: "key"}, str("\n" + `{"text":"x"}`), result{err: `corpus: f.jsonl: no record has the field "key" (line 2 has "text")`}},
		{"jsonl label field in no record", "f.jsonl", corpus.Options{LabelField: "story"}, str(`{"text":"x","label":"L"}`), result{err: `corpus: f.jsonl: no record has the field "story" (line 1 has "text", "label")`}},
		{"jsonl default named must exist too", "f.jsonl", corpus.Options{LabelField: "label"}, str(`{"text":"x"}`), result{err: `corpus: f.jsonl: no record has the field "label" (line 1 has "text")`}},
		{"jsonl named field in some records", "f.jsonl", corpus.Options{LabelField: "story"}, str(`{"text":"x"}` + "\n" + `{"text":"y","story":null}`), result{docs: 2}},
		{"jsonl neither title nor text", "f.jsonl", corpus.Options{TextField: "body"}, str(`{"id":"1","text":"x"}`), result{err: `corpus: f.jsonl:1: no "title" or "body" field (the line has "id", "text")`}},
		{"jsonl empty object", "f.jsonl", corpus.Options{}, str(`{}`), result{err: `corpus: f.jsonl:1: no "title" or "text" field (the line has no fields)`}},
		{"jsonl default text in no record: titles, with a warning", "f.jsonl", corpus.Options{}, str(`{"title":"T","body":"x"}` + "\n" + `{"title":"U"}`),
			result{docs: 2, warns: []string{`f.jsonl: no record has a "text" field: the documents are their titles only (line 1 has "title", "body")`}}},
		{"csv named text column missing", "c.csv", corpus.Options{TextField: "text"}, str("id,title\n1,T\n"), result{err: `corpus: c.csv:1: no column "text" (header: "id", "title")`}},
		{"csv default text column missing: titles, with a warning", "c.csv", corpus.Options{}, str("id,title\n1,T\n"),
			result{docs: 1, warns: []string{`c.csv:1: no "text" column: the documents are their titles only (header: "id", "title")`}}},
		{"text file has no fields", "a.txt", corpus.Options{TextField: "body"}, str("T\nx"), result{err: `corpus: a.txt: a text file has no field "body" (fields are for JSON Lines and CSV)`}},

		// Empty input names the input.
		{"empty text file", "e.txt", corpus.Options{}, str(""), result{err: "corpus: e.txt: empty file: no title or text"}},
		{"blank text file", "e.txt", corpus.Options{}, str(" \r\n\t\n"), result{err: "corpus: e.txt: empty file: no title or text"}},
		{"empty gzip text file", "e.txt.gz", corpus.Options{}, str(gz(t, "")), result{err: "corpus: e.txt.gz: empty file: no title or text"}},
		{"one empty jsonl document", "e.jsonl", corpus.Options{}, str(`{"id":"a","title":"","text":""}`), result{err: "corpus: e.jsonl: the only document is empty: no title or text"}},
		{"all csv documents empty", "e.csv", corpus.Options{}, str("id,text\n1,\n2,\n"), result{err: "corpus: e.csv: all 2 documents are empty: no title or text"}},
		{"some empty documents are kept", "e.csv", corpus.Options{}, str("id,text\n1,\n2,x\n"), result{docs: 2}},

		// Compression (already good, kept so).
		{"truncated gzip", "t.jsonl", corpus.Options{}, str(gz(t, strings.Repeat(`{"text":"abc"}`+"\n", 1000))[:40]), result{err: "corpus: t.jsonl:1: gzip: unexpected EOF"}},
		{"concatenated gzip", "c.jsonl", corpus.Options{}, str(gz(t, `{"text":"a"}`+"\n") + gz(t, `{"text":"b"}`)), result{docs: 2}},
		{"gzip followed by garbage", "g.jsonl", corpus.Options{}, str(gz(t, `{"text":"a"}`+"\n") + "garbage, and more garbage"), result{err: "corpus: g.jsonl:2: gzip: invalid header"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warns warnings
			in := tt.in(t)
			docs, err := corpus.ReadFrom(in, tt.file, warns.opt(tt.opt))
			checkResult(t, docs, err, warns, tt.want.err, tt.want.docs, tt.want.warns)
			// However the reads are cut, the result is the same.
			if s, ok := in.(*strings.Reader); ok && s.Size() < 20000 {
				s.Seek(0, io.SeekStart)
				warns = nil
				docs, err := corpus.ReadFrom(iotest.OneByteReader(s), tt.file, warns.opt(tt.opt))
				checkResult(t, docs, err, warns, tt.want.err, tt.want.docs, tt.want.warns)
			}
		})
	}
}

// checkResult checks a read against the error message wantErr, or, when
// that is "", against the number of documents; and the warnings.
func checkResult(t *testing.T, docs []corpus.Document, err error, warns []string, wantErr string, wantDocs int, wantWarns []string) {
	t.Helper()
	switch {
	case wantErr != "" && err == nil:
		t.Errorf("read %d documents, want error %q", len(docs), wantErr)
	case wantErr != "":
		checkError(t, err)
		if err.Error() != wantErr {
			t.Errorf("error\n %q\nwant\n %q", err, wantErr)
		}
	case err != nil:
		t.Errorf("error %q, want %d documents", err, wantDocs)
	case len(docs) != wantDocs:
		t.Errorf("%d documents, want %d", len(docs), wantDocs)
	}
	if !reflect.DeepEqual([]string(warns), wantWarns) {
		t.Errorf("warnings %q, want %q", warns, wantWarns)
	}
}

func str(s string) func(*testing.T) io.Reader {
	return func(*testing.T) io.Reader { return strings.NewReader(s) }
}

// bytewise reads s one byte at a time, as from a slow pipe.
func bytewise(s string) func(*testing.T) io.Reader {
	return func(*testing.T) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) }
}

// halves reads s half a buffer at a time.
func halves(s string) func(*testing.T) io.Reader {
	return func(*testing.T) io.Reader { return iotest.HalfReader(strings.NewReader(s)) }
}

func endless(*testing.T) io.Reader { return &zeros{max: 1 << 20} }

// endlessLine is a JSON Lines line that never ends.
func endlessLine(*testing.T) io.Reader {
	return io.MultiReader(strings.NewReader(`{"text":"`), &letters{max: 64 << 20})
}

// letters is an endless stream of 'a', failing past max bytes.
type letters struct{ n, max int }

func (l *letters) Read(p []byte) (int, error) {
	if l.n > l.max {
		return 0, errReadTooFar
	}
	for i := range p {
		p[i] = 'a'
	}
	l.n += len(p)
	return len(p), nil
}

// TestBadPaths reads bad files and directories through Read, as the CLI
// does, and checks the exact error or the documents and warnings.
// Platform-specific cases (fifos, devices, sockets) are in
// TestBadPathsUnix.
func TestBadPaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"ok/a.txt":      "A\nx",
		"ok/b.txt":      "B\ny",
		"empty/a.txt":   "",
		"empty/b.md":    "\n\n",
		"fields/a.txt":  "A\nx",
		"big/a.txt":     strings.Repeat("a", 200),
		"links/a.txt":   "A\nx",
		"links/sub/b.t": "",
	})
	p := func(elem ...string) string { return filepath.Join(append([]string{dir}, elem...)...) }
	// A sparse file of 100 MB of zeros: reading it whole would be slow.
	zero := p("zeros.jsonl")
	if f, err := os.Create(zero); err != nil {
		t.Fatal(err)
	} else if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	} else {
		f.Close()
	}
	symlink := func(old, new string) {
		if err := os.Symlink(old, new); err != nil {
			t.Skip("no symbolic links:", err)
		}
	}
	symlink("loop2", p("loop1"))
	symlink("loop1", p("loop2"))
	symlink("a.txt", p("links", "good.txt"))
	symlink("nowhere.txt", p("links", "dangling.txt"))
	symlink("self.txt", p("links", "self.txt"))
	symlink("..", p("links", "parent.txt"))
	symlink("sub", p("links", "sub.md"))

	tests := []struct {
		name  string
		path  string
		opt   corpus.Options
		err   string
		docs  int
		warns []string
	}{
		{"100 MB of zeros", zero, corpus.Options{}, "corpus: " + zero + ":1: binary file: NUL byte at column 1 (byte offset 0)", 0, nil},
		{"empty text file", p("empty", "a.txt"), corpus.Options{}, "corpus: " + p("empty", "a.txt") + ": empty file: no title or text", 0, nil},
		{"directory of empty files", p("empty"), corpus.Options{}, "corpus: " + p("empty") + ": all 2 documents are empty: no title or text", 0, nil},
		{"file over the limit in a directory", p("big"), corpus.Options{MaxDocBytes: 100}, "corpus: " + p("big", "a.txt") + ": document too large: over the limit of 100 bytes (raise it with --max-doc-bytes)", 0, nil},
		{"field named for a directory", p("fields"), corpus.Options{LabelField: "story"}, "corpus: " + p("fields") + `: a directory of texts has no field "story" (fields are for JSON Lines and CSV)`, 0, nil},
		{"symlink loop as the corpus", p("loop1"), corpus.Options{}, "corpus: " + p("loop1") + ": too many levels of symbolic links", 0, nil},
		{"symlinks in a directory", p("links"), corpus.Options{}, "", 2, []string{
			p("links", "dangling.txt") + ": skipped: no such file or directory",
			p("links", "parent.txt") + ": skipped: not a regular file (a directory)",
			p("links", "self.txt") + ": skipped: too many levels of symbolic links",
			p("links", "sub.md") + ": skipped: not a regular file (a directory)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warns warnings
			var read int64
			opt := warns.opt(tt.opt)
			opt.Progress = func(n int64) { read += n }
			docs, err := corpus.Read(tt.path, opt)
			checkResult(t, docs, err, warns, tt.err, tt.docs, tt.warns)
			if read > 1<<20 {
				t.Errorf("read %d bytes of the input", read)
			}
		})
	}
}
