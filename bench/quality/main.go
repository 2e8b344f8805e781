// Command quality measures, on the labelled corpora of ../shared/corpora,
// how well topics finds structure without being told k (issue #14): the two
// levels that cluster.ChooseLevels chooses, cuts of the cluster tree at the
// two gold levels of ecbplus-dev, and the story groups of
// cluster.RelatedGroups. Vectors come from topics.FitVectors with the
// command's default settings (sublinear TF, min-df 2, max-df 0.5, English
// stop words, 100 LSA dimensions, seed 0), as `topics cluster` computes them.
//
//	go run ./bench/quality [-corpora DIR] [-cache DIR] COMMAND [CORPUS...]
//
// Commands (each prints Markdown table rows, one per corpus):
//
//	levels    chosen fine and coarse k, NMI of each against the gold partition,
//	          NMI of k-means at the gold k, wall and CPU seconds
//	treecuts  the Ward tree of an over-clustered run (k = ⌈3√n⌉) cut at the
//	          gold k of every target, against k-means at that k
//	related   B-cubed precision, recall and F1 of related groups, the previous
//	          default (average linkage on LSA) beside the new one (centroid
//	          linkage on LSA + TF-IDF), wall and CPU seconds
//	curve     NMI of k-means (10 restarts) over a grid of k, for reference
//	scores    the score curve of ChooseLevels (stability, modularity, score
//	          per candidate k, -seed as for levels) beside the NMI of k-means
//	          (2 restarts) at each k: why a k was chosen, and what it cost
//	nest      ways to make a coarse level that holds the fine clusters, at the
//	          levels ChooseLevels chooses or at -fine and -coarse: grouping by
//	          majority (as ChooseLevels), the Ward cut, and top-down (k-means
//	          at the coarse k, each cluster split in proportion to its size)
//
// Corpora are the targets of issue #14: 20ng, 20ng-4, bbc, r8, agnews,
// uci-story, ecb-story, ecb-topic (all when none is named), and reuters
// (the whole Reuters-21578 file, for time at scale). NAME@F takes a uniform
// sample of a fraction F of the documents (seed 1), vectorized on its own:
// uci-story@0.2. bench/quality.sh runs every table of bench/results.md.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"syscall"
	"time"

	"github.com/topics-dev/topics/cluster"
)

// levelSeed seeds the candidate runs of ChooseLevels (-seed): the vectors
// and the fine clustering keep seed 0, so other values measure how much the
// choice itself depends on the seed.
var levelSeed = flag.Uint64("seed", 0, "levels: seed of ChooseLevels' candidate runs")

// topDown sets LevelOptions.TopDown in levels (-topdown).
var topDown = flag.Bool("topdown", false, "levels: fine clusters made inside the coarse groups (LevelOptions.TopDown)")

func main() {
	dir := flag.String("corpora", "../shared/corpora", "directory of the shared corpora")
	cache := flag.String("cache", "", "directory to cache vectors in (empty: no cache)")
	flag.Parse()
	if flag.NArg() < 1 {
		fatal("usage: quality [-corpora DIR] [-cache DIR] levels|treecuts|related|curve|scores|nest [CORPUS...]")
	}
	cmd, names := flag.Arg(0), flag.Args()[1:]
	if len(names) == 0 {
		for _, s := range targets[:8] {
			names = append(names, s.Name)
		}
	}
	cmds := map[string]func(*data, spec){
		"levels":   levels,
		"treecuts": treeCuts,
		"related":  related,
		"curve":    curve,
		"scores":   scoreCurve,
		"nest":     nest,
	}
	run, ok := cmds[cmd]
	if !ok {
		fatal("unknown command %q", cmd)
	}
	for _, name := range names {
		s, err := findSpec(name)
		if err != nil {
			fatal("%v", err)
		}
		d, err := load(*dir, *cache, s)
		if err != nil {
			fatal("%s: %v", name, err)
		}
		run(d, s)
	}
}

func fatal(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "quality: "+format+"\n", a...)
	os.Exit(1)
}

func now() time.Time            { return time.Now() }
func since(t time.Time) float64 { return time.Since(t).Seconds() }

// cpuSeconds returns the user and system CPU time of the process so far:
// steadier than wall time on a shared machine.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// kmeansRand is the random source topics.Fit gives k-means for seed 0.
func kmeansRand() *rand.Rand { return rand.New(rand.NewPCG(0, 2)) }

// kmOptions returns the options with which the pipeline's defaults run
// k-means with k clusters on d (k 0 for ChooseLevels): kmeansRand, and the
// default document weights (topics.Config.DocWeights) with unweighted
// seeding, as topics.Fit sets them.
func kmOptions(d *data, k int) cluster.KMeansOptions {
	return cluster.KMeansOptions{K: k, Rand: kmeansRand(), Weights: d.Weights, SeedUnweighted: d.Weights != nil}
}

// scores compares pred with the gold labels, documents without one left out.
func scores(gold []string, pred []int) cluster.Scores {
	t, p := cluster.FilterLabeled(gold, pred)
	s, err := cluster.Score(t, p)
	if err != nil {
		fatal("%v", err)
	}
	return s
}

func goldK(gold []string) int {
	m := map[string]bool{}
	for _, g := range gold {
		if g != "" {
			m[g] = true
		}
	}
	return len(m)
}

// kmeansNMI runs k-means with the command's defaults (10 restarts, seed 0).
func kmeansNMI(d *data, gold []string, k int) float64 {
	res, err := cluster.KMeans(d.Vectors, kmOptions(d, k))
	if err != nil {
		fatal("%v", err)
	}
	return scores(gold, res.Labels).NMI
}

// curve prints the NMI of k-means against the gold partition over a grid of k.
func curve(d *data, s spec) {
	gold := d.gold(s)
	n, _ := d.Vectors.Dims()
	for _, k := range (cluster.LevelOptions{}).Candidates(n) {
		fmt.Printf("| %s | %d | %.3f |\n", s.Name, k, kmeansNMI(d, gold, k))
	}
}
