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
	// Corpus sets the format and field names, as for corpus.Read; its
	// Progress is ignored.
	Corpus corpus.Options
	// BlockSize is the number of documents per element; zero means 1000.
	BlockSize int
}

// DefaultBlockSize is the number of documents per block when
// ReadOptions.BlockSize is zero.
const DefaultBlockSize = 1000

// ReadBlocks returns the documents of the files matched by opt.Input as a
// PCollection<DocBlock>, each block holding up to opt.BlockSize consecutive
// documents of one file. Each file is read whole, by one worker, with the
// corpus package's readers (so a gzip file is decompressed from its start,
// never split at a byte offset); files are shared out among workers.
func ReadBlocks(s beam.Scope, opt ReadOptions) beam.PCollection {
	s = s.Scope("topics.ReadBlocks")
	files := fileio.MatchFiles(s, opt.Input, fileio.MatchEmptyDisallow())
	files = beam.Reshuffle(s, files)
	readable := fileio.ReadMatches(s, files, fileio.ReadUncompressed())
	c := opt.Corpus
	return beam.ParDo(s, &readFileFn{
		Format: int(c.Format), IDField: c.IDField, TitleField: c.TitleField, TextField: c.TextField, LabelField: c.LabelField,
		BlockSize: cmpOr(opt.BlockSize, DefaultBlockSize),
	}, readable)
}

// cmpOr returns v, or def when v is zero.
func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// readFileFn reads one file into blocks of documents. The corpus options
// are spelt out: a DoFn is serialized as JSON, which a func field (the
// progress callback) would prevent.
type readFileFn struct {
	Format                                     int
	IDField, TitleField, TextField, LabelField string
	BlockSize                                  int
}

func (f *readFileFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(DocBlock)) error {
	path := file.Metadata.Path
	rc, err := file.Open(ctx)
	if err != nil {
		return fmt.Errorf("topics-beam: %s: %w", path, err)
	}
	defer rc.Close()
	opt := corpus.Options{
		Format: corpus.Format(f.Format), IDField: f.IDField, TitleField: f.TitleField,
		TextField: f.TextField, LabelField: f.LabelField,
	}
	block := DocBlock{Key: BlockKey{File: path}}
	err = corpus.WalkFrom(rc, path, opt, func(d corpus.Document) error {
		block.Docs = append(block.Docs, d)
		if len(block.Docs) == f.BlockSize {
			emit(block)
			block = DocBlock{Key: BlockKey{File: path, First: block.Key.First + f.BlockSize}}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(block.Docs) > 0 {
		emit(block)
	}
	return nil
}
