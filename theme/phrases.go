package theme

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/topics-dev/topics/internal/parallel"
	"github.com/topics-dev/topics/vectorize"
)

// Phrase is a key phrase of a cluster.
//
// Candidates are one to three consecutive content words that a text really
// has side by side: the text is cut at punctuation other than hyphens and
// apostrophes, tokenized as scikit-learn does ((?u)\b\w\w+\b, lowercase),
// and cut again at scikit-learn's English stop words, at numbers and at the
// reporting verbs of news (said, says, say, saying, told, tells, tell). A
// scikit-learn n-gram vectorizer removes stop words first and then joins
// what is left, so "closure of a supply route" gives "closure supply
// route"; cutting at stop words keeps "supply route" and nothing across the
// gap. A line repeated within a document (a headline repeated as the first
// line of the text) counts once. Words are compared by their Snowball stems,
// so "supply route" and "supply routes" are one phrase, shown in the form
// the cluster's documents use most (ties: the first in byte order).
//
// Each candidate is weighed by a class-based TF-IDF (the c-TF-IDF of
// BERTopic, counted in words, with a document-level idf):
//
//	weight(t, c) = tf(t, c) · idf(t)
//	tf(t, c)     = n(t) · Σ_{d in c} (1 + ln count(t, d)) / W(c)
//	idf(t)       = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
//
// where n(t) is the number of words of t, count(t, d) the times t occurs in
// document d (documents without t add nothing), W(c) the number of content
// words of cluster c, N the number of documents and df(t) the number that
// contain t. So tf is the share of the cluster's words that the phrase
// covers (a two-word phrase covers two words), with repeats within one
// document damped; idf is BM25's, near 0 for a phrase that every document
// uses. BERTopic's own idf, ln(1 + A/f(t)) over clusters, cannot tell such
// a phrase from a distinctive one when there are few clusters: on the
// five-article sample with k = 2, "pakistan" led both. Phrases that occur
// once in a cluster are taken only when fewer than the wanted number occur
// twice or more.
//
// On a large corpus the counts come from a sample: when a cluster has more
// than MaxDocs members, only its MaxDocs members closest to the
// centroid are counted, for every cluster, and N, df, Count and Documents
// refer to those documents.
//
// Phrases are taken in order of weight; ties go to the phrase that occurs
// earliest in a document (relative position, as KEA's first-occurrence
// feature: news put the point first), then to the shorter, then by byte
// order. A phrase is skipped when it contains, is part of or overlaps (ends
// with the words the other starts with) a phrase already taken, so that
// "safe havens" does not come with "safe" and "havens".
type Phrase struct {
	// Phrase is one to three words, lowercase, as the documents write them.
	Phrase string `json:"phrase"`
	// Weight is the phrase's c-TF-IDF weight in the cluster.
	Weight float64 `json:"weight"`
	// Count is the number of times the phrase (any inflection of its words)
	// occurs in the cluster's documents.
	Count int `json:"count"`
	// Documents is the number of the cluster's documents that contain it.
	Documents int `json:"documents"`
}

// MaxDocs is the number of documents per cluster, the closest to its
// centroid, over which key phrases are counted when some cluster is
// larger.
const MaxDocs = 2000

// phraseCorpus holds the candidate phrases of every document: runs of
// content words, as stem ids and as the ids of their surface forms.
type phraseCorpus struct {
	stems   []string  // stem id → stem
	surface []string  // surface id → lowercase word
	docs    [][]int32 // per document: stem ids, runs separated by -1
	surf    [][]int32 // per document: surface ids, aligned with docs
}

// gram is a phrase of one to three words as stem ids; unused slots hold -1.
type gram [3]int32

func (g gram) len() int {
	n := 0
	for n < 3 && g[n] >= 0 {
		n++
	}
	return n
}

// contains reports whether the words of h appear consecutively in g.
func (g gram) contains(h gram) bool {
	ng, nh := g.len(), h.len()
	for i := 0; i+nh <= ng; i++ {
		if slices.Equal(g[i:i+nh], h[:nh]) {
			return true
		}
	}
	return false
}

// overlaps reports whether g and h could be parts of one phrase: one
// contains the other, or one ends with the words the other starts with.
func (g gram) overlaps(h gram) bool {
	if g.contains(h) || h.contains(g) {
		return true
	}
	ng, nh := g.len(), h.len()
	for k := 1; k < min(ng, nh); k++ {
		if slices.Equal(g[ng-k:ng], h[:k]) || slices.Equal(h[nh-k:nh], g[:k]) {
			return true
		}
	}
	return false
}

// newPhraseCorpus cuts texts into runs of content words.
func newPhraseCorpus(texts vectorize.Texts, done func(int64)) (*phraseCorpus, error) {
	// The plain vectorizer only tokenizes: scikit-learn's token pattern,
	// lowercase, no stop words.
	plain, err := vectorize.FitTexts(texts, vectorize.Options{})
	if err != nil {
		return nil, errNoPhrases(err)
	}
	words := plain.Vocabulary()
	stemmer, err := vectorize.Fit(words, vectorize.Options{Stem: true})
	if err != nil {
		return nil, errNoPhrases(err)
	}
	stop, err := vectorize.StopWords(vectorize.StopWordsEnglish)
	if err != nil {
		return nil, errNoPhrases(err)
	}
	// stemOf[w] is the stem id of word w, or -1 for a word that ends a run
	// (a stop word, a number, or a word without a stem).
	stemOf := make([]int32, len(words))
	x := stemmer.Transform(words)
	for w, word := range words {
		stemOf[w] = -1
		if _, isStop := slices.BinarySearch(stop, word); isStop || isNumber(word) || reportingVerb(word) {
			continue
		}
		if ind, _ := x.Row(w); len(ind) > 0 {
			stemOf[w] = ind[0]
		}
	}
	pc := &phraseCorpus{
		stems:   stemmer.Vocabulary(),
		surface: words,
		docs:    make([][]int32, texts.Len()),
		surf:    make([][]int32, texts.Len()),
	}
	// Documents are independent: each goroutine writes only its own
	// pc.docs[i] and pc.surf[i], so the result does not depend on scheduling.
	parallel.For(0, texts.Len(), func(_, i int) {
		var st, su []int32
		end := func() {
			if len(st) > 0 && st[len(st)-1] != -1 {
				st, su = append(st, -1), append(su, -1)
			}
		}
		seen := map[string]bool{}
		var frags []string
		for _, part := range texts.AppendParts(nil, i) {
			for line := range strings.SplitSeq(part, "\n") {
				line = strings.TrimSpace(line)
				if line == "" || seen[line] {
					continue
				}
				seen[line] = true
				frags = appendFragments(frags[:0], line)
				for _, frag := range frags {
					for _, tok := range plain.Analyze(frag) {
						w, ok := plain.Index(tok)
						if !ok || stemOf[w] < 0 {
							end()
							continue
						}
						st, su = append(st, stemOf[w]), append(su, int32(w))
					}
					end()
				}
			}
		}
		pc.docs[i], pc.surf[i] = st, su
		if done != nil {
			done(1)
		}
	})
	return pc, nil
}

// appendFragments appends to out the pieces of text cut at every character
// that may not sit inside a phrase: anything but letters, digits, marks,
// '_', spaces, hyphens and apostrophes.
func appendFragments(out []string, text string) []string {
	start := 0
	for i, r := range text {
		if joins(r) {
			continue
		}
		if i > start {
			out = append(out, text[start:i])
		}
		start = i + len(string(r))
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// joins reports whether r may occur inside a phrase.
func joins(r rune) bool {
	switch r {
	case ' ', '\t', '_', '-', '\u2010', '\u2011', '\'', '\u2019', '\u00a0':
		return true
	case '\n', '\r':
		return false
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// reportingVerb reports whether w is one of the verbs with which news
// reports quote their sources; they end a phrase, like stop words, so that
// "officials say Pakistan" gives no phrase "say pakistan".
func reportingVerb(w string) bool {
	switch w {
	case "said", "says", "say", "saying", "told", "tells", "tell":
		return true
	}
	return false
}

// isNumber reports whether a token is made of digits only.
func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// eachGram calls fn for every phrase of one to three words within the runs
// of doc, with its position.
func eachGram(doc []int32, fn func(g gram, at int)) {
	for i := range doc {
		if doc[i] < 0 {
			continue
		}
		g := gram{doc[i], -1, -1}
		fn(g, i)
		for n := 1; n < 3 && i+n < len(doc) && doc[i+n] >= 0; n++ {
			g[n] = doc[i+n]
			fn(g, i)
		}
	}
}

// gramStat is what a cluster's documents say about one phrase.
type gramStat struct {
	count int32   // occurrences
	tf    float32 // sum over documents of 1 + ln(occurrences in the document)
	first float32 // earliest relative position of an occurrence in a document, in [0, 1)
}

// phraseStats are the counts of the candidate phrases of each cluster.
type phraseStats struct {
	stats []map[gram]gramStat // per cluster
	df    map[gram]int32      // documents containing the phrase
	docs  int                 // documents in the corpus
	words []int               // content words per cluster
}

// count gathers the phrase statistics of every cluster. Clusters are
// counted concurrently, each by one goroutine that visits its members in
// order, so the float sums are the same for any GOMAXPROCS. Each cluster's
// document frequencies are added to df once the cluster is done; integer
// sums do not depend on the order.
func (pc *phraseCorpus) count(members [][]int) *phraseStats {
	ps := &phraseStats{
		stats: make([]map[gram]gramStat, len(members)),
		df:    map[gram]int32{},
		words: make([]int, len(members)),
		docs:  len(pc.docs),
	}
	var mu sync.Mutex
	parallel.For(0, len(members), func(_, c int) {
		local := map[gram]gramStat{}
		m := map[gram]gramStat{}
		df := map[gram]int32{}
		for _, i := range members[c] {
			clear(local)
			doc := pc.docs[i]
			eachGram(doc, func(g gram, at int) {
				st, ok := local[g]
				if !ok {
					st.first = float32(at) / float32(len(doc))
				}
				st.count++
				local[g] = st
				if g[1] < 0 {
					ps.words[c]++
				}
			})
			for g, st := range local {
				cs, ok := m[g]
				if !ok || st.first < cs.first {
					cs.first = st.first
				}
				cs.count += st.count
				cs.tf += 1 + float32(math.Log(float64(st.count)))
				m[g] = cs
				df[g]++
			}
		}
		ps.stats[c] = m
		mu.Lock()
		defer mu.Unlock()
		for g, n := range df {
			ps.df[g] += n
		}
	})
	return ps
}

// scoredGram is a candidate phrase of a cluster with its weight.
type scoredGram struct {
	g      gram
	n      int
	count  int32
	first  float32
	weight float64
}

// keyPhrases returns the n best phrases of cluster c, best first.
func (pc *phraseCorpus) keyPhrases(ps *phraseStats, c int, members []int, n int) []Phrase {
	if n <= 0 || ps.words[c] == 0 {
		return nil
	}
	wc, docs := float64(ps.words[c]), float64(ps.docs)
	cands := make([]scoredGram, 0, len(ps.stats[c]))
	for g, st := range ps.stats[c] {
		k := g.len()
		tf := float64(k) * float64(st.tf) / wc
		df := float64(ps.df[g])
		idf := math.Log1p((docs - df + 0.5) / (df + 0.5))
		cands = append(cands, scoredGram{g: g, n: k, count: st.count, first: st.first, weight: tf * idf})
	}
	order := func(x, y scoredGram) int {
		if c := cmp.Compare(y.weight, x.weight); c != 0 {
			return c
		}
		if c := cmp.Compare(x.first, y.first); c != 0 {
			return c
		}
		if c := cmp.Compare(x.n, y.n); c != 0 {
			return c
		}
		return cmp.Compare(pc.stemText(x.g), pc.stemText(y.g))
	}
	var chosen []scoredGram
	pick := func(cands []scoredGram, minCount int32) {
		for _, s := range cands {
			if len(chosen) == n {
				return
			}
			if s.count < minCount {
				continue
			}
			ok := true
			for _, t := range chosen {
				if t.g.overlaps(s.g) {
					ok = false
					break
				}
			}
			if ok {
				chosen = append(chosen, s)
			}
		}
	}
	// order is a total order (the stems tell any two phrases apart), so
	// sorting the phrases that occur twice or more on their own gives them
	// in the order they have among all candidates; most phrases occur once,
	// and all candidates are sorted only when the repeated ones do not
	// give n phrases.
	repeated := make([]scoredGram, 0, len(cands))
	for _, s := range cands {
		if s.count >= 2 {
			repeated = append(repeated, s)
		}
	}
	slices.SortFunc(repeated, order)
	pick(repeated, 2)
	if len(chosen) < n {
		slices.SortFunc(cands, order)
		pick(cands, 1)
	}
	return pc.describe(chosen, members)
}

// describe turns chosen phrases into Phrases: the surface form the
// cluster's documents use most, the count and the number of documents.
func (pc *phraseCorpus) describe(chosen []scoredGram, members []int) []Phrase {
	want := make(map[gram]int, len(chosen))
	for k, s := range chosen {
		want[s.g] = k
	}
	forms := make([]map[string]int, len(chosen))
	docs := make([]int, len(chosen))
	for k := range forms {
		forms[k] = map[string]int{}
	}
	seen := make([]bool, len(chosen))
	for _, i := range members {
		clear(seen)
		doc, surf := pc.docs[i], pc.surf[i]
		eachGram(doc, func(g gram, at int) {
			k, ok := want[g]
			if !ok {
				return
			}
			words := make([]string, g.len())
			for j := range words {
				words[j] = pc.surface[surf[at+j]]
			}
			forms[k][strings.Join(words, " ")]++
			if !seen[k] {
				seen[k] = true
				docs[k]++
			}
		})
	}
	out := make([]Phrase, len(chosen))
	for k, s := range chosen {
		best, bestN := "", 0
		for f, n := range forms[k] {
			if n > bestN || n == bestN && f < best {
				best, bestN = f, n
			}
		}
		out[k] = Phrase{Phrase: best, Weight: s.weight, Count: int(s.count), Documents: docs[k]}
	}
	return out
}

func (pc *phraseCorpus) stemText(g gram) string {
	var b strings.Builder
	for j := 0; j < g.len(); j++ {
		if j > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pc.stems[g[j]])
	}
	return b.String()
}
