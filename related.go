package topics

import (
	"context"
	"fmt"
	"slices"

	"gonum.org/v1/gonum/floats"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/parallel"
)

// RelatedOptions sets how FindRelated groups documents.
type RelatedOptions struct {
	// Threshold is the smallest mean LSA cosine between two groups that
	// are merged (for AverageLink; for the others the smallest cosine of a
	// link), in (0, 1].
	Threshold float64
	// Neighbors is the number of nearest neighbours per document that may
	// link it to others, at least 1.
	Neighbors int
	// Linkage is the joining rule.
	Linkage cluster.Linkage
	// Terms is the number of terms explaining each pair, at least 1.
	Terms int
}

// DefaultRelatedOptions returns the settings of topics duplicates --related
// without flags: centroid linkage of the 10 nearest neighbours at a
// similarity of 0.5, 5 terms per pair.
func DefaultRelatedOptions() RelatedOptions {
	return RelatedOptions{Threshold: 0.5, Neighbors: 10, Linkage: cluster.CentroidLink, Terms: 5}
}

// Validate reports the first option out of its range as an *OptionError.
func (o RelatedOptions) Validate() error {
	return firstBad(
		check(!(o.Threshold > 0 && o.Threshold <= 1), "Threshold", o.Threshold, "want a value in (0, 1]"),
		check(o.Neighbors < 1, "Neighbors", o.Neighbors, "must be at least 1"),
		check(o.Terms < 1, "Terms", o.Terms, "must be at least 1"),
	)
}

// RelatedReport holds groups of related reports: documents about the same
// story, found without being told how many stories there are.
type RelatedReport struct {
	Corpus    string  `json:"corpus"`
	Documents int     `json:"documents"`
	Dims      int     `json:"dims"`
	Linkage   string  `json:"linkage"`
	Threshold float64 `json:"threshold"`
	Neighbors int     `json:"neighbors"`
	// Groups holds the groups of at least two documents, largest first.
	Groups []RelatedGroup `json:"groups"`
	// Grouped is the number of documents in Groups; Singletons the number of
	// documents related to no other.
	Grouped    int `json:"grouped"`
	Singletons int `json:"singletons"`
	// Assignments place every document, in input order.
	Assignments []RelatedAssignment `json:"assignments"`
	Warnings    []string            `json:"warnings"`
}

// RelatedGroup is a group of related documents.
type RelatedGroup struct {
	ID   int `json:"id"`
	Size int `json:"size"`
	// Cohesion is the mean LSA cosine over all pairs of members.
	Cohesion float64 `json:"cohesion"`
	// Members are ordered by their mean cosine to the others, highest first.
	Members []Member `json:"members"`
	// Terms say why the group holds: the terms with the largest shares of
	// the members' mean pairwise TF-IDF cosine (cluster.GroupContributions),
	// largest first, with how many members use each.
	Terms []GroupTerm `json:"terms"`
	// Pairs link each member to the member most similar to it, explained.
	Pairs []PairReport `json:"pairs"`
}

// GroupTerm is a term's share of a group's TF-IDF cohesion.
type GroupTerm struct {
	Term    string  `json:"term"`
	Share   float64 `json:"share"`
	Members int     `json:"members"`
}

// RelatedAssignment places one document: its group (every document has one;
// a document related to no other is alone in its group; -1 for a document
// with no terms), the group's size, and the member nearest to it.
type RelatedAssignment struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Cluster int    `json:"cluster"`
	Size    int    `json:"size"`
	// Nearest is the most similar other member of the group ("" alone), at
	// LSA cosine Similarity; Terms are the terms the two share most (as in
	// PairReport).
	Nearest    string      `json:"nearest"`
	Similarity float64     `json:"similarity"`
	Terms      []TermShare `json:"terms"`
}

// FindRelated groups documents that report the same story: TF-IDF, LSA
// (set by cfg),
// then cluster.RelatedGroups on the LSA vectors. Each group lists its
// members and, for each member, the pair with its most similar fellow
// member, explained by the terms that weigh most in their TF-IDF cosine.
func FindRelated(ctx context.Context, docs []corpus.Document, cfg Config, opt RelatedOptions) (*RelatedReport, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	// No document has more than len(docs)-1 neighbours.
	nb := min(opt.Neighbors, max(len(docs)-1, 1))
	if err := needMemory("Neighbors", opt.Neighbors, fmt.Sprintf("%d neighbours of each of %d documents", nb, len(docs)),
		48*float64(nb)*float64(len(docs))); err != nil {
		return nil, err
	}
	m, err := FitVectors(ctx, docs, cfg)
	if err != nil {
		return nil, err
	}
	// Similarities are the mean of the LSA and TF-IDF cosines: documents
	// must share rare terms as well as a topic.
	g, err := cluster.RelatedGroups(m.Vectors, cluster.RelatedOptions{Threshold: opt.Threshold, Neighbors: nb, Linkage: opt.Linkage, Terms: m.TFIDF})
	if err != nil {
		return nil, err
	}
	r := &RelatedReport{
		Documents: len(docs), Dims: m.LSA.Dims(), Linkage: g.Linkage.String(),
		Threshold: g.Threshold, Neighbors: g.N,
		Groups: []RelatedGroup{}, Warnings: []string{},
	}
	_, r.Warnings = m.emptyWarning()
	members := make([][]int, len(g.Sizes))
	for i, l := range g.Labels {
		if l >= 0 {
			members[l] = append(members[l], i)
		}
	}
	st := m.groupStats(g, members)
	explained := map[[2]int][]TermShare{}
	for l, mem := range members {
		if len(mem) < 2 {
			r.Singletons += len(mem)
			continue
		}
		r.Groups = append(r.Groups, m.relatedGroup(l, mem, st, opt.Terms, explained))
		r.Grouped += len(mem)
	}
	r.Assignments = make([]RelatedAssignment, len(docs))
	for i, d := range docs {
		a := RelatedAssignment{ID: d.ID, Title: d.DisplayTitle(), Cluster: g.Labels[i], Terms: []TermShare{}}
		if a.Cluster >= 0 {
			a.Size = g.Sizes[a.Cluster]
		}
		if nb := st.nearest[i]; nb.Index >= 0 {
			a.Nearest, a.Similarity = docs[nb.Index].ID, nb.Similarity
			a.Terms = explained[[2]int{min(i, nb.Index), max(i, nb.Index)}]
		}
		r.Assignments[i] = a
	}
	return r, nil
}

// groupStats are, per document, its mean cosine to the rest of its group
// and its nearest fellow member (Index -1 alone), and per group the mean
// cosine over all pairs of members.
type groupStats struct {
	meanSim  []float64
	nearest  []cluster.Neighbor
	cohesion []float64
}

// groupStats computes the statistics of the groups of g, whose members
// are listed in members.
func (m *Model) groupStats(g *cluster.Grouping, members [][]int) groupStats {
	n, dims := m.Vectors.Dims()
	st := groupStats{meanSim: make([]float64, n), nearest: make([]cluster.Neighbor, n), cohesion: make([]float64, len(members))}
	for i := range st.nearest {
		st.nearest[i] = cluster.Neighbor{Index: -1}
	}
	parallel.For(0, len(members), func(_, l int) {
		mem := members[l]
		if len(mem) < 2 {
			return
		}
		sum := make([]float64, dims)
		for _, i := range mem {
			floats.Add(sum, m.Vectors.RawRowView(i))
		}
		k := float64(len(mem))
		st.cohesion[l] = (floats.Dot(sum, sum) - k) / (k * (k - 1))
		for _, i := range mem {
			st.meanSim[i] = (floats.Dot(m.Vectors.RawRowView(i), sum) - 1) / (k - 1)
			st.nearest[i] = m.nearestMember(g, i, mem)
		}
	})
	return st
}

// relatedGroup describes group l of members mem: its members by their mean
// cosine to the others, and each member's pair with its nearest fellow,
// explained by terms terms (recorded in explained).
func (m *Model) relatedGroup(l int, mem []int, st groupStats, terms int, explained map[[2]int][]TermShare) RelatedGroup {
	grp := RelatedGroup{ID: l, Size: len(mem), Cohesion: st.cohesion[l], Members: make([]Member, len(mem)), Terms: []GroupTerm{}}
	_, parts := cluster.GroupContributions(m.TFIDF, mem, terms)
	for _, p := range parts {
		grp.Terms = append(grp.Terms, GroupTerm{Term: m.Vectorizer.Term(p.Column), Share: p.Share, Members: p.Members})
	}
	for k, i := range mem {
		grp.Members[k] = Member{ID: m.Docs[i].ID, Title: m.Docs[i].DisplayTitle(), Similarity: st.meanSim[i], Index: i}
	}
	slices.SortStableFunc(grp.Members, func(x, y Member) int {
		switch {
		case x.Similarity > y.Similarity:
			return -1
		case x.Similarity < y.Similarity:
			return 1
		}
		return 0
	})
	for _, mb := range grp.Members {
		nb := st.nearest[mb.Index]
		key := [2]int{min(mb.Index, nb.Index), max(mb.Index, nb.Index)}
		if _, seen := explained[key]; seen {
			continue
		}
		p := m.explain(key[0], key[1], terms, nb.Similarity)
		explained[key] = p.Terms
		grp.Pairs = append(grp.Pairs, p)
	}
	sortPairs(grp.Pairs)
	return grp
}

// nearestMember returns the member of mem (i's group) most similar to i:
// from i's neighbour list if one is there, otherwise by comparing i with
// every member (ties broken by the lower index).
func (m *Model) nearestMember(g *cluster.Grouping, i int, mem []int) cluster.Neighbor {
	for _, nb := range g.Neighbors[i] {
		if g.Labels[nb.Index] == g.Labels[i] {
			return nb
		}
	}
	best := cluster.Neighbor{Index: -1}
	x := m.Vectors.RawRowView(i)
	for _, j := range mem {
		if j == i {
			continue
		}
		s := cluster.ClampCosine(floats.Dot(x, m.Vectors.RawRowView(j)))
		if best.Index < 0 || s > best.Similarity {
			best = cluster.Neighbor{Index: j, Similarity: s}
		}
	}
	return best
}
