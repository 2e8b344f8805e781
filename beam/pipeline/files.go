package pipeline

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/topics-dev/topics/report"
)

// isURL reports whether path names a file of a Beam file system other than
// the local one (gs://bucket/..., s3://...).
func isURL(path string) bool { return strings.Contains(path, "://") }

// createFile writes a file through write: atomically (a temporary file
// renamed) for a local path, through Beam's file systems for a URL, where
// the object appears when it is closed.
func createFile(ctx context.Context, path string, write func(io.Writer) error) error {
	if !isURL(path) {
		return report.WriteFile(path, write)
	}
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return fmt.Errorf("topics-beam: %s: %w", path, err)
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return fmt.Errorf("topics-beam: %s: %w", path, err)
	}
	if err := write(w); err != nil {
		w.Close()
		return fmt.Errorf("topics-beam: %s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("topics-beam: %s: %w", path, err)
	}
	return nil
}

// openFile opens a local file or a URL for reading.
func openFile(ctx context.Context, path string) (io.ReadCloser, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("topics-beam: %s: %w", path, err)
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("topics-beam: %s: %w", path, err)
	}
	return r, nil
}
