package main

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/topics-dev/topics/cluster"
)

// levels runs cluster.ChooseLevels as the default path of `topics cluster`
// does (no k, 10 restarts for the fine level, seed 0) and scores both
// levels against the gold partition and against k-means at the gold k.
//
// Columns: corpus, documents, gold k, candidate range, fine k, NMI fine,
// coarse k (the candidate that gave it), NMI coarse, NMI of k-means at the
// gold k, best level − gold k, worst level − gold k, seconds, CPU seconds.
func levels(d *data, s spec) {
	gold := d.gold(s)
	k := goldK(gold)
	ref := kmeansNMI(d, gold, k)
	t0, c0 := now(), cpuSeconds()
	lv, err := cluster.ChooseLevels(d.Vectors, cluster.LevelOptions{
		KMeans:  kmOptions(d, 0),
		Rand:    rand.New(rand.NewPCG(*levelSeed, 5)), // the stream the pipeline gives it
		TopDown: *topDown,
	})
	if err != nil {
		fatal("%v", err)
	}
	secs, cpu := since(t0), cpuSeconds()-c0
	fine := scores(gold, lv.Fine.Labels).NMI
	coarse := scores(gold, lv.CoarseLabels()).NMI
	coarseK := fmt.Sprint(lv.CoarseK)
	if lv.CoarseScoreK != lv.CoarseK {
		coarseK = fmt.Sprintf("%d (of %d)", lv.CoarseK, lv.CoarseScoreK)
	}
	name := s.Name
	if *levelSeed != 0 {
		name = fmt.Sprintf("%s (candidate seed %d)", s.Name, *levelSeed)
	}
	if *topDown {
		name += " top-down"
	}
	fmt.Printf("| %s | %d | %d | %d–%d | %d | %.3f | %s | %.3f | %.3f | %+.3f | %+.3f | %.0f | %.0f |\n",
		name, len(gold), k, lv.Scores[0].K, lv.Scores[len(lv.Scores)-1].K, lv.Fine.K, fine, coarseK, coarse,
		ref, max(fine, coarse)-ref, min(fine, coarse)-ref, secs, cpu)
}

// treeCuts over-clusters at the top of the default candidate range, builds
// the Ward tree of those clusters and cuts it at the gold k of the corpus's
// gold partitions, beside k-means at that k.
//
// Columns: corpus, k over-clustered, gold partition, gold k, NMI of the
// tree cut, NMI of k-means at the gold k.
func treeCuts(d *data, s spec) {
	n, _ := d.Vectors.Dims()
	over := int(math.Ceil(3 * math.Sqrt(float64(n))))
	res, err := cluster.KMeans(d.Vectors, kmOptions(d, over))
	if err != nil {
		fatal("%v", err)
	}
	tree, err := cluster.Agglomerate(d.Vectors, res.Labels, res.K, cluster.AgglomerateOptions{})
	if err != nil {
		fatal("%v", err)
	}
	for _, g := range []struct {
		name string
		gold []string
	}{{"label", d.Labels}, {"story", d.Stories}} {
		k := goldK(g.gold)
		if k < 2 {
			continue
		}
		groups := tree.Cut(k)
		cut := make([]int, len(res.Labels))
		for i, l := range res.Labels {
			cut[i] = -1
			if l >= 0 {
				cut[i] = groups[l]
			}
		}
		fmt.Printf("| %s | %d | %s | %d | %.3f | %.3f |\n", s.Name, res.K, g.name, k, scores(g.gold, cut).NMI, kmeansNMI(d, g.gold, k))
	}
}
