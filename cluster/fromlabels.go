package cluster

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// FromLabels returns the clustering of the rows of x given by labels (one
// per row, any non-negative group ids; negative or a zero row: no
// cluster), as KMeans would report it: clusters renumbered by size
// (largest first, ties by the smallest row), centroids the normalized means
// of their unit rows, each row's similarity the cosine to its centroid, and
// the objective their sum. It makes a Result of groups found otherwise, such
// as a cut of a Tree.
func FromLabels(x *mat.Dense, labels []int) (*Result, error) {
	return FromWeightedLabels(x, labels, nil)
}

// FromWeightedLabels is FromLabels with a weight per row, as
// KMeansOptions.Weights: centroids are the normalized weighted sums of
// their unit rows and the objective the weighted sum of the similarities.
// Nil weights are all 1 (FromLabels). A cluster whose rows all weigh 0 has
// the centroid of its rows unweighted. It returns an error wrapping
// ErrInvalidOption for weights of the wrong length, negative or not
// finite.
func FromWeightedLabels(x *mat.Dense, labels []int, weights []float64) (*Result, error) {
	n, d := x.Dims()
	if len(labels) != n {
		return nil, fmt.Errorf("cluster: %w: %d labels for %d rows", ErrInvalidOption, len(labels), n)
	}
	if err := checkWeights(weights, n); err != nil {
		return nil, err
	}
	rows := make([]int, n)
	for i := range rows {
		rows[i] = labels[i]
		if floats.Norm(x.RawRowView(i), 2) == 0 {
			rows[i] = -1
		}
	}
	ids := numberBySize(rows)
	k := 0
	for _, c := range ids {
		k = max(k, c+1)
	}
	if k == 0 {
		return nil, fmt.Errorf("cluster: %w", ErrNoRows)
	}
	res := &Result{K: k, Labels: ids, Centroids: mat.NewDense(k, d, nil), Similarity: make([]float64, n), Sizes: make([]int, k)}
	addUnitRows(res.Centroids, x, ids, weights)
	if weights != nil {
		plain := mat.NewDense(k, d, nil) // for clusters whose rows all weigh 0
		addUnitRows(plain, x, ids, nil)
		for c := range k {
			if floats.Norm(res.Centroids.RawRowView(c), 2) == 0 {
				res.Centroids.SetRow(c, plain.RawRowView(c))
			}
		}
	}
	for _, c := range ids {
		if c >= 0 {
			res.Sizes[c]++
		}
	}
	for c := range k {
		row := res.Centroids.RawRowView(c)
		floats.Scale(1/math.Max(floats.Norm(row, 2), math.SmallestNonzeroFloat64), row)
	}
	for i, c := range ids {
		if c < 0 {
			continue
		}
		row := x.RawRowView(i)
		res.Similarity[i] = ClampCosine(floats.Dot(row, res.Centroids.RawRowView(c)) / floats.Norm(row, 2))
		if weights != nil {
			res.Objective += weights[i] * res.Similarity[i]
		} else {
			res.Objective += res.Similarity[i]
		}
	}
	return res, nil
}

// addUnitRows adds each row of x, normalized and weighted (nil: weights 1),
// to the row of sums of its cluster (ids; negative: none).
func addUnitRows(sums, x *mat.Dense, ids []int, weights []float64) {
	_, d := x.Dims()
	unit := make([]float64, d)
	for i, c := range ids {
		if c < 0 {
			continue
		}
		copy(unit, x.RawRowView(i))
		floats.Scale(1/floats.Norm(unit, 2), unit)
		if weights != nil {
			floats.AddScaled(sums.RawRowView(c), weights[i], unit)
		} else {
			floats.Add(sums.RawRowView(c), unit)
		}
	}
}
