package topics_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
)

// savedModel fits docs with k clusters and returns the model's saved form
// (with an index) and the fitted Model.
func savedModel(t *testing.T, docs []corpus.Document, k int) (*topics.SavedModel, *topics.Model) {
	t.Helper()
	m := fit(t, docs, config(k))
	opt := topics.DefaultSaveOptions()
	opt.Index = true
	s, err := m.Saved(opt)
	if err != nil {
		t.Fatal(err)
	}
	return s, m
}

func encode(t *testing.T, s *topics.SavedModel) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func load(data []byte) (*topics.SavedModel, error) {
	return topics.Load(bytes.NewReader(data), "mem", int64(len(data)))
}

func TestSavedModelRoundTrip(t *testing.T) {
	m := fit(t, testutil.BBC300(t), config(5)) // Saved only reads the model
	for _, index := range []bool{false, true} {
		s, err := m.Saved(topics.SaveOptions{Index: index, IndexTerms: 32})
		if err != nil {
			t.Fatal(err)
		}
		data := encode(t, s)
		if again := encode(t, s); !bytes.Equal(data, again) {
			t.Error("two encodings of one model differ")
		}
		got, err := load(data)
		if err != nil {
			t.Fatal(err)
		}
		v, w := s.Vectorizer, got.Vectorizer
		if !reflect.DeepEqual(v.Options(), w.Options()) || v.NumDocs() != w.NumDocs() ||
			!slices.Equal(v.Vocabulary(), w.Vocabulary()) || !slices.Equal(v.DocFreq(), w.DocFreq()) ||
			!slices.Equal(v.IDF(), w.IDF()) {
			t.Error("vectorizer differs after the round trip")
		}
		if !mat.Equal(s.LSA.Components(), got.LSA.Components()) ||
			!slices.Equal(s.LSA.SingularValues(), got.LSA.SingularValues()) ||
			!slices.Equal(s.LSA.ExplainedVarianceRatio(), got.LSA.ExplainedVarianceRatio()) ||
			s.LSA.KeepScale() != got.LSA.KeepScale() {
			t.Error("LSA differs after the round trip")
		}
		if !mat.Equal(s.Centroids, got.Centroids) || len(s.Themes) != len(got.Themes) {
			t.Fatal("centroids differ after the round trip")
		}
		for c := range s.Themes {
			if s.Themes[c].Name != got.Themes[c].Name || !slices.Equal(s.Themes[c].KeyPhrases, got.Themes[c].KeyPhrases) {
				t.Errorf("theme %d: %+v, want %+v", c, got.Themes[c], s.Themes[c])
			}
			if s.Themes[c].Name == "" {
				t.Errorf("theme %d has no label", c)
			}
		}
		if (got.Index != nil) != index {
			t.Fatalf("index present: %v, want %v", got.Index != nil, index)
		}
		if index {
			a, b := s.Index, got.Index
			if !slices.Equal(a.IDs, b.IDs) || !slices.Equal(a.Titles, b.Titles) || !mat.Equal(a.Vectors, b.Vectors) {
				t.Error("index differs after the round trip")
			}
			for i := range a.Terms {
				if !slices.Equal(a.Terms[i].Columns, b.Terms[i].Columns) || !slices.Equal(a.Terms[i].Weights, b.Terms[i].Weights) {
					t.Fatalf("index terms of document %d differ after the round trip", i)
				}
			}
		}
	}
}

func TestAssignReproducesFit(t *testing.T) {
	empty := corpus.Document{ID: "empty", Text: "qqqq zzzz"}
	for _, tc := range []struct {
		name string
		docs []corpus.Document
		k    int
	}{
		{"sample k=2", testutil.SampleDocs(t), 2},
		{"sample with an empty document", append(testutil.SampleDocs(t), empty), 3},
		{"bbc300 k=5", testutil.BBC300(t), 5},
		{"bbc300 k=12", testutil.BBC300(t), 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, m := savedModel(t, tc.docs, tc.k)
			got, err := s.Assign(tc.docs, topics.AssignOptions{})
			if err != nil {
				t.Fatal(err)
			}
			res := m.Clusters
			for i, p := range got {
				if p.ID != tc.docs[i].ID || p.Cluster != res.Labels[i] || math.Abs(p.Similarity-res.Similarity[i]) > 1e-12 {
					t.Errorf("document %d: %s in %d (%.15f), fitted in %d (%.15f)",
						i, p.ID, p.Cluster, p.Similarity, res.Labels[i], res.Similarity[i])
				}
				if p.Cluster >= 0 && p.Theme != s.Themes[p.Cluster].Name {
					t.Errorf("document %d: label %q, want %q", i, p.Theme, s.Themes[p.Cluster].Name)
				}
			}
			// One at a time gives the same as the batch.
			for i, d := range tc.docs {
				one, err := s.Assign([]corpus.Document{d}, topics.AssignOptions{Neighbors: 3})
				if err != nil {
					t.Fatal(err)
				}
				if one[0].Cluster != got[i].Cluster || one[0].Similarity != got[i].Similarity {
					t.Errorf("document %d alone: %+v, in the batch %+v", i, one[0], got[i])
				}
				// The document itself (or an exact duplicate) comes first.
				if res.Labels[i] >= 0 && (len(one[0].Neighbors) == 0 || one[0].Neighbors[0].Similarity < 1-1e-9) {
					t.Errorf("document %d: nearest indexed documents %+v, want itself first", i, one[0].Neighbors)
				}
			}
		})
	}
}

func TestAssignErrors(t *testing.T) {
	docs := testutil.SampleDocs(t)
	s, err := fit(t, docs, config(2)).Saved(topics.DefaultSaveOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fn   func() error
	}{
		{"neighbours without index", func() error { _, err := s.Assign(docs, topics.AssignOptions{Neighbors: 2}); return err }},
		{"negative neighbours", func() error { _, err := s.Assign(docs, topics.AssignOptions{Neighbors: -1}); return err }},
		{"query without index", func() error { _, err := s.Query("pakistan", topics.DefaultQueryOptions()); return err }},
		{"unclustered model", func() error { _, err := (&topics.Model{}).Saved(topics.DefaultSaveOptions()); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.fn(); err == nil || !strings.HasPrefix(err.Error(), "topics: ") {
				t.Errorf("error %v, want one starting with \"topics: \"", err)
			}
		})
	}
}

func TestQuery(t *testing.T) {
	docs := testutil.BBC300(t)
	s, _ := savedModel(t, docs, 5)
	got, err := s.Query(docs[7].Content(), topics.QueryOptions{N: 4, Terms: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0].ID != docs[7].ID || math.Abs(got[0].Similarity-1) > 1e-9 {
		t.Fatalf("query by document 7's text: %+v, want document 7 first with similarity 1", got)
	}
	for i, m := range got {
		if i > 0 && m.Similarity > got[i-1].Similarity {
			t.Errorf("match %d is more similar than match %d", i, i-1)
		}
		if len(m.Terms) == 0 || len(m.Terms) > 3 {
			t.Errorf("match %d has %d terms, want 1 to 3", i, len(m.Terms))
		}
		var sum float64
		for k, ts := range m.Terms {
			if k > 0 && ts.Share > m.Terms[k-1].Share {
				t.Errorf("match %d: terms not by decreasing share: %+v", i, m.Terms)
			}
			sum += ts.Share
		}
		if sum > 1+1e-12 {
			t.Errorf("match %d: shares sum to %g", i, sum)
		}
	}
	if _, err := s.Query("qqqq zzzz", topics.DefaultQueryOptions()); err == nil {
		t.Error("a query with no known term gives no error")
	}
}

func TestLoadErrors(t *testing.T) {
	s, _ := savedModel(t, testutil.SampleDocs(t), 2)
	good := encode(t, s)
	edit := func(fn func(b []byte) []byte) []byte { return fn(slices.Clone(good)) }
	bad := func(fn func(s *topics.SavedModel)) []byte {
		c, _ := load(good)
		fn(c)
		return encode(t, c)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want error
		text string
	}{
		{"flipped byte", edit(func(b []byte) []byte { b[len(b)/2] ^= 0x10; return b }), topics.ErrCorruptModel, "checksum mismatch"},
		{"flipped checksum", edit(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), topics.ErrCorruptModel, "checksum mismatch"},
		{"truncated", good[:len(good)-100], topics.ErrCorruptModel, "truncated"},
		{"truncated header", good[:15], topics.ErrCorruptModel, "truncated"},
		{"trailing bytes", append(slices.Clone(good), 0), topics.ErrCorruptModel, "after the checksum"},
		{"foreign", []byte(`{"id": "1", "text": "not a model"}`), topics.ErrNotModel, "does not start with"},
		{"empty", nil, topics.ErrNotModel, "does not start with"},
		{"future version", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[len("TOPICSMODEL"):], topics.ModelFormatVersion+1)
			return b
		}), topics.ErrModelVersion, "format version 4"},
		{"huge declared length", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[len("TOPICSMODEL")+4:], 1<<50)
			return b
		}), topics.ErrCorruptModel, "more than the"},
		{"NaN centroid", bad(func(s *topics.SavedModel) { s.Centroids.Set(1, 0, math.NaN()) }), topics.ErrCorruptModel, "centroid 1 holds NaN"},
		{"centroid not unit", bad(func(s *topics.SavedModel) { s.Centroids.Set(0, 0, s.Centroids.At(0, 0)+0.5) }), topics.ErrCorruptModel, "centroid 0 has norm"},
		{"Inf index vector", bad(func(s *topics.SavedModel) { s.Index.Vectors.Set(3, 1, math.Inf(1)) }), topics.ErrCorruptModel, "index vector 3 holds +Inf"},
		{"index title missing", bad(func(s *topics.SavedModel) { s.Index.Titles = s.Index.Titles[1:] }), topics.ErrCorruptModel, "ids"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.topics")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := topics.LoadFile(path)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !errors.Is(err, tc.want) || !strings.Contains(msg, tc.text) || !strings.HasPrefix(msg, "topics: "+path+": ") ||
				strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line starting with %q, wrapping %v, saying %q", msg, "topics: "+path+": ", tc.want, tc.text)
			}
		})
	}
	if _, err := topics.LoadFile(filepath.Join(t.TempDir(), "missing.topics")); err == nil || !strings.Contains(err.Error(), "missing.topics") {
		t.Errorf("missing file: error %v does not name it", err)
	}
}

// TestLoadReadsNoMoreThanDeclared checks that a reader that never ends is
// refused after its first bytes (/dev/zero as a model).
func TestLoadReadsNoMoreThanDeclared(t *testing.T) {
	var zeros endless
	if _, err := topics.Load(&zeros, "zeros", 1<<40); !errors.Is(err, topics.ErrNotModel) {
		t.Errorf("an endless stream of zeros: %v, want ErrNotModel", err)
	}
	if zeros.n > 64 {
		t.Errorf("read %d bytes of a stream that is not a model", zeros.n)
	}
}

// endless is a reader of zeros that counts what it hands out.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.n += len(p)
	return len(p), nil
}

func TestRenameAndModel(t *testing.T) {
	docs := testutil.BBC300(t)
	s, m := savedModel(t, docs, 5)
	found := s.Themes[2].Name
	if err := s.Rename(2, "  Tech   and games "); err != nil {
		t.Fatal(err)
	}
	if s.Themes[2].Name != "Tech and games" || s.Themes[2].Found != found {
		t.Errorf("after Rename: %+v, want the given name and the found one kept", s.Themes[2])
	}
	if err := s.Rename(5, "x"); err == nil {
		t.Error("renaming cluster 5 of 5 gives no error")
	}
	got, err := load(encode(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if got.Themes[2].Name != s.Themes[2].Name || got.Themes[2].Found != s.Themes[2].Found {
		t.Errorf("the given name does not survive saving: %+v", got.Themes[2])
	}
	placed, err := got.Model(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(placed.Clusters.Labels, m.Clusters.Labels) || placed.Themes[2].Name != "Tech and games" {
		t.Error("placing the fitted corpus with its model does not give its clusters")
	}
	for c, mem := range placed.Members {
		if len(mem) != placed.Clusters.Sizes[c] {
			t.Errorf("cluster %d: %d members, size %d", c, len(mem), placed.Clusters.Sizes[c])
		}
	}
	if err := got.Rename(2, ""); err != nil || got.Themes[2].Name != found || got.Themes[2].Found != "" {
		t.Errorf("an empty name does not give the found one back: %+v, %v", got.Themes[2], err)
	}
}

// TestAssignOutliersAndTitles checks --min-similarity: a document far from
// every centroid is an outlier in cluster -1 with its similarity kept; and
// that neighbours carry their titles.
func TestAssignOutliersAndTitles(t *testing.T) {
	docs := testutil.BBC300(t)
	s, _ := savedModel(t, docs, 5)
	all, err := s.Assign(docs[:40], topics.AssignOptions{Neighbors: 1})
	if err != nil {
		t.Fatal(err)
	}
	cut := all[0].Similarity // some documents lie below it, others above
	got, err := s.Assign(docs[:40], topics.AssignOptions{Neighbors: 1, MinSimilarity: cut})
	if err != nil {
		t.Fatal(err)
	}
	outliers := 0
	for i, p := range got {
		far := all[i].Similarity < cut
		if far != p.Outlier || far && (p.Cluster != -1 || p.Parent != -1 || p.Theme != "" || p.Similarity != all[i].Similarity) ||
			!far && p.Cluster != all[i].Cluster {
			t.Errorf("document %d (similarity %.3f, cut %.3f): %+v", i, all[i].Similarity, cut, p)
		}
		if far {
			outliers++
		}
		if p.Neighbors[0].Title != docs[i].DisplayTitle() && p.Neighbors[0].Similarity > 1-1e-9 {
			t.Errorf("document %d: neighbour title %q, want %q", i, p.Neighbors[0].Title, docs[i].DisplayTitle())
		}
	}
	if outliers == 0 || outliers == len(got) {
		t.Errorf("%d outliers of %d: the cut should split them", outliers, len(got))
	}
	if _, err := s.Assign(docs[:1], topics.AssignOptions{MinSimilarity: 2}); err == nil {
		t.Error("--min-similarity 2 gives no error")
	}
}
