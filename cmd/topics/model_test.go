package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const bbcPath = "../../testdata/bbc300.jsonl.gz"

// fitModel runs topics fit on the BBC sample and returns the model's path.
func fitModel(t *testing.T, extra ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bbc.topics")
	args := append([]string{"fit", bbcPath, "--k", "5", "-o", path}, extra...)
	_, errOut, err := run(t, "", args...)
	if err != nil {
		t.Fatalf("fit: %v", err)
	}
	if !strings.Contains(errOut, "saved "+path) {
		t.Errorf("fit does not report the saved model: %q", errOut)
	}
	return path
}

type placement struct {
	ID         string  `json:"id"`
	Cluster    int     `json:"cluster"`
	Theme      string  `json:"theme"`
	Similarity float64 `json:"similarity"`
	Neighbors  []struct {
		ID         string  `json:"id"`
		Similarity float64 `json:"similarity"`
	} `json:"neighbors"`
}

func readPlacements(t *testing.T, out string) []placement {
	t.Helper()
	var ps []placement
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var p placement
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		ps = append(ps, p)
	}
	return ps
}

func TestAssignReproducesCluster(t *testing.T) {
	model := fitModel(t, "--index")
	out, _, err := run(t, "", "cluster", bbcPath, "--k", "5", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Clusters []struct {
			Theme string `json:"theme"`
		} `json:"clusters"`
		Assignments []struct {
			ID         string  `json:"id"`
			Cluster    int     `json:"cluster"`
			Similarity float64 `json:"similarity"`
		} `json:"assignments"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	out, _, err = run(t, "", "assign", "--model", model, bbcPath, "--neighbors", "2")
	if err != nil {
		t.Fatalf("assign: %v", err)
	}
	got := readPlacements(t, out)
	if len(got) != len(rep.Assignments) {
		t.Fatalf("assign wrote %d lines for %d documents", len(got), len(rep.Assignments))
	}
	for i, a := range rep.Assignments {
		p := got[i]
		if p.ID != a.ID || p.Cluster != a.Cluster || math.Abs(p.Similarity-a.Similarity) > 1e-12 {
			t.Errorf("document %d: assign %s → %d (%.15f), cluster %s → %d (%.15f)",
				i, p.ID, p.Cluster, p.Similarity, a.ID, a.Cluster, a.Similarity)
			continue
		}
		if p.Theme != rep.Clusters[a.Cluster].Theme {
			t.Errorf("document %d: theme %q, want %q", i, p.Theme, rep.Clusters[a.Cluster].Theme)
		}
		if len(p.Neighbors) != 2 || p.Neighbors[0].Similarity < 1-1e-9 {
			t.Errorf("document %d: neighbours %+v, want 2, itself (or a duplicate) first", i, p.Neighbors)
		}
	}
}

// TestAssignStreams feeds assign through a pipe and reads the first line
// before the input is closed.
func TestAssignStreams(t *testing.T) {
	model := fitModel(t)
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		cmd := newRootCmd(streams{in: inR, out: outW, err: io.Discard})
		cmd.SetArgs([]string{"assign", "--model", model, "--input-format", "jsonl"})
		err := cmd.Execute()
		outW.CloseWithError(err)
		done <- err
	}()
	lines := bufio.NewReader(outR)
	for i, text := range []string{"Shares fell as the bank raised interest rates.", "The striker scored twice in the cup final."} {
		if _, err := io.WriteString(inW, `{"id": "n`+string(rune('1'+i))+`", "text": "`+text+`"}`+"\n"); err != nil {
			t.Fatal(err)
		}
		line, err := lines.ReadString('\n')
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if p := readPlacements(t, line); p[0].ID != "n"+string(rune('1'+i)) || p[0].Cluster < 0 || p[0].Theme == "" {
			t.Errorf("line %d: %+v", i+1, p[0])
		}
	}
	inW.Close()
	if rest, err := io.ReadAll(lines); err != nil || len(rest) != 0 {
		t.Errorf("after the input closed: %q, %v", rest, err)
	}
	if err := <-done; err != nil {
		t.Fatalf("assign: %v", err)
	}
}

func TestQueryCommand(t *testing.T) {
	model := fitModel(t, "--index")
	out, _, err := run(t, "", "query", "--model", model, "--top", "3", "interest rates and the bank")
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(out, "shared terms:"); lines != 3 {
		t.Errorf("table has %d matches, want 3:\n%s", lines, out)
	}
	out, _, err = run(t, "fed interest rates", "query", "--model", model, "--file", "-", "--format", "json", "--top", "2")
	if err != nil {
		t.Fatal(err)
	}
	var ms []struct {
		ID         string  `json:"id"`
		Similarity float64 `json:"similarity"`
		Terms      []struct {
			Term  string  `json:"term"`
			Share float64 `json:"share"`
		} `json:"terms"`
	}
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].ID == "" || ms[0].Similarity < ms[1].Similarity {
		t.Errorf("json matches: %+v", ms)
	}
}

func TestModelCommandErrors(t *testing.T) {
	plain := fitModel(t)
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.topics")
	data, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	if err := os.WriteFile(corrupt, data, 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign.topics")
	if err := os.WriteFile(foreign, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"fit without output", "", []string{"fit"}, "--output"},
		{"assign without model", "", []string{"assign"}, "--model"},
		{"corrupt model", `{"text": "x"}`, []string{"assign", "--model", corrupt}, corrupt + ": corrupt model file: checksum mismatch"},
		{"foreign model", `{"text": "x"}`, []string{"assign", "--model", foreign}, foreign + ": not a topics model file"},
		{"neighbours without index", `{"text": "x"}`, []string{"assign", "--model", plain, "--neighbors", "3"}, "has no index"},
		{"query without index", "", []string{"query", "--model", plain, "rates"}, "has no index"},
		{"query without text", "", []string{"query", "--model", plain}, "no query"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := run(t, tc.stdin, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v: want one line containing %q", err, tc.want)
			}
		})
	}
}

// TestAssignOneLinePerDocument checks that an empty document gets a line
// with cluster -1.
func TestAssignOneLinePerDocument(t *testing.T) {
	model := fitModel(t)
	in := `{"id": "a", "text": "qqqq zzzz"}` + "\n" + `{"id": "b", "text": "the government cut taxes"}` + "\n"
	out, _, err := run(t, in, "assign", "--model", model, "-")
	if err != nil {
		t.Fatal(err)
	}
	ps := readPlacements(t, out)
	if len(ps) != 2 || ps[0].ID != "a" || ps[0].Cluster != -1 || ps[0].Theme != "" || ps[1].Cluster < 0 {
		t.Errorf("placements %+v", ps)
	}
	if !bytes.HasSuffix([]byte(out), []byte("\n")) {
		t.Error("output does not end in a newline")
	}
}

// TestLabelCommand names a cluster, sees the name in assign and in cluster
// --model, and takes it back.
func TestLabelCommand(t *testing.T) {
	model := fitModel(t)
	if _, _, err := run(t, "", "label", model, "1=My own name"); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, "", "label", model)
	if err != nil || !strings.Contains(out, "1\tMy own name  (given; found: ") {
		t.Fatalf("label listing %q, %v", out, err)
	}
	out, _, err = run(t, "", "cluster", "--model", model, "--format", "jsonl", "../../testdata/bbc300.jsonl.gz")
	if err != nil || !strings.Contains(out, `"cluster":1,"parent":1,"similarity"`) || !strings.Contains(out, `"theme":"My own name"`) {
		t.Fatalf("cluster --model: %v\n%.300s", err, out)
	}
	names := filepath.Join(t.TempDir(), "names.txt")
	os.WriteFile(names, []byte("# names\n\n1=\n"), 0o644)
	if _, _, err := run(t, "", "label", model, "--names", names); err != nil {
		t.Fatal(err)
	}
	if out, _, _ := run(t, "", "label", model); strings.Contains(out, "My own name") {
		t.Errorf("the name was not taken back: %q", out)
	}
	for _, bad := range [][]string{{"label", model, "x=y"}, {"label", model, "99=y"}, {"label", model, "1=a", "1=b"}} {
		if _, _, err := run(t, "", bad...); err == nil {
			t.Errorf("%q gives no error", bad)
		}
	}
}
