// Package textfmt holds the small text helpers that the renderers of
// report and report/html share.
package textfmt

import (
	"strings"
	"unicode/utf8"
)

// Plural returns "s" unless n is 1.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Clip shortens s to at most n characters (runes), ending it in "…" when
// something was cut (trailing spaces before the "…" are dropped).
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	switch {
	case n <= 0:
		return ""
	case n == 1:
		return "…"
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}
