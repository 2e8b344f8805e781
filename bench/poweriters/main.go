// Command poweriters measures how the number of power iterations q and
// extra columns p of the randomized SVD change clustering quality and the
// LSA's CPU time (issue #16: the default number of power iterations). For
// one corpus it fits the TF-IDF matrix once with topics' defaults, then for
// each q:p setting and seeds 0..S-1 runs the LSA (100 dimensions) and
// k-means (10 restarts) at the gold k, and prints one Markdown row per
// setting: NMI mean ± sample sd, mean CPU seconds of the LSA and of
// k-means, and the NMI of each seed.
//
//	go run ./bench/poweriters -f 20newsgroups.jsonl.gz -gold label -k 20 -c 7:10,5:10
//
// CPU seconds are those of the whole process during each step (getrusage),
// so they are comparable between the rows of one run, not across machines.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"syscall"

	"gonum.org/v1/gonum/stat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

func main() {
	dir := flag.String("corpora", "../shared/corpora", "directory of the shared corpora")
	file := flag.String("f", "20newsgroups.jsonl.gz", "corpus file in the corpora directory")
	gold := flag.String("gold", "label", "field holding the gold partition (label or story)")
	k := flag.Int("k", 20, "number of clusters (the gold k)")
	settings := flag.String("c", "7:10,5:10", "comma-separated q:p settings")
	seeds := flag.Int("seeds", 5, "seeds 0..seeds-1")
	flag.Parse()
	docs, err := corpus.Read(filepath.Join(*dir, *file), corpus.Options{LabelField: *gold})
	if err != nil {
		log.Fatal(err)
	}
	truth := make([]string, len(docs))
	for i, d := range docs {
		truth[i] = d.Label
	}
	cfg := topics.DefaultConfig()
	cfg.Dims, cfg.PowerIters = 1, 0 // only the TF-IDF matrix is used
	m, err := topics.FitVectors(context.Background(), docs, cfg)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range strings.Split(*settings, ",") {
		var q, p int
		if _, err := fmt.Sscanf(s, "%d:%d", &q, &p); err != nil {
			log.Fatalf("setting %q: want q:p", s)
		}
		row(*file, m.TFIDF, truth, *k, q, p, *seeds)
	}
}

// row prints the NMI and CPU seconds of one q:p setting over the seeds.
func row(name string, x *vectorize.Sparse, truth []string, k, q, p, seeds int) {
	var nmi []float64
	var lsaCPU, kmCPU float64
	for s := range seeds {
		opt := vectorize.LSAOptions{Dims: 100, Oversample: p, PowerIters: q, Rand: rand.New(rand.NewPCG(uint64(s), 7))}
		if q == 0 {
			opt.PowerIters = -1
		}
		c0 := cpu()
		_, v, err := vectorize.FitTransformLSA(x, opt)
		if err != nil {
			log.Fatal(err)
		}
		c1 := cpu()
		res, err := cluster.KMeans(v, cluster.KMeansOptions{K: k, Restarts: 10, Rand: rand.New(rand.NewPCG(uint64(s), 0))})
		if err != nil {
			log.Fatal(err)
		}
		lsaCPU, kmCPU = lsaCPU+c1-c0, kmCPU+cpu()-c1
		tr, pr := cluster.FilterLabeled(truth, res.Labels)
		sc, err := cluster.Score(tr, pr)
		if err != nil {
			log.Fatal(err)
		}
		nmi = append(nmi, sc.NMI)
	}
	mean, sd := stat.MeanStdDev(nmi, nil)
	fmt.Printf("| %s | %d | %d | %.4f ± %.4f | %.2f | %.2f | %.3f |\n", name, q, p, mean, sd,
		lsaCPU/float64(seeds), kmCPU/float64(seeds), nmi)
}

// cpu returns the CPU seconds (user + system) of the process so far.
func cpu() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		log.Fatal(err)
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
