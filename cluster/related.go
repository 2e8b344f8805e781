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
	// CentroidLink is greedy agglomeration on the nearest neighbour graph
	// by centroid similarity: the two adjacent groups whose centroids (the
	// sums of their unit rows) have the highest cosine are merged, as long
	// as it reaches the threshold. A group's centroid pools the terms of
	// all its members, so a short document that shares only the story's
	// key term with each of the others still joins it, which average
	// linkage, requiring a high mean over all pairs, refuses; a row that
	// shares only one common term with a large group is far from its
	// centroid, so no chain of pairwise-similar rows becomes one group.
	CentroidLink Linkage = iota

	// AverageLink is group-average agglomerative clustering on the nearest
	// neighbour graph: starting from single rows, the two groups with the
	// highest average cosine between their members are merged, as long as
	// that average reaches the threshold. Only groups joined by a
	// neighbour-list edge are candidates, but the average is exact (over all
	// pairs of members), so a long chain of pairwise-similar rows does not
	// become one group unless the chain as a whole is similar.
	AverageLink

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

// String returns the name of the linkage: "centroid", "average", "mutual"
// or "single".
func (l Linkage) String() string {
	switch l {
	case AverageLink:
		return "average"
	case MutualLink:
		return "mutual"
	case SingleLink:
		return "single"
	case CentroidLink:
		return "centroid"
	}
	return fmt.Sprintf("Linkage(%d)", int(l))
}

// ParseLinkage returns the linkage named s, as Linkage.String spells it.
func ParseLinkage(s string) (Linkage, error) {
	for _, l := range []Linkage{CentroidLink, AverageLink, MutualLink, SingleLink} {
		if s == l.String() {
			return l, nil
		}
	}
	return 0, fmt.Errorf("cluster: %w: linkage %q, want centroid, average, mutual or single", ErrInvalidOption, s)
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

	// Linkage is the joining rule; the zero value is CentroidLink.
	Linkage Linkage

	// Terms, if not nil, holds a second form of the same rows, typically
	// their TF-IDF vectors, whose similarity weighs shared terms by their
	// rarity where the rows of x (LSA vectors) capture the topic. The
	// similarity of two rows (or groups) is then the mean of their cosine
	// in x and their cosine in Terms: documents of one story must share
	// rare terms as well as a topic. Each row is linked to its Neighbors
	// nearest rows in either form. Terms must have as many rows as x; its
	// rows are normalized internally, and a row that is zero in x is empty
	// whatever Terms holds.
	Terms SparseMatrix

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
	case opt.Linkage < CentroidLink || opt.Linkage > SingleLink:
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
	st := &linkState{u: u, centroid: opt.Linkage == CentroidLink}
	links := nbrs // candidate links, most similar first
	if opt.Terms != nil {
		if st.terms, links, err = termLinks(u, nbrs, opt); err != nil {
			return nil, err
		}
	}
	var groups []int
	switch opt.Linkage {
	case AverageLink, CentroidLink:
		groups = st.agglomerate(links, opt.Threshold)
	default:
		groups = linkComponents(u, links, opt.Threshold, opt.Linkage == MutualLink)
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

// termLinks checks opt.Terms against x and returns its normalized rows and
// the candidate links of every row: its neighbours in x and in Terms, with
// the combined similarity (the mean of the two cosines), most similar first,
// ties broken by the lower index.
func termLinks(u *unitDense, nbrs [][]Neighbor, opt RelatedOptions) (*unitSparse, [][]Neighbor, error) {
	if r, _ := opt.Terms.Dims(); r != u.n {
		return nil, nil, fmt.Errorf("cluster: %w: Terms has %d rows, x has %d", ErrInvalidOption, r, u.n)
	}
	t, err := unitSparseOf(opt.Terms)
	if err != nil {
		return nil, nil, err
	}
	tn, err := SparseNeighbors(opt.Terms, NeighborOptions{N: opt.Neighbors, Workers: opt.Workers})
	if err != nil {
		return nil, nil, err
	}
	links := make([][]Neighbor, u.n)
	for i := range u.n {
		if u.empty[i] {
			continue
		}
		var js []int
		for _, l := range [][]Neighbor{nbrs[i], tn[i]} {
			for _, nb := range l {
				if !u.empty[nb.Index] {
					js = append(js, nb.Index)
				}
			}
		}
		slices.Sort(js)
		for _, j := range slices.Compact(js) {
			sim := (floats.Dot(u.row(i), u.row(j)) + sparseRowDot(t, i, j)) / 2
			links[i] = append(links[i], Neighbor{j, ClampCosine(sim)})
		}
		slices.SortFunc(links[i], compareNeighbors)
	}
	return t, links, nil
}

// sparseRowDot returns the dot product of rows i and j of t.
func sparseRowDot(t *unitSparse, i, j int) float64 {
	return sparseDot(t.ind[t.ptr[i]:t.ptr[i+1]], t.val[t.ptr[i]:t.ptr[i+1]], t.ind[t.ptr[j]:t.ptr[j+1]], t.val[t.ptr[j]:t.ptr[j+1]])
}

// sparseDot returns the dot product of two sparse vectors with increasing
// indices, summing the products in index order.
func sparseDot(ai []int32, av []float64, bi []int32, bv []float64) float64 {
	var s float64
	for p, q := 0, 0; p < len(ai) && q < len(bi); {
		switch {
		case ai[p] < bi[q]:
			p++
		case ai[p] > bi[q]:
			q++
		default:
			s += av[p] * bv[q]
			p++
			q++
		}
	}
	return s
}

// linkState holds the groups of greedy agglomeration, each identified by its
// smallest row: the sum of the unit rows of x of its members and, with
// Terms, the sum of their unit rows of Terms (sparse), its size, and the
// dot product of its sums with themselves.
type linkState struct {
	u        *unitDense
	terms    *unitSparse // nil without Terms
	centroid bool        // CentroidLink, else AverageLink

	dense   []float64   // row g: the sum of group g's rows of x
	ind     [][]int32   // group g's sum of rows of Terms: columns, increasing
	val     [][]float64 // and values
	self    []float64   // dot(g, g)
	size    []float64
	scatter []float64 // one group's sum of Terms rows, by column (zero between uses)

	parent  []int     // union-find over rows; a group's root is its smallest row
	version []int     // a group's number of merges, to spot stale heap entries
	adj     [][]int32 // a group's linked rows or groups (found through parent)
	scratch []int32
}

// dot returns the similarity-space dot product of the sums of groups a and
// b: the dot product of their x sums, averaged with that of their Terms
// sums when there are Terms. For single rows it is their similarity.
func (s *linkState) dot(a, b int) float64 {
	d := floats.Dot(s.row(a), s.row(b))
	if s.terms == nil {
		return d
	}
	return (d + sparseDot(s.ind[a], s.val[a], s.ind[b], s.val[b])) / 2
}

func (s *linkState) row(g int) []float64 { return s.dense[g*s.u.d : (g+1)*s.u.d] }

// sim returns the linkage similarity of groups a and b: the cosine between
// their centroids (CentroidLink) or the mean similarity over all pairs of
// members (AverageLink). scattered, if true, means group a's Terms sum is
// in s.scatter.
func (s *linkState) sim(a, b int, scattered bool) float64 {
	d := floats.Dot(s.row(a), s.row(b))
	if s.terms != nil {
		var t float64
		if scattered {
			for p, j := range s.ind[b] {
				t += s.scatter[j] * s.val[b][p]
			}
		} else {
			t = sparseDot(s.ind[a], s.val[a], s.ind[b], s.val[b])
		}
		d = (d + t) / 2
	}
	if !s.centroid {
		return d / (s.size[a] * s.size[b])
	}
	den := math.Sqrt(s.self[a] * s.self[b])
	if den == 0 {
		return 0
	}
	return ClampCosine(d / den)
}

// agglomerate merges groups of rows greedily by linkage similarity along the
// candidate links and returns each row's group (identified by its smallest
// row), or -1 for zero rows. Each row starts as a group; the most similar
// pair of adjacent groups is merged while its similarity reaches t.
func (s *linkState) agglomerate(links [][]Neighbor, t float64) []int {
	s.init()
	h := s.candidates(links, t)
	for h.Len() > 0 {
		m := heap.Pop(h).(merge)
		a, b := int(m.a), int(m.b)
		if s.parent[a] != a || s.parent[b] != b || s.version[a] != m.va || s.version[b] != m.vb {
			continue // stale: a group changed since the entry was pushed
		}
		s.merge(a, b) // b into a (a < b, so a stays the smallest row)
		s.parent[b] = a
		s.version[a]++
		s.relink(h, a, b, t)
	}
	groups := make([]int, s.u.n)
	for i := range groups {
		groups[i] = s.find(i)
		if s.u.empty[i] {
			groups[i] = -1
		}
	}
	return groups
}

// init makes every row a group of its own.
func (s *linkState) init() {
	u := s.u
	n := u.n
	s.dense = slices.Clone(u.data)
	s.size, s.self = make([]float64, n), make([]float64, n)
	if s.terms != nil {
		s.ind, s.val = make([][]int32, n), make([][]float64, n)
		for i := range n {
			lo, hi := s.terms.ptr[i], s.terms.ptr[i+1]
			s.ind[i], s.val[i] = s.terms.ind[lo:hi:hi], s.terms.val[lo:hi:hi]
		}
		s.scatter = make([]float64, s.terms.cols)
	}
	s.version, s.parent, s.adj = make([]int, n), make([]int, n), make([][]int32, n)
	for i := range n {
		s.parent[i] = i
		if !u.empty[i] {
			s.size[i] = 1
			s.self[i] = s.dot(i, i)
		}
	}
}

// find returns the root of row i's group (its smallest row), halving the
// path on the way.
func (s *linkState) find(i int) int {
	for s.parent[i] != i {
		s.parent[i] = s.parent[s.parent[i]]
		i = s.parent[i]
	}
	return i
}

// candidates records the links as adjacencies and returns the heap of the
// linked pairs of rows whose similarity reaches t, each pair once.
func (s *linkState) candidates(links [][]Neighbor, t float64) *mergeHeap {
	h := &mergeHeap{}
	for i, l := range links {
		for _, nb := range l {
			s.adj[i] = append(s.adj[i], int32(nb.Index))
			s.adj[nb.Index] = append(s.adj[nb.Index], int32(i))
			sim := nb.Similarity // a link's similarity is that of its two rows
			if s.centroid {
				sim = s.sim(i, nb.Index, false)
			}
			if sim >= t {
				a, b := min(i, nb.Index), max(i, nb.Index)
				h.items = append(h.items, merge{sim, int32(a), int32(b), 0, 0})
			}
		}
	}
	// A pair listed by both rows has the same similarity both ways: keep one.
	slices.SortFunc(h.items, func(x, y merge) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	h.items = slices.CompactFunc(h.items, func(x, y merge) bool { return x.a == y.a && x.b == y.b })
	heap.Init(h)
	return h
}

// relink gives group a, which has just taken in group b, the neighbours of
// both, and pushes its merges with them whose similarity reaches t.
func (s *linkState) relink(h *mergeHeap, a, b int, t float64) {
	s.scratch = s.scratch[:0]
	for _, c := range s.adj[a] {
		s.scratch = append(s.scratch, int32(s.find(int(c))))
	}
	for _, c := range s.adj[b] {
		s.scratch = append(s.scratch, int32(s.find(int(c))))
	}
	slices.Sort(s.scratch)
	s.scratch = slices.Compact(s.scratch)
	next := make([]int32, 0, len(s.scratch))
	s.scatterGroup(a, 1)
	for _, c := range s.scratch {
		if int(c) == a {
			continue
		}
		next = append(next, c)
		if sim := s.sim(a, int(c), s.terms != nil); sim >= t {
			p, q := min(a, int(c)), max(a, int(c))
			heap.Push(h, merge{sim, int32(p), int32(q), s.version[p], s.version[q]})
		}
	}
	s.scatterGroup(a, 0)
	s.adj[a], s.adj[b] = next, nil
}

// merge adds group b to group a.
func (s *linkState) merge(a, b int) {
	s.self[a] += s.self[b] + 2*s.dot(a, b)
	floats.Add(s.row(a), s.row(b))
	s.size[a] += s.size[b]
	if s.terms != nil {
		s.ind[a], s.val[a] = addSparse(s.ind[a], s.val[a], s.ind[b], s.val[b])
		s.ind[b], s.val[b] = nil, nil
	}
}

// scatterGroup writes group g's Terms sum into s.scatter (on) or zeroes
// those entries again (off = 0).
func (s *linkState) scatterGroup(g int, on float64) {
	if s.terms == nil {
		return
	}
	for p, j := range s.ind[g] {
		s.scatter[j] = on * s.val[g][p]
	}
}

// addSparse returns the sum of two sparse vectors with increasing indices.
func addSparse(ai []int32, av []float64, bi []int32, bv []float64) ([]int32, []float64) {
	ind := make([]int32, 0, len(ai)+len(bi))
	val := make([]float64, 0, len(ai)+len(bi))
	p, q := 0, 0
	for p < len(ai) || q < len(bi) {
		switch {
		case q == len(bi) || p < len(ai) && ai[p] < bi[q]:
			ind, val = append(ind, ai[p]), append(val, av[p])
			p++
		case p == len(ai) || bi[q] < ai[p]:
			ind, val = append(ind, bi[q]), append(val, bv[q])
			q++
		default:
			ind, val = append(ind, ai[p]), append(val, av[p]+bv[q])
			p++
			q++
		}
	}
	return ind, val
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
