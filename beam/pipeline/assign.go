package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

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
}

// Placement is one line of an output shard.
type Placement struct {
	ID         string  `json:"id"`
	Cluster    int     `json:"cluster"`
	Similarity float64 `json:"similarity"`
	// Theme is the cluster's label in the model ("" for cluster -1).
	Theme string `json:"theme"`
}

// ShardName returns the name of the output shard of an input file: its base
// name without the extensions .gz, then .jsonl, .ndjson, .json, .csv,
// .txt or .md, followed by .jsonl. Inputs from two directories with the
// same base name would collide; Assign then fails.
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
// assign: blocks of documents are placed in parallel (every worker loads
// the model once), then each input file's placements are gathered, in
// input order, into one JSON Lines shard in opt.Output. It returns the
// PCollection of the shards' paths.
func Assign(s beam.Scope, opt AssignOptions) beam.PCollection {
	s = s.Scope("topics.Assign")
	docs := ReadBlocks(s, opt.Read)
	placed := beam.ParDo(s, &assignFn{Model: opt.Model}, docs)
	return beam.ParDo(s, &writeShardFn{Dir: opt.Output}, beam.GroupByKey(s, placed))
}

// placedBlock holds the JSON Lines of a block of placed documents.
type placedBlock struct {
	Key   BlockKey
	Lines []byte
}

// assignFn places blocks of documents; the model is loaded once per DoFn
// instance.
type assignFn struct {
	Model string
	m     *report.SavedModel
}

func (f *assignFn) Setup(ctx context.Context) error {
	m, err := loadModel(ctx, f.Model)
	f.m = m
	return err
}

func (f *assignFn) ProcessElement(b DocBlock, emit func(string, placedBlock)) error {
	placed, err := f.m.Assign(b.Docs, report.AssignOptions{})
	if err != nil {
		return err
	}
	var lines []byte
	for _, p := range placed {
		line, err := json.Marshal(Placement{ID: p.ID, Cluster: p.Cluster, Similarity: p.Similarity, Theme: p.Label})
		if err != nil {
			return fmt.Errorf("topics-beam: %w", err)
		}
		lines = append(append(lines, line...), '\n')
	}
	emit(ShardName(b.Key.File), placedBlock{Key: b.Key, Lines: lines})
	return nil
}

// writeShardFn writes the placements of one input file, in input order.
type writeShardFn struct {
	Dir string
}

func (f *writeShardFn) ProcessElement(ctx context.Context, name string, blocks func(*placedBlock) bool, emit func(string)) error {
	var all []placedBlock
	var b placedBlock
	for blocks(&b) {
		all = append(all, b)
	}
	slices.SortFunc(all, func(a, b placedBlock) int { return a.Key.compare(b.Key) })
	if len(all) > 0 && all[0].Key.File != all[len(all)-1].Key.File {
		return fmt.Errorf("topics-beam: %s and %s would both be written to %s: give inputs distinct base names",
			all[0].Key.File, all[len(all)-1].Key.File, name)
	}
	out := strings.TrimSuffix(f.Dir, "/") + "/" + name
	err := createFile(ctx, out, func(w io.Writer) error {
		for _, b := range all {
			if _, err := w.Write(b.Lines); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	emit(out)
	return nil
}

func encodePlacedBlock(b placedBlock) []byte {
	var w wbuf
	w.str(b.Key.File)
	w.int(b.Key.First)
	w.str(string(b.Lines))
	return w.b
}

func decodePlacedBlock(data []byte) (placedBlock, error) {
	r := rbuf{b: data}
	b := placedBlock{Key: BlockKey{File: r.str(), First: r.int()}, Lines: []byte(r.str())}
	return b, r.done("placed documents")
}
