package topics

import (
	"context"
	"errors"
	"fmt"
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
	// Docs are the documents, in corpus order.
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

	// Clusters is the k-means clustering of Vectors (nil from FitVectors).
	Clusters *cluster.Result
	// KScores lists the candidates tried when k was chosen (Config.K = 0).
	KScores []cluster.KScore
	// Members lists, per cluster, its documents closest to the centroid
	// first (ties: corpus order).
	Members [][]int
	// Themes says, per cluster, what it is about (empty without
	// Config.KeyPhrases).
	Themes []Theme

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
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m, err := fitTFIDF(docs, cfg)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return m, m.fitLSA()
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

// fitClusters runs k-means on the LSA vectors, choosing k first when
// Config.K is zero, and orders each cluster's members.
func (m *Model) fitClusters(ctx context.Context) error {
	cfg := m.Config
	if err := m.checkKMeansMemory(); err != nil {
		return err
	}
	km := cfg.kmeansOptions(cfg.K)
	p := cfg.progress()
	// One k-means run for a given k; one per candidate k and one more for
	// the chosen k otherwise. Every call of km.Progress is one unit (a
	// restart, or a phase of mini-batch k-means) done.
	runs := 1
	if cfg.K == 0 {
		hi := min(cfg.KMax, len(m.Docs)-len(m.Empty)) // ChooseK may cap it lower still
		runs = max(hi-cfg.KMin+1, 0) + 1
	}
	p.Start("k-means", int64(runs*km.ProgressTotal()), "restarts")
	defer p.Finish()
	km.Progress = func(int, int) { p.Add(1) }
	if cfg.K == 0 {
		ck := cluster.ChooseKOptions{MinK: cfg.KMin, MaxK: cfg.KMax, KMeans: km}
		k, scores, err := cluster.ChooseK(m.Vectors, ck)
		if err != nil {
			return err
		}
		m.KScores, km.K = scores, k
		km.Rand = cfg.rand(streamKMeans)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	res, err := cluster.KMeans(m.Vectors, km)
	if err != nil {
		return err
	}
	m.Clusters = res
	m.Members = membersOf(res)
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

// checkKMeansMemory refuses a k (or a largest k to try) whose k-means would
// not fit in memory.
func (m *Model) checkKMeansMemory() error {
	n, d := m.Vectors.Dims()
	n -= len(m.Empty)
	option, k := "K", m.Config.K
	if k == 0 {
		option, k = "KMax", m.Config.KMax
	}
	k = min(k, n)
	step := fmt.Sprintf("k-means with k = %d on %d documents", k, n)
	return needMemory(option, k, step, float64(cluster.KMeansBytes(n, d, k, m.Config.kmeansOptions(k))))
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

// fitThemes finds the key phrases and labels of the clusters.
func (m *Model) fitThemes(ctx context.Context) error {
	cfg := m.Config
	m.Themes = make([]Theme, len(m.Members))
	if cfg.KeyPhrases == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	p := cfg.progress()
	p.Start("key phrases", int64(theme.SampleSize(m.Members)), "documents")
	vopt := m.Vectorizer.Options()
	phrases, err := theme.KeyPhrases(mailTexts(m.Docs, vopt), m.Members, theme.Options{
		N:         max(cfg.KeyPhrases, cfg.LabelPhrases),
		StopWords: vopt.ExtraStopWords,
		Exclude:   cfg.ExcludePhrases,
		Done:      p.Add,
	})
	p.Finish()
	if err != nil {
		m.Warnings = append(m.Warnings, fmt.Sprintf("no key phrases: %v", err))
		return nil
	}
	for c, ps := range phrases {
		m.Themes[c] = Theme{Name: theme.Label(ps, cfg.LabelPhrases), KeyPhrases: ps[:min(len(ps), cfg.KeyPhrases)]}
	}
	return nil
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
