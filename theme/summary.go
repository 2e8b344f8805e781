package theme

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/topics-dev/topics/vectorize"
)

// Sentence is a sentence of a cluster's extractive summary.
//
// The texts of the cluster's members (the 50 closest to the centroid; a
// document's title when it has no text) are cut into sentences: at line
// breaks, unless the line was hard-wrapped (the next line's first word would
// not have fitted within the text's longest line) or the next line starts in
// lowercase, and after '.', '!' or '?' followed by a space and an uppercase
// letter, digit or opening quote, except after an abbreviation (a single
// letter as in "U.S.", or a title such as "Mr." or "Gen."). Sentences of
// fewer than 6 or more than 60 words are left out, and a sentence repeated
// within a document counts once. When the vectorizer strips e-mail structure
// (vectorize.Options.StripMail), so do summaries: no sentence comes from a
// header, a quoted reply or a signature. Each sentence is weighed by the
// fitted TF-IDF vectorizer, like a document, and scored by the cosine
// between its vector and the cluster's TF-IDF centroid (the mean of the
// members' rows, at unit length). Sentences are taken in order of score
// (ties: the member closer to the centroid, then the earlier sentence),
// skipping one whose normalized text (lowercase letters and digits) was
// already taken or whose TF-IDF cosine with a taken sentence is 0.7 or more,
// so that duplicated articles do not give the same sentence twice.
type Sentence struct {
	// Text is the sentence, on one line.
	Text string `json:"text"`
	// Document is the index into the documents of the document it
	// comes from.
	Document int `json:"document"`
	// Score is the cosine between the sentence's TF-IDF vector and the
	// cluster's mean TF-IDF vector.
	Score float64 `json:"score"`
}

// Limits of the summaries (see Sentence).
const (
	summaryDocs       = 50  // members whose sentences are candidates
	summaryMinWords   = 6   // shortest candidate sentence, in words
	summaryMaxWords   = 60  // longest candidate sentence, in words
	summaryMaxOverlap = 0.7 // TF-IDF cosine above which two sentences are near-identical
)

// sentenceCandidate is a sentence of a member document.
type sentenceCandidate struct {
	text  string
	doc   int // index into the documents
	score float64
}

// extractSummary returns the n sentences of members most central to the cluster
// whose TF-IDF centroid (unit length) is centroid; n > 0 and members is not
// empty (Summary returns nil otherwise).
func extractSummary(vec *vectorize.Vectorizer, texts []string, members []int, centroid []float64, n int) []Sentence {
	var cands []sentenceCandidate
	for _, i := range members[:min(len(members), summaryDocs)] {
		seen := map[string]bool{}
		text := texts[i]
		if vec.Options().StripMail {
			text = vectorize.StripMail(text)
		}
		for _, s := range sentences(text) {
			words := len(strings.Fields(s))
			key := normalizeSentence(s)
			if words < summaryMinWords || words > summaryMaxWords || seen[key] {
				continue
			}
			seen[key] = true
			cands = append(cands, sentenceCandidate{text: s, doc: i})
		}
	}
	if len(cands) == 0 {
		return nil
	}
	lines := make([]string, len(cands))
	for k, c := range cands {
		lines[k] = c.text
	}
	x := vec.Transform(lines)
	for k := range cands {
		ind, val := x.Row(k)
		var dot float64
		for p, j := range ind {
			dot += val[p] * centroid[j]
		}
		cands[k].score = clampCos(dot)
	}
	order := make([]int, len(cands))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(cands[b].score, cands[a].score)
	})
	var out []Sentence
	var taken []int
	keys := map[string]bool{}
	for _, k := range order {
		if len(out) == n || cands[k].score <= 0 {
			break
		}
		key := normalizeSentence(cands[k].text)
		if keys[key] {
			continue
		}
		near := false
		for _, t := range taken {
			if sparseDot(x, k, t) >= summaryMaxOverlap {
				near = true
				break
			}
		}
		if near {
			continue
		}
		keys[key] = true
		taken = append(taken, k)
		out = append(out, Sentence{Text: cands[k].text, Document: cands[k].doc, Score: cands[k].score})
	}
	return out
}

// sparseDot returns the dot product of rows a and b of x.
func sparseDot(x *vectorize.Sparse, a, b int) float64 {
	ia, va := x.Row(a)
	ib, vb := x.Row(b)
	var dot float64
	for p, q := 0, 0; p < len(ia) && q < len(ib); {
		switch {
		case ia[p] < ib[q]:
			p++
		case ia[p] > ib[q]:
			q++
		default:
			dot += va[p] * vb[q]
			p++
			q++
		}
	}
	return dot
}

// clampCos clips rounding errors of a cosine to [-1, 1].
func clampCos(v float64) float64 {
	return max(-1, min(1, v))
}

// normalizeSentence returns s lowercased with everything but letters and
// digits dropped, so that copies that differ in spacing, quotes or
// punctuation compare equal.
func normalizeSentence(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sentences cuts text into sentences, each on one line with its spaces
// collapsed.
//
// Lines are first joined into paragraphs (see unwrap): a line break inside
// a hard-wrapped paragraph does not end a sentence. Within a paragraph, a
// sentence ends after '.', '!' or '?' (and any closing quotes or brackets)
// when a space and then an uppercase letter, a digit or an opening quote or
// bracket follow, except after an abbreviation: a single letter ("U.S.") or
// one of a few titles and short forms (see abbreviation).
func sentences(text string) []string {
	var out []string
	add := func(s string) {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			out = append(out, s)
		}
	}
	for _, p := range unwrap(text) {
		start := 0
		for i := 0; i < len(p); {
			r, size := utf8.DecodeRuneInString(p[i:])
			i += size
			if r != '.' && r != '!' && r != '?' {
				continue
			}
			end := i
			for end < len(p) {
				c, n := utf8.DecodeRuneInString(p[end:])
				if !strings.ContainsRune(`"'”’)]»`, c) {
					break
				}
				end += n
			}
			if !sentenceBreak(p, i-size, end) {
				continue
			}
			add(p[start:end])
			start, i = end, end
		}
		add(p[start:])
	}
	return out
}

// unwrap joins the lines of text into paragraphs. A line break ends a
// paragraph unless both lines around it hold text and either the next line
// starts with a lowercase letter (a sentence goes on) or the break was
// forced by a hard wrap: the line's width plus a space plus the next line's
// first word exceed the width of the longest line of the text, so the word
// could not have stood on the line. Such breaks count as wraps only when
// the text has two or more of them (one could be chance: in a text of two
// lines the first may simply be the longest). Widths are counted in
// characters, a tab as up to the next multiple of 8 columns. A hard-wrapped
// text (mail, news wires) thus keeps its sentences whole, while a line that
// ends before the wrap width (a heading, a list item, a signature, one
// sentence a line) still ends its paragraph.
func unwrap(text string) []string {
	lines := strings.Split(text, "\n")
	widths := make([]int, len(lines))
	wrap := 0
	for k, line := range lines {
		widths[k] = columns(strings.TrimRightFunc(line, unicode.IsSpace))
		wrap = max(wrap, widths[k])
	}
	// forced[k]: the break before line k could not have been avoided.
	forced := make([]bool, len(lines))
	nforced := 0
	for k := 1; k < len(lines); k++ {
		if f := strings.Fields(lines[k]); len(f) > 0 && widths[k-1] > 0 && widths[k-1]+1+columns(f[0]) > wrap {
			forced[k] = true
			nforced++
		}
	}
	var paras []string
	for k, line := range lines {
		next := strings.TrimSpace(line)
		if k > 0 && widths[k-1] > 0 && next != "" && len(paras) > 0 {
			r, _ := utf8.DecodeRuneInString(next)
			if unicode.IsLower(r) || forced[k] && nforced >= 2 {
				paras[len(paras)-1] += " " + line
				continue
			}
		}
		paras = append(paras, line)
	}
	return paras
}

// columns returns the width of a line in columns: one per character, tabs
// to the next multiple of 8.
func columns(line string) int {
	n := 0
	for _, r := range line {
		if r == '\t' {
			n += 8 - n%8
			continue
		}
		n++
	}
	return n
}

// sentenceBreak reports whether the '.', '!' or '?' at p[at] followed by
// closing punctuation up to p[end] ends a sentence.
func sentenceBreak(p string, at, end int) bool {
	rest := p[end:]
	trimmed := strings.TrimLeft(rest, " \t")
	if len(trimmed) == len(rest) || trimmed == "" {
		return false // no space after it, or the end of the line (handled by the caller)
	}
	r, _ := utf8.DecodeRuneInString(trimmed)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"'“‘([«`, r) {
		return false
	}
	if p[at] != '.' {
		return true
	}
	// The word before the period.
	w := p[:at]
	k := strings.LastIndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
	word := w[k+1:]
	return !abbreviation(word)
}

// abbreviation reports whether a period after word is more likely to end
// an abbreviation than a sentence.
func abbreviation(word string) bool {
	if utf8.RuneCountInString(word) == 1 {
		return true // initials, U.S., U.K.
	}
	switch strings.ToLower(word) {
	case "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "cmdr", "adm",
		"gov", "sen", "rep", "rev", "st", "jr", "sr", "mt", "ft",
		"inc", "co", "corp", "ltd", "bros", "vs", "etc", "no", "nos", "vol", "fig",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// tfidfCentroid sets dst to the mean of the given rows of x, scaled to unit
// length (all zero when the rows are).
func tfidfCentroid(x *vectorize.Sparse, rows []int, dst []float64) {
	clear(dst)
	for _, i := range rows {
		ind, val := x.Row(i)
		for p, j := range ind {
			dst[j] += val[p]
		}
	}
	var norm float64
	for _, v := range dst {
		norm += v * v
	}
	if norm == 0 {
		return
	}
	norm = math.Sqrt(norm)
	for j := range dst {
		dst[j] /= norm
	}
}
