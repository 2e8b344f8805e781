package topics

import (
	"context"
	"fmt"
	"strings"

	"gonum.org/v1/gonum/floats"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
)

// Rename gives cluster c the name name, shown by Assign, Query and every
// renderer instead of the name made of its key phrases (kept, so that
// an empty name gives it back).
func (s *SavedModel) Rename(c int, name string) error {
	if c < 0 || c >= s.K() {
		return fmt.Errorf("topics: cluster %d: the model has clusters 0 to %d", c, s.K()-1)
	}
	name = strings.Join(strings.Fields(name), " ")
	t := &s.Themes[c]
	switch {
	case name == "" && t.Found != "":
		t.Name, t.Found = t.Found, ""
	case name != "" && t.Found == "":
		t.Name, t.Found = name, t.Name
	case name != "":
		t.Name = name
	}
	return nil
}

// Model places docs in the saved model's clusters (as Assign does) and
// returns them as a fitted Model, which package report can describe: its
// clusters keep the model's ids, centroids and themes, and its Config is
// DefaultConfig with K set to the model's. ctx is checked before the work.
func (s *SavedModel) Model(ctx context.Context, docs []corpus.Document) (*Model, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("topics: no documents")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cfg := DefaultConfig()
	cfg.K = s.K()
	x := s.Vectorizer.TransformTexts(corpus.Contents(docs))
	z := s.LSA.Transform(x)
	res := &cluster.Result{
		K: s.K(), Labels: make([]int, len(docs)), Similarity: make([]float64, len(docs)),
		Centroids: s.Centroids, Sizes: make([]int, s.K()),
	}
	m := &Model{Config: cfg, Docs: docs, Vectorizer: s.Vectorizer, TFIDF: x, LSA: s.LSA, Vectors: z, Clusters: res,
		Themes: s.Themes, Parent: s.Parent, ParentThemes: s.ParentThemes, Warnings: []string{}}
	for i := range docs {
		row := z.RawRowView(i)
		if floats.Norm(row, 2) == 0 {
			res.Labels[i] = -1
			m.Empty = append(m.Empty, i)
			continue
		}
		c, sim := cluster.Nearest(s.Centroids, row)
		res.Labels[i], res.Similarity[i] = c, sim
		res.Sizes[c]++
		res.Objective += sim
	}
	if len(m.Empty) == len(docs) {
		return nil, fmt.Errorf("topics: none of the %d documents has a term of the model's vocabulary", len(docs))
	}
	m.Members = membersOf(res)
	var err error
	if m.Tree, err = cluster.Agglomerate(z, res.Labels, res.K, cluster.AgglomerateOptions{Groups: s.Parent}); err != nil {
		return nil, err
	}
	if len(m.Empty) > 0 {
		m.Warnings = append(m.Warnings, fmt.Sprintf(
			"%d document(s) have no terms in the model's vocabulary and are left unclustered (cluster -1): %s",
			len(m.Empty), m.listDocs(m.Empty, 5)))
	}
	return m, nil
}
