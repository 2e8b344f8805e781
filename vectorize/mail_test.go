package vectorize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStripMail(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"header block, subject kept",
			"From: geb@cadre.dsl.pitt.edu (Gordon Banks)\nSubject: Re: Re: Migraine drugs\nOrganization: Univ. of Pittsburgh\n  Computer Science\nLines: 12\n\nBeta blockers help.",
			"Migraine drugs\n\nBeta blockers help."},
		{"no From, no block", "To: someone\nDate: today\n\nHello there.", "To: someone\nDate: today\n\nHello there."},
		{"From alone is a block", "From: someone\n\nHello there.", "\nHello there."},
		{"a block must start with a field", "The plan:\nFrom: here\nTo: there\n\nGo.", "The plan:\nFrom: here\nTo: there\n\nGo."},
		{"folded lines, a line of spaces, a cut first field",
			" cs.utexas.edu!uunet!caltech.edu!keith\nSubject: Re: Atheists?\nFrom:   (Keith)\n    \nOrganization: Caltech\nLines: 17\n\nI assume so.",
			"Atheists?\n\nI assume so."},
		{"field names with dots", "From: x (Jim)\nArticle-I.D.: dsi.1pq6\nLines: 28\n\nWell.", "\nWell."},
		{"indented text is no block", "   Atheist Resources\n\nAddresses", "   Atheist Resources\n\nAddresses"},
		{"a URL is not a field", "http://example.org/a\nFrom: this\n\nText", " \nFrom: this\n\nText"},
		{"quotes and attribution",
			"In article <1993Apr1.123@x.edu>, bob@x.edu (Bob) writes:\n> Is it safe?\n>> Older quote\n | piped quote\nAM> Initials quote\nYes, it is.\nJohn Smith wrote:\nIt is.",
			"Yes, it is.\nIt is."},
		{"not quotes", "a>b holds\nABCD> four letters\n3> digits\nUse x > y.", "a>b holds\nABCD> four letters\n3> digits\nUse x > y."},
		{"signature from the last delimiter",
			"Body text.\n-- \nnot yet\n--\nGordon Banks  N3JXP  | \"Skepticism is\ngeb@cadre.dsl.pitt.edu | the chastity\"",
			"Body text.\n-- \nnot yet"},
		{"dash runs are not delimiters", "Body\n---\nmore\n-- x", "Body\n---\nmore\n-- x"},
		{"addresses and URLs",
			"Mail me at <geb@cadre.dsl.pitt.edu>, see http://www.x.org/a?b=1 or www.y.com. user@host is not one, nor a@b.",
			"Mail me at   see   or   user@host is not one, nor a@b."},
		{"empty", "", ""},
	}
	for _, c := range cases {
		if got := StripMail(c.text); got != c.want {
			t.Errorf("%s: StripMail(%q)\n = %q\nwant %q", c.name, c.text, got, c.want)
		}
	}
}

func TestMailLike(t *testing.T) {
	for _, text := range []string{
		"From: a\nSubject: b\n\nbody",
		"From: a\n\nbody",
		"> quoted\nreply",
		"Ted Jones writes:\nreply",
		"body\n-- \nsig",
		"write to geb@cadre.dsl.pitt.edu today",
	} {
		if !MailLike(text) {
			t.Errorf("MailLike(%q) = false, want true", text)
		}
	}
	for _, text := range []string{
		"",
		"Prices rose 2.5% on Monday.\nThe index, at 3:30 pm, stood at 1,203.",
		"Read more at http://www.bbc.co.uk/news - a URL alone is not mail",
		"Score: 3-1\nVenue: Wembley",
		"He said the price is 5 > 4 -- and rising.",
	} {
		if MailLike(text) {
			t.Errorf("MailLike(%q) = true, want false", text)
		}
	}
}

// TestStripMailKeepsText checks properties that hold for any text: the
// result is no longer than the text, valid UTF-8 when the text is, holds
// no line the text does not (but for replaced addresses and the subject),
// is unchanged by a second pass when nothing mail-like is left, and a text
// with no mark of mail loses nothing but addresses.
func TestStripMailKeepsText(t *testing.T) {
	for _, text := range []string{
		"plain text\nwith lines\n\nand paragraphs",
		"From: a\nSubject: Re: b\n\n> q\nreply\n-- \nsig",
		"ünïcödé > not a quote\nline",
	} {
		checkStripMail(t, text)
	}
}

func checkStripMail(t *testing.T, text string) {
	t.Helper()
	got := StripMail(text)
	if utf8.ValidString(text) && !utf8.ValidString(got) {
		t.Errorf("StripMail(%q) = %q, not valid UTF-8", text, got)
	}
	if len(got) > len(text) {
		t.Errorf("StripMail(%q) = %q, longer", text, got)
	}
	if again := StripMail(got); strings.Count(again, "\n") > strings.Count(got, "\n") {
		t.Errorf("StripMail(StripMail(%q)) = %q has more lines than %q", text, again, got)
	}
	if hasWord(text) && !hasWord(got) {
		t.Errorf("StripMail(%q) = %q: every word is gone", text, got)
	}
	if !MailLike(text) && !strings.ContainsAny(text, "@/") && !strings.Contains(text, "www.") && got != text {
		t.Errorf("StripMail(%q) = %q: a text with no mark of mail changed", text, got)
	}
}

func FuzzStripMail(f *testing.F) {
	for _, s := range []string{
		"", "From: a\nSubject: Re: b\n\n> q\nreply\n-- \nsig", "a@b.c http://x www.y", "AM> x\n|y\nIn article z",
		"\n\n\t", "Subject: re:Re: x\nX-Y: z\n\n", "-- \n--\n-- ", "\xff@\xfe.\xfd",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkStripMail(t, text)
		MailLike(text)
	})
}

// StrippedTexts strips every part of every text, as StripMail does.
func TestStrippedTexts(t *testing.T) {
	parts := []string{"Re: lunch", "From: a@b.org\nSubject: lunch\n\nNoon?\n> earlier text\n-- \nA. Person"}
	texts := StrippedTexts(Strings(parts))
	if texts.Len() != 2 {
		t.Fatalf("Len %d, want 2", texts.Len())
	}
	for i, p := range parts {
		got := texts.AppendParts([]string{"kept"}, i)
		if len(got) != 2 || got[0] != "kept" || got[1] != StripMail(p) {
			t.Errorf("text %d: got %q, want [kept %q]", i, got, StripMail(p))
		}
	}
	if got := texts.AppendParts(nil, 1)[0]; strings.Contains(got, "earlier text") || strings.Contains(got, "a@b.org") {
		t.Errorf("not stripped: %q", got)
	}
}

// A post that only quotes (or only forwards) keeps its text: what it quotes
// is all it says. One with a word of its own loses the quotes.
func TestStripMailQuoteOnly(t *testing.T) {
	quoteOnly := "In article <1@x.org> someone writes:\n> the shuttle launch slipped again\n> to next week\n"
	if got := StripMail(quoteOnly); got != quoteOnly {
		t.Errorf("a quote-only post: got %q, want it whole", got)
	}
	withReply := quoteOnly + "\nIt will slip once more.\n"
	if got := StripMail(withReply); strings.Contains(got, "shuttle") || !strings.Contains(got, "slip once more") {
		t.Errorf("a reply: got %q, want the reply without the quote", got)
	}
	if got := StripMail("> \n-- \n"); got != "" && hasWord(got) {
		t.Errorf("nothing but marks: got %q", got)
	}
}

// stripAddressesBySplit is stripAddresses as first written: every run of
// splitKeep tested by address and the line rebuilt. The faster
// stripAddresses must give the same string for every line.
func stripAddressesBySplit(line string) string {
	if !strings.ContainsAny(line, "@/") && !strings.Contains(line, "www.") {
		return line
	}
	var b strings.Builder
	for _, w := range splitKeep(line) {
		if address(w) {
			b.WriteByte(' ')
			continue
		}
		b.WriteString(w)
	}
	return b.String()
}

func FuzzStripAddresses(f *testing.F) {
	for _, s := range []string{
		"", "a@b.c http://x www.y", "see <http://example.org/a>, or mail (me@x.org).", "WWW.X.ORG and www.x.org/",
		"a/b  c\u00a0d@e.f\u2028g://h \x85www.i", "\xff@\xfe.\xfd", "  lead and trail  ", "x@y.z", "ftp://a b@c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := stripAddresses(line), stripAddressesBySplit(line); got != want {
			t.Errorf("stripAddresses(%q) = %q, want %q", line, got, want)
		}
	})
}

// BenchmarkStripAddresses times stripAddresses on whole bbc300 texts with a
// '/' in each (so the line is scanned), beside the split-and-rebuild
// reference.
func BenchmarkStripAddresses(b *testing.B) {
	texts, size := benchTexts(b, 300)
	for i := range texts {
		texts[i] = strings.ReplaceAll(texts[i], "\n", " ") + " 24/7"
	}
	for _, c := range []struct {
		name string
		fn   func(string) string
	}{{"scan", stripAddresses}, {"split", stripAddressesBySplit}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, t := range texts {
					c.fn(t)
				}
			}
		})
	}
}
