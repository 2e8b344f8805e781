package topics

import (
	"context"
	"errors"
	"fmt"

	"gonum.org/v1/gonum/stat"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
)

// silhouetteSample is the number of documents the silhouette of an
// evaluation is computed on, as scikit-learn's sample_size.
const silhouetteSample = 2000

// EvalOptions sets what Evaluate runs.
type EvalOptions struct {
	// Seeds is the number of runs, at least 1; run i uses seed
	// Config.Seed+i.
	Seeds int
	// Assignments, when not nil, are scored instead of clustering: a cluster
	// id per document id (as report.ReadAssignments returns). Seeds must
	// then be 1.
	Assignments map[string]int
}

// Validate reports the first option out of its range as an *OptionError.
func (o EvalOptions) Validate() error {
	return firstBad(
		check(o.Seeds < 1 || o.Seeds > maxSeeds, "Seeds", o.Seeds, fmt.Sprintf("want 1 to %d", maxSeeds)),
		check(o.Assignments != nil && o.Seeds != 1, "Seeds", o.Seeds, "given assignments are scored once"),
	)
}

// Evaluation holds the scores of one or more runs against gold labels.
type Evaluation struct {
	// Corpus names the input; Evaluate leaves it for the caller to set.
	Corpus string `json:"corpus"`
	// Documents is the number of documents read.
	Documents int `json:"documents"`
	// Scored is the number of documents with a gold label; unlabeled ones are
	// clustered but not scored.
	Scored int `json:"scored"`
	// Classes is the number of distinct gold labels.
	Classes int `json:"classes"`
	// Terms and Dims describe the vectors.
	Terms int `json:"terms"`
	Dims  int `json:"dims"`
	// KRequested is the k asked for; 0 when chosen automatically or when
	// scoring given assignments.
	KRequested int `json:"k_requested"`
	// Assigned says that the clusters were read from given assignments
	// (EvalOptions.Assignments) rather than fitted.
	Assigned bool `json:"assigned"`
	// Runs holds one entry per seed.
	Runs []EvalRun `json:"runs"`
	// Summary holds each metric's mean and sample standard deviation over
	// the runs (0 for one run), in a fixed order.
	Summary []MetricSummary `json:"summary"`
	// Gold holds each document's gold label, in corpus order ("" for none),
	// for tables of clusters by label (report.NewGoldTable); not in JSON.
	Gold []string `json:"-"`
}

// EvalRun is one scored clustering.
type EvalRun struct {
	Seed uint64 `json:"seed"`
	// K is the number of clusters of this run.
	K int `json:"k"`
	// Silhouette is the mean cosine silhouette over at most 2,000 sampled
	// documents.
	Silhouette float64 `json:"silhouette"`
	// Scores are the external metrics against the gold labels.
	Scores cluster.Scores `json:"scores"`
	// Clusters holds each document's cluster in this run, in corpus order
	// (-1 for none); not in JSON.
	Clusters []int `json:"-"`
}

// MetricSummary is a metric's mean ± sd over runs.
type MetricSummary struct {
	Metric string  `json:"metric"`
	Mean   float64 `json:"mean"`
	SD     float64 `json:"sd"`
}

// Evaluate clusters docs with cfg once per seed (or takes the given
// assignments) and scores the result against each document's Label. The
// TF-IDF matrix is computed once; LSA and k-means run per seed.
func Evaluate(ctx context.Context, docs []corpus.Document, cfg Config, opt EvalOptions) (*Evaluation, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	truth := make([]string, len(docs))
	for i, d := range docs {
		truth[i] = d.Label
	}
	m, err := validTFIDF(ctx, docs, cfg)
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{Documents: len(docs), KRequested: cfg.K, Gold: truth}
	_, ev.Terms = m.TFIDF.Dims()
	if opt.Assignments != nil {
		ev.KRequested, ev.Assigned = 0, true
	}
	for s := range opt.Seeds {
		m.Config.Seed = cfg.Seed + uint64(s)
		run, err := m.evalRun(ctx, truth, opt.Assignments)
		if err != nil {
			return nil, err
		}
		ev.Dims = m.LSA.Dims()
		ev.Scored, ev.Classes = run.Scores.N, run.Scores.Classes
		ev.Runs = append(ev.Runs, run)
	}
	ev.Summary = summarize(ev.Runs)
	return ev, nil
}

// evalRun fits the LSA and the clusters of m with its Config's seed (or
// looks up the given assignments) and scores them against truth.
func (m *Model) evalRun(ctx context.Context, truth []string, assigned map[string]int) (EvalRun, error) {
	if err := ctx.Err(); err != nil {
		return EvalRun{}, err
	}
	if err := m.fitLSA(); err != nil {
		return EvalRun{}, err
	}
	var labels []int
	k := 0
	if assigned != nil {
		var err error
		if labels, k, err = lookupAssignments(m.Docs, assigned); err != nil {
			return EvalRun{}, err
		}
	} else {
		if err := m.fitClusters(ctx); err != nil {
			return EvalRun{}, err
		}
		labels, k = m.Clusters.Labels, m.Clusters.K
	}
	t, p := cluster.FilterLabeled(truth, poolUnassigned(labels))
	sc, err := cluster.Score(t, p)
	if errors.Is(err, cluster.ErrNoLabels) {
		return EvalRun{}, errors.New("topics: no document has a gold label to score against")
	}
	if err != nil {
		return EvalRun{}, err
	}
	sil := cluster.SilhouetteSample(m.Vectors, labels, silhouetteSample, m.Config.rand(streamSilhouette))
	return EvalRun{Seed: m.Config.Seed, K: k, Silhouette: sil, Scores: sc, Clusters: labels}, nil
}

// poolUnassigned returns labels with every unassigned document (label -1,
// a document with no terms) moved into one extra cluster. Scoring them as
// singletons, as cluster.Score would, rewards leaving documents out; a
// pipeline that must place every document would put them somewhere, so
// they are scored as one group.
func poolUnassigned(labels []int) []int {
	extra := -1
	for _, c := range labels {
		if c >= extra {
			extra = c + 1
		}
	}
	out := make([]int, len(labels))
	for i, c := range labels {
		if c < 0 {
			c = extra
		}
		out[i] = c
	}
	return out
}

// lookupAssignments returns the cluster of each document and the number of
// distinct clusters, or an error naming a document without an assignment.
func lookupAssignments(docs []corpus.Document, a map[string]int) ([]int, int, error) {
	labels := make([]int, len(docs))
	seen := map[int]bool{}
	for i, d := range docs {
		c, ok := a[d.ID]
		if !ok {
			return nil, 0, fmt.Errorf("topics: document %q has no assignment", d.ID)
		}
		labels[i] = c
		if c >= 0 {
			seen[c] = true
		}
	}
	if len(a) != len(docs) {
		return nil, 0, fmt.Errorf("topics: %d assignments for %d documents: ids do not match the corpus", len(a), len(docs))
	}
	return labels, len(seen), nil
}

// Metric is a summarized metric and how to read it from a run.
type Metric struct {
	// Name is the metric's name in Evaluation.Summary.
	Name string
	// Of returns the metric's value in a run.
	Of func(r EvalRun) float64
}

// Metrics lists the metrics of Evaluation.Summary, in its order.
func Metrics() []Metric {
	return []Metric{
		{"nmi", func(r EvalRun) float64 { return r.Scores.NMI }},
		{"ami", func(r EvalRun) float64 { return r.Scores.AMI }},
		{"ari", func(r EvalRun) float64 { return r.Scores.ARI }},
		{"v_measure", func(r EvalRun) float64 { return r.Scores.VMeasure }},
		{"homogeneity", func(r EvalRun) float64 { return r.Scores.Homogeneity }},
		{"completeness", func(r EvalRun) float64 { return r.Scores.Completeness }},
		{"purity", func(r EvalRun) float64 { return r.Scores.Purity }},
		{"bcubed_precision", func(r EvalRun) float64 { return r.Scores.BCubedPrecision }},
		{"bcubed_recall", func(r EvalRun) float64 { return r.Scores.BCubedRecall }},
		{"bcubed_f1", func(r EvalRun) float64 { return r.Scores.BCubedF1 }},
		{"silhouette", func(r EvalRun) float64 { return r.Silhouette }},
		{"k", func(r EvalRun) float64 { return float64(r.K) }},
	}
}

// summarize returns each metric's mean and sample standard deviation over
// runs; the deviation of one run is 0.
func summarize(runs []EvalRun) []MetricSummary {
	metrics := Metrics()
	out := make([]MetricSummary, len(metrics))
	xs := make([]float64, len(runs))
	for i, mt := range metrics {
		for r, run := range runs {
			xs[r] = mt.Of(run)
		}
		mean, sd := stat.MeanStdDev(xs, nil)
		if len(xs) < 2 {
			sd = 0
		}
		out[i] = MetricSummary{Metric: mt.Name, Mean: mean, SD: sd}
	}
	return out
}
