package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Tree is a binary hierarchy of clusters: the leaves are the clusters of a
// flat clustering, and each merge joins two nodes into a new one, until one
// node (the root) holds every row.
//
// Nodes are numbered as in scipy's linkage matrix and BERTopic's
// hierarchical_topics: leaves are 0 … Leaves-1 (the cluster ids of the flat
// clustering), and merge t creates node Leaves+t. The root is node
// 2·Leaves-2.
type Tree struct {
	// Leaves is the number of leaf clusters.
	Leaves int

	// Merges holds the Leaves-1 merges in the order they were made.
	Merges []TreeMerge

	// Sizes holds the number of rows of each node, leaves first: 2·Leaves-1
	// values.
	Sizes []int
}

// TreeMerge is one merge of a Tree: nodes A < B become one node.
type TreeMerge struct {
	A, B int

	// Cost is Ward's criterion: the increase of the within-cluster sum of
	// squared Euclidean distances of the unit rows to their means,
	// |A||B|/(|A|+|B|)·‖mean(A) - mean(B)‖². It is at least 0.
	Cost float64

	// Similarity is the cosine between the centroids (the normalized
	// means) of A and B, in [-1, 1].
	Similarity float64
}

// AgglomerateOptions configures Agglomerate.
type AgglomerateOptions struct {
	// Groups, if not nil, holds a group for each leaf (a cluster of a
	// coarser clustering, any non-negative id): leaves of the same group
	// are merged with each other before any merge across groups, so that
	// Cut(number of groups) returns exactly these groups. Nil means no
	// constraint.
	Groups []int
}

// Agglomerate builds the tree of the k clusters given by labels (one per row
// of x, in [0, k), or negative for rows in no cluster, such as the -1 of
// zero rows) by Ward's method on the unit rows: starting from the clusters,
// it repeatedly merges the two nodes whose merge least increases the
// within-cluster sum of squares, ties broken by the smaller A, then B. This
// is the linkage of scipy's ward on the cluster means, weighted by cluster
// size, so a small outlying cluster is merged early instead of last. Each
// node keeps the sum of its unit rows; merge costs come from the dot
// products of those sums, so the tree costs O(k²·dims + k³) time and
// O(k²) memory, whatever the number of rows.
//
// Agglomerate returns an error wrapping ErrInvalidOption if labels does not
// have one entry per row, names a cluster outside [0, k), leaves a cluster
// empty, or if opt.Groups does not have k non-negative entries; ErrNotFinite
// if x holds NaN or ±Inf.
func Agglomerate(x *mat.Dense, labels []int, k int, opt AgglomerateOptions) (*Tree, error) {
	sums, sizes, err := clusterSums(x, labels, k)
	if err != nil {
		return nil, err
	}
	if opt.Groups != nil && len(opt.Groups) != k {
		return nil, fmt.Errorf("cluster: %w: %d groups for %d leaves", ErrInvalidOption, len(opt.Groups), k)
	}
	for c, g := range opt.Groups {
		if g < 0 {
			return nil, fmt.Errorf("cluster: %w: leaf %d has group %d", ErrInvalidOption, c, g)
		}
	}
	return ward(sums, sizes, opt.Groups), nil
}

// clusterSums returns the sum of the unit rows of each cluster (k rows of
// dims values) and the clusters' sizes.
func clusterSums(x *mat.Dense, labels []int, k int) ([][]float64, []int, error) {
	r, d := x.Dims()
	if len(labels) != r {
		return nil, nil, fmt.Errorf("cluster: %w: %d labels for %d rows", ErrInvalidOption, len(labels), r)
	}
	if k < 1 {
		return nil, nil, fmt.Errorf("cluster: %w: %d clusters, need at least 1", ErrInvalidOption, k)
	}
	sums := make([][]float64, k)
	for c := range sums {
		sums[c] = make([]float64, d)
	}
	sizes := make([]int, k)
	unit := make([]float64, d)
	for i, l := range labels {
		if l < 0 {
			continue
		}
		if l >= k {
			return nil, nil, fmt.Errorf("cluster: %w: row %d has label %d, outside [0, %d)", ErrInvalidOption, i, l, k)
		}
		row := x.RawRowView(i)
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, fmt.Errorf("cluster: row %d: %w: %v", i, ErrNotFinite, v)
			}
		}
		if normalizeTo(unit, row) == 0 {
			continue
		}
		floats.Add(sums[l], unit)
		sizes[l]++
	}
	for c, s := range sizes {
		if s == 0 {
			return nil, nil, fmt.Errorf("cluster: %w: cluster %d has no non-zero row", ErrInvalidOption, c)
		}
	}
	return sums, sizes, nil
}

// wardCost is Ward's merge cost of nodes of sizes na, nb whose unit-row sums
// have dot products gaa, gbb and gab.
func wardCost(na, nb, gaa, gbb, gab float64) float64 {
	d := gaa/(na*na) + gbb/(nb*nb) - 2*gab/(na*nb)
	return max(0, na*nb/(na+nb)*d)
}

// ward agglomerates k leaves given by their unit-row sums and sizes; leaves
// of the same group (if groups is not nil) merge before any two groups do.
func ward(sums [][]float64, sizes []int, groups []int) *Tree {
	k := len(sums)
	nodes := 2*k - 1
	t := &Tree{Leaves: k, Sizes: make([]int, nodes)}
	copy(t.Sizes, sizes)
	// gram[a][b] is the dot product of the sums of nodes a and b; rows are
	// filled for nodes as they are created.
	gram := make([][]float64, nodes)
	for a := range k {
		gram[a] = make([]float64, nodes)
		for b := range a + 1 {
			v := floats.Dot(sums[a], sums[b])
			gram[a][b], gram[b][a] = v, v
		}
	}
	group := make([]int, nodes)
	copy(group, groups) // zeros without groups: one group
	active := make([]int, k)
	for a := range active {
		active[a] = a
	}
	// key orders candidate merges: same-group first, then lower cost.
	type key struct {
		cross int
		cost  float64
	}
	pairKey := func(a, b int) key {
		cross := 0
		if group[a] != group[b] {
			cross = 1
		}
		return key{cross, wardCost(float64(t.Sizes[a]), float64(t.Sizes[b]), gram[a][a], gram[b][b], gram[a][b])}
	}
	less := func(x, y key) bool { return x.cross < y.cross || x.cross == y.cross && x.cost < y.cost }
	for m := range k - 1 {
		// Find the best pair (a < b by node id among active nodes; ties go
		// to the smaller a, then b).
		ba, bb, best := -1, -1, key{}
		for p, a := range active {
			for _, b := range active[p+1:] {
				x, y := min(a, b), max(a, b)
				kv := pairKey(x, y)
				if ba < 0 || less(kv, best) || kv == best && (x < ba || x == ba && y < bb) {
					ba, bb, best = x, y, kv
				}
			}
		}
		id := k + m
		t.Sizes[id] = t.Sizes[ba] + t.Sizes[bb]
		gram[id] = make([]float64, nodes)
		for _, c := range active {
			v := gram[ba][c] + gram[bb][c]
			gram[id][c], gram[c][id] = v, v
		}
		gram[id][id] = gram[ba][ba] + gram[bb][bb] + 2*gram[ba][bb]
		group[id] = group[ba]
		if best.cross == 1 {
			group[id] = -1 - m // a new group of its own once groups mix
		}
		sim := 0.0
		if den := math.Sqrt(gram[ba][ba] * gram[bb][bb]); den > 0 {
			sim = ClampCosine(gram[ba][bb] / den)
		}
		t.Merges = append(t.Merges, TreeMerge{A: ba, B: bb, Cost: best.cost, Similarity: sim})
		active = slices.DeleteFunc(active, func(c int) bool { return c == ba || c == bb })
		active = append(active, id)
	}
	return t
}

// Cut returns the groups of leaves left when the tree is cut into k groups:
// the leaves under each of the nodes that remain after the first
// Leaves-k merges. groups[c] is the group of leaf c, in [0, k); groups are
// numbered by size in rows, largest first, ties broken by the smallest
// leaf. k is clamped to [1, Leaves].
func (t *Tree) Cut(k int) []int {
	k = max(1, min(k, t.Leaves))
	root := make([]int, 2*t.Leaves-1)
	for i := range root {
		root[i] = i
	}
	for m := range t.Leaves - k {
		id := t.Leaves + m
		root[t.Merges[m].A], root[t.Merges[m].B] = id, id
	}
	find := func(i int) int {
		for root[i] != i {
			i = root[i]
		}
		return i
	}
	top := make([]int, t.Leaves)
	for c := range top {
		top[c] = find(c)
	}
	// Number the top nodes by size, then by smallest leaf.
	type info struct{ node, size, first int }
	var infos []info
	seen := map[int]int{}
	for c, n := range top {
		if _, ok := seen[n]; !ok {
			seen[n] = len(infos)
			infos = append(infos, info{n, t.Sizes[n], c})
		}
	}
	slices.SortFunc(infos, func(a, b info) int {
		return cmp.Or(cmp.Compare(b.size, a.size), cmp.Compare(a.first, b.first))
	})
	id := map[int]int{}
	for g, in := range infos {
		id[in.node] = g
	}
	groups := make([]int, t.Leaves)
	for c, n := range top {
		groups[c] = id[n]
	}
	return groups
}
