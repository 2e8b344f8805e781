package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/report"
)

// AssignOptions say what to place, against which model, and where the
// placements go.
type AssignOptions struct {
	Read ReadOptions
	// Model is the model file written by topics fit or topics-beam fit: a
	// local path or a URL.
	Model string
	// Output is the directory (local or URL) of the output shards: one per
	// input file, named after it (see ShardName).
	Output string
	// Assign sets what each placement holds (neighbours need a model
	// fitted with an index), as for topics assign.
	Assign topics.AssignOptions
}

// ShardName returns the name of the output shard of an input file: its base
// name without the extensions .gz, then .jsonl, .ndjson, .json, .csv,
// .txt or .md, followed by .jsonl. Two inputs with the same shard name
// (the same base name in two directories) make Assign fail.
func ShardName(input string) string {
	name := path.Base(strings.ReplaceAll(input, "\\", "/"))
	name = strings.TrimSuffix(name, ".gz")
	for _, ext := range []string{".jsonl", ".ndjson", ".json", ".csv", ".txt", ".md"} {
		if n, ok := strings.CutSuffix(name, ext); ok {
			name = n
			break
		}
	}
	return name + ".jsonl"
}

// Assign adds to the pipeline of s the placement of the corpus of opt.Read
// in the clusters of the model opt.Model, the distributed form of topics
// assign: each input file is read, placed block by block (every worker
// loads the model once) and written, in input order, to its JSON Lines
// shard in opt.Output, each line as topics assign --format jsonl writes it
// (report.WritePlacement). It returns the PCollection of the shards'
// paths.
func Assign(s beam.Scope, opt AssignOptions) beam.PCollection {
	s = s.Scope("topics.Assign")
	byShard := beam.GroupByKey(s, beam.ParDo(s, keyByShard, Inputs(s, opt.Read)))
	return beam.ParDo(s, &assignShardFn{Reader: newCorpusReader(opt.Read), Model: opt.Model, Output: opt.Output,
		Neighbors: opt.Assign.Neighbors, MinSimilarity: opt.Assign.MinSimilarity}, byShard)
}

func keyByShard(input string) (string, string) { return ShardName(input), input }

// assignShardFn places one input file; the model is loaded once per DoFn
// instance.
type assignShardFn struct {
	Reader        corpusReader
	Model         string
	Output        string
	Neighbors     int
	MinSimilarity float64
	m             *topics.SavedModel
}

func (f *assignShardFn) Setup(ctx context.Context) error {
	m, err := loadModel(ctx, f.Model)
	f.m = m
	return err
}

func (f *assignShardFn) ProcessElement(ctx context.Context, name string, inputs func(*string) bool, emit func(string)) error {
	var input, other string
	for inputs(&other) {
		if input != "" {
			return fmt.Errorf("topics-beam: %s and %s would both be written to %s: give inputs distinct base names", input, other, name)
		}
		input = other
	}
	out := joinPath(f.Output, name)
	err := createFile(ctx, out, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		err := f.Reader.walk(ctx, input, func(b DocBlock) error {
			placed, err := f.m.Assign(b.Docs, topics.AssignOptions{Neighbors: f.Neighbors, MinSimilarity: f.MinSimilarity})
			if err != nil {
				return err
			}
			for _, p := range placed {
				if err := report.WritePlacement(bw, p); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return err
	}
	emit(out)
	return nil
}
