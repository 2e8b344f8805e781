package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// noTemps fails if dir holds a temporary file or directory.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary %s left behind", e.Name())
		}
	}
}

func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFile(path, nil, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("file changed to %q", b)
	}
	noTemps(t, dir)
	if err := WriteFile(path, nil, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file is %q", b)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("an existing file's mode became %v, want 0640 kept", info.Mode().Perm())
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "dir"), nil, writeString("")); err == nil {
		t.Error("no error for a missing directory")
	}
}

func TestNewFileModeFollowsUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "new.txt")
	if err := WriteFile(path, nil, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("new file mode %v, want 0666 minus umask 027 = 0640", info.Mode().Perm())
	}
}

// TestWriteThroughLinkKeepsTheLink writes through a symbolic link: the
// target is replaced, the link stays a link.
func TestWriteThroughLinkKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "target.txt"), filepath.Join(dir, "link.txt")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.txt", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, nil, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced (%v, %v)", info, err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target is %q, want new", b)
	}
}

// TestDevicesAndFifosAreWrittenThrough writes to /dev/null and a fifo:
// they stay what they are.
func TestDevicesAndFifosAreWrittenThrough(t *testing.T) {
	if err := WriteFile("/dev/null", nil, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v %v", info, err)
	}
	if _, err := os.Stat("/dev/full"); err == nil {
		if err := WriteFile("/dev/full", nil, writeString("x")); err == nil {
			t.Error("writing to /dev/full gave no error")
		}
	}
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	got := make(chan string)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := WriteFile(fifo, nil, writeString("through")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through" {
		t.Errorf("read %q from the fifo", s)
	}
	if info, _ := os.Lstat(fifo); info.Mode()&fs.ModeNamedPipe == 0 {
		t.Error("the fifo was replaced")
	}
}

func TestDirectoryIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(dir, nil, writeString("x")); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("error %v, want one saying it is a directory", err)
	}
}

func TestSameAsInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte("{}"), 0o644)
	link := filepath.Join(dir, "link")
	os.Symlink(in, link)
	if err := SameAsInput(in, "other", in); err == nil {
		t.Error("the input as output is accepted")
	}
	if err := SameAsInput(link, in); err == nil {
		t.Error("a link to the input as output is accepted")
	}
	if err := SameAsInput(filepath.Join(dir, "new"), in); err != nil {
		t.Errorf("a new file: %v", err)
	}
	if err := SameAsInput("-", in); err != nil {
		t.Errorf("standard output: %v", err)
	}
}

// TestTempsRemoveAll checks that the listed temporary file of an output
// being written is removed, and that no new one is made afterwards.
func TestTempsRemoveAll(t *testing.T) {
	dir := t.TempDir()
	var temps Temps
	f, err := Create(filepath.Join(dir, "out"), &temps)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "half")
	temps.RemoveAll()
	noTemps(t, dir)
	if _, err := Create(filepath.Join(dir, "again"), &temps); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Create after RemoveAll: %v, want ErrInterrupted", err)
	}
	if err := WriteDir(filepath.Join(dir, "vec"), &temps, nil); !errors.Is(err, ErrInterrupted) {
		t.Errorf("WriteDir after RemoveAll: %v, want ErrInterrupted", err)
	}
}

func TestWriteDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "vec")
	files := func(content string) []DirFile {
		return []DirFile{{Name: "a.txt", Write: writeString(content)}, {Name: "b.txt", Write: writeString(content)}}
	}
	read := func() string {
		a, _ := os.ReadFile(filepath.Join(dir, "a.txt"))
		b, _ := os.ReadFile(filepath.Join(dir, "b.txt"))
		return string(a) + "," + string(b)
	}
	if err := WriteDir(dir, nil, files("one")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(dir, nil, files("two")); err != nil {
		t.Fatal(err)
	}
	if got := read(); got != "two,two" {
		t.Errorf("directory holds %q after the second write", got)
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o750 {
		t.Errorf("directory mode %v, want 0750 kept", info.Mode().Perm())
	}
	boom := errors.New("boom")
	failing := []DirFile{{Name: "a.txt", Write: writeString("three")}, {Name: "b.txt", Write: func(io.Writer) error { return boom }}}
	if err := WriteDir(dir, nil, failing); !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	if got := read(); got != "two,two" {
		t.Errorf("a failed write changed the directory to %q", got)
	}
	noTemps(t, parent)
	os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("keep"), 0o644)
	if err := WriteDir(dir, nil, files("four")); err == nil || !strings.Contains(err.Error(), "mine.txt") {
		t.Errorf("a directory holding other files: %v, want an error naming mine.txt", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "mine.txt")); string(b) != "keep" {
		t.Error("another file in the directory was lost")
	}
	file := filepath.Join(parent, "file")
	os.WriteFile(file, nil, 0o644)
	if err := WriteDir(file, nil, files("x")); err == nil {
		t.Error("a file as the directory is accepted")
	}
}
