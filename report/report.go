package report

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
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
	// ClusterSimilarity is the cosine similarity of every pair of cluster
	// centroids (in the LSA space): K rows of K values, 1 on the diagonal.
	ClusterSimilarity [][]float64 `json:"cluster_similarity"`
	// Warnings say what the run had to adjust or leave out.
	Warnings []string `json:"warnings"`
	// Views holds what the pictures draw; it is not written to JSON.
	Views *Views `json:"-"`
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
	// Size is the number of documents in the cluster.
	Size int `json:"size"`
	// Cohesion is the mean cosine similarity of the members to the centroid.
	Cohesion float64 `json:"cohesion"`
	// TopTerms are the terms with the highest mean TF-IDF weight in the cluster.
	TopTerms []Term `json:"top_terms"`
	// Members are indices into Report.Assignments, closest to the centroid first.
	Members []int `json:"members"`
	// Label names the cluster's theme: its first key phrases joined by " · ".
	Label string `json:"label"`
	// KeyPhrases are the phrases of one to three words that set the cluster
	// apart, best first (see Phrase for how they are found and weighed).
	KeyPhrases []Phrase `json:"key_phrases"`
	// Representatives are the members closest to the centroid (indices into
	// Report.Assignments, closest first): the first few of Members.
	Representatives []int `json:"representatives"`
	// Summary holds the sentences of the members most central to the
	// cluster, most central first, never two near-identical ones (see
	// Sentence).
	Summary []Sentence `json:"summary"`
	// Nearest lists the other clusters whose centroids are most similar to
	// this one's, most similar first.
	Nearest []Nearby `json:"nearest"`
}

// Phrase is a key phrase of a cluster.
//
// Candidates are one to three consecutive content words that a text really
// has side by side: the text is cut at punctuation other than hyphens and
// apostrophes, tokenized as scikit-learn does ((?u)\b\w\w+\b, lowercase),
// and cut again at scikit-learn's English stop words, at numbers and at the
// reporting verbs of news (said, says, say, saying, told, tells, tell). A
// scikit-learn n-gram vectorizer removes stop words first and then joins
// what is left, so "closure of a supply route" gives "closure supply
// route"; cutting at stop words keeps "supply route" and nothing across the
// gap. A line repeated within a document (a headline repeated as the first
// line of the text) counts once. Words are compared by their Snowball stems,
// so "supply route" and "supply routes" are one phrase, shown in the form
// the cluster's documents use most (ties: the first in byte order).
//
// Each candidate is weighed by a class-based TF-IDF (the c-TF-IDF of
// BERTopic, counted in words, with a document-level idf):
//
//	weight(t, c) = tf(t, c) · idf(t)
//	tf(t, c)     = n(t) · Σ_{d in c} (1 + ln count(t, d)) / W(c)
//	idf(t)       = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
//
// where n(t) is the number of words of t, count(t, d) the times t occurs in
// document d (documents without t add nothing), W(c) the number of content
// words of cluster c, N the number of documents and df(t) the number that
// contain t. So tf is the share of the cluster's words that the phrase
// covers (a two-word phrase covers two words), with repeats within one
// document damped; idf is BM25's, near 0 for a phrase that every document
// uses. BERTopic's own idf, ln(1 + A/f(t)) over clusters, cannot tell such
// a phrase from a distinctive one when there are few clusters: on the
// five-article sample with k = 2, "pakistan" led both. Phrases that occur
// once in a cluster are taken only when fewer than the wanted number occur
// twice or more.
//
// On a large corpus the counts come from a sample: when a cluster has more
// than MaxPhraseDocs members, only its MaxPhraseDocs members closest to the
// centroid are counted, for every cluster, and N, df, Count and Documents
// refer to those documents.
//
// Phrases are taken in order of weight; ties go to the phrase that occurs
// earliest in a document (relative position, as KEA's first-occurrence
// feature: news put the point first), then to the shorter, then by byte
// order. A phrase is skipped when it contains, is part of or overlaps (ends
// with the words the other starts with) a phrase already taken, so that
// "safe havens" does not come with "safe" and "havens".
type Phrase struct {
	// Phrase is one to three words, lowercase, as the documents write them.
	Phrase string `json:"phrase"`
	// Weight is the phrase's c-TF-IDF weight in the cluster.
	Weight float64 `json:"weight"`
	// Count is the number of times the phrase (any inflection of its words)
	// occurs in the cluster's documents.
	Count int `json:"count"`
	// Documents is the number of the cluster's documents that contain it.
	Documents int `json:"documents"`
}

// MaxPhraseDocs is the number of documents per cluster, the closest to its
// centroid, over which key phrases are counted when some cluster is
// larger.
const MaxPhraseDocs = 2000

// Sentence is a sentence of a cluster's extractive summary.
//
// The texts of the cluster's members (the 50 closest to the centroid; a
// document's title when it has no text) are cut into sentences: at line
// breaks (unless the next line starts in lowercase, a wrapped line), and
// after '.', '!' or '?' followed by a space and an uppercase letter, digit
// or opening quote, except after an abbreviation (a single letter as in
// "U.S.", or a title such as "Mr." or "Gen."). Sentences of fewer than 6 or
// more than 60 words are left out, and a sentence repeated within a
// document counts once. Each sentence is weighed by the fitted TF-IDF
// vectorizer, like a document, and scored by the cosine between its vector
// and the cluster's TF-IDF centroid (the mean of the members' rows, at unit
// length). Sentences are taken in order of score (ties: the member closer
// to the centroid, then the earlier sentence), skipping one whose
// normalized text (lowercase letters and digits) was already taken or whose
// TF-IDF cosine with a taken sentence is 0.7 or more, so that duplicated
// articles do not give the same sentence twice.
type Sentence struct {
	// Text is the sentence, on one line.
	Text string `json:"text"`
	// Document is the index into Report.Assignments of the document it
	// comes from.
	Document int `json:"document"`
	// Score is the cosine between the sentence's TF-IDF vector and the
	// cluster's mean TF-IDF vector.
	Score float64 `json:"score"`
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
	Label string `json:"label,omitempty"`
	// Cluster is the document's cluster, or -1 for a document with no terms.
	Cluster int `json:"cluster"`
	// Similarity is the cosine between the document and its cluster's centroid.
	Similarity float64 `json:"similarity"`
}

// BuildOptions sets what Build includes. The zero value gives the documented
// defaults.
type BuildOptions struct {
	// Corpus names the input in the report.
	Corpus string
	// TopTerms is the number of terms per cluster; zero means 10.
	TopTerms int
	// KeyPhrases is the number of key phrases per cluster; zero means 10.
	KeyPhrases int
	// LabelPhrases is the number of key phrases that make a cluster's
	// Label; zero means 3.
	LabelPhrases int
	// Summary is the number of sentences of each cluster's summary; zero
	// means 3, negative means none.
	Summary int
	// Representatives is the number of representative documents per
	// cluster; zero means 3.
	Representatives int
	// Nearest is the number of nearest other clusters listed per cluster;
	// zero means 3.
	Nearest int
	// HeatmapDocs caps the documents of the heat map in Views; zero means
	// 300. Larger clusterings are sampled evenly within each cluster.
	HeatmapDocs int
	// KRequested is the k the user asked for; 0 when chosen automatically.
	KRequested int
	// Seed is recorded in the report.
	Seed uint64
	// Progress, if not nil, follows the counting of key phrases, the long
	// step of Build on a large corpus.
	Progress Progress
	// SkipThemes leaves out what only some outputs show: key phrases,
	// labels and summaries (Cluster.KeyPhrases, Label and Summary stay
	// empty). For CSV, which has none of them.
	SkipThemes bool
}

func (o BuildOptions) withDefaults() BuildOptions {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.TopTerms, 10)
	def(&o.KeyPhrases, 10)
	def(&o.LabelPhrases, 3)
	def(&o.Summary, 3)
	def(&o.Representatives, 3)
	def(&o.Nearest, 3)
	def(&o.HeatmapDocs, 300)
	return o
}

// LabelSeparator joins the key phrases of a cluster's Label.
const LabelSeparator = " · "

// Build makes a Report from a fitted Model: per cluster its size,
// cohesion, top terms, key phrases and label, representative documents,
// summary and nearest clusters; per document its cluster and similarity;
// and the Views that the pictures draw.
func Build(m *Model, opt BuildOptions) *Report {
	opt = opt.withDefaults()
	if opt.SkipThemes {
		opt.Summary = -1
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
	if m.Levels != nil {
		for _, s := range m.Levels.Scores {
			r.KScores = append(r.KScores, KScore{K: s.K, Stability: s.Stability, Modularity: s.Modularity, Score: s.Score, Objective: s.Objective})
		}
	}
	r.Assignments = make([]Assignment, len(m.Docs))
	for i, d := range m.Docs {
		r.Assignments[i] = Assignment{
			ID: d.ID, Title: DisplayTitle(d.Title, d.Text), Label: d.Label,
			Cluster: res.Labels[i], Similarity: res.Similarity[i],
		}
	}
	members := make([][]int, res.K)
	var clustered []int
	for i, c := range res.Labels {
		if c >= 0 {
			members[c] = append(members[c], i)
			clustered = append(clustered, i)
		}
	}
	for _, mem := range members {
		sort.SliceStable(mem, func(a, b int) bool { return res.Similarity[mem[a]] > res.Similarity[mem[b]] })
	}
	bodies := make([]string, len(m.Docs))
	for i, d := range m.Docs {
		bodies[i] = d.Text
		if strings.TrimSpace(d.Text) == "" {
			bodies[i] = d.Title
		}
	}
	var (
		phrases       *phraseCorpus
		stats         *phraseStats
		phraseMembers [][]int
	)
	if !opt.SkipThemes {
		var phraseTexts vectorize.Texts
		phraseTexts, phraseMembers = phraseSample(m.Docs, members)
		if opt.Progress != nil {
			// Each document is analyzed twice: for the vocabulary, then
			// for its phrases.
			opt.Progress.Start("key phrases", 2*int64(phraseTexts.Len()), "documents")
			phraseTexts = countingTexts{phraseTexts, opt.Progress}
		}
		pc, err := newPhraseCorpus(phraseTexts)
		if err != nil {
			r.Warnings = append(r.Warnings, fmt.Sprintf("no key phrases: %v", err))
		} else {
			phrases, stats = pc, pc.count(phraseMembers)
		}
		if opt.Progress != nil {
			opt.Progress.Finish()
		}
	}
	r.ClusterSimilarity = centroidSimilarity(res.Centroids)
	vocab := m.Vectorizer.Vocabulary()
	centroid := make([]float64, terms)
	for c := 0; c < res.K; c++ {
		mem := members[c]
		var coh float64
		for _, i := range mem {
			coh += res.Similarity[i]
		}
		if len(mem) > 0 {
			coh /= float64(len(mem))
		}
		tfidfCentroid(m.TFIDF, mem, centroid)
		cl := Cluster{
			ID: c, Size: len(mem), Cohesion: coh,
			TopTerms:        topTerms(m.TFIDF, vocab, mem, opt.TopTerms),
			Members:         mem,
			KeyPhrases:      []Phrase{},
			Representatives: slices.Clone(mem[:min(len(mem), max(opt.Representatives, 0))]),
			Summary:         extractSummary(m.Vectorizer, bodies, mem, centroid, opt.Summary),
			Nearest:         nearestClusters(r.ClusterSimilarity, c, max(opt.Nearest, 0)),
		}
		if phrases != nil {
			cl.KeyPhrases = phrases.keyPhrases(stats, c, phraseMembers[c], max(opt.KeyPhrases, opt.LabelPhrases))
			label := make([]string, 0, opt.LabelPhrases)
			for _, p := range cl.KeyPhrases[:min(len(cl.KeyPhrases), opt.LabelPhrases)] {
				label = append(label, p.Phrase)
			}
			cl.Label = strings.Join(label, LabelSeparator)
			cl.KeyPhrases = cl.KeyPhrases[:min(len(cl.KeyPhrases), max(opt.KeyPhrases, 0))]
		}
		cl.KeyPhrases = nonNil(cl.KeyPhrases)
		cl.Summary = nonNil(cl.Summary)
		cl.Nearest = nonNil(cl.Nearest)
		r.Clusters = append(r.Clusters, cl)
	}
	v := &Views{HeatmapOf: len(clustered)}
	v.Map, v.MapVariance = pcaMap(m.Vectors, clustered)
	v.Heatmap = heatmapSample(members, opt.HeatmapDocs)
	v.HeatmapSim = heatmapSims(m.Vectors, v.Heatmap)
	r.Views = v
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

// nonNil returns s, or an empty slice for nil, so that JSON shows [] and
// not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// tfidfCentroid sets dst to the mean of the given rows of x, scaled to unit
// length (all zero when the rows are).
func tfidfCentroid(x *vectorize.Sparse, rows []int, dst []float64) {
	clear(dst)
	for _, i := range rows {
		ind, val := x.Row(i)
		for p, j := range ind {
			dst[j] += val[p]
		}
	}
	var norm float64
	for _, v := range dst {
		norm += v * v
	}
	if norm == 0 {
		return
	}
	norm = math.Sqrt(norm)
	for j := range dst {
		dst[j] /= norm
	}
}

// DisplayTitle returns title, or when it is empty the start of text, on one
// line and at most 80 characters long.
func DisplayTitle(title, text string) string {
	s := title
	if strings.TrimSpace(s) == "" {
		s = strings.TrimLeftFunc(text, unicode.IsSpace)
	}
	// Only the start can show: look at no more than 4,096 bytes (after
	// leading space), which hold 80 characters unless they are mostly
	// space, so that a long text costs no more than a short one.
	if len(s) > 4096 {
		cut := 4096
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 80 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:79])) + "…"
	}
	return s
}

// phraseSample returns the documents whose phrases are counted and each
// cluster's members among them: all documents and members, unless a
// cluster has more than MaxPhraseDocs members; then the MaxPhraseDocs
// members of each cluster closest to its centroid (members lists them
// closest first), renumbered in document order.
func phraseSample(docs []corpus.Document, members [][]int) (vectorize.Texts, [][]int) {
	if !slices.ContainsFunc(members, func(m []int) bool { return len(m) > MaxPhraseDocs }) {
		return corpus.Contents(docs), members
	}
	var keep []int
	for _, m := range members {
		keep = append(keep, m[:min(len(m), MaxPhraseDocs)]...)
	}
	slices.Sort(keep)
	at := make(map[int]int, len(keep))
	for j, i := range keep {
		at[i] = j
	}
	sub := make([][]int, len(members))
	for c, m := range members {
		sub[c] = make([]int, min(len(m), MaxPhraseDocs))
		for t := range sub[c] {
			sub[c][t] = at[m[t]]
		}
	}
	return docSubset{docs, keep}, sub
}

// docSubset is the vectorize.Texts of the documents docs[idx[0]],
// docs[idx[1]], ...
type docSubset struct {
	docs []corpus.Document
	idx  []int
}

func (d docSubset) Len() int { return len(d.idx) }

func (d docSubset) AppendParts(dst []string, i int) []string {
	return corpus.Contents(d.docs).AppendParts(dst, d.idx[i])
}

// countingTexts reports each document it hands out to a Progress.
type countingTexts struct {
	vectorize.Texts
	progress Progress
}

func (c countingTexts) AppendParts(dst []string, i int) []string {
	c.progress.Add(1)
	return c.Texts.AppendParts(dst, i)
}
