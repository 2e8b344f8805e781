package report

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/internal/option"
	"github.com/topics-dev/topics/internal/parallel"
	"github.com/topics-dev/topics/theme"
	"github.com/topics-dev/topics/vectorize"
)

// SchemaVersion is the version of the JSON document written by WriteJSON.
// It changes only when a field is removed or changes meaning.
const SchemaVersion = 2

// Report is what a clustering run found, ready to render. Field names are
// the JSON schema (see docs/schema.md).
type Report struct {
	// SchemaVersion is SchemaVersion.
	SchemaVersion int `json:"schema_version"`
	// Corpus names the input (a path, "-" or "built-in sample").
	Corpus string `json:"corpus"`
	// Documents is the number of documents read.
	Documents int `json:"documents"`
	// Terms is the size of the vocabulary.
	Terms int `json:"terms"`
	// Dims is the number of LSA dimensions used.
	Dims int `json:"dims"`
	// ExplainedVariance is the share of the TF-IDF variance the LSA keeps.
	ExplainedVariance float64 `json:"explained_variance"`
	// K is the number of clusters found.
	K int `json:"k"`
	// KRequested is the k asked for; 0 when k was chosen automatically.
	KRequested int `json:"k_requested"`
	// KScores lists the candidates tried when k was chosen automatically.
	KScores []KScore `json:"k_scores,omitempty"`
	// Seed is the random seed of the run.
	Seed uint64 `json:"seed"`
	// Objective is the sum over documents of the cosine to their centroid.
	Objective float64 `json:"objective"`
	// CoarseK is the number of theme groups: coarse groups of the
	// clusters found with k, or K when every cluster is its own group.
	CoarseK int `json:"coarse_k"`
	// Parents describes the theme groups when there are fewer than
	// clusters (empty otherwise).
	Parents []Parent `json:"parents"`
	// Tree merges the clusters bottom-up (Ward's method on the LSA
	// vectors): merge t joins nodes A and B into node K+t, where nodes
	// 0..K-1 are the clusters (as scipy and BERTopic number them).
	Tree []Merge `json:"tree"`
	// Clusters are ordered by id: largest first.
	Clusters []Cluster `json:"clusters"`
	// Assignments hold every document, in input order.
	Assignments []Assignment `json:"assignments"`
	// ClusterSimilarity is the cosine similarity of every pair of cluster
	// centroids (in the LSA space): K rows of K values, 1 on the diagonal.
	ClusterSimilarity [][]float64 `json:"cluster_similarity"`
	// GoldTable crosses the clusters with the documents' gold labels; nil
	// (and omitted) when no document has a gold label.
	GoldTable *GoldTable `json:"gold_table,omitempty"`
	// Timeline counts each cluster's documents per period of time; nil
	// (and omitted) when no document has a date.
	Timeline *Timeline `json:"timeline,omitempty"`
	// Warnings say what the run had to adjust or leave out.
	Warnings []string `json:"warnings"`
	// Views holds what the pictures draw; it is not written to JSON.
	Views *Views `json:"-"`
}

// Parent is a theme group: clusters about one broader theme.
type Parent struct {
	ID int `json:"id"`
	// Size is the number of documents in the group's clusters.
	Size int `json:"size"`
	// Theme and KeyPhrases say what the group is about (see Cluster).
	Theme      string         `json:"theme"`
	KeyPhrases []theme.Phrase `json:"key_phrases"`
	// Clusters lists the group's clusters.
	Clusters []int `json:"clusters"`
}

// Merge is one merge of the Tree.
type Merge struct {
	A int `json:"a"`
	B int `json:"b"`
	// Cost is Ward's criterion of the merge; Similarity the cosine between
	// the two nodes' centroids; Size the documents of the new node.
	Cost       float64 `json:"cost"`
	Similarity float64 `json:"similarity"`
	Size       int     `json:"size"`
}

// KScore is one candidate of the automatic choice of k (see
// cluster.LevelScore).
type KScore struct {
	K          int     `json:"k"`
	Stability  float64 `json:"stability"`
	Modularity float64 `json:"modularity"`
	Score      float64 `json:"score"`
	Objective  float64 `json:"objective"`
}

// Cluster is one group of documents.
type Cluster struct {
	// ID is the cluster's number, from 0; clusters are numbered by size.
	ID int `json:"id"`
	// Parent is the cluster's theme group (see Report.Parents).
	Parent int `json:"parent"`
	// Size is the number of documents in the cluster.
	Size int `json:"size"`
	// Cohesion is the mean cosine similarity of the members to the centroid.
	Cohesion float64 `json:"cohesion"`
	// TopTerms are the terms with the highest mean TF-IDF weight in the cluster.
	TopTerms []Term `json:"top_terms"`
	// Members are indices into Report.Assignments, closest to the centroid first.
	Members []int `json:"members"`
	// Theme names the cluster: its first key phrases joined by " · " (or
	// the name given to a saved model).
	Theme string `json:"theme"`
	// KeyPhrases are the phrases of one to three words that set the cluster
	// apart, best first (see theme.Phrase for how they are found and
	// weighed).
	KeyPhrases []theme.Phrase `json:"key_phrases"`
	// Representatives are the members closest to the centroid (indices into
	// Report.Assignments, closest first): the first few of Members.
	Representatives []int `json:"representatives"`
	// Summary holds the sentences of the members most central to the
	// cluster, most central first, never two near-identical ones (see
	// theme.Sentence); their Document indexes Report.Assignments.
	Summary []theme.Sentence `json:"summary"`
	// Nearest lists the other clusters whose centroids are most similar to
	// this one's, most similar first.
	Nearest []Nearby `json:"nearest"`
}

// Nearby is another cluster and how close its centroid lies.
type Nearby struct {
	// Cluster is the other cluster's id.
	Cluster int `json:"cluster"`
	// Similarity is the cosine between the two clusters' centroids.
	Similarity float64 `json:"similarity"`
}

// Term is a vocabulary term with a weight.
type Term struct {
	Term   string  `json:"term"`
	Weight float64 `json:"weight"`
}

// Assignment places one document.
type Assignment struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Gold is the document's gold label from the corpus, "" when none.
	Gold string `json:"gold,omitempty"`
	// Date is the document's date in RFC 3339 (UTC), omitted when it has
	// none (see corpus.Options.DateField).
	Date string `json:"date,omitempty"`
	// Cluster is the document's cluster, or -1 for a document with no terms.
	Cluster int `json:"cluster"`
	// Parent is the theme group of the document's cluster, or -1.
	Parent int `json:"parent"`
	// Similarity is the cosine between the document and its cluster's centroid.
	Similarity float64 `json:"similarity"`
}

// Options sets what Build includes.
type Options struct {
	// Corpus names the input in the report.
	Corpus string
	// TopTerms is the number of terms per cluster, at least 0.
	TopTerms int
	// Summary is the number of sentences of each cluster's summary, at
	// least 0.
	Summary int
	// Representatives is the number of representative documents per
	// cluster, at least 0.
	Representatives int
	// Nearest is the number of nearest other clusters listed per cluster,
	// at least 0.
	Nearest int
	// HeatmapDocs caps the documents of the heat map in Views, at least 1.
	// Larger clusterings are sampled evenly within each cluster.
	HeatmapDocs int
	// NoViews leaves Report.Views nil, for output that draws no pictures
	// (only report/html draws them): the map of the documents copies
	// every LSA vector.
	NoViews bool
}

// DefaultOptions returns what topics cluster shows: 10 top terms, 3
// summary sentences, 3 representative documents, 3 nearest clusters, a
// heat map of at most 150 documents (drawn at a page's width, more cells
// than that would be smaller than a pixel).
func DefaultOptions() Options {
	return Options{TopTerms: 10, Summary: 3, Representatives: 3, Nearest: 3, HeatmapDocs: 150}
}

// Validate reports the first option out of its range as a
// *topics.OptionError.
func (o Options) Validate() error {
	return option.First("report", nil,
		option.Check{Bad: o.TopTerms < 1, Option: "TopTerms", Value: o.TopTerms, Reason: "must be at least 1"},
		option.Check{Bad: o.Summary < 0, Option: "Summary", Value: o.Summary, Reason: "must not be negative"},
		option.Check{Bad: o.Representatives < 0, Option: "Representatives", Value: o.Representatives, Reason: "must not be negative"},
		option.Check{Bad: o.Nearest < 0, Option: "Nearest", Value: o.Nearest, Reason: "must not be negative"},
		option.Check{Bad: o.HeatmapDocs < 1, Option: "HeatmapDocs", Value: o.HeatmapDocs, Reason: "must be at least 1"},
	)
}

// Build makes a Report from a fitted Model: per cluster its size,
// cohesion, top terms, theme (key phrases and label, from the Model),
// representative documents, summary and nearest clusters; per document its
// cluster and similarity; and, unless opt.NoViews, the Views that the
// pictures draw. Negative
// counts in opt are taken as 0.
func Build(m *topics.Model, opt Options) *Report {
	res := m.Clusters
	_, terms := m.TFIDF.Dims()
	r := &Report{
		SchemaVersion: SchemaVersion,
		Corpus:        opt.Corpus,
		Documents:     len(m.Docs),
		Terms:         terms,
		Dims:          m.LSA.Dims(),
		K:             res.K,
		KRequested:    m.Config.K,
		Seed:          m.Config.Seed,
		Objective:     res.Objective,
		Warnings:      append([]string{}, m.Warnings...),
	}
	for _, v := range m.LSA.ExplainedVarianceRatio() {
		r.ExplainedVariance += v
	}
	if m.Levels != nil {
		for _, s := range m.Levels.Scores {
			r.KScores = append(r.KScores, KScore{K: s.K, Stability: s.Stability, Modularity: s.Modularity, Score: s.Score, Objective: s.Objective})
		}
	}
	r.Assignments = make([]Assignment, len(m.Docs))
	dates := make([]time.Time, len(m.Docs))
	gold := make([]string, len(m.Docs))
	// Display titles cost a pass over every title: in chunks, on every core.
	const chunk = 4096
	parallel.For(0, (len(m.Docs)+chunk-1)/chunk, func(_, k int) {
		for i := k * chunk; i < min((k+1)*chunk, len(m.Docs)); i++ {
			d := &m.Docs[i]
			r.Assignments[i] = Assignment{
				ID: d.ID, Title: d.DisplayTitle(), Gold: d.Label,
				Cluster: res.Labels[i], Parent: -1, Similarity: res.Similarity[i],
			}
			if c := res.Labels[i]; c >= 0 {
				r.Assignments[i].Parent = m.Parent[c]
			}
			if !d.Date.IsZero() {
				r.Assignments[i].Date = d.Date.UTC().Format(time.RFC3339Nano)
			}
			dates[i], gold[i] = d.Date, d.Label
		}
	})
	r.CoarseK, r.Parents, r.Tree = m.CoarseK(), buildParents(m), buildTree(m)
	r.GoldTable = NewGoldTable(gold, res.Labels)
	r.Timeline = buildTimeline(r, dates)
	r.ClusterSimilarity = centroidSimilarity(res.Centroids)
	bodies := make([]string, len(m.Docs))
	for i, d := range m.Docs {
		bodies[i] = d.Text
		if strings.TrimSpace(d.Text) == "" {
			bodies[i] = d.Title
		}
	}
	if res.K > 0 {
		// Each cluster reads the model and r.ClusterSimilarity only.
		r.Clusters = make([]Cluster, res.K)
		parallel.For(0, res.K, func(_, c int) { r.Clusters[c] = buildCluster(m, r, c, bodies, opt) })
	}
	if !opt.NoViews {
		r.Views = buildViews(m, opt.HeatmapDocs)
	}
	return r
}

// buildCluster describes cluster c of m.
func buildCluster(m *topics.Model, r *Report, c int, bodies []string, opt Options) Cluster {
	mem := m.Members[c]
	var coh float64
	for _, i := range mem {
		coh += m.Clusters.Similarity[i]
	}
	if len(mem) > 0 {
		coh /= float64(len(mem))
	}
	cl := Cluster{
		ID: c, Parent: m.Parent[c], Size: len(mem), Cohesion: coh,
		TopTerms:        topTerms(m.TFIDF, m.Vectorizer, mem, opt.TopTerms),
		Members:         mem,
		KeyPhrases:      []theme.Phrase{},
		Representatives: slices.Clone(mem[:min(len(mem), max(opt.Representatives, 0))]),
		Nearest:         nearestClusters(r.ClusterSimilarity, c, max(opt.Nearest, 0)),
	}
	if c < len(m.Themes) {
		cl.Theme = m.Themes[c].Name
		cl.KeyPhrases = nonNil(slices.Clone(m.Themes[c].KeyPhrases))
	}
	cl.Summary = nonNil(theme.Summary(m.Vectorizer, m.TFIDF, bodies, mem, max(opt.Summary, 0)))
	cl.Nearest = nonNil(cl.Nearest)
	return cl
}

// buildParents describes the theme groups of m, when there are fewer than
// clusters.
func buildParents(m *topics.Model) []Parent {
	out := []Parent{}
	if m.CoarseK() == len(m.Parent) {
		return out
	}
	for p, mem := range m.ParentMembers() {
		g := Parent{ID: p, Size: len(mem), Clusters: []int{}, KeyPhrases: []theme.Phrase{}}
		if p < len(m.ParentThemes) {
			g.Theme, g.KeyPhrases = m.ParentThemes[p].Name, nonNil(m.ParentThemes[p].KeyPhrases)
		}
		for c, q := range m.Parent {
			if q == p {
				g.Clusters = append(g.Clusters, c)
			}
		}
		out = append(out, g)
	}
	return out
}

// buildTree lists the merges of m's tree.
func buildTree(m *topics.Model) []Merge {
	out := []Merge{}
	if m.Tree == nil {
		return out
	}
	for t, mg := range m.Tree.Merges {
		out = append(out, Merge{A: mg.A, B: mg.B, Cost: mg.Cost, Similarity: mg.Similarity, Size: m.Tree.Sizes[m.Tree.Leaves+t]})
	}
	return out
}

// nonNil returns s, or an empty slice for nil, so that JSON shows [] and
// not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// topTerms returns the n terms with the largest mean TF-IDF weight over the
// given rows, heaviest first, ties broken by term order.
func topTerms(x *vectorize.Sparse, vec *vectorize.Vectorizer, rows []int, n int) []Term {
	if len(rows) == 0 || n <= 0 {
		return nil
	}
	_, m := x.Dims()
	sum := make([]float64, m)
	for _, i := range rows {
		ind, val := x.Row(i)
		for p, j := range ind {
			sum[j] += val[p]
		}
	}
	idx := make([]int, 0, m)
	for j, s := range sum {
		if s > 0 {
			idx = append(idx, j)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return sum[idx[a]] > sum[idx[b]] })
	if len(idx) > n {
		idx = idx[:n]
	}
	out := make([]Term, len(idx))
	for t, j := range idx {
		out[t] = Term{Term: vec.Term(j), Weight: sum[j] / float64(len(rows))}
	}
	return out
}
