package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/topics-dev/topics/cluster"
)

// scoreCurve runs cluster.ChooseLevels as levels does and prints the score
// of every candidate k beside the NMI against the gold partition of k-means
// at that k (2 restarts, seed 0): why a k was chosen, and what it cost.
//
// Columns: corpus, k, stability, modularity, score, NMI at k; the chosen
// fine and coarse candidates are marked.
func scoreCurve(d *data, s spec) {
	gold := d.gold(s)
	lv, err := cluster.ChooseLevels(d.Vectors, cluster.LevelOptions{
		KMeans: kmOptions(d, 0),
		Rand:   rand.New(rand.NewPCG(*levelSeed, 5)),
	})
	if err != nil {
		fatal("%v", err)
	}
	for _, sc := range lv.Scores {
		opt := kmOptions(d, sc.K)
		opt.Restarts = 2
		res, err := cluster.KMeans(d.Vectors, opt)
		if err != nil {
			fatal("%v", err)
		}
		mark := ""
		if sc.K == lv.FineK {
			mark += " fine"
		}
		if sc.K == lv.CoarseScoreK {
			mark += " coarse"
		}
		fmt.Printf("| %s | %d | %.3f | %.3f | %.3f | %.3f |%s\n", s.Name, sc.K, sc.Stability, sc.Modularity, sc.Score,
			scores(gold, res.Labels).NMI, mark)
	}
}
