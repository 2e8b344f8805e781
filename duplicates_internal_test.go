package topics

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/topics-dev/topics/corpus"
)

// FindDuplicates weighs only the documents in pairs; each pair must be
// explained exactly as by a TF-IDF fit of the whole corpus (Model.explain
// of fitTFIDF's model), with the same warnings, also when the
// document-frequency limits leave no term and every term is kept.
func TestFindDuplicatesExplainsAsWholeFit(t *testing.T) {
	docs, err := corpus.Read("testdata/bbc300.jsonl.gz", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs = docs[:120]
	for i := range 30 {
		d := docs[3*i]
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("%s-copy", d.ID), Title: d.Title, Text: d.Text + " an added closing line"})
	}
	opt := DefaultDuplicateOptions()
	opt.Terms = 8
	configs := map[string]func(*Config){
		"default":   func(*Config) {},
		"relaxed":   func(c *Config) { c.Vectorize.MinDF, c.Vectorize.MaxDF = 100, 0.01 },
		"features":  func(c *Config) { c.Vectorize.MaxFeatures, c.Vectorize.Stem, c.Vectorize.NGramMax = 300, true, 2 },
		"mailStrip": func(c *Config) { c.Mail = MailStrip },
	}
	for name, set := range configs {
		cfg := DefaultConfig()
		set(&cfg)
		r, err := FindDuplicates(context.Background(), docs, cfg, opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m, err := fitTFIDF(docs, cfg)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(r.Warnings, append([]string{}, m.Warnings...)) {
			t.Errorf("%s: warnings %q, a whole fit gives %q", name, r.Warnings, m.Warnings)
		}
		pairs := 0
		for _, s := range r.Sets {
			for _, p := range s.Pairs {
				pairs++
				if want := m.explain(p.IndexA, p.IndexB, opt.Terms, p.Similarity); !reflect.DeepEqual(p, want) {
					t.Errorf("%s: pair explained as %+v, a whole fit gives %+v", name, p, want)
				}
			}
		}
		if pairs < 30 {
			t.Errorf("%s: %d pairs, want the 30 planted copies at least", name, pairs)
		}
	}
}
