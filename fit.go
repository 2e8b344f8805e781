package topics

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/theme"
	"github.com/topics-dev/topics/vectorize"
)

// Model is a fitted run: the documents, their vectors, their clusters and
// what each cluster is about. Fit makes it; package report describes it
// for people; SavedModel keeps what places new documents.
type Model struct {
	// Config is the configuration the model was fitted with.
	Config Config
	// Docs are the documents, in corpus order (without their text with
	// Config.DropText).
	Docs []corpus.Document
	// Vectorizer turns texts into TF-IDF rows.
	Vectorizer *vectorize.Vectorizer
	// TFIDF is n × terms, rows L2-normalized (zero for empty documents).
	TFIDF *vectorize.Sparse
	// LSA maps TF-IDF rows into the LSA space.
	LSA *vectorize.LSA
	// Vectors is n × dims: the documents' LSA vectors, non-zero rows
	// L2-normalized.
	Vectors *mat.Dense
	// Empty lists the documents with no term of the vocabulary; they have
	// zero vectors and cluster -1.
	Empty []int
	// Weights holds each document's weight in k-means (Config.DocWeights),
	// nil when every document weighs 1.
	Weights []float64

	// Clusters is the k-means clustering of Vectors (nil from FitVectors).
	Clusters *cluster.Result
	// Levels, when k was chosen (Config.K = 0), holds the scores of the
	// candidate k, the coarse group of each cluster and the tree that
	// merges the clusters.
	Levels *cluster.Levels
	// Members lists, per cluster, its documents closest to the centroid
	// first (ties: corpus order).
	Members [][]int
	// Themes says, per cluster, what it is about (empty without
	// Config.KeyPhrases).
	Themes []Theme
	// Parent holds each cluster's coarse group (its theme group): the
	// coarse level found with k (Levels), or each cluster its own group.
	Parent []int
	// ParentThemes says, per coarse group, what it is about; nil when
	// every cluster is its own group.
	ParentThemes []Theme
	// Tree merges the clusters bottom-up by Ward's method on the LSA
	// vectors (cluster.Agglomerate): the topic hierarchy.
	Tree *cluster.Tree

	// Warnings say what the run had to adjust or leave out.
	Warnings []string
}

// Theme is what one cluster is about.
type Theme struct {
	// Name names the cluster: its first Config.LabelPhrases key phrases
	// joined by theme.LabelSeparator, or a name given to a saved model
	// (SavedModel.Rename).
	Name string
	// Found is the name made of the key phrases when Name was given by
	// hand ("" otherwise), so that the given name can be taken back.
	Found string
	// KeyPhrases are the phrases that set the cluster apart, best first.
	KeyPhrases []theme.Phrase
}

// Fit runs the whole pipeline on docs: TF-IDF, LSA, k-means with the given
// or chosen k, then the themes of the clusters. It returns ctx's error if
// ctx is done between two steps.
func Fit(ctx context.Context, docs []corpus.Document, cfg Config) (*Model, error) {
	m, err := FitVectors(ctx, docs, cfg)
	if err != nil {
		return nil, err
	}
	if err := m.fitClusters(ctx); err != nil {
		return nil, err
	}
	return m, m.fitThemes(ctx)
}

// FitVectors runs the first half of the pipeline: TF-IDF and LSA. The
// returned Model has no clusters; Fit with the same Config gives the same
// vectors.
func FitVectors(ctx context.Context, docs []corpus.Document, cfg Config) (*Model, error) {
	m, err := validTFIDF(ctx, docs, cfg)
	if err != nil {
		return nil, err
	}
	return m, m.fitLSA()
}

// validTFIDF validates cfg, fits the TF-IDF model of docs, and returns it
// unless ctx was cancelled meanwhile: the prologue of every pipeline.
func validTFIDF(ctx context.Context, docs []corpus.Document, cfg Config) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m, err := fitTFIDF(docs, cfg)
	if err != nil {
		return nil, err
	}
	return m, ctx.Err()
}

// fitTFIDF fits the vectorizer and weighs the documents. It does not depend
// on the seed.
func fitTFIDF(docs []corpus.Document, cfg Config) (*Model, error) {
	if len(docs) == 0 {
		return nil, errors.New("topics: no documents")
	}
	opt, note := cfg.vectorizeOptions(docs)
	var warnings []string
	if note != "" {
		warnings = append(warnings, note)
	}
	p := cfg.progress()
	p.Start("tokenize", int64(len(docs)), "documents")
	vec, x, err := vectorize.FitTransformTexts(countingTexts{corpus.Contents(docs), p}, opt)
	p.Finish()
	if errors.Is(err, vectorize.ErrDocFreq) {
		// A corpus too small (or too uniform) for the limits: keep every
		// term rather than none.
		relaxed := opt
		relaxed.MinDF, relaxed.MaxDF = 1, 1.0
		vec, x, err = vectorize.FitTransformTexts(corpus.Contents(docs), relaxed)
		warnings = append(warnings, fmt.Sprintf("the document-frequency limits (min-df %g, max-df %g) leave no term in %s: every term is kept",
			cfg.Vectorize.MinDF, cfg.Vectorize.MaxDF, countDocs(len(docs))))
	}
	if err != nil {
		return nil, err
	}
	if cfg.DropText {
		docs = withoutText(docs)
	}
	m := &Model{Config: cfg, Docs: docs, Vectorizer: vec, TFIDF: x, Warnings: warnings}
	for i := range docs {
		if x.RowNNZ(i) == 0 {
			m.Empty = append(m.Empty, i)
		}
	}
	if len(m.Empty) == len(docs) {
		return nil, fmt.Errorf("topics: none of the %d documents has a term in the vocabulary", len(docs))
	}
	return m, nil
}

// withoutText returns a copy of docs without their text (see
// Config.DropText).
func withoutText(docs []corpus.Document) []corpus.Document {
	out := make([]corpus.Document, len(docs))
	for i, d := range docs {
		out[i] = d.WithoutText()
	}
	return out
}

// fitLSA reduces the TF-IDF matrix.
func (m *Model) fitLSA() error {
	n, t := m.TFIDF.Dims()
	if err := needMemory("Dims", m.Config.Dims, fmt.Sprintf("an LSA of %d documents and %d terms", n, t), lsaBytes(n, t, m.Config.Dims)); err != nil {
		return err
	}
	p := m.Config.progress()
	opt := m.Config.lsaOptions()
	// One more pass for the document vectors (and the explained variance).
	opt.Progress = stepFunc(p, "LSA", "passes", 1)
	var err error
	m.LSA, m.Vectors, err = vectorize.FitTransformLSA(m.TFIDF, opt)
	if err == nil {
		p.Add(1)
	}
	p.Finish()
	return err
}

// fitClusters runs k-means on the LSA vectors, choosing k and a coarser
// level first when Config.K is zero, and orders each cluster's members.
func (m *Model) fitClusters(ctx context.Context) error {
	cfg := m.Config
	if err := m.checkKMeansMemory(); err != nil {
		return err
	}
	km := cfg.kmeansOptions(cfg.K)
	m.Weights = cfg.DocWeights.Weights(m.TFIDF)
	// Seeds are drawn over every document: the weights set where the
	// centroids settle, not which groups of documents get one.
	km.Weights, km.SeedUnweighted = m.Weights, true
	levels := cluster.LevelOptions{MinK: cfg.KMin, MaxK: cfg.KMax, KMeans: km, Rand: cfg.rand(streamLevels)}
	p := cfg.progress()
	// Every call of km.Progress is one unit (a restart, or a phase of
	// mini-batch k-means) done.
	total := km.ProgressTotalFor(len(m.Docs) - len(m.Empty))
	if cfg.K == 0 {
		total = levels.ProgressTotal(len(m.Docs) - len(m.Empty))
	}
	p.Start("k-means", int64(total), "restarts")
	defer p.Finish()
	km.Progress = func(int, int) { p.Add(1) }
	levels.KMeans = km
	var res *cluster.Result
	var err error
	m.Levels = nil
	if cfg.K == 0 {
		if m.Levels, err = cluster.ChooseLevels(m.Vectors, levels); err != nil {
			return err
		}
		res = m.Levels.Fine
	} else if res, err = m.kmeansOrCut(km); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	m.Clusters = res
	m.Members = membersOf(res)
	if err := m.fitTree(); err != nil {
		return err
	}
	if m.Warnings == nil {
		m.Warnings = []string{}
	}
	if cfg.K > res.K {
		m.Warnings = append(m.Warnings, fmt.Sprintf(
			"k = %d requested but only %d distinct non-empty documents: using k = %d", cfg.K, res.K, res.K))
	}
	if len(m.Empty) > 0 {
		m.Warnings = append(m.Warnings, fmt.Sprintf(
			"%d document(s) have no terms in the vocabulary and are left unclustered (cluster -1): %s",
			len(m.Empty), m.listDocs(m.Empty, 5)))
	}
	return nil
}

// kmeansOrCut runs k-means with km, or with Config.FromTree cuts the tree
// of a finer k-means run at km.K groups.
func (m *Model) kmeansOrCut(km cluster.KMeansOptions) (*cluster.Result, error) {
	n, _ := m.Vectors.Dims()
	fine := max(int(math.Ceil(3*math.Sqrt(float64(n-len(m.Empty))))), m.Config.KMax)
	if !m.Config.FromTree || fine <= km.K {
		return cluster.KMeans(m.Vectors, km)
	}
	k := km.K
	km.K = fine
	res, err := cluster.KMeans(m.Vectors, km)
	if err != nil {
		return nil, err
	}
	tree, err := cluster.Agglomerate(m.Vectors, res.Labels, res.K, cluster.AgglomerateOptions{})
	if err != nil {
		return nil, err
	}
	groups := tree.Cut(min(k, res.K))
	labels := make([]int, len(res.Labels))
	for i, c := range res.Labels {
		labels[i] = -1
		if c >= 0 {
			labels[i] = groups[c]
		}
	}
	return cluster.FromWeightedLabels(m.Vectors, labels, km.Weights)
}

// fitTree sets the coarse group of each cluster and the tree that merges
// the clusters: those of Levels when k was chosen, otherwise each cluster
// its own group and the Ward tree of the clusters.
func (m *Model) fitTree() error {
	if l := m.Levels; l != nil {
		m.Parent, m.Tree = l.Parent, l.Tree
		return nil
	}
	m.Parent = make([]int, m.Clusters.K)
	for c := range m.Parent {
		m.Parent[c] = c
	}
	var err error
	m.Tree, err = cluster.Agglomerate(m.Vectors, m.Clusters.Labels, m.Clusters.K, cluster.AgglomerateOptions{})
	return err
}

// CoarseK returns the number of coarse groups of the clusters.
func (m *Model) CoarseK() int {
	k := 0
	for _, p := range m.Parent {
		k = max(k, p+1)
	}
	return k
}

// ParentMembers lists each coarse group's documents, most similar to their
// cluster's centroid first (ties: corpus order).
func (m *Model) ParentMembers() [][]int {
	out := make([][]int, m.CoarseK())
	for c, mem := range m.Members {
		out[m.Parent[c]] = append(out[m.Parent[c]], mem...)
	}
	for _, mem := range out {
		slices.SortStableFunc(mem, func(a, b int) int {
			return cmp.Compare(m.Clusters.Similarity[b], m.Clusters.Similarity[a])
		})
	}
	return out
}

// checkKMeansMemory refuses a k (or a largest k to try) whose k-means would
// not fit in memory.
func (m *Model) checkKMeansMemory() error {
	n, d := m.Vectors.Dims()
	n -= len(m.Empty)
	option, value := "K", m.Config.K
	if value == 0 {
		option, value = "KMax", m.Config.KMax
	}
	k := value
	if k == 0 || m.Config.FromTree {
		k = max(k, int(math.Ceil(3*math.Sqrt(float64(n)))))
	}
	k = min(k, n)
	step := fmt.Sprintf("k-means with k = %d on %d documents", k, n)
	return needMemory(option, value, step, cluster.KMeansBytes(n, d, k, m.Config.kmeansOptions(k)))
}

// membersOf lists each cluster's rows, most similar to the centroid first
// (ties: row order).
func membersOf(res *cluster.Result) [][]int {
	members := make([][]int, res.K)
	for i, c := range res.Labels {
		if c >= 0 {
			members[c] = append(members[c], i)
		}
	}
	for _, mem := range members {
		slices.SortStableFunc(mem, func(a, b int) int {
			switch sa, sb := res.Similarity[a], res.Similarity[b]; {
			case sa > sb:
				return -1
			case sa < sb:
				return 1
			}
			return 0
		})
	}
	return members
}

// fitThemes finds the key phrases and names of the clusters, and of their
// coarse groups when there are fewer groups than clusters.
func (m *Model) fitThemes(ctx context.Context) error {
	cfg := m.Config
	m.Themes = make([]Theme, len(m.Members))
	m.ParentThemes = nil
	if cfg.KeyPhrases == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	texts := mailTexts(m.Docs, m.Vectorizer.Options())
	m.Themes = m.themesOf("key phrases", texts, m.Members)
	if m.CoarseK() < len(m.Members) {
		m.ParentThemes = m.themesOf("key phrases of theme groups", texts, m.ParentMembers())
	}
	return nil
}

// themesOf returns the themes of the groups of documents members, whose
// texts are texts, showing progress as step.
func (m *Model) themesOf(step string, texts vectorize.Texts, members [][]int) []Theme {
	cfg := m.Config
	p := cfg.progress()
	p.Start(step, int64(theme.SampleSize(members)), "documents")
	phrases, err := theme.KeyPhrases(texts, members, theme.Options{
		N:         max(cfg.KeyPhrases, cfg.LabelPhrases),
		StopWords: m.Vectorizer.Options().ExtraStopWords,
		Exclude:   cfg.ExcludePhrases,
		Done:      p.Add,
	})
	p.Finish()
	out := make([]Theme, len(members))
	if err != nil {
		m.Warnings = append(m.Warnings, fmt.Sprintf("no key phrases: %v", err))
		return out
	}
	for c, ps := range phrases {
		out[c] = Theme{Name: theme.Label(ps, cfg.LabelPhrases), KeyPhrases: ps[:min(len(ps), cfg.KeyPhrases)]}
	}
	return out
}

// listDocs joins the ids of at most n of the documents idx, with "…" when
// there are more.
func (m *Model) listDocs(idx []int, n int) string {
	ids := make([]string, 0, n+1)
	for _, i := range idx[:min(len(idx), n)] {
		ids = append(ids, m.Docs[i].ID)
	}
	if len(idx) > n {
		ids = append(ids, "…")
	}
	return strings.Join(ids, ", ")
}

// countDocs says "1 document" or "n documents".
func countDocs(n int) string {
	if n == 1 {
		return "1 document"
	}
	return fmt.Sprintf("%d documents", n)
}
