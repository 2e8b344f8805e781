package report

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// Config holds the settings of a whole clustering run. The zero value is
// usable: scikit-learn's TF-IDF defaults, 100 LSA dimensions, k chosen
// automatically, seed 0.
type Config struct {
	// Vectorize sets tokenization and TF-IDF.
	Vectorize vectorize.Options
	// LSA sets the truncated SVD. Its Rand is ignored: Seed decides.
	LSA vectorize.LSAOptions
	// K is the number of clusters; zero chooses k automatically with
	// ChooseK (the k with the best cosine silhouette).
	K int
	// ChooseK bounds the automatic choice of k. Its KMeans field is ignored:
	// KMeans below is used.
	ChooseK cluster.ChooseKOptions
	// KMeans sets restarts, iterations and tolerance. Its K and Rand are
	// ignored: K and Seed decide.
	KMeans cluster.KMeansOptions
	// Seed makes the run reproducible: the same corpus, Config and Seed give
	// the same report, byte for byte.
	Seed uint64
	// Progress, if not nil, follows the steps of Fit: tokenize, LSA and
	// k-means (Progress fields of LSA and KMeans are replaced).
	Progress Progress
}

// Stream constants that derive independent random sources from one seed.
const (
	streamLSA    = 1
	streamKMeans = 2
)

// Model is the fitted state of a run: the vectorizer, the LSA basis, the
// document vectors and the clustering. Build turns it into a Report.
type Model struct {
	Docs       []corpus.Document
	Vectorizer *vectorize.Vectorizer
	TFIDF      *vectorize.Sparse // n × terms, rows L2-normalized
	LSA        *vectorize.LSA
	Vectors    *mat.Dense // n × dims LSA vectors, non-zero rows L2-normalized
	Clusters   *cluster.Result
	KScores    []cluster.KScore // per candidate k when k was chosen automatically
	Empty      []int            // indices of documents with no terms in the vocabulary
}

// Fit runs the whole pipeline on docs: TF-IDF, LSA, then k-means with the
// given or automatically chosen k.
func Fit(docs []corpus.Document, cfg Config) (*Model, error) {
	if cfg.K < 0 {
		return nil, fmt.Errorf("report: k must be at least 1, got %d", cfg.K)
	}
	m, err := FitVectors(docs, cfg)
	if err != nil {
		return nil, err
	}
	return m, m.fitClusters(cfg)
}

// FitVectors runs the first half of the pipeline: TF-IDF and LSA. The
// returned Model has no Clusters. Fit with the same Config gives the same
// vectors.
func FitVectors(docs []corpus.Document, cfg Config) (*Model, error) {
	m, err := fitTFIDF(docs, cfg)
	if err != nil {
		return nil, err
	}
	return m, m.fitLSA(cfg)
}

// fitTFIDF fits the vectorizer and weighs the documents. It does not depend
// on the seed.
func fitTFIDF(docs []corpus.Document, cfg Config) (*Model, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("report: no documents")
	}
	var texts vectorize.Texts = corpus.Contents(docs)
	if cfg.Progress != nil {
		cfg.Progress.Start("tokenize", int64(len(docs)), "documents")
		texts = countingTexts{texts, cfg.Progress}
	}
	vec, x, err := vectorize.FitTransformTexts(texts, cfg.Vectorize)
	if cfg.Progress != nil {
		cfg.Progress.Finish()
	}
	if err != nil {
		return nil, err
	}
	m := &Model{Docs: docs, Vectorizer: vec, TFIDF: x}
	for i := range docs {
		if x.RowNNZ(i) == 0 {
			m.Empty = append(m.Empty, i)
		}
	}
	if len(m.Empty) == len(docs) {
		return nil, fmt.Errorf("report: none of the %d documents has a term in the vocabulary", len(docs))
	}
	return m, nil
}

// fitLSA reduces the TF-IDF matrix with cfg.LSA and cfg.Seed.
func (m *Model) fitLSA(cfg Config) error {
	lsaOpt := cfg.LSA
	lsaOpt.Rand = rand.New(rand.NewPCG(cfg.Seed, streamLSA))
	lsaOpt.Progress = nil
	if p := cfg.Progress; p != nil {
		started := false
		lsaOpt.Progress = func(done, total int) {
			if !started {
				// One more pass for the document vectors (and the
				// explained variance).
				p.Start("LSA", int64(total+1), "passes")
				started = true
			}
			p.Add(1)
		}
		defer p.Finish()
	}
	var err error
	m.LSA, m.Vectors, err = vectorize.FitTransformLSA(m.TFIDF, lsaOpt)
	if err != nil {
		return err
	}
	if cfg.Progress != nil {
		cfg.Progress.Add(1)
	}
	return nil
}

// fitClusters runs k-means on the LSA vectors, choosing k first when
// cfg.K is zero.
func (m *Model) fitClusters(cfg Config) error {
	km := cfg.KMeans
	km.K = cfg.K
	km.Progress = nil
	if p := cfg.Progress; p != nil {
		// One k-means run for a given k; one per candidate k and one more
		// for the chosen k otherwise. Every call of km.Progress is one unit
		// (a restart, or a phase of mini-batch k-means) done.
		runs := 1
		if km.K == 0 {
			lo, hi := max(cfg.ChooseK.MinK, 2), cfg.ChooseK.MaxK
			if hi == 0 {
				hi = cluster.DefaultMaxK
			}
			hi = min(hi, len(m.Docs)-len(m.Empty)) // ChooseK may cap it lower still
			runs = max(hi-lo+1, 0) + 1
		}
		p.Start("k-means", int64(runs*km.ProgressTotalFor(len(m.Docs)-len(m.Empty))), "restarts")
		km.Progress = func(int, int) { p.Add(1) }
		defer p.Finish()
	}
	m.KScores = nil
	if km.K == 0 {
		ck := cfg.ChooseK
		ck.KMeans = km
		ck.KMeans.Rand = rand.New(rand.NewPCG(cfg.Seed, streamKMeans))
		k, scores, err := cluster.ChooseK(m.Vectors, ck)
		if err != nil {
			return err
		}
		m.KScores = scores
		km.K = k
	}
	km.Rand = rand.New(rand.NewPCG(cfg.Seed, streamKMeans))
	var err error
	m.Clusters, err = cluster.KMeans(m.Vectors, km)
	return err
}

// topTerms returns the n terms with the largest mean TF-IDF weight over the
// given rows, heaviest first, ties broken by term order.
func topTerms(x *vectorize.Sparse, vocab []string, rows []int, n int) []Term {
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
		out[t] = Term{Term: vocab[j], Weight: sum[j] / float64(len(rows))}
	}
	return out
}
