package pipeline

import (
	"context"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths; a program adds others (gcs, s3)

	"github.com/topics-dev/topics/corpus"
)

// ReadOptions say where the corpus is and how to read it.
type ReadOptions struct {
	// Input is a glob of files (local paths, or any file system Beam
	// knows, such as gs://): JSON Lines, CSV or plain text, each gzip
	// compressed or not. It must match at least one file.
	Input string
	// Corpus sets the format, field names and document size limit, as for
	// corpus.Read; its Warn and Progress are not used.
	Corpus corpus.Options
	// BlockSize is the number of documents per block; zero means 1000.
	BlockSize int
}

// DefaultBlockSize is the number of documents per block when
// ReadOptions.BlockSize is zero.
const DefaultBlockSize = 1000

// Inputs returns the paths of the files matched by opt.Input, shared out
// among workers (a Reshuffle), as a PCollection<string>.
func Inputs(s beam.Scope, opt ReadOptions) beam.PCollection {
	s = s.Scope("topics.Inputs")
	files := fileio.MatchFiles(s, opt.Input, fileio.MatchEmptyDisallow())
	return beam.ParDo(s, metadataPath, beam.Reshuffle(s, files))
}

func metadataPath(md fileio.FileMetadata) string { return md.Path }

// corpusReader reads an input file in blocks of documents. It is embedded
// in the DoFns that read the corpus, so its fields are spelt out for their
// JSON encoding (corpus.Options has a func field).
type corpusReader struct {
	Format                                     int
	IDField, TitleField, TextField, LabelField string
	MaxDocBytes                                int64
	BlockSize                                  int
}

func newCorpusReader(opt ReadOptions) corpusReader {
	c := opt.Corpus
	return corpusReader{
		Format: int(c.Format), IDField: c.IDField, TitleField: c.TitleField, TextField: c.TextField,
		LabelField: c.LabelField, MaxDocBytes: c.MaxDocBytes, BlockSize: cmpOr(opt.BlockSize, DefaultBlockSize),
	}
}

// cmpOr returns v, or def when v is zero.
func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// walk reads the file at path whole, from its start (a gzip file is never
// split at a byte offset), with package corpus, and calls fn for each block
// of up to BlockSize consecutive documents, in order.
func (r corpusReader) walk(ctx context.Context, path string, fn func(DocBlock) error) error {
	rc, err := openFile(ctx, path)
	if err != nil {
		return err
	}
	defer rc.Close()
	opt := corpus.Options{
		Format: corpus.Format(r.Format), IDField: r.IDField, TitleField: r.TitleField,
		TextField: r.TextField, LabelField: r.LabelField, MaxDocBytes: r.MaxDocBytes,
	}
	size := cmpOr(r.BlockSize, DefaultBlockSize)
	block := DocBlock{Key: BlockKey{File: path}}
	err = corpus.WalkFrom(rc, path, opt, func(d corpus.Document) error {
		block.Docs = append(block.Docs, d)
		if len(block.Docs) < size {
			return nil
		}
		if err := fn(block); err != nil {
			return err
		}
		block = DocBlock{Key: BlockKey{File: path, First: block.Key.First + size}}
		return nil
	})
	if err != nil {
		return err
	}
	if len(block.Docs) > 0 {
		return fn(block)
	}
	return nil
}

// errorf returns an error of the pipeline about path.
func errorf(path, format string, args ...any) error {
	return fmt.Errorf("topics-beam: %s: "+format, append([]any{path}, args...)...)
}
