package theme

import (
	"strings"
	"testing"
)

// TestFragments checks where phrases are cut: at punctuation other than
// hyphens and apostrophes, and around the pieces of contractions that the
// tokenizer would leave as words, but not at a possessive or a name.
func TestFragments(t *testing.T) {
	cases := []struct{ text, want string }{
		{"supply route. safe-havens, closed", "supply route| safe-havens| closed"},
		{"I don't think so", "I | think so"},
		{"I’ve heard it", "I| heard it"},
		{"we'll see, they're here", "we| see| they| here"},
		{"Reagan's policy and O'Neill", "Reagan's policy and O'Neill"},
		{"it isn't", "it "},
		{"DON'T PANIC", " PANIC"},
		{"rock'n'roll", "rock'n'roll"},
		{"the 21-year-old striker", "the | striker"},
		{"a 10‑point plan, 5-0 win", "a | plan| | win"},
		{"covid-19 vaccine and g8-summit", "covid-19 vaccine and g8-summit"},
		{"", ""},
	}
	for _, c := range cases {
		if got := strings.Join(appendFragments(nil, c.text), "|"); got != c.want {
			t.Errorf("appendFragments(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
