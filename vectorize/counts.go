package vectorize

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// TermCounts are what a vocabulary is chosen from: the number of documents
// counted and, for every term they contain (before any pruning), the number
// of documents that contain it and its total number of occurrences. Terms
// are in strictly increasing byte order; DF and Total are aligned with them.
//
// Counts of disjoint sets of documents add up, term by term, to the counts
// of their union, so they can be computed apart (on several machines, say)
// and summed; FitCounts then chooses the same vocabulary that Fit chooses
// from all the documents at once.
type TermCounts struct {
	// Docs is the number of documents counted.
	Docs int
	// Terms are the distinct terms, sorted.
	Terms []string
	// DF holds, per term, the number of documents that contain it.
	DF []int
	// Total holds, per term, its number of occurrences in all documents.
	Total []int64
}

// Add returns the counts of the documents counted by c and by o together
// (disjoint sets of documents, counted with the same options): the sorted
// union of their terms, with document frequencies and totals added.
func (c TermCounts) Add(o TermCounts) TermCounts {
	n := len(c.Terms) + len(o.Terms)
	out := TermCounts{Docs: c.Docs + o.Docs, Terms: make([]string, 0, n), DF: make([]int, 0, n), Total: make([]int64, 0, n)}
	i, j := 0, 0
	for i < len(c.Terms) || j < len(o.Terms) {
		switch {
		case j == len(o.Terms) || i < len(c.Terms) && c.Terms[i] < o.Terms[j]:
			out.Terms, out.DF, out.Total = append(out.Terms, c.Terms[i]), append(out.DF, c.DF[i]), append(out.Total, c.Total[i])
			i++
		case i == len(c.Terms) || o.Terms[j] < c.Terms[i]:
			out.Terms, out.DF, out.Total = append(out.Terms, o.Terms[j]), append(out.DF, o.DF[j]), append(out.Total, o.Total[j])
			j++
		default:
			out.Terms, out.DF, out.Total = append(out.Terms, c.Terms[i]), append(out.DF, c.DF[i]+o.DF[j]), append(out.Total, c.Total[i]+o.Total[j])
			i++
			j++
		}
	}
	return out
}

// CountTerms analyzes the documents of src as Fit does with opt and counts
// their terms. It returns an error wrapping ErrOptions for invalid options;
// documents without terms are counted (Docs) and contribute no term.
func CountTerms(src Texts, opt Options) (TermCounts, error) {
	set, err := opt.resolve()
	if err != nil {
		return TermCounts{}, err
	}
	_, _, c := count(src, &set, false)
	return c, nil
}

// FitCounts returns the Vectorizer that Fit(texts, opt) returns when c are
// the counts of texts (CountTerms(texts, opt), or the sum of the counts of
// parts of them): the same vocabulary, document frequencies and IDF, bit for
// bit, pruned by MinDF, MaxDF and MaxFeatures exactly as Fit prunes. It
// returns the errors Fit returns for the same texts, and an error if c is
// malformed (terms unsorted or repeated, lengths that disagree, a document
// frequency outside [1, Docs] or a total below it). c is not modified or
// retained.
func FitCounts(c TermCounts, opt Options) (*Vectorizer, error) {
	set, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	kept, err := set.prune(c)
	if err != nil {
		return nil, err
	}
	v, _ := newFitted(opt, set, c, kept)
	return v, nil
}

// check reports whether c is well formed.
func (c TermCounts) check() error {
	if len(c.DF) != len(c.Terms) || len(c.Total) != len(c.Terms) {
		return fmt.Errorf("vectorize: term counts: %d terms, %d document frequencies, %d totals", len(c.Terms), len(c.DF), len(c.Total))
	}
	if c.Docs < 0 {
		return fmt.Errorf("vectorize: term counts: %d documents", c.Docs)
	}
	for j, t := range c.Terms {
		if j > 0 && strings.Compare(t, c.Terms[j-1]) <= 0 {
			return fmt.Errorf("vectorize: term counts: term %d %q does not sort after %q", j, t, c.Terms[j-1])
		}
		if c.DF[j] < 1 || c.DF[j] > c.Docs || c.Total[j] < int64(c.DF[j]) {
			return fmt.Errorf("vectorize: term counts: term %q has document frequency %d and total %d in %d documents", t, c.DF[j], c.Total[j], c.Docs)
		}
	}
	return nil
}

// ShingleCounter makes the shingles of documents (AppendShinglesParts) and,
// in the same pass over their text, counts their terms as CountTerms does
// with its Options: near-duplicate detection then needs no second pass to
// explain its pairs by TF-IDF. Where the options analyze a text into the
// shingles' tokens less stop words, stemmed (letter case folded, and the
// text unchanged by StripMail when the options strip mail), the terms are
// made from the shingles' tokens; otherwise the text is analyzed again.
// Either way the counts are those of CountTerms.
//
// Its methods may be called from several goroutines at once.
type ShingleCounter struct {
	set      settings
	shingles analyzer
	stripped analyzer // set.analyzer without StripMail, for texts already stripped
	n        int
	idle     chan *shingleWorker
	mu       sync.Mutex
	workers  []*worker // every worker made, in order of making
	docs     atomic.Int64
}

// shingleWorker is the state of one goroutine of a ShingleCounter.
type shingleWorker struct {
	w     worker
	sh    scratch  // the shingles' tokens
	parts []string // the parts with mail stripped
}

// NewShingleCounter returns a ShingleCounter of n-word shingles that counts
// terms as CountTerms(texts, opt) does. It returns an error wrapping
// ErrOptions for invalid options, and panics if n < 1.
func NewShingleCounter(opt Options, n int) (*ShingleCounter, error) {
	if n < 1 {
		panic("vectorize: Shingles of n < 1 words")
	}
	set, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	stripped := set.analyzer
	stripped.mail = false
	return &ShingleCounter{
		set: set, shingles: analyzer{ascii: asciiWord(false), nmin: 1, nmax: 1}, stripped: stripped, n: n,
		idle: make(chan *shingleWorker, 256),
	}, nil
}

// AppendShingles appends to dst the hashes AppendShinglesParts(dst, parts,
// n) appends and returns the result. If count is set it also counts the
// terms of the document made of parts; count each document once.
func (c *ShingleCounter) AppendShingles(dst []uint64, parts []string, count bool) []uint64 {
	sw := c.get()
	defer func() { c.idle <- sw }()
	c.shingles.tokensParts(parts, &sw.sh)
	dst = appendShingleHashes(dst, &sw.sh, c.n)
	if !count {
		return dst
	}
	a := &c.set.analyzer
	stripped, changed := c.stripMail(parts, sw.parts[:0])
	sw.parts = stripped
	switch {
	case c.set.keepCase:
		a.tokensParts(parts, &sw.w.s)
	case changed:
		c.stripped.tokensParts(stripped, &sw.w.s) // StripMail once, not again
	default: // the terms are the shingles' tokens less stop words, stemmed
		s := &sw.w.s
		s.buf, s.spans = s.buf[:0], s.spans[:0]
		for _, sp := range sw.sh.spans {
			tok := sw.sh.buf[sp.start:sp.end]
			start := len(s.buf)
			s.buf = append(s.buf, tok...)
			a.endToken(s, start, utf8.RuneCount(tok))
		}
	}
	sw.w.countTokens(a, nil, nil, false)
	c.docs.Add(1)
	return dst
}

// stripMail appends to dst the parts as the options analyze them (StripMail
// of each when they strip mail) and reports whether any changed. It strips
// nothing when letter case is kept: those texts are analyzed whole.
func (c *ShingleCounter) stripMail(parts, dst []string) ([]string, bool) {
	if !c.set.mail || c.set.keepCase {
		return dst, false
	}
	changed := false
	for _, p := range parts {
		q := StripMail(p)
		changed = changed || q != p
		dst = append(dst, q)
	}
	return dst, changed
}

// get returns an idle worker, or a new one.
func (c *ShingleCounter) get() *shingleWorker {
	select {
	case sw := <-c.idle:
		return sw
	default:
	}
	c.mu.Lock()
	if len(c.workers) < cap(c.idle) {
		sw := &shingleWorker{w: worker{ids: make(map[string]int32)}}
		c.workers = append(c.workers, &sw.w)
		c.mu.Unlock()
		return sw
	}
	c.mu.Unlock()
	// As many workers as the idle list holds are all busy: wait for one.
	return <-c.idle
}

// Counts returns the term counts of the documents counted so far, as
// CountTerms returns them for those documents. Call it when no
// AppendShingles is running.
func (c *ShingleCounter) Counts() TermCounts {
	c.mu.Lock()
	defer c.mu.Unlock()
	all, local := mergeVocabularies(c.workers)
	out := TermCounts{Docs: int(c.docs.Load()), Terms: all, DF: make([]int, len(all)), Total: make([]int64, len(all))}
	for w, wk := range c.workers {
		for l, g := range local[w] {
			out.DF[g] += wk.df[l]
			out.Total[g] += wk.total[l]
		}
	}
	return out
}
