package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/internal/testutil"
)

// childEnv makes the test binary run the topics command itself (TestMain),
// so that the robustness cases run the real program in a child process:
// its exit code, its signals and its files are real.
const childEnv = "TOPICS_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// child returns the command that runs topics with args in dir.
func child(dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), childEnv+"=1", "TOPICS_MAX_MEMORY="), env...)
	return cmd
}

// robustCase is one run of the command on bad or odd input.
type robustCase struct {
	name  string
	setup func(t *testing.T, dir string) // makes the inputs in dir
	env   []string
	args  []string
	// exit is the exit code wanted; stderr a text the last line of
	// standard error must hold (the error, or the last warning); stdout a
	// text standard output must hold.
	exit           int
	stderr, stdout string
	// changes lists the files of dir the run may write; every other file
	// must keep its bytes.
	changes []string
	check   func(t *testing.T, dir string)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// corpusFile writes the BBC sample of testdata as corpus.jsonl.gz in dir.
func corpusFile(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testutil.Root(), "testdata", "bbc300.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "corpus.jsonl.gz"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sums returns the SHA-256 of every regular file below dir.
func sums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if b, err := os.ReadFile(p); err == nil {
				rel, _ := filepath.Rel(dir, p)
				out[rel] = sha256.Sum256(b)
			}
		}
		return nil
	})
	return out
}

func robustCases() []robustCase {
	sampleModel := func(t *testing.T, dir string, edit func(s *topics.SavedModel)) {
		cfg := topics.DefaultConfig()
		cfg.K = 2
		m, err := topics.Fit(context.Background(), testutil.SampleDocs(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		s, err := m.Saved(topics.SaveOptions{Index: true, IndexTerms: 8})
		if err != nil {
			t.Fatal(err)
		}
		edit(s)
		var buf bytes.Buffer
		if err := s.Save(&buf); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "m.topics"), buf.String())
	}
	return []robustCase{
		// Outputs.
		{name: "output to /dev/full", args: []string{"cluster", "-o", "/dev/full"}, exit: 1, stderr: "no space left on device",
			check: func(t *testing.T, _ string) {
				if info, err := os.Stat("/dev/full"); err != nil || info.Mode()&fs.ModeCharDevice == 0 {
					t.Errorf("/dev/full is no longer a device")
				}
			}},
		{name: "output to /dev/stdout", args: []string{"cluster", "-o", "/dev/stdout"}, stdout: "Cluster 0"},
		{name: "output through a link", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "real.csv"), "old")
			os.Symlink("real.csv", filepath.Join(dir, "link.csv"))
		}, args: []string{"cluster", "--format", "csv", "-o", "link.csv"}, changes: []string{"real.csv"},
			check: func(t *testing.T, dir string) {
				if info, _ := os.Lstat(filepath.Join(dir, "link.csv")); info == nil || info.Mode()&fs.ModeSymlink == 0 {
					t.Error("the link was replaced")
				}
				if b, _ := os.ReadFile(filepath.Join(dir, "real.csv")); !bytes.HasPrefix(b, []byte("id,title")) {
					t.Errorf("the link's target holds %.20q", b)
				}
			}},
		{name: "output is a directory", setup: func(t *testing.T, dir string) { os.Mkdir(filepath.Join(dir, "out"), 0o755) },
			args: []string{"cluster", "-o", "out"}, exit: 1, stderr: "-o out: a directory"},
		{name: "output is the input", setup: corpusFile, args: []string{"fit", "corpus.jsonl.gz", "-o", "corpus.jsonl.gz"},
			exit: 1, stderr: "is the input corpus.jsonl.gz"},
		{name: "output is a link to the input", setup: func(t *testing.T, dir string) {
			corpusFile(t, dir)
			os.Symlink("corpus.jsonl.gz", filepath.Join(dir, "out.json"))
		}, args: []string{"cluster", "corpus.jsonl.gz", "--k", "5", "-o", "out.json"}, exit: 1, stderr: "is the input"},
		{name: "existing file keeps its mode", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "out.md"), "old")
			os.Chmod(filepath.Join(dir, "out.md"), 0o640)
		}, args: []string{"cluster", "--format", "markdown", "-o", "out.md"}, changes: []string{"out.md"},
			check: func(t *testing.T, dir string) {
				if info, _ := os.Stat(filepath.Join(dir, "out.md")); info.Mode().Perm() != 0o640 {
					t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
				}
			}},
		{name: "vectorize into a directory with other files", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "vec", "notes.txt"), "mine")
		}, args: []string{"vectorize", "-o", "vec"}, exit: 1, stderr: "holds notes.txt"},
		{name: "vectorize over an earlier run", setup: func(t *testing.T, dir string) {
			for _, f := range []string{"tfidf.mtx", "vocabulary.txt", "ids.txt", "lsa.csv"} {
				writeFile(t, filepath.Join(dir, "vec", f), "old")
			}
		}, args: []string{"vectorize", "-o", "vec"}, changes: []string{"vec/tfidf.mtx", "vec/vocabulary.txt", "vec/ids.txt", "vec/lsa.csv"},
			check: func(t *testing.T, dir string) {
				if b, _ := os.ReadFile(filepath.Join(dir, "vec", "ids.txt")); !bytes.Contains(b, []byte("000_")) {
					t.Errorf("ids.txt holds %q", b)
				}
			}},
		// Sizes and counts.
		{name: "similarity --top 1e9", args: []string{"similarity", "--top", "1000000000"}, stderr: "listing at most 4", stdout: "nearest neighbours"},
		{name: "related --neighbors 1e9", args: []string{"duplicates", "--related", "--neighbors", "1000000000"}, stdout: "groups"},
		{name: "duplicates --hashes 2e9", args: []string{"duplicates", "--hashes", "2000000000"}, exit: 1, stderr: "--hashes 2000000000: want 1 to 4096"},
		{name: "restarts 1e9", args: []string{"cluster", "--restarts", "1000000000"}, exit: 1, stderr: "--restarts 1000000000: want 1 to 1000"},
		{name: "memory budget for LSA", env: []string{"TOPICS_MAX_MEMORY=4K"}, args: []string{"cluster"}, exit: 1,
			stderr: "--dims 100: an LSA of 5 documents"},
		{name: "memory budget for a whole matrix", env: []string{"TOPICS_MAX_MEMORY=300"}, args: []string{"similarity", "--max-docs", "-1"},
			exit: 1, stderr: "--max-docs -1: a similarity matrix of 5 documents would need"},
		{name: "malformed memory budget", env: []string{"TOPICS_MAX_MEMORY=lots"}, args: []string{"cluster"}, exit: 1, stderr: "$TOPICS_MAX_MEMORY"},
		// Inputs.
		{name: "missing corpus", args: []string{"cluster", "nope.jsonl"}, exit: 1, stderr: "nope.jsonl"},
		{name: "corpus under a file", setup: func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "f"), "x") },
			args: []string{"cluster", "f/x.jsonl"}, exit: 1, stderr: "f/x.jsonl"},
		{name: "/dev/zero as the corpus", args: []string{"cluster", "/dev/zero"}, exit: 1, stderr: "binary file"},
		{name: "a megabyte of zeros", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "z.jsonl"), string(make([]byte, 1<<20)))
		}, args: []string{"cluster", "z.jsonl"}, exit: 1, stderr: "z.jsonl:1: binary file"},
		{name: "malformed JSON line", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "bad.jsonl"), "{\"id\":\"1\",\"text\":\"ok\"}\n{not json\n")
		}, args: []string{"cluster", "bad.jsonl"}, exit: 1, stderr: "bad.jsonl:2"},
		{name: "truncated gzip", setup: func(t *testing.T, dir string) {
			corpusFile(t, dir)
			b, _ := os.ReadFile(filepath.Join(dir, "corpus.jsonl.gz"))
			writeFile(t, filepath.Join(dir, "cut.jsonl.gz"), string(b[:len(b)/2]))
		}, args: []string{"cluster", "cut.jsonl.gz"}, exit: 1, stderr: "cut.jsonl.gz"},
		{name: "a text field that does not exist", setup: corpusFile, args: []string{"cluster", "corpus.jsonl.gz", "--text-field", "nosuch"},
			exit: 1, stderr: `no record has the field "nosuch"`},
		{name: "a fifo in a directory corpus", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "docs", "a.txt"), "Supply routes reopened.\nTrucks crossed the border.")
			writeFile(t, filepath.Join(dir, "docs", "b.txt"), "Supply routes closed again.\nTrucks waited at the border.")
			syscall.Mkfifo(filepath.Join(dir, "docs", "p.txt"), 0o600)
		}, args: []string{"cluster", "docs"}, stderr: "", stdout: "2 documents"},
		{name: "an empty text file", setup: func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "empty.txt"), "") },
			args: []string{"cluster", "empty.txt"}, exit: 1, stderr: "empty.txt: empty file"},
		{name: "an empty text file among others", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "docs", "a.txt"), "Supply routes reopened.")
			writeFile(t, filepath.Join(dir, "docs", "empty.txt"), "")
		}, args: []string{"cluster", "docs"}, stderr: "left unclustered (cluster -1): empty.txt", stdout: "Unclustered"},
		{name: "one document", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "one", "a.txt"), "Just one article about supply routes and Pakistan.")
		}, args: []string{"duplicates", "one"}, stderr: "every term is kept", stdout: "1 documents"},
		{name: "identical documents", setup: func(t *testing.T, dir string) {
			for i := range 3 {
				writeFile(t, filepath.Join(dir, "same", fmt.Sprint(i)+".txt"), "Same text about supply routes.")
			}
		}, args: []string{"cluster", "same"}, stderr: "every term is kept", stdout: "Cluster 0 · 3 documents"},
		{name: "k above the documents", args: []string{"cluster", "--k", "50"}, stderr: "k = 50 requested but only 5", stdout: "Cluster 4"},
		// Models.
		{name: "/dev/zero as a model", args: []string{"query", "--model", "/dev/zero", "text"}, exit: 1, stderr: "not a topics model file"},
		{name: "model with a NaN centroid", setup: func(t *testing.T, dir string) {
			sampleModel(t, dir, func(s *topics.SavedModel) { s.Centroids.Set(0, 1, math.NaN()) })
		}, args: []string{"assign", "--model", "m.topics", "-"}, exit: 1, stderr: "centroid 0 holds NaN"},
		{name: "model with an Inf index vector", setup: func(t *testing.T, dir string) {
			sampleModel(t, dir, func(s *topics.SavedModel) { s.Index.Vectors.Set(2, 0, math.Inf(-1)) })
		}, args: []string{"query", "--model", "m.topics", "supply routes"}, exit: 1, stderr: "index vector 2 holds -Inf"},
		{name: "truncated model", setup: func(t *testing.T, dir string) {
			sampleModel(t, dir, func(*topics.SavedModel) {})
			b, _ := os.ReadFile(filepath.Join(dir, "m.topics"))
			os.WriteFile(filepath.Join(dir, "m.topics"), b[:len(b)-9], 0o644)
		}, args: []string{"query", "--model", "m.topics", "supply"}, exit: 1, stderr: "truncated"},
		{name: "query --file of a binary", args: []string{"query", "--model", "/dev/null", "--file", "/bin/ls"}, exit: 1, stderr: "binary file"},
		// Flags.
		{name: "a word for a number", args: []string{"cluster", "--dims", "many"}, exit: 1, stderr: `--dims`},
		{name: "an unknown format", args: []string{"cluster", "--format", "xml"}, exit: 1, stderr: `--format "xml": want table`},
		{name: "an unknown flag", args: []string{"cluster", "--colour"}, exit: 1, stderr: "--colour"},
	}
}

// TestRobustness runs every case through the real command in a child
// process and checks the exit code, the message, that no temporary file
// is left and that no file the case does not write has changed.
func TestRobustness(t *testing.T) {
	for _, c := range robustCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // each case is a child process in its own directory
			dir := t.TempDir()
			if c.setup != nil {
				c.setup(t, dir)
			}
			before := sums(t, dir)
			var out, errb bytes.Buffer
			cmd := child(dir, c.env, append([]string{"-q"}, c.args...)...)
			cmd.Stdin = strings.NewReader("")
			cmd.Stdout, cmd.Stderr = &out, &errb
			cmd.Run()
			code := cmd.ProcessState.ExitCode()
			stderr := strings.TrimSpace(errb.String())
			lines := strings.Split(stderr, "\n")
			last := lines[len(lines)-1]
			if code != c.exit || !strings.Contains(last, c.stderr) || !strings.Contains(out.String(), c.stdout) {
				t.Errorf("exit %d, stderr %q, stdout %.80q; want exit %d, stderr ending in a line with %q, stdout with %q",
					code, stderr, out.String(), c.exit, c.stderr, c.stdout)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("a stack trace:\n%s", stderr)
			}
			for _, l := range lines {
				if l != "" && !strings.HasPrefix(l, "topics: ") {
					t.Errorf("stderr line %q is not a one-line message", l)
				}
			}
			after := sums(t, dir)
			for f, sum := range before {
				if after[f] != sum && !containsString(c.changes, f) {
					t.Errorf("input %s changed", f)
				}
			}
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.Contains(d.Name(), ".tmp-") {
					t.Errorf("temporary %s left behind", p)
				}
				return nil
			})
			if c.check != nil {
				c.check(t, dir)
			}
		})
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSignalsRemoveTemporaryFiles interrupts topics vectorize while it
// writes and checks the exit code (130 for SIGINT, 143 for SIGTERM), that
// no temporary file or directory is left and that nothing was written.
func TestSignalsRemoveTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	var text []byte
	for i := range 6000 {
		text = append(strconv.AppendInt(append(text, `{"id":"d`...), int64(i), 10), `","text":"`...)
		for j := range 60 {
			text = append(strconv.AppendInt(append(text, 'w'), int64((i*7+j*j*13)%900), 10), ' ')
		}
		text = append(text, "\"}\n"...)
	}
	writeFile(t, filepath.Join(dir, "big.jsonl"), string(text))
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			var errb bytes.Buffer
			cmd := child(dir, nil, "-q", "vectorize", "big.jsonl", "--dims", "10", "--power-iters", "1", "-o", "vec")
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait for the temporary directory to appear, then interrupt.
			deadline := time.Now().Add(2 * time.Minute)
			for !hasTemp(dir) && time.Now().Before(deadline) && !exited(cmd) {
				time.Sleep(2 * time.Millisecond)
			}
			cmd.Process.Signal(sig)
			cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) {
				t.Errorf("exit code %d, want %d (stderr %q)", code, 128+int(sig), errb.String())
			}
			if hasTemp(dir) {
				t.Error("a temporary file or directory is left")
			}
			if _, err := os.Stat(filepath.Join(dir, "vec")); err == nil {
				t.Error("the output directory was written")
			}
		})
	}
}

func hasTemp(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			return true
		}
	}
	return false
}

// exited reports whether the child has ended (so that the wait stops).
func exited(cmd *exec.Cmd) bool {
	return cmd.Process.Signal(syscall.Signal(0)) != nil
}
