package cluster_test

import (
	"errors"
	"math"
	"slices"
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
	for _, l := range []cluster.Linkage{cluster.AverageLink, cluster.MutualLink, cluster.SingleLink} {
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
