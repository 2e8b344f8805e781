package report

import (
	"bytes"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	snowball "github.com/kljensen/snowball/english"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// TestSampleKeyPhrases checks, on the built-in sample clustered as by
// default, that "safe havens" and "supply routes" are key phrases of the
// clusters of the articles that write them (article 000 spells
// "safe-havens", 004 "supply route"; 002's "safehavens" is another word).
func TestSampleKeyPhrases(t *testing.T) {
	docs := sampleDocs(t)
	r := sampleReport(t)
	for _, c := range []struct {
		phrase string
		in     *regexp.Regexp
	}{
		{"safe havens", regexp.MustCompile(`(?i)\bsafe[- ]havens?\b`)},
		{"supply routes", regexp.MustCompile(`(?i)\bsupply routes?\b`)},
	} {
		found := 0
		for i, d := range docs {
			if !c.in.MatchString(d.Content()) {
				continue
			}
			found++
			cl := r.Clusters[r.Assignments[i].Cluster]
			var phrases []string
			for _, p := range cl.KeyPhrases {
				phrases = append(phrases, p.Phrase)
			}
			if !slices.Contains(phrases, c.phrase) {
				t.Errorf("%s mentions %q but the key phrases of its cluster %d are %q", d.ID, c.phrase, cl.ID, phrases)
			}
		}
		if found == 0 {
			t.Errorf("no article mentions %q", c.phrase)
		}
	}
}

// TestKeyPhrasesAreNotParts checks that no cluster lists a phrase together
// with a part of it or an overlapping one, and that labels are made of the
// first key phrases.
func TestKeyPhrasesAreNotParts(t *testing.T) {
	r := Build(fitBBC(t, 5), BuildOptions{})
	for _, c := range r.Clusters {
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

func fitBBC(t *testing.T, k int) *Model {
	t.Helper()
	cfg := Config{K: k, Vectorize: defaultVectorize()}
	cfg.Vectorize.MinDF = 2
	m, err := Fit(bbc300(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestPhraseCandidates checks how texts become phrases: runs of content
// words cut at stop words, punctuation, numbers and reporting verbs, joined
// across hyphens, compared by stems and shown in their commonest form.
func TestPhraseCandidates(t *testing.T) {
	texts := []string{
		"Pakistan closed a supply route. The supply routes reopened; supply routes matter.",
		"Officials say Pakistan wants safe-havens closed, 2011 trucks waited.",
	}
	pc, err := newPhraseCorpus(vectorize.Strings(texts))
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
	docs := sampleDocs(t)
	for i := range 3 {
		d := docs[1]
		d.ID += ".copy" + strings.Repeat("'", i)
		d.Text = strings.ReplaceAll(d.Text, "  ", " ") + "\n"
		docs = append(docs, d)
	}
	m, err := Fit(docs, Config{K: 2, Vectorize: defaultVectorize()})
	if err != nil {
		t.Fatal(err)
	}
	r := Build(m, BuildOptions{Summary: 5})
	for _, c := range r.Clusters {
		if len(c.Summary) == 0 {
			t.Errorf("cluster %d has no summary", c.ID)
		}
		texts := make([]string, len(c.Summary))
		for k, s := range c.Summary {
			texts[k] = s.Text
			if k > 0 && s.Score > c.Summary[k-1].Score {
				t.Errorf("cluster %d: summary not by score", c.ID)
			}
			if r.Assignments[s.Document].Cluster != c.ID {
				t.Errorf("cluster %d: sentence from document %d of cluster %d", c.ID, s.Document, r.Assignments[s.Document].Cluster)
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
			x := m.Vectorizer.Transform(texts)
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

func TestClusterNeighbours(t *testing.T) {
	r := Build(fitBBC(t, 5), BuildOptions{Nearest: 2})
	if len(r.ClusterSimilarity) != r.K {
		t.Fatalf("%d rows of cluster similarity for k = %d", len(r.ClusterSimilarity), r.K)
	}
	for a, row := range r.ClusterSimilarity {
		if row[a] != 1 {
			t.Errorf("diagonal %g", row[a])
		}
		for b, v := range row {
			if v != r.ClusterSimilarity[b][a] || v < -1 || v > 1 {
				t.Errorf("similarity[%d][%d] = %g, [%d][%d] = %g", a, b, v, b, a, r.ClusterSimilarity[b][a])
			}
		}
		near := r.Clusters[a].Nearest
		if len(near) != 2 || near[0].Cluster == a || near[0].Similarity < near[1].Similarity {
			t.Errorf("cluster %d nearest %+v", a, near)
		}
		for b := range row {
			if b != a && b != near[0].Cluster && row[b] > near[0].Similarity {
				t.Errorf("cluster %d: %d is closer than its nearest %d", a, b, near[0].Cluster)
			}
		}
		if reps := r.Clusters[a].Representatives; len(reps) != 3 || !slices.Equal(reps, r.Clusters[a].Members[:3]) {
			t.Errorf("cluster %d representatives %v", a, reps)
		}
	}
}

func TestViews(t *testing.T) {
	m := fitBBC(t, 5)
	r := Build(m, BuildOptions{HeatmapDocs: 50})
	v := r.Views
	if len(v.Heatmap) != 50 || v.HeatmapOf != 300 || len(v.HeatmapSim) != 2500 {
		t.Fatalf("heat map of %d documents (of %d), %d values", len(v.Heatmap), v.HeatmapOf, len(v.HeatmapSim))
	}
	prev := -1
	for k, i := range v.Heatmap {
		c := r.Assignments[i].Cluster
		if c < prev {
			t.Errorf("heat map not ordered by cluster at %d", k)
		}
		prev = c
		if math.Abs(v.HeatmapSim[k*50+k]-1) > 1e-9 {
			t.Errorf("self-similarity %g", v.HeatmapSim[k*50+k])
		}
	}
	if len(v.Map) != 300 || v.MapVariance[0] < v.MapVariance[1] || v.MapVariance[1] <= 0 || v.MapVariance[0]+v.MapVariance[1] > 1 {
		t.Errorf("map of %d points, variance %v", len(v.Map), v.MapVariance)
	}
	r2 := Build(m, BuildOptions{})
	if len(r2.Views.Heatmap) != 300 {
		t.Errorf("all 300 documents fit the default cap, got %d", len(r2.Views.Heatmap))
	}
}

func TestHeatmapSample(t *testing.T) {
	members := [][]int{make([]int, 500), make([]int, 300), make([]int, 195), make([]int, 5)}
	next := 0
	for _, m := range members {
		for j := range m {
			m[j] = next
			next++
		}
	}
	for _, limit := range []int{3, 10, 300, 999, 1000, 5000} {
		got := heatmapSample(members, limit)
		if want := min(limit, 1000); len(got) != want {
			t.Errorf("limit %d: %d documents, want %d", limit, len(got), want)
		}
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("limit %d: not ordered or repeated", limit)
		}
		if limit >= 4 {
			for c, m := range members {
				n := 0
				for _, i := range got {
					if i >= m[0] && i <= m[len(m)-1] {
						n++
					}
				}
				share := float64(limit) * float64(len(m)) / 1000
				if n < 1 || math.Abs(float64(n)-min(share, float64(len(m)))) > 1.5 {
					t.Errorf("limit %d: cluster %d (size %d) has %d documents", limit, c, len(m), n)
				}
			}
		}
	}
}

func TestPCAMap(t *testing.T) {
	// Points on a line along (3, 4)/5 with a little spread along (4, -3)/5.
	x := mat.NewDense(5, 2, nil)
	for i, tt := range []float64{-2, -1, 0, 1, 2} {
		s := 0.1 * float64(i%2*2-1)
		x.SetRow(i, []float64{0.6*tt + 0.8*s, 0.8*tt - 0.6*s})
	}
	pts, share := pcaMap(x, []int{0, 1, 2, 3, 4})
	if share[0] < 0.99 || share[0]+share[1] < 1-1e-9 {
		t.Errorf("variance shares %v", share)
	}
	for i, tt := range []float64{-2, -1, 0, 1, 2} {
		if math.Abs(pts[i].X-tt) > 0.05 {
			t.Errorf("point %d at %v, want x ≈ %g", i, pts[i], tt)
		}
	}
	pts, share = pcaMap(x, []int{2})
	if share != [2]float64{} || pts[2] != (Point{}) {
		t.Errorf("one point: %v %v", pts, share)
	}
}

func TestBuildDefaultsAndLimits(t *testing.T) {
	docs := append(sampleDocs(t), corpus.Document{ID: "empty", Text: "!"})
	m, err := Fit(docs, Config{K: 2, Vectorize: defaultVectorize()})
	if err != nil {
		t.Fatal(err)
	}
	r := Build(m, BuildOptions{KeyPhrases: 2, LabelPhrases: 1, Summary: -1, Representatives: 1, Nearest: 1})
	for _, c := range r.Clusters {
		if len(c.KeyPhrases) != 2 || strings.Contains(c.Label, LabelSeparator) || c.Label != c.KeyPhrases[0].Phrase {
			t.Errorf("cluster %d: %d phrases, label %q", c.ID, len(c.KeyPhrases), c.Label)
		}
		if len(c.Summary) != 0 || c.Summary == nil || len(c.Representatives) != 1 || len(c.Nearest) != 1 {
			t.Errorf("cluster %d: summary %v, representatives %v, nearest %v", c.ID, c.Summary, c.Representatives, c.Nearest)
		}
	}
	if p := r.Views.Map[len(docs)-1]; p != (Point{}) {
		t.Errorf("unclustered document at %v, want the origin", p)
	}
}

func TestPhraseSample(t *testing.T) {
	docs := make([]corpus.Document, MaxPhraseDocs+10)
	for i := range docs {
		docs[i] = corpus.Document{ID: strconv.Itoa(i), Title: "t" + strconv.Itoa(i), Text: "body"}
	}
	// Small clusters: everything is counted, unchanged.
	small := [][]int{{2, 0}, {1}}
	texts, got := phraseSample(docs, small)
	if texts.Len() != len(docs) || !reflect.DeepEqual(got, small) {
		t.Errorf("no cluster above MaxPhraseDocs: %d texts, members %v", texts.Len(), got)
	}
	// One cluster too large: its first MaxPhraseDocs members (the closest
	// to the centroid) and all of the small one, renumbered in document order.
	big := make([]int, 0, MaxPhraseDocs+5)
	for i := MaxPhraseDocs + 4; i >= 0; i-- {
		if i != 7 {
			big = append(big, i)
		}
	}
	texts, got = phraseSample(docs, [][]int{big, {7, MaxPhraseDocs + 9}})
	if texts.Len() != MaxPhraseDocs+2 || len(got[0]) != MaxPhraseDocs || len(got[1]) != 2 {
		t.Fatalf("%d texts, cluster sizes %d and %d", texts.Len(), len(got[0]), len(got[1]))
	}
	for c, m := range [][]int{big[:MaxPhraseDocs], {7, MaxPhraseDocs + 9}} {
		for t2, i := range m {
			parts := texts.AppendParts(nil, got[c][t2])
			if want := []string{docs[i].Title, "body"}; !reflect.DeepEqual(parts, want) {
				t.Fatalf("cluster %d member %d: parts %q, want %q", c, t2, parts, want)
			}
		}
	}
}

// SkipThemes leaves key phrases, labels and summaries out and changes
// nothing else.
func TestBuildSkipThemes(t *testing.T) {
	docs, err := corpus.Read("../testdata/bbc300.jsonl.gz", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Fit(docs, Config{K: 5})
	if err != nil {
		t.Fatal(err)
	}
	full, lean := Build(m, BuildOptions{}), Build(m, BuildOptions{SkipThemes: true})
	for c, cl := range lean.Clusters {
		if len(cl.KeyPhrases) != 0 || cl.Label != "" || len(cl.Summary) != 0 {
			t.Errorf("cluster %d: themes built: %d phrases, label %q, %d sentences", c, len(cl.KeyPhrases), cl.Label, len(cl.Summary))
		}
		if f := full.Clusters[c]; f.Label == "" || len(f.Summary) == 0 {
			t.Errorf("cluster %d: no themes without SkipThemes", c)
		}
	}
	var a, b bytes.Buffer
	if err := WriteCSV(&a, full); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&b, lean); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("CSV differs with SkipThemes")
	}
}
