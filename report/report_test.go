package report

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// update rewrites the golden files under testdata/golden instead of
// comparing with them: go test ./report -update.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// checkGolden compares got with the file testdata/golden/name, or writes it
// there with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("%s differs from the golden file at line %d:\n got: %.300q\nwant: %.300q\n(go test ./report -update rewrites it)", name, i+1, g, w)
			return
		}
	}
}

func sampleDocs(t *testing.T) []corpus.Document {
	t.Helper()
	docs, err := corpus.ReadFS(topics.Sample(), ".", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func bbc300(t *testing.T) []corpus.Document {
	t.Helper()
	docs, err := corpus.Read("../testdata/bbc300.jsonl.gz", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestFitAndBuild(t *testing.T) {
	docs := sampleDocs(t)
	m, err := Fit(docs, Config{K: 2, Vectorize: defaultVectorize()})
	if err != nil {
		t.Fatal(err)
	}
	r := Build(m, BuildOptions{Corpus: "sample", KRequested: 2})
	if r.K != 2 || len(r.Clusters) != 2 || len(r.Assignments) != 5 {
		t.Fatalf("k %d, %d clusters, %d assignments", r.K, len(r.Clusters), len(r.Assignments))
	}
	total := 0
	for c, cl := range r.Clusters {
		total += cl.Size
		if cl.ID != c || len(cl.Members) != cl.Size || len(cl.TopTerms) == 0 {
			t.Errorf("cluster %d malformed: %+v", c, cl)
		}
		if c > 0 && cl.Size > r.Clusters[c-1].Size {
			t.Errorf("clusters not ordered by size")
		}
		for n := 1; n < len(cl.TopTerms); n++ {
			if cl.TopTerms[n].Weight > cl.TopTerms[n-1].Weight {
				t.Errorf("cluster %d top terms not sorted by weight", c)
			}
		}
		for n := 1; n < len(cl.Members); n++ {
			if r.Assignments[cl.Members[n]].Similarity > r.Assignments[cl.Members[n-1]].Similarity {
				t.Errorf("cluster %d members not sorted by similarity", c)
			}
		}
		for _, i := range cl.Members {
			if r.Assignments[i].Cluster != c {
				t.Errorf("member %d of cluster %d assigned to %d", i, c, r.Assignments[i].Cluster)
			}
		}
	}
	if total != 5 {
		t.Errorf("sizes sum to %d", total)
	}
	if r.ExplainedVariance <= 0 || r.ExplainedVariance > 1+1e-12 {
		t.Errorf("explained variance %g", r.ExplainedVariance)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("unexpected warnings %q", r.Warnings)
	}
}

func defaultVectorize() vectorize.Options {
	return vectorize.Options{StopWords: "english"}
}

func TestBuildWarnsAboutCappedKAndEmptyDocuments(t *testing.T) {
	docs := sampleDocs(t)
	docs = append(docs, corpus.Document{ID: "empty", Text: "a ! ?"})
	m, err := Fit(docs, Config{K: 9})
	if err != nil {
		t.Fatal(err)
	}
	r := Build(m, BuildOptions{KRequested: 9})
	if r.K != 5 {
		t.Errorf("k = %d, want 5 (distinct non-empty documents)", r.K)
	}
	joined := strings.Join(r.Warnings, "\n")
	if !strings.Contains(joined, "k = 9 requested") || !strings.Contains(joined, "empty") {
		t.Errorf("warnings %q", r.Warnings)
	}
	last := r.Assignments[len(r.Assignments)-1]
	if last.Cluster != -1 || last.Similarity != 0 {
		t.Errorf("empty document assigned %+v", last)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "NaN") {
		t.Error("NaN in JSON")
	}
}

func TestFitErrors(t *testing.T) {
	if _, err := Fit(nil, Config{}); err == nil {
		t.Error("no error for no documents")
	}
	if _, err := Fit(sampleDocs(t), Config{K: -1}); err == nil {
		t.Error("no error for k = -1")
	}
	empty := []corpus.Document{{ID: "a", Text: "!"}, {ID: "b", Text: "?"}}
	if _, err := Fit(empty, Config{K: 1}); err == nil {
		t.Error("no error when no document has a term")
	}
}

func TestFitIsDeterministic(t *testing.T) {
	docs := bbc300(t)
	cfg := Config{K: 5, Seed: 3}
	cfg.Vectorize.StopWords = "english"
	cfg.Vectorize.MinDF = 2
	a, err := Fit(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Fit(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var ja, jb bytes.Buffer
	if err := WriteJSON(&ja, Build(a, BuildOptions{})); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&jb, Build(b, BuildOptions{})); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ja.Bytes(), jb.Bytes()) {
		t.Error("same seed, different reports")
	}
}

func TestEvaluateAndAssignmentsAgree(t *testing.T) {
	docs := bbc300(t)
	cfg := Config{K: 5}
	cfg.Vectorize.StopWords = "english"
	cfg.Vectorize.MinDF = 2
	ev, err := Evaluate(docs, cfg, EvalOptions{Seeds: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Runs) != 2 || ev.Scored != 300 || ev.Classes != 5 || ev.Runs[1].Seed != 1 {
		t.Fatalf("evaluation %+v", ev)
	}
	// BBC's five topics are well separated: a working pipeline finds them.
	if nmi := ev.Summary[0]; nmi.Metric != "nmi" || nmi.Mean < 0.6 {
		t.Errorf("NMI %+v, want >= 0.6", nmi)
	}
	// Scoring the written assignments of the same run gives the same scores.
	m, err := Fit(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, write := range []func(io.Writer, *Report) error{
		func(w io.Writer, r *Report) error { return WriteJSON(w, r) }, WriteCSV,
	} {
		var buf bytes.Buffer
		if err := write(&buf, Build(m, BuildOptions{})); err != nil {
			t.Fatal(err)
		}
		a, err := ReadAssignments(&buf, "clusters")
		if err != nil {
			t.Fatal(err)
		}
		ev2, err := Evaluate(docs, cfg, EvalOptions{Assignments: a})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ev2.Runs[0].Scores, ev.Runs[0].Scores; got != want {
			t.Errorf("scores of written assignments %+v, of the run %+v", got, want)
		}
	}
	var tab bytes.Buffer
	if err := WriteEvalTable(&tab, ev); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tab.String(), "bcubed_f1") || strings.Contains(tab.String(), "NaN") {
		t.Errorf("table:\n%s", tab.String())
	}
}

func TestReadAssignmentsErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"csv without cluster", "id,title\na,b\n", "clusters:1"},
		{"csv bad cluster", "id,cluster\na,1\nb,x\n", "clusters:3"},
		{"csv duplicate", "id,cluster\na,1\na,2\n", "duplicate id"},
		{"json broken", `{"assignments": [`, "not a topics JSON report"},
		{"json no array", `{"k": 3}`, "assignments"},
		{"json missing field", `{"assignments": [{"id": "a"}]}`, "lacks"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadAssignments(strings.NewReader(c.in), "clusters")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want it to mention %q", err, c.want)
			}
		})
	}
	docs := []corpus.Document{{ID: "a", Label: "x"}, {ID: "b", Label: "y"}}
	if _, _, err := lookupAssignments(docs, map[string]int{"a": 0}); err == nil || !strings.Contains(err.Error(), `"b"`) {
		t.Errorf("missing assignment: %v", err)
	}
}

func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("file changed to %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary file left: %v", entries)
	}
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file is %q", b)
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "dir"), func(io.Writer) error { return nil }); err == nil {
		t.Error("no error for a missing directory")
	}
}

func TestDisplayTitle(t *testing.T) {
	cases := []struct{ title, text, want string }{
		{"A title", "text", "A title"},
		{"", "  first\nline  of text ", "first line of text"},
		{"", strings.Repeat("é", 100), strings.Repeat("é", 79) + "…"},
		{"", "", ""},
		{"", strings.Repeat(" ", 5000) + "late start", "late start"},
		{"", strings.Repeat("news ", 100000), strings.TrimSpace(strings.Repeat("news ", 16)) + "…"},
	}
	for _, c := range cases {
		if got := DisplayTitle(c.title, c.text); got != c.want {
			t.Errorf("DisplayTitle(%q, %q) = %q, want %q", c.title, c.text, got, c.want)
		}
	}
}

// readGolden returns the golden file testdata/golden/name.
func readGolden(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "golden", name))
}
