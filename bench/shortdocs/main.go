// Command shortdocs measures document weights for k-means (issue #14): with
// the pipeline's own vectors (topics.FitVectors, default Config, seed s) and
// k-means (cluster.KMeans with the Config's restarts, iterations and random
// stream, at the gold k), it clusters each corpus once per weight rule and
// seed and prints NMI against the gold partition, mean ± sd over the seeds,
// and the number of clusters whose majority gold class holds under 25% of
// their members.
//
// A document's weight depends on t, its number of distinct TF-IDF terms,
// and m, the median of t over the non-empty documents:
//
//	none    1
//	length  the pipeline's DocWeightsLength (min(1, t/m)^4), from
//	        topics.DocWeights.Weigher
//	P<p>    min(1, t/m)^p
//	q<p>    min(1, t/m)^P with P such that the document at the p-th
//	        percentile of t weighs ½
//	h<p>    min(1, t/m)^P with P such that the documents shorter than the
//	        median weigh p% on average
//	lsa<p>  min(1, e/median e)^p, e the squared norm of the document's unit
//	        TF-IDF row projected on the LSA components
//	a<T>    min(1, t/min(m, T))^4: an absolute cap on the reference length
//	idf<p>  min(1, s/median s)^p, s the mean IDF of the document's terms
//	        weighted by their squared TF-IDF values
//
// k-means++ ignores the weights (KMeansOptions.SeedUnweighted, as the
// pipeline) unless -weighted-seeding is given.
//
//	go run ./bench/shortdocs -corpora ../shared/corpora -seeds 5 [-sample 0.5] [-only 20ng,bbc] [-modes ...]
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
)

// spec names a corpus and its gold partition, as bench/quality does.
type spec struct {
	Name, File, Gold string
	Keep             []string
}

var specs = []spec{
	{Name: "20ng", File: "20newsgroups.jsonl.gz", Gold: "label"},
	{Name: "20ng-4", File: "20newsgroups.jsonl.gz", Gold: "label",
		Keep: []string{"alt.atheism", "talk.religion.misc", "comp.graphics", "sci.space"}},
	{Name: "bbc", File: "bbc.jsonl.gz", Gold: "label"},
	{Name: "r8", File: "reuters-r8.jsonl.gz", Gold: "label"},
	{Name: "agnews", File: "agnews-test.jsonl.gz", Gold: "label"},
	{Name: "uci-story", File: "uci-news-aggregator-sample.jsonl.gz", Gold: "story"},
	{Name: "ecb-story", File: "ecbplus-dev.jsonl.gz", Gold: "story"},
}

// mode is a weight rule: Kind "P" (min(1, t/m)^Power), "q" (the power
// that gives the document at the Power-th length percentile weight ½),
// "lsa" (min(1, e/median e)^Power, e the share of a document's TF-IDF
// vector in the LSA subspace) or "none".
type mode struct {
	Name, Kind string
	Power      float64
}

func main() {
	dir := flag.String("corpora", "../shared/corpora", "directory of the shared corpora")
	seeds := flag.Int("seeds", 5, "seeds 0..seeds-1")
	sample := flag.Float64("sample", 0, "fraction of documents kept (0: all), drawn with seed 1")
	only := flag.String("only", "", "comma-separated corpus names (default: all)")
	weightedSeeds := flag.Bool("weighted-seeding", false, "k-means++ draws seeds with probability ∝ D²·weight (default: ∝ D², KMeansOptions.SeedUnweighted)")
	modes := flag.String("modes", "none,P1,P2,length,P8,P16,h25,q25,lsa2", "comma-separated modes: none, length, P<power>, h<percent>, q<percentile>, lsa<power>, a<terms>, idf<power>")
	flag.Parse()
	ms, err := parseModes(*modes)
	if err != nil {
		fail(err)
	}
	fmt.Printf("| corpus | docs | k | median terms | mode | NMI mean ± sd | NMI per seed | clusters < 25%% majority |\n")
	fmt.Printf("| --- | ---: | ---: | ---: | --- | ---: | --- | --- |\n")
	for _, s := range specs {
		if *only != "" && !slices.Contains(strings.Split(*only, ","), s.Name) {
			continue
		}
		if err := run(*dir, s, *sample, *seeds, ms, !*weightedSeeds); err != nil {
			fail(fmt.Errorf("%s: %w", s.Name, err))
		}
	}
}

func parseModes(list string) ([]mode, error) {
	var out []mode
	for _, name := range strings.Split(list, ",") {
		md := mode{Name: name, Kind: strings.TrimRight(name, "0123456789.")}
		if md.Kind != "none" && md.Kind != "length" {
			if _, err := fmt.Sscanf(name[len(md.Kind):], "%g", &md.Power); err != nil {
				return nil, fmt.Errorf("mode %q: %v", name, err)
			}
		}
		if !slices.Contains([]string{"none", "length", "P", "q", "lsa", "a", "idf", "h"}, md.Kind) {
			return nil, fmt.Errorf("mode %q: unknown", name)
		}
		out = append(out, md)
	}
	return out, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "shortdocs:", err)
	os.Exit(1)
}

// read returns the documents of s (a sample when frac > 0) and their gold
// labels.
func read(dir string, s spec, frac float64) ([]corpus.Document, []string, error) {
	path := filepath.Join(dir, s.File)
	docs, err := corpus.Read(path, corpus.Options{})
	if err != nil {
		return nil, nil, err
	}
	gold := docs
	if s.Gold == "story" {
		if gold, err = corpus.Read(path, corpus.Options{LabelField: "story"}); err != nil {
			return nil, nil, err
		}
	}
	rnd := rand.New(rand.NewPCG(1, 0))
	var out []corpus.Document
	var labels []string
	for i, d := range docs {
		if len(s.Keep) > 0 && !slices.Contains(s.Keep, d.Label) {
			continue
		}
		if frac > 0 && rnd.Float64() >= frac {
			continue
		}
		out = append(out, d)
		labels = append(labels, gold[i].Label)
	}
	return out, labels, nil
}

func run(dir string, s spec, frac float64, seeds int, modes []mode, seedUnweighted bool) error {
	docs, gold, err := read(dir, s, frac)
	if err != nil {
		return err
	}
	k := goldK(gold)
	cfg := topics.DefaultConfig()
	nmi := make([][]float64, len(modes))
	mixed := make([][]string, len(modes))
	var median float64
	start := time.Now()
	for seed := range seeds {
		cfg.Seed = uint64(seed)
		m, err := topics.FitVectors(context.Background(), docs, cfg)
		if err != nil {
			return err
		}
		terms := make([]float64, len(docs))
		for i := range docs {
			terms[i] = float64(m.TFIDF.RowNNZ(i))
		}
		median = medianPositive(terms)
		energy := lsaEnergy(m)
		idf := meanIDF(m)
		for j, md := range modes {
			var w []float64
			switch md.Kind {
			case "length":
				w = topics.DocWeightsLength.Weights(m.TFIDF)
			case "P":
				w = powerWeights(terms, median, md.Power)
			case "q":
				w = powerWeights(terms, median, quantilePower(terms, median, md.Power))
			case "lsa":
				w = powerWeights(energy, medianPositive(energy), md.Power)
			case "h":
				pw := halfPower(terms, median, md.Power/100)
				w = powerWeights(terms, median, pw)
				if seed == 0 {
					fmt.Fprintf(os.Stderr, "%s %s: P = %.2f\n", name(s, frac), md.Name, pw)
				}
			case "idf":
				w = powerWeights(idf, medianPositive(idf), md.Power)
			case "a":
				w = powerWeights(terms, min(median, md.Power), 4)
			}
			res, err := cluster.KMeans(m.Vectors, cluster.KMeansOptions{
				K: k, Restarts: cfg.Restarts, MaxIter: cfg.MaxIter, BatchSize: cfg.BatchSize,
				Rand: rand.New(rand.NewPCG(cfg.Seed, 2)), Weights: w, SeedUnweighted: seedUnweighted,
			})
			if err != nil {
				return err
			}
			v, mix, err := score(gold, res)
			if err != nil {
				return err
			}
			nmi[j] = append(nmi[j], v)
			mixed[j] = append(mixed[j], fmt.Sprint(mix))
		}
	}
	for j, md := range modes {
		mean, sd := stat.MeanStdDev(nmi[j], nil)
		per := make([]string, len(nmi[j]))
		for i, v := range nmi[j] {
			per[i] = fmt.Sprintf("%.3f", v)
		}
		fmt.Printf("| %s | %d | %d | %g | %s | %.3f ± %.3f | %s | %s |\n", name(s, frac), len(docs), k, median, md.Name,
			mean, sd, strings.Join(per, " "), strings.Join(mixed[j], ", "))
	}
	fmt.Fprintf(os.Stderr, "%s: %.0f s\n", name(s, frac), time.Since(start).Seconds())
	return nil
}

func name(s spec, frac float64) string {
	if frac > 0 {
		return fmt.Sprintf("%s@%g", s.Name, frac)
	}
	return s.Name
}

// medianPositive returns the median of the positive values of xs.
func medianPositive(xs []float64) float64 {
	var pos []float64
	for _, v := range xs {
		if v > 0 {
			pos = append(pos, v)
		}
	}
	slices.Sort(pos)
	return stat.Quantile(0.5, stat.LinInterp, pos, nil)
}

// halfPower returns the power P with which the documents shorter than the
// median weigh target on average: mean over t < m of (t/m)^P = target,
// found by bisection in [0, 64] (0 when no document is shorter).
func halfPower(terms []float64, m, target float64) float64 {
	var short []float64
	for _, t := range terms {
		if t > 0 && t < m {
			short = append(short, t/m)
		}
	}
	if len(short) == 0 {
		return 0
	}
	mean := func(p float64) float64 {
		var s float64
		for _, r := range short {
			s += math.Pow(r, p)
		}
		return s / float64(len(short))
	}
	lo, hi := 0.0, 64.0
	for range 60 {
		mid := (lo + hi) / 2
		if mean(mid) > target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// quantilePower returns the power p with which the document at the q-th
// percentile of length (over non-empty documents) gets weight ½:
// (t_q/m)^p = ½; 0 when t_q = m.
func quantilePower(terms []float64, m, q float64) float64 {
	var pos []float64
	for _, v := range terms {
		if v > 0 {
			pos = append(pos, v)
		}
	}
	slices.Sort(pos)
	tq := stat.Quantile(q/100, stat.LinInterp, pos, nil)
	if tq >= m {
		return 0
	}
	return math.Ln2 / math.Log(m/tq)
}

// lsaEnergy returns, per document, the squared norm of its unit TF-IDF row
// projected on the LSA components: the share of it the LSA space keeps.
func lsaEnergy(m *topics.Model) []float64 {
	n, _ := m.TFIDF.Dims()
	var proj mat.Dense
	proj.ReuseAs(n, m.LSA.Dims())
	m.TFIDF.MulDenseTo(&proj, m.LSA.Components().T())
	out := make([]float64, n)
	for i := range n {
		r := floats.Norm(proj.RawRowView(i), 2)
		out[i] = r * r
	}
	return out
}

// meanIDF returns, per document, the mean IDF of its terms weighted by
// their squared TF-IDF values (which sum to 1 in a unit row).
func meanIDF(m *topics.Model) []float64 {
	n, _ := m.TFIDF.Dims()
	idf := m.Vectorizer.IDF()
	out := make([]float64, n)
	for i := range n {
		ind, val := m.TFIDF.Row(i)
		for j, c := range ind {
			out[i] += val[j] * val[j] * idf[c]
		}
	}
	return out
}

// powerWeights returns min(1, t/m)^p per value t (nil for p = 0: all 1).
func powerWeights(terms []float64, m, p float64) []float64 {
	if p == 0 {
		return nil
	}
	w := make([]float64, len(terms))
	for i, t := range terms {
		w[i] = math.Pow(min(1, t/m), p)
	}
	return w
}

// goldK returns the number of distinct non-empty gold labels.
func goldK(gold []string) int {
	seen := map[string]bool{}
	for _, g := range gold {
		if g != "" {
			seen[g] = true
		}
	}
	return len(seen)
}

// score returns the NMI of res against gold (unassigned documents pooled
// into one cluster, as topics.Evaluate does) and the number of clusters
// whose majority gold class holds under 25% of their labelled members.
func score(gold []string, res *cluster.Result) (float64, int, error) {
	labels := slices.Clone(res.Labels)
	for i, c := range labels {
		if c < 0 {
			labels[i] = res.K
		}
	}
	t, p := cluster.FilterLabeled(gold, labels)
	sc, err := cluster.Score(t, p)
	if err != nil {
		return 0, 0, err
	}
	counts := make([]map[string]int, res.K+1)
	for i, c := range p {
		if counts[c] == nil {
			counts[c] = map[string]int{}
		}
		counts[c][t[i]]++
	}
	mixed := 0
	for _, cnt := range counts[:res.K] {
		total, top := 0, 0
		for _, v := range cnt {
			total += v
			top = max(top, v)
		}
		if total > 0 && float64(top) < 0.25*float64(total) {
			mixed++
		}
	}
	return sc.NMI, mixed, nil
}
