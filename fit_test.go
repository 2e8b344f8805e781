package topics_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
	"github.com/topics-dev/topics/report"
)

// config returns DefaultConfig with k clusters.
func config(k int) topics.Config {
	cfg := topics.DefaultConfig()
	cfg.K = k
	// Two power iterations instead of five and 30 dimensions instead of
	// 100: the tests that use this check properties of the pipeline
	// (determinism, round trips, formats), not the accuracy of the SVD
	// (vectorize's goldens do) nor the quality of the clusters at 100
	// dimensions (bench/results.md does), and run faster.
	cfg.PowerIters, cfg.Dims = 2, 30
	return cfg
}

func fit(t *testing.T, docs []corpus.Document, cfg topics.Config) *topics.Model {
	t.Helper()
	m, err := topics.Fit(context.Background(), docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDefaultConfigIsValid(t *testing.T) {
	if err := topics.DefaultConfig().Validate(); err != nil {
		t.Fatalf("DefaultConfig: %v", err)
	}
}

func TestValidateNamesTheField(t *testing.T) {
	for _, c := range []struct {
		field string
		set   func(*topics.Config)
	}{
		{"Dims", func(c *topics.Config) { c.Dims = 0 }},
		{"PowerIters", func(c *topics.Config) { c.PowerIters = -1 }},
		{"K", func(c *topics.Config) { c.K = -2 }},
		{"KMin", func(c *topics.Config) { c.KMin = 1 }},
		{"KMax", func(c *topics.Config) { c.KMin, c.KMax = 5, 4 }},
		{"Restarts", func(c *topics.Config) { c.Restarts = 0 }},
		{"MaxIter", func(c *topics.Config) { c.MaxIter = 0 }},
		{"BatchSize", func(c *topics.Config) { c.BatchSize = -2 }},
		{"DocWeights", func(c *topics.Config) { c.DocWeights = 7 }},
		{"KeyPhrases", func(c *topics.Config) { c.KeyPhrases = -1 }},
		{"LabelPhrases", func(c *topics.Config) { c.LabelPhrases = 0 }},
		{"DropText", func(c *topics.Config) { c.DropText = true }}, // KeyPhrases 10 reads the text
		{"MinDF", func(c *topics.Config) { c.Vectorize.MinDF = -1 }},
		{"MaxDF", func(c *topics.Config) { c.Vectorize.MaxDF = 2.5 }},
		{"StopWords", func(c *topics.Config) { c.Vectorize.StopWords = "klingon" }},
	} {
		cfg := topics.DefaultConfig()
		c.set(&cfg)
		err := cfg.Validate()
		var oe *topics.OptionError
		if !errors.As(err, &oe) || oe.Option != c.field {
			t.Errorf("%s: Validate() = %v, want an OptionError about %s", c.field, err, c.field)
		}
		if _, err := topics.Fit(context.Background(), testutil.SampleDocs(t), cfg); err == nil {
			t.Errorf("%s: Fit accepted the invalid config", c.field)
		}
	}
}

func TestFit(t *testing.T) {
	docs := testutil.SampleDocs(t)
	m := fit(t, docs, config(2))
	res := m.Clusters
	if res.K != 2 || len(m.Members) != 2 || len(m.Themes) != 2 || len(res.Labels) != 5 {
		t.Fatalf("k %d, %d member lists, %d themes, %d labels", res.K, len(m.Members), len(m.Themes), len(res.Labels))
	}
	total := 0
	for c, mem := range m.Members {
		total += len(mem)
		for n, i := range mem {
			if res.Labels[i] != c {
				t.Errorf("member %d of cluster %d has label %d", i, c, res.Labels[i])
			}
			if n > 0 && res.Similarity[i] > res.Similarity[mem[n-1]] {
				t.Errorf("cluster %d: members not ordered by similarity", c)
			}
		}
		th := m.Themes[c]
		if th.Name == "" || len(th.KeyPhrases) == 0 || len(th.KeyPhrases) > 10 {
			t.Errorf("cluster %d theme %+v", c, th)
		}
		if want := strings.Join([]string{th.KeyPhrases[0].Phrase, th.KeyPhrases[1].Phrase, th.KeyPhrases[2].Phrase}, " · "); th.Name != want {
			t.Errorf("cluster %d label %q, want the first three phrases %q", c, th.Name, want)
		}
	}
	if total != 5 || len(m.Warnings) != 0 {
		t.Errorf("%d members, warnings %q", total, m.Warnings)
	}
}

func TestFitWithoutKeyPhrases(t *testing.T) {
	cfg := config(2)
	cfg.KeyPhrases = 0
	m := fit(t, testutil.SampleDocs(t), cfg)
	for c, th := range m.Themes {
		if th.Name != "" || len(th.KeyPhrases) != 0 {
			t.Errorf("cluster %d has a theme without KeyPhrases: %+v", c, th)
		}
	}
}

func TestFitWarnsAboutCappedKAndEmptyDocuments(t *testing.T) {
	docs := append(testutil.SampleDocs(t), corpus.Document{ID: "empty", Text: "a ! ?"})
	m := fit(t, docs, config(9))
	if m.Clusters.K != 5 {
		t.Errorf("k = %d, want 5 (distinct non-empty documents)", m.Clusters.K)
	}
	joined := strings.Join(m.Warnings, "\n")
	if !strings.Contains(joined, "k = 9 requested") || !strings.Contains(joined, "empty") {
		t.Errorf("warnings %q", m.Warnings)
	}
	if !slices.Equal(m.Empty, []int{5}) || m.Clusters.Labels[5] != -1 || m.Clusters.Similarity[5] != 0 {
		t.Errorf("empty document: Empty %v, label %d, similarity %g", m.Empty, m.Clusters.Labels[5], m.Clusters.Similarity[5])
	}
}

// TestFitDropText fits the sample with and without Config.DropText (and no
// key phrases): the clusters, the CSV report and every document's display
// title are the same, the model keeps no text of a titled document and no
// more than DisplayTitle shows of the others, and the caller's documents
// keep their text.
func TestFitDropText(t *testing.T) {
	docs := testutil.SampleDocs(t)
	docs = append(docs, corpus.Document{ID: "untitled", Text: "  " + docs[0].Text})
	cfg := config(2)
	cfg.KeyPhrases = 0
	keep := fit(t, docs, cfg)
	cfg.DropText = true
	drop := fit(t, docs, cfg)
	if !slices.Equal(keep.Clusters.Labels, drop.Clusters.Labels) {
		t.Errorf("labels %v with DropText, %v without", drop.Clusters.Labels, keep.Clusters.Labels)
	}
	csv := func(m *topics.Model) string {
		var b bytes.Buffer
		if err := report.WriteCSV(&b, report.Build(m, report.Options{})); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if a, b := csv(keep), csv(drop); a != b {
		t.Errorf("CSV with DropText:\n%s\nwithout:\n%s", b, a)
	}
	for i, d := range drop.Docs {
		if d.DisplayTitle() != docs[i].DisplayTitle() || d.Title != "" && d.Text != "" || len(d.Text) > len(docs[i].DisplayTitle()) {
			t.Errorf("document %d kept %d bytes of text, display title %q (want %q)", i, len(d.Text), d.DisplayTitle(), docs[i].DisplayTitle())
		}
		if docs[i].Text == "" {
			t.Errorf("document %d: the caller's text was dropped", i)
		}
	}
}

func TestFitErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := topics.Fit(ctx, nil, topics.DefaultConfig()); err == nil {
		t.Error("no error for no documents")
	}
	empty := []corpus.Document{{ID: "a", Text: "!"}, {ID: "b", Text: "?"}}
	if _, err := topics.Fit(ctx, empty, config(1)); err == nil {
		t.Error("no error when no document has a term")
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := topics.Fit(done, testutil.SampleDocs(t), config(2)); !errors.Is(err, context.Canceled) {
		t.Errorf("Fit with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestFitIsDeterministic(t *testing.T) {
	docs := testutil.BBC300(t)
	cfg := config(5)
	cfg.Seed = 3
	a, b := fit(t, docs, cfg), fit(t, docs, cfg)
	if !slices.Equal(a.Clusters.Labels, b.Clusters.Labels) || !slices.Equal(a.Clusters.Similarity, b.Clusters.Similarity) {
		t.Error("same seed, different clusterings")
	}
	for c := range a.Themes {
		if !slices.Equal(a.Themes[c].KeyPhrases, b.Themes[c].KeyPhrases) {
			t.Errorf("same seed, different key phrases for cluster %d", c)
		}
	}
}

// Fit reports every step, and the counts add up to the totals, which
// count each document once.
func TestFitProgress(t *testing.T) {
	rec := &recorder{}
	cfg := config(5)
	cfg.Restarts, cfg.Progress = 3, rec
	fit(t, testutil.BBC300(t), cfg)
	// The randomized SVD makes 2q+3 passes over the matrix for q power iterations.
	lsa := fmt.Sprintf("LSA %d/%[1]d", 2*cfg.PowerIters+3)
	want := []string{"tokenize 300/300", lsa, "k-means 3/3", "key phrases 300/300"}
	if got := rec.steps; strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("steps %q, want %q", got, want)
	}
}

// recorder is a Progress that records each step's units done and total.
type recorder struct {
	mu    sync.Mutex
	cur   string
	total int64
	done  int64
	steps []string
}

func (r *recorder) Start(step string, total int64, unit string) {
	r.Finish()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cur, r.total, r.done = step, total, 0
}

func (r *recorder) Add(n int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done += n
}

func (r *recorder) Finish() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur != "" {
		r.steps = append(r.steps, fmt.Sprintf("%s %d/%d", r.cur, r.done, r.total))
		r.cur = ""
	}
}

// TestFitLevels chooses k on bbc300 and checks the hierarchy: every
// cluster has a parent among CoarseK groups, the tree merges the K
// clusters, and the groups' themes exist when there are fewer groups.
func TestFitLevels(t *testing.T) {
	m := fit(t, testutil.BBC300(t), config(0))
	k := m.Clusters.K
	if m.Levels == nil || len(m.Parent) != k || m.Tree == nil || len(m.Tree.Merges) != k-1 {
		t.Fatalf("levels %v, %d parents, tree %v for k = %d", m.Levels != nil, len(m.Parent), m.Tree, k)
	}
	ck := m.CoarseK()
	if ck < 1 || ck > k {
		t.Fatalf("%d coarse groups for %d clusters", ck, k)
	}
	if (ck < k) != (m.ParentThemes != nil) || m.ParentThemes != nil && len(m.ParentThemes) != ck {
		t.Errorf("%d groups of %d clusters with %d group themes", ck, k, len(m.ParentThemes))
	}
	total := 0
	for _, mem := range m.ParentMembers() {
		total += len(mem)
	}
	if total != len(m.Docs)-len(m.Empty) {
		t.Errorf("the groups hold %d documents, want %d", total, len(m.Docs)-len(m.Empty))
	}
	m2 := fit(t, testutil.BBC300(t), config(6))
	if m2.Levels != nil || m2.CoarseK() != 6 || len(m2.Tree.Merges) != 5 {
		t.Errorf("k = 6 given: levels %v, %d groups, %d merges; want none, 6, 5", m2.Levels != nil, m2.CoarseK(), len(m2.Tree.Merges))
	}
}

// TestFitFromTree cuts the tree of a finer clustering at k: k groups that
// partition the documents, and an error without k.
func TestFitFromTree(t *testing.T) {
	cfg := config(3)
	cfg.FromTree = true
	m := fit(t, testutil.BBC300(t), cfg)
	if m.Clusters.K != 3 || len(m.Members) != 3 {
		t.Fatalf("k %d, %d member lists", m.Clusters.K, len(m.Members))
	}
	n := 0
	for c, mem := range m.Members {
		n += len(mem)
		if len(mem) != m.Clusters.Sizes[c] || c > 0 && len(mem) > len(m.Members[c-1]) {
			t.Errorf("cluster %d: %d members, size %d", c, len(mem), m.Clusters.Sizes[c])
		}
	}
	if n != 300 {
		t.Errorf("%d documents in the groups, want 300", n)
	}
	cfg.K = 0
	if _, err := topics.Fit(context.Background(), testutil.BBC300(t), cfg); err == nil {
		t.Error("FromTree without K gives no error")
	}
}
