package pipeline

import (
	"reflect"
	"testing"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// TestAddCounts checks that the counts of parts of a corpus, added by
// addCounts in any grouping, are the counts of the whole corpus.
func TestAddCounts(t *testing.T) {
	docs, err := corpus.Read(bbc300, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opt := vectorize.Options{StopWords: vectorize.StopWordsEnglish, NGramMin: 1, NGramMax: 2}
	count := func(d []corpus.Document) vectorize.TermCounts {
		c, err := vectorize.CountTerms(corpus.Contents(d), opt)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	want := count(docs)
	a, b, c := count(docs[:7]), count(docs[7:150]), count(docs[150:])
	for name, got := range map[string]vectorize.TermCounts{
		"(a+b)+c":   addCounts(addCounts(a, b), c),
		"a+(c+b)":   addCounts(a, addCounts(c, b)),
		"0+(a+b+c)": addCounts(vectorize.TermCounts{}, addCounts(addCounts(a, b), c)),
		"(c+a)+b+0": addCounts(addCounts(addCounts(c, a), b), vectorize.TermCounts{}),
	} {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d documents, %d terms; want %d documents, %d terms", name, got.Docs, len(got.Terms), want.Docs, len(want.Terms))
		}
	}
}
