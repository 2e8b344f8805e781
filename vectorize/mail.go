package vectorize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// E-mail and Usenet posts carry text that their authors did not write for
// this post: header lines, quoted replies, signatures, addresses. StripMail
// removes it; MailLike tells whether a text shows it. The rules follow the
// conventions of the formats (RFC 5322 header fields, the "> " quote prefix,
// the "-- " signature delimiter of RFC 3676), not any one corpus.

// StripMail returns text without what an e-mail or news post carries beside
// its author's own words:
//
//   - a header block: the lines before the first empty line, when all of
//     them are header fields ("Name: value", the name printable ASCII
//     starting with a letter) or continuation lines (which start with a space or tab), and
//     one is a "From" field (which RFC 5322
//     requires of every message); the value of a "Subject" field is kept as
//     a line of its own, without "Re:" prefixes;
//   - quoted lines: lines that start, after spaces, with '>' or '|', or with
//     one to three letters and '>' ("AM> " quoting by initials);
//   - attribution lines: lines that start with "In article" or end with
//     "writes:", "wrote:", "says:" or "said:";
//   - the signature: everything from the last line that is "--" followed by
//     nothing but spaces (the "-- " delimiter) to the end;
//   - e-mail addresses (local@domain.tld) and URLs (scheme://…, www.…),
//     each replaced by a space.
//
// Line breaks are kept where lines are kept, so the result is still cut
// into lines and paragraphs as the text was. A text that has no word
// outside such lines (a post that only quotes, or only forwards) is
// returned whole: what it quotes is all it says.
func StripMail(text string) string {
	if s := stripMail(text); hasWord(s) || !hasWord(text) {
		return s
	}
	return text
}

// hasWord reports whether text holds a letter or a digit.
func hasWord(text string) bool {
	return strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// stripMail is StripMail without the fallback to the whole text.
func stripMail(text string) string {
	lines := strings.Split(text, "\n")
	lines = stripHeader(lines)
	if k := signatureLine(lines); k >= 0 {
		lines = lines[:k]
	}
	out := lines[:0]
	for _, line := range lines {
		if quoteLine(line) || attributionLine(line) {
			continue
		}
		out = append(out, stripAddresses(line))
	}
	return strings.Join(out, "\n")
}

// MailLike reports whether text shows any mark of e-mail that StripMail
// removes: a header block, a quoted or attribution line, a signature
// delimiter or an e-mail address. (A URL alone is not a mark: news cite
// them.)
func MailLike(text string) bool {
	lines := strings.Split(text, "\n")
	if len(stripHeader(lines)) != len(lines) || signatureLine(lines) >= 0 {
		return true
	}
	for _, line := range lines {
		if quoteLine(line) || attributionLine(line) || hasAddress(line) {
			return true
		}
	}
	return false
}

// stripHeader returns lines without a leading header block (see StripMail),
// with the subject kept in its place; lines itself when there is none. As
// in RFC 5322, only an empty line ends the block: a line of spaces is
// folded whitespace, a continuation like any line that starts with a space
// or tab (which may also open the block, as where a long first field was
// cut off).
func stripHeader(lines []string) []string {
	start := 0
	for start < len(lines) && strings.TrimSpace(lines[start]) == "" {
		start++
	}
	from, subject := false, ""
	end := start
	for ; end < len(lines) && strings.TrimRight(lines[end], "\r") != ""; end++ {
		line := lines[end]
		if line[0] == ' ' || line[0] == '\t' {
			continue // a continuation line
		}
		name, value, ok := headerField(line)
		if !ok {
			return lines
		}
		from = from || strings.EqualFold(name, "from")
		if strings.EqualFold(name, "subject") {
			subject = trimReplies(value)
		}
	}
	if !from {
		return lines
	}
	out := make([]string, 0, len(lines)-(end-start)+1)
	if subject != "" {
		out = append(out, subject)
	}
	return append(out, lines[end:]...)
}

// headerField splits a header field line "Name: value": the name starts
// with a letter and holds printable ASCII ("Article-I.D."), the value is
// empty or starts with a space or tab.
func headerField(line string) (name, value string, ok bool) {
	name, value, ok = strings.Cut(line, ":")
	if !ok || name == "" || !isLetter(name[0]) {
		return "", "", false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c > '~' { // RFC 5322: printable ASCII but ':'
			return "", "", false
		}
	}
	if value != "" && value[0] != ' ' && value[0] != '\t' {
		return "", "", false // "http://…", "12:30": not a field
	}
	return name, strings.TrimSpace(value), true
}

// trimReplies removes leading "Re:" (any case, repeated) from a subject.
func trimReplies(s string) string {
	for len(s) >= 3 && strings.EqualFold(s[:3], "re:") {
		s = strings.TrimSpace(s[3:])
	}
	return s
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// quoteLine reports whether line is quoted from another post.
func quoteLine(line string) bool {
	s := strings.TrimLeft(line, " \t")
	if s == "" {
		return false
	}
	if s[0] == '>' || s[0] == '|' {
		return true
	}
	if !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s) && i < 4; i++ {
		if s[i] == '>' {
			return i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t'
		}
		if !isLetter(s[i]) {
			return false
		}
	}
	return false
}

// attributionLine reports whether line introduces a quotation ("In article
// <…>, someone writes:").
func attributionLine(line string) bool {
	s := strings.TrimSpace(line)
	if strings.HasPrefix(s, "In article") {
		return true
	}
	for _, end := range []string{"writes:", "wrote:", "says:", "said:"} {
		if strings.HasSuffix(s, end) {
			return true
		}
	}
	return false
}

// signatureLine returns the index of the last signature delimiter line
// ("--" and nothing but spaces after it), or -1.
func signatureLine(lines []string) int {
	for k := len(lines) - 1; k >= 0; k-- {
		if s := strings.TrimRight(lines[k], " \t\r"); s == "--" {
			return k
		}
	}
	return -1
}

// stripAddresses replaces each e-mail address and URL in line by a space.
func stripAddresses(line string) string {
	if !strings.ContainsAny(line, "@/") && !strings.Contains(line, "www.") {
		return line
	}
	// Only runs of non-space characters can be addresses, and only those
	// with '@' (mail), ':' (a scheme's "://") or '.' ("www."); the line is
	// copied only if one is.
	var b strings.Builder
	done := 0                  // line[:done] is in b (if b is not empty)
	start, marked := -1, false // the current run of non-spaces; whether it has '@', ':' or '.'
	word := func(end int) {
		if !marked || !address(line[start:end]) {
			return
		}
		if done == 0 {
			b.Grow(len(line))
		}
		b.WriteString(line[done:start])
		b.WriteByte(' ')
		done = end
	}
	for i := 0; i < len(line); {
		c, size, space := line[i], 1, false
		if c < utf8.RuneSelf {
			space = c == ' ' || '\t' <= c && c <= '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(line[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			word(i)
			start = -1
		case !space && start < 0:
			start, marked = i, c == '@' || c == ':' || c == '.'
		case !space:
			marked = marked || c == '@' || c == ':' || c == '.'
		}
		i += size
	}
	if start >= 0 {
		word(len(line))
	}
	if done == 0 {
		return line
	}
	b.WriteString(line[done:])
	return b.String()
}

// hasAddress reports whether line holds an e-mail address.
func hasAddress(line string) bool {
	if !strings.Contains(line, "@") {
		return false
	}
	for _, w := range splitKeep(line) {
		if mailAddress(trimPunct(w)) {
			return true
		}
	}
	return false
}

// splitKeep cuts line into runs of spaces and runs of other characters;
// joined they give line back.
func splitKeep(line string) []string {
	var out []string
	start, space := 0, false
	for i, r := range line {
		if sp := unicode.IsSpace(r); i == 0 || sp != space {
			if i > start {
				out = append(out, line[start:i])
			}
			start, space = i, sp
		}
	}
	return append(out, line[start:])
}

// address reports whether the word w (brackets and punctuation around it
// allowed) is an e-mail address or a URL.
func address(w string) bool {
	w = trimPunct(w)
	if mailAddress(w) {
		return true
	}
	if i := strings.Index(w, "://"); i > 0 && isScheme(w[:i]) && len(w) > i+3 {
		return true
	}
	return len(w) > 4 && strings.EqualFold(w[:4], "www.")
}

// trimPunct removes the brackets, quotes and punctuation around a word.
func trimPunct(w string) string {
	return strings.TrimFunc(w, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
	})
}

// mailAddress reports whether w is local@domain with a dot inside the
// domain and letters or digits on both sides.
func mailAddress(w string) bool {
	local, domain, ok := strings.Cut(w, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") {
		return false
	}
	dot := strings.IndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1 && wordByte(local[len(local)-1]) && wordByte(domain[0])
}

func wordByte(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c >= utf8.RuneSelf
}

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, '+', '-' or '.'.
func isScheme(s string) bool {
	if s == "" || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && !('0' <= c && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// StrippedTexts returns t with every part stripped of e-mail structure by
// StripMail, as a Vectorizer with Options.StripMail reads texts: for the
// steps that read the same texts beside it (key phrases, summaries).
func StrippedTexts(t Texts) Texts { return strippedTexts{t} }

// strippedTexts is a Texts whose parts are stripped of e-mail structure.
type strippedTexts struct{ Texts }

// AppendParts appends the stripped parts of text i.
func (s strippedTexts) AppendParts(dst []string, i int) []string {
	n := len(dst)
	dst = s.Texts.AppendParts(dst, i)
	for k := n; k < len(dst); k++ {
		dst[k] = StripMail(dst[k])
	}
	return dst
}
