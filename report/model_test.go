package report

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// savedModel fits docs with k clusters and returns the model, its saved
// form (with an index) and the fitted Model.
func savedModel(t *testing.T, docs []corpus.Document, k int) (*SavedModel, *Model) {
	t.Helper()
	m, err := Fit(docs, Config{K: k, Vectorize: defaultVectorize()})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSavedModel(m, Build(m, BuildOptions{}), SaveOptions{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	return s, m
}

func encodeModel(t *testing.T, s *SavedModel) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := s.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("WriteTo reports %d bytes, wrote %d", n, buf.Len())
	}
	return buf.Bytes()
}

func TestSavedModelRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		index bool
	}{{"without index", false}, {"with index", true}} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Fit(bbc300(t), Config{K: 5, Vectorize: defaultVectorize()})
			if err != nil {
				t.Fatal(err)
			}
			s, err := NewSavedModel(m, Build(m, BuildOptions{}), SaveOptions{Index: tc.index})
			if err != nil {
				t.Fatal(err)
			}
			data := encodeModel(t, s)
			if again := encodeModel(t, s); !bytes.Equal(data, again) {
				t.Error("two encodings of one model differ")
			}
			got, err := ReadModel(bytes.NewReader(data), "mem")
			if err != nil {
				t.Fatal(err)
			}
			v, w := s.Vectorizer, got.Vectorizer
			if v.Options() != w.Options() || v.NumDocs() != w.NumDocs() ||
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
				if s.Themes[c].Label != got.Themes[c].Label || !slices.Equal(s.Themes[c].KeyPhrases, got.Themes[c].KeyPhrases) {
					t.Errorf("theme %d: %+v, want %+v", c, got.Themes[c], s.Themes[c])
				}
				if s.Themes[c].Label == "" {
					t.Errorf("theme %d has no label", c)
				}
			}
			if (got.Index != nil) != tc.index {
				t.Fatalf("index present: %v, want %v", got.Index != nil, tc.index)
			}
			if tc.index {
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
		})
	}
}

func TestAssignReproducesFit(t *testing.T) {
	empty := corpus.Document{ID: "empty", Text: "qqqq zzzz"}
	for _, tc := range []struct {
		name string
		docs []corpus.Document
		k    int
	}{
		{"sample k=2", sampleDocs(t), 2},
		{"sample with an empty document", append(sampleDocs(t), empty), 3},
		{"bbc300 k=5", bbc300(t), 5},
		{"bbc300 k=12", bbc300(t), 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, m := savedModel(t, tc.docs, tc.k)
			got, err := s.Assign(tc.docs, AssignOptions{})
			if err != nil {
				t.Fatal(err)
			}
			res := m.Clusters
			for i, p := range got {
				if p.ID != tc.docs[i].ID || p.Cluster != res.Labels[i] || math.Abs(p.Similarity-res.Similarity[i]) > 1e-12 {
					t.Errorf("document %d: %s in %d (%.15f), fitted in %d (%.15f)",
						i, p.ID, p.Cluster, p.Similarity, res.Labels[i], res.Similarity[i])
				}
				if p.Cluster >= 0 && p.Label != s.Themes[p.Cluster].Label {
					t.Errorf("document %d: label %q, want %q", i, p.Label, s.Themes[p.Cluster].Label)
				}
			}
			// One at a time gives the same as the batch.
			for i, d := range tc.docs {
				one, err := s.Assign([]corpus.Document{d}, AssignOptions{Neighbors: 3})
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
	docs := sampleDocs(t)
	m, err := Fit(docs, Config{K: 2, Vectorize: defaultVectorize()})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSavedModel(m, nil, SaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fn   func() error
	}{
		{"neighbours without index", func() error { _, err := s.Assign(docs, AssignOptions{Neighbors: 2}); return err }},
		{"negative neighbours", func() error { _, err := s.Assign(docs, AssignOptions{Neighbors: -1}); return err }},
		{"query without index", func() error { _, err := s.Query("pakistan", QueryOptions{}); return err }},
		{"unclustered model", func() error { _, err := NewSavedModel(&Model{}, nil, SaveOptions{}); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.fn(); err == nil || !strings.HasPrefix(err.Error(), "report: ") {
				t.Errorf("error %v, want one starting with \"report: \"", err)
			}
		})
	}
}

func TestQuery(t *testing.T) {
	docs := bbc300(t)
	s, _ := savedModel(t, docs, 5)
	got, err := s.Query(docs[7].Content(), QueryOptions{N: 4, Terms: 3})
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
	if _, err := s.Query("qqqq zzzz", QueryOptions{}); err == nil {
		t.Error("a query with no known term gives no error")
	}
}

func TestLoadModelErrors(t *testing.T) {
	s, _ := savedModel(t, sampleDocs(t), 2)
	good := encodeModel(t, s)
	edit := func(fn func(b []byte) []byte) []byte { return fn(slices.Clone(good)) }
	for _, tc := range []struct {
		name string
		data []byte
		want error
		text string
	}{
		{"flipped byte", edit(func(b []byte) []byte { b[len(b)/2] ^= 0x10; return b }), ErrCorruptModel, "checksum mismatch"},
		{"flipped checksum", edit(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), ErrCorruptModel, "checksum mismatch"},
		{"truncated", good[:len(good)-100], ErrCorruptModel, "truncated"},
		{"truncated header", good[:15], ErrCorruptModel, "truncated"},
		{"trailing bytes", append(slices.Clone(good), 0), ErrCorruptModel, "after the checksum"},
		{"foreign", []byte(`{"id": "1", "text": "not a model"}`), ErrNotModel, "does not start with"},
		{"empty", nil, ErrNotModel, "does not start with"},
		{"future version", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[len(modelMagic):], ModelFormatVersion+1)
			return b
		}), ErrModelVersion, "format version 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.topics")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadModel(path)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !errors.Is(err, tc.want) || !strings.Contains(msg, tc.text) || !strings.HasPrefix(msg, "report: "+path+": ") ||
				strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line starting with %q, wrapping %v, saying %q", msg, "report: "+path+": ", tc.want, tc.text)
			}
		})
	}
	if _, err := LoadModel(filepath.Join(t.TempDir(), "missing.topics")); err == nil || !strings.Contains(err.Error(), "missing.topics") {
		t.Errorf("missing file: error %v does not name it", err)
	}
}

// FuzzReadModel checks that no input makes ReadModel panic, and that what
// it accepts encodes back to the same bytes.
func FuzzReadModel(f *testing.F) {
	docs, err := corpus.Read("../testdata/bbc300.jsonl.gz", corpus.Options{})
	if err != nil {
		f.Fatal(err)
	}
	m, err := Fit(docs[:40], Config{K: 3, Vectorize: defaultVectorize(), LSA: vectorize.LSAOptions{Dims: 5}})
	if err != nil {
		f.Fatal(err)
	}
	s, err := NewSavedModel(m, nil, SaveOptions{Index: true, IndexTerms: 3})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := s.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(modelMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadModel(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		var out bytes.Buffer
		if _, err := s.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), data) {
			t.Error("a model read back does not encode to the same bytes")
		}
	})
}
