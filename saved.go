package topics

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// SavedModel is what a fitted run keeps to place new documents: the
// vectorizer (options, vocabulary, document frequencies), the LSA basis, the
// cluster centroids and themes, and optionally an index of the fitted
// documents for similarity queries. Save writes it in the format of
// docs/model-format.md; Load reads it back.
//
// A SavedModel is read-only once made and safe for concurrent use.
type SavedModel struct {
	// Vectorizer turns texts into TF-IDF rows.
	Vectorizer *vectorize.Vectorizer
	// LSA maps TF-IDF rows into the LSA space.
	LSA *vectorize.LSA
	// Centroids is K × dims, unit rows: the k-means centroids.
	Centroids *mat.Dense
	// Themes holds what each cluster is about (len K).
	Themes []Theme
	// Parent holds each cluster's coarse group (len K), and ParentThemes
	// what each group is about (nil when every cluster is its own group).
	Parent       []int
	ParentThemes []Theme
	// Index holds the fitted documents for queries and neighbours; nil
	// when the model was saved without one.
	Index *DocIndex
}

// DocIndex holds the documents a model was fitted on, for queries.
type DocIndex struct {
	// IDs and Titles are per document, in corpus order.
	IDs, Titles []string
	// Vectors is n × dims: the documents' LSA vectors (zero rows for
	// documents with no terms).
	Vectors *mat.Dense
	// Terms holds, per document, its heaviest TF-IDF weights: the columns
	// in increasing order and their weights in the document's unit TF-IDF
	// row. They explain why a document matches a query.
	Terms []SparseTerms
}

// SparseTerms is part of a sparse row: strictly increasing columns and their
// values.
type SparseTerms struct {
	Columns []int32
	Weights []float64
}

// SaveOptions sets what Model.Saved keeps.
type SaveOptions struct {
	// Index keeps the fitted documents' ids, titles, LSA vectors and top
	// TF-IDF terms, so that the model can answer queries and list
	// neighbours.
	Index bool
	// IndexTerms is the number of TF-IDF terms kept per indexed document
	// to explain matches, at least 0.
	IndexTerms int
}

// DefaultSaveOptions returns the settings of topics fit without flags: no
// index, and 32 terms per indexed document when there is one.
func DefaultSaveOptions() SaveOptions { return SaveOptions{IndexTerms: 32} }

// Saved returns what a SavedModel needs of a fitted Model (made by Fit, not
// FitVectors).
func (m *Model) Saved(opt SaveOptions) (*SavedModel, error) {
	if m.Clusters == nil {
		return nil, errors.New("topics: the model has no clusters (made by FitVectors?)")
	}
	if opt.IndexTerms < 0 {
		return nil, firstBad(check(true, "IndexTerms", opt.IndexTerms, "must not be negative"))
	}
	s := &SavedModel{
		Vectorizer: m.Vectorizer,
		LSA:        m.LSA,
		Centroids:  mat.DenseCopyOf(m.Clusters.Centroids),
		Themes:     slices.Clone(m.Themes),
		Parent:     slices.Clone(m.Parent),
	}
	if m.ParentThemes != nil {
		s.ParentThemes = slices.Clone(m.ParentThemes)
	}
	if !opt.Index {
		return s, nil
	}
	ix := &DocIndex{
		IDs:     make([]string, len(m.Docs)),
		Titles:  make([]string, len(m.Docs)),
		Vectors: mat.DenseCopyOf(m.Vectors),
		Terms:   make([]SparseTerms, len(m.Docs)),
	}
	for i, d := range m.Docs {
		ix.IDs[i], ix.Titles[i] = d.ID, d.DisplayTitle()
		ind, val := m.TFIDF.Row(i)
		ix.Terms[i] = HeaviestTerms(ind, val, opt.IndexTerms)
	}
	s.Index = ix
	return s, nil
}

// HeaviestTerms returns the n entries of a sparse row with the largest
// values (ties: lower column), in column order: a document's terms in a
// DocIndex.
func HeaviestTerms(ind []int32, val []float64, n int) SparseTerms {
	order := make([]int, len(ind))
	for p := range order {
		order[p] = p
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case val[a] > val[b]:
			return -1
		case val[a] < val[b]:
			return 1
		}
		return 0
	})
	order = order[:min(n, len(order))]
	slices.Sort(order)
	t := SparseTerms{Columns: make([]int32, len(order)), Weights: make([]float64, len(order))}
	for k, p := range order {
		t.Columns[k], t.Weights[k] = ind[p], val[p]
	}
	return t
}

// K returns the number of clusters.
func (s *SavedModel) K() int { return len(s.Themes) }

// AssignOptions sets what Assign adds to each placement. The zero value
// places every document, without neighbours.
type AssignOptions struct {
	// Neighbors is the number of most similar indexed documents listed per
	// document; it needs a model with an Index. Zero lists none.
	Neighbors int
	// MinSimilarity, if positive, makes a document whose cosine to every
	// centroid is below it an outlier: cluster -1, Outlier set, its
	// similarity to the nearest centroid kept.
	MinSimilarity float64
}

// Placement is where Assign puts one document.
type Placement struct {
	ID string `json:"id"`
	// Cluster is the cluster whose centroid is most similar to the
	// document (ties: the lowest id), or -1 for a document with no term of
	// the vocabulary.
	Cluster int `json:"cluster"`
	// Theme is the cluster's theme ("" for cluster -1).
	Theme string `json:"theme"`
	// Parent is the cluster's coarse group (-1 for cluster -1).
	Parent int `json:"parent"`
	// Outlier says that the document is farther than
	// AssignOptions.MinSimilarity from every centroid (it is in cluster -1).
	Outlier bool `json:"outlier,omitempty"`
	// Similarity is the cosine between the document's LSA vector and the
	// centroid (0 for cluster -1).
	Similarity float64 `json:"similarity"`
	// Neighbors are the most similar indexed documents, most similar first
	// (ties: index order); only with AssignOptions.Neighbors.
	Neighbors []NeighborRef `json:"neighbors,omitempty"`
}

// Assign places docs in the model's clusters: each document is vectorized,
// mapped into the LSA space and given the cluster of the most similar
// centroid. For the fitted documents this is their k-means label whenever
// k-means stopped because no label changed (see docs/model-format.md,
// "Limits"). Documents are placed independently, so assigning them one at a
// time gives the same result as one batch.
func (s *SavedModel) Assign(docs []corpus.Document, opt AssignOptions) ([]Placement, error) {
	if opt.Neighbors < 0 {
		return nil, firstBad(check(true, "Neighbors", opt.Neighbors, "must not be negative"))
	}
	if !(opt.MinSimilarity >= 0 && opt.MinSimilarity <= 1) {
		return nil, firstBad(check(true, "MinSimilarity", opt.MinSimilarity, "want a cosine in [0, 1]"))
	}
	if opt.Neighbors > 0 && s.Index == nil {
		return nil, errors.New("topics: neighbours need a model saved with an index")
	}
	z := s.LSA.Transform(s.Vectorizer.TransformTexts(corpus.Contents(docs)))
	out := make([]Placement, len(docs))
	for i, doc := range docs {
		p := Placement{ID: doc.ID, Cluster: -1, Parent: -1}
		row := z.RawRowView(i)
		if floats.Norm(row, 2) > 0 {
			p.Cluster, p.Similarity = cluster.Nearest(s.Centroids, row)
			p.Theme, p.Parent = s.Themes[p.Cluster].Name, s.Parent[p.Cluster]
			if opt.MinSimilarity > 0 && p.Similarity < opt.MinSimilarity {
				p.Cluster, p.Parent, p.Theme, p.Outlier = -1, -1, "", true
			}
			for _, nb := range s.nearest(row, opt.Neighbors) {
				p.Neighbors = append(p.Neighbors, NeighborRef{ID: s.Index.IDs[nb.Index], Title: s.Index.Titles[nb.Index],
					Similarity: nb.Similarity, Index: nb.Index})
			}
		}
		out[i] = p
	}
	return out, nil
}

// nearest returns the n indexed documents most similar to the LSA vector
// row, most similar first, ties broken by index; empty indexed documents
// are never listed.
func (s *SavedModel) nearest(row []float64, n int) []cluster.Neighbor {
	if n <= 0 {
		return nil
	}
	v := s.Index.Vectors.RawMatrix()
	n = min(n, v.Rows) // no more neighbours than indexed documents
	top := make([]cluster.Neighbor, 0, n+1)
	for j := range v.Rows {
		x := v.Data[j*v.Stride : j*v.Stride+v.Cols]
		dot := floats.Dot(row, x)
		if dot == 0 && floats.Norm(x, 2) == 0 {
			continue
		}
		sim := cluster.ClampCosine(dot)
		if len(top) == n && sim <= top[n-1].Similarity {
			continue
		}
		at := len(top)
		for at > 0 && sim > top[at-1].Similarity {
			at--
		}
		top = slices.Insert(top, at, cluster.Neighbor{Index: j, Similarity: sim})
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

// QueryOptions sets how many matches Query returns and how each is
// explained.
type QueryOptions struct {
	// N is the number of matches, at least 1.
	N int
	// Terms is the number of explaining terms per match, at least 0.
	Terms int
}

// DefaultQueryOptions returns the settings of topics query without flags:
// 10 matches with 5 terms each.
func DefaultQueryOptions() QueryOptions { return QueryOptions{N: 10, Terms: 5} }

// Validate reports the first option out of its range as an *OptionError.
func (o QueryOptions) Validate() error {
	return firstBad(
		check(o.N < 1, "N", o.N, "must be at least 1"),
		check(o.Terms < 0, "Terms", o.Terms, "must not be negative"),
	)
}

// Match is an indexed document similar to a query.
type Match struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Similarity is the cosine between the LSA vectors of the query and
	// the document.
	Similarity float64 `json:"similarity"`
	// Terms are the terms the query shares with the document's heaviest
	// indexed TF-IDF terms, each with its share of their TF-IDF dot
	// product, largest first; empty when they share none (the match is
	// then only by LSA's related terms).
	Terms []TermShare `json:"terms"`
}

// Query returns the indexed documents most similar to text in the LSA
// space, most similar first (ties: index order), each explained by the
// terms it shares with the query. It needs a model with an Index, and
// returns an error if text has no term of the vocabulary.
func (s *SavedModel) Query(text string, opt QueryOptions) ([]Match, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if s.Index == nil {
		return nil, errors.New("topics: queries need a model saved with an index")
	}
	x := s.Vectorizer.Transform([]string{text})
	if x.RowNNZ(0) == 0 {
		return nil, errors.New("topics: the query has no term of the model's vocabulary")
	}
	z := s.LSA.Transform(x)
	qInd, qVal := x.Row(0)
	out := []Match{}
	for _, nb := range s.nearest(z.RawRowView(0), opt.N) {
		m := Match{ID: s.Index.IDs[nb.Index], Title: s.Index.Titles[nb.Index], Similarity: nb.Similarity, Terms: []TermShare{}}
		dt := s.Index.Terms[nb.Index]
		_, parts := cluster.Contributions(qInd, qVal, dt.Columns, dt.Weights)
		for _, c := range parts[:min(len(parts), opt.Terms)] {
			m.Terms = append(m.Terms, TermShare{Term: s.Vectorizer.Term(c.Column), Share: c.Share})
		}
		out = append(out, m)
	}
	return out, nil
}

// finiteRows reports the first row of m that holds a value that is not
// finite, or whose norm is neither 1 nor (when zeroOK) 0, within tol.
func finiteRows(m *mat.Dense, zeroOK bool, tol float64) (row int, why string) {
	r, _ := m.Dims()
	for i := range r {
		x := m.RawRowView(i)
		for _, v := range x {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return i, fmt.Sprintf("holds %v", v)
			}
		}
		n := floats.Norm(x, 2)
		if !(math.Abs(n-1) <= tol || zeroOK && n == 0) {
			return i, fmt.Sprintf("has norm %g, want 1", n)
		}
	}
	return -1, ""
}

// errReader is the error a reader of models wraps: it names the input.
func errReader(name string, err error) error { return fmt.Errorf("topics: %s: %w", name, err) }
