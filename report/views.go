package report

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
)

// Views holds what the pictures of a report draw (WriteHTML, WriteHeatmap).
// Build fills it from the LSA vectors; it is not part of the JSON.
type Views struct {
	// Map places every document in two dimensions, in input order: the
	// projection of its LSA vector on the plane along which the cluster
	// means spread most (the first two principal components of the means,
	// weighted by cluster size; with fewer than three clusters, completed
	// by the documents' own principal components), centred on the mean of
	// the clustered documents; unclustered ones sit at the origin. Signs
	// are fixed so that each axis's largest loading is positive.
	Map []Point
	// MapVariance is the share of the clustered documents' variance (in
	// the LSA space) along each axis of Map.
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

// buildViews computes what the pictures of m draw, with at most
// heatmapDocs documents in the heat map.
func buildViews(m *topics.Model, heatmapDocs int) *Views {
	var clustered []int
	for i, c := range m.Clusters.Labels {
		if c >= 0 {
			clustered = append(clustered, i)
		}
	}
	v := &Views{HeatmapOf: len(clustered)}
	v.Map, v.MapVariance = clusterMap(m.Vectors, clustered, m.Clusters.Labels)
	v.Heatmap = heatmapSample(m.Members, max(heatmapDocs, 1))
	v.HeatmapSim = heatmapSims(m.Vectors, v.Heatmap)
	return v
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
			out[a][b] = cluster.ClampCosine(mat.Dot(c.RowView(a), c.RowView(b)))
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
			s := cluster.ClampCosine(mat.Dot(x.RowView(i), x.RowView(docs[b])))
			out[a*n+b], out[b*n+a] = s, s
		}
	}
	return out
}

// clusterMap projects the rows of x listed in rows (labels gives their
// clusters) on the plane along which the cluster means spread most: the
// first two principal components of the means, each weighted by its
// cluster's size (the between-cluster scatter Σ n_c (μ_c − μ)(μ_c − μ)ᵀ).
// With fewer than three clusters the means span less than a plane; the
// remaining axes are then the documents' own principal components,
// orthogonal to the axes found. It returns a point per row of x (zero for
// rows not listed) and the share of the documents' variance along each
// axis. Each axis's sign is fixed so that its largest loading is positive.
func clusterMap(x *mat.Dense, rows, labels []int) ([]Point, [2]float64) {
	n, d := x.Dims()
	pts := make([]Point, n)
	var share [2]float64
	if len(rows) < 2 || d == 0 {
		return pts, share
	}
	centred := mat.NewDense(len(rows), d, nil)
	for r, i := range rows {
		centred.SetRow(r, x.RawRowView(i))
	}
	mean := make([]float64, d)
	for j := range d {
		mean[j] = stat.Mean(mat.Col(nil, j, centred), nil)
	}
	for r := range rows {
		floats.Sub(centred.RawRowView(r), mean)
	}
	axes := betweenAxes(centred, rows, labels)
	for len(axes) < 2 {
		axes = append(axes, residualAxis(centred, axes))
	}
	total := 0.0
	for r := range rows {
		total += floats.Dot(centred.RawRowView(r), centred.RawRowView(r))
	}
	for r, i := range rows {
		row := centred.RawRowView(r)
		p := Point{X: floats.Dot(row, axes[0]), Y: floats.Dot(row, axes[1])}
		pts[i] = p
		share[0] += p.X * p.X
		share[1] += p.Y * p.Y
	}
	if total > 0 {
		share[0] /= total
		share[1] /= total
	}
	return pts, share
}

// betweenAxes returns up to two unit axes along which the cluster means
// of the centred rows spread most (see clusterMap), leaving out those with
// no spread.
func betweenAxes(centred *mat.Dense, rows, labels []int) [][]float64 {
	_, d := centred.Dims()
	k := 0
	for _, i := range rows {
		k = max(k, labels[i]+1)
	}
	sums := mat.NewDense(max(k, 1), d, nil)
	counts := make([]float64, max(k, 1))
	for r, i := range rows {
		floats.Add(sums.RawRowView(labels[i]), centred.RawRowView(r))
		counts[labels[i]]++
	}
	for c := range counts {
		if counts[c] > 0 {
			floats.Scale(1/math.Sqrt(counts[c]), sums.RawRowView(c)) // √n_c (μ_c − μ)
		}
	}
	var svd mat.SVD
	if !svd.Factorize(sums, mat.SVDThinV) {
		return nil
	}
	vals := svd.Values(nil)
	var v mat.Dense
	svd.VTo(&v)
	var axes [][]float64
	for a := 0; a < min(2, len(vals)); a++ {
		if vals[a] <= 1e-9*vals[0] || vals[0] == 0 {
			break
		}
		axis := mat.Col(nil, a, &v)
		fixSign(axis)
		axes = append(axes, axis)
	}
	return axes
}

// residualAxis returns the first principal component of the centred rows
// once their components along axes (orthonormal) are taken out; a zero
// axis when nothing is left.
func residualAxis(centred *mat.Dense, axes [][]float64) []float64 {
	rows, d := centred.Dims()
	res := mat.DenseCopyOf(centred)
	for r := range rows {
		row := res.RawRowView(r)
		for _, a := range axes {
			floats.AddScaled(row, -floats.Dot(row, a), a)
		}
	}
	var cov mat.SymDense
	cov.SymOuterK(1, res.T())
	var eig mat.EigenSym
	axis := make([]float64, d)
	if !eig.Factorize(&cov, true) {
		return axis
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	best := len(vals) - 1 // EigenSym sorts the values in ascending order
	if vals[best] <= 0 {
		return axis
	}
	mat.Col(axis, best, &vecs)
	fixSign(axis)
	return axis
}

// fixSign flips v so that its entry of largest magnitude is positive (the
// first on ties).
func fixSign(v []float64) {
	big := 0
	for j := range v {
		if math.Abs(v[j]) > math.Abs(v[big]) {
			big = j
		}
	}
	if v[big] < 0 {
		floats.Scale(-1, v)
	}
}
