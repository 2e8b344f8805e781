package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strings"

	"github.com/topics-dev/topics/corpus"
)

// Options control generation. DefaultOptions gives the documented defaults.
type Options struct {
	N                  int     // documents to generate
	Seed               uint64  // seed of every document's PCG stream
	Dup                float64 // share of planted near-duplicates, in [0, 1)
	NoiseMin, NoiseMax float64 // share of words perturbed in a generated document
	EditMin, EditMax   float64 // share of words edited in a planted duplicate
	MinWords           int     // source documents with fewer words are skipped
	MaxWords           int     // source texts are cut at this many words
	Workers            int     // generating goroutines (0: 1)
}

// DefaultOptions returns the defaults of the command line flags.
func DefaultOptions() Options {
	return Options{
		N: 10000, Seed: 1, Dup: 0.05,
		NoiseMin: 0.15, NoiseMax: 0.30,
		EditMin: 0.03, EditMax: 0.06,
		MinWords: 20, MaxWords: 1000,
		Workers: 1,
	}
}

func (o Options) validate() error {
	switch {
	case o.N < 0:
		return fmt.Errorf("-n %d is negative", o.N)
	case o.Dup < 0 || o.Dup >= 1:
		return fmt.Errorf("-dup %g is not in [0, 1)", o.Dup)
	case o.NoiseMin <= 0 || o.NoiseMax < o.NoiseMin || o.NoiseMax >= 1:
		return fmt.Errorf("noise shares %g..%g are not 0 < min <= max < 1", o.NoiseMin, o.NoiseMax)
	case o.EditMin <= 0 || o.EditMax < o.EditMin || o.EditMax >= 1:
		return fmt.Errorf("edit shares %g..%g are not 0 < min <= max < 1", o.EditMin, o.EditMax)
	case o.MinWords < 1 || o.MaxWords < o.MinWords:
		return fmt.Errorf("word limits %d..%d are not 1 <= min <= max", o.MinWords, o.MaxWords)
	}
	return nil
}

// Source is one corpus file that documents are sampled from.
type Source struct {
	Name    string   // base name of the file
	Used    int      // documents kept as sources
	Skipped int      // documents without a label or with too few words
	Merged  int      // short headline-only documents merged into a digest kept as a source
	vocab   []string // words sampled evenly from all kept texts
}

type pendingDigest struct {
	title string
	words []string
	parts int
}

type sourceDoc struct {
	title, text, label string
	src                int // index into Sources
}

// Sources are the loaded source documents of all files.
type Sources struct {
	Sources []*Source
	docs    []sourceDoc
}

// vocabSize bounds the words kept per source as its replacement vocabulary.
const vocabSize = 1 << 16

// LoadSources reads the corpus files and keeps the documents usable as sources.
func LoadSources(files []string, opt Options) (*Sources, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	s := &Sources{}
	for _, f := range files {
		src := &Source{Name: filepath.Base(f)}
		idx := len(s.Sources)
		first := len(s.docs)
		words := 0
		add := func(title, label string, w []string) {
			if len(w) > opt.MaxWords {
				w = w[:opt.MaxWords]
			}
			words += len(w)
			// Joining copies the text, so the source's full string is not kept alive.
			s.docs = append(s.docs, sourceDoc{title: strings.Join(strings.Fields(title), " "),
				text: strings.Join(w, " "), label: label, src: idx})
			src.Used++
		}
		// Short headline-only documents are gathered per label into digests.
		digest := map[string]*pendingDigest{}
		err := corpus.Walk(f, corpus.Options{}, func(d corpus.Document) error {
			if d.Label == "" {
				src.Skipped++
				return nil
			}
			if w := strings.Fields(d.Text); len(w) >= opt.MinWords {
				add(d.Title, d.Label, w)
				return nil
			} else if len(w) > 0 {
				src.Skipped++
				return nil
			}
			pd := digest[d.Label]
			if pd == nil {
				pd = &pendingDigest{title: d.Title}
				digest[d.Label] = pd
			}
			pd.words = append(pd.words, strings.Fields(d.Title)...)
			pd.parts++
			if len(pd.words) >= opt.MinWords {
				add(pd.title, d.Label, pd.words)
				src.Merged += pd.parts - 1
				delete(digest, d.Label)
			}
			return nil
		})
		for _, pd := range digest {
			src.Skipped += pd.parts
		}
		if err != nil {
			return nil, err
		}
		if src.Used == 0 {
			return nil, fmt.Errorf("%s: no document has a label and %d words", f, opt.MinWords)
		}
		stride := (words + vocabSize - 1) / vocabSize
		n := 0
		for _, d := range s.docs[first:] {
			for w := range strings.FieldsSeq(d.text) {
				if n%stride == 0 {
					src.vocab = append(src.vocab, w)
				}
				n++
			}
		}
		s.Sources = append(s.Sources, src)
	}
	if len(s.docs) == 0 {
		return nil, errors.New("no source documents")
	}
	return s, nil
}

// Record is one generated document as written.
type Record struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	Label  string `json:"label"`
	Source string `json:"source"`
	DupOf  string `json:"dup_of"`
}

// docID is the id of generated document i.
func docID(i int) string { return fmt.Sprintf("d%07d", i+1) }

// Doc generates document i; it depends only on the sources, the options and i.
func (s *Sources) Doc(i int, opt Options) Record {
	r, _ := s.doc(i, opt)
	return r
}

// doc generates document i and returns with it the index of its source file.
func (s *Sources) doc(i int, opt Options) (Record, int) {
	rng := rand.New(rand.NewPCG(opt.Seed, uint64(i)))
	if i > 0 && rng.Float64() < opt.Dup {
		orig, src := s.doc(rng.IntN(i), opt)
		p := opt.EditMin + rng.Float64()*(opt.EditMax-opt.EditMin)
		words := edit(rng, splitWords(orig.Text), s.Sources[src].vocab, p)
		return Record{ID: docID(i), Title: orig.Title, Text: strings.Join(words, " "),
			Label: orig.Label, Source: orig.Source, DupOf: orig.ID}, src
	}
	sd := &s.docs[rng.IntN(len(s.docs))]
	vocab := s.Sources[sd.src].vocab
	p := opt.NoiseMin + rng.Float64()*(opt.NoiseMax-opt.NoiseMin)
	text := perturb(rng, splitWords(sd.text), vocab, p, true)
	title := perturb(rng, splitWords(sd.title), vocab, p, false)
	return Record{ID: docID(i), Title: strings.Join(title, " "), Text: strings.Join(text, " "),
		Label: sd.label, Source: s.Sources[sd.src].Name}, sd.src
}

// splitWords splits a text whose words are separated by single spaces (as all texts held or
// generated here are), faster than strings.Fields.
func splitWords(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, " ")
}

// perturb drops, swaps or replaces a share p of the words in place and returns the result;
// with force, at least one word is replaced if none was changed.
func perturb(rng *rand.Rand, w []string, vocab []string, p float64, force bool) []string {
	out := w[:0] // writes never overtake reads: at most one word is written per word read
	changed := false
	for k := 0; k < len(w); k++ {
		u := rng.Float64()
		switch {
		case u >= p:
			out = append(out, w[k])
			continue
		case u < p/4: // drop
		case u < p/2: // a word of the same document (perhaps already perturbed)
			out = append(out, w[rng.IntN(len(w))])
		case u < 3*p/4 || k+1 == len(w): // a word of the source's vocabulary
			out = append(out, vocab[rng.IntN(len(vocab))])
		default: // swap with the next word
			a, b := w[k], w[k+1]
			out = append(out, b, a)
			k++
		}
		changed = true
	}
	if force && !changed && len(out) > 0 {
		out[rng.IntN(len(out))] = vocab[rng.IntN(len(vocab))]
	}
	return out
}

// edit makes a light edit of a share p of the words (at least one): mostly replacements by
// vocabulary words, some drops and swaps. Texts under 30 words get one change at their end.
func edit(rng *rand.Rand, w []string, vocab []string, p float64) []string {
	if len(w) < 30 {
		if len(w) > 1 && rng.IntN(2) == 0 {
			return w[:len(w)-1]
		}
		return append(w, vocab[rng.IntN(len(vocab))])
	}
	n := max(1, int(p*float64(len(w))+0.5))
	for range n {
		k := rng.IntN(len(w))
		switch u := rng.IntN(10); {
		case u < 7:
			w[k] = vocab[rng.IntN(len(vocab))]
		case u < 8 || k+1 == len(w):
			w = append(w[:k], w[k+1:]...)
		default:
			w[k], w[k+1] = w[k+1], w[k]
		}
	}
	return w
}

// Stats describe a generated corpus.
type Stats struct {
	Docs, Dups int
	Bytes      int64 // uncompressed JSON Lines
}

const batchSize = 512

type batch struct {
	start, end int
	out        chan []byte
	dups       int
}

// Generate writes opt.N documents to w as JSON Lines, in order, generated by opt.Workers
// goroutines in batches.
func (s *Sources) Generate(w io.Writer, opt Options) (Stats, error) {
	if err := opt.validate(); err != nil {
		return Stats{}, err
	}
	workers := max(opt.Workers, 1)
	order := make(chan *batch, 2*workers)
	work := make(chan *batch, 2*workers)
	go func() {
		for start := 0; start < opt.N; start += batchSize {
			b := &batch{start: start, end: min(start+batchSize, opt.N), out: make(chan []byte, 1)}
			order <- b
			work <- b
		}
		close(order)
		close(work)
	}()
	for range workers {
		go func() {
			for b := range work {
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(false)
				for i := b.start; i < b.end; i++ {
					r := s.Doc(i, opt)
					if r.DupOf != "" {
						b.dups++
					}
					if err := enc.Encode(r); err != nil {
						panic(err) // strings and a flat struct always encode
					}
				}
				b.out <- buf.Bytes()
			}
		}()
	}
	var st Stats
	var werr error
	for b := range order { // drained to the end even after an error, so no goroutine is left blocked
		data := <-b.out
		if werr != nil {
			continue
		}
		_, werr = w.Write(data)
		st.Docs += b.end - b.start
		st.Dups += b.dups
		st.Bytes += int64(len(data))
	}
	return st, werr
}
