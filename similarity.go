package topics

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
)

// Space names the document vectors in which similarities are measured.
type Space string

// The spaces of SimilarityOptions.
const (
	// SpaceLSA is the LSA projection of the TF-IDF vectors (the default):
	// documents about the same thing in different words are close.
	SpaceLSA Space = "lsa"
	// SpaceTFIDF is the TF-IDF vectors themselves: documents are close when
	// they share weighty terms.
	SpaceTFIDF Space = "tfidf"
)

// Spaces lists the spaces, the default first.
func Spaces() []Space { return []Space{SpaceLSA, SpaceTFIDF} }

// SimilarityOptions sets how Similarities and NearestNeighbors compare
// documents.
type SimilarityOptions struct {
	// Space is where cosines are measured.
	Space Space
	// MaxDocs bounds the corpus size of Similarities, whose output grows as
	// the square of it; -1 means no limit. NearestNeighbors ignores it.
	MaxDocs int
	// Neighbors is the number of neighbours per document NearestNeighbors
	// lists, at least 1; Similarities ignores it.
	Neighbors int
}

// DefaultSimilarityOptions returns the settings of topics similarity
// without flags: the LSA space, at most 5,000 documents for a whole matrix
// (25 million values, 200 MB), 10 neighbours.
func DefaultSimilarityOptions() SimilarityOptions {
	return SimilarityOptions{Space: SpaceLSA, MaxDocs: 5000, Neighbors: 10}
}

// Validate reports the first option out of its range as an *OptionError.
func (o SimilarityOptions) Validate() error {
	return firstBad(
		check(o.Space != SpaceLSA && o.Space != SpaceTFIDF, "Space", o.Space, "want lsa or tfidf"),
		check(o.MaxDocs == 0 || o.MaxDocs < -1, "MaxDocs", o.MaxDocs, "must be at least 1, or -1 for no limit"),
		check(o.Neighbors < 1, "Neighbors", o.Neighbors, "must be at least 1"),
	)
}

// ErrTooManyDocs is returned, wrapped, by Similarities for a corpus larger
// than SimilarityOptions.MaxDocs; NearestNeighbors is the way to go there.
var ErrTooManyDocs = errors.New("too many documents for a whole similarity matrix")

// similarityVectors fits the TF-IDF model, and the LSA for SpaceLSA.
func similarityVectors(ctx context.Context, docs []corpus.Document, cfg Config, space Space) (*Model, error) {
	m, err := validTFIDF(ctx, docs, cfg)
	if err != nil {
		return nil, err
	}
	if space == SpaceLSA {
		if err := m.fitLSA(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// SimilarityMatrix holds the cosine similarity of every pair of documents.
// Rows[i][j] is the similarity of documents i and j: symmetric, in [-1, 1],
// 1 on the diagonal, and 0 throughout the row and column of a document with
// no terms (listed in Empty).
type SimilarityMatrix struct {
	Corpus   string      `json:"corpus"`
	Space    Space       `json:"space"`
	Dims     int         `json:"dims,omitempty"` // LSA dimensions; 0 for tfidf
	IDs      []string    `json:"ids"`
	Titles   []string    `json:"titles"`
	Rows     [][]float64 `json:"rows"`
	Empty    []string    `json:"empty"`    // ids of documents with no terms
	Warnings []string    `json:"warnings"` // what the reader should know
}

// Similarities computes the cosine similarity matrix of docs in opt.Space.
// It returns an error wrapping ErrTooManyDocs if the corpus has more than
// opt.MaxDocs documents (NearestNeighbors scales to large corpora).
func Similarities(ctx context.Context, docs []corpus.Document, cfg Config, opt SimilarityOptions) (*SimilarityMatrix, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if opt.MaxDocs > 0 && len(docs) > opt.MaxDocs {
		return nil, fmt.Errorf("topics: %d documents, more than %d: %w", len(docs), opt.MaxDocs, ErrTooManyDocs)
	}
	n := float64(len(docs))
	if err := needMemory("MaxDocs", opt.MaxDocs, fmt.Sprintf("a similarity matrix of %d documents", len(docs)), 24*n*n); err != nil {
		return nil, err
	}
	m, err := similarityVectors(ctx, docs, cfg, opt.Space)
	if err != nil {
		return nil, err
	}
	r := &SimilarityMatrix{Space: opt.Space}
	var s interface{ At(i, j int) float64 }
	if r.Space == SpaceLSA {
		r.Dims = m.LSA.Dims()
		s, err = cluster.CosineMatrix(m.Vectors)
	} else {
		s, err = cluster.SparseCosineMatrix(m.TFIDF)
	}
	if err != nil {
		return nil, err
	}
	r.IDs, r.Titles, r.Rows = make([]string, len(docs)), make([]string, len(docs)), make([][]float64, len(docs))
	for i, d := range docs {
		r.IDs[i], r.Titles[i] = d.ID, d.DisplayTitle()
		r.Rows[i] = make([]float64, len(docs))
		for j := range docs {
			r.Rows[i][j] = s.At(i, j)
		}
	}
	r.Empty, r.Warnings = m.emptyWarning()
	return r, nil
}

// emptyWarning lists the documents with no terms, and the warnings of the
// vectors with one more that says what became of those documents.
func (m *Model) emptyWarning() ([]string, []string) {
	ids := make([]string, len(m.Empty))
	for k, i := range m.Empty {
		ids[k] = m.Docs[i].ID
	}
	warnings := append([]string{}, m.Warnings...)
	if len(ids) > 0 {
		warnings = append(warnings, fmt.Sprintf("%d document(s) have no terms in the vocabulary; their similarities are 0 and they have no neighbours: %s",
			len(ids), listIDs(ids, 5)))
	}
	return ids, warnings
}

// listIDs joins at most n ids, with "…" when there are more.
func listIDs(ids []string, n int) string {
	if len(ids) > n {
		return strings.Join(ids[:n], ", ") + ", …"
	}
	return strings.Join(ids, ", ")
}

// NeighborList holds each document's nearest neighbours.
type NeighborList struct {
	Corpus    string         `json:"corpus"`
	Space     Space          `json:"space"`
	Dims      int            `json:"dims,omitempty"`
	N         int            `json:"n"`
	Documents []DocNeighbors `json:"documents"`
	Empty     []string       `json:"empty"`
	Warnings  []string       `json:"warnings"`
}

// DocNeighbors is one document and its nearest neighbours, most similar
// first (ties broken by input order); empty for a document with no terms.
type DocNeighbors struct {
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	Neighbors []NeighborRef `json:"neighbors"`
}

// NeighborRef names a neighbour and its cosine similarity.
type NeighborRef struct {
	ID string `json:"id"`
	// Title is the neighbour's title (only where the list does not give
	// it elsewhere: assign's neighbours).
	Title      string  `json:"title,omitempty"`
	Similarity float64 `json:"similarity"`
	// Index is the neighbour's position in the corpus (or the index).
	Index int `json:"-"`
}

// NearestNeighbors finds each document's opt.Neighbors most similar other
// documents in opt.Space, without building the n×n matrix
// (cluster.Neighbors and cluster.SparseNeighbors): memory grows linearly
// with the corpus, and the work is spread over every core.
func NearestNeighbors(ctx context.Context, docs []corpus.Document, cfg Config, opt SimilarityOptions) (*NeighborList, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	// No document has more than len(docs)-1 neighbours: a larger count
	// would only size memory.
	n := min(opt.Neighbors, max(len(docs)-1, 1))
	if err := needMemory("Neighbors", opt.Neighbors, fmt.Sprintf("%d neighbours of each of %d documents", n, len(docs)),
		48*float64(n)*float64(len(docs))); err != nil {
		return nil, err
	}
	m, err := similarityVectors(ctx, docs, cfg, opt.Space)
	if err != nil {
		return nil, err
	}
	r := &NeighborList{Space: opt.Space, N: n}
	var lists [][]cluster.Neighbor
	if r.Space == SpaceLSA {
		r.Dims = m.LSA.Dims()
		lists, err = cluster.Neighbors(m.Vectors, cluster.NeighborOptions{N: n})
	} else {
		lists, err = cluster.SparseNeighbors(m.TFIDF, cluster.NeighborOptions{N: n})
	}
	if err != nil {
		return nil, err
	}
	r.Documents = make([]DocNeighbors, len(docs))
	for i, d := range docs {
		dn := DocNeighbors{ID: d.ID, Title: d.DisplayTitle(), Neighbors: make([]NeighborRef, len(lists[i]))}
		for k, nb := range lists[i] {
			dn.Neighbors[k] = NeighborRef{ID: docs[nb.Index].ID, Similarity: nb.Similarity, Index: nb.Index}
		}
		r.Documents[i] = dn
	}
	r.Empty, r.Warnings = m.emptyWarning()
	if n < opt.Neighbors {
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d neighbours asked for, but the corpus has %d documents: listing at most %d", opt.Neighbors, len(docs), n))
	}
	return r, nil
}
