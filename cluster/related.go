package cluster

import (
	"cmp"
	"container/heap"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Linkage is the rule by which RelatedGroups joins rows into groups.
type Linkage int

const (
	// AverageLink is group-average agglomerative clustering on the nearest
	// neighbour graph: starting from single rows, the two groups with the
	// highest average cosine between their members are merged, as long as
	// that average reaches the threshold. Only groups joined by a
	// neighbour-list edge are candidates, but the average is exact (over all
	// pairs of members), so a long chain of pairwise-similar rows does not
	// become one group unless the chain as a whole is similar.
	AverageLink Linkage = iota

	// MutualLink links two rows when each is among the other's nearest
	// neighbours and their cosine reaches the threshold; groups are the
	// connected components of the links.
	MutualLink

	// SingleLink links two rows when either is among the other's nearest
	// neighbours and their cosine reaches the threshold; groups are the
	// connected components. It is single-link clustering cut at the
	// threshold (restricted to neighbour lists), and prone to chaining.
	SingleLink
)

// String returns the name of the linkage: "average", "mutual" or "single".
func (l Linkage) String() string {
	switch l {
	case AverageLink:
		return "average"
	case MutualLink:
		return "mutual"
	case SingleLink:
		return "single"
	}
	return fmt.Sprintf("Linkage(%d)", int(l))
}

// ParseLinkage returns the linkage named s, as Linkage.String spells it.
func ParseLinkage(s string) (Linkage, error) {
	for _, l := range []Linkage{AverageLink, MutualLink, SingleLink} {
		if s == l.String() {
			return l, nil
		}
	}
	return 0, fmt.Errorf("cluster: %w: linkage %q, want average, mutual or single", ErrInvalidOption, s)
}

// RelatedOptions configures RelatedGroups. The zero value of each field means
// its documented default.
type RelatedOptions struct {
	// Threshold is the cosine similarity that joins rows, in (0, 1]: for
	// AverageLink the smallest average cosine between two groups that are
	// merged, otherwise the smallest cosine of a link. Zero means 0.5.
	Threshold float64

	// Neighbors is the number of nearest neighbours per row that may link
	// it to others. Zero means 10.
	Neighbors int

	// Linkage is the joining rule; the zero value is AverageLink.
	Linkage Linkage

	// Workers is the number of goroutines for the neighbour search. Zero
	// means runtime.GOMAXPROCS(0). The result does not depend on it.
	Workers int
}

// Defaults of RelatedOptions.
const (
	defaultRelatedThreshold = 0.5
	defaultRelatedNeighbors = 10
)

// Grouping is a partition of the rows of a matrix found without being told
// the number of groups.
type Grouping struct {
	// Labels holds the group of each row, or -1 for a zero row. Every
	// non-zero row has a group, possibly of its own. Groups are numbered by
	// size, largest first, ties broken by the smallest row.
	Labels []int

	// Sizes holds the number of rows of each group.
	Sizes []int

	// Neighbors holds each row's nearest neighbours, as Neighbors returns
	// them, from which the groups were built.
	Neighbors [][]Neighbor

	// Threshold, N and Linkage are the settings used (defaults filled in).
	Threshold float64
	N         int
	Linkage   Linkage
}

// RelatedGroups groups the rows of x (documents, typically L2-normalized LSA
// vectors) that are related by cosine similarity, without a number of
// groups: it finds each row's opt.Neighbors nearest neighbours (Neighbors)
// and joins rows by opt.Linkage at opt.Threshold. x is not modified.
//
// With AverageLink (the default), merges are made greedily, the most similar
// pair of adjacent groups first (ties broken by the smallest rows), keeping
// each group's sum of unit rows so that the average cosine between groups A
// and B is sum(A)·sum(B) / (|A||B|), exact and updated in O(dims) per pair.
// A merge can only lower the average of the merged group with any other, so
// greedy merging stops when no adjacent pair reaches the threshold.
//
// RelatedGroups returns an error wrapping ErrInvalidOption if an option is
// out of range, ErrNoRows if x is empty and ErrNotFinite if it holds NaN or
// ±Inf.
func RelatedGroups(x *mat.Dense, opt RelatedOptions) (*Grouping, error) {
	switch {
	case math.IsNaN(opt.Threshold) || opt.Threshold < 0 || opt.Threshold > 1:
		return nil, fmt.Errorf("cluster: %w: Threshold = %v, want a cosine in (0, 1]", ErrInvalidOption, opt.Threshold)
	case opt.Neighbors < 0:
		return nil, fmt.Errorf("cluster: %w: Neighbors = %d is negative", ErrInvalidOption, opt.Neighbors)
	case opt.Linkage < AverageLink || opt.Linkage > SingleLink:
		return nil, fmt.Errorf("cluster: %w: unknown linkage %d", ErrInvalidOption, int(opt.Linkage))
	}
	if opt.Threshold == 0 {
		opt.Threshold = defaultRelatedThreshold
	}
	if opt.Neighbors == 0 {
		opt.Neighbors = defaultRelatedNeighbors
	}
	nbrs, err := Neighbors(x, NeighborOptions{N: opt.Neighbors, Workers: opt.Workers})
	if err != nil {
		return nil, err
	}
	u, _ := unitDenseOf(x) // checked by Neighbors
	var groups []int
	switch opt.Linkage {
	case AverageLink:
		groups = averageLink(u, nbrs, opt.Threshold)
	default:
		groups = linkComponents(u, nbrs, opt.Threshold, opt.Linkage == MutualLink)
	}
	g := &Grouping{Labels: numberBySize(groups), Neighbors: nbrs, Threshold: opt.Threshold, N: opt.Neighbors, Linkage: opt.Linkage}
	for _, l := range g.Labels {
		if l >= len(g.Sizes) {
			g.Sizes = append(g.Sizes, make([]int, l+1-len(g.Sizes))...)
		}
		if l >= 0 {
			g.Sizes[l]++
		}
	}
	return g, nil
}

// linkComponents returns the connected components of the links between rows
// and their neighbours of similarity at least t (mutual: only when each is in
// the other's list), as group ids; -1 for zero rows.
func linkComponents(u *unitDense, nbrs [][]Neighbor, t float64, mutual bool) []int {
	var pairs []Pair
	for i, l := range nbrs {
		for _, nb := range l {
			if nb.Similarity < t {
				break
			}
			j := nb.Index
			if mutual && !slices.ContainsFunc(nbrs[j], func(x Neighbor) bool { return x.Index == i }) {
				continue
			}
			pairs = append(pairs, Pair{min(i, j), max(i, j), nb.Similarity})
		}
	}
	labels, _ := Components(u.n, pairs) // pairs are in range
	for i, e := range u.empty {
		if e {
			labels[i] = -1
		}
	}
	return labels
}

// averageLink merges groups of rows greedily by group-average similarity
// along the neighbour graph and returns each row's group (identified by its
// smallest row), or -1 for zero rows.
func averageLink(u *unitDense, nbrs [][]Neighbor, t float64) []int {
	n, d := u.n, u.d
	sums := slices.Clone(u.data) // row g: the sum of the rows of group g
	size := make([]float64, n)
	version := make([]int, n)
	parent := make([]int, n) // union-find over rows; a group's root is its smallest row
	adj := make([][]int32, n)
	for i := range n {
		parent[i] = i
		if !u.empty[i] {
			size[i] = 1
		}
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, l := range nbrs {
		for _, nb := range l {
			adj[i] = append(adj[i], int32(nb.Index))
			adj[nb.Index] = append(adj[nb.Index], int32(i))
		}
	}
	h := &mergeHeap{}
	for i, l := range nbrs {
		for _, nb := range l {
			if nb.Similarity >= t {
				a, b := min(i, nb.Index), max(i, nb.Index)
				h.items = append(h.items, merge{nb.Similarity, int32(a), int32(b), 0, 0})
			}
		}
	}
	// A pair listed by both rows has the same similarity both ways: keep one.
	slices.SortFunc(h.items, func(x, y merge) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	h.items = slices.CompactFunc(h.items, func(x, y merge) bool { return x.a == y.a && x.b == y.b })
	heap.Init(h)
	row := func(g int) []float64 { return sums[g*d : (g+1)*d] }
	var scratch []int32
	for h.Len() > 0 {
		m := heap.Pop(h).(merge)
		a, b := int(m.a), int(m.b)
		if parent[a] != a || parent[b] != b || version[a] != m.va || version[b] != m.vb {
			continue // stale: a group changed since the entry was pushed
		}
		// Merge b into a (a < b, so a stays the smallest row).
		floats.Add(row(a), row(b))
		size[a] += size[b]
		parent[b] = a
		version[a]++
		scratch = scratch[:0]
		for _, c := range adj[a] {
			scratch = append(scratch, int32(find(int(c))))
		}
		for _, c := range adj[b] {
			scratch = append(scratch, int32(find(int(c))))
		}
		slices.Sort(scratch)
		scratch = slices.Compact(scratch)
		next := make([]int32, 0, len(scratch))
		for _, c := range scratch {
			if int(c) == a {
				continue
			}
			next = append(next, c)
			sim := floats.Dot(row(a), row(int(c))) / (size[a] * size[int(c)])
			if sim >= t {
				p, q := min(a, int(c)), max(a, int(c))
				heap.Push(h, merge{sim, int32(p), int32(q), version[p], version[q]})
			}
		}
		adj[a], adj[b] = next, nil
	}
	groups := make([]int, n)
	for i := range n {
		groups[i] = find(i)
		if u.empty[i] {
			groups[i] = -1
		}
	}
	return groups
}

// merge is a candidate merge of groups a < b with average similarity sim,
// valid while the groups' versions are still va and vb.
type merge struct {
	sim    float64
	a, b   int32
	va, vb int
}

// mergeHeap is a max-heap of merges: highest similarity first, ties broken
// by the smaller a, then b.
type mergeHeap struct{ items []merge }

func (h *mergeHeap) Len() int { return len(h.items) }
func (h *mergeHeap) Less(i, j int) bool {
	x, y := h.items[i], h.items[j]
	if x.sim != y.sim {
		return x.sim > y.sim
	}
	if x.a != y.a {
		return x.a < y.a
	}
	return x.b < y.b
}
func (h *mergeHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *mergeHeap) Push(x any)    { h.items = append(h.items, x.(merge)) }
func (h *mergeHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
