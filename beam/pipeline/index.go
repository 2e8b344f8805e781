package pipeline

import (
	"context"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics"
)

// IndexPart is the part of a model's document index (topics.DocIndex) that
// one block of documents gives: their ids and display titles, LSA vectors
// and heaviest TF-IDF terms (row i: columns Ind[Ptr[i]:Ptr[i+1]],
// increasing, and their weights Val).
type IndexPart struct {
	Key         BlockKey
	IDs, Titles []string
	Dims        int
	Vectors     []float64 // len(IDs) × Dims, row-major
	Ptr         []int
	Ind         []int32
	Val         []float64
}

// Index reads, per input file, the documents' titles, their TF-IDF rows
// (work file) and LSA vectors (work file), and returns a PCollection of
// IndexPart; with terms = 0 (no index asked for) it reads nothing and
// returns an empty one. vecFiles is a side input only so that the vectors
// are written before they are read.
func Index(s beam.Scope, inputs, vecFiles beam.PCollection, read ReadOptions, workDir string, terms int) beam.PCollection {
	s = s.Scope("topics.Index")
	return beam.ParDo(s, &indexFileFn{Reader: newCorpusReader(read), WorkDir: workDir, Terms: terms}, inputs,
		beam.SideInput{Input: vecFiles})
}

// indexFileFn makes the index parts of an input file; Terms is the number
// of TF-IDF terms kept per document (0: no index).
type indexFileFn struct {
	Reader  corpusReader
	WorkDir string
	Terms   int
}

func (f *indexFileFn) ProcessElement(ctx context.Context, path string, _ func(*string) bool, emit func(IndexPart)) error {
	if f.Terms == 0 {
		return nil
	}
	parts := map[BlockKey]*IndexPart{}
	var keys []BlockKey
	err := f.Reader.walk(ctx, path, func(b DocBlock) error {
		p := &IndexPart{Key: b.Key, Ptr: []int{0}}
		for _, d := range b.Docs {
			p.IDs, p.Titles = append(p.IDs, d.ID), append(p.Titles, d.DisplayTitle())
		}
		parts[b.Key], keys = p, append(keys, b.Key)
		return nil
	})
	if err != nil {
		return err
	}
	part := func(k BlockKey, n int, what string) (*IndexPart, error) {
		p := parts[k]
		if p == nil || len(p.IDs) != n {
			return nil, fmt.Errorf("topics-beam: %s of %s at %d do not match its documents", what, k.File, k.First)
		}
		return p, nil
	}
	rows := workFile(f.WorkDir, "rows", path)
	err = readRowBlocks(ctx, rows, func(rb RowBlock) error {
		p, err := part(rb.Key, len(rb.IDs), "the TF-IDF rows")
		if err != nil {
			return err
		}
		for i := range rb.IDs {
			t := topics.HeaviestTerms(rb.Ind[rb.Ptr[i]:rb.Ptr[i+1]], rb.Val[rb.Ptr[i]:rb.Ptr[i+1]], f.Terms)
			p.Ind, p.Val = append(p.Ind, t.Columns...), append(p.Val, t.Weights...)
			p.Ptr = append(p.Ptr, len(p.Ind))
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = readVecBlocks(ctx, workFile(f.WorkDir, "vectors", rows), func(vb VecBlock) error {
		p, err := part(vb.Key, vb.Rows, "the LSA vectors")
		if err != nil {
			return err
		}
		p.Dims, p.Vectors = vb.Dims, vb.Data
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		emit(*parts[k])
	}
	return nil
}

// docIndexOf assembles the parts of an index in corpus order; dims is the
// LSA's, for parts of documents that have no vectors block (none).
func docIndexOf(parts []IndexPart, dims int) (*topics.DocIndex, error) {
	slices.SortFunc(parts, func(a, b IndexPart) int { return a.Key.compare(b.Key) })
	n := 0
	for _, p := range parts {
		if p.Dims != dims || len(p.Vectors) != len(p.IDs)*dims || len(p.Ptr) != len(p.IDs)+1 {
			return nil, errBadShape("an index part")
		}
		n += len(p.IDs)
	}
	if n == 0 {
		return nil, errBadShape("an index without documents")
	}
	ix := &topics.DocIndex{Vectors: mat.NewDense(n, dims, nil), Terms: make([]topics.SparseTerms, 0, n)}
	i := 0
	for _, p := range parts {
		ix.IDs, ix.Titles = append(ix.IDs, p.IDs...), append(ix.Titles, p.Titles...)
		for j := range p.IDs {
			ix.Vectors.SetRow(i, p.Vectors[j*dims:(j+1)*dims])
			lo, hi := p.Ptr[j], p.Ptr[j+1]
			ix.Terms = append(ix.Terms, topics.SparseTerms{Columns: slices.Clone(p.Ind[lo:hi]), Weights: slices.Clone(p.Val[lo:hi])})
			i++
		}
	}
	return ix, nil
}

func encodeIndexPart(p IndexPart) []byte {
	n := 8*len(p.Vectors) + 12*len(p.Val) + len(p.Key.File)
	for k := range p.IDs {
		n += len(p.IDs[k]) + len(p.Titles[k]) + 4
	}
	w := sized(n)
	w.key(p.Key)
	w.strs(p.IDs)
	w.strs(p.Titles)
	w.int(p.Dims)
	w.floats(p.Vectors)
	w.ints(p.Ptr)
	w.int32s(p.Ind)
	w.floats(p.Val)
	return w.b
}

func decodeIndexPart(data []byte) (IndexPart, error) {
	r := rbuf{b: data}
	p := IndexPart{Key: r.key(), IDs: r.strs(), Titles: r.strs(), Dims: r.int(), Vectors: r.floats(),
		Ptr: r.ints(), Ind: r.int32s(), Val: r.floats()}
	if err := r.done("an index part"); err != nil {
		return IndexPart{}, err
	}
	if len(p.Titles) != len(p.IDs) || len(p.Ptr) != len(p.IDs)+1 || p.Ptr[len(p.Ptr)-1] != len(p.Ind) || len(p.Ind) != len(p.Val) {
		return IndexPart{}, errBadShape("an index part")
	}
	return p, nil
}
