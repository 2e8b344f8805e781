package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DisplayTitle returns the title to show for d: its Title, or when that is
// blank the start of its Text, on one line and at most 80 characters long.
func (d Document) DisplayTitle() string {
	s := d.Title
	if plainTitle(s) {
		return s // the common case: shown as it is, without a copy
	}
	if strings.TrimSpace(s) == "" {
		s = strings.TrimLeftFunc(d.Text, unicode.IsSpace)
	}
	// Only the start can show: look at no more than 4,096 bytes (after
	// leading space), which hold 80 characters unless they are mostly
	// space, so that a long text costs no more than a short one.
	s = cutWindow(s)
	// The words joined by single spaces, read only until they pass 80
	// characters (more cannot show).
	var b strings.Builder
	runes := 0
	for w := range strings.FieldsSeq(s) {
		if runes > 0 {
			b.WriteByte(' ')
			runes++
		}
		b.WriteString(w)
		if runes += utf8.RuneCountInString(w); runes > 80 {
			break
		}
	}
	s = b.String()
	if runes > 80 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:79])) + "…"
	}
	return s
}

// displayWindow is how many bytes of a text (after its leading space)
// DisplayTitle reads at most.
const displayWindow = 4096

// WithoutText returns d without its text, but for what DisplayTitle
// shows: the text is dropped when d has a title, and otherwise replaced by
// d.DisplayTitle() (at most 80 characters; DisplayTitle of it is itself).
// So d.WithoutText().DisplayTitle() == d.DisplayTitle(), and the ID,
// Title, Label and Date are d's.
func (d Document) WithoutText() Document {
	if strings.TrimSpace(d.Title) != "" {
		d.Text = ""
		return d
	}
	d.Text = d.DisplayTitle()
	return d
}

// cutWindow returns s cut to its first displayWindow bytes, at a rune
// boundary.
func cutWindow(s string) string {
	if len(s) <= displayWindow {
		return s
	}
	cut := displayWindow
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// plainTitle reports whether s is non-empty ASCII of at most 80 bytes with
// no space but single ' ' between words: DisplayTitle would return it as
// it is.
func plainTitle(s string) bool {
	if s == "" || len(s) > 80 || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c < ' ' || c == ' ' && s[i+1] == ' ' {
			return false
		}
	}
	return true
}
