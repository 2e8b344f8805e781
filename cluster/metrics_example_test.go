package cluster_test

import (
	"fmt"

	"github.com/topics-dev/topics/cluster"
)

// Score compares k-means labels with gold labels. The last document was
// empty, so KMeans left it unassigned (-1): it counts as a cluster of its own.
func ExampleScore() {
	gold := []string{"sport", "sport", "sport", "tech", "tech", "tech", "politics", "politics"}
	pred := []int{0, 0, 1, 1, 1, 1, 2, -1}
	s, err := cluster.Score(gold, pred)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("n=%d classes=%d clusters=%d unassigned=%d\n", s.N, s.Classes, s.Clusters, s.Unassigned)
	fmt.Printf("NMI %.3f  AMI %.3f  ARI %.3f\n", s.NMI, s.AMI, s.ARI)
	fmt.Printf("homogeneity %.3f  completeness %.3f  V %.3f  purity %.3f\n",
		s.Homogeneity, s.Completeness, s.VMeasure, s.Purity)
	fmt.Printf("B-cubed P %.3f  R %.3f  F1 %.3f\n", s.BCubedPrecision, s.BCubedRecall, s.BCubedF1)

	_, err = cluster.Score(gold, pred[:3])
	fmt.Println(err)
	// Output:
	// n=8 classes=3 clusters=4 unassigned=1
	// NMI 0.698  AMI 0.462  ARI 0.429
	// homogeneity 0.740  completeness 0.660  V 0.698  purity 0.875
	// B-cubed P 0.812  R 0.708  F1 0.757
	// cluster: 8 gold and 3 predicted labels: label counts differ
}

// FilterLabeled leaves out the documents without a gold label before
// scoring.
func ExampleFilterLabeled() {
	gold := []string{"sport", "", "tech", "tech", ""}
	pred := []int{0, 0, 1, 1, 1}
	gold, pred = cluster.FilterLabeled(gold, pred)
	fmt.Println(gold, pred)
	s, err := cluster.Score(gold, pred)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("n=%d NMI %.3f\n", s.N, s.NMI)
	// Output:
	// [sport tech tech] [0 1 1]
	// n=3 NMI 1.000
}
