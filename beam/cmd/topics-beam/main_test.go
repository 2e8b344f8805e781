package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
)

// mainEnv, when set, makes the test binary run main instead of the tests,
// so that the tests run the real command (flag parsing, exit codes,
// messages) in a child process.
const mainEnv = "TOPICS_BEAM_TEST_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		os.Args = append([]string{"topics-beam"}, os.Args[1:]...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// topicsBeam runs the command with args in dir and returns its exit code
// and standard error.
func topicsBeam(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), mainEnv+"=1", "TMPDIR="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		t.Fatalf("topics-beam %q: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// bbc300 is the test corpus of the root module.
const bbc300 = "../../../testdata/bbc300.jsonl.gz"

// writeCorpus writes docs to two JSON Lines files of dir (a.jsonl, b.jsonl:
// the glob order is the corpus order).
func writeCorpus(t *testing.T, docs []corpus.Document, dir string) {
	t.Helper()
	for i, name := range []string{"a.jsonl", "b.jsonl"} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		for _, d := range docs[i*len(docs)/2 : (i+1)*len(docs)/2] {
			if err := enc.Encode(map[string]string{"id": d.ID, "title": d.Title, "text": d.Text, "label": d.Label}); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFitAssign runs topics-beam fit and assign on bbc300 in two files:
// fit must use its flags (k, dims, min-df, seed, index: the model must have the
// vocabulary, dimensions and clusters of topics.Fit with that Config, and
// place every document alike), and assign must write one JSON Lines file
// per input file placing every document as the model does.
func TestFitAssign(t *testing.T) {
	docs, err := corpus.Read(bbc300, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeCorpus(t, docs, dir)
	code, stderr := topicsBeam(t, dir, "fit", "--input", "*.jsonl", "--k", "4", "--dims", "20",
		"--min-df", "3", "--seed", "7", "--index", "-o", "m.topics")
	if code != 0 {
		t.Fatalf("fit: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "300 documents") || !strings.Contains(stderr, "k = 4") || !strings.Contains(stderr, "300 documents indexed") {
		t.Errorf("fit: the summary line does not say 300 documents, k = 4 and 300 indexed:\n%s", stderr)
	}
	got, err := topics.LoadFile(filepath.Join(dir, "m.topics"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Index == nil || len(got.Index.IDs) != 300 {
		t.Error("fit --index: the model has no index of the 300 documents")
	}
	cfg := topics.DefaultConfig()
	cfg.Mail = topics.MailKeep // as topics-beam by default
	cfg.K, cfg.Dims, cfg.Seed = 4, 20, 7
	cfg.Vectorize.MinDF = 3
	m, err := topics.Fit(context.Background(), docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want, err := m.Saved(topics.SaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Vectorizer.NumTerms() != want.Vectorizer.NumTerms() || got.LSA.Dims() != 20 || got.K() != 4 {
		t.Fatalf("model: %d terms, %d dimensions, k = %d; want %d terms, 20, 4",
			got.Vectorizer.NumTerms(), got.LSA.Dims(), got.K(), want.Vectorizer.NumTerms())
	}
	gotP, err := got.Assign(docs, topics.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantP, err := want.Assign(docs, topics.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	clusters := func(ps []topics.Placement) []int {
		c := make([]int, len(ps))
		for i, p := range ps {
			c[i] = p.Cluster
		}
		return c
	}
	if !slices.Equal(clusters(gotP), clusters(wantP)) {
		t.Errorf("the model of topics-beam fit places bbc300 unlike topics.Fit's model with the same flags")
	}

	code, stderr = topicsBeam(t, dir, "assign", "--input", "*.jsonl", "--model", "m.topics", "-o", "placed")
	if code != 0 {
		t.Fatalf("assign: exit %d\n%s", code, stderr)
	}
	var placed []topics.Placement
	for _, name := range []string{"a.jsonl", "b.jsonl"} {
		placed = append(placed, readPlacements(t, filepath.Join(dir, "placed", name))...)
	}
	if len(placed) != len(docs) {
		t.Fatalf("assign wrote %d placements, want %d", len(placed), len(docs))
	}
	for i, p := range placed {
		if p.ID != docs[i].ID || p.Cluster != gotP[i].Cluster || p.Theme != gotP[i].Theme {
			t.Fatalf("placement %d: %s in %d (%q), want %s in %d (%q)", i, p.ID, p.Cluster, p.Theme,
				docs[i].ID, gotP[i].Cluster, gotP[i].Theme)
		}
	}
}

// readPlacements reads the JSON Lines file of an assign shard.
func readPlacements(t *testing.T, path string) []topics.Placement {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ps []topics.Placement
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p topics.Placement
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		ps = append(ps, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return ps
}

// TestBadUsage checks that wrong commands and flags end with exit code 2 and
// a message naming what is wrong, before any pipeline runs (no model or
// output is written).
func TestBadUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"fit", "-o", "m.topics"}, "--input: give a glob"},
		{[]string{"fit", "--input", "*.jsonl"}, "--output: give the file"},
		{[]string{"fit", "--input", "*.jsonl", "-o", "m.topics", "extra"}, `unexpected arguments ["extra"]`},
		{[]string{"fit", "--input", "*.jsonl", "-o", "m.topics", "--ngram-range", "2,1"}, "--ngram-range"},
		{[]string{"fit", "--input", "*.jsonl", "-o", "m.topics", "--stop-words", "french"}, "--stop-words"},
		{[]string{"fit", "--input", "*.jsonl", "-o", "m.topics", "--k", "-1"}, "--k -1"},
		{[]string{"fit", "--input", "*.jsonl", "-o", "m.topics", "--doc-weights", "short"}, "--doc-weights"},
		{[]string{"fit", "--input", "*.jsonl", "-o", "m.topics", "--passes", "0"}, "--passes 0"},
		{[]string{"fit", "--input", "*.jsonl", "-o", "m.topics", "--input-format", "dir"}, "--input-format dir"},
		{[]string{"fit", "--input", "*.jsonl", "-o", "m.topics", "--runner", "dataflow"}, "--work-dir"},
		{[]string{"assign", "--input", "*.jsonl", "-o", "out"}, "--model: give the model file"},
		{[]string{"assign", "--input", "*.jsonl", "--model", "m.topics", "-o", "out", "--min-similarity", "2"}, "--min-similarity 2"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			code, stderr := topicsBeam(t, dir, c.args...)
			if code != 2 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and a message containing %q", code, stderr, c.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("files written: %v", entries)
			}
		})
	}
}

// TestHelp checks that help lists the commands, and a command's -help its
// own flags, with exit code 0.
func TestHelp(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"help"}, []string{"fit ", "assign "}},
		{[]string{"fit", "-help"}, []string{"-input", "-k", "-dims", "-work-dir", "-seed-sample"}},
		{[]string{"assign", "-help"}, []string{"-input", "-model", "-min-similarity"}},
	} {
		code, stderr := topicsBeam(t, t.TempDir(), c.args...)
		for _, w := range c.want {
			if code != 0 || !strings.Contains(stderr, w) {
				t.Errorf("topics-beam %s: exit %d, want 0 and %q in:\n%s", strings.Join(c.args, " "), code, w, stderr)
				break
			}
		}
	}
}
