package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

var (
	nestFine   = flag.Int("fine", 0, "nest: fine k (0: the one ChooseLevels chooses, with -seed)")
	nestCoarse = flag.Int("coarse", 0, "nest: coarse k (0: the one ChooseLevels chooses, with -seed)")
)

// nest compares ways of making a coarse level that holds the fine clusters,
// at a fine and a coarse k (-fine, -coarse; by default those ChooseLevels
// chooses): the fine k-means clusters grouped by the majority of their rows
// in a k-means run at the coarse k (what ChooseLevels does, here with that
// run's 10 restarts), the Ward tree of the fine clusters cut at the coarse
// k, and top-down: k-means at the coarse k, each of its clusters then split
// by k-means into a share of the fine k proportional to its size.
//
// Columns: corpus, fine k, coarse k, NMI of the fine k-means, of the
// k-means at the coarse k (not nested), of the fine clusters grouped by
// majority, of the Ward cut, and of top-down's fine clusters (their count in
// parentheses; the coarse level of top-down is the coarse k-means itself).
func nest(d *data, s spec) {
	gold := d.gold(s)
	fk, ck := *nestFine, *nestCoarse
	if fk == 0 || ck == 0 {
		lv, err := cluster.ChooseLevels(d.Vectors, cluster.LevelOptions{
			KMeans: kmOptions(d, 0),
			Rand:   rand.New(rand.NewPCG(*levelSeed, 5)),
		})
		if err != nil {
			fatal("%v", err)
		}
		fk, ck = lv.FineK, lv.CoarseScoreK
	}
	fine := kmeansAt(d.Vectors, fk, 0)
	coarse := kmeansAt(d.Vectors, ck, 0)
	byMajority := mapLabels(fine.Labels, majority(fine.Labels, coarse.Labels, fine.K))
	tree, err := cluster.Agglomerate(d.Vectors, fine.Labels, fine.K, cluster.AgglomerateOptions{})
	if err != nil {
		fatal("%v", err)
	}
	ward := mapLabels(fine.Labels, tree.Cut(ck))
	topDown, n := splitWithin(d.Vectors, coarse, fk)
	fmt.Printf("| %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f (%d) |\n", s.Name, fk, ck,
		scores(gold, fine.Labels).NMI, scores(gold, coarse.Labels).NMI, scores(gold, byMajority).NMI,
		scores(gold, ward).NMI, scores(gold, topDown).NMI, n)
}

// kmeansAt runs k-means with the command's defaults (10 restarts) and seed
// stream s.
func kmeansAt(x *mat.Dense, k int, s uint64) *cluster.Result {
	res, err := cluster.KMeans(x, cluster.KMeansOptions{K: k, Rand: rand.New(rand.NewPCG(s, 2))})
	if err != nil {
		fatal("%v", err)
	}
	return res
}

// majority returns, for each of the k fine clusters, the coarse label held
// by most of its rows (the smallest on ties).
func majority(fine, coarse []int, k int) []int {
	counts := make([][]int, k)
	groups := make([]int, k)
	for i, f := range fine {
		if f < 0 || coarse[i] < 0 {
			continue
		}
		for len(counts[f]) <= coarse[i] {
			counts[f] = append(counts[f], 0)
		}
		counts[f][coarse[i]]++
	}
	for f, c := range counts {
		for g, v := range c {
			if v > c[groups[f]] {
				groups[f] = g
			}
		}
	}
	return groups
}

// mapLabels returns groups[labels[i]] for each row (-1 stays -1).
func mapLabels(labels, groups []int) []int {
	out := make([]int, len(labels))
	for i, l := range labels {
		out[i] = -1
		if l >= 0 {
			out[i] = groups[l]
		}
	}
	return out
}

// splitWithin clusters the rows of each coarse cluster with k-means into
// max(1, round(fk·size/n)) clusters and returns the fine labels and their
// number.
func splitWithin(x *mat.Dense, coarse *cluster.Result, fk int) ([]int, int) {
	_, dims := x.Dims()
	n := 0
	for _, s := range coarse.Sizes {
		n += s
	}
	rows := make([][]int, coarse.K)
	for i, l := range coarse.Labels {
		if l >= 0 {
			rows[l] = append(rows[l], i)
		}
	}
	fine := mapLabels(coarse.Labels, make([]int, coarse.K)) // -1 for zero rows
	next := 0
	for g, rs := range rows {
		kc := max(1, int(math.Round(float64(fk)*float64(len(rs))/float64(n))))
		sub := mat.NewDense(len(rs), dims, nil)
		for r, i := range rs {
			sub.SetRow(r, x.RawRowView(i))
		}
		res := kmeansAt(sub, kc, uint64(g)+1)
		for r, i := range rs {
			fine[i] = -1
			if res.Labels[r] >= 0 {
				fine[i] = next + res.Labels[r]
			}
		}
		next += res.K
	}
	return fine, next
}
