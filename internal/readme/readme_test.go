package readme

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/topics-dev/topics/internal/testutil"
)

// update rewrites README.md from what its commands print: make readme.
var update = flag.Bool("update", false, "rewrite README.md")

func TestGenerate(t *testing.T) {
	doc := "# T\n\n```console\n$ echo a\nstale\n$ echo b\n```\n\n<!-- include x.md#Two -->\nold\n<!-- end include -->\n"
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "x.md"), []byte("# One\n1\n## Two\n\n2a\n```\n# not a heading\n```\n### Three\n3\n## Four\n4\n"), 0o644)
	run := func(cmd, old string) (string, error) { return "out of " + cmd + "\n", nil }
	got, err := Generate(doc, root, run)
	if err != nil {
		t.Fatal(err)
	}
	want := "# T\n\n```console\n$ echo a\nout of echo a\n$ echo b\nout of echo b\n```\n\n<!-- include x.md#Two -->\n2a\n```\n# not a heading\n```\n### Three\n3\n<!-- end include -->\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := Generate("```console\n$ x\n", root, run); err == nil {
		t.Error("an open console block gives no error")
	}
	if _, err := Generate("<!-- include x.md#Nine -->\n<!-- end include -->", root, run); err == nil {
		t.Error("a missing heading gives no error")
	}
}

// progressLine matches the progress lines that a run writes for its long
// steps: they depend on the machine, so the README does not show them.
var progressLine = regexp.MustCompile(`^topics: [A-Za-z -]+: .*( in [0-9.]+m?s|ETA|/s,)`)

// TestREADME runs every command of README.md's console blocks with a
// freshly built topics, as written, in a directory that sees the
// repository's testdata and ../shared, and checks that the README shows
// exactly what they print (and that its includes are current). Commands
// on ../shared/corpora keep the README's output when those corpora are not
// there, and so do commands piped to jq when it is not installed.
func TestREADME(t *testing.T) {
	root := testutil.Root()
	work := t.TempDir()
	bin := filepath.Join(work, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "topics"), "./cmd/topics")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := filepath.Join(work, "repo")
	os.MkdirAll(dir, 0o755)
	os.Symlink(filepath.Join(root, "testdata"), filepath.Join(dir, "testdata"))
	shared := filepath.Join(root, "..", "shared")
	_, haveShared := os.Stat(shared)
	os.Symlink(shared, filepath.Join(work, "shared"))
	run := func(cmd, old string) (string, error) {
		if strings.Contains(cmd, "../shared/") && haveShared != nil {
			return old, nil
		}
		if _, err := exec.LookPath("jq"); err != nil && strings.Contains(cmd, "jq ") {
			t.Logf("jq is not installed (make browser-deps): keeping the output of %q", cmd)
			return old, nil
		}
		sh := exec.Command("bash", "-c", strings.Replace(cmd, "go run ./cmd/topics", "topics", 1))
		sh.Dir = dir
		sh.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"), "COLUMNS=100", "TOPICS_MAX_MEMORY=")
		var stdout, stderr bytes.Buffer
		sh.Stdout, sh.Stderr = &stdout, &stderr
		if err := sh.Run(); err != nil {
			return "", err
		}
		var msgs []string
		for _, l := range strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n") {
			if l != "" && !progressLine.MatchString(l) {
				msgs = append(msgs, l)
			}
		}
		return strings.Join(append(msgs, stdout.String()), "\n"), nil
	}
	path := filepath.Join(root, "README.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Generate(string(doc), root, run)
	if err != nil {
		t.Fatal(err)
	}
	testutil.CheckGolden(t, path, []byte(got), *update)
}
