// Package atomicfile writes the output files of topics so that nothing the
// user had is lost and no partial output is left behind.
//
// Create resolves an output path once, before any work is done:
//
//   - a regular file, or a path where nothing exists yet, is written to a
//     temporary file in the same directory, which replaces the target only
//     when Commit succeeds (a new file gets mode 0666 minus the umask; an
//     existing file keeps its mode);
//   - a symbolic link is followed, and its final target is treated as above
//     (the link itself stays a link);
//   - a device, a fifo or a socket is written straight through (there is
//     nothing to replace);
//   - a directory is refused.
//
// SameAsInput refuses an output that is one of the inputs. Temporary files
// and directories are listed in a Temps while they exist, so that a signal
// handler can remove them.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Temps lists the temporary files and directories being written, so that
// they can be removed when the program is interrupted. Its zero value is
// ready to use; a nil *Temps lists nothing.
type Temps struct {
	mu     sync.Mutex
	paths  map[string]bool
	closed bool // RemoveAll ran: no more temporary files
}

// ErrInterrupted is returned for a temporary file asked for after
// RemoveAll.
var ErrInterrupted = errors.New("interrupted")

// create makes a temporary file or directory with mk and lists it, as one
// step: once RemoveAll has run, nothing more is made.
func (t *Temps) create(mk func() (string, error)) (string, error) {
	if t == nil {
		return mk()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return "", ErrInterrupted
	}
	path, err := mk()
	if err != nil {
		return "", err
	}
	if t.paths == nil {
		t.paths = map[string]bool{}
	}
	t.paths[path] = true
	return path, nil
}

func (t *Temps) remove(path string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.paths, path)
}

// RemoveAll removes every listed temporary file and directory, for a
// program that is about to exit.
func (t *Temps) RemoveAll() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for p := range t.paths {
		os.RemoveAll(p)
	}
	t.paths, t.closed = nil, true
}

// File is an output being written: Write fills it, then Commit puts it in
// place or Abort drops it.
type File struct {
	path   string // the path as given, for errors
	target string // the file that is replaced (symbolic links followed)
	f      *os.File
	temp   bool // f is a temporary file to rename over target
	mode   fs.FileMode
	temps  *Temps
	done   bool
}

// Create prepares path (see the package documentation) and opens what is
// written. temps, if not nil, lists the temporary file until Commit or
// Abort.
func Create(path string, temps *Temps) (*File, error) {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return nil, fmt.Errorf("%s is a directory: give a file to write", path)
	case err == nil && !info.Mode().IsRegular():
		// A device, fifo or socket (also /dev/stdout, whose links the
		// kernel resolves): nothing to replace.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &File{path: path, target: path, f: f}, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	mode := fs.FileMode(0o666) &^ umask()
	if info != nil {
		mode = info.Mode().Perm()
	}
	target, err := resolve(path)
	if err != nil {
		return nil, err
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	var f *os.File
	if _, err := temps.create(func() (string, error) {
		var err error
		f, err = os.CreateTemp(dir, "."+base+".tmp-*")
		if err != nil {
			return "", err
		}
		return f.Name(), nil
	}); err != nil {
		return nil, err
	}
	return &File{path: path, target: target, f: f, temp: true, mode: mode, temps: temps}, nil
}

// resolve follows the symbolic links of path to the file they name (which
// need not exist yet).
func resolve(path string) (string, error) {
	for range 40 {
		info, err := os.Lstat(path)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", fmt.Errorf("too many levels of symbolic links")
}

// Write writes p to the output.
func (f *File) Write(p []byte) (int, error) { return f.f.Write(p) }

// Commit finishes the output: a temporary file is synced, given its mode
// and renamed over the target; a device or fifo is closed.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: Commit after Commit or Abort")
	}
	f.done = true
	if !f.temp {
		return f.f.Close()
	}
	defer f.temps.remove(f.f.Name())
	err := f.f.Sync()
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.f.Name(), f.mode)
	}
	if err == nil {
		err = os.Rename(f.f.Name(), f.target)
	}
	if err != nil {
		os.Remove(f.f.Name())
	}
	return err
}

// Abort drops the output: a temporary file is removed, the target is left
// as it was. It does nothing after Commit.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.f.Close()
	if f.temp {
		os.Remove(f.f.Name())
		f.temps.remove(f.f.Name())
	}
}

// WriteFile writes path with write through a File: on any error the
// target is left as it was and no temporary file remains.
func WriteFile(path string, temps *Temps, write func(io.Writer) error) error {
	f, err := Create(path, temps)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := write(f); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// SameAsInput returns an error if output names the same file (or
// directory) as one of inputs, following symbolic links. Paths that do not
// exist, and "" or "-", are never the same.
func SameAsInput(output string, inputs ...string) error {
	if output == "" || output == "-" {
		return nil
	}
	out, err := os.Stat(output)
	if err != nil {
		return nil
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		if info, err := os.Stat(in); err == nil && os.SameFile(out, info) {
			return fmt.Errorf("the output %s is the input %s: write elsewhere", output, in)
		}
	}
	return nil
}
