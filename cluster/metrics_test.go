package cluster_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/topics-dev/topics/cluster"
)

// metricsTol is the tolerance against scikit-learn (absolute, or relative for
// values above 1 in magnitude).
const metricsTol = 1e-9

// metricsCase is one case of testdata/golden/metrics/metrics.json, written by
// scripts/golden_metrics.py with scikit-learn 1.2.1.
type metricsCase struct {
	Name         string    `json:"name"`
	Truth        []string  `json:"truth"`
	Pred         []int     `json:"pred"`
	Table        [][]int64 `json:"table"`
	N            int       `json:"n"`
	Classes      int       `json:"classes"`
	Clusters     int       `json:"clusters"`
	NMI          float64   `json:"nmi"`
	AMI          float64   `json:"ami"`
	ARI          float64   `json:"ari"`
	Homogeneity  float64   `json:"homogeneity"`
	Completeness float64   `json:"completeness"`
	VMeasure     float64   `json:"v_measure"`
	Purity       float64   `json:"purity"`
}

// labels returns the case's labelings, expanding a contingency table
// row-major as the script does.
func (c *metricsCase) labels() ([]string, []int) {
	if c.Table == nil {
		return c.Truth, c.Pred
	}
	var truth []string
	var pred []int
	for i, row := range c.Table {
		for j, n := range row {
			for range n {
				truth = append(truth, fmt.Sprintf("c%d", i))
				pred = append(pred, j)
			}
		}
	}
	return truth, pred
}

func loadMetricsGolden(t *testing.T) []metricsCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "metrics", "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Versions map[string]string `json:"versions"`
		Cases    []metricsCase     `json:"cases"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if g.Versions["sklearn"] != "1.2.1" {
		t.Fatalf("goldens made with scikit-learn %q, want 1.2.1", g.Versions["sklearn"])
	}
	if len(g.Cases) < 30 {
		t.Fatalf("only %d golden cases", len(g.Cases))
	}
	return g.Cases
}

// TestMetricsGolden checks every measure scikit-learn has against it.
func TestMetricsGolden(t *testing.T) {
	for _, c := range loadMetricsGolden(t) {
		t.Run(c.Name, func(t *testing.T) {
			truth, pred := c.labels()
			s, err := cluster.Score(truth, pred)
			if err != nil {
				t.Fatal(err)
			}
			if s.N != c.N || s.Classes != c.Classes || s.Clusters != c.Clusters {
				t.Errorf("N, Classes, Clusters = %d, %d, %d; want %d, %d, %d",
					s.N, s.Classes, s.Clusters, c.N, c.Classes, c.Clusters)
			}
			wantAMI := c.AMI
			if c.Name == "n2_match" {
				// Both sides all singletons: AMI is 0/0. scikit-learn's
				// rounding gives 0 for n = 2 (and 1 for n = 15, case
				// both_singletons); Score documents 1.
				wantAMI = 1
			}
			for _, m := range []struct {
				name      string
				got, want float64
			}{
				{"NMI", s.NMI, c.NMI},
				{"AMI", s.AMI, wantAMI},
				{"ARI", s.ARI, c.ARI},
				{"Homogeneity", s.Homogeneity, c.Homogeneity},
				{"Completeness", s.Completeness, c.Completeness},
				{"VMeasure", s.VMeasure, c.VMeasure},
				{"Purity", s.Purity, c.Purity},
			} {
				if !scalar.EqualWithinAbsOrRel(m.got, m.want, metricsTol, metricsTol) {
					t.Errorf("%s = %.17g, scikit-learn %.17g (diff %.3g)", m.name, m.got, m.want, m.got-m.want)
				}
			}
		})
	}
}

// bcubedBrute returns the B-cubed precision and recall straight from the
// definition, document by document, in O(n²). A negative pred is a
// singleton.
func bcubedBrute(truth []string, pred []int) (p, r float64) {
	for d := range truth {
		var sameCluster, sameClass, both float64
		for e := range truth {
			c := pred[d] >= 0 && pred[e] == pred[d] || d == e
			l := truth[e] == truth[d]
			if c {
				sameCluster++
			}
			if l {
				sameClass++
			}
			if c && l {
				both++
			}
		}
		p += both / sameCluster
		r += both / sameClass
	}
	n := float64(len(truth))
	return p / n, r / n
}

// TestBCubedGoldenBrute checks B-cubed on the golden labelings against the
// per-document definition.
func TestBCubedGoldenBrute(t *testing.T) {
	for _, c := range loadMetricsGolden(t) {
		truth, pred := c.labels()
		if len(truth) > 1000 {
			continue
		}
		s, err := cluster.Score(truth, pred)
		if err != nil {
			t.Fatal(err)
		}
		p, r := bcubedBrute(truth, pred)
		f := 2 * p * r / (p + r)
		if !scalar.EqualWithinAbs(s.BCubedPrecision, p, 1e-12) ||
			!scalar.EqualWithinAbs(s.BCubedRecall, r, 1e-12) ||
			!scalar.EqualWithinAbs(s.BCubedF1, f, 1e-12) {
			t.Errorf("%s: B-cubed P, R, F1 = %v, %v, %v; by definition %v, %v, %v",
				c.Name, s.BCubedPrecision, s.BCubedRecall, s.BCubedF1, p, r, f)
		}
	}
}

// TestBCubedHandWorked checks B-cubed on small cases worked out by hand.
func TestBCubedHandWorked(t *testing.T) {
	tests := []struct {
		name    string
		truth   string // one class letter per document
		pred    []int
		p, r, f float64
	}{
		{
			// Bagga & Baldwin (1998): gold entities {1-5}, {6,7}, {8-12};
			// response {1-5}, {6-12}.
			// P: docs 1-5: 5/5; docs 6,7: 2/7; docs 8-12: 5/7.
			//    (5·1 + 2·2/7 + 5·5/7)/12 = (35+4+25)/7/12 = 64/84 = 16/21.
			// R: every class lies in one cluster: 1.
			// F1 = 2·(16/21)·1/(16/21+1) = (32/21)/(37/21) = 32/37.
			name:  "bagga_baldwin_response1",
			truth: "AAAAABBCCCCC",
			pred:  []int{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1},
			p:     16.0 / 21, r: 1, f: 32.0 / 37,
		},
		{
			// Same gold entities; response {1-5, 8-12}, {6,7}. (MUC scores
			// both responses alike; B-cubed penalizes this one more.)
			// P: docs 1-5 and 8-12: 5/10; docs 6,7: 2/2.
			//    (10·1/2 + 2·1)/12 = 7/12.   R = 1.
			// F1 = 2·(7/12)/(7/12+1) = (14/12)/(19/12) = 14/19.
			name:  "bagga_baldwin_response2",
			truth: "AAAAABBCCCCC",
			pred:  []int{0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0},
			p:     7.0 / 12, r: 1, f: 14.0 / 19,
		},
		{
			// Clusters {a,a}, {a,b,b}.
			// P: a,a: 2/2; a: 1/3; b,b: 2/3.  (2 + 1/3 + 4/3)/5 = (11/3)/5 = 11/15.
			// R: a,a: 2/3; a: 1/3; b,b: 2/2.  (4/3 + 1/3 + 2)/5 = 11/15.
			// F1 = 11/15.
			name:  "split_and_merge",
			truth: "aaabb",
			pred:  []int{0, 0, 1, 1, 1},
			p:     11.0 / 15, r: 11.0 / 15, f: 11.0 / 15,
		},
		{
			// Clusters {a,a,b}, {b,c}.
			// P: a,a: 2/3; b: 1/3; b: 1/2; c: 1/2.  (4/3 + 1/3 + 1)/5 = (8/3)/5 = 8/15.
			// R: a,a: 2/2; b: 1/2; b: 1/2; c: 1/1.  (2 + 1 + 1)/5 = 4/5.
			// F1 = 2·(8/15)·(4/5)/(8/15 + 12/15) = (64/75)/(20/15) = 16/25.
			name:  "asymmetric",
			truth: "aabbc",
			pred:  []int{7, 7, 7, 3, 3},
			p:     8.0 / 15, r: 4.0 / 5, f: 16.0 / 25,
		},
		{
			// The unassigned document is a singleton: clusters {a,a}, {a}.
			// P: all clusters pure: 1.
			// R: a,a: 2/3; a: 1/3.  (4/3 + 1/3)/3 = 5/9.
			// F1 = 2·(5/9)/(1 + 5/9) = (10/9)/(14/9) = 5/7.
			name:  "one_unassigned",
			truth: "aaa",
			pred:  []int{0, 0, -1},
			p:     1, r: 5.0 / 9, f: 5.0 / 7,
		},
		{
			// Two unassigned documents are two singletons, not one cluster.
			// P = 1.  R: 1/2 each.  F1 = 2·(1/2)/(3/2) = 2/3.
			name:  "two_unassigned",
			truth: "aa",
			pred:  []int{-1, -1},
			p:     1, r: 0.5, f: 2.0 / 3,
		},
		{
			// One document: P = R = F1 = 1.
			name:  "single_document",
			truth: "a",
			pred:  []int{4},
			p:     1, r: 1, f: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			truth := strings.Split(tc.truth, "")
			s, err := cluster.Score(truth, tc.pred)
			if err != nil {
				t.Fatal(err)
			}
			if !scalar.EqualWithinAbs(s.BCubedPrecision, tc.p, 1e-15) ||
				!scalar.EqualWithinAbs(s.BCubedRecall, tc.r, 1e-15) ||
				!scalar.EqualWithinAbs(s.BCubedF1, tc.f, 1e-15) {
				t.Errorf("B-cubed P, R, F1 = %.17g, %.17g, %.17g; want %.17g, %.17g, %.17g",
					s.BCubedPrecision, s.BCubedRecall, s.BCubedF1, tc.p, tc.r, tc.f)
			}
		})
	}
}

// randomLabels returns n gold labels from r classes ("c0", ...) and n
// cluster ids in [0, k).
func randomLabels(rnd *rand.Rand, n, r, k int) ([]string, []int) {
	truth := make([]string, n)
	pred := make([]int, n)
	for i := range n {
		truth[i] = fmt.Sprintf("c%d", rnd.IntN(r))
		pred[i] = rnd.IntN(k)
	}
	return truth, pred
}

// TestBCubedProperties checks B-cubed on perfect, one-cluster and singleton
// clusterings of random gold labels.
func TestBCubedProperties(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		n, r := 1+rnd.IntN(200), 1+rnd.IntN(8)
		truth, _ := randomLabels(rnd, n, r, 1)
		sizes := map[string]float64{}
		for _, l := range truth {
			sizes[l]++
		}

		// Perfect: cluster ids are a renaming of the classes.
		perfect := make([]int, n)
		for i, l := range truth {
			perfect[i] = 100 - int(l[1]-'0')
		}
		// All in one cluster: recall 1, precision Σ a_i²/n² (each document
		// of class i sees a_i/n of its cluster in its class).
		one := make([]int, n)
		var sumSq float64
		for _, a := range sizes {
			sumSq += a * a
		}
		// All singletons: precision 1, recall Σ_i a_i·(1/a_i)/n = classes/n.
		singles := make([]int, n)
		for i := range singles {
			singles[i] = i
		}
		nf := float64(n)
		for _, tc := range []struct {
			name string
			pred []int
			p, r float64
		}{
			{"perfect", perfect, 1, 1},
			{"one_cluster", one, sumSq / (nf * nf), 1},
			{"singletons", singles, 1, float64(len(sizes)) / nf},
		} {
			s, err := cluster.Score(truth, tc.pred)
			if err != nil {
				t.Fatal(err)
			}
			f := 2 * tc.p * tc.r / (tc.p + tc.r)
			if !scalar.EqualWithinAbs(s.BCubedPrecision, tc.p, 1e-12) ||
				!scalar.EqualWithinAbs(s.BCubedRecall, tc.r, 1e-12) ||
				!scalar.EqualWithinAbs(s.BCubedF1, f, 1e-12) {
				t.Errorf("trial %d (n=%d, classes=%d) %s: B-cubed P, R, F1 = %v, %v, %v; want %v, %v, %v",
					trial, n, len(sizes), tc.name, s.BCubedPrecision, s.BCubedRecall, s.BCubedF1, tc.p, tc.r, f)
			}
		}
	}
}

// TestScorePerfect checks that every measure is 1 for a renamed copy of the
// gold partition, including the single-label corner cases.
func TestScorePerfect(t *testing.T) {
	tests := []struct {
		name  string
		truth []string
		pred  []int
	}{
		{"one_document", []string{"x"}, []int{0}},
		{"one_class_one_cluster", []string{"x", "x", "x"}, []int{5, 5, 5}},
		{"renamed", []string{"b", "a", "b", "c", "a"}, []int{2, 9, 2, 0, 9}},
		{"all_singletons", []string{"a", "b", "c", "d"}, []int{3, 2, 1, 0}},
		{"all_unassigned_singletons", []string{"a", "b", "c"}, []int{-1, -1, -1}},
		{"unassigned_singleton_class", []string{"a", "a", "b"}, []int{0, 0, -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := cluster.Score(tc.truth, tc.pred)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []float64{s.NMI, s.AMI, s.ARI, s.Homogeneity, s.Completeness, s.VMeasure,
				s.Purity, s.BCubedPrecision, s.BCubedRecall, s.BCubedF1} {
				if v != 1 {
					t.Fatalf("%+v: want every measure 1", s)
				}
			}
		})
	}
}

// TestScoreDegenerate checks the documented values when one side has a
// single label.
func TestScoreDegenerate(t *testing.T) {
	truth := []string{"a", "a", "b", "b", "c"}
	one := []int{0, 0, 0, 0, 0}
	s, err := cluster.Score(truth, one)
	if err != nil {
		t.Fatal(err)
	}
	// One cluster: no information, completeness 1 (H(K) = 0), purity is the
	// largest class share 2/5.
	want := cluster.Scores{N: 5, Classes: 3, Clusters: 1, NMI: 0, AMI: 0, ARI: 0, Homogeneity: 0,
		Completeness: 1, VMeasure: 0, Purity: 0.4, BCubedPrecision: (4 + 4 + 1) / 25.0, BCubedRecall: 1}
	want.BCubedF1 = 2 * want.BCubedPrecision / (want.BCubedPrecision + 1)
	if s != want {
		t.Errorf("one cluster: got %+v\nwant %+v", s, want)
	}

	// One class, three clusters: homogeneity 1 (H(C) = 0), the rest 0.
	s, err = cluster.Score([]string{"a", "a", "a", "a"}, []int{0, 1, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if s.NMI != 0 || s.AMI != 0 || s.ARI != 0 || s.Homogeneity != 1 || s.Completeness != 0 ||
		s.VMeasure != 0 || s.Purity != 1 || s.BCubedPrecision != 1 {
		t.Errorf("one class: got %+v", s)
	}
}

// TestScoreErrors checks the returned errors.
func TestScoreErrors(t *testing.T) {
	tests := []struct {
		name  string
		truth []string
		pred  []int
		want  error
	}{
		{"empty", nil, nil, cluster.ErrNoLabels},
		{"empty_slices", []string{}, []int{}, cluster.ErrNoLabels},
		{"short_pred", []string{"a", "b"}, []int{0}, cluster.ErrLabelLength},
		{"short_truth", nil, []int{0}, cluster.ErrLabelLength},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := cluster.Score(tc.truth, tc.pred)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "cluster: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if s != (cluster.Scores{}) {
				t.Errorf("scores %+v with an error", s)
			}
		})
	}
}

// TestScoreUnassigned checks that each negative label is a singleton: the
// measures are those of fresh cluster ids, bit for bit.
func TestScoreUnassigned(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		n := 1 + rnd.IntN(300)
		truth, pred := randomLabels(rnd, n, 1+rnd.IntN(6), 1+rnd.IntN(6))
		fresh := slices.Clone(pred)
		next, unassigned := 1000, 0
		for i := range pred {
			if rnd.IntN(4) == 0 {
				pred[i] = -1
				fresh[i] = next
				next++
				unassigned++
			}
		}
		got, err := cluster.Score(truth, pred)
		if err != nil {
			t.Fatal(err)
		}
		want, err := cluster.Score(truth, fresh)
		if err != nil {
			t.Fatal(err)
		}
		if got.Unassigned != unassigned {
			t.Errorf("trial %d: Unassigned = %d, want %d", trial, got.Unassigned, unassigned)
		}
		want.Unassigned = unassigned
		if got != want {
			t.Errorf("trial %d: with -1 %+v\nwith fresh ids %+v", trial, got, want)
		}
	}
}

// TestScoreInvariance checks that shuffling the documents gives the same bits
// and that renaming labels or swapping the two sides gives the same values
// up to rounding (homogeneity and completeness, B-cubed precision and recall
// trade places), and that the inputs are not modified.
func TestScoreInvariance(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	const tol = 1e-12
	for trial := range 30 {
		n := 2 + rnd.IntN(400)
		truth, pred := randomLabels(rnd, n, 1+rnd.IntN(10), 1+rnd.IntN(10))
		for i := range pred {
			if rnd.IntN(10) == 0 {
				pred[i] = -1
			}
		}
		truth0, pred0 := slices.Clone(truth), slices.Clone(pred)
		s, err := cluster.Score(truth, pred)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(truth, truth0) || !slices.Equal(pred, pred0) {
			t.Fatal("Score modified its input")
		}

		perm := rnd.Perm(n)
		st, sp := make([]string, n), make([]int, n)
		for i, j := range perm {
			st[i], sp[i] = truth[j], pred[j]
		}
		if s2, _ := cluster.Score(st, sp); s2 != s {
			t.Errorf("trial %d: shuffled documents: %+v\nwant %+v", trial, s2, s)
		}

		// Rename: gold labels reversed in order, cluster ids negated-ish.
		rt, rp := make([]string, n), make([]int, n)
		for i := range truth {
			rt[i] = "z" + strings.Repeat("!", 20-int(truth[i][1]-'0'))
			rp[i] = pred[i]
			if pred[i] >= 0 {
				rp[i] = 50 - pred[i]
			}
		}
		r, _ := cluster.Score(rt, rp)

		// Swap: the predicted clusters (negatives as singletons) become the
		// gold classes.
		swT, swP := make([]int, n), make([]int, n)
		for i := range truth {
			swT[i] = pred[i]
			if pred[i] < 0 {
				swT[i] = 1000 + i
			}
			swP[i] = int(truth[i][1] - '0')
		}
		w, err := cluster.Score(swT, swP)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name          string
			a, renamed, b float64
		}{
			{"NMI", s.NMI, r.NMI, w.NMI},
			{"AMI", s.AMI, r.AMI, w.AMI},
			{"ARI", s.ARI, r.ARI, w.ARI},
			{"Homogeneity", s.Homogeneity, r.Homogeneity, w.Completeness},
			{"Completeness", s.Completeness, r.Completeness, w.Homogeneity},
			{"VMeasure", s.VMeasure, r.VMeasure, w.VMeasure},
			{"Purity", s.Purity, r.Purity, s.Purity},
			{"BCubedPrecision", s.BCubedPrecision, r.BCubedPrecision, w.BCubedRecall},
			{"BCubedRecall", s.BCubedRecall, r.BCubedRecall, w.BCubedPrecision},
			{"BCubedF1", s.BCubedF1, r.BCubedF1, w.BCubedF1},
		} {
			if !scalar.EqualWithinAbs(c.a, c.renamed, tol) {
				t.Errorf("trial %d: %s = %v, renamed %v", trial, c.name, c.a, c.renamed)
			}
			if !scalar.EqualWithinAbs(c.a, c.b, tol) {
				t.Errorf("trial %d: %s = %v, swapped %v", trial, c.name, c.a, c.b)
			}
		}
		if w.Classes != s.Clusters || w.Clusters != s.Classes {
			t.Errorf("trial %d: swapped counts %d, %d; want %d, %d", trial, w.Classes, w.Clusters, s.Clusters, s.Classes)
		}

		// Ranges.
		for _, v := range []float64{s.NMI, s.Homogeneity, s.Completeness, s.VMeasure, s.Purity,
			s.BCubedPrecision, s.BCubedRecall, s.BCubedF1} {
			if !(v >= 0 && v <= 1) {
				t.Errorf("trial %d: a measure outside [0, 1]: %+v", trial, s)
			}
		}
		if !(s.ARI >= -1 && s.ARI <= 1 && s.AMI <= 1) {
			t.Errorf("trial %d: ARI or AMI out of range: %+v", trial, s)
		}
	}
}

// TestScoreFilterLabeled checks FilterLabeled.
func TestScoreFilterLabeled(t *testing.T) {
	tests := []struct {
		name      string
		truth     []string
		pred      []int
		wantTruth []string
		wantPred  []int
	}{
		{"none", nil, nil, []string{}, []int{}},
		{"all_labeled", []string{"a", "b"}, []int{1, -1}, []string{"a", "b"}, []int{1, -1}},
		{"some", []string{"", "a", "", "b", " "}, []int{0, 1, 2, -1, 3}, []string{"a", "b", " "}, []int{1, -1, 3}},
		{"all_unlabeled", []string{"", ""}, []int{0, 1}, []string{}, []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			truth0, pred0 := slices.Clone(tc.truth), slices.Clone(tc.pred)
			gotT, gotP := cluster.FilterLabeled(tc.truth, tc.pred)
			if !slices.Equal(gotT, tc.wantTruth) || !slices.Equal(gotP, tc.wantPred) {
				t.Errorf("got %q, %v; want %q, %v", gotT, gotP, tc.wantTruth, tc.wantPred)
			}
			if !slices.Equal(tc.truth, truth0) || !slices.Equal(tc.pred, pred0) {
				t.Error("input modified")
			}
			if len(gotT) > 0 {
				gotT[0] = "changed" // must not alias the input
				if !slices.Equal(tc.truth, truth0) {
					t.Error("result aliases the input")
				}
			}
		})
	}

	_, err := cluster.Score(cluster.FilterLabeled([]string{""}, []int{0}))
	if !errors.Is(err, cluster.ErrNoLabels) {
		t.Errorf("scoring no labeled documents: error %v, want ErrNoLabels", err)
	}

	defer func() {
		if recover() == nil {
			t.Error("no panic for slices of different lengths")
		}
	}()
	cluster.FilterLabeled([]string{"a"}, nil)
}

// BenchmarkScore scores clusterings of n documents into 20 classes: 80% of
// the documents in the cluster of their class, 19% in a random one of 20
// clusters, 1% unassigned.
func BenchmarkScore(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			rnd := rand.New(rand.NewPCG(7, 8))
			truth, pred := make([]string, n), make([]int, n)
			for i := range n {
				class := rnd.IntN(20)
				truth[i] = fmt.Sprintf("class%d", class)
				switch r := rnd.IntN(100); {
				case r < 80:
					pred[i] = class
				case r < 99:
					pred[i] = rnd.IntN(20)
				default:
					pred[i] = -1
				}
			}
			b.SetBytes(int64(n))
			for b.Loop() {
				if _, err := cluster.Score(truth, pred); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
