package report

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Views holds what the pictures of a report draw (WriteHTML, WriteHeatmap).
// Build fills it from the LSA vectors; it is not part of the JSON.
type Views struct {
	// Map places every document in two dimensions, in input order: the
	// first two principal components of the LSA vectors of the clustered
	// documents (unclustered ones sit at the origin). Signs are fixed so that
	// each component's largest loading is positive.
	Map []Point
	// MapVariance is the share of the LSA vectors' variance along each axis
	// of Map.
	MapVariance [2]float64
	// Heatmap lists the documents of the heat map as indices into
	// Report.Assignments, ordered by cluster and, within a cluster, closest
	// to the centroid first.
	Heatmap []int
	// HeatmapSim holds the cosine similarity of the LSA vectors of every
	// pair of Heatmap documents, row-major: len(Heatmap)² values.
	HeatmapSim []float64
	// HeatmapOf is the number of clustered documents; when it exceeds
	// len(Heatmap), the heat map shows an even sample of each cluster.
	HeatmapOf int
}

// Point is a position on the document map.
type Point struct {
	X, Y float64
}

// centroidSimilarity returns the cosine similarity of every pair of
// centroids (unit rows of c) as a k×k matrix.
func centroidSimilarity(c *mat.Dense) [][]float64 {
	k, _ := c.Dims()
	out := make([][]float64, k)
	for a := range k {
		out[a] = make([]float64, k)
		for b := range k {
			if a == b {
				out[a][b] = 1
				continue
			}
			out[a][b] = clampCos(mat.Dot(c.RowView(a), c.RowView(b)))
		}
	}
	return out
}

// nearestClusters returns up to n other clusters closest to cluster a, closest
// first, ties by id.
func nearestClusters(sim [][]float64, a, n int) []Nearby {
	var out []Nearby
	for b := range sim {
		if b != a {
			out = append(out, Nearby{Cluster: b, Similarity: sim[a][b]})
		}
	}
	slices.SortStableFunc(out, func(x, y Nearby) int { return cmp.Compare(y.Similarity, x.Similarity) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// heatmapSample returns at most limit documents ordered by cluster: all of
// them when they fit, otherwise from each cluster a share of limit in
// proportion to its size (at least one), spread evenly over its members
// from the closest to the centroid to the farthest.
func heatmapSample(members [][]int, limit int) []int {
	total := 0
	for _, m := range members {
		total += len(m)
	}
	quota := make([]int, len(members))
	if total <= limit {
		for c, m := range members {
			quota[c] = len(m)
		}
	} else {
		// Largest remainders, at least one per cluster while room is left.
		sum := 0
		rem := make([]float64, len(members))
		for c, m := range members {
			exact := float64(limit) * float64(len(m)) / float64(total)
			quota[c] = int(exact)
			rem[c] = exact - float64(quota[c])
			sum += quota[c]
		}
		order := make([]int, len(members))
		for c := range order {
			order[c] = c
		}
		slices.SortStableFunc(order, func(a, b int) int {
			if (quota[a] == 0) != (quota[b] == 0) {
				if quota[a] == 0 {
					return -1
				}
				return 1
			}
			return cmp.Compare(rem[b], rem[a])
		})
		for _, c := range order {
			if sum == limit {
				break
			}
			if quota[c] < len(members[c]) {
				quota[c]++
				sum++
			}
		}
	}
	var out []int
	for c, m := range members {
		q := quota[c]
		for j := range q {
			out = append(out, m[(2*j+1)*len(m)/(2*q)])
		}
	}
	return out
}

// heatmapSims returns the cosines of the rows docs of x (unit or zero
// rows), row-major.
func heatmapSims(x *mat.Dense, docs []int) []float64 {
	n := len(docs)
	out := make([]float64, n*n)
	for a, i := range docs {
		for b := a; b < n; b++ {
			s := clampCos(mat.Dot(x.RowView(i), x.RowView(docs[b])))
			out[a*n+b], out[b*n+a] = s, s
		}
	}
	return out
}

// pcaMap projects the rows of x listed in rows on their first two
// principal components. It returns a point per row of x (zero for rows not
// listed) and the share of variance of each component.
func pcaMap(x *mat.Dense, rows []int) ([]Point, [2]float64) {
	n, d := x.Dims()
	pts := make([]Point, n)
	var share [2]float64
	if len(rows) < 2 || d == 0 {
		return pts, share
	}
	mean := make([]float64, d)
	for _, i := range rows {
		for j := range d {
			mean[j] += x.At(i, j)
		}
	}
	for j := range mean {
		mean[j] /= float64(len(rows))
	}
	xc := mat.NewDense(len(rows), d, nil)
	for r, i := range rows {
		for j := range d {
			xc.Set(r, j, x.At(i, j)-mean[j])
		}
	}
	var cov mat.SymDense
	cov.SymOuterK(1/float64(len(rows)-1), xc.T())
	var eig mat.EigenSym
	if !eig.Factorize(&cov, true) {
		return pts, share
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	// Eigenvalues come in ascending order: take the two largest.
	var total float64
	for _, v := range vals {
		total += max(v, 0)
	}
	comp := make([][]float64, 2)
	for a := range 2 {
		col := d - 1 - a
		if col < 0 {
			comp[a] = make([]float64, d)
			continue
		}
		v := mat.Col(nil, col, &vecs)
		big := 0
		for j := range v {
			if math.Abs(v[j]) > math.Abs(v[big]) {
				big = j
			}
		}
		if v[big] < 0 {
			for j := range v {
				v[j] = -v[j]
			}
		}
		comp[a] = v
		if total > 0 {
			share[a] = max(vals[col], 0) / total
		}
	}
	for r, i := range rows {
		row := xc.RawRowView(r)
		var p Point
		for j := range d {
			p.X += row[j] * comp[0][j]
			p.Y += row[j] * comp[1][j]
		}
		pts[i] = p
	}
	return pts, share
}
