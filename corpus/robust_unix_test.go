//go:build unix

package corpus_test

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/topics-dev/topics/corpus"
)

// TestBadPathsUnix reads directories holding fifos, sockets and devices,
// which are skipped with a warning and never opened (opening a fifo would
// wait for a writer forever), and device and fifo paths given as the
// corpus.
func TestBadPathsUnix(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"special/a.txt": "A\nx"})
	p := func(elem ...string) string { return filepath.Join(append([]string{dir}, elem...)...) }
	if err := syscall.Mkfifo(p("special", "fifo.txt"), 0o600); err != nil {
		t.Skip("no fifos:", err)
	}
	if err := syscall.Mkfifo(p("special", "fifo-target"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("fifo-target", p("special", "fifo-link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/null", p("special", "null.txt")); err != nil {
		t.Fatal(err)
	}
	// Socket paths are short: make it in the current directory's temp.
	sock := p("special", "s.txt")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip("no unix sockets:", err)
	}
	defer l.Close()

	t.Run("special files in a directory", func(t *testing.T) {
		var warns warnings
		docs, err := corpus.Read(p("special"), warns.opt(corpus.Options{}))
		checkResult(t, docs, err, warns, "", 1, []string{
			p("special", "fifo-link.md") + ": skipped: not a regular file (a fifo)",
			p("special", "fifo.txt") + ": skipped: not a regular file (a fifo)",
			p("special", "null.txt") + ": skipped: not a regular file (a character device)",
			p("special", "s.txt") + ": skipped: not a regular file (a socket)",
		})
	})
	t.Run("/dev/zero as the corpus", func(t *testing.T) {
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skip(err)
		}
		var read int64
		docs, err := corpus.Read("/dev/zero", corpus.Options{Progress: func(n int64) { read += n }})
		checkResult(t, docs, err, nil, "corpus: /dev/zero:1: binary file: NUL byte at column 1 (byte offset 0)", 0, nil)
		if read > 1<<20 {
			t.Errorf("read %d bytes of /dev/zero", read)
		}
	})
	t.Run("a fifo given as the corpus is read", func(t *testing.T) {
		// As a shell's <(command) is: like standard input.
		fifo := p("corpus.jsonl")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
			if err != nil {
				done <- err
				return
			}
			_, err = f.WriteString(`{"text":"a"}` + "\n" + `{"text":"b"}` + "\n")
			f.Close()
			done <- err
		}()
		docs, err := corpus.Read(fifo, corpus.Options{})
		checkResult(t, docs, err, nil, "", 2, nil)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}
