package vectorize

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/topics-dev/topics/internal/option"
	"github.com/topics-dev/topics/internal/parallel"
)

// ErrOptions is wrapped by the errors that Fit and FitTransform return for
// invalid Options, including document-frequency limits that contradict each
// other for the given number of texts.
var ErrOptions = errors.New("invalid options")

// ErrNoTerms is wrapped by the errors that Fit and FitTransform return when
// the texts have no terms at all, or when MinDF and MaxDF prune them all.
var ErrNoTerms = errors.New("no terms")

// ErrDocFreq is wrapped, beside ErrOptions or ErrNoTerms, when MinDF and
// MaxDF leave no term of a corpus: too few documents for the limits, or
// terms that all occur in too many or too few of them.
var ErrDocFreq = errors.New("the document-frequency limits leave no term")

// Options controls how texts become terms and terms become weights. The zero
// value reproduces scikit-learn's TfidfVectorizer() with its defaults.
type Options struct {
	// KeepCase keeps letter case; by default text is lowercased first, the
	// way Python's str.lower does it (including 'İ' → "i̇" and the final 'ς').
	KeepCase bool

	// StopWords names a list of words to drop after tokenizing: "" for none,
	// "english" (StopWordsEnglish) for scikit-learn's 318 English stop
	// words. Matching is exact, so with KeepCase "The" is not dropped. Any
	// other name is an error.
	StopWords string

	// ExtraStopWords are more words to drop, beside those of StopWords (the
	// only ones when StopWords is ""): each one token as the tokenizer
	// writes it (lowercase unless KeepCase). ReadStopWords reads them from
	// a file.
	ExtraStopWords []string

	// StripMail removes from each text, before tokenizing, what an e-mail
	// or news post carries beside its author's words: header lines, quoted
	// replies, the signature, addresses (see StripMail).
	StripMail bool

	// Stem replaces each token by its Snowball English stem (which is
	// lowercase), after stop-word removal and before building n-grams.
	Stem bool

	// NGramMin and NGramMax give the range of word n-grams to use as terms;
	// an n-gram is its tokens joined by one space, and is built after stop
	// words are removed. Zero NGramMin means 1; zero NGramMax means NGramMin.
	NGramMin, NGramMax int

	// MinDF drops terms found in fewer documents than this: a number of
	// documents if >= 1 (a whole number), a fraction of the documents if in
	// (0, 1). Zero means 1 (keep everything).
	MinDF float64

	// MaxDF drops terms found in more documents than this: a fraction of the
	// documents if in (0, 1], a number of documents if > 1 (a whole number).
	// Zero means 1.0 (no limit). A fraction f keeps a term of document
	// frequency df when df <= f·n, exactly as scikit-learn's max_df; MinDF
	// likewise keeps df >= f·n.
	MaxDF float64

	// MaxFeatures, if positive, keeps only that many terms: those with the
	// largest total count over all documents, after MinDF and MaxDF. Ties
	// are broken in favour of the term that sorts first (scikit-learn breaks
	// them by an unstable sort, so it may keep others among equal counts).
	MaxFeatures int

	// Sublinear uses 1 + ln(tf) instead of the raw count tf.
	Sublinear bool
}

// settings is the validated form of Options.
type settings struct {
	analyzer
	minDF, maxDF     float64
	minFrac, maxFrac bool // whether minDF and maxDF are fractions
	maxFeatures      int
	sublinear        bool
}

// MaxNGram bounds Options.NGramMax: the n-grams of a text grow with the
// square of the longest, and runs of more words are no longer terms.
const MaxNGram = 32

// Validate reports the first option out of its range as an error wrapping
// ErrOptions (an *option.Error naming the field, for callers that show
// their own names for them).
func (o Options) Validate() error {
	if o.StopWords != "" && o.StopWords != StopWordsEnglish {
		return option.First("vectorize", ErrOptions, option.Check{Bad: true, Option: "StopWords", Value: fmt.Sprintf("%q", o.StopWords),
			Reason: fmt.Sprintf("unknown stop-word list (want \"\" or %q)", StopWordsEnglish)})
	}
	if err := o.checkExtraStopWords(); err != nil {
		return err
	}
	badDF := func(v float64, top float64) bool {
		return math.IsNaN(v) || v < 0 || math.IsInf(v, 0) || v > top && v != math.Trunc(v)
	}
	return option.First("vectorize", ErrOptions,
		option.Check{Bad: o.NGramMin < 0, Option: "NGramMin", Value: o.NGramMin, Reason: "must not be negative"},
		option.Check{Bad: o.NGramMax < 0 || o.NGramMax > MaxNGram, Option: "NGramMax", Value: o.NGramMax,
			Reason: fmt.Sprintf("want 0 to %d words", MaxNGram)},
		option.Check{Bad: o.NGramMax > 0 && max(o.NGramMin, 1) > o.NGramMax, Option: "NGramMin", Value: o.NGramMin,
			Reason: fmt.Sprintf("exceeds NGramMax %d", o.NGramMax)},
		option.Check{Bad: badDF(o.MinDF, 1), Option: "MinDF", Value: o.MinDF,
			Reason: "want a fraction in (0, 1) of the documents or a whole number of documents"},
		option.Check{Bad: badDF(o.MaxDF, 1), Option: "MaxDF", Value: o.MaxDF,
			Reason: "want a fraction in (0, 1] of the documents or a whole number of documents"},
		option.Check{Bad: o.MaxFeatures < 0, Option: "MaxFeatures", Value: o.MaxFeatures, Reason: "must not be negative"},
	)
}

func (o Options) resolve() (settings, error) {
	if err := o.Validate(); err != nil {
		return settings{}, err
	}
	var s settings
	stop, err := stopWordSet(o)
	if err != nil {
		return settings{}, err
	}
	s.keepCase, s.stop, s.stem, s.sublinear = o.KeepCase, stop, o.Stem, o.Sublinear
	s.mail = o.StripMail
	s.ascii = asciiWord(o.KeepCase)
	s.nmin, s.nmax = max(o.NGramMin, 1), o.NGramMax
	if s.nmax == 0 {
		s.nmax = s.nmin
	}
	switch v := o.MinDF; {
	case v == 0:
		s.minDF = 1
	case v < 1:
		s.minDF, s.minFrac = v, true
	default:
		s.minDF = v
	}
	switch v := o.MaxDF; {
	case v == 0:
		s.maxDF, s.maxFrac = 1, true
	case v <= 1:
		s.maxDF, s.maxFrac = v, true
	default:
		s.maxDF = v
	}
	s.maxFeatures = o.MaxFeatures
	return s, nil
}

// docLimits returns the smallest and largest document frequencies a term may
// have in a corpus of n documents, as scikit-learn computes them (fractions
// are multiplied by n and not rounded).
func (s *settings) docLimits(n int) (lo, hi float64) {
	lo, hi = s.minDF, s.maxDF
	if s.minFrac {
		lo *= float64(n)
	}
	if s.maxFrac {
		hi *= float64(n)
	}
	return lo, hi
}

// Vectorizer is a fitted TF-IDF model: the options, the vocabulary (terms in
// sorted byte order, which is code point order), and each term's document
// frequency and inverse document frequency. Column j of every matrix it
// produces is the term Term(j).
//
// A Vectorizer is read-only once fitted and safe for concurrent use. The zero
// Vectorizer has an empty vocabulary: it analyzes every text to no terms and
// transforms it to an empty row.
type Vectorizer struct {
	opt   Options
	set   settings
	docs  int       // number of documents fitted
	terms []string  // sorted
	df    []int     // document frequency per term
	idf   []float64 // ln((1+docs)/(1+df)) + 1

	indexOnce sync.Once
	index     map[string]int32 // term → column, built on first use
}

// Texts is a collection of documents to analyze that need not hold each
// document as one string: document i is made of the parts AppendParts
// appends to dst, analyzed as if joined by newlines (no token spans two
// parts; n-grams do). It lets a caller analyze, say, a title and a body
// without building a second copy of the corpus. Strings is the Texts of a
// []string. Methods may be called from several goroutines at once.
type Texts interface {
	// Len returns the number of documents.
	Len() int
	// AppendParts appends the parts of document i to dst and returns it.
	AppendParts(dst []string, i int) []string
}

// Strings is the Texts of one string per document.
type Strings []string

// Len returns len(s).
func (s Strings) Len() int { return len(s) }

// AppendParts appends s[i] to dst.
func (s Strings) AppendParts(dst []string, i int) []string { return append(dst, s[i]) }

// Fit learns the vocabulary and the inverse document frequencies of texts.
// It returns an error wrapping ErrOptions for invalid options and one
// wrapping ErrNoTerms when no term is left.
func Fit(texts []string, opt Options) (*Vectorizer, error) {
	return FitTexts(Strings(texts), opt)
}

// FitTexts is Fit of the documents of src.
func FitTexts(src Texts, opt Options) (*Vectorizer, error) {
	v, _, err := fit(src, opt, false)
	return v, err
}

// FitTransform is Fit followed by Transform of the same texts, computed in one
// pass over them. Row i of the matrix is texts[i].
func FitTransform(texts []string, opt Options) (*Vectorizer, *Sparse, error) {
	return fit(Strings(texts), opt, true)
}

// FitTransformTexts is FitTransform of the documents of src: row i of the
// matrix is document i.
func FitTransformTexts(src Texts, opt Options) (*Vectorizer, *Sparse, error) {
	return fit(src, opt, true)
}

// Options returns the options the Vectorizer was fitted with, as given.
func (v *Vectorizer) Options() Options { return v.opt }

// NumDocs returns the number of texts the Vectorizer was fitted on.
func (v *Vectorizer) NumDocs() int { return v.docs }

// NumTerms returns the size of the vocabulary, the number of columns of the
// matrices that Transform returns.
func (v *Vectorizer) NumTerms() int { return len(v.terms) }

// Vocabulary returns a copy of the terms in column order (sorted).
func (v *Vectorizer) Vocabulary() []string { return slices.Clone(v.terms) }

// IDF returns a copy of the inverse document frequencies in column order:
// ln((1+n)/(1+df)) + 1 for n fitted documents.
func (v *Vectorizer) IDF() []float64 { return slices.Clone(v.idf) }

// DocFreq returns a copy of the document frequencies in column order: the
// number of fitted texts that contain each term.
func (v *Vectorizer) DocFreq() []int { return slices.Clone(v.df) }

// Term returns the term of column j. It panics if j is out of range.
func (v *Vectorizer) Term(j int) string { return v.terms[j] }

// Index returns the column of term, and whether term is in the vocabulary.
func (v *Vectorizer) Index(term string) (int, bool) {
	j, ok := v.columns()[term]
	return int(j), ok
}

func (v *Vectorizer) columns() map[string]int32 {
	v.indexOnce.Do(func() {
		v.index = make(map[string]int32, len(v.terms))
		for j, t := range v.terms {
			v.index[t] = int32(j)
		}
	})
	return v.index
}

// Analyze returns the terms of text in the order scikit-learn's analyzer gives
// them: the tokens (lowercased, stop words removed, stemmed, as the options
// say), followed by the bigrams, trigrams and so on when NGramMax > 1. Terms
// outside the vocabulary are included.
func (v *Vectorizer) Analyze(text string) []string { return v.set.analyze(text) }

// Analyzer returns the function that turns a text into terms for a
// Vectorizer with options opt (what that Vectorizer's Analyze does), with no
// vocabulary to fit: for callers that only tokenize. The function may be
// called from several goroutines. Analyzer returns an error wrapping
// ErrOptions for invalid options.
func Analyzer(opt Options) (func(text string) []string, error) {
	set, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	return set.analyze, nil
}

// Transform returns the TF-IDF matrix of texts: one row per text, one column
// per vocabulary term, the raw (or sublinear) term count times the term's
// IDF, each row scaled to unit Euclidean length. Terms outside the
// vocabulary are ignored; a text with none of the vocabulary's terms gives an
// empty row (see EmptyRows), never NaN. Each row depends only on its own
// text, so transforming texts one at a time gives the same rows as one
// batch.
func (v *Vectorizer) Transform(texts []string) *Sparse {
	return v.TransformTexts(Strings(texts))
}

// TransformTexts is Transform of the documents of src: row i of the matrix
// is document i.
func (v *Vectorizer) TransformTexts(src Texts) *Sparse {
	chunks, _ := countChunks(src, &v.set.analyzer, v.columns(), true)
	return weigh(src.Len(), len(v.terms), chunks, nil, v.idf, v.set.sublinear)
}

// EmptyRows returns, in increasing order, the rows of x that have no stored
// entries: for a matrix from Transform or FitTransform, the texts that have
// no term of the vocabulary.
func EmptyRows(x *Sparse) []int {
	var empty []int
	r, _ := x.Dims()
	for i := 0; i < r; i++ {
		if x.RowNNZ(i) == 0 {
			empty = append(empty, i)
		}
	}
	return empty
}

// fit implements Fit and FitTransform; the matrix is built only if
// transform is set.
func fit(texts Texts, opt Options, transform bool) (*Vectorizer, *Sparse, error) {
	set, err := opt.resolve()
	if err != nil {
		return nil, nil, err
	}
	n := texts.Len()
	chunks, local, c := count(texts, &set, transform)
	kept, err := set.prune(c)
	if err != nil {
		return nil, nil, err
	}
	v, col := newFitted(opt, set, c, kept)
	if !transform {
		return v, nil, nil
	}
	// Turn each worker's local ids into columns (-1: pruned).
	for _, m := range local {
		for l, g := range m {
			m[l] = col[g]
		}
	}
	return v, weigh(n, len(kept), chunks, local, v.idf, set.sublinear), nil
}

// count analyzes and counts texts in parallel. It returns the counted chunks
// (with the per-text counts only if store is set), the map from each
// worker's local ids to indices of c.Terms, and the counts.
func count(texts Texts, set *settings, store bool) ([]chunk, [][]int32, TermCounts) {
	chunks, workers := countChunks(texts, &set.analyzer, nil, store)
	all, local := mergeVocabularies(workers)
	c := TermCounts{Docs: texts.Len(), Terms: all, DF: make([]int, len(all)), Total: make([]int64, len(all))}
	for w, wk := range workers {
		for l, g := range local[w] {
			c.DF[g] += wk.df[l]
			c.Total[g] += wk.total[l]
		}
	}
	return chunks, local, c
}

// prune returns the indices in c.Terms of the terms the settings keep, in
// increasing order: those whose document frequency is within the limits,
// then, with maxFeatures, the most frequent of them (by total count, ties
// to the term that sorts first).
func (s *settings) prune(c TermCounts) ([]int32, error) {
	n := c.Docs
	if len(c.Terms) == 0 {
		return nil, fmt.Errorf("vectorize: %w: the %d texts have no tokens (only stop words, punctuation or single characters?)", ErrNoTerms, n)
	}
	lo, hi := s.docLimits(n)
	if hi < lo {
		return nil, fmt.Errorf("vectorize: %w: %w: MaxDF allows at most %g of the %d documents, fewer than MinDF's %g", ErrOptions, ErrDocFreq, hi, n, lo)
	}
	var kept []int32 // indices of the terms kept, increasing
	for g, d := range c.DF {
		if float64(d) <= hi && float64(d) >= lo {
			kept = append(kept, int32(g))
		}
	}
	if s.maxFeatures > 0 && len(kept) > s.maxFeatures {
		byCount := slices.Clone(kept)
		slices.SortStableFunc(byCount, func(a, b int32) int { return cmp.Compare(c.Total[b], c.Total[a]) })
		kept = byCount[:s.maxFeatures]
		slices.Sort(kept)
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("vectorize: %w: %w: after pruning by document frequency (%g <= df <= %g of %d documents) none of the %d terms remain; try a lower MinDF or a higher MaxDF",
			ErrNoTerms, ErrDocFreq, lo, hi, n, len(c.Terms))
	}
	return kept, nil
}

// newFitted returns the Vectorizer of the kept terms of c, and the map from
// indices of c.Terms to its columns (-1: not kept).
func newFitted(opt Options, set settings, c TermCounts, kept []int32) (*Vectorizer, []int32) {
	n := c.Docs
	v := &Vectorizer{
		opt:   opt,
		set:   set,
		docs:  n,
		terms: make([]string, len(kept)),
		df:    make([]int, len(kept)),
		idf:   make([]float64, len(kept)),
	}
	col := make([]int32, len(c.Terms))
	for g := range col {
		col[g] = -1
	}
	for j, g := range kept {
		col[g] = int32(j)
		v.terms[j] = c.Terms[g]
		v.df[j] = c.DF[g]
		v.idf[j] = math.Log(float64(n+1)/float64(c.DF[g]+1)) + 1
	}
	return v, col
}

// chunkDocs is the number of texts in one unit of parallel work. Results do
// not depend on it, nor on the number of workers.
const chunkDocs = 64

// chunk holds the term counts of the texts lo..hi-1: text lo+k has the
// entries ptr[k]..ptr[k+1]-1 of ids and cnts, in no particular order. The
// ids are local ids of the worker that counted the chunk when fitting, and
// columns when transforming.
type chunk struct {
	worker int
	lo, hi int
	ptr    []int
	ids    []int32
	cnts   []int32
}

// worker is the state of one counting goroutine.
type worker struct {
	s       scratch
	parts   []string // the parts of the current text
	counts  []int32  // per id: its count in the current text
	touched []int32  // ids seen in the current text, in first-seen order

	// Buffers the counts of a chunk grow in, reused from chunk to chunk: a
	// chunk keeps an exact-size copy, so that the counts of a whole corpus
	// (the largest thing held while fitting) carry no spare capacity and
	// make no garbage as they grow.
	chunkIDs, chunkCnts []int32

	// When fitting: the worker's own dictionary of the terms it has seen.
	ids   map[string]int32
	terms []string // local id → term
	df    []int    // local id → texts counted by this worker that contain it
	total []int64  // local id → total count in texts counted by this worker
}

// intern returns the worker's local id of term, adding the term to its
// dictionary if new. The dictionary owns a copy of the term, never a slice
// of a text.
func (w *worker) intern(term []byte) int32 {
	if id, ok := w.ids[string(term)]; ok {
		return id
	}
	id := int32(len(w.terms))
	t := string(term)
	w.ids[t] = id
	w.terms = append(w.terms, t)
	w.df = append(w.df, 0)
	w.total = append(w.total, 0)
	w.counts = append(w.counts, 0)
	return id
}

// count analyzes the parts of a text and appends its term counts to c. With a fixed
// vocabulary (term → column) unknown terms are skipped; without one, terms
// are interned in the worker's dictionary and its document frequencies and
// totals are updated.
func (w *worker) count(a *analyzer, parts []string, fixed map[string]int32, c *chunk, store bool) {
	a.tokensParts(parts, &w.s)
	w.countTokens(a, fixed, c, store)
}

// countTokens is count of the text whose tokens w.s holds.
func (w *worker) countTokens(a *analyzer, fixed map[string]int32, c *chunk, store bool) {
	a.eachTerm(&w.s, func(term []byte) {
		var id int32
		if fixed != nil {
			j, ok := fixed[string(term)]
			if !ok {
				return
			}
			id = j
		} else {
			id = w.intern(term)
		}
		if w.counts[id] == 0 {
			w.touched = append(w.touched, id)
		}
		w.counts[id]++
	})
	for _, id := range w.touched {
		if store {
			c.ids = append(c.ids, id)
			c.cnts = append(c.cnts, w.counts[id])
		}
		if fixed == nil {
			w.df[id]++
			w.total[id] += int64(w.counts[id])
		}
		w.counts[id] = 0
	}
	w.touched = w.touched[:0]
	if store {
		c.ptr = append(c.ptr, len(c.ids))
	}
}

// countChunks analyzes and counts texts in parallel, in chunks of chunkDocs
// texts. With fixed == nil each worker builds its own dictionary; the
// workers are returned (in worker order, without unused ones) for
// mergeVocabularies. With store false the per-text counts are not kept.
func countChunks(texts Texts, a *analyzer, fixed map[string]int32, store bool) ([]chunk, []*worker) {
	n := texts.Len()
	chunks := make([]chunk, (n+chunkDocs-1)/chunkDocs)
	workers := make([]*worker, parallel.Workers(0))
	parallel.For(0, len(chunks), func(w, c int) {
		wk := workers[w]
		if wk == nil {
			wk = &worker{}
			if fixed == nil {
				wk.ids = make(map[string]int32)
			} else {
				wk.counts = make([]int32, len(fixed))
			}
			workers[w] = wk
		}
		ch := &chunks[c]
		ch.worker = w
		ch.lo, ch.hi = c*chunkDocs, min((c+1)*chunkDocs, n)
		if store {
			ch.ptr = append(make([]int, 0, ch.hi-ch.lo+1), 0)
			ch.ids, ch.cnts = wk.chunkIDs[:0], wk.chunkCnts[:0]
		}
		for i := ch.lo; i < ch.hi; i++ {
			wk.parts = texts.AppendParts(wk.parts[:0], i)
			wk.count(a, wk.parts, fixed, ch, store)
		}
		if store {
			wk.chunkIDs, wk.chunkCnts = ch.ids, ch.cnts
			ch.ids, ch.cnts = slices.Clone(ch.ids), slices.Clone(ch.cnts)
		}
	})
	used := workers[:0]
	for i, wk := range workers {
		if wk != nil {
			for c := range chunks {
				if chunks[c].worker == i {
					chunks[c].worker = len(used)
				}
			}
			used = append(used, wk)
		}
	}
	return chunks, used
}

// mergeVocabularies returns the sorted union of the workers' dictionaries
// and, per worker, the map from its local ids to indices of the union.
func mergeVocabularies(workers []*worker) ([]string, [][]int32) {
	sorted := make([][]string, len(workers)) // per worker: its terms, sorted
	order := make([][]int32, len(workers))   // per worker: local ids in term order
	parallel.For(0, len(workers), func(_, w int) {
		terms := workers[w].terms
		ids := make([]int32, len(terms))
		for i := range ids {
			ids[i] = int32(i)
		}
		slices.SortFunc(ids, func(a, b int32) int { return strings.Compare(terms[a], terms[b]) })
		list := make([]string, len(ids))
		for k, id := range ids {
			list[k] = terms[id]
		}
		sorted[w], order[w] = list, ids
	})
	// Union in rounds of pairwise merges.
	lists := slices.Clone(sorted)
	for len(lists) > 1 {
		next := make([][]string, (len(lists)+1)/2)
		parallel.For(0, len(next), func(_, k int) {
			if 2*k+1 < len(lists) {
				next[k] = unionSorted(lists[2*k], lists[2*k+1])
			} else {
				next[k] = lists[2*k]
			}
		})
		lists = next
	}
	var all []string
	if len(lists) == 1 {
		all = lists[0]
	}
	local := make([][]int32, len(workers))
	parallel.For(0, len(workers), func(_, w int) {
		m := make([]int32, len(order[w]))
		g := 0
		for k, id := range order[w] {
			for all[g] != sorted[w][k] {
				g++
			}
			m[id] = int32(g)
		}
		local[w] = m
	})
	return all, local
}

// unionSorted merges two sorted lists of distinct strings into one.
func unionSorted(a, b []string) []string {
	out := make([]string, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i], b[j]); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// weigh builds the n×cols TF-IDF matrix from counted chunks. If local is not
// nil, chunk ids are local ids of the chunk's worker and local maps them to
// columns (-1: dropped); otherwise the ids are columns.
func weigh(n, cols int, chunks []chunk, local [][]int32, idf []float64, sublinear bool) *Sparse {
	colOf := func(ch *chunk, id int32) int32 {
		if local == nil {
			return id
		}
		return local[ch.worker][id]
	}
	indptr := make([]int, n+1)
	parallel.For(0, len(chunks), func(_, c int) {
		ch := &chunks[c]
		for k := range ch.hi - ch.lo {
			m := 0
			for _, id := range ch.ids[ch.ptr[k]:ch.ptr[k+1]] {
				if colOf(ch, id) >= 0 {
					m++
				}
			}
			indptr[ch.lo+k+1] = m
		}
	})
	for i := range n {
		indptr[i+1] += indptr[i]
	}
	ind := make([]int32, indptr[n])
	data := make([]float64, indptr[n])
	parallel.For(0, len(chunks), func(_, c int) {
		ch := &chunks[c]
		var row []uint64 // column << 32 | count, so that sorting orders by column
		for k := range ch.hi - ch.lo {
			row = row[:0]
			for p := ch.ptr[k]; p < ch.ptr[k+1]; p++ {
				if j := colOf(ch, ch.ids[p]); j >= 0 {
					row = append(row, uint64(j)<<32|uint64(uint32(ch.cnts[p])))
				}
			}
			slices.Sort(row)
			out := indptr[ch.lo+k]
			var sumsq float64
			for q, e := range row {
				j := int32(e >> 32)
				tf := float64(uint32(e))
				if sublinear {
					tf = math.Log(tf) + 1
				}
				x := tf * idf[j]
				ind[out+q] = j
				data[out+q] = x
				sumsq += x * x
			}
			if sumsq > 0 {
				norm := math.Sqrt(sumsq)
				for q := range row {
					data[out+q] /= norm
				}
			}
		}
		*ch = chunk{} // the counts are no longer needed
	})
	return NewSparse(n, cols, indptr, ind, data)
}
