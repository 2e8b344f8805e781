package vectorize

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadStopWords(t *testing.T) {
	file := "\ufeff# forum filler\n  Thanks \n\nDON\nthanks\n\t# indented comment\nvia_email\n"
	got, err := ReadStopWords(strings.NewReader(file), "stop.txt", false)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"don", "thanks", "via_email"}; !reflect.DeepEqual(got, want) {
		t.Errorf("words %q, want %q (lowercased, sorted, each once)", got, want)
	}
	got, err = ReadStopWords(strings.NewReader("Reuters\nreuters\n"), "stop.txt", true)
	if err != nil || !reflect.DeepEqual(got, []string{"Reuters", "reuters"}) {
		t.Errorf("keepCase: %q, %v; want both cases kept", got, err)
	}
}

func TestReadStopWordsErrors(t *testing.T) {
	cases := []struct{ file, want string }{
		{"ok\nnew york\n", `vectorize: stop.txt:2: "new york": 2 words (new, york); a stop word is one`},
		{"ok\n\n  a  \n", `vectorize: stop.txt:3: "a": no word of two or more letters or digits`},
		{"e-mail\n", `vectorize: stop.txt:1: "e-mail": the tokenizer writes it "mail"`},
		{"x\xffy\n", `vectorize: stop.txt:1: not valid UTF-8`},
		{"bell\a\n", `vectorize: stop.txt:1: control character U+0007`},
		{strings.Repeat("w", 70000) + "\n", `vectorize: stop.txt:1: line longer than 65536 bytes`},
	}
	for _, c := range cases {
		_, err := ReadStopWords(strings.NewReader(c.file), "stop.txt", false)
		if err == nil || err.Error() != c.want {
			t.Errorf("ReadStopWords(%.30q): error %v, want %q", c.file, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("error %q is not one line", err)
		}
	}
}

// TestExtraStopWords checks that extra stop words are dropped beside the
// named list, alone when there is none, and that a word that is not a
// token is refused.
func TestExtraStopWords(t *testing.T) {
	texts := []string{"thanks the reuters pakistan", "reuters pakistan troops", "thanks troops"}
	v, err := Fit(texts, Options{StopWords: StopWordsEnglish, ExtraStopWords: []string{"reuters", "thanks"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Vocabulary(); !slices.Equal(got, []string{"pakistan", "troops"}) {
		t.Errorf("vocabulary %q, want pakistan and troops", got)
	}
	v, err = Fit(texts, Options{ExtraStopWords: []string{"reuters"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Vocabulary(); !slices.Equal(got, []string{"pakistan", "thanks", "the", "troops"}) {
		t.Errorf("vocabulary %q, want all but reuters", got)
	}
	for _, bad := range [][]string{{"Reuters"}, {"new york"}, {""}} {
		_, err := Fit(texts, Options{ExtraStopWords: bad})
		if !errors.Is(err, ErrOptions) {
			t.Errorf("ExtraStopWords %q: error %v, want ErrOptions", bad, err)
		}
	}
	if _, err := Fit(texts, Options{KeepCase: true, ExtraStopWords: []string{"Reuters"}}); err != nil {
		t.Errorf("KeepCase with a capitalized stop word: %v", err)
	}
}

func TestTokenize(t *testing.T) {
	if got := Tokenize("The U.S. e-mail, naïve Straße", false); !slices.Equal(got, []string{"the", "mail", "naïve", "straße"}) {
		t.Errorf("Tokenize: %q", got)
	}
	if got := Tokenize("The NASA", true); !slices.Equal(got, []string{"The", "NASA"}) {
		t.Errorf("Tokenize keepCase: %q", got)
	}
}

// FuzzReadStopWords checks that any file either gives sorted, distinct
// words that the vectorizer accepts or a one-line error naming the file.
func FuzzReadStopWords(f *testing.F) {
	for _, s := range []string{"", "a\nb\n", "# c\n  Thanks \n", "new york", "\xff", "e-mail\r\nok\r\n", "\ufeffword"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, file string, keepCase bool) {
		words, err := ReadStopWords(strings.NewReader(file), "f.txt", keepCase)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "vectorize: f.txt:") || strings.Contains(msg, "\n") {
				t.Fatalf("error %q", msg)
			}
			return
		}
		if !slices.IsSorted(words) || len(slices.Compact(slices.Clone(words))) != len(words) {
			t.Fatalf("words %q not sorted and distinct", words)
		}
		for _, w := range words {
			if !utf8.ValidString(w) {
				t.Fatalf("word %q not UTF-8", w)
			}
		}
		if err := (Options{KeepCase: keepCase, ExtraStopWords: words}).Validate(); err != nil {
			t.Fatalf("words %q refused: %v", words, err)
		}
	})
}
