package topics

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/parallel"
	"github.com/topics-dev/topics/vectorize"
)

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
	// IndexA and IndexB are the positions of A and B in the corpus.
	IndexA, IndexB int `json:"-"`
}

// explain fills the TF-IDF cosine and the top terms of a pair.
func (m *Model) explain(i, j, terms int, sim float64) PairReport {
	return m.explainRows(i, j, i, j, terms, sim)
}

// explainRows is explain of documents i and j, whose TF-IDF rows are rows
// ri and rj of m.TFIDF.
func (m *Model) explainRows(i, j, ri, rj, terms int, sim float64) PairReport {
	ai, av := m.TFIDF.Row(ri)
	bi, bv := m.TFIDF.Row(rj)
	cos, parts := cluster.Contributions(ai, av, bi, bv)
	p := PairReport{
		A: m.Docs[i].ID, B: m.Docs[j].ID,
		TitleA: m.Docs[i].DisplayTitle(), TitleB: m.Docs[j].DisplayTitle(),
		Similarity: sim, Cosine: cos, SharedTerms: len(parts), Terms: []TermShare{},
		IndexA: i, IndexB: j,
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
	// Index is the member's position in the corpus.
	Index int `json:"-"`
}

// DuplicateOptions sets how FindDuplicates finds near-duplicates.
type DuplicateOptions struct {
	// Shingle is the number of words per shingle, at least 1.
	Shingle int
	// Threshold is the smallest Jaccard index of two documents' shingle
	// sets that makes them near-duplicates, in (0, 1].
	Threshold float64
	// Hashes is the number of MinHash functions per document, at least 1.
	Hashes int
	// Bands and Rows set the LSH banding (Bands × Rows <= Hashes); 0 chooses
	// them from Threshold and Hashes (see cluster.LSHBanding).
	Bands, Rows int
	// Terms is the number of terms explaining each pair, at least 1.
	Terms int
}

// DefaultDuplicateOptions returns the settings of topics duplicates without
// flags: 5-word shingles, Jaccard 0.5, 128 hashes, banding chosen, 5 terms.
func DefaultDuplicateOptions() DuplicateOptions {
	return DuplicateOptions{Shingle: 5, Threshold: 0.5, Hashes: 128, Terms: 5}
}

// maxShingle bounds DuplicateOptions.Shingle: a shingle longer than a few
// sentences finds nothing that a shorter one would not.
const maxShingle = 64

// maxHashes bounds DuplicateOptions.Hashes: each costs 8 bytes per document
// and a pass over its shingles; no banding needs more.
const maxHashes = 4096

// Validate reports the first option out of its range as an *OptionError.
func (o DuplicateOptions) Validate() error {
	return firstBad(
		check(o.Shingle < 1 || o.Shingle > maxShingle, "Shingle", o.Shingle, fmt.Sprintf("want 1 to %d words", maxShingle)),
		check(!(o.Threshold > 0 && o.Threshold <= 1), "Threshold", o.Threshold, "want a value in (0, 1]"),
		check(o.Hashes < 1 || o.Hashes > maxHashes, "Hashes", o.Hashes, fmt.Sprintf("want 1 to %d", maxHashes)),
		check(o.Bands < 0, "Bands", o.Bands, "must not be negative"),
		check(o.Rows < 0, "Rows", o.Rows, "must not be negative"),
		check(o.Bands*max(o.Rows, 1) > o.Hashes || o.Rows*max(o.Bands, 1) > o.Hashes, "Bands", o.Bands,
			fmt.Sprintf("%d bands × %d rows is more than the %d hashes", o.Bands, o.Rows, o.Hashes)),
		check(o.Terms < 1, "Terms", o.Terms, "must be at least 1"),
	)
}

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
// opt.Threshold, found by MinHash and LSH and verified exactly
// (cluster.NearDuplicates), then grouped into sets (cluster.Components).
// Each pair is explained by the terms that weigh most in its TF-IDF cosine
// (cfg.Vectorize sets the TF-IDF; cfg.Seed the hash functions).
func FindDuplicates(ctx context.Context, docs []corpus.Document, cfg Config, opt DuplicateOptions) (*DuplicateReport, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := needMemory("Hashes", opt.Hashes, fmt.Sprintf("MinHash signatures of %d documents", len(docs)),
		8*float64(len(docs))*float64(opt.Hashes)); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, errors.New("topics: no documents")
	}
	vopt, note := cfg.vectorizeOptions(docs)
	counter, err := vectorize.NewShingleCounter(vopt, opt.Shingle)
	if err != nil {
		return nil, err
	}
	// Shingle sets are built as MinHash needs them, never all at once; the
	// first time a document is shingled its terms are counted too, for the
	// TF-IDF that explains the pairs.
	counted := make([]atomic.Bool, len(docs))
	shingles := func(i int, dst []uint64) []uint64 {
		var buf [2]string
		return counter.AppendShingles(dst, corpus.Contents(docs).AppendParts(buf[:0], i), counted[i].CompareAndSwap(false, true))
	}
	p := cfg.progress()
	dup, err := cluster.NearDuplicatesFunc(len(docs), shingles, cluster.DuplicateOptions{
		Threshold: opt.Threshold, Hashes: opt.Hashes, Bands: opt.Bands, Rows: opt.Rows,
		Rand: cfg.rand(streamMinHash), Progress: stepFunc(p, "MinHash", "texts", 0),
	})
	p.Finish()
	if err != nil {
		return nil, err
	}
	counts := counter.Counts()
	if counts.Docs != len(docs) { // MinHash shingles every document: a bug if not
		return nil, fmt.Errorf("topics: internal error: %d of %d documents counted while shingling", counts.Docs, len(docs))
	}
	vec, warnings, err := fitCounts(counts, vopt, note, cfg)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &DuplicateReport{
		Documents: len(docs), Shingle: opt.Shingle, Threshold: dup.Threshold,
		Hashes: dup.Hashes, Bands: dup.Bands, Rows: dup.Rows,
		MissProbability: 1 - cluster.LSHProbability(dup.Threshold, dup.Bands, dup.Rows),
		Candidates:      dup.Candidates, Pairs: len(dup.Pairs), Sets: []DuplicateSet{}, Warnings: append([]string{}, warnings...),
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
		s.Members = append(s.Members, Member{ID: docs[i].ID, Title: docs[i].DisplayTitle(), Similarity: best[i], Index: i})
		s.Size++
		r.Duplicates++
	}
	explained := explainPairs(docs, vec, dup.Pairs, opt.Terms)
	for k, p := range dup.Pairs {
		s := &r.Sets[labels[p.A]]
		s.Pairs = append(s.Pairs, explained[k])
	}
	for k := range r.Sets {
		sortPairs(r.Sets[k].Pairs)
	}
	return r, nil
}

// fitCounts fits the TF-IDF vectorizer of a corpus from its term counts
// (with opt and note from Config.vectorizeOptions) as the Model of Fit has
// it, bit for bit (vectorize.FitCounts chooses the vocabulary Fit chooses),
// without weighing every document: near-duplicates need the TF-IDF rows of
// only the documents in pairs. It returns the warnings fitTFIDF gives.
func fitCounts(counts vectorize.TermCounts, opt vectorize.Options, note string, cfg Config) (*vectorize.Vectorizer, []string, error) {
	var warnings []string
	if note != "" {
		warnings = append(warnings, note)
	}
	vec, err := vectorize.FitCounts(counts, opt)
	if errors.Is(err, vectorize.ErrDocFreq) {
		// As fitTFIDF: keep every term rather than none. The limits do not
		// change what is counted.
		relaxed := opt
		relaxed.MinDF, relaxed.MaxDF = 1, 1.0
		vec, err = vectorize.FitCounts(counts, relaxed)
		warnings = append(warnings, fmt.Sprintf("the document-frequency limits (min-df %g, max-df %g) leave no term in %s: every term is kept",
			cfg.Vectorize.MinDF, cfg.Vectorize.MaxDF, countDocs(counts.Docs)))
	}
	// A vocabulary term has a document frequency of at least 1, so some
	// document has a term: fitTFIDF's error for a corpus of empty rows
	// cannot occur once FitCounts succeeds.
	return vec, warnings, err
}

// explainPairs explains each pair as Model.explain does, from the TF-IDF
// rows of the documents in pairs only.
func explainPairs(docs []corpus.Document, vec *vectorize.Vectorizer, pairs []cluster.Pair, terms int) []PairReport {
	var in []int // the documents in pairs, increasing
	for _, p := range pairs {
		in = append(in, p.A, p.B)
	}
	slices.Sort(in)
	in = slices.Compact(in)
	sub := make(corpus.Contents, len(in))
	for k, i := range in {
		sub[k] = docs[i]
	}
	m := &Model{Docs: docs, Vectorizer: vec, TFIDF: vec.TransformTexts(sub)}
	row := func(i int) int {
		k, _ := slices.BinarySearch(in, i)
		return k
	}
	out := make([]PairReport, len(pairs))
	parallel.For(0, len(pairs), func(_, k int) {
		p := pairs[k]
		out[k] = m.explainRows(p.A, p.B, row(p.A), row(p.B), terms, p.Similarity)
	})
	return out
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
		case x.IndexA != y.IndexA:
			return x.IndexA - y.IndexA
		}
		return x.IndexB - y.IndexB
	})
}
