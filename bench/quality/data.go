package main

import (
	"context"
	"encoding/gob"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// spec names a corpus of the shared directory and how to score it.
type spec struct {
	Name   string   // short name used in tables and cache files
	File   string   // file under the corpora directory
	Keep   []string // if set, only documents with these labels
	Gold   string   // "label" or "story": the gold partition for k
	Sample float64  // fraction of documents kept (0: all), drawn with seed 1
}

// targets are the corpora of issue #14, in table order.
var targets = []spec{
	{Name: "20ng", File: "20newsgroups.jsonl.gz", Gold: "label"},
	{Name: "20ng-4", File: "20newsgroups.jsonl.gz", Gold: "label",
		Keep: []string{"alt.atheism", "talk.religion.misc", "comp.graphics", "sci.space"}},
	{Name: "bbc", File: "bbc.jsonl.gz", Gold: "label"},
	{Name: "r8", File: "reuters-r8.jsonl.gz", Gold: "label"},
	{Name: "agnews", File: "agnews-test.jsonl.gz", Gold: "label"},
	{Name: "uci-story", File: "uci-news-aggregator-sample.jsonl.gz", Gold: "story"},
	{Name: "ecb-story", File: "ecbplus-dev.jsonl.gz", Gold: "story"},
	{Name: "ecb-topic", File: "ecbplus-dev.jsonl.gz", Gold: "label"},
	// Not a target of the levels table: the whole Reuters file (no story
	// ids) times related groups at scale.
	{Name: "reuters", File: "reuters21578.jsonl.gz", Gold: "label"},
}

func findSpec(name string) (spec, error) {
	base, frac, _ := strings.Cut(name, "@")
	for _, s := range targets {
		if s.Name == base {
			if frac != "" {
				if _, err := fmt.Sscanf(frac, "%g", &s.Sample); err != nil {
					return s, fmt.Errorf("sample fraction %q: %v", frac, err)
				}
				s.Name = name
			}
			return s, nil
		}
	}
	return spec{}, fmt.Errorf("unknown corpus %q", name)
}

// data is a vectorized corpus with its gold partitions.
type data struct {
	Name    string
	Docs    []corpus.Document
	Labels  []string // the "label" field
	Stories []string // the "story" field ("" when absent)
	Vectors *mat.Dense
	TFIDF   *vectorize.Sparse
	Vocab   []string
	Weights []float64 // the default document weights of k-means (nil: all 1)
	Seconds float64   // time of FitVectors when computed
}

// gold returns the gold partition named by the spec.
func (d *data) gold(s spec) []string {
	if s.Gold == "story" {
		return d.Stories
	}
	return d.Labels
}

// defaultConfig is the CLI's default pipeline configuration.
func defaultConfig() topics.Config { return topics.DefaultConfig() }

func readDocs(dir string, s spec) (docs []corpus.Document, labels, stories []string, err error) {
	path := filepath.Join(dir, s.File)
	docs, err = corpus.Read(path, corpus.Options{})
	if err != nil {
		return nil, nil, nil, err
	}
	// Story ids where the corpus has them (a field named must exist).
	sd, err := corpus.Read(path, corpus.Options{LabelField: "story"})
	if err != nil {
		sd = make([]corpus.Document, len(docs))
	}
	keep := func(i int) bool {
		return len(s.Keep) == 0 || slices.Contains(s.Keep, docs[i].Label)
	}
	var out []corpus.Document
	rnd := rand.New(rand.NewPCG(1, 0))
	for i, d := range docs {
		if !keep(i) {
			continue
		}
		if s.Sample > 0 && rnd.Float64() >= s.Sample {
			continue
		}
		out = append(out, d)
		labels = append(labels, d.Label)
		stories = append(stories, sd[i].Label)
	}
	return out, labels, stories, nil
}

// cached is the gob form of data (without the documents): vectors are
// cached because LSA on 20 Newsgroups takes seconds and the commands run
// many times; delete the cache after changing the pipeline.
type cached struct {
	N, D            int
	Vectors         []float64
	Rows, Cols      int
	Indptr          []int
	Ind             []int32
	Val             []float64
	Vocab           []string
	Labels, Stories []string
	Seconds         float64
}

// load reads a corpus and its vectors, from the cache when present.
func load(dir, cacheDir string, s spec) (*data, error) {
	docs, labels, stories, err := readDocs(dir, s)
	if err != nil {
		return nil, err
	}
	d := &data{Name: s.Name, Docs: docs, Labels: labels, Stories: stories}
	file := filepath.Join(cacheDir, s.Name+".gob")
	if f, err := os.Open(file); cacheDir != "" && err == nil {
		defer f.Close()
		var c cached
		if err := gob.NewDecoder(f).Decode(&c); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		if c.N != len(docs) {
			return nil, fmt.Errorf("%s: %d rows for %d documents", file, c.N, len(docs))
		}
		d.Vectors = mat.NewDense(c.N, c.D, c.Vectors)
		d.TFIDF = vectorize.NewSparse(c.Rows, c.Cols, c.Indptr, c.Ind, c.Val)
		d.Vocab, d.Seconds = c.Vocab, c.Seconds
		d.Weights = defaultConfig().DocWeights.Weights(d.TFIDF)
		return d, nil
	}
	start := now()
	m, err := topics.FitVectors(context.Background(), docs, defaultConfig())
	if err != nil {
		return nil, err
	}
	d.Seconds = since(start)
	d.Vectors, d.TFIDF, d.Vocab = m.Vectors, m.TFIDF, m.Vectorizer.Vocabulary()
	d.Weights = defaultConfig().DocWeights.Weights(d.TFIDF)
	c := cached{Labels: labels, Stories: stories, Vocab: d.Vocab, Seconds: d.Seconds}
	c.N, c.D = d.Vectors.Dims()
	c.Vectors = d.Vectors.RawMatrix().Data
	c.Rows, c.Cols = d.TFIDF.Dims()
	c.Indptr = []int{0}
	for i := range c.Rows {
		ind, val := d.TFIDF.Row(i)
		c.Ind = append(c.Ind, ind...)
		c.Val = append(c.Val, val...)
		c.Indptr = append(c.Indptr, len(c.Ind))
	}
	if cacheDir == "" {
		return d, nil
	}
	if err := os.MkdirAll(cacheDir, 0o755); err == nil {
		if f, err := os.Create(file); err == nil {
			_ = gob.NewEncoder(f).Encode(&c)
			f.Close()
		}
	}
	return d, nil
}
