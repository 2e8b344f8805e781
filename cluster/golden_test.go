package cluster_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// golden is a file written by scripts/golden_cluster.py: unit rows X from
// scikit-learn's TF-IDF → TruncatedSVD → Normalizer, and for each k the
// labels of sklearn's KMeans(n_clusters=k, n_init=10, random_state=0) with
// their spherical objective and cosine silhouette_score.
type golden struct {
	Name   string      `json:"name"`
	Rows   int         `json:"rows"`
	Cols   int         `json:"cols"`
	X      [][]float64 `json:"X"`
	KMeans []struct {
		K          int     `json:"k"`
		Labels     []int   `json:"labels"`
		Objective  float64 `json:"objective"`
		Silhouette float64 `json:"silhouette"`
	} `json:"kmeans"`
}

func loadGolden(t *testing.T, name string) (*golden, *mat.Dense) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "cluster", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.X) != g.Rows {
		t.Fatalf("%s: %d rows, header says %d", name, len(g.X), g.Rows)
	}
	x := mat.NewDense(g.Rows, g.Cols, nil)
	for i, row := range g.X {
		x.SetRow(i, row)
	}
	return &g, x
}

// sphericalObjective returns Σᵢ cos(xᵢ, c_label(i)) with c the normalized
// mean of each cluster, as the golden script computes it.
func sphericalObjective(x *mat.Dense, labels []int) float64 {
	_, d := x.Dims()
	sums := map[int][]float64{}
	for i, l := range labels {
		if sums[l] == nil {
			sums[l] = make([]float64, d)
		}
		floats.Add(sums[l], x.RawRowView(i))
	}
	var obj float64
	for i, l := range labels {
		obj += cluster.Cosine(x.RawRowView(i), sums[l])
	}
	return obj
}

func TestGolden(t *testing.T) {
	for _, name := range []string{"bbc300", "sample"} {
		g, x := loadGolden(t, name)
		for _, want := range g.KMeans {
			// Our objective of sklearn's labels: checks the objective's definition.
			if obj := sphericalObjective(x, want.Labels); !scalar.EqualWithinAbsOrRel(obj, want.Objective, 1e-9, 1e-12) {
				t.Errorf("%s k=%d: objective of sklearn's labels %v, script says %v", name, want.K, obj, want.Objective)
			}
			// Silhouette of sklearn's labels.
			if s := cluster.Silhouette(x, want.Labels); math.Abs(s-want.Silhouette) > 1e-9 {
				t.Errorf("%s k=%d: Silhouette %v, sklearn %v", name, want.K, s, want.Silhouette)
			}
			// Our clustering must be at least as good as sklearn's, within 0.5%.
			res, err := cluster.KMeans(x, cluster.KMeansOptions{K: want.K, Rand: seeded(1)})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, x, res)
			if res.K != want.K || res.Objective < want.Objective*(1-0.005) {
				t.Errorf("%s k=%d: K %d, objective %v, sklearn's %v", name, want.K, res.K, res.Objective, want.Objective)
			}
			t.Logf("%s k=%d: objective %.6f (sklearn %.6f, %+.3f%%), silhouette %.6f (sklearn %.6f), %d iterations",
				name, want.K, res.Objective, want.Objective, 100*(res.Objective/want.Objective-1),
				cluster.Silhouette(x, res.Labels), want.Silhouette, res.Iterations)
		}
	}
}
