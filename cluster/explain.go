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

// GroupContribution is one column's (one term's) part in the cohesion of a
// group of sparse rows.
type GroupContribution struct {
	// Column is a column stored in at least two members.
	Column int
	// Share is the column's fraction of the group's cohesion; the shares of
	// all such columns sum to 1.
	Share float64
	// Members is the number of members that store the column.
	Members int
}

// GroupContributions explains why a group of sparse rows (the TF-IDF rows of
// a related group, say) holds together. It returns the group's cohesion, the
// mean cosine over all pairs of its members, and the columns that make it,
// largest share first, ties broken by column, at most n of them (n ≤ 0:
// all).
//
// With members x₁ … x_m scaled to unit length and their sum S, the mean
// pairwise cosine is
//
//	(‖S‖² - m) / (m(m-1)) = Σₜ (Sₜ² - Σᵢ xᵢₜ²) / (m(m-1)),
//
// and column t's share is its term of that sum divided by the total: the
// column's part in the similarities of all pairs, as Contributions gives it
// for one pair. Only columns stored in at least two members have a term.
// For rows without negative values every share is positive, and a word
// common to every document, weighted low by TF-IDF, gets a small share. A
// group of fewer than two non-zero rows has cohesion 0 and no columns.
// GroupContributions panics if a row index is outside the matrix.
func GroupContributions(x SparseMatrix, rows []int, n int) (float64, []GroupContribution) {
	type acc struct {
		sum, sq float64
		members int
	}
	cols := map[int32]*acc{}
	m := 0
	for _, i := range rows {
		ind, val := x.Row(i)
		norm := floats.Norm(val, 2)
		if norm == 0 || math.IsNaN(norm) || math.IsInf(norm, 0) {
			continue
		}
		m++
		for p, j := range ind {
			v := val[p] / norm
			a := cols[j]
			if a == nil {
				a = &acc{}
				cols[j] = a
			}
			a.sum += v
			a.sq += v * v
			a.members++
		}
	}
	if m < 2 {
		return 0, nil
	}
	var parts []GroupContribution
	var terms []float64
	for j, a := range cols {
		if a.members < 2 {
			continue
		}
		if t := a.sum*a.sum - a.sq; t != 0 {
			parts = append(parts, GroupContribution{Column: int(j), Members: a.members})
			terms = append(terms, t)
		}
	}
	// Sum the terms in column order, so the result does not depend on the
	// map's order.
	order := make([]int, len(parts))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(parts[a].Column, parts[b].Column) })
	var total float64
	for _, k := range order {
		total += terms[k]
	}
	if total == 0 {
		return 0, nil
	}
	for k := range parts {
		parts[k].Share = terms[k] / total
	}
	slices.SortFunc(parts, func(x, y GroupContribution) int {
		return cmp.Or(cmp.Compare(y.Share, x.Share), cmp.Compare(x.Column, y.Column))
	})
	if n > 0 && len(parts) > n {
		parts = parts[:n]
	}
	return total / float64(m*(m-1)), parts
}
