package main

import (
	"fmt"

	"github.com/topics-dev/topics/cluster"
)

// related groups the documents with cluster.RelatedGroups at the default
// threshold (0.5) and neighbours (10): the previous default (average
// linkage on the LSA vectors), centroid linkage on the LSA vectors, and the
// new default (centroid linkage on LSA and TF-IDF together), scored by B-cubed against the story ids (corpora
// without them: the gold labels, for time and group counts only).
//
// Columns: corpus, documents, method, B-cubed precision, recall, F1, groups
// (singletons included), seconds, CPU seconds.
func related(d *data, s spec) {
	gold := d.gold(s)
	for _, c := range []struct {
		name string
		opt  cluster.RelatedOptions
	}{
		{"average, LSA (before)", cluster.RelatedOptions{Linkage: cluster.AverageLink}},
		{"centroid, LSA", cluster.RelatedOptions{Linkage: cluster.CentroidLink}},
		{"centroid, LSA + TF-IDF (default)", cluster.RelatedOptions{Linkage: cluster.CentroidLink, Terms: d.TFIDF}},
	} {
		t0, c0 := now(), cpuSeconds()
		g, err := cluster.RelatedGroups(d.Vectors, c.opt)
		if err != nil {
			fatal("%v", err)
		}
		secs, cpu := since(t0), cpuSeconds()-c0
		sc := scores(gold, g.Labels)
		fmt.Printf("| %s | %d | %s | %.3f | %.3f | %.3f | %d | %.1f | %.1f |\n",
			s.Name, len(gold), c.name, sc.BCubedPrecision, sc.BCubedRecall, sc.BCubedF1, len(g.Sizes), secs, cpu)
	}
}
