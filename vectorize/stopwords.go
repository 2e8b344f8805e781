package vectorize

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/topics-dev/topics/internal/option"
)

// StopWordsEnglish is the value of Options.StopWords that selects
// scikit-learn's English stop-word list (ENGLISH_STOP_WORDS, 318 words).
const StopWordsEnglish = "english"

// englishStopWords returns scikit-learn's ENGLISH_STOP_WORDS (version 1.2.1,
// 318 lowercase words) in sorted order. The list was dumped from
// sklearn.feature_extraction.text.ENGLISH_STOP_WORDS; it is returned fresh on
// every call, so no caller can change another's copy.
func englishStopWords() []string {
	return []string{
		"a", "about", "above", "across", "after", "afterwards", "again", "against", "all", "almost",
		"alone", "along", "already", "also", "although", "always", "am", "among", "amongst",
		"amoungst", "amount", "an", "and", "another", "any", "anyhow", "anyone", "anything",
		"anyway", "anywhere", "are", "around", "as", "at", "back", "be", "became", "because",
		"become", "becomes", "becoming", "been", "before", "beforehand", "behind", "being", "below",
		"beside", "besides", "between", "beyond", "bill", "both", "bottom", "but", "by", "call",
		"can", "cannot", "cant", "co", "con", "could", "couldnt", "cry", "de", "describe", "detail",
		"do", "done", "down", "due", "during", "each", "eg", "eight", "either", "eleven", "else",
		"elsewhere", "empty", "enough", "etc", "even", "ever", "every", "everyone", "everything",
		"everywhere", "except", "few", "fifteen", "fifty", "fill", "find", "fire", "first", "five",
		"for", "former", "formerly", "forty", "found", "four", "from", "front", "full", "further",
		"get", "give", "go", "had", "has", "hasnt", "have", "he", "hence", "her", "here",
		"hereafter", "hereby", "herein", "hereupon", "hers", "herself", "him", "himself", "his",
		"how", "however", "hundred", "i", "ie", "if", "in", "inc", "indeed", "interest", "into",
		"is", "it", "its", "itself", "keep", "last", "latter", "latterly", "least", "less", "ltd",
		"made", "many", "may", "me", "meanwhile", "might", "mill", "mine", "more", "moreover",
		"most", "mostly", "move", "much", "must", "my", "myself", "name", "namely", "neither",
		"never", "nevertheless", "next", "nine", "no", "nobody", "none", "noone", "nor", "not",
		"nothing", "now", "nowhere", "of", "off", "often", "on", "once", "one", "only", "onto", "or",
		"other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own", "part",
		"per", "perhaps", "please", "put", "rather", "re", "same", "see", "seem", "seemed",
		"seeming", "seems", "serious", "several", "she", "should", "show", "side", "since",
		"sincere", "six", "sixty", "so", "some", "somehow", "someone", "something", "sometime",
		"sometimes", "somewhere", "still", "such", "system", "take", "ten", "than", "that", "the",
		"their", "them", "themselves", "then", "thence", "there", "thereafter", "thereby",
		"therefore", "therein", "thereupon", "these", "they", "thick", "thin", "third", "this",
		"those", "though", "three", "through", "throughout", "thru", "thus", "to", "together", "too",
		"top", "toward", "towards", "twelve", "twenty", "two", "un", "under", "until", "up", "upon",
		"us", "very", "via", "was", "we", "well", "were", "what", "whatever", "when", "whence",
		"whenever", "where", "whereafter", "whereas", "whereby", "wherein", "whereupon", "wherever",
		"whether", "which", "while", "whither", "who", "whoever", "whole", "whom", "whose", "why",
		"will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself",
		"yourselves",
	}
}

// stopWordSet returns the set of words that o removes: those of the list
// o.StopWords names and o.ExtraStopWords; nil when there are none, and an
// error for an unknown list name.
func stopWordSet(o Options) (map[string]struct{}, error) {
	var words []string
	switch o.StopWords {
	case "":
	case StopWordsEnglish:
		words = englishStopWords()
	default:
		return nil, fmt.Errorf("vectorize: %w: unknown stop-word list %q (want \"\" or %q)", ErrOptions, o.StopWords, StopWordsEnglish)
	}
	words = append(words, o.ExtraStopWords...)
	if len(words) == 0 {
		return nil, nil
	}
	set := make(map[string]struct{}, len(words))
	for _, w := range words {
		set[w] = struct{}{}
	}
	return set, nil
}

// StopWords returns the words of the named stop-word list in sorted order:
// nil for "" and scikit-learn's 318 English words for "english". An unknown
// name is an error wrapping ErrOptions.
func StopWords(name string) ([]string, error) {
	if _, err := stopWordSet(Options{StopWords: name}); err != nil || name == "" {
		return nil, err
	}
	return englishStopWords(), nil
}

// Tokenize returns the tokens of text as the vectorizer cuts them before it
// drops stop words: the runs of two or more word characters, lowercased
// unless keepCase.
func Tokenize(text string, keepCase bool) []string {
	a := analyzer{ascii: asciiWord(keepCase), keepCase: keepCase, nmin: 1, nmax: 1}
	return a.analyze(text)
}

// checkStopWord returns why w cannot be a stop word of a vectorizer with
// the given case rule ("" if it can): a stop word is compared with the
// tokens, so it must be one token, as the tokenizer writes it.
func checkStopWord(w string, keepCase bool) string {
	switch toks := Tokenize(w, keepCase); {
	case len(toks) == 0:
		return "no word of two or more letters or digits"
	case len(toks) > 1:
		return fmt.Sprintf("%d words (%s); a stop word is one", len(toks), strings.Join(toks, ", "))
	case toks[0] != w:
		return fmt.Sprintf("the tokenizer writes it %q", toks[0])
	}
	return ""
}

// checkExtraStopWords returns an *option.Error for the first of
// o.ExtraStopWords that is not a token.
func (o Options) checkExtraStopWords() error {
	for _, w := range o.ExtraStopWords {
		if why := checkStopWord(w, o.KeepCase); why != "" {
			return option.First("vectorize", ErrOptions, option.Check{Bad: true, Option: "ExtraStopWords", Value: fmt.Sprintf("%q", w), Reason: why})
		}
	}
	return nil
}

// MaxListEntries bounds the entries of a word or phrase list file.
const MaxListEntries = 1 << 20

// ListEntry is an entry of a list file and the line it is on.
type ListEntry struct {
	Text string
	Line int
}

// ReadList reads a list file: UTF-8 text, one entry a line, with the
// spaces around it trimmed; empty lines and lines starting with '#' are
// skipped. name names the file in errors, which are one line,
// "vectorize: NAME:LINE: reason": a line that is not valid UTF-8 or holds
// a control character, a line longer than 64 KiB, or more than
// MaxListEntries entries.
func ReadList(r io.Reader, name string) ([]ListEntry, error) {
	sc := bufio.NewScanner(r)
	var out []ListEntry
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !utf8.ValidString(text) {
			return nil, fmt.Errorf("vectorize: %s:%d: not valid UTF-8", name, line)
		}
		if i := strings.IndexFunc(text, unicode.IsControl); i >= 0 && text[i] != '\t' {
			return nil, fmt.Errorf("vectorize: %s:%d: control character %U", name, line, []rune(text[i:])[0])
		}
		if len(out) == MaxListEntries {
			return nil, fmt.Errorf("vectorize: %s:%d: more than %d entries", name, line, MaxListEntries)
		}
		out = append(out, ListEntry{Text: text, Line: line})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("vectorize: %s:%d: line longer than %d bytes", name, line+1, bufio.MaxScanTokenSize)
		}
		return nil, fmt.Errorf("vectorize: %s: %w", name, err)
	}
	return out, nil
}

// ReadStopWords reads a stop-word file (see ReadList): one word a line, as
// the tokenizer cuts words (two or more letters, digits or '_'), in any
// case; with keepCase false they are lowercased, as the tokenizer lowercases
// the texts. It returns the words sorted, each once, ready for
// Options.ExtraStopWords. A line that is not one such word is an error
// naming the file and line.
func ReadStopWords(r io.Reader, name string, keepCase bool) ([]string, error) {
	entries, err := ReadList(r, name)
	if err != nil {
		return nil, err
	}
	words := make([]string, 0, len(entries))
	for _, e := range entries {
		// The entry must be one token as written; then it is lowercased as
		// the tokenizer lowercases texts (which may still break it up:
		// "İ" lowercases to "i" and a combining mark).
		why := checkStopWord(e.Text, true)
		w := e.Text
		if why == "" && !keepCase {
			w = strings.Join(Tokenize(w, false), " ")
			why = checkStopWord(w, false)
		}
		if why != "" {
			return nil, fmt.Errorf("vectorize: %s:%d: %q: %s", name, e.Line, e.Text, why)
		}
		words = append(words, w)
	}
	slices.Sort(words)
	return slices.Compact(words), nil
}
