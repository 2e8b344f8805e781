package report

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// SchemaVersion is the version of the JSON document written by WriteJSON.
// It changes only when a field is removed or changes meaning.
const SchemaVersion = 1

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
	// Clusters are ordered by id: largest first.
	Clusters []Cluster `json:"clusters"`
	// Assignments hold every document, in input order.
	Assignments []Assignment `json:"assignments"`
	// Warnings say what the run had to adjust or leave out.
	Warnings []string `json:"warnings"`
}

// KScore is one candidate of the automatic choice of k.
type KScore struct {
	K          int     `json:"k"`
	Silhouette float64 `json:"silhouette"`
	Objective  float64 `json:"objective"`
}

// Cluster is one group of documents.
type Cluster struct {
	// ID is the cluster's number, from 0; clusters are numbered by size.
	ID int `json:"id"`
	// Size is the number of documents in the cluster.
	Size int `json:"size"`
	// Cohesion is the mean cosine similarity of the members to the centroid.
	Cohesion float64 `json:"cohesion"`
	// TopTerms are the terms with the highest mean TF-IDF weight in the cluster.
	TopTerms []Term `json:"top_terms"`
	// Members are indices into Report.Assignments, closest to the centroid first.
	Members []int `json:"members"`
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
	Label string `json:"label,omitempty"`
	// Cluster is the document's cluster, or -1 for a document with no terms.
	Cluster int `json:"cluster"`
	// Similarity is the cosine between the document and its cluster's centroid.
	Similarity float64 `json:"similarity"`
}

// BuildOptions sets what Build includes.
type BuildOptions struct {
	// Corpus names the input in the report.
	Corpus string
	// TopTerms is the number of terms per cluster; zero means 10.
	TopTerms int
	// KRequested is the k the user asked for; 0 when chosen automatically.
	KRequested int
	// Seed is recorded in the report.
	Seed uint64
}

// Build makes a Report from a fitted Model.
func Build(m *Model, opt BuildOptions) *Report {
	if opt.TopTerms == 0 {
		opt.TopTerms = 10
	}
	res := m.Clusters
	_, terms := m.TFIDF.Dims()
	r := &Report{
		SchemaVersion: SchemaVersion,
		Corpus:        opt.Corpus,
		Documents:     len(m.Docs),
		Terms:         terms,
		Dims:          m.LSA.Dims(),
		K:             res.K,
		KRequested:    opt.KRequested,
		Seed:          opt.Seed,
		Objective:     res.Objective,
		Warnings:      []string{},
	}
	for _, v := range m.LSA.ExplainedVarianceRatio() {
		r.ExplainedVariance += v
	}
	for _, s := range m.KScores {
		r.KScores = append(r.KScores, KScore{K: s.K, Silhouette: s.Silhouette, Objective: s.Objective})
	}
	r.Assignments = make([]Assignment, len(m.Docs))
	for i, d := range m.Docs {
		r.Assignments[i] = Assignment{
			ID: d.ID, Title: DisplayTitle(d.Title, d.Text), Label: d.Label,
			Cluster: res.Labels[i], Similarity: res.Similarity[i],
		}
	}
	members := make([][]int, res.K)
	for i, c := range res.Labels {
		if c >= 0 {
			members[c] = append(members[c], i)
		}
	}
	vocab := m.Vectorizer.Vocabulary()
	for c := 0; c < res.K; c++ {
		mem := members[c]
		sort.SliceStable(mem, func(a, b int) bool { return res.Similarity[mem[a]] > res.Similarity[mem[b]] })
		var coh float64
		for _, i := range mem {
			coh += res.Similarity[i]
		}
		if len(mem) > 0 {
			coh /= float64(len(mem))
		}
		r.Clusters = append(r.Clusters, Cluster{
			ID: c, Size: len(mem), Cohesion: coh,
			TopTerms: topTerms(m.TFIDF, vocab, mem, opt.TopTerms),
			Members:  mem,
		})
	}
	if opt.KRequested > res.K {
		r.Warnings = append(r.Warnings, fmt.Sprintf(
			"k = %d requested but only %d distinct non-empty documents: using k = %d", opt.KRequested, res.K, res.K))
	}
	if len(m.Empty) > 0 {
		ids := make([]string, 0, 5)
		for _, i := range m.Empty {
			if len(ids) == 5 {
				ids = append(ids, "…")
				break
			}
			ids = append(ids, m.Docs[i].ID)
		}
		r.Warnings = append(r.Warnings, fmt.Sprintf(
			"%d document(s) have no terms in the vocabulary and are left unclustered (cluster -1): %s",
			len(m.Empty), strings.Join(ids, ", ")))
	}
	return r
}

// DisplayTitle returns title, or when it is empty the start of text, on one
// line and at most 80 characters long.
func DisplayTitle(title, text string) string {
	s := title
	if strings.TrimSpace(s) == "" {
		s = text
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 80 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:79])) + "…"
	}
	return s
}
