package corpus_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/topics-dev/topics/corpus"
)

// doc is shorthand for a Document in tables.
func doc(id, title, text, label string) corpus.Document {
	return corpus.Document{ID: id, Title: title, Text: text, Label: label}
}

func gz(t testing.TB, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := io.WriteString(w, s); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestReadFrom(t *testing.T) {
	const jsonl = `{"id":"a","title":"T1","text":"x1","label":"L1"}` + "\n" + `{"id":"b","title":"T2","text":"x2","label":"L2"}` + "\n"
	jsonlDocs := []corpus.Document{doc("a", "T1", "x1", "L1"), doc("b", "T2", "x2", "L2")}
	const csvIn = "id,title,text,label\na,T1,x1,L1\nb,T2,x2,L2\n"
	tests := []struct {
		name string // of the case
		file string // the name given to ReadFrom
		opt  corpus.Options
		in   string
		want []corpus.Document
	}{
		// JSON Lines.
		{"jsonl", "a.jsonl", corpus.Options{}, jsonl, jsonlDocs},
		{"ndjson", "a.ndjson", corpus.Options{}, jsonl, jsonlDocs},
		{"json", "a.JSON", corpus.Options{}, jsonl, jsonlDocs},
		{"jsonl no final newline", "a.jsonl", corpus.Options{}, strings.TrimSuffix(jsonl, "\n"), jsonlDocs},
		{"jsonl crlf", "a.jsonl", corpus.Options{}, strings.ReplaceAll(jsonl, "\n", "\r\n"), jsonlDocs},
		{"jsonl bom", "a.jsonl", corpus.Options{}, "\uFEFF" + jsonl, jsonlDocs},
		{"jsonl blank lines", "a.jsonl", corpus.Options{}, "\n  \n" + jsonl + "\t\n\n", jsonlDocs},
		{"jsonl white space", "a.jsonl", corpus.Options{}, "  { \"id\" : \"a\" ,\t\"text\" : \"x\" }  \n", []corpus.Document{doc("a", "", "x", "")}},
		{"jsonl numbers", "a.jsonl", corpus.Options{},
			`{"id": 12, "text": "x", "label": 3}` + "\n" +
				`{"id": 1e3, "title": 2.50}` + "\n" +
				`{"id": 12345678901234567890123, "text": ""}` + "\n" +
				`{"id": -7.0, "text": ""}` + "\n" +
				`{"id": 1.5e300, "text": ""}` + "\n",
			[]corpus.Document{doc("12", "", "x", "3"), doc("1000", "2.5", "", ""), doc("12345678901234567890123", "", "", ""), doc("-7", "", "", ""), doc("1.5e+300", "", "", "")}},
		{"jsonl missing id is the line number", "a.jsonl", corpus.Options{}, "\n" + `{"text":"x"}` + "\n" + `{"id":"","text":"y"}` + "\n" + `{"id":null,"text":"z"}`,
			[]corpus.Document{doc("2", "", "x", ""), doc("3", "", "y", ""), doc("4", "", "z", "")}},
		{"jsonl null and missing fields", "a.jsonl", corpus.Options{}, `{"id":"a","title":null,"text":"x","label":null}` + "\n" + `{"id":"b","title":"T"}`,
			[]corpus.Document{doc("a", "", "x", ""), doc("b", "T", "", "")}},
		{"jsonl empty content is kept", "a.jsonl", corpus.Options{}, `{"id":"a","title":"","text":""}` + "\n" + `{"id":"b","text":"x"}`, []corpus.Document{doc("a", "", "", ""), doc("b", "", "x", "")}},
		{"jsonl other fields ignored", "a.jsonl", corpus.Options{}, `{"meta":{"x":[1,true,null,{"y":"\u0000"}]},"id":"a","n":-1.5e-3,"text":"x","ok":false}`, []corpus.Document{doc("a", "", "x", "")}},
		{"jsonl escapes", "a.jsonl", corpus.Options{}, `{"id":"\u0061","text":"caf\u00e9\n\"q\"\t\\ \/ \ud83d\ude00 \ud800 é"}`, []corpus.Document{doc("a", "", "café\n\"q\"\t\\ / 😀 \uFFFD é", "")}},
		{"jsonl duplicate key: last wins", "a.jsonl", corpus.Options{}, `{"id":"a","text":"x","text":"y"}`, []corpus.Document{doc("a", "", "y", "")}},
		{"jsonl escaped key", "a.jsonl", corpus.Options{}, `{"id":"a","t\u0065xt":"x"}`, []corpus.Document{doc("a", "", "x", "")}},
		{"jsonl field names", "a.jsonl", corpus.Options{IDField: "key", TitleField: "headline", TextField: "body", LabelField: "story"},
			`{"key":"k","headline":"H","body":"B","story":"S","id":"ignored","label":"ignored"}`, []corpus.Document{doc("k", "H", "B", "S")}},
		{"jsonl names are case-sensitive", "a.jsonl", corpus.Options{}, `{"ID":"x","Title":"y","text":"z"}`, []corpus.Document{doc("1", "", "z", "")}},
		{"jsonl forced", "a.txt", corpus.Options{Format: corpus.FormatJSONL}, jsonl, jsonlDocs},

		// CSV.
		{"csv", "a.csv", corpus.Options{}, csvIn, jsonlDocs},
		{"csv crlf", "a.CSV", corpus.Options{}, strings.ReplaceAll(csvIn, "\n", "\r\n"), jsonlDocs},
		{"csv bom", "a.csv", corpus.Options{}, "\uFEFF" + csvIn, jsonlDocs},
		{"csv column order and extra columns", "a.csv", corpus.Options{}, "label,x,text,id,title\nL1,?,x1,a,T1\nL2,?,x2,b,T2\n", jsonlDocs},
		{"csv header cells trimmed", "a.csv", corpus.Options{}, " id , title ,text,label\na,T1,x1,L1\nb,T2,x2,L2\n", jsonlDocs},
		{"csv quoted fields", "a.csv", corpus.Options{}, "id,text\na,\"line 1\nline \"\"2\"\", end\"\nb,\"\"\n",
			[]corpus.Document{doc("a", "", "line 1\nline \"2\", end", ""), doc("b", "", "", "")}},
		{"csv no id column is the row number", "a.csv", corpus.Options{}, "title,text\nT1,\"x\n1\"\n\nT2,x2\n",
			[]corpus.Document{doc("1", "T1", "x\n1", ""), doc("2", "T2", "x2", "")}},
		{"csv empty id is the row number", "a.csv", corpus.Options{}, "id,text\n,x\nb,y\n", []corpus.Document{doc("1", "", "x", ""), doc("b", "", "y", "")}},
		{"csv title only", "a.csv", corpus.Options{}, "title\nT1\nT2\n", []corpus.Document{doc("1", "T1", "", ""), doc("2", "T2", "", "")}},
		{"csv text only", "a.csv", corpus.Options{}, "text\nx1\n", []corpus.Document{doc("1", "", "x1", "")}},
		{"csv field names", "a.csv", corpus.Options{IDField: "key", TitleField: "headline", TextField: "body", LabelField: "story"},
			"key,headline,body,story\nk,H,B,S\n", []corpus.Document{doc("k", "H", "B", "S")}},
		{"csv forced", "a.txt", corpus.Options{Format: corpus.FormatCSV}, csvIn, jsonlDocs},

		// Single text.
		{"text", "dir/a.txt", corpus.Options{}, "Title\n\nBody\nmore\n", []corpus.Document{doc("a.txt", "Title", "\nBody\nmore\n", "")}},
		{"md", "b.MD", corpus.Options{}, "# Head\nBody", []corpus.Document{doc("b.MD", "# Head", "Body", "")}},
		{"text leading blank lines", "a.txt", corpus.Options{}, "\n \t\r\n  Title \r\nBody\r\n", []corpus.Document{doc("a.txt", "Title", "Body\r\n", "")}},
		{"text title only", "a.txt", corpus.Options{}, "Title", []corpus.Document{doc("a.txt", "Title", "", "")}},
		{"text forced", "stdin", corpus.Options{Format: corpus.FormatText}, `{"id":"a"}`, []corpus.Document{doc("stdin", `{"id":"a"}`, "", "")}},
		{"text without a name", "", corpus.Options{Format: corpus.FormatText}, "T\nx", []corpus.Document{doc("1", "T", "x", "")}},

		// Sniffing.
		{"sniff jsonl", "stdin", corpus.Options{}, " \n\t" + jsonl, jsonlDocs},
		{"sniff csv", "stdin", corpus.Options{}, csvIn, jsonlDocs},
		{"sniff unknown extension", "data.tsv", corpus.Options{}, jsonl, jsonlDocs},
		{"sniff past the first block", "-", corpus.Options{}, strings.Repeat(" ", 5000) + jsonl, jsonlDocs},

		// Compression is told by content, not by name.
		{"gzip jsonl", "a.jsonl.gz", corpus.Options{}, gz(t, jsonl), jsonlDocs},
		{"gzip named jsonl", "a.jsonl", corpus.Options{}, gz(t, jsonl), jsonlDocs},
		{"plain named gz", "a.jsonl.gz", corpus.Options{}, jsonl, jsonlDocs},
		{"gzip csv", "a.csv.gz", corpus.Options{}, gz(t, csvIn), jsonlDocs},
		{"gzip sniffed", "stdin", corpus.Options{}, gz(t, jsonl), jsonlDocs},
		{"gzip sniffed csv", "a.gz", corpus.Options{}, gz(t, csvIn), jsonlDocs},
		{"gzip text", "a.txt.gz", corpus.Options{}, gz(t, "T\nx"), []corpus.Document{doc("a.txt.gz", "T", "x", "")}},
		{"gzip bom", "a.jsonl", corpus.Options{}, gz(t, "\uFEFF"+jsonl), jsonlDocs},
		{"gzip multistream", "a.jsonl", corpus.Options{}, gz(t, jsonl[:len(jsonl)/2]) + gz(t, jsonl[len(jsonl)/2:]), jsonlDocs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := corpus.ReadFrom(strings.NewReader(tt.in), tt.file, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			// The streaming form gives the same documents.
			var walked []corpus.Document
			err = corpus.WalkFrom(strings.NewReader(tt.in), tt.file, tt.opt, func(d corpus.Document) error {
				walked = append(walked, d)
				return nil
			})
			if err != nil || !reflect.DeepEqual(walked, got) {
				t.Errorf("WalkFrom: %v, %q; Read gave %q", err, walked, got)
			}
		})
	}
}

// writeFiles creates files (path with '/' -> content) below dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadDir(t *testing.T) {
	files := map[string]string{
		"b/z.txt":          "Zed\nzzz",
		"a.txt":            "\n  A title \nA text\n",
		"a/b.md":           "# B\n",
		"a/c.txt.gz":       gz(t, "C\nccc"),
		"a/d.txt":          "",
		"UPPER.TXT":        "Upper",
		"plain.md.gz":      "not compressed\n",
		".hidden/x.txt":    "skipped",
		".dot.txt":         "skipped",
		"b/.swp.txt":       "skipped",
		"notes.pdf":        "ignored",
		"data.jsonl":       `{"text": "ignored"}`,
		"a/README":         "ignored",
		"deep/er/still.md": "Deep\n",
		"bom.txt":          "\uFEFFBom\nx",
	}
	// Sorted by relative path as strings: '.' sorts before '/', upper case
	// before lower.
	want := []corpus.Document{
		doc("UPPER.TXT", "Upper", "", ""),
		doc("a.txt", "A title", "A text\n", ""),
		doc("a/b.md", "# B", "", ""),
		doc("a/c.txt.gz", "C", "ccc", ""),
		doc("a/d.txt", "", "", ""),
		doc("b/z.txt", "Zed", "zzz", ""),
		doc("bom.txt", "Bom", "x", ""),
		doc("deep/er/still.md", "Deep", "", ""),
		doc("plain.md.gz", "not compressed", "", ""),
	}
	root := t.TempDir()
	dir := filepath.Join(root, "corpus")
	writeFiles(t, dir, files)

	check := func(t *testing.T, got []corpus.Document, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got  %q\nwant %q", got, want)
		}
	}
	for _, opt := range []corpus.Options{{}, {Format: corpus.FormatDir}} {
		t.Run("Read/"+opt.Format.String(), func(t *testing.T) {
			got, err := corpus.Read(dir, opt)
			check(t, got, err)
		})
	}
	t.Run("Read trailing slash", func(t *testing.T) {
		got, err := corpus.Read(dir+string(filepath.Separator), corpus.Options{})
		check(t, got, err)
	})
	t.Run("ReadFS root", func(t *testing.T) {
		got, err := corpus.ReadFS(os.DirFS(dir), ".", corpus.Options{})
		check(t, got, err)
	})
	t.Run("ReadFS subdirectory", func(t *testing.T) {
		got, err := corpus.ReadFS(os.DirFS(root), "corpus", corpus.Options{})
		check(t, got, err)
	})
	t.Run("ReadFS MapFS", func(t *testing.T) {
		fsys := fstest.MapFS{}
		for name, content := range files {
			fsys["in/"+name] = &fstest.MapFile{Data: []byte(content)}
		}
		got, err := corpus.ReadFS(fsys, "in/", corpus.Options{})
		check(t, got, err)
	})
	t.Run("Walk", func(t *testing.T) {
		var got []corpus.Document
		err := corpus.Walk(dir, corpus.Options{}, func(d corpus.Document) error {
			got = append(got, d)
			return nil
		})
		check(t, got, err)
	})
	t.Run("symlinks", func(t *testing.T) {
		link := t.TempDir()
		writeFiles(t, link, map[string]string{"real.txt": "Real\n"})
		for _, l := range []struct{ old, new string }{
			{filepath.Join(link, "real.txt"), filepath.Join(link, "file-link.txt")},
			{dir, filepath.Join(link, "dir-link.txt")}, // a directory: skipped, not followed
		} {
			if err := os.Symlink(l.old, l.new); err != nil {
				t.Skip("no symlinks:", err)
			}
		}
		got, err := corpus.Read(link, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := []corpus.Document{doc("file-link.txt", "Real", "", ""), doc("real.txt", "Real", "", "")}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.jsonl.gz": gz(t, `{"id":"x","text":"y"}`),
		"b.txt":      "T\nbody",
		"c":          "title,text\nT,x\n",
	})
	tests := []struct {
		path string
		opt  corpus.Options
		want []corpus.Document
	}{
		{"a.jsonl.gz", corpus.Options{}, []corpus.Document{doc("x", "", "y", "")}},
		{"b.txt", corpus.Options{}, []corpus.Document{doc("b.txt", "T", "body", "")}},
		{"c", corpus.Options{}, []corpus.Document{doc("1", "T", "x", "")}},
		{"c", corpus.Options{Format: corpus.FormatText}, []corpus.Document{doc("c", "title,text", "T,x\n", "")}},
	}
	for _, tt := range tests {
		t.Run(tt.path+"/"+tt.opt.Format.String(), func(t *testing.T) {
			got, err := corpus.Read(filepath.Join(dir, tt.path), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			// ReadFS reads a single file the same way.
			got, err = corpus.ReadFS(os.DirFS(dir), tt.path, tt.opt)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ReadFS: %v, %q, want %q", err, got, tt.want)
			}
		})
	}
}

// TestReadStdin reads "-" from a replaced os.Stdin.
func TestReadStdin(t *testing.T) {
	tests := []struct {
		name, in string
		opt      corpus.Options
		want     []corpus.Document
	}{
		{"jsonl", `{"id":"a","text":"x"}` + "\n", corpus.Options{}, []corpus.Document{doc("a", "", "x", "")}},
		{"gzip csv", gz(t, "text\nx\n"), corpus.Options{}, []corpus.Document{doc("1", "", "x", "")}},
		{"text", "T\nx\n", corpus.Options{Format: corpus.FormatText}, []corpus.Document{doc("stdin", "T", "x\n", "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "stdin")
			if err := os.WriteFile(path, []byte(tt.in), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			stdin := os.Stdin
			os.Stdin = f
			defer func() { os.Stdin = stdin }()

			got, err := corpus.Read("-", tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSampleFS reads the directory the root package embeds, through
// os.DirFS, as ReadFS reads the embedded copy.
func TestSampleDir(t *testing.T) {
	docs, err := corpus.Read("../testdata/sample", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 5 {
		t.Fatalf("%d documents, want 5", len(docs))
	}
	for _, d := range docs {
		data, err := os.ReadFile(filepath.Join("../testdata/sample", d.ID))
		if err != nil {
			t.Fatal(err)
		}
		// Content tokenizes like the whole file.
		if got, want := strings.Fields(d.Content()), strings.Fields(string(data)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Content has other words than the file", d.ID)
		}
	}
}

func TestReadTestdata(t *testing.T) {
	docs, err := corpus.Read("../testdata/bbc300.jsonl.gz", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 300 {
		t.Errorf("%d documents, want 300", len(docs))
	}
	labels := map[string]int{}
	for _, d := range docs {
		labels[d.Label]++
	}
	for label, n := range labels {
		if n != 60 {
			t.Errorf("label %q: %d documents, want 60", label, n)
		}
	}
	if len(labels) != 5 {
		t.Errorf("%d labels, want 5", len(labels))
	}
}

func TestLongLine(t *testing.T) {
	const n = 16 << 20 // far beyond any read buffer
	text := strings.Repeat("word ", n/5)
	in := io.MultiReader(
		strings.NewReader(`{"id":"short","text":"x"}`+"\n"),
		strings.NewReader(`{"id":"long","text":"`+text+`"}`+"\n"),
		strings.NewReader(`{"id":"after","text":"y"}`),
	)
	docs, err := corpus.ReadFrom(in, "long.jsonl", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 || docs[1].Text != text || docs[2].ID != "after" {
		t.Errorf("got %d documents", len(docs))
	}
}

func TestWalkStops(t *testing.T) {
	stop := fs.ErrClosed // any error of fn's own
	for path, opt := range map[string]corpus.Options{
		"testdata/news.jsonl": {},
		"testdata/articles":   {},
		"testdata/news.csv":   {TextField: "body"},
	} {
		t.Run(path, func(t *testing.T) {
			var n int
			err := corpus.Walk(path, opt, func(corpus.Document) error {
				n++
				return stop
			})
			if err != stop {
				t.Errorf("got error %v, want fn's error as it is", err)
			}
			if n != 1 {
				t.Errorf("fn called %d times after failing", n)
			}
		})
	}
}

func TestContent(t *testing.T) {
	tests := []struct {
		d    corpus.Document
		want string
	}{
		{doc("1", "T", "x", "L"), "T\nx"},
		{doc("1", "T", "", ""), "T"},
		{doc("1", "", "x", ""), "x"},
		{doc("1", "", "", "L"), ""},
		{doc("1", "T", "\nx\n", ""), "T\n\nx\n"},
	}
	for _, tt := range tests {
		if got := tt.d.Content(); got != tt.want {
			t.Errorf("%q.Content() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for f := corpus.FormatAuto; f <= corpus.FormatText; f++ {
		got, err := corpus.ParseFormat(f.String())
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), got, err)
		}
	}
	if got, err := corpus.ParseFormat(""); err != nil || got != corpus.FormatAuto {
		t.Errorf(`ParseFormat("") = %v, %v`, got, err)
	}
	if _, err := corpus.ParseFormat("yaml"); err == nil {
		t.Error("ParseFormat(yaml) succeeded")
	}
	if s := corpus.Format(42).String(); s != "Format(42)" {
		t.Errorf("Format(42).String() = %q", s)
	}
}

func TestContentsParts(t *testing.T) {
	docs := corpus.Contents{
		{ID: "a", Title: "Title", Text: "Body"},
		{ID: "b", Text: "Body only"},
		{ID: "c", Title: "Title only"},
		{ID: "d"},
	}
	if docs.Len() != 4 {
		t.Fatalf("Len %d", docs.Len())
	}
	for i, d := range docs {
		parts := docs.AppendParts([]string{"x"}, i)
		if got := strings.Join(parts[1:], "\n"); parts[0] != "x" || got != d.Content() {
			t.Errorf("%s: parts %q join to %q, Content is %q", d.ID, parts, got, d.Content())
		}
	}
}

func TestProgress(t *testing.T) {
	for _, path := range []string{filepath.Join("..", "testdata", "bbc300.jsonl.gz"), filepath.Join("..", "testdata", "sample")} {
		var got int64
		calls := 0
		docs, err := corpus.Read(path, corpus.Options{Progress: func(n int64) { got += n; calls++ }})
		if err != nil {
			t.Fatal(err)
		}
		var want int64
		err = filepath.Walk(path, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				want += info.Size()
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got != want || calls < 1 || len(docs) == 0 {
			t.Errorf("%s: progress reported %d bytes in %d calls, the input has %d", path, got, calls, want)
		}
	}
}
