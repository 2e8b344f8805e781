package theme

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	snowball "github.com/kljensen/snowball/english"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
	"github.com/topics-dev/topics/vectorize"
)

// TestKeyPhrasesAreNotParts checks that no cluster lists a phrase together
// with a part of it or an overlapping one, and that labels are made of the
// first key phrases.
func TestKeyPhrasesAreNotParts(t *testing.T) {
	docs := testutil.BBC300(t)
	members, sizes := byLabel(docs)
	all, err := KeyPhrases(corpus.Contents(docs), members, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	for id, phrases := range all {
		c := struct {
			ID         int
			Size       int
			KeyPhrases []Phrase
			Label      string
		}{id, sizes[id], phrases, Label(phrases, 3)}
		if len(c.KeyPhrases) != 10 {
			t.Errorf("cluster %d has %d key phrases, want 10", c.ID, len(c.KeyPhrases))
		}
		var first []string
		for k, p := range c.KeyPhrases {
			if k < 3 {
				first = append(first, p.Phrase)
			}
			if k > 0 && p.Weight > c.KeyPhrases[k-1].Weight {
				t.Errorf("cluster %d: key phrases not by weight", c.ID)
			}
			if p.Count < 1 || p.Documents < 1 || p.Documents > c.Size || p.Documents > p.Count {
				t.Errorf("cluster %d: phrase %+v", c.ID, p)
			}
			if n := len(strings.Fields(p.Phrase)); n < 1 || n > 3 {
				t.Errorf("cluster %d: phrase %q has %d words", c.ID, p.Phrase, n)
			}
			for _, q := range c.KeyPhrases[:k] {
				if wordOverlap(p.Phrase, q.Phrase) {
					t.Errorf("cluster %d lists overlapping phrases %q and %q", c.ID, q.Phrase, p.Phrase)
				}
			}
		}
		if want := strings.Join(first, LabelSeparator); c.Label != want {
			t.Errorf("cluster %d label %q, want %q", c.ID, c.Label, want)
		}
	}
}

// wordOverlap reports whether one phrase contains the other's words or
// ends with the words the other starts with (compared by their Snowball
// stems).
func wordOverlap(a, b string) bool {
	stem := func(s string) []string {
		w := strings.Fields(s)
		for i := range w {
			w[i] = snowball.Stem(w[i], true)
		}
		return w
	}
	x, y := stem(a), stem(b)
	has := func(x, y []string) bool {
		for i := 0; i+len(y) <= len(x); i++ {
			if slices.Equal(x[i:i+len(y)], y) {
				return true
			}
		}
		for k := 1; k < min(len(x), len(y)); k++ {
			if slices.Equal(x[len(x)-k:], y[:k]) {
				return true
			}
		}
		return false
	}
	return has(x, y) || has(y, x)
}

// byLabel returns the documents of each gold label, in document order,
// labels in order of first appearance, and the sizes.
func byLabel(docs []corpus.Document) ([][]int, []int) {
	at := map[string]int{}
	var members [][]int
	for i, d := range docs {
		c, ok := at[d.Label]
		if !ok {
			c = len(members)
			at[d.Label] = c
			members = append(members, nil)
		}
		members[c] = append(members[c], i)
	}
	sizes := make([]int, len(members))
	for c, m := range members {
		sizes[c] = len(m)
	}
	return members, sizes
}

// TestPhraseCandidates checks how texts become phrases: runs of content
// words cut at stop words, punctuation, numbers and reporting verbs, joined
// across hyphens, compared by stems and shown in their commonest form.
func TestPhraseCandidates(t *testing.T) {
	texts := []string{
		"Pakistan closed a supply route. The supply routes reopened; supply routes matter.",
		"Officials say Pakistan wants safe-havens closed, 2011 trucks waited.",
	}
	pc, err := newPhraseCorpus(vectorize.Strings(texts), nil)
	if err != nil {
		t.Fatal(err)
	}
	ps := pc.count([][]int{{0}, {1}})
	got := map[string]int32{}
	for c := range ps.stats {
		for g, st := range ps.stats[c] {
			got[pc.stemText(g)] += st.count
		}
	}
	for _, want := range []string{"suppli rout", "pakistan close suppli", "safe haven close", "truck wait"} {
		if got[want] == 0 {
			t.Errorf("no phrase %q in %v", want, got)
		}
	}
	for _, bad := range []string{"rout suppli", "say pakistan", "offici say", "close 2011", "2011 truck", "matter pakistan"} {
		if got[bad] != 0 {
			t.Errorf("phrase %q should not be a candidate", bad)
		}
	}
	if got["suppli rout"] != 3 {
		t.Errorf("supply route(s) counted %d times, want 3", got["suppli rout"])
	}
	phrases := pc.keyPhrases(ps, 0, []int{0}, 3)
	if len(phrases) == 0 || phrases[0].Phrase != "supply routes" || phrases[0].Count != 3 || phrases[0].Documents != 1 {
		t.Errorf("key phrases of text 0: %+v, want supply routes (3 times) first", phrases)
	}
}

func TestSentences(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Mr. Smith went to Washington. He said hi.", []string{"Mr. Smith went to Washington.", "He said hi."}},
		{"The U.S. Army left. Then it rained!", []string{"The U.S. Army left.", "Then it rained!"}},
		{`He said "stop." Then he left.`, []string{`He said "stop."`, "Then he left."}},
		{"Line one\nline two ends here. Next", []string{"Line one line two ends here.", "Next"}},
		{"Heading\n\nBody text here.", []string{"Heading", "Body text here."}},
		{"Prices rose 2.5 percent. Good.", []string{"Prices rose 2.5 percent.", "Good."}},
		{"Is it? yes it is.", []string{"Is it? yes it is."}},
		{"  spaced   out  ", []string{"spaced out"}},
		{"", nil},
	}
	for _, c := range cases {
		if got := sentences(c.text); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("sentences(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestSummaryNeverRepeats duplicates an article and checks that the
// summary of its cluster does not give the same sentence twice.
func TestSummaryNeverRepeats(t *testing.T) {
	docs := testutil.SampleDocs(t)
	for i := range 3 {
		d := docs[1]
		d.ID += ".copy" + strings.Repeat("'", i)
		d.Text = strings.ReplaceAll(d.Text, "  ", " ") + "\n"
		docs = append(docs, d)
	}
	vec, x, err := vectorize.FitTransformTexts(corpus.Contents(docs), vectorize.Options{StopWords: vectorize.StopWordsEnglish})
	if err != nil {
		t.Fatal(err)
	}
	bodies := make([]string, len(docs))
	for i, d := range docs {
		bodies[i] = d.Text
	}
	// Two clusters: the articles with the copies of article 1, and the rest.
	clusters := [][]int{{1, 5, 6, 7, 0}, {2, 3, 4}}
	for id, members := range clusters {
		c := struct {
			ID      int
			Summary []Sentence
		}{id, Summary(vec, x, bodies, members, 5)}
		if len(c.Summary) == 0 {
			t.Errorf("cluster %d has no summary", c.ID)
		}
		texts := make([]string, len(c.Summary))
		for k, s := range c.Summary {
			texts[k] = s.Text
			if k > 0 && s.Score > c.Summary[k-1].Score {
				t.Errorf("cluster %d: summary not by score", c.ID)
			}
			if !slices.Contains(members, s.Document) {
				t.Errorf("cluster %d: sentence from document %d, not a member", c.ID, s.Document)
			}
			if s.Score <= 0 || s.Score > 1 {
				t.Errorf("cluster %d: score %g", c.ID, s.Score)
			}
			for _, prev := range c.Summary[:k] {
				if normalizeSentence(prev.Text) == normalizeSentence(s.Text) {
					t.Errorf("cluster %d repeats %q", c.ID, s.Text)
				}
			}
		}
		if len(texts) > 1 {
			x := vec.Transform(texts)
			for a := range texts {
				for b := a + 1; b < len(texts); b++ {
					if cos := sparseDot(x, a, b); cos >= summaryMaxOverlap {
						t.Errorf("cluster %d: sentences %d and %d have cosine %.2f", c.ID, a, b, cos)
					}
				}
			}
		}
	}
}

func TestPhraseSample(t *testing.T) {
	docs := make([]corpus.Document, MaxDocs+10)
	for i := range docs {
		docs[i] = corpus.Document{ID: strconv.Itoa(i), Title: "t" + strconv.Itoa(i), Text: "body"}
	}
	// Small clusters: everything is counted, unchanged.
	small := [][]int{{2, 0}, {1}}
	texts, got := phraseSample(corpus.Contents(docs), small)
	if texts.Len() != len(docs) || !reflect.DeepEqual(got, small) {
		t.Errorf("no cluster above MaxDocs: %d texts, members %v", texts.Len(), got)
	}
	// One cluster too large: its first MaxDocs members (the closest
	// to the centroid) and all of the small one, renumbered in document order.
	big := make([]int, 0, MaxDocs+5)
	for i := MaxDocs + 4; i >= 0; i-- {
		if i != 7 {
			big = append(big, i)
		}
	}
	texts, got = phraseSample(corpus.Contents(docs), [][]int{big, {7, MaxDocs + 9}})
	if texts.Len() != MaxDocs+2 || len(got[0]) != MaxDocs || len(got[1]) != 2 {
		t.Fatalf("%d texts, cluster sizes %d and %d", texts.Len(), len(got[0]), len(got[1]))
	}
	for c, m := range [][]int{big[:MaxDocs], {7, MaxDocs + 9}} {
		for t2, i := range m {
			parts := texts.AppendParts(nil, got[c][t2])
			if want := []string{docs[i].Title, "body"}; !reflect.DeepEqual(parts, want) {
				t.Fatalf("cluster %d member %d: parts %q, want %q", c, t2, parts, want)
			}
		}
	}
}
