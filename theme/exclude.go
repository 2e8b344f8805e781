package theme

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/topics-dev/topics/vectorize"
)

// phraseStopWords returns, sorted and each once, the words that end a
// phrase: scikit-learn's English stop words and extra.
func phraseStopWords(extra []string) []string {
	stop, _ := vectorize.StopWords(vectorize.StopWordsEnglish) // a known name: no error
	stop = append(stop, extra...)
	slices.Sort(stop)
	return slices.Compact(stop)
}

// CheckPhrase returns the phrase p as key phrases are written (its words
// lowercase, joined by one space) and an error if no key phrase could
// ever be p or contain it, given the extra stop words (beside the English
// ones) that end phrases: p must be one to three words, not cut by
// punctuation other than hyphens and apostrophes, none of them a stop word,
// a number or a reporting verb (see Phrase).
func CheckPhrase(p string, stopWords []string) (string, error) {
	norm, why := checkPhrase(p, phraseStopWords(stopWords))
	if why != "" {
		return "", fmt.Errorf("theme: phrase %q: %s", p, why)
	}
	return norm, nil
}

// checkPhrase implements CheckPhrase with the full sorted stop list; why
// is "" for a phrase that can occur.
func checkPhrase(p string, stop []string) (norm, why string) {
	frags := appendFragments(nil, p)
	if len(frags) > 1 {
		return "", "punctuation cuts it (key phrases hold only letters, digits, hyphens and apostrophes)"
	}
	var words []string
	for _, f := range frags {
		words = append(words, vectorize.Tokenize(f, false)...)
	}
	switch {
	case len(words) == 0:
		return "", "no word of two or more letters or digits"
	case len(words) > 3:
		return "", fmt.Sprintf("%d words; key phrases have at most 3", len(words))
	}
	for _, w := range words {
		if _, isStop := slices.BinarySearch(stop, w); isStop {
			return "", fmt.Sprintf("%q is a stop word, which ends key phrases", w)
		}
		if isNumber(w) || reportingVerb(w) {
			return "", fmt.Sprintf("%q is a number or a reporting verb, which ends key phrases", w)
		}
	}
	return strings.Join(words, " "), ""
}

// ReadPhrases reads a file of phrases to exclude from key phrases (see
// vectorize.ReadList: one a line, '#' comments) and returns them as
// CheckPhrase writes them, each once, in file order. stopWords are the
// extra stop words that end phrases. A phrase no key phrase could be or
// contain is an error naming the file and line: "theme: NAME:LINE: …".
func ReadPhrases(r io.Reader, name string, stopWords []string) ([]string, error) {
	entries, err := vectorize.ReadList(r, name)
	if err != nil {
		return nil, err
	}
	stop := phraseStopWords(stopWords)
	out := make([]string, 0, len(entries))
	seen := map[string]bool{}
	for _, e := range entries {
		norm, why := checkPhrase(e.Text, stop)
		if why != "" {
			return nil, fmt.Errorf("theme: %s:%d: %q: %s", name, e.Line, e.Text, why)
		}
		if !seen[norm] {
			seen[norm] = true
			out = append(out, norm)
		}
	}
	return out, nil
}

// exclude records the phrases never to take, as stem ids; a phrase with a
// word that no document uses cannot occur and is dropped.
func (pc *phraseCorpus) exclude(phrases []string) {
	for _, p := range phrases {
		g := gram{-1, -1, -1}
		ok := true
		for k, w := range strings.Fields(p) {
			st := pc.stemmer.Analyze(w)
			j, in := -1, false
			if len(st) == 1 {
				j, in = pc.stemmer.Index(st[0])
			}
			if !in || k >= len(g) {
				ok = false
				break
			}
			g[k] = int32(j)
		}
		if ok {
			pc.excludes = append(pc.excludes, g)
		}
	}
}

// excluded reports whether g is or contains an excluded phrase.
func (pc *phraseCorpus) excluded(g gram) bool {
	for _, e := range pc.excludes {
		if g.contains(e) {
			return true
		}
	}
	return false
}
