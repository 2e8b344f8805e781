package pipeline

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/topics-dev/topics/internal/atomicfile"
)

// isURL reports whether path names a file of a Beam file system other than
// the local one (gs://bucket/..., s3://...).
func isURL(path string) bool { return strings.Contains(path, "://") }

// joinPath joins a directory (local or URL) and a file name.
func joinPath(dir, name string) string { return strings.TrimSuffix(dir, "/") + "/" + name }

// createFile writes a file through write: atomically (a temporary file
// renamed, its directory made if missing) for a local path, through Beam's
// file systems for a URL, where the object appears when it is closed.
func createFile(ctx context.Context, path string, write func(io.Writer) error) error {
	if !isURL(path) {
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			return errorf(path, "%w", err)
		}
		return atomicfile.WriteFile(path, nil, write)
	}
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return errorf(path, "%w", err)
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return errorf(path, "%w", err)
	}
	if err := write(w); err != nil {
		w.Close()
		return errorf(path, "%w", err)
	}
	if err := w.Close(); err != nil {
		return errorf(path, "%w", err)
	}
	return nil
}

// openFile opens a local file or a URL for reading.
func openFile(ctx context.Context, path string) (io.ReadCloser, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, errorf(path, "%w", err)
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, errorf(path, "%w", err)
	}
	return r, nil
}

// removeFile removes a local file or a URL.
func removeFile(ctx context.Context, path string) error {
	if !isURL(path) {
		return os.Remove(path)
	}
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return errorf(path, "%w", err)
	}
	defer fs.Close()
	rm, ok := fs.(filesystem.Remover)
	if !ok {
		return errorf(path, "the file system cannot remove files")
	}
	return rm.Remove(ctx, path)
}

// Work files keep the blocks a pass computed (TF-IDF rows, LSA vectors) for
// the passes that follow, one file per input file, in a work directory that
// every worker can read (a local directory on one machine, a bucket on a
// cluster). A pass is then a DoFn over the list of work files: what crosses
// the runner is a list of paths and small sums, never the corpus. A file is
// a sequence of blocks, each its length (uvarint) and its encoding.

// workFile returns the path of the work file of kind for the file from,
// an input or another work file.
func workFile(dir, kind, from string) string {
	h := fnv.New64a()
	h.Write([]byte(from))
	base := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' {
			return '_'
		}
		return r
	}, path.Base(from))
	return joinPath(dir, fmt.Sprintf("%s-%016x-%s", kind, h.Sum64(), base))
}

// writeBlocks creates the work file at path; fill calls put once per
// block, in order.
func writeBlocks(ctx context.Context, path string, fill func(put func([]byte) error) error) error {
	return createFile(ctx, path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		var hdr [binary.MaxVarintLen64]byte
		put := func(b []byte) error {
			if _, err := bw.Write(hdr[:binary.PutUvarint(hdr[:], uint64(len(b)))]); err != nil {
				return err
			}
			_, err := bw.Write(b)
			return err
		}
		if err := fill(put); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// readBlocks calls fn with each block of the work file at path, in order.
func readBlocks(ctx context.Context, path string, fn func([]byte) error) error {
	r, err := openFile(ctx, path)
	if err != nil {
		return err
	}
	defer r.Close()
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		n, err := binary.ReadUvarint(br)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return errorf(path, "reading a work file: %w", err)
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(br, buf); err != nil {
			return errorf(path, "reading a work file: %w", err)
		}
		if err := fn(buf); err != nil {
			return err
		}
	}
}

// readRowBlocks calls fn with each RowBlock of a work file.
func readRowBlocks(ctx context.Context, path string, fn func(RowBlock) error) error {
	return readBlocks(ctx, path, func(b []byte) error {
		rb, err := decodeRowBlock(b)
		if err != nil {
			return errorf(path, "%w", err)
		}
		return fn(rb)
	})
}

// readVecBlocks calls fn with each VecBlock of a work file.
func readVecBlocks(ctx context.Context, path string, fn func(VecBlock) error) error {
	return readBlocks(ctx, path, func(b []byte) error {
		vb, err := decodeVecBlock(b)
		if err != nil {
			return errorf(path, "%w", err)
		}
		return fn(vb)
	})
}
