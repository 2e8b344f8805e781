package theme

import (
	"slices"
	"strings"
	"testing"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
)

// TestKeyPhrasesExclude checks that an excluded phrase is never taken, nor
// any phrase that contains it, and that extra stop words end phrases as the English ones do.
func TestKeyPhrasesExclude(t *testing.T) {
	docs := testutil.BBC300(t)
	members, _ := byLabel(docs)
	texts := corpus.Contents(docs)
	before, err := KeyPhrases(texts, members, Options{N: 10})
	if err != nil {
		t.Fatal(err)
	}
	// Exclude the best phrase of every cluster, and make the second a stop
	// word where it is one word.
	var exclude, stop []string
	for _, ps := range before {
		exclude = append(exclude, ps[0].Phrase)
		if w := strings.Fields(ps[1].Phrase); len(w) == 1 {
			stop = append(stop, w[0])
		}
	}
	if len(stop) == 0 {
		t.Fatal("no one-word second phrase to use as a stop word")
	}
	after, err := KeyPhrases(texts, members, Options{N: 10, Exclude: exclude, StopWords: stop})
	if err != nil {
		t.Fatal(err)
	}
	for c, ps := range after {
		if len(ps) != 10 {
			t.Errorf("cluster %d: %d key phrases, want 10", c, len(ps))
		}
		for _, p := range ps {
			words := strings.Fields(p.Phrase)
			for _, e := range exclude {
				if containsWords(words, strings.Fields(e)) {
					t.Errorf("cluster %d: %q taken, but %q is excluded", c, p.Phrase, e)
				}
			}
			for _, w := range words {
				if slices.Contains(stop, w) {
					t.Errorf("cluster %d: %q holds the stop word %q", c, p.Phrase, w)
				}
			}
		}
	}
}

// containsWords reports whether the words e occur in words side by side.
func containsWords(words, e []string) bool {
	for i := 0; i+len(e) <= len(words); i++ {
		if slices.Equal(words[i:i+len(e)], e) {
			return true
		}
	}
	return false
}

// TestReadPhrases checks that a phrase file is read as key phrases are
// written (lowercase, one space), each phrase once in file order, and that
// a phrase no key phrase could be or contain is refused with its file and
// line.
func TestReadPhrases(t *testing.T) {
	got, err := ReadPhrases(strings.NewReader("# boilerplate\nYear  Old\n\nthanks\nyear old\nsafe-havens\n"), "x.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"year old", "thanks", "safe havens"}; !slices.Equal(got, want) {
		t.Errorf("ReadPhrases = %q, want %q", got, want)
	}
	for _, c := range []struct{ file, stop, want string }{
		{"ok\nthe end\n", "", `x.txt:2: "the end": "the" is a stop word`},
		{"supply, route\n", "", `x.txt:1: "supply, route": punctuation cuts it`},
		{"one two three four\n", "", "x.txt:1: \"one two three four\": 4 words"},
		{"won 2011 cup\n", "", `"2011" is a number`},
		{"mr smith said\n", "", `"said" is a number or a reporting verb`},
		{"thanks advance\n", "thanks", `"thanks" is a stop word`},
		{"x\n", "", "no word of two or more letters"},
		{"ok\x00\n", "", "x.txt:1: control character"},
	} {
		var stop []string
		if c.stop != "" {
			stop = []string{c.stop}
		}
		_, err := ReadPhrases(strings.NewReader(c.file), "x.txt", stop)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "theme: x.txt:") && !strings.HasPrefix(err.Error(), "vectorize: x.txt:") {
			t.Errorf("ReadPhrases(%q): %v, want an error naming x.txt containing %q", c.file, err, c.want)
		}
	}
	if _, err := CheckPhrase("prime minister", nil); err != nil {
		t.Errorf("CheckPhrase(prime minister): %v", err)
	}
	if _, err := KeyPhrases(corpus.Contents(testutil.BBC300(t)[:5]), [][]int{{0, 1, 2, 3, 4}}, Options{N: 3, Exclude: []string{"the"}}); err == nil {
		t.Error("KeyPhrases accepted an excluded phrase that is a stop word")
	}
}
