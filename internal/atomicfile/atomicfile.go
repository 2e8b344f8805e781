// Package atomicfile writes output files so that a failed run never leaves a
// partial file behind: the content goes to a temporary file in the
// target's directory, which replaces the target only once complete.
package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile writes a file atomically: write fills a temporary file in the
// same directory, which replaces path only when write and the final sync
// succeed. On any error the temporary file is removed and path is left as it
// was, so no partial output is ever left behind.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// File is one file of a directory written by WriteDir.
type File struct {
	// Name is the file's name within the directory.
	Name string
	// Write writes its content.
	Write func(io.Writer) error
}

// WriteDir writes files into dir: into a temporary directory beside dir
// first, moved into place only when every file is complete, so that an
// error leaves dir as it was. A dir that does not exist is created.
func WriteDir(dir string, files []File) (err error) {
	dir = filepath.Clean(dir)
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a directory", dir)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, f := range files {
		if err = writeNew(filepath.Join(tmp, f.Name), f.Write); err != nil {
			return err
		}
	}
	if _, statErr := os.Stat(dir); os.IsNotExist(statErr) {
		if err = os.Rename(tmp, dir); err != nil {
			return err
		}
		return os.Chmod(dir, 0o755)
	}
	for _, f := range files {
		if err = os.Rename(filepath.Join(tmp, f.Name), filepath.Join(dir, f.Name)); err != nil {
			return err
		}
	}
	return os.RemoveAll(tmp)
}

// writeNew creates path and fills it with write, buffered.
func writeNew(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return f.Close()
}
