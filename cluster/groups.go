package cluster

import (
	"cmp"
	"fmt"
	"slices"
)

// Components returns the connected components of the graph on n items whose
// edges are pairs (the similarities are ignored): labels[i] is the
// component of item i. Every item is labeled, an item in no pair being a
// component of its own. Components are numbered by size, largest first,
// ties broken by the smallest item, so labels do not depend on the order of
// pairs. This is how near-duplicate pairs become sets of duplicates.
//
// Components returns an error wrapping ErrInvalidOption if a pair names an
// item outside [0, n).
func Components(n int, pairs []Pair) ([]int, error) {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]] // path halving
			i = parent[i]
		}
		return i
	}
	for _, p := range pairs {
		if p.A < 0 || p.A >= n || p.B < 0 || p.B >= n {
			return nil, fmt.Errorf("cluster: %w: pair (%d, %d) outside [0, %d)", ErrInvalidOption, p.A, p.B, n)
		}
		a, b := find(p.A), find(p.B)
		if a != b {
			parent[max(a, b)] = min(a, b) // the root is the smallest item
		}
	}
	roots := make([]int, n)
	for i := range roots {
		roots[i] = find(i)
	}
	return numberBySize(roots), nil
}

// numberBySize renumbers group ids (any non-negative values; negative means
// "no group" and is kept as -1) as 0, 1, ... by group size, largest first,
// ties broken by the smallest member.
func numberBySize(groups []int) []int {
	type info struct{ size, first int }
	seen := map[int]int{} // group → index in infos
	var infos []info
	for i, g := range groups {
		if g < 0 {
			continue
		}
		k, ok := seen[g]
		if !ok {
			k = len(infos)
			seen[g] = k
			infos = append(infos, info{first: i})
		}
		infos[k].size++
	}
	order := make([]int, len(infos))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(infos[b].size, infos[a].size), cmp.Compare(infos[a].first, infos[b].first))
	})
	id := make([]int, len(infos))
	for rank, k := range order {
		id[k] = rank
	}
	out := make([]int, len(groups))
	for i, g := range groups {
		if g < 0 {
			out[i] = -1
			continue
		}
		out[i] = id[seen[g]]
	}
	return out
}
