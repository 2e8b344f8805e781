package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// Contribution is one column's (one term's) part in the cosine similarity of
// two sparse vectors.
type Contribution struct {
	// Column is the column (term) stored in both vectors.
	Column int
	// Share is xₜyₜ / (x·y), the column's fraction of the dot product and so
	// of the cosine: the shares of all shared columns sum to 1.
	Share float64
}

// Contributions explains the cosine similarity of two sparse vectors, each
// given as strictly increasing column indices and their values (a row of a
// SparseMatrix). It returns the cosine, in [-1, 1], and the columns stored in
// both with their shares of it, largest share first, ties broken by column.
// With TF-IDF rows the shares are the terms that make two documents similar:
// term t contributes xₜyₜ / cos(x, y) of the cosine of the normalized rows.
//
// If the vectors share no column, or their products cancel out (dot product
// 0), the cosine is 0 and there are no shares. Contributions panics if a
// vector's slices differ in length.
func Contributions(aInd []int32, aVal []float64, bInd []int32, bVal []float64) (float64, []Contribution) {
	if len(aInd) != len(aVal) || len(bInd) != len(bVal) {
		panic(fmt.Sprintf("cluster: Contributions of vectors with %d/%d and %d/%d indices/values",
			len(aInd), len(aVal), len(bInd), len(bVal)))
	}
	var parts []Contribution
	var prods []float64
	for p, q := 0, 0; p < len(aInd) && q < len(bInd); {
		switch {
		case aInd[p] < bInd[q]:
			p++
		case aInd[p] > bInd[q]:
			q++
		default:
			if v := aVal[p] * bVal[q]; v != 0 {
				parts = append(parts, Contribution{Column: int(aInd[p])})
				prods = append(prods, v)
			}
			p++
			q++
		}
	}
	dot := floats.Sum(prods)
	na, nb := floats.Norm(aVal, 2), floats.Norm(bVal, 2)
	if dot == 0 || na == 0 || nb == 0 || math.IsNaN(dot) || math.IsInf(dot, 0) {
		return 0, nil
	}
	for k, v := range prods {
		parts[k].Share = v / dot
	}
	slices.SortFunc(parts, func(x, y Contribution) int {
		return cmp.Or(cmp.Compare(y.Share, x.Share), cmp.Compare(x.Column, y.Column))
	})
	return ClampCosine(dot / na / nb), parts
}
