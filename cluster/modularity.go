package cluster

import (
	"slices"

	"gonum.org/v1/gonum/mat"
)

// knnGraph is the undirected, unweighted graph that links each row of a
// matrix to its nearest neighbours (an edge when either row lists the
// other), over a subset of the rows of the matrix.
type knnGraph struct {
	rows []int   // the input rows that are nodes, increasing
	a, b []int32 // edges between nodes a[e] < b[e]
	deg  []int   // degree of each node
	m    float64 // number of edges
}

// newKNNGraph builds the graph of the n nearest neighbours among the rows of
// x listed in rows (increasing). Zero rows have no neighbours.
func newKNNGraph(x *mat.Dense, rows []int, n, workers int) (*knnGraph, error) {
	_, d := x.Dims()
	sub := mat.NewDense(len(rows), d, nil)
	for p, i := range rows {
		sub.SetRow(p, x.RawRowView(i))
	}
	lists, err := Neighbors(sub, NeighborOptions{N: n, Workers: workers})
	if err != nil {
		return nil, err
	}
	g := &knnGraph{rows: rows, deg: make([]int, len(rows))}
	var edges []uint64
	for p, l := range lists {
		for _, nb := range l {
			a, b := min(p, nb.Index), max(p, nb.Index)
			edges = append(edges, uint64(a)<<32|uint64(b))
		}
	}
	slices.Sort(edges)
	edges = slices.Compact(edges)
	g.a, g.b = make([]int32, len(edges)), make([]int32, len(edges))
	for e, v := range edges {
		a, b := int32(v>>32), int32(v&(1<<32-1))
		g.a[e], g.b[e] = a, b
		g.deg[a]++
		g.deg[b]++
	}
	g.m = float64(len(edges))
	return g, nil
}

// modularity returns Newman's modularity Σ_c [e_c/m - (d_c/2m)²] of the
// partition labels (indexed by input row; k clusters in [0, k), negative
// for none) restricted to the graph's nodes: e_c counts the edges inside
// cluster c and d_c the degrees of its nodes. Nodes with a negative label
// count in m but in no cluster. It is 0 for a graph without edges.
func (g *knnGraph) modularity(labels []int, k int) float64 {
	if g.m == 0 {
		return 0
	}
	in := make([]float64, k)
	deg := make([]float64, k)
	for p, i := range g.rows {
		if l := labels[i]; l >= 0 {
			deg[l] += float64(g.deg[p])
		}
	}
	for e := range g.a {
		la, lb := labels[g.rows[g.a[e]]], labels[g.rows[g.b[e]]]
		if la >= 0 && la == lb {
			in[la]++
		}
	}
	var q float64
	for c := range k {
		f := deg[c] / (2 * g.m)
		q += in[c]/g.m - f*f
	}
	return q
}

// adjustedRandOf returns the adjusted Rand index of two labelings of the
// same rows, over the rows where both are non-negative.
func adjustedRandOf(a, b []int) float64 {
	var x, y []int
	for i := range a {
		if a[i] >= 0 && b[i] >= 0 {
			x, y = append(x, a[i]), append(y, b[i])
		}
	}
	if len(x) == 0 {
		return 0
	}
	return newContingency(x, y).adjustedRand()
}
