package report

import (
	"bytes"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
	"github.com/topics-dev/topics/theme"
	"github.com/topics-dev/topics/vectorize"
)

// TestSampleKeyPhrases checks, on the built-in sample clustered as by
// default, that "safe havens" and "supply routes" are key phrases of the
// clusters of the articles that write them (article 000 spells
// "safe-havens", 004 "supply route"; 002's "safehavens" is another word).
func TestSampleKeyPhrases(t *testing.T) {
	docs := testutil.SampleDocs(t)
	r := sampleReport(t)
	for _, c := range []struct {
		phrase string
		in     *regexp.Regexp
	}{
		{"safe havens", regexp.MustCompile(`(?i)\bsafe[- ]havens?\b`)},
		{"supply routes", regexp.MustCompile(`(?i)\bsupply routes?\b`)},
	} {
		found := 0
		for i, d := range docs {
			if !c.in.MatchString(d.Content()) {
				continue
			}
			found++
			cl := r.Clusters[r.Assignments[i].Cluster]
			var phrases []string
			for _, p := range cl.KeyPhrases {
				phrases = append(phrases, p.Phrase)
			}
			if !slices.Contains(phrases, c.phrase) {
				t.Errorf("%s mentions %q but the key phrases of its cluster %d are %q", d.ID, c.phrase, cl.ID, phrases)
			}
		}
		if found == 0 {
			t.Errorf("no article mentions %q", c.phrase)
		}
	}
}

func fitBBC(t *testing.T, k int) *topics.Model {
	t.Helper()
	cfg := englishConfig(k)
	cfg.Vectorize.MinDF = 2
	return fitDocs(t, testutil.BBC300(t), cfg)
}

func TestClusterNeighbours(t *testing.T) {
	opt := DefaultOptions()
	opt.Nearest = 2
	r := Build(fitBBC(t, 5), opt)
	if len(r.ClusterSimilarity) != r.K {
		t.Fatalf("%d rows of cluster similarity for k = %d", len(r.ClusterSimilarity), r.K)
	}
	for a, row := range r.ClusterSimilarity {
		if row[a] != 1 {
			t.Errorf("diagonal %g", row[a])
		}
		for b, v := range row {
			if v != r.ClusterSimilarity[b][a] || v < -1 || v > 1 {
				t.Errorf("similarity[%d][%d] = %g, [%d][%d] = %g", a, b, v, b, a, r.ClusterSimilarity[b][a])
			}
		}
		near := r.Clusters[a].Nearest
		if len(near) != 2 || near[0].Cluster == a || near[0].Similarity < near[1].Similarity {
			t.Errorf("cluster %d nearest %+v", a, near)
		}
		for b := range row {
			if b != a && b != near[0].Cluster && row[b] > near[0].Similarity {
				t.Errorf("cluster %d: %d is closer than its nearest %d", a, b, near[0].Cluster)
			}
		}
		if reps := r.Clusters[a].Representatives; len(reps) != 3 || !slices.Equal(reps, r.Clusters[a].Members[:3]) {
			t.Errorf("cluster %d representatives %v", a, reps)
		}
	}
}

func TestViews(t *testing.T) {
	m := fitBBC(t, 5)
	opt := DefaultOptions()
	opt.HeatmapDocs = 50
	r := Build(m, opt)
	v := r.Views
	if len(v.Heatmap) != 50 || v.HeatmapOf != 300 || len(v.HeatmapSim) != 2500 {
		t.Fatalf("heat map of %d documents (of %d), %d values", len(v.Heatmap), v.HeatmapOf, len(v.HeatmapSim))
	}
	prev := -1
	for k, i := range v.Heatmap {
		c := r.Assignments[i].Cluster
		if c < prev {
			t.Errorf("heat map not ordered by cluster at %d", k)
		}
		prev = c
		if math.Abs(v.HeatmapSim[k*50+k]-1) > 1e-9 {
			t.Errorf("self-similarity %g", v.HeatmapSim[k*50+k])
		}
	}
	if len(v.Map) != 300 || v.MapVariance[0] <= 0 || v.MapVariance[1] <= 0 || v.MapVariance[0]+v.MapVariance[1] > 1 {
		t.Errorf("map of %d points, variance %v", len(v.Map), v.MapVariance)
	}
	r2 := Build(m, DefaultOptions())
	if len(r2.Views.Heatmap) != 150 || r2.Views.HeatmapOf != 300 {
		t.Errorf("a heat map of %d of %d documents, want the default cap of 150 of 300", len(r2.Views.Heatmap), r2.Views.HeatmapOf)
	}
}

func TestHeatmapSample(t *testing.T) {
	members := [][]int{make([]int, 500), make([]int, 300), make([]int, 195), make([]int, 5)}
	next := 0
	for _, m := range members {
		for j := range m {
			m[j] = next
			next++
		}
	}
	for _, limit := range []int{3, 10, 300, 999, 1000, 5000} {
		got := heatmapSample(members, limit)
		if want := min(limit, 1000); len(got) != want {
			t.Errorf("limit %d: %d documents, want %d", limit, len(got), want)
		}
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("limit %d: not ordered or repeated", limit)
		}
		if limit >= 4 {
			for c, m := range members {
				n := 0
				for _, i := range got {
					if i >= m[0] && i <= m[len(m)-1] {
						n++
					}
				}
				share := float64(limit) * float64(len(m)) / 1000
				if n < 1 || math.Abs(float64(n)-min(share, float64(len(m)))) > 1.5 {
					t.Errorf("limit %d: cluster %d (size %d) has %d documents", limit, c, len(m), n)
				}
			}
		}
	}
}

// TestClusterMap checks that the map shows the spread of the clusters, not
// the largest spread of the documents: three clusters apart along the
// third and fourth axes, with a larger spread within each cluster along
// the first, which the documents' own principal components would show.
func TestClusterMap(t *testing.T) {
	centres := [][]float64{{0, 0, 1, 0}, {0, 0, -1, 0}, {0, 0, 0, 1.5}}
	x := mat.NewDense(30, 4, nil)
	labels := make([]int, 30)
	rows := make([]int, 30)
	for i := range 30 {
		c := i % 3
		labels[i], rows[i] = c, i
		within := float64(i/3) - 4.5 // -4.5 … 4.5 along the first axis
		x.SetRow(i, []float64{within, 0.01 * float64(i%2), centres[c][2], centres[c][3]})
	}
	pts, share := clusterMap(x, rows, labels)
	// The axes span the third and fourth coordinates: within a cluster all
	// points coincide on the map, and the clusters' positions keep their
	// distances (√2 between 0 and 1 along (0, 0, 1, 0)·…; 2 between 0 and 1).
	for i := 3; i < 30; i++ {
		if d := math.Hypot(pts[i].X-pts[i%3].X, pts[i].Y-pts[i%3].Y); d > 1e-9 {
			t.Errorf("point %d is %g from the others of its cluster", i, d)
		}
	}
	dist := func(a, b int) float64 { return math.Hypot(pts[a].X-pts[b].X, pts[a].Y-pts[b].Y) }
	if math.Abs(dist(0, 1)-2) > 1e-9 || math.Abs(dist(0, 2)-math.Hypot(1, 1.5)) > 1e-9 {
		t.Errorf("cluster distances on the map %g, %g; want 2, %g", dist(0, 1), dist(0, 2), math.Hypot(1, 1.5))
	}
	var total, along float64
	for i := range 30 {
		r := x.RawRowView(i)
		total += r[0]*r[0] + (r[1]-0.005)*(r[1]-0.005)
		along += pts[i].X*pts[i].X + pts[i].Y*pts[i].Y
	}
	if s := share[0] + share[1]; share[0] <= 0 || share[1] <= 0 || s >= 1 || math.Abs(s-along/(along+total)) > 1e-9 {
		t.Errorf("variance shares %v, want the share of the cluster spread, %g", share, along/(along+total))
	}

	// Two clusters span one axis: the second is the documents' largest
	// spread across it.
	for i := range 30 {
		labels[i] = i % 2
		x.SetRow(i, []float64{float64(i/2) - 7, 0, float64(i%2*2 - 1), 0})
	}
	pts, _ = clusterMap(x, rows, labels)
	for i := range 30 {
		if math.Abs(math.Abs(pts[i].X)-1) > 1e-9 || math.Abs(math.Abs(pts[i].Y)-math.Abs(float64(i/2)-7)) > 1e-9 {
			t.Fatalf("two clusters: point %d at %v, want (±1, ±%g)", i, pts[i], math.Abs(float64(i/2)-7))
		}
	}
	pts, share = clusterMap(x, []int{2}, labels)
	if share != [2]float64{} || pts[2] != (Point{}) {
		t.Errorf("one point: %v %v", pts, share)
	}
}

func TestBuildDefaultsAndLimits(t *testing.T) {
	docs := append(testutil.SampleDocs(t), corpus.Document{ID: "empty", Text: "!"})
	cfg := englishConfig(2)
	cfg.KeyPhrases, cfg.LabelPhrases = 2, 1
	m := fitDocs(t, docs, cfg)
	r := Build(m, Options{TopTerms: 10, Summary: 0, Representatives: 1, Nearest: 1, HeatmapDocs: 300})
	for _, c := range r.Clusters {
		if len(c.KeyPhrases) != 2 || strings.Contains(c.Theme, theme.LabelSeparator) || c.Theme != c.KeyPhrases[0].Phrase {
			t.Errorf("cluster %d: %d phrases, label %q", c.ID, len(c.KeyPhrases), c.Theme)
		}
		if len(c.Summary) != 0 || c.Summary == nil || len(c.Representatives) != 1 || len(c.Nearest) != 1 {
			t.Errorf("cluster %d: summary %v, representatives %v, nearest %v", c.ID, c.Summary, c.Representatives, c.Nearest)
		}
	}
	if p := r.Views.Map[len(docs)-1]; p != (Point{}) {
		t.Errorf("unclustered document at %v, want the origin", p)
	}
}

// A run without key phrases and summaries (what topics cluster --format csv
// does) leaves them out and changes nothing else.
func TestBuildWithoutThemes(t *testing.T) {
	docs := testutil.BBC300(t)
	cfg := englishConfig(5)
	cfg.Vectorize = vectorize.Options{}
	full := Build(fitDocs(t, docs, cfg), DefaultOptions())
	cfg.KeyPhrases = 0
	opt := DefaultOptions()
	opt.Summary = 0
	lean := Build(fitDocs(t, docs, cfg), opt)
	for c, cl := range lean.Clusters {
		if len(cl.KeyPhrases) != 0 || cl.Theme != "" || len(cl.Summary) != 0 {
			t.Errorf("cluster %d: themes built: %d phrases, label %q, %d sentences", c, len(cl.KeyPhrases), cl.Theme, len(cl.Summary))
		}
		if f := full.Clusters[c]; f.Theme == "" || len(f.Summary) == 0 {
			t.Errorf("cluster %d: no themes by default", c)
		}
	}
	var a, b bytes.Buffer
	if err := WriteCSV(&a, full); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&b, lean); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("CSV differs without themes")
	}
}
