package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
)

// streamSilhouette derives the random source of the silhouette sample.
const streamSilhouette = 3

// silhouetteSample is the number of documents the silhouette is computed on,
// as scikit-learn's sample_size.
const silhouetteSample = 2000

// EvalOptions sets what Evaluate runs.
type EvalOptions struct {
	// Seeds is the number of runs; run i uses seed Config.Seed+i. Zero means 1.
	Seeds int
	// Assignments, when not nil, are scored instead of clustering: a cluster
	// id per document id (as ReadAssignments returns). Seeds is then 1.
	Assignments map[string]int
}

// Evaluation holds the scores of one or more runs against gold labels.
type Evaluation struct {
	// Corpus names the input.
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
	// Runs holds one entry per seed.
	Runs []EvalRun `json:"runs"`
	// Summary holds each metric's mean and sample standard deviation over
	// the runs, in a fixed order.
	Summary []MetricSummary `json:"summary"`
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
func Evaluate(docs []corpus.Document, cfg Config, opt EvalOptions) (*Evaluation, error) {
	if opt.Seeds < 0 {
		return nil, fmt.Errorf("report: seeds must be at least 1, got %d", opt.Seeds)
	}
	if opt.Seeds == 0 || opt.Assignments != nil {
		opt.Seeds = 1
	}
	truth := make([]string, len(docs))
	for i, d := range docs {
		truth[i] = d.Label
	}
	m, err := fitTFIDF(docs, cfg)
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{Documents: len(docs), KRequested: cfg.K}
	_, ev.Terms = m.TFIDF.Dims()
	if opt.Assignments != nil {
		ev.KRequested = 0
	}
	for s := 0; s < opt.Seeds; s++ {
		runCfg := cfg
		runCfg.Seed = cfg.Seed + uint64(s)
		if err := m.fitLSA(runCfg); err != nil {
			return nil, err
		}
		ev.Dims = m.LSA.Dims()
		var labels []int
		k := 0
		if opt.Assignments != nil {
			if labels, k, err = lookupAssignments(docs, opt.Assignments); err != nil {
				return nil, err
			}
		} else {
			if err := m.fitClusters(runCfg); err != nil {
				return nil, err
			}
			labels, k = m.Clusters.Labels, m.Clusters.K
		}
		t, p := cluster.FilterLabeled(truth, poolUnassigned(labels))
		sc, err := cluster.Score(t, p)
		if err != nil {
			if errors.Is(err, cluster.ErrNoLabels) {
				return nil, fmt.Errorf("report: no document has a gold label to score against")
			}
			return nil, err
		}
		ev.Scored, ev.Classes = sc.N, sc.Classes
		sil := cluster.SilhouetteSample(m.Vectors, labels, silhouetteSample,
			rand.New(rand.NewPCG(runCfg.Seed, streamSilhouette)))
		ev.Runs = append(ev.Runs, EvalRun{Seed: runCfg.Seed, K: k, Silhouette: sil, Scores: sc})
	}
	ev.Summary = summarize(ev.Runs)
	return ev, nil
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
			return nil, 0, fmt.Errorf("report: document %q has no assignment", d.ID)
		}
		labels[i] = c
		if c >= 0 {
			seen[c] = true
		}
	}
	if len(a) != len(docs) {
		return nil, 0, fmt.Errorf("report: %d assignments for %d documents: ids do not match the corpus", len(a), len(docs))
	}
	return labels, len(seen), nil
}

// metric is a summarized metric and how to read it from a run.
type metric struct {
	name string
	get  func(r EvalRun) float64
}

// metricOrder lists the summarized metrics in the order they are shown.
func metricOrder() []metric {
	return []metric{
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

func summarize(runs []EvalRun) []MetricSummary {
	order := metricOrder()
	out := make([]MetricSummary, len(order))
	xs := make([]float64, len(runs))
	for i, mo := range order {
		for r, run := range runs {
			xs[r] = mo.get(run)
		}
		mean, sd := cluster.MeanSD(xs)
		out[i] = MetricSummary{Metric: mo.name, Mean: mean, SD: sd}
	}
	return out
}

// WriteEvalTable writes an evaluation for a terminal: one line per metric
// with its mean ± sd and the value of each run.
func WriteEvalTable(w io.Writer, ev *Evaluation) error {
	ew := &errWriter{w: w}
	how := "k chosen by stability × modularity"
	if ev.KRequested > 0 {
		how = fmt.Sprintf("k = %d", ev.KRequested)
	}
	ew.printf("%s: %d documents (%d scored, %d classes) · %d terms · %d dims · %s · %d run%s\n",
		ev.Corpus, ev.Documents, ev.Scored, ev.Classes, ev.Terms, ev.Dims, how, len(ev.Runs), plural(len(ev.Runs)))
	ew.printf("%-18s %16s", "metric", "mean ± sd")
	for _, r := range ev.Runs {
		ew.printf(" %8s", "seed "+strconv.FormatUint(r.Seed, 10))
	}
	ew.printf("\n")
	order := metricOrder()
	for i, s := range ev.Summary {
		ew.printf("%-18s %16s", s.Metric, fmt.Sprintf("%.4f ± %.4f", s.Mean, s.SD))
		for _, r := range ev.Runs {
			ew.printf(" %8.4f", order[i].get(r))
		}
		ew.printf("\n")
	}
	return ew.err
}

// ReadAssignments reads the cluster of each document from what `topics
// cluster` writes: its JSON report (the assignments array) or its CSV (the
// id and cluster columns). The format is told from the first byte. name is
// used in errors.
func ReadAssignments(r io.Reader, name string) (map[string]int, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	if trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(trimmed) > 0 && trimmed[0] == '{' {
		var rep struct {
			Assignments []struct {
				ID      *string `json:"id"`
				Cluster *int    `json:"cluster"`
			} `json:"assignments"`
		}
		if err := json.NewDecoder(br).Decode(&rep); err != nil {
			return nil, fmt.Errorf("report: %s: not a topics JSON report: %w", name, err)
		}
		if rep.Assignments == nil {
			return nil, fmt.Errorf("report: %s: no \"assignments\" array", name)
		}
		out := make(map[string]int, len(rep.Assignments))
		for i, a := range rep.Assignments {
			if a.ID == nil || a.Cluster == nil {
				return nil, fmt.Errorf("report: %s: assignment %d lacks \"id\" or \"cluster\"", name, i)
			}
			if _, dup := out[*a.ID]; dup {
				return nil, fmt.Errorf("report: %s: assignment %d: duplicate id %q", name, i, *a.ID)
			}
			out[*a.ID] = *a.Cluster
		}
		return out, nil
	}
	cr := csv.NewReader(br)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("report: %s: reading CSV header: %w", name, err)
	}
	idCol, clCol := -1, -1
	for i, h := range header {
		switch strings.TrimSpace(h) {
		case "id":
			idCol = i
		case "cluster":
			clCol = i
		}
	}
	if idCol < 0 || clCol < 0 {
		return nil, fmt.Errorf("report: %s:1: CSV header %q lacks an \"id\" or \"cluster\" column", name, strings.Join(header, ","))
	}
	out := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("report: %s: %w", name, err)
		}
		c, err := strconv.Atoi(strings.TrimSpace(rec[clCol]))
		if err != nil {
			return nil, fmt.Errorf("report: %s:%d: cluster %q is not an integer", name, line, rec[clCol])
		}
		if _, dup := out[rec[idCol]]; dup {
			return nil, fmt.Errorf("report: %s:%d: duplicate id %q", name, line, rec[idCol])
		}
		out[rec[idCol]] = c
	}
	return out, nil
}
