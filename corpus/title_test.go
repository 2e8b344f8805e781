package corpus

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestDisplayTitle(t *testing.T) {
	cases := []struct{ title, text, want string }{
		{"A title", "text", "A title"},
		{" A title ", "text", "A title"},
		{"Two  spaces\tand a tab", "text", "Two spaces and a tab"},
		{strings.Repeat("x", 81), "text", strings.Repeat("x", 79) + "…"},
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

// TestDisplayTitleWhole checks DisplayTitle against the plain definition
// (every field of the first 4,096 bytes joined by single spaces, then cut at
// 80 characters) on random texts of words and spaces of varied widths
// around the 80-character limit.
func TestDisplayTitleWhole(t *testing.T) {
	whole := func(text string) string {
		s := strings.TrimLeftFunc(text, unicode.IsSpace)
		if len(s) > 4096 {
			cut := 4096
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			s = s[:cut]
		}
		s = strings.Join(strings.Fields(s), " ")
		if utf8.RuneCountInString(s) > 80 {
			s = strings.TrimSpace(string([]rune(s)[:79])) + "…"
		}
		return s
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "news", "é", "日本", " ", "  ", "\n", "\t", "word-long", "\x7f", "\u00a0"}
	for range 2000 {
		var b strings.Builder
		for n := rng.IntN(120); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		if got, want := (Document{Text: text}).DisplayTitle(), whole(text); got != want {
			t.Fatalf("DisplayTitle of %q = %q, want %q", text, got, want)
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if got, want := (Document{Title: text, Text: "body"}).DisplayTitle(), whole(text); got != want {
			t.Fatalf("DisplayTitle of the title %q = %q, want %q", text, got, want)
		}
	}
}

// TestWithoutText checks that WithoutText keeps every field but the text,
// keeps no more text than DisplayTitle shows (none with a title, at most
// 80 characters without), and keeps DisplayTitle the same, on random texts
// of words, spaces and multi-byte runes, with and without (blank) titles.
func TestWithoutText(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"word", " ", "\n", "é", "世界", "\t", "🙂", "x"}
	for range 2000 {
		var b strings.Builder
		for n := rng.IntN(3000); n > 0; n-- { // up to about 7 KB
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		titles := []string{"", "  ", "A headline"}
		d := Document{ID: "id", Title: titles[rng.IntN(len(titles))], Text: b.String(), Label: "gold"}
		w := d.WithoutText()
		if w.ID != d.ID || w.Title != d.Title || w.Label != d.Label || w.Date != d.Date {
			t.Fatalf("WithoutText changed a field: %+v from %+v", w, d)
		}
		if strings.TrimSpace(d.Title) != "" && w.Text != "" || utf8.RuneCountInString(w.Text) > 80 || !utf8.ValidString(w.Text) {
			t.Fatalf("WithoutText kept %d bytes of text (title %q)", len(w.Text), d.Title)
		}
		if got, want := w.DisplayTitle(), d.DisplayTitle(); got != want {
			t.Fatalf("DisplayTitle after WithoutText = %q, want %q", got, want)
		}
	}
}
