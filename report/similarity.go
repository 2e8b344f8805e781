package report

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/floats"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/parallel"
	"github.com/topics-dev/topics/vectorize"
)

// Space names the document vectors in which similarities are measured.
type Space string

// The spaces of SimilarityConfig.
const (
	// SpaceLSA is the LSA projection of the TF-IDF vectors (the default):
	// documents about the same thing in different words are close.
	SpaceLSA Space = "lsa"
	// SpaceTFIDF is the TF-IDF vectors themselves: documents are close when
	// they share weighty terms.
	SpaceTFIDF Space = "tfidf"
)

// ParseSpace returns the space named s: "lsa" or "tfidf".
func ParseSpace(s string) (Space, error) {
	switch Space(s) {
	case SpaceLSA, SpaceTFIDF:
		return Space(s), nil
	}
	return "", fmt.Errorf("report: space %q: want lsa or tfidf", s)
}

// Stream constant deriving the MinHash functions from the seed.
const streamMinHash = 4

// SimilarityConfig sets how documents are compared by Similarities and
// NearestNeighbors. The zero value is usable: scikit-learn's TF-IDF
// defaults, 100 LSA dimensions, the LSA space, seed 0.
type SimilarityConfig struct {
	// Vectorize sets tokenization and TF-IDF.
	Vectorize vectorize.Options
	// LSA sets the truncated SVD (for SpaceLSA). Its Rand is ignored: Seed
	// decides.
	LSA vectorize.LSAOptions
	// Seed makes the LSA reproducible.
	Seed uint64
	// Space is where cosines are measured; "" means SpaceLSA.
	Space Space
	// MaxDocs bounds the corpus size of Similarities, whose output grows as
	// the square of it. Zero means 5000; negative means no limit.
	// NearestNeighbors ignores it.
	MaxDocs int
	// Progress, if not nil, follows tokenize and LSA.
	Progress Progress
}

// ErrTooManyDocs is returned, wrapped, by Similarities for a corpus larger
// than SimilarityConfig.MaxDocs; NearestNeighbors is the way to go there.
var ErrTooManyDocs = errors.New("too many documents for a whole similarity matrix")

// defaultMaxDocs is the largest corpus whose full similarity matrix
// Similarities builds by default: 25 million values, 200 MB.
const defaultMaxDocs = 5000

// vectors fits the TF-IDF model, and the LSA for SpaceLSA.
func (c SimilarityConfig) vectors(docs []corpus.Document) (*Model, error) {
	switch c.Space {
	case "", SpaceLSA, SpaceTFIDF:
	default:
		return nil, fmt.Errorf("report: space %q: want lsa or tfidf", c.Space)
	}
	cfg := Config{Vectorize: c.Vectorize, LSA: c.LSA, Seed: c.Seed, Progress: c.Progress}
	m, err := fitTFIDF(docs, cfg)
	if err != nil {
		return nil, err
	}
	if c.space() == SpaceLSA {
		if err := m.fitLSA(cfg); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (c SimilarityConfig) space() Space {
	if c.Space == "" {
		return SpaceLSA
	}
	return c.Space
}

// SimilarityMatrix holds the cosine similarity of every pair of documents.
// Rows[i][j] is the similarity of documents i and j: symmetric, in [-1, 1],
// 1 on the diagonal, and 0 throughout the row and column of a document with
// no terms (listed in Empty).
type SimilarityMatrix struct {
	Corpus   string      `json:"corpus"`
	Space    Space       `json:"space"`
	Dims     int         `json:"dims,omitempty"` // LSA dimensions; 0 for tfidf
	IDs      []string    `json:"ids"`
	Titles   []string    `json:"titles"`
	Rows     [][]float64 `json:"rows"`
	Empty    []string    `json:"empty"`    // ids of documents with no terms
	Warnings []string    `json:"warnings"` // what the reader should know
}

// Similarities computes the cosine similarity matrix of docs in cfg.Space.
// It returns an error if the corpus has more than cfg.MaxDocs documents
// (NearestNeighbors scales to large corpora).
func Similarities(docs []corpus.Document, cfg SimilarityConfig) (*SimilarityMatrix, error) {
	limit := cfg.MaxDocs
	if limit == 0 {
		limit = defaultMaxDocs
	}
	if limit > 0 && len(docs) > limit {
		return nil, fmt.Errorf("report: %d documents, more than %d: %w", len(docs), limit, ErrTooManyDocs)
	}
	m, err := cfg.vectors(docs)
	if err != nil {
		return nil, err
	}
	r := &SimilarityMatrix{Space: cfg.space(), Empty: []string{}, Warnings: []string{}}
	var s interface{ At(i, j int) float64 }
	if r.Space == SpaceLSA {
		r.Dims = m.LSA.Dims()
		s, err = cluster.CosineMatrix(m.Vectors)
	} else {
		s, err = cluster.SparseCosineMatrix(m.TFIDF)
	}
	if err != nil {
		return nil, err
	}
	n := len(docs)
	r.IDs, r.Titles, r.Rows = make([]string, n), make([]string, n), make([][]float64, n)
	for i, d := range docs {
		r.IDs[i], r.Titles[i] = d.ID, DisplayTitle(d.Title, d.Text)
		r.Rows[i] = make([]float64, n)
		for j := range n {
			r.Rows[i][j] = s.At(i, j)
		}
	}
	r.Empty, r.Warnings = emptyWarning(m)
	return r, nil
}

// emptyWarning lists the documents with no terms and says what became of
// them.
func emptyWarning(m *Model) ([]string, []string) {
	ids := make([]string, len(m.Empty))
	for k, i := range m.Empty {
		ids[k] = m.Docs[i].ID
	}
	if len(ids) == 0 {
		return []string{}, []string{}
	}
	return ids, []string{fmt.Sprintf("%d document(s) have no terms in the vocabulary; their similarities are 0 and they have no neighbours: %s",
		len(ids), listIDs(ids, 5))}
}

// listIDs joins at most n ids, with "…" when there are more.
func listIDs(ids []string, n int) string {
	if len(ids) > n {
		return strings.Join(ids[:n], ", ") + ", …"
	}
	return strings.Join(ids, ", ")
}

// NeighborList holds each document's nearest neighbours.
type NeighborList struct {
	Corpus    string         `json:"corpus"`
	Space     Space          `json:"space"`
	Dims      int            `json:"dims,omitempty"`
	N         int            `json:"n"`
	Documents []DocNeighbors `json:"documents"`
	Empty     []string       `json:"empty"`
	Warnings  []string       `json:"warnings"`
}

// DocNeighbors is one document and its nearest neighbours, most similar
// first (ties broken by input order); empty for a document with no terms.
type DocNeighbors struct {
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	Neighbors []NeighborRef `json:"neighbors"`
}

// NeighborRef names a neighbour and its cosine similarity.
type NeighborRef struct {
	ID         string  `json:"id"`
	Similarity float64 `json:"similarity"`

	index int // the neighbour's position in the corpus
}

// NearestNeighbors finds each document's n most similar other documents in
// cfg.Space, without building the n×n matrix (cluster.Neighbors and
// cluster.SparseNeighbors): memory grows linearly with the corpus, and the
// work is spread over every core.
func NearestNeighbors(docs []corpus.Document, cfg SimilarityConfig, n int) (*NeighborList, error) {
	if n < 1 {
		return nil, fmt.Errorf("report: %d neighbours: want at least 1", n)
	}
	m, err := cfg.vectors(docs)
	if err != nil {
		return nil, err
	}
	r := &NeighborList{Space: cfg.space(), N: n}
	var lists [][]cluster.Neighbor
	if r.Space == SpaceLSA {
		r.Dims = m.LSA.Dims()
		lists, err = cluster.Neighbors(m.Vectors, cluster.NeighborOptions{N: n})
	} else {
		lists, err = cluster.SparseNeighbors(m.TFIDF, cluster.NeighborOptions{N: n})
	}
	if err != nil {
		return nil, err
	}
	r.Documents = make([]DocNeighbors, len(docs))
	for i, d := range docs {
		dn := DocNeighbors{ID: d.ID, Title: DisplayTitle(d.Title, d.Text), Neighbors: make([]NeighborRef, len(lists[i]))}
		for k, nb := range lists[i] {
			dn.Neighbors[k] = NeighborRef{ID: docs[nb.Index].ID, Similarity: nb.Similarity, index: nb.Index}
		}
		r.Documents[i] = dn
	}
	r.Empty, r.Warnings = emptyWarning(m)
	return r, nil
}

// TermShare is a term's share of the TF-IDF cosine of two documents.
type TermShare struct {
	Term  string  `json:"term"`
	Share float64 `json:"share"`
}

// PairReport is two documents found similar, and why.
type PairReport struct {
	A      string `json:"a"`
	B      string `json:"b"`
	TitleA string `json:"title_a"`
	TitleB string `json:"title_b"`
	// Similarity is the score that paired them: the Jaccard index of their
	// shingle sets (near-duplicates) or the cosine of their LSA vectors
	// (related reports).
	Similarity float64 `json:"similarity"`
	// Cosine is the cosine of their TF-IDF vectors.
	Cosine float64 `json:"tfidf_cosine"`
	// Terms are the terms contributing most to Cosine, each with its share
	// xₜyₜ/cos; the shares of all shared terms sum to 1.
	Terms []TermShare `json:"terms"`
	// SharedTerms is the number of terms the two documents share.
	SharedTerms int `json:"shared_terms"`

	a, b int // document indices
}

// explain fills the TF-IDF cosine and the top terms of a pair.
func explain(m *Model, i, j, terms int, sim float64) PairReport {
	ai, av := m.TFIDF.Row(i)
	bi, bv := m.TFIDF.Row(j)
	cos, parts := cluster.Contributions(ai, av, bi, bv)
	p := PairReport{
		A: m.Docs[i].ID, B: m.Docs[j].ID,
		TitleA: DisplayTitle(m.Docs[i].Title, m.Docs[i].Text), TitleB: DisplayTitle(m.Docs[j].Title, m.Docs[j].Text),
		Similarity: sim, Cosine: cos, SharedTerms: len(parts), Terms: []TermShare{},
		a: i, b: j,
	}
	for k, c := range parts {
		if k == terms {
			break
		}
		p.Terms = append(p.Terms, TermShare{Term: m.Vectorizer.Term(c.Column), Share: c.Share})
	}
	return p
}

// Member is a document in a group.
type Member struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Similarity is, for related reports, the member's mean LSA cosine to
	// the other members; for near-duplicates, its highest Jaccard index
	// with another member.
	Similarity float64 `json:"similarity"`

	index int
}

// DuplicateConfig sets how FindDuplicates works. The zero value is usable.
type DuplicateConfig struct {
	// Vectorize sets the TF-IDF model used to explain pairs (not to find
	// them).
	Vectorize vectorize.Options
	// Shingle is the number of words per shingle; zero means 5.
	Shingle int
	// MinHash sets the threshold (Jaccard, zero: 0.5), the signature length
	// and the banding. Its Rand is ignored: Seed decides.
	MinHash cluster.DuplicateOptions
	// Seed seeds the MinHash functions.
	Seed uint64
	// Terms is the number of explaining terms per pair; zero means 5.
	Terms int
	// Progress, if not nil, follows the long steps: tokenize, shingles and
	// MinHash (the Progress of MinHash is replaced).
	Progress Progress
}

// DefaultShingle is the number of words per shingle of FindDuplicates.
const DefaultShingle = 5

// defaultExplainTerms is the number of terms explaining a pair.
const defaultExplainTerms = 5

// DuplicateReport holds the sets of near-duplicate documents.
type DuplicateReport struct {
	Corpus    string `json:"corpus"`
	Documents int    `json:"documents"`
	// Shingle, Threshold, Hashes, Bands and Rows are the settings.
	Shingle   int     `json:"shingle"`
	Threshold float64 `json:"threshold"`
	Hashes    int     `json:"hashes"`
	Bands     int     `json:"bands"`
	Rows      int     `json:"rows"`
	// MissProbability is the probability that the banding misses a pair
	// exactly at the threshold: 1 - LSHProbability(threshold, bands, rows).
	MissProbability float64 `json:"miss_probability"`
	// Candidates is the number of pairs of distinct texts verified exactly.
	Candidates int `json:"candidates"`
	// Pairs is the number of pairs reported; Duplicates the number of
	// documents in a set.
	Pairs      int `json:"pairs"`
	Duplicates int `json:"duplicates"`
	// Sets are the connected components of the pairs, largest first.
	Sets     []DuplicateSet `json:"sets"`
	Warnings []string       `json:"warnings"`
}

// DuplicateSet is a group of near-duplicate documents: the connected
// component of the pairs, with every pair found among them.
type DuplicateSet struct {
	ID      int          `json:"id"`
	Size    int          `json:"size"`
	Members []Member     `json:"members"`
	Pairs   []PairReport `json:"pairs"`
}

// FindDuplicates finds near-duplicate documents: pairs whose sets of word
// shingles (vectorize.Shingles of Content) have a Jaccard index of at least
// the threshold, found by MinHash and LSH and verified exactly
// (cluster.NearDuplicates), then grouped into sets (cluster.Components).
// Each pair is explained by the terms that weigh most in its TF-IDF cosine.
func FindDuplicates(docs []corpus.Document, cfg DuplicateConfig) (*DuplicateReport, error) {
	if cfg.Shingle < 0 {
		return nil, fmt.Errorf("report: shingles of %d words: want at least 1", cfg.Shingle)
	}
	if cfg.Shingle == 0 {
		cfg.Shingle = DefaultShingle
	}
	if cfg.Terms <= 0 {
		cfg.Terms = defaultExplainTerms
	}
	m, err := fitTFIDF(docs, Config{Vectorize: cfg.Vectorize, Progress: cfg.Progress})
	if err != nil {
		return nil, err
	}
	p := cfg.Progress
	// Shingle sets are built as MinHash needs them, never all at once.
	shingles := func(i int, dst []uint64) []uint64 {
		return vectorize.AppendShingles(dst, docs[i].Content(), cfg.Shingle)
	}
	opt := cfg.MinHash
	opt.Rand = rand.New(rand.NewPCG(cfg.Seed, streamMinHash))
	opt.Progress = nil
	if p != nil {
		last := -1 // calls come one at a time, done increasing
		opt.Progress = func(done, total int) {
			if last < 0 {
				p.Start("MinHash", int64(total), "texts")
				last = 0
			}
			p.Add(int64(done - last))
			last = done
		}
	}
	dup, err := cluster.NearDuplicatesFunc(len(docs), shingles, opt)
	if p != nil {
		p.Finish()
	}
	if err != nil {
		return nil, err
	}
	r := &DuplicateReport{
		Documents: len(docs), Shingle: cfg.Shingle, Threshold: dup.Threshold,
		Hashes: dup.Hashes, Bands: dup.Bands, Rows: dup.Rows,
		MissProbability: 1 - cluster.LSHProbability(dup.Threshold, dup.Bands, dup.Rows),
		Candidates:      dup.Candidates, Pairs: len(dup.Pairs), Sets: []DuplicateSet{}, Warnings: []string{},
	}
	labels, _ := cluster.Components(len(docs), dup.Pairs)
	var wordless []string
	for _, i := range dup.Empty {
		wordless = append(wordless, docs[i].ID)
	}
	if len(wordless) > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d document(s) have no words and are never duplicates: %s",
			len(wordless), listIDs(wordless, 5)))
	}
	best := make([]float64, len(docs))
	for _, p := range dup.Pairs {
		best[p.A] = max(best[p.A], p.Similarity)
		best[p.B] = max(best[p.B], p.Similarity)
	}
	for i, l := range labels {
		if best[i] == 0 {
			continue // a singleton: components with pairs come first
		}
		for len(r.Sets) <= l {
			r.Sets = append(r.Sets, DuplicateSet{ID: len(r.Sets), Members: []Member{}, Pairs: []PairReport{}})
		}
		s := &r.Sets[l]
		s.Members = append(s.Members, Member{ID: docs[i].ID, Title: DisplayTitle(docs[i].Title, docs[i].Text), Similarity: best[i], index: i})
		s.Size++
		r.Duplicates++
	}
	explained := make([]PairReport, len(dup.Pairs))
	parallel.For(0, len(dup.Pairs), func(_, k int) {
		p := dup.Pairs[k]
		explained[k] = explain(m, p.A, p.B, cfg.Terms, p.Similarity)
	})
	for k, p := range dup.Pairs {
		s := &r.Sets[labels[p.A]]
		s.Pairs = append(s.Pairs, explained[k])
	}
	for k := range r.Sets {
		sortPairs(r.Sets[k].Pairs)
	}
	return r, nil
}

// sortPairs orders pairs by similarity, highest first, then by the
// documents' positions.
func sortPairs(ps []PairReport) {
	slices.SortStableFunc(ps, func(x, y PairReport) int {
		switch {
		case x.Similarity > y.Similarity:
			return -1
		case x.Similarity < y.Similarity:
			return 1
		case x.a != y.a:
			return x.a - y.a
		}
		return x.b - y.b
	})
}

// RelatedConfig sets how FindRelated works. The zero value is usable.
type RelatedConfig struct {
	// Vectorize sets tokenization and TF-IDF.
	Vectorize vectorize.Options
	// LSA sets the truncated SVD. Its Rand is ignored: Seed decides.
	LSA vectorize.LSAOptions
	// Seed makes the LSA reproducible.
	Seed uint64
	// Related sets the linkage, its cosine threshold (zero: 0.5) and the
	// neighbours per document (zero: 10).
	Related cluster.RelatedOptions
	// Terms is the number of explaining terms per pair; zero means 5.
	Terms int
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
	// Pairs link each member to the member most similar to it, explained.
	Pairs []PairReport `json:"pairs"`
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

// FindRelated groups documents that report the same story: TF-IDF, LSA,
// then cluster.RelatedGroups on the LSA vectors. Each group lists its
// members and, for each member, the pair with its most similar fellow
// member, explained by the terms that weigh most in their TF-IDF cosine.
func FindRelated(docs []corpus.Document, cfg RelatedConfig) (*RelatedReport, error) {
	if cfg.Terms <= 0 {
		cfg.Terms = defaultExplainTerms
	}
	m, err := FitVectors(docs, Config{Vectorize: cfg.Vectorize, LSA: cfg.LSA, Seed: cfg.Seed})
	if err != nil {
		return nil, err
	}
	g, err := cluster.RelatedGroups(m.Vectors, cfg.Related)
	if err != nil {
		return nil, err
	}
	r := &RelatedReport{
		Documents: len(docs), Dims: m.LSA.Dims(), Linkage: g.Linkage.String(),
		Threshold: g.Threshold, Neighbors: g.N,
		Groups: []RelatedGroup{}, Warnings: []string{},
	}
	_, r.Warnings = emptyWarning(m)
	_, dims := m.Vectors.Dims()
	members := make([][]int, len(g.Sizes))
	for i, l := range g.Labels {
		if l >= 0 {
			members[l] = append(members[l], i)
		}
	}
	// Per document: its mean cosine to the rest of its group and its nearest
	// fellow member.
	meanSim := make([]float64, len(docs))
	nearest := make([]cluster.Neighbor, len(docs))
	for i := range nearest {
		nearest[i] = cluster.Neighbor{Index: -1}
	}
	cohesion := make([]float64, len(members))
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
		cohesion[l] = (floats.Dot(sum, sum) - k) / (k * (k - 1))
		for _, i := range mem {
			meanSim[i] = (floats.Dot(m.Vectors.RawRowView(i), sum) - 1) / (k - 1)
			nearest[i] = nearestMember(m, g, i, mem)
		}
	})
	explained := map[[2]int][]TermShare{}
	for l, mem := range members {
		if len(mem) < 2 {
			r.Singletons += len(mem)
			continue
		}
		grp := RelatedGroup{ID: l, Size: len(mem), Cohesion: cohesion[l], Members: make([]Member, len(mem))}
		for k, i := range mem {
			grp.Members[k] = Member{ID: docs[i].ID, Title: DisplayTitle(docs[i].Title, docs[i].Text), Similarity: meanSim[i], index: i}
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
		seen := map[[2]int]bool{}
		for _, mb := range grp.Members {
			nb := nearest[mb.index]
			key := [2]int{min(mb.index, nb.Index), max(mb.index, nb.Index)}
			if seen[key] {
				continue
			}
			seen[key] = true
			p := explain(m, key[0], key[1], cfg.Terms, nb.Similarity)
			explained[key] = p.Terms
			grp.Pairs = append(grp.Pairs, p)
		}
		sortPairs(grp.Pairs)
		r.Groups = append(r.Groups, grp)
		r.Grouped += len(mem)
	}
	r.Assignments = make([]RelatedAssignment, len(docs))
	for i, d := range docs {
		a := RelatedAssignment{ID: d.ID, Title: DisplayTitle(d.Title, d.Text), Cluster: g.Labels[i], Terms: []TermShare{}}
		if a.Cluster >= 0 {
			a.Size = g.Sizes[a.Cluster]
		}
		if nb := nearest[i]; nb.Index >= 0 {
			a.Nearest, a.Similarity = docs[nb.Index].ID, nb.Similarity
			a.Terms = explained[[2]int{min(i, nb.Index), max(i, nb.Index)}]
		}
		r.Assignments[i] = a
	}
	return r, nil
}

// nearestMember returns the member of mem (i's group) most similar to i:
// from i's neighbour list if one is there, otherwise by comparing i with
// every member (ties broken by the lower index).
func nearestMember(m *Model, g *cluster.Grouping, i int, mem []int) cluster.Neighbor {
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
		s := max(-1, min(1, floats.Dot(x, m.Vectors.RawRowView(j))))
		if best.Index < 0 || s > best.Similarity {
			best = cluster.Neighbor{Index: j, Similarity: s}
		}
	}
	return best
}
