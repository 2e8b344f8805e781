package vectorize_test

import (
	"fmt"
	"hash/fnv"
	"slices"
	"testing"

	"github.com/topics-dev/topics/vectorize"
)

// fmix64 is MurmurHash3's finalizer, written out here independently of the
// package.
func fmix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9a62c1b27e5
	h ^= h >> 33
	return h
}

// refHash is the documented shingle hash computed with the standard
// library's FNV-1a.
func refHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return fmix64(h.Sum64())
}

func refSet(shingles ...string) []uint64 {
	out := make([]uint64, len(shingles))
	for i, s := range shingles {
		out[i] = refHash(s)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestShingles(t *testing.T) {
	cases := []struct {
		name string
		text string
		n    int
		want []uint64
	}{
		{"empty", "", 3, nil},
		{"no tokens", "a ! b ?", 2, nil},
		{"fewer tokens than n", "Hello, World", 5, refSet("hello world")},
		{"words", "The cat sat on the mat", 3, refSet("the cat sat", "cat sat on", "sat on the", "on the mat")},
		{"repeats counted once", "go go go go", 2, refSet("go go")},
		{"case and punctuation ignored", "THE cat—sat; on THE mat!", 3, refSet("the cat sat", "cat sat on", "sat on the", "on the mat")},
		{"stop words kept, single letters dropped", "a bank and a loan", 2, refSet("bank and", "and loan")},
		{"unigrams", "b2 c3 b2", 1, refSet("b2", "c3")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := vectorize.Shingles(c.text, c.n)
			if !slices.Equal(got, c.want) {
				t.Errorf("Shingles(%q, %d) = %v, want %v", c.text, c.n, got, c.want)
			}
		})
	}
}

func TestShingleHashReference(t *testing.T) {
	for _, s := range []string{"", "the cat sat", "naïve café"} {
		if got, want := vectorize.ShingleHash(s), refHash(s); got != want {
			t.Errorf("ShingleHash(%q) = %#x, want %#x", s, got, want)
		}
	}
	// A fixed value, so that any change of the hash (which would change
	// which pairs the LSH proposes) is noticed.
	if got := vectorize.ShingleHash("the cat sat"); got != 0xda905971a8f83a07 {
		t.Errorf("ShingleHash(\"the cat sat\") = %#x, want 0xda905971a8f83a07", got)
	}
}

func TestShinglesPanicsOnZero(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for n = 0")
		}
	}()
	vectorize.Shingles("a text", 0)
}

func FuzzShingles(f *testing.F) {
	f.Add("The cat sat on the mat", 3)
	f.Add("İstanbul ΣΑΣ", 1)
	f.Fuzz(func(t *testing.T, text string, n int) {
		if n < 1 || n > 8 {
			return
		}
		s := vectorize.Shingles(text, n)
		for i := 1; i < len(s); i++ {
			if s[i] <= s[i-1] {
				t.Fatalf("not sorted without repeats: %v", s)
			}
		}
		if len(s) > 0 && len(vectorize.Shingles(text, 1)) == 0 {
			t.Fatal("shingles without tokens")
		}
	})
}

func ExampleShingles() {
	a := vectorize.Shingles("Rebels seized the northern town of Goma on Tuesday.", 3)
	b := vectorize.Shingles("Rebels seized the northern town of Goma late on Tuesday", 3)
	shared := 0
	for _, h := range a {
		if _, ok := slices.BinarySearch(b, h); ok {
			shared++
		}
	}
	fmt.Printf("%d and %d shingles, %d shared\n", len(a), len(b), shared)
	// Output: 7 and 8 shingles, 5 shared
}

// TestAppendShingles checks that AppendShingles appends, in text order with
// repeats, the hashes that Shingles returns sorted without repeats.
func TestAppendShingles(t *testing.T) {
	text := "the cat sat on the mat and the cat sat on the hat"
	prefix := []uint64{42}
	got := vectorize.AppendShingles(prefix, text, 2)
	if got[0] != 42 || len(got) != 1+12 { // 13 tokens: 12 bigrams
		t.Fatalf("AppendShingles gave %d values starting %d, want 42 then 12 bigrams", len(got), got[0])
	}
	if got[1] != vectorize.ShingleHash("the cat") || got[12] != vectorize.ShingleHash("the hat") {
		t.Error("AppendShingles: hashes not in text order")
	}
	set := slices.Clone(got[1:])
	slices.Sort(set)
	if set = slices.Compact(set); !slices.Equal(set, vectorize.Shingles(text, 2)) {
		t.Errorf("AppendShingles sorted %v, Shingles %v", set, vectorize.Shingles(text, 2))
	}
	if out := vectorize.AppendShingles(prefix, "a .", 3); len(out) != 1 {
		t.Errorf("no tokens: AppendShingles appended %v", out[1:])
	}
}

// AppendShinglesParts of a title and a body must give the hashes that
// AppendShingles gives of the two joined by a newline (what
// corpus.Document.Content makes of them), in the same order.
func FuzzShinglesParts(f *testing.F) {
	f.Add("Talks resume", "The talks resumed on Monday.", 5)
	f.Add("ΟΔΟΣ", "Σ and İstanbul", 2)
	f.Add("a", "", 3)
	f.Add("", "one two", 1)
	f.Add("word Σ", "\u0301Σx", 2)
	f.Fuzz(func(t *testing.T, title, body string, n int) {
		if n < 1 || n > 8 {
			return
		}
		got := vectorize.AppendShinglesParts(nil, []string{title, body}, n)
		want := vectorize.AppendShingles(nil, title+"\n"+body, n)
		if !slices.Equal(got, want) {
			t.Fatalf("parts %q, %q: %d hashes, joined: %d", title, body, len(got), len(want))
		}
	})
}

func ExampleShingleCounter() {
	docs := [][]string{
		{"Rebels seize Goma", "Rebels seized the northern town of Goma on Tuesday."},
		{"Goma falls", "Rebels seized the northern town of Goma late on Tuesday."},
	}
	opt := vectorize.Options{StopWords: vectorize.StopWordsEnglish}
	c, err := vectorize.NewShingleCounter(opt, 3)
	if err != nil {
		panic(err)
	}
	for _, parts := range docs {
		s := c.AppendShingles(nil, parts, true)
		fmt.Println(len(s), "shingles")
	}
	counts := c.Counts()
	v, err := vectorize.FitCounts(counts, opt)
	if err != nil {
		panic(err)
	}
	fmt.Println(counts.Docs, "documents,", v.NumTerms(), "terms")
	// Output:
	// 10 shingles
	// 10 shingles
	// 2 documents, 9 terms
}
