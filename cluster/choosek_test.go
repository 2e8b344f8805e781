package cluster_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

func TestChooseKBlobs(t *testing.T) {
	for _, want := range []int{3, 4, 6} {
		x, _ := blobs(uint64(want), 60*want, 12, want, 0.15)
		k, scores, err := cluster.ChooseK(x, cluster.ChooseKOptions{MaxK: 9})
		if err != nil {
			t.Fatal(err)
		}
		if k != want {
			t.Errorf("%d blobs: chose k=%d; scores %v", want, k, scores)
		}
		if len(scores) != 8 {
			t.Fatalf("%d scores for k in [2, 9]", len(scores))
		}
		for i, s := range scores {
			if s.K != i+2 || math.IsNaN(s.Silhouette) || s.Silhouette < -1 || s.Silhouette > 1 || s.Objective <= 0 {
				t.Errorf("score %d: %+v", i, s)
			}
			if s.Silhouette > scores[k-2].Silhouette {
				t.Errorf("k=%d has a better silhouette than the chosen k=%d", s.K, k)
			}
		}
	}
}

func TestChooseKDefaults(t *testing.T) {
	// 6 distinct non-zero rows: MaxK defaults to 5.
	x := mat.NewDense(8, 3, []float64{
		1, 0, 0, 0.9, 0.1, 0, 0, 1, 0, 0, 0, 0,
		0.1, 0.9, 0, 0, 0, 1, 0, 0.1, 0.9, 1, 0, 0,
	})
	k, scores, err := cluster.ChooseK(x, cluster.ChooseKOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ks []int
	for _, s := range scores {
		ks = append(ks, s.K)
	}
	if !slices.Equal(ks, []int{2, 3, 4, 5}) || k != 3 {
		t.Errorf("chose %d among %v, want 3 among [2 3 4 5]; scores %v", k, ks, scores)
	}
	// A MaxK above the distinct rows is capped too.
	_, capped, err := cluster.ChooseK(x, cluster.ChooseKOptions{MaxK: 50})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(capped, scores) {
		t.Errorf("MaxK 50: %v, want %v", capped, scores)
	}
	// Deterministic, and a sample gives scores of the same k.
	_, again, _ := cluster.ChooseK(x, cluster.ChooseKOptions{})
	if !slices.Equal(again, scores) {
		t.Errorf("second run: %v, want %v", again, scores)
	}
	_, sampled, err := cluster.ChooseK(x, cluster.ChooseKOptions{SampleSize: 4})
	if err != nil || len(sampled) != len(scores) {
		t.Errorf("SampleSize 4: %v, %v", sampled, err)
	}
}

func TestChooseKFewDistinct(t *testing.T) {
	tests := []struct {
		name string
		x    *mat.Dense
		want int
	}{
		{"one row", mat.NewDense(1, 2, []float64{1, 2}), 1},
		{"duplicates", mat.NewDense(3, 2, []float64{1, 2, 2, 4, 0, 0}), 1},
		{"two distinct", mat.NewDense(4, 2, []float64{1, 2, 2, 1, 1, 2, 0, 0}), 2},
	}
	for _, tt := range tests {
		k, scores, err := cluster.ChooseK(tt.x, cluster.ChooseKOptions{})
		if err != nil || k != tt.want || scores != nil {
			t.Errorf("%s: ChooseK = %d, %v, %v; want %d, nil, nil", tt.name, k, scores, err, tt.want)
		}
	}
}

func TestChooseKErrors(t *testing.T) {
	x, _ := blobs(1, 30, 3, 3, 0.3)
	tests := []struct {
		name string
		x    *mat.Dense
		opt  cluster.ChooseKOptions
		want error
		msg  string
	}{
		{"MinK 1", x, cluster.ChooseKOptions{MinK: 1}, cluster.ErrInvalidOption, "MinK = 1"},
		{"MinK negative", x, cluster.ChooseKOptions{MinK: -3}, cluster.ErrInvalidOption, "MinK = -3"},
		{"MaxK negative", x, cluster.ChooseKOptions{MaxK: -1}, cluster.ErrInvalidOption, "MaxK = -1"},
		{"MinK above MaxK", x, cluster.ChooseKOptions{MinK: 6, MaxK: 4}, cluster.ErrInvalidOption, "MinK = 6 exceeds MaxK = 4"},
		{"MinK above distinct rows", mat.NewDense(4, 2, []float64{1, 0, 0, 1, 1, 1, 1, 2}), cluster.ChooseKOptions{MinK: 4}, cluster.ErrInvalidOption, "4 distinct"},
		{"KMeans option", x, cluster.ChooseKOptions{KMeans: cluster.KMeansOptions{Restarts: -1}}, cluster.ErrInvalidOption, "Restarts"},
		{"all zero", mat.NewDense(2, 2, nil), cluster.ChooseKOptions{}, cluster.ErrNoRows, "no non-zero rows"},
	}
	for _, tt := range tests {
		k, scores, err := cluster.ChooseK(tt.x, tt.opt)
		if k != 0 || scores != nil || !errors.Is(err, tt.want) {
			t.Errorf("%s: ChooseK = %d, %v, %v; want error %v", tt.name, k, scores, err, tt.want)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "cluster: ") || !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: error %q, want %q", tt.name, msg, tt.msg)
		}
	}
}
