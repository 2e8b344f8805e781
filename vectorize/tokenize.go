package vectorize

import (
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// The tokenizer reproduces scikit-learn's default word analyzer: the text is
// lowercased with Python's str.lower, and the tokens are the matches of
// (?u)\b\w\w+\b, that is the maximal runs of at least two word characters.
// A word character is what Python's re calls \w for str: a letter (L*), a
// number (Nd, Nl, No) or '_'. Combining marks (Mn, Mc, Me) are not word
// characters, so "cafe\u0301" gives the token "cafe".
//
// Python's str.lower differs from unicode.ToLower in two places, both handled
// here: 'İ' (U+0130) becomes "i\u0307", two characters, the second of which
// ends the token; and 'Σ' (U+03A3) becomes the final sigma 'ς' when it ends a
// word (the Final_Sigma condition of Unicode's SpecialCasing.txt), otherwise
// 'σ'.
//
// Character classes come from Go's unicode tables (unicode.Version, 15.0.0
// for Go 1.26). The goldens were made with Python 3.11 (Unicode 14.0.0); the
// two agree on every character assigned in Unicode 14 (see TestUnicodeTables),
// and differ only on characters first assigned in Unicode 15, which Go treats
// as letters the way Python 3.12 does.

// analyzer is the immutable text → terms pipeline of a Vectorizer: tokenize,
// drop stop words, stem, build n-grams. It is shared by goroutines; each
// goroutine brings its own scratch.
type analyzer struct {
	ascii      [utf8.RuneSelf]byte // see asciiWord
	keepCase   bool
	mail       bool                // strip e-mail structure first (StripMail)
	stop       map[string]struct{} // nil: no stop words
	stem       bool
	nmin, nmax int // n-gram range, 1 <= nmin <= nmax
}

// span is the byte range of one token in scratch.buf.
type span struct{ start, end int }

// scratch is one goroutine's working memory for an analyzer. After
// analyzer.tokens, buf holds the text's tokens (after stop-word removal and
// stemming), each followed by one space, and spans locates them, so the
// n-gram of tokens i..j is the single slice buf[spans[i].start:spans[j].end].
type scratch struct {
	buf   []byte
	spans []span
	stems map[string]string // token → stem, a per-goroutine cache
}

// asciiWord returns the table of ASCII word characters: for a byte c < 0x80,
// table[c] is c as it appears in a token (lowercased unless keepCase), or 0
// if c is not a word character.
func asciiWord(keepCase bool) (table [utf8.RuneSelf]byte) {
	for c := byte(0); c < utf8.RuneSelf; c++ {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_':
			table[c] = c
		case 'A' <= c && c <= 'Z':
			table[c] = c
			if !keepCase {
				table[c] += 'a' - 'A'
			}
		}
	}
	return table
}

// tokens analyzes text into s, replacing what s held.
func (a *analyzer) tokens(text string, s *scratch) {
	s.buf = s.buf[:0]
	s.spans = s.spans[:0]
	a.appendTokens(text, s)
}

// tokensParts analyzes the parts of one text into s, replacing what s held,
// as tokens would analyze the parts joined by newlines: no token spans two
// parts, and n-grams do.
func (a *analyzer) tokensParts(parts []string, s *scratch) {
	s.buf = s.buf[:0]
	s.spans = s.spans[:0]
	for _, p := range parts {
		a.appendTokens(p, s)
	}
}

// appendTokens analyzes text into s after the tokens s holds.
func (a *analyzer) appendTokens(text string, s *scratch) {
	if a.mail {
		text = StripMail(text)
	}
	start, runes := 0, 0 // the current token: where it starts in s.buf, its length in runes
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if a.ascii[c] == 0 {
				if runes > 0 {
					a.endToken(s, start, runes)
					runes = 0
				}
				i++
				continue
			}
			// A run of ASCII word characters: copy it, then map it.
			j := i + 1
			for j < len(text) && text[j] < utf8.RuneSelf && a.ascii[text[j]] != 0 {
				j++
			}
			if runes == 0 {
				start = len(s.buf)
			}
			n := len(s.buf)
			s.buf = append(s.buf, text[i:j]...)
			for k, c := range s.buf[n:] {
				s.buf[n+k] = a.ascii[c]
			}
			runes += j - i
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !a.keepCase {
			switch r {
			case 'İ':
				// str.lower gives "i\u0307": an 'i', then a combining mark
				// that is not a word character.
				if runes == 0 {
					start = len(s.buf)
				}
				s.buf = append(s.buf, 'i')
				a.endToken(s, start, runes+1)
				runes = 0
				i += size
				continue
			case 'Σ':
				if finalSigma(text, i, size) {
					r = 'ς'
				} else {
					r = 'σ'
				}
			default:
				r = unicode.ToLower(r)
			}
		}
		i += size
		if !isWordRune(r) {
			if runes > 0 {
				a.endToken(s, start, runes)
				runes = 0
			}
			continue
		}
		if runes == 0 {
			start = len(s.buf)
		}
		s.buf = utf8.AppendRune(s.buf, r)
		runes++
	}
	if runes > 0 {
		a.endToken(s, start, runes)
	}
}

// endToken decides the fate of the run of word characters s.buf[start:],
// runes long: too short or a stop word, it is dropped; otherwise it is
// stemmed if asked and recorded as a token.
func (a *analyzer) endToken(s *scratch, start, runes int) {
	if runes < 2 {
		s.buf = s.buf[:start]
		return
	}
	if a.stop != nil {
		if _, ok := a.stop[string(s.buf[start:])]; ok {
			s.buf = s.buf[:start]
			return
		}
	}
	if a.stem {
		st := s.stemOf(s.buf[start:])
		if st == "" {
			s.buf = s.buf[:start]
			return
		}
		s.buf = append(s.buf[:start], st...)
	}
	s.spans = append(s.spans, span{start, len(s.buf)})
	s.buf = append(s.buf, ' ')
}

// stemOf returns the Snowball English stem of tok, caching it.
func (s *scratch) stemOf(tok []byte) string {
	if st, ok := s.stems[string(tok)]; ok {
		return st
	}
	if s.stems == nil {
		s.stems = make(map[string]string)
	}
	w := string(tok)
	st := english.Stem(w, true)
	s.stems[w] = st
	return st
}

// eachTerm calls fn with every term of the text analyzed into s, in
// scikit-learn's order: all n-grams for n = nmin, then n = nmin+1, and so on,
// each group in text order. The slice passed to fn aliases s.buf and is valid
// only during the call.
func (a *analyzer) eachTerm(s *scratch, fn func(term []byte)) {
	n := len(s.spans)
	for k := max(a.nmin, 1); k <= a.nmax && k <= n; k++ {
		for i := 0; i+k <= n; i++ {
			fn(s.buf[s.spans[i].start:s.spans[i+k-1].end])
		}
	}
}

// numTerms returns how many terms eachTerm would produce.
func (a *analyzer) numTerms(s *scratch) int {
	n, total := len(s.spans), 0
	for k := max(a.nmin, 1); k <= a.nmax && k <= n; k++ {
		total += n - k + 1
	}
	return total
}

// analyze returns the terms of text as strings.
func (a *analyzer) analyze(text string) []string {
	var s scratch
	a.tokens(text, &s)
	terms := make([]string, 0, a.numTerms(&s))
	a.eachTerm(&s, func(t []byte) { terms = append(terms, string(t)) })
	return terms
}

// isWordRune reports whether r is a word character of Python's re module
// (\w for str): a letter, a number or '_'.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// finalSigma reports whether the 'Σ' at text[i:i+size] is in the Final_Sigma
// context, as Python's str.lower decides it: preceded by a cased character
// (skipping case-ignorable ones) and not followed by one (likewise).
func finalSigma(text string, i, size int) bool {
	before := false
	for j := i; j > 0; {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		j -= n
		if !caseIgnorable(r) {
			before = cased(r)
			break
		}
	}
	if !before {
		return false
	}
	for j := i + size; j < len(text); {
		r, n := utf8.DecodeRuneInString(text[j:])
		j += n
		if !caseIgnorable(r) {
			return !cased(r)
		}
	}
	return true
}

// cased reports the Unicode property Cased: Lowercase, Uppercase or Lt.
func cased(r rune) bool {
	return unicode.IsLower(r) || unicode.IsUpper(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// caseIgnorable reports the Unicode property Case_Ignorable: categories Mn,
// Me, Cf, Lm and Sk, and the Word_Break classes MidLetter, MidNumLet and
// Single_Quote.
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '\u00B7', '\u0387', '\u055F', '\u05F4', '\u2018', '\u2019',
		'\u2024', '\u2027', '\uFE13', '\uFE52', '\uFE55', '\uFF07', '\uFF0E', '\uFF1A':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
