package cluster_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// checkGrouping checks the invariants of a Grouping of x.
func checkGrouping(t *testing.T, x *mat.Dense, g *cluster.Grouping) {
	t.Helper()
	r, _ := x.Dims()
	if len(g.Labels) != r || len(g.Neighbors) != r {
		t.Fatalf("%d labels, %d neighbour lists for %d rows", len(g.Labels), len(g.Neighbors), r)
	}
	sizes := make([]int, len(g.Sizes))
	first := make([]int, len(g.Sizes))
	for i := range first {
		first[i] = -1
	}
	for i, l := range g.Labels {
		zero := floats.Norm(x.RawRowView(i), 2) == 0
		if zero != (l == -1) {
			t.Fatalf("row %d: label %d, zero row %v", i, l, zero)
		}
		if l < 0 {
			continue
		}
		sizes[l]++
		if first[l] < 0 {
			first[l] = i
		}
	}
	if !slices.Equal(sizes, g.Sizes) {
		t.Fatalf("Sizes %v, counted %v", g.Sizes, sizes)
	}
	for l := 1; l < len(sizes); l++ {
		if sizes[l] == 0 || sizes[l] > sizes[l-1] || sizes[l] == sizes[l-1] && first[l] < first[l-1] {
			t.Fatalf("groups not numbered by size then first row: %v, %v", sizes, first)
		}
	}
}

func TestRelatedGroupsRecoversBlobs(t *testing.T) {
	x, truth := blobs(4, 240, 30, 6, 0.05)
	for i := range 30 { // row 7 is empty
		x.Set(7, i, 0)
	}
	truth[7] = -1
	for _, link := range []cluster.Linkage{cluster.AverageLink, cluster.MutualLink, cluster.SingleLink} {
		g, err := cluster.RelatedGroups(x, cluster.RelatedOptions{Linkage: link})
		if err != nil {
			t.Fatal(err)
		}
		checkGrouping(t, x, g)
		s, err := cluster.Score(truth, g.Labels)
		if err != nil {
			t.Fatal(err)
		}
		if s.Homogeneity < 1-1e-12 {
			t.Errorf("%v: groups mix blobs: homogeneity %v", link, s.Homogeneity)
		}
		// Mutual neighbours fragment blobs larger than the neighbour lists.
		if link != cluster.MutualLink && (s.ARI != 1 || len(g.Sizes) != 6) {
			t.Errorf("%v: %d groups, ARI %v; want the 6 blobs", link, len(g.Sizes), s.ARI)
		}
		if g.Threshold != 0.5 || g.N != 10 || g.Linkage != link {
			t.Errorf("%v: settings %v, %d, %v; want the defaults", link, g.Threshold, g.N, g.Linkage)
		}
	}
}

// Points along a half circle, 5° apart: each is very similar to the next,
// the ends are opposite. Single link chains them into one group; average
// link cuts the chain into groups whose mean cosine reaches the threshold.
func TestRelatedGroupsChaining(t *testing.T) {
	const n = 37
	x := mat.NewDense(n, 2, nil)
	for i := range n {
		a := float64(i) * 5 * math.Pi / 180
		x.Set(i, 0, math.Cos(a))
		x.Set(i, 1, math.Sin(a))
	}
	opt := cluster.RelatedOptions{Threshold: 0.9, Neighbors: 4}
	opt.Linkage = cluster.SingleLink
	single, err := cluster.RelatedGroups(x, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(single.Sizes) != 1 {
		t.Errorf("single link: %d groups, want the whole chain in one", len(single.Sizes))
	}
	opt.Linkage = cluster.AverageLink
	avg, err := cluster.RelatedGroups(x, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkGrouping(t, x, avg)
	if len(avg.Sizes) < 3 {
		t.Errorf("average link: %d groups %v, want the chain cut", len(avg.Sizes), avg.Labels)
	}
	for l := range avg.Sizes {
		var sum, pairs float64
		for i := range n {
			for j := i + 1; j < n; j++ {
				if avg.Labels[i] == l && avg.Labels[j] == l {
					sum += cluster.Cosine(x.RawRowView(i), x.RawRowView(j))
					pairs++
				}
			}
		}
		if pairs > 0 && sum/pairs < opt.Threshold-1e-12 {
			t.Errorf("group %d: mean cosine %v below the threshold", l, sum/pairs)
		}
	}
	// Groups are contiguous runs of the chain.
	for i := 1; i < n; i++ {
		if avg.Labels[i] != avg.Labels[i-1] && slices.Contains(avg.Labels[:i-1], avg.Labels[i]) {
			t.Errorf("group %d is not contiguous: %v", avg.Labels[i], avg.Labels)
		}
	}
}

func TestRelatedGroupsWorkersIndependent(t *testing.T) {
	x, _ := blobs(8, 700, 20, 12, 0.3)
	var first *cluster.Grouping
	for _, w := range []int{1, 3} {
		g, err := cluster.RelatedGroups(x, cluster.RelatedOptions{Workers: w, Threshold: 0.6})
		if err != nil {
			t.Fatal(err)
		}
		checkGrouping(t, x, g)
		if first == nil {
			first = g
		} else if !slices.Equal(g.Labels, first.Labels) {
			t.Error("labels depend on Workers")
		}
	}
}

func TestRelatedGroupsErrors(t *testing.T) {
	x := mat.NewDense(2, 2, []float64{1, 0, 0, 1})
	for _, opt := range []cluster.RelatedOptions{
		{Threshold: 1.5}, {Threshold: -0.1}, {Threshold: math.NaN()}, {Neighbors: -1}, {Linkage: 7}, {Workers: -1},
	} {
		if _, err := cluster.RelatedGroups(x, opt); !errors.Is(err, cluster.ErrInvalidOption) {
			t.Errorf("%+v: %v", opt, err)
		}
	}
	if _, err := cluster.RelatedGroups(mat.NewDense(1, 1, []float64{math.Inf(1)}), cluster.RelatedOptions{}); !errors.Is(err, cluster.ErrNotFinite) {
		t.Errorf("Inf: %v", err)
	}
}

func TestParseLinkage(t *testing.T) {
	for _, l := range []cluster.Linkage{cluster.AverageLink, cluster.MutualLink, cluster.SingleLink, cluster.CentroidLink} {
		got, err := cluster.ParseLinkage(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLinkage(%q) = %v, %v", l.String(), got, err)
		}
	}
	if _, err := cluster.ParseLinkage("complete"); !errors.Is(err, cluster.ErrInvalidOption) {
		t.Errorf("complete: %v", err)
	}
}

func TestContributions(t *testing.T) {
	for seed := range uint64(20) {
		sp := randomSparse(seed, 2, 50, 0.3, nil, nil)
		ai, av := sp.Row(0)
		bi, bv := sp.Row(1)
		cos, parts := cluster.Contributions(ai, av, bi, bv)
		d := sp.dense()
		if want := cluster.Cosine(d.RawRowView(0), d.RawRowView(1)); math.Abs(cos-want) > 1e-12 {
			t.Errorf("seed %d: cosine %v, want %v", seed, cos, want)
		}
		var sum float64
		for k, p := range parts {
			sum += p.Share
			if d.At(0, p.Column) == 0 || d.At(1, p.Column) == 0 {
				t.Errorf("seed %d: column %d is not shared", seed, p.Column)
			}
			if k > 0 && (p.Share > parts[k-1].Share || p.Share == parts[k-1].Share && p.Column < parts[k-1].Column) {
				t.Errorf("seed %d: shares not sorted: %v", seed, parts)
			}
		}
		if len(parts) > 0 && math.Abs(sum-1) > 1e-9 {
			t.Errorf("seed %d: shares sum to %v", seed, sum)
		}
	}
	cos, parts := cluster.Contributions([]int32{1}, []float64{2}, []int32{2}, []float64{3})
	if cos != 0 || parts != nil {
		t.Errorf("nothing shared: %v, %v", cos, parts)
	}
}

// chainOfTerms returns n documents over n+1 terms, document i holding terms
// i and i+1 with equal weights: each shares one term with the next, and
// neighbours have cosine ½.
func chainOfTerms(n int) *csr {
	c := &csr{rows: n, cols: n + 1, ind: make([][]int32, n), val: make([][]float64, n)}
	for i := range n {
		c.set(i, []int32{int32(i), int32(i + 1)}, []float64{1, 1})
	}
	return c
}

// TestCentroidLinkChain: single link at 0.49 chains the ten documents into
// one group; centroid link merges the first pair (cosine ½), after which the
// pair's centroid (t0+2t1+t2)/√6 has cosine 1/√12 ≈ 0.29 with the next
// document, so the chain falls into its five pairs, whose centroids then
// meet at cosine 1/6.
func TestCentroidLinkChain(t *testing.T) {
	terms := chainOfTerms(10)
	x := terms.dense()
	opt := cluster.RelatedOptions{Threshold: 0.49, Neighbors: 3, Terms: terms}
	opt.Linkage = cluster.SingleLink
	single, err := cluster.RelatedGroups(x, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(single.Sizes) != 1 {
		t.Errorf("single link: groups %v, want one chain", single.Labels)
	}
	opt.Linkage = cluster.CentroidLink
	g, err := cluster.RelatedGroups(x, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkGrouping(t, x, g)
	if want := []int{0, 0, 1, 1, 2, 2, 3, 3, 4, 4}; !slices.Equal(g.Labels, want) {
		t.Errorf("centroid link: %v, want the pairs %v", g.Labels, want)
	}
}

// twoStories returns two stories of five documents each: story s has terms
// 3s, 3s+1, 3s+2, each document two of them, and every document also holds
// term 6 ("says") with the same weight. Within a story documents have cosine
// ⅔ or ⅓; across stories ⅓, through "says" alone.
func twoStories() *csr {
	c := &csr{rows: 10, cols: 7, ind: make([][]int32, 10), val: make([][]float64, 10)}
	pairs := [][2]int32{{0, 1}, {1, 2}, {0, 2}, {0, 1}, {1, 2}}
	for s := range 2 {
		for d, p := range pairs {
			base := int32(3 * s)
			c.set(5*s+d, []int32{base + p[0], base + p[1], 6}, []float64{1, 1, 1})
		}
	}
	return c
}

// TestCentroidLinkCommonWord: a word common to every document does not join
// the two stories. The centroids of the stories, each with term counts
// (4, 3, 3) and 5 "says", have cosine 25/59 ≈ 0.42 < ½; single link at ⅓
// joins everything through "says".
func TestCentroidLinkCommonWord(t *testing.T) {
	terms := twoStories()
	x := terms.dense()
	g, err := cluster.RelatedGroups(x, cluster.RelatedOptions{Linkage: cluster.CentroidLink, Terms: terms, Neighbors: 9})
	if err != nil {
		t.Fatal(err)
	}
	checkGrouping(t, x, g)
	if want := []int{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}; !slices.Equal(g.Labels, want) {
		t.Errorf("centroid link: %v, want the two stories %v", g.Labels, want)
	}
	single, err := cluster.RelatedGroups(x, cluster.RelatedOptions{Linkage: cluster.SingleLink, Terms: terms, Threshold: 0.3, Neighbors: 9})
	if err != nil {
		t.Fatal(err)
	}
	if len(single.Sizes) != 1 {
		t.Errorf("single link at 0.3: %v, want one group", single.Labels)
	}
}

// TestRelatedGroupsTerms: with Terms, similarities are the mean of the two
// cosines. Two rows identical in x but sharing no term have similarity ½:
// they are related at threshold ½ and not above it.
func TestRelatedGroupsTerms(t *testing.T) {
	x := mat.NewDense(3, 2, []float64{1, 0, 1, 0, 0, 1})
	terms := &csr{rows: 3, cols: 3, ind: [][]int32{{0}, {1}, {2}}, val: [][]float64{{1}, {2}, {3}}}
	for _, tc := range []struct {
		threshold float64
		want      []int
	}{{0.5, []int{0, 0, 1}}, {0.51, []int{0, 1, 2}}} {
		for _, link := range []cluster.Linkage{cluster.AverageLink, cluster.CentroidLink, cluster.MutualLink, cluster.SingleLink} {
			g, err := cluster.RelatedGroups(x, cluster.RelatedOptions{Threshold: tc.threshold, Linkage: link, Terms: terms})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(g.Labels, tc.want) {
				t.Errorf("%v at %v: %v, want %v", link, tc.threshold, g.Labels, tc.want)
			}
		}
	}
	bad := &csr{rows: 2, cols: 3, ind: make([][]int32, 2), val: make([][]float64, 2)}
	if _, err := cluster.RelatedGroups(x, cluster.RelatedOptions{Terms: bad}); !errors.Is(err, cluster.ErrInvalidOption) || !strings.Contains(err.Error(), "Terms has 2 rows, x has 3") {
		t.Errorf("2 rows of terms for 3: %v", err)
	}
	nan := &csr{rows: 3, cols: 3, ind: [][]int32{{0}, {1}, {2}}, val: [][]float64{{1}, {math.NaN()}, {3}}}
	if _, err := cluster.RelatedGroups(x, cluster.RelatedOptions{Terms: nan}); !errors.Is(err, cluster.ErrNotFinite) {
		t.Errorf("NaN in terms: %v", err)
	}
}

func TestCentroidLinkWorkersIndependent(t *testing.T) {
	terms := randomSparse(3, 400, 60, 0.08, []int{5}, [][2]int{{1, 9}})
	x := randomDense(4, 400, 12, []int{5}, nil, 1)
	var first *cluster.Grouping
	for _, w := range []int{1, 3} {
		g, err := cluster.RelatedGroups(x, cluster.RelatedOptions{Workers: w, Threshold: 0.3, Linkage: cluster.CentroidLink, Terms: terms})
		if err != nil {
			t.Fatal(err)
		}
		checkGrouping(t, x, g)
		if first == nil {
			first = g
		} else if !slices.Equal(g.Labels, first.Labels) {
			t.Error("labels depend on Workers")
		}
	}
	if len(first.Sizes) < 2 || first.Sizes[0] < 2 {
		t.Errorf("sizes %v: the test needs some groups", first.Sizes)
	}
}

// TestGroupContributions explains story 0 of twoStories by hand. Unit rows
// hold 1/√3 per term; term counts are a0: 3, a1: 4, a2: 3, says: 5, so
// Sₜ² - Σᵢxᵢₜ² is (9-3)/3 = 2, (16-4)/3 = 4, 2 and (25-5)/3 = 20/3: total
// 44/3, cohesion (44/3)/20 = 11/15, "says" share (20/3)/(44/3) = 5/11.
func TestGroupContributions(t *testing.T) {
	terms := twoStories()
	cohesion, parts := cluster.GroupContributions(terms, []int{0, 1, 2, 3, 4}, 0)
	if math.Abs(cohesion-11.0/15) > 1e-12 {
		t.Errorf("cohesion %v, want 11/15", cohesion)
	}
	want := []cluster.GroupContribution{{6, 5.0 / 11, 5}, {1, 3.0 / 11, 4}, {0, 1.5 / 11, 3}, {2, 1.5 / 11, 3}}
	if len(parts) != len(want) {
		t.Fatalf("parts %v, want %v", parts, want)
	}
	for k, p := range parts {
		if p.Column != want[k].Column || p.Members != want[k].Members || math.Abs(p.Share-want[k].Share) > 1e-12 {
			t.Errorf("part %d: %+v, want %+v", k, p, want[k])
		}
	}
	// The cohesion is the mean pairwise cosine.
	d := terms.dense()
	var sum float64
	for i := range 5 {
		for j := i + 1; j < 5; j++ {
			sum += cluster.Cosine(d.RawRowView(i), d.RawRowView(j))
		}
	}
	if math.Abs(sum/10-cohesion) > 1e-12 {
		t.Errorf("cohesion %v, mean pairwise cosine %v", cohesion, sum/10)
	}
	if _, top := cluster.GroupContributions(terms, []int{0, 1, 2, 3, 4}, 2); len(top) != 2 || top[0].Column != 6 {
		t.Errorf("top 2: %v", top)
	}
	if c, p := cluster.GroupContributions(terms, []int{3}, 0); c != 0 || p != nil {
		t.Errorf("one member: %v, %v", c, p)
	}
	// Documents of different stories share only "says": all of it.
	if c, p := cluster.GroupContributions(terms, []int{0, 5}, 0); math.Abs(c-1.0/3) > 1e-12 || len(p) != 1 || p[0].Column != 6 || p[0].Share != 1 {
		t.Errorf("across stories: %v, %v", c, p)
	}
}
