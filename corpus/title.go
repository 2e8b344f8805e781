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
	if strings.TrimSpace(s) == "" {
		s = strings.TrimLeftFunc(d.Text, unicode.IsSpace)
	}
	// Only the start can show: look at no more than 4,096 bytes (after
	// leading space), which hold 80 characters unless they are mostly
	// space, so that a long text costs no more than a short one.
	if len(s) > 4096 {
		cut := 4096
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 80 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:79])) + "…"
	}
	return s
}
