package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// run executes the topics command with args and returns what it wrote.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := newRootCmd(streams{in: strings.NewReader(stdin), out: &out, err: &errb})
	cmd.SetArgs(args)
	err = cmd.Execute()
	return out.String(), errb.String(), err
}

func TestClusterSampleTable(t *testing.T) {
	out, errOut, err := run(t, "", "cluster")
	if err != nil {
		t.Fatalf("cluster: %v", err)
	}
	if !strings.Contains(errOut, "built-in sample") {
		t.Errorf("stderr does not announce the built-in sample: %q", errOut)
	}
	for _, want := range []string{"5 documents", "Cluster 0", "terms:", "000_262ba55ab9753249.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestClusterJSONAndCSVCarryEveryDocument(t *testing.T) {
	out, _, err := run(t, "", "cluster", "--k", "2", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		SchemaVersion int `json:"schema_version"`
		K             int `json:"k"`
		Clusters      []struct {
			ID, Size int
		} `json:"clusters"`
		Assignments []struct {
			ID      string  `json:"id"`
			Cluster int     `json:"cluster"`
			Sim     float64 `json:"similarity"`
		} `json:"assignments"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if rep.SchemaVersion != 2 || rep.K != 2 || len(rep.Clusters) != 2 || len(rep.Assignments) != 5 {
		t.Fatalf("unexpected report: %+v", rep)
	}
	size := map[int]int{}
	for _, a := range rep.Assignments {
		if a.Cluster < 0 || a.Cluster >= 2 || a.Sim <= 0 || a.Sim > 1+1e-9 {
			t.Errorf("bad assignment %+v", a)
		}
		size[a.Cluster]++
	}
	for _, c := range rep.Clusters {
		if size[c.ID] != c.Size {
			t.Errorf("cluster %d: size %d, %d assignments", c.ID, c.Size, size[c.ID])
		}
	}

	out, _, err = run(t, "", "cluster", "--k", "2", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if len(recs) != 6 || strings.Join(recs[0], ",") != "id,title,gold,cluster,parent,similarity" {
		t.Fatalf("csv header or rows wrong: %q", recs)
	}
	for i, r := range recs[1:] {
		if r[0] != rep.Assignments[i].ID {
			t.Errorf("csv row %d id %q, json %q", i, r[0], rep.Assignments[i].ID)
		}
	}
}

func TestClusterIsDeterministic(t *testing.T) {
	a, _, err := run(t, "", "cluster", "--format", "json", "--seed", "7")
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := run(t, "", "cluster", "--format", "json", "--seed", "7")
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("two runs with the same seed differ")
	}
}

func TestClusterKAboveDocuments(t *testing.T) {
	out, errOut, err := run(t, "", "cluster", "--k", "9", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "k = 9 requested") {
		t.Errorf("no warning about k above the number of documents: %q", errOut)
	}
	if !strings.Contains(out, `"k": 5`) {
		t.Errorf("k not capped at 5 documents:\n%s", out)
	}
}

func TestStdinAndEmptyDocument(t *testing.T) {
	in := `{"id":"a","text":"pakistan supply routes closed to nato trucks"}
{"id":"b","text":"nato supply routes through pakistan reopen"}
{"id":"c","text":""}
{"id":"d","text":"taliban safe havens in north waziristan"}
{"id":"e","text":"safe havens for the taliban in waziristan"}
`
	out, errOut, err := run(t, in, "cluster", "-", "--k", "2", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "no terms") || !strings.Contains(errOut, "c") {
		t.Errorf("empty document not reported: %q", errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[0]] = r[3]
	}
	if got["c"] != "-1" {
		t.Errorf("empty document in cluster %q, want -1", got["c"])
	}
	if got["a"] != got["b"] || got["d"] != got["e"] || got["a"] == got["d"] {
		t.Errorf("clusters %v: want {a,b} and {d,e}", got)
	}
	if strings.Contains(out, "NaN") {
		t.Error("NaN in output")
	}
}

func TestBadInputLeavesNoOutput(t *testing.T) {
	dir := t.TempDir()
	outFile := filepath.Join(dir, "out.json")
	keep := filepath.Join(dir, "keep.json")
	if err := os.WriteFile(keep, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"id\":\"1\",\"text\":\"ok\"}\n{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"cluster", filepath.Join(dir, "nope.jsonl"), "-o", outFile}, "nope.jsonl"},
		{"malformed line", []string{"cluster", bad, "-o", outFile}, "bad.jsonl:2"},
		{"k below 0", []string{"cluster", "--k", "-1", "-o", outFile}, "--k -1"},
		{"bad format", []string{"cluster", "--format", "xml", "-o", outFile}, "--format"},
		{"bad dims", []string{"cluster", "--dims", "0", "-o", outFile}, "--dims"},
		{"bad batch size", []string{"cluster", "--batch-size", "-2", "-o", outFile}, "--batch-size -2"},
		{"bad stop words", []string{"cluster", "--stop-words", "klingon", "-o", outFile}, "--stop-words"},
		{"existing output kept", []string{"cluster", bad, "-o", keep}, "bad.jsonl:2"},
		{"vectorize without -o", []string{"vectorize"}, "-o DIR"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := run(t, "", c.args...)
			if err == nil {
				t.Fatal("no error")
			}
			if msg := err.Error(); !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line mentioning %q", msg, c.want)
			}
			if _, err := os.Stat(outFile); !os.IsNotExist(err) {
				t.Errorf("output file left behind")
			}
			if b, _ := os.ReadFile(keep); string(b) != "precious" {
				t.Errorf("existing output file changed: %q", b)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Errorf("temporary file %s left behind", e.Name())
				}
			}
		})
	}
}

func TestClusterOutputFile(t *testing.T) {
	outFile := filepath.Join(t.TempDir(), "clusters.csv")
	stdout, _, err := run(t, "", "cluster", "--k", "2", "--format", "csv", "-o", outFile)
	if err != nil {
		t.Fatal(err)
	}
	if stdout != "" {
		t.Errorf("stdout not empty with -o: %q", stdout)
	}
	b, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n != 6 {
		t.Errorf("%d lines in %s, want 6", n, outFile)
	}
}

func TestVectorizeWritesFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vec")
	if _, _, err := run(t, "", "vectorize", "--dims", "3", "-o", dir); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	ids := strings.Split(strings.TrimSpace(read("ids.txt")), "\n")
	if len(ids) != 5 || ids[0] != "000_262ba55ab9753249.txt" {
		t.Errorf("ids.txt: %q", ids)
	}
	vocab := strings.Split(strings.TrimSpace(read("vocabulary.txt")), "\n")
	mtx := read("tfidf.mtx")
	if !strings.HasPrefix(mtx, "%%MatrixMarket matrix coordinate real general") {
		t.Errorf("tfidf.mtx header: %q", strings.SplitN(mtx, "\n", 2)[0])
	}
	var size string
	for _, l := range strings.Split(mtx, "\n") {
		if !strings.HasPrefix(l, "%") {
			size = l
			break
		}
	}
	if f := strings.Fields(size); len(f) != 3 || f[0] != "5" || f[1] != strconv.Itoa(len(vocab)) {
		t.Errorf("tfidf.mtx size line %q, want 5 %d NNZ", size, len(vocab))
	}
	recs, err := csv.NewReader(strings.NewReader(read("lsa.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 || len(recs[0]) != 4 || recs[0][0] != "id" {
		t.Errorf("lsa.csv shape %d×%d", len(recs), len(recs[0]))
	}
}

func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, heap := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "heap.prof")
	if _, _, err := run(t, "", "cluster", "--k", "2", "--cpuprofile", cpu, "--memprofile", heap); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{cpu, heap} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// pprof profiles are gzip-compressed protocol buffers.
		if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s: %d bytes, not a gzip-compressed profile", filepath.Base(p), len(b))
		}
	}
	_, _, err := run(t, "", "cluster", "--cpuprofile", filepath.Join(dir, "no", "such", "dir", "cpu.prof"))
	if err == nil || !strings.Contains(err.Error(), "--cpuprofile") {
		t.Errorf("unwritable --cpuprofile: error %v, want one naming the flag", err)
	}
}

func TestClusterMiniBatch(t *testing.T) {
	bbc := filepath.Join("..", "..", "testdata", "bbc300.jsonl.gz")
	args := []string{"cluster", bbc, "--k", "5", "--format", "csv"}
	full, _, err := run(t, "", args...)
	if err != nil {
		t.Fatal(err)
	}
	mb, _, err := run(t, "", append(args, "--batch-size", "32")...)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(mb)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	clusters := map[string]int{}
	for _, r := range recs[1:] {
		clusters[r[3]]++
	}
	if len(recs) != 301 || len(clusters) != 5 {
		t.Errorf("--batch-size 32: %d rows in %d clusters, want 300 in 5", len(recs)-1, len(clusters))
	}
	// 300 documents are more than the 96 of the initial sample, so this
	// took the mini-batch path: the assignment differs from Lloyd's.
	if mb == full {
		t.Errorf("--batch-size 32 gave exactly the output of Lloyd's algorithm: was it ignored?")
	}
}

// Progress goes to stderr, one line per step here (the steps are shown
// however short), and --quiet silences it.
func TestProgress(t *testing.T) {
	bbc := filepath.Join("..", "..", "testdata", "bbc300.jsonl.gz")
	for _, tc := range []struct {
		args  []string
		steps []string
	}{
		// A small, rough LSA (--dims 20 --power-iters 1): only the progress lines matter here.
		{[]string{"cluster", bbc, "--k", "3", "--dims", "20", "--power-iters", "1", "--format", "jsonl"}, []string{"read", "tokenize", "LSA", "k-means", "key phrases"}},
		{[]string{"duplicates", bbc, "--format", "csv"}, []string{"read", "MinHash"}}, // MinHash counts the terms too
		{[]string{"similarity", bbc, "--dims", "20", "--power-iters", "1", "--top", "2", "--format", "csv"}, []string{"read", "tokenize", "LSA"}},
	} {
		t.Run(tc.args[0], func(t *testing.T) { testProgress(t, tc.args, tc.steps) })
	}
}

func testProgress(t *testing.T, args, steps []string) {
	for _, quiet := range []bool{false, true} {
		var out, errb bytes.Buffer
		cmd := newRootCmdWith(streams{in: strings.NewReader(""), out: &out, err: &errb}, &globalFlags{showAfter: time.Nanosecond})
		if quiet {
			args = append(args, "--quiet")
		}
		cmd.SetArgs(args)
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		for _, step := range steps {
			line := regexp.MustCompile(`(?m)^topics: ` + step + `: .* in [0-9.]+m?s`)
			if got := line.MatchString(errb.String()); got == quiet {
				t.Errorf("quiet %v: progress line of %s shown %v:\n%s", quiet, step, got, errb.String())
			}
		}
		if strings.Contains(out.String(), "topics:") {
			t.Errorf("progress on stdout")
		}
	}
}

// A failed run stops the CPU profile: the file is a complete profile, and
// the next run can profile again. (That a failed step writes no final
// progress line is TestProgressWriterStop's in package report.)
func TestExecuteStopsOnError(t *testing.T) {
	dir := t.TempDir()
	cpu := filepath.Join(dir, "cpu.prof")
	var out, errb bytes.Buffer
	err := execute(streams{in: strings.NewReader(""), out: &out, err: &errb},
		[]string{"cluster", filepath.Join(dir, "missing.jsonl"), "--cpuprofile", cpu})
	if err == nil {
		t.Fatal("no error for a missing corpus")
	}
	if b, err := os.ReadFile(cpu); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("CPU profile after a failed run: %d bytes, %v", len(b), err)
	}
	// A second profile can start: the first was stopped.
	if err := execute(streams{in: strings.NewReader(""), out: &out, err: &errb},
		[]string{"cluster", "--k", "2", "--cpuprofile", filepath.Join(dir, "cpu2.prof")}); err != nil {
		t.Errorf("run after a failed profiled run: %v", err)
	}
}
