package corpus

import (
	"strings"
	"testing"
)

func TestDisplayTitle(t *testing.T) {
	cases := []struct{ title, text, want string }{
		{"A title", "text", "A title"},
		{"", "  first\nline  of text ", "first line of text"},
		{"", strings.Repeat("é", 100), strings.Repeat("é", 79) + "…"},
		{"", "", ""},
		{"", strings.Repeat(" ", 5000) + "late start", "late start"},
		{"", strings.Repeat("news ", 100000), strings.TrimSpace(strings.Repeat("news ", 16)) + "…"},
	}
	for _, c := range cases {
		if got := (Document{Title: c.title, Text: c.text}).DisplayTitle(); got != c.want {
			t.Errorf("DisplayTitle(%q, %q) = %q, want %q", c.title, c.text, got, c.want)
		}
	}
}
