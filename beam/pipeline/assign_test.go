package pipeline

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
)

// topicsCommand builds the topics command of the root module (the one
// users run) into a temporary directory and returns its path.
func topicsCommand(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "topics")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/topics")
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building cmd/topics: %v\n%s", err, out)
	}
	return bin
}

// checkAssign places the shards of f with Assign on Prism, using the model
// file the Beam fit wrote, and checks that the shards, concatenated in
// order, hold the bytes that topics assign (built from the root module)
// writes for the same documents with that model: the model loads in topics
// assign, and both place every document alike.
func checkAssign(t *testing.T, f fitted) {
	out := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	Assign(s, AssignOptions{Read: ReadOptions{Input: f.input, BlockSize: 50}, Model: f.path, Output: out})
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	inputs, err := filepath.Glob(f.input)
	if err != nil || len(inputs) < 2 {
		t.Fatalf("inputs %v, %v: want several shards", inputs, err)
	}
	var got []byte
	for _, in := range inputs {
		b, err := os.ReadFile(filepath.Join(out, ShardName(in)))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, b...)
	}
	cmd := exec.Command(topicsCommand(t), "assign", "--model", f.path, "--format", "jsonl", bbc300)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("topics assign: %v\n%s", err, stderr.String())
	}
	if n := strings.Count(string(want), "\n"); n != len(f.docs) {
		t.Fatalf("topics assign placed %d documents, want %d", n, len(f.docs))
	}
	if !bytes.Equal(got, want) {
		t.Errorf("topics-beam assign wrote %d bytes, topics assign %d; first lines:\n%.300s\n%.300s", len(got), len(want), got, want)
	}
}

func TestShardName(t *testing.T) {
	for in, want := range map[string]string{
		"gs://b/news/part-00.jsonl.gz": "part-00.jsonl",
		"/data/a.csv":                  "a.jsonl",
		"notes.txt.gz":                 "notes.jsonl",
		"raw":                          "raw.jsonl",
		`C:\corpus\x.ndjson`:           "x.jsonl",
	} {
		if got := ShardName(in); got != want {
			t.Errorf("ShardName(%q) = %q, want %q", in, got, want)
		}
	}
}
