package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// DirFile is one file of a directory written by WriteDir.
type DirFile struct {
	// Name is the file's name within the directory.
	Name string
	// Write writes its content.
	Write func(io.Writer) error
}

// WriteDir writes files into dir as one step: they are written into a
// temporary directory beside dir, which then takes dir's place. A dir that
// exists must hold nothing but files of those names (what an earlier
// WriteDir wrote), so that nothing else in it is lost; it is swapped with
// the new one and removed, so that a reader sees either the old files or
// the new ones, never a mix. On any error dir is left as it was and the
// temporary directory is removed. temps, if not nil, lists it meanwhile.
// A new directory gets mode 0777 minus the umask; an existing one keeps
// its mode.
func WriteDir(dir string, temps *Temps, files []DirFile) (err error) {
	dir = filepath.Clean(dir)
	mode := fs.FileMode(0o777) &^ umask()
	info, statErr := os.Stat(dir)
	switch {
	case statErr == nil && !info.IsDir():
		return fmt.Errorf("%s exists and is not a directory", dir)
	case statErr == nil:
		mode = info.Mode().Perm()
		if err := onlyFiles(dir, files); err != nil {
			return err
		}
	case !errors.Is(statErr, fs.ErrNotExist):
		return statErr
	}
	tmp, err := temps.create(func() (string, error) {
		return os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-*")
	})
	if err != nil {
		return err
	}
	defer func() {
		os.RemoveAll(tmp)
		temps.remove(tmp)
	}()
	for _, f := range files {
		if err := writeNew(filepath.Join(tmp, f.Name), f.Write); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	if statErr != nil {
		return os.Rename(tmp, dir)
	}
	// tmp now holds the old files once swapped, and is removed on return.
	return swap(tmp, dir)
}

// onlyFiles returns an error if dir holds anything but regular files named
// in files.
func onlyFiles(dir string, files []DirFile) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		known := slices.ContainsFunc(files, func(f DirFile) bool { return f.Name == e.Name() })
		if !known || !e.Type().IsRegular() {
			return fmt.Errorf("%s holds %s, which this command does not write: give a new or empty directory", dir, e.Name())
		}
	}
	return nil
}

// writeNew creates path and fills it with write, buffered.
func writeNew(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}
