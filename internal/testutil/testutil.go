// Package testutil holds what the tests of several packages share: the
// corpora of testdata and golden-file comparison. It is imported by tests
// only.
package testutil

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/topics-dev/topics/corpus"
)

// Root returns the directory of the module (where go.mod is).
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// SampleDocs returns the five articles of the built-in sample, as
// corpus.ReadFS reads them from testdata/sample.
func SampleDocs(t testing.TB) []corpus.Document {
	t.Helper()
	docs, err := corpus.ReadFS(os.DirFS(filepath.Join(Root(), "testdata", "sample")), ".", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// BBC300 returns the 300 BBC articles of testdata/bbc300.jsonl.gz (60 per
// topic, with their gold labels).
func BBC300(t testing.TB) []corpus.Document {
	t.Helper()
	docs, err := corpus.Read(filepath.Join(Root(), "testdata", "bbc300.jsonl.gz"), corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// CheckGolden compares got with the file at path, or when update is set
// writes got there. On a difference it reports the first differing line.
func CheckGolden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
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
		t.Fatalf("%v (run the test with -update to create it)", err)
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
			t.Errorf("%s differs from the golden file at line %d:\n got: %.300q\nwant: %.300q\n(the test's -update flag rewrites it)", path, i+1, g, w)
			return
		}
	}
}
