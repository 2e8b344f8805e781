package theme

import (
	"fmt"
	"slices"
	"strings"

	"github.com/topics-dev/topics/vectorize"
)

// LabelSeparator joins the key phrases of a label.
const LabelSeparator = " · "

// Label joins the first n phrases with LabelSeparator.
func Label(phrases []Phrase, n int) string {
	words := make([]string, 0, n)
	for _, p := range phrases[:min(len(phrases), max(n, 0))] {
		words = append(words, p.Phrase)
	}
	return strings.Join(words, LabelSeparator)
}

// Options controls KeyPhrases.
type Options struct {
	// N is the number of key phrases found per cluster.
	N int
	// StopWords are more words that end a phrase, beside scikit-learn's
	// English stop words (which always do): typically the vectorizer's
	// ExtraStopWords, so that a word left out of the vectors is left out of
	// the phrases too.
	StopWords []string
	// Exclude lists phrases never taken as key phrases, nor any phrase that
	// contains one (see ReadPhrases and CheckPhrase); words are compared by
	// their stems, as phrases are.
	Exclude []string
	// Done, if not nil, is called with 1 as each document read is cut into
	// phrases, from several goroutines.
	Done func(int64)
}

// KeyPhrases returns the opt.N best key phrases of every cluster (see
// Phrase), best first: out[c] for members[c]. texts holds every document;
// when some cluster has more than MaxDocs members, only the MaxDocs members
// of each cluster closest to its centroid are read.
func KeyPhrases(texts vectorize.Texts, members [][]int, opt Options) ([][]Phrase, error) {
	stop := phraseStopWords(opt.StopWords)
	for _, p := range opt.Exclude {
		if _, why := checkPhrase(p, stop); why != "" {
			return nil, errNoPhrases(fmt.Errorf("excluded phrase %q: %s", p, why))
		}
	}
	sample, sampled := phraseSample(texts, members)
	pc, err := newPhraseCorpus(sample, stop, opt.Done)
	if err != nil {
		return nil, err
	}
	pc.exclude(opt.Exclude)
	stats := pc.count(sampled)
	out := make([][]Phrase, len(members))
	for c := range members {
		out[c] = pc.keyPhrases(stats, c, sampled[c], opt.N)
	}
	return out, nil
}

// SampleSize returns the number of documents KeyPhrases reads for the
// given clusters.
func SampleSize(members [][]int) int {
	n := 0
	for _, m := range members {
		n += min(len(m), MaxDocs)
	}
	return n
}

// phraseSample returns the documents whose phrases are counted and each
// cluster's members among them: all documents and members, unless a
// cluster has more than MaxDocs members; then the MaxDocs members of each
// cluster closest to its centroid (members lists them closest first),
// renumbered in document order.
func phraseSample(texts vectorize.Texts, members [][]int) (vectorize.Texts, [][]int) {
	if !slices.ContainsFunc(members, func(m []int) bool { return len(m) > MaxDocs }) {
		return texts, members
	}
	var keep []int
	for _, m := range members {
		keep = append(keep, m[:min(len(m), MaxDocs)]...)
	}
	slices.Sort(keep)
	at := make(map[int]int, len(keep))
	for j, i := range keep {
		at[i] = j
	}
	sub := make([][]int, len(members))
	for c, m := range members {
		sub[c] = make([]int, min(len(m), MaxDocs))
		for t := range sub[c] {
			sub[c][t] = at[m[t]]
		}
	}
	return subset{texts, keep}, sub
}

// subset is the vectorize.Texts of the texts idx[0], idx[1], ... of all.
type subset struct {
	all vectorize.Texts
	idx []int
}

func (s subset) Len() int { return len(s.idx) }

func (s subset) AppendParts(dst []string, i int) []string { return s.all.AppendParts(dst, s.idx[i]) }

// Summary returns the n sentences of a cluster's members most central to
// the cluster (see Sentence), most central first. bodies holds every
// document's text (its title when it has no text); members lists the
// cluster's documents closest to the centroid first; vec is the fitted
// vectorizer and x its TF-IDF matrix of the documents.
func Summary(vec *vectorize.Vectorizer, x *vectorize.Sparse, bodies []string, members []int, n int) []Sentence {
	if n <= 0 || len(members) == 0 {
		return nil
	}
	_, terms := x.Dims()
	centroid := make([]float64, terms)
	tfidfCentroid(x, members, centroid)
	return extractSummary(vec, bodies, members, centroid, n)
}

// errNoPhrases wraps the reason no phrase could be found.
func errNoPhrases(err error) error { return fmt.Errorf("theme: key phrases: %w", err) }
