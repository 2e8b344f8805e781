package cluster_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// silhouetteX is a small example; the expected values come from
// scikit-learn 1.2.1: silhouette_score(X, labels, metric="cosine").
var silhouetteX = []float64{
	1, 0, 0,
	0.9, 0.1, 0,
	0, 1, 0,
	0.1, 0.9, 0.2,
	0, 0.2, 1,
	2, 0.1, 0,
}

func TestSilhouette(t *testing.T) {
	x := mat.NewDense(6, 3, silhouetteX)
	tests := []struct {
		name   string
		x      *mat.Dense
		labels []int
		want   float64
	}{
		{"sklearn, with a singleton", x, []int{0, 0, 1, 1, 2, 0}, 0.817268170733973},
		{"sklearn", x, []int{0, 0, 1, 1, 1, 0}, 0.7446568172245199},
		{"labels are names", x, []int{7, 7, 3, 3, 3, 7}, 0.7446568172245199},
		{"one cluster", x, []int{0, 0, 0, 0, 0, 0}, 0},
		{"all singletons", x, []int{0, 1, 2, 3, 4, 5}, 0},
		{"all ignored", x, []int{-1, -1, -1, -1, -1, -1}, 0},
		{"one cluster left", x, []int{0, 0, -1, -1, -1, 0}, 0},
		{"empty", &mat.Dense{}, nil, 0},
		{"duplicates", mat.NewDense(4, 2, []float64{1, 0, 1, 0, 0, 1, 0, 1}), []int{0, 0, 1, 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cluster.Silhouette(tt.x, tt.labels)
			if !scalar.EqualWithinAbsOrRel(got, tt.want, 1e-12, 1e-12) {
				t.Errorf("Silhouette = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSilhouetteIgnored checks that rows labeled -1 are left out entirely,
// and that zero, non-finite and non-unit rows do not produce NaN.
func TestSilhouetteIgnored(t *testing.T) {
	x := mat.NewDense(6, 3, silhouetteX)
	want := cluster.Silhouette(x, []int{0, 0, 1, 1, 1, 0})
	y := mat.NewDense(8, 3, nil)
	for i := range 6 {
		row := x.RawRowView(i)
		floats.ScaleTo(y.RawRowView(i+1), float64(i+1), row) // not unit
	}
	y.SetRow(7, []float64{math.NaN(), 1, math.Inf(1)})
	got := cluster.Silhouette(y, []int{-1, 0, 0, 1, 1, 1, 0, -1})
	if !scalar.EqualWithinAbsOrRel(got, want, 1e-12, 1e-12) {
		t.Errorf("with ignored rows: %v, want %v", got, want)
	}
	// A zero or non-finite row in a cluster counts as cosine 0 to everything.
	for _, bad := range [][]float64{{0, 0, 0}, {math.NaN(), 0, 0}} {
		y.SetRow(7, bad)
		if got := cluster.Silhouette(y, []int{-1, 0, 0, 1, 1, 1, 0, 1}); math.IsNaN(got) || got < -1 || got > 1 {
			t.Errorf("row %v: Silhouette = %v", bad, got)
		}
	}
}

func TestSilhouetteSample(t *testing.T) {
	x, truth := blobs(2, 900, 10, 3, 0.6)
	full := cluster.Silhouette(x, truth)
	if all := cluster.SilhouetteSample(x, truth, 900, nil); all != full {
		t.Errorf("sample of every row: %v, want %v", all, full)
	}
	if all := cluster.SilhouetteSample(x, truth, 0, nil); all != full {
		t.Errorf("size 0: %v, want %v", all, full)
	}
	a := cluster.SilhouetteSample(x, truth, 300, seeded(1))
	b := cluster.SilhouetteSample(x, truth, 300, seeded(1))
	c := cluster.SilhouetteSample(x, truth, 300, seeded(2))
	if a != b {
		t.Errorf("same seed: %v and %v", a, b)
	}
	if a == c {
		t.Errorf("different seeds gave the same sample score %v", a)
	}
	for _, v := range []float64{a, c} {
		if math.Abs(v-full) > 0.05 {
			t.Errorf("sample score %v far from the full score %v", v, full)
		}
	}
}

func TestSilhouettePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for a labels/rows mismatch")
		}
	}()
	cluster.Silhouette(mat.NewDense(3, 2, nil), []int{0, 1})
}

func TestCosine(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		a, b []float64
		want float64
	}{
		{[]float64{1, 0}, []float64{0, 1}, 0},
		{[]float64{1, 1}, []float64{-2, -2}, -1},
		{[]float64{3, 4}, []float64{6, 8}, 1},
		{[]float64{1e300, 1e300}, []float64{1e-300, 0}, math.Sqrt2 / 2},
		{[]float64{0, 0}, []float64{1, 1}, 0},
		{[]float64{nan, 1}, []float64{1, 1}, 0},
		{[]float64{inf, 1}, []float64{1, 1}, 0},
		{nil, nil, 0},
	}
	for _, tt := range tests {
		if got := cluster.Cosine(tt.a, tt.b); !scalar.EqualWithinAbsOrRel(got, tt.want, 1e-15, 1e-15) {
			t.Errorf("Cosine(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
