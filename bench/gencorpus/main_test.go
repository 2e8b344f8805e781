package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/topics-dev/topics/internal/testutil"
)

const testCorpus = "../../testdata/bbc300.jsonl.gz"

// generate runs the command with args plus an output file and returns the uncompressed output.
func generate(t *testing.T, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.jsonl.gz")
	var stderr bytes.Buffer
	if err := run(append(args, "-o", out), &stderr); err != nil {
		t.Fatalf("run %q: %v\n%s", args, err, stderr.String())
	}
	return testutil.Gunzip(t, out)
}

func parse(t *testing.T, data []byte) []Record {
	t.Helper()
	var recs []Record
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", len(recs)+1, err)
		}
		recs = append(recs, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return recs
}

// shingles returns the set of lowercased word 5-shingles of s.
func shingles(s string) map[string]bool {
	w := strings.Fields(strings.ToLower(s))
	set := map[string]bool{}
	for i := 0; i+5 <= len(w); i++ {
		set[strings.Join(w[i:i+5], " ")] = true
	}
	return set
}

func jaccard(a, b string) float64 {
	sa, sb := shingles(a), shingles(b)
	inter := 0
	for s := range sa {
		if sb[s] {
			inter++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 1
	}
	return float64(inter) / float64(union)
}

func TestGenerate(t *testing.T) {
	const n = 1200
	args := []string{"-n", "1200", "-seed", "7", "-dup", "0.05", "-in", testCorpus}
	data := generate(t, append(args, "-workers", "2")...)

	t.Run("deterministic", func(t *testing.T) {
		small := []string{"-n", "300", "-seed", "7", "-dup", "0.05", "-in", testCorpus}
		one, two := generate(t, append(small, "-workers", "1")...), generate(t, append(small, "-workers", "2")...)
		if !bytes.Equal(one, two) {
			t.Error("two runs with the same seed (1 and 2 workers) wrote different bytes")
		}
		small[3] = "8"
		if other := generate(t, append(small, "-workers", "2")...); bytes.Equal(two, other) {
			t.Error("seeds 7 and 8 wrote the same bytes")
		}
	})

	recs := parse(t, data)
	if len(recs) != n {
		t.Fatalf("got %d documents, want %d", len(recs), n)
	}
	index := map[string]int{}
	texts := map[string]string{}
	for i, r := range recs {
		if want := docID(i); r.ID != want {
			t.Fatalf("document %d has id %q, want %q", i, r.ID, want)
		}
		index[r.ID] = i
		if r.Label == "" || r.Source != "bbc300.jsonl.gz" {
			t.Errorf("%s: label %q, source %q", r.ID, r.Label, r.Source)
		}
		if prev, ok := texts[r.Text]; ok {
			t.Errorf("%s has the same text as %s", r.ID, prev)
		}
		texts[r.Text] = r.ID
	}

	var dups []Record
	for _, r := range recs {
		if r.DupOf != "" {
			dups = append(dups, r)
		}
	}
	// 1,200 Bernoulli(0.05) draws: 60 expected, standard deviation about 7.5 (a share of 0.0063).
	if share := float64(len(dups)) / n; share < 0.031 || share > 0.069 {
		t.Errorf("planted share %.3f (%d), want 0.05 within 0.019 (3 sd)", share, len(dups))
	}

	minDup := 1.0
	for _, r := range dups {
		j, ok := index[r.DupOf]
		if !ok || j >= index[r.ID] {
			t.Errorf("%s: dup_of %q is not an earlier document", r.ID, r.DupOf)
			continue
		}
		orig := recs[j]
		if orig.Label != r.Label {
			t.Errorf("%s: label %q differs from its original's %q", r.ID, r.Label, orig.Label)
		}
		minDup = min(minDup, jaccard(r.Text, orig.Text))
	}
	// An edit of 3-6% of the words keeps about 0.95^5 of the 5-shingles: Jaccard about 0.6-0.85.
	if minDup < 0.5 {
		t.Errorf("smallest Jaccard of a planted pair %.3f, want >= 0.5", minDup)
	}

	// Neighbouring documents that are not planted pairs, many from the same source document
	// (1,200 documents from 300 sources).
	maxRandom, pairs := 0.0, 0
	for i := 1; i < len(recs); i++ {
		a, b := recs[i-1], recs[i]
		if a.DupOf != "" || b.DupOf != "" {
			continue
		}
		maxRandom = max(maxRandom, jaccard(a.Text, b.Text))
		pairs++
	}
	if pairs < 900 || maxRandom > 0.2 {
		t.Errorf("largest Jaccard of %d unplanted neighbour pairs %.3f, want <= 0.2", pairs, maxRandom)
	}
	t.Logf("%d planted pairs, smallest Jaccard %.3f; %d other pairs, largest %.3f", len(dups), minDup, pairs, maxRandom)
}

// TestSameSource checks that documents generated from one source document are far from each other.
func TestSameSource(t *testing.T) {
	s, err := LoadSources([]string{testCorpus}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s.docs = s.docs[:1] // every document from the same source
	opt := DefaultOptions()
	opt.Dup = 0
	worst := 0.0
	prev := s.Doc(0, opt).Text
	for i := 1; i < 200; i++ {
		text := s.Doc(i, opt).Text
		worst = max(worst, jaccard(prev, text))
		prev = text
	}
	if worst > 0.3 {
		t.Errorf("largest Jaccard between two documents of one source %.3f, want <= 0.3", worst)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no output", []string{"-in", testCorpus}, "-o is required"},
		{"dup share", []string{"-in", testCorpus, "-dup", "1", "-o", "x.gz"}, "-dup 1"},
		{"missing file", []string{"-in", "no-such.jsonl.gz", "-o", "x.gz"}, "no-such"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := run(tc.args, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	s, err := LoadSources([]string{testCorpus}, DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	opt := DefaultOptions()
	opt.N = 1000
	var st Stats
	for b.Loop() {
		st, err = s.Generate(io.Discard, opt)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(st.Bytes)
}
