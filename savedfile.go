package topics

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/topics-dev/topics/internal/modelcodec"
	"github.com/topics-dev/topics/theme"
	"github.com/topics-dev/topics/vectorize"
)

// ModelFormatVersion is the version of the model files Save writes and the
// one Load reads.
const ModelFormatVersion = 2

// Errors wrapped by Load.
var (
	// ErrNotModel: the input does not start with the model magic header.
	ErrNotModel = modelcodec.ErrNotModel
	// ErrModelVersion: the file's format version is not one this program
	// reads.
	ErrModelVersion = modelcodec.ErrVersion
	// ErrCorruptModel: the file is truncated, its checksum does not match,
	// or its contents are malformed or inconsistent.
	ErrCorruptModel = modelcodec.ErrCorrupt
)

// Sections of a model file's payload (docs/model-format.md).
const (
	tagVectorizer = 1 + iota
	tagLSA
	tagCentroids
	tagThemes
	tagIndexDocs
	tagIndexVectors
	tagIndexTerms
	tagParents
)

// Save writes the model in the format of docs/model-format.md to w.
func (s *SavedModel) Save(w io.Writer) error {
	vec, _ := s.Vectorizer.MarshalBinary()
	lsa, _ := s.LSA.MarshalBinary()
	var cent, themes modelcodec.Encoder
	cent.Dense(s.Centroids)
	encodeThemes(&themes, s.Themes)
	sections := []modelcodec.Section{
		{Tag: tagVectorizer, Body: vec},
		{Tag: tagLSA, Body: lsa},
		{Tag: tagCentroids, Body: cent.Bytes()},
		{Tag: tagThemes, Body: themes.Bytes()},
	}
	var parents modelcodec.Encoder
	parents.Ints(s.Parent)
	encodeThemes(&parents, s.ParentThemes)
	sections = append(sections, modelcodec.Section{Tag: tagParents, Body: parents.Bytes()})
	if ix := s.Index; ix != nil {
		var docs, vecs, terms modelcodec.Encoder
		docs.Strings(ix.IDs)
		docs.Strings(ix.Titles)
		vecs.Dense(ix.Vectors)
		encodeIndexTerms(&terms, ix.Terms)
		sections = append(sections,
			modelcodec.Section{Tag: tagIndexDocs, Body: docs.Bytes()},
			modelcodec.Section{Tag: tagIndexVectors, Body: vecs.Bytes()},
			modelcodec.Section{Tag: tagIndexTerms, Body: terms.Bytes()})
	}
	_, err := modelcodec.WriteFrame(w, ModelFormatVersion, sections)
	if err != nil {
		return fmt.Errorf("topics: writing a model: %w", err)
	}
	return nil
}

func encodeThemes(e *modelcodec.Encoder, themes []Theme) {
	e.Int(len(themes))
	for _, t := range themes {
		e.String(t.Name)
		e.String(t.Found)
		e.Int(len(t.KeyPhrases))
		for _, p := range t.KeyPhrases {
			e.String(p.Phrase)
			e.Float(p.Weight)
			e.Int(p.Count)
			e.Int(p.Documents)
		}
	}
}

func encodeIndexTerms(e *modelcodec.Encoder, terms []SparseTerms) {
	e.Int(len(terms))
	for _, t := range terms {
		e.Int(len(t.Columns))
		prev := int32(-1)
		for _, c := range t.Columns {
			e.Int(int(c - prev)) // gaps: small numbers, short varints
			prev = c
		}
		e.Floats(t.Weights)
	}
}

// LoadFile reads a model written by Save from the file at path; errors name
// the file.
func LoadFile(path string) (*SavedModel, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	defer f.Close()
	limit := int64(1) << 40
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		limit = fi.Size()
	}
	return Load(f, path, limit)
}

// Load reads a model written by Save from r; name names the input in
// errors, which wrap ErrNotModel, ErrModelVersion or ErrCorruptModel. It
// reads the header first and never reads a payload larger than limit
// bytes, nor past the payload the header declares. The model is checked
// whole: shapes agree, every value is finite, centroids have unit length
// and indexed vectors unit length or zero.
func Load(r io.Reader, name string, limit int64) (*SavedModel, error) {
	payload, err := modelcodec.ReadFrame(r, ModelFormatVersion, limit)
	if err != nil {
		return nil, errReader(name, err)
	}
	s, err := decodeModel(payload)
	if err != nil {
		return nil, errReader(name, err)
	}
	return s, nil
}

// decodeModel decodes and checks a model's payload.
func decodeModel(payload []byte) (*SavedModel, error) {
	sections, err := modelcodec.Sections(payload)
	if err != nil {
		return nil, err
	}
	body := map[uint64][]byte{}
	for _, sec := range sections {
		if _, dup := body[sec.Tag]; dup {
			return nil, fmt.Errorf("%w: section %d appears twice", ErrCorruptModel, sec.Tag)
		}
		body[sec.Tag] = sec.Body // unknown tags are skipped: they come from a newer writer
	}
	for _, tag := range []uint64{tagVectorizer, tagLSA, tagCentroids, tagThemes} {
		if _, ok := body[tag]; !ok {
			return nil, fmt.Errorf("%w: no section %d", ErrCorruptModel, tag)
		}
	}
	s := &SavedModel{Vectorizer: &vectorize.Vectorizer{}, LSA: &vectorize.LSA{}}
	if err := s.Vectorizer.UnmarshalBinary(body[tagVectorizer]); err != nil {
		return nil, corrupt(err)
	}
	if err := s.LSA.UnmarshalBinary(body[tagLSA]); err != nil {
		return nil, corrupt(err)
	}
	if err := s.decodeClusters(body[tagCentroids], body[tagThemes]); err != nil {
		return nil, err
	}
	if err := s.decodeParents(body[tagParents]); err != nil {
		return nil, err
	}
	_, hasDocs := body[tagIndexDocs]
	_, hasVecs := body[tagIndexVectors]
	_, hasTerms := body[tagIndexTerms]
	if hasDocs || hasVecs || hasTerms {
		if err := s.decodeIndex(body[tagIndexDocs], body[tagIndexVectors], body[tagIndexTerms]); err != nil {
			return nil, err
		}
	}
	return s, s.check()
}

// corrupt wraps err in ErrCorruptModel unless it already is.
func corrupt(err error) error {
	if errors.Is(err, ErrCorruptModel) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrCorruptModel, err)
}

// decodeThemes reads what encodeThemes wrote.
func decodeThemes(d *modelcodec.Decoder) []Theme {
	themes := make([]Theme, d.Count(3))
	for c := range themes {
		t := &themes[c]
		t.Name = d.String()
		t.Found = d.String()
		t.KeyPhrases = make([]theme.Phrase, d.Count(11))
		for p := range t.KeyPhrases {
			t.KeyPhrases[p] = theme.Phrase{Phrase: d.String(), Weight: d.Float(), Count: d.Int(), Documents: d.Int()}
		}
	}
	return themes
}

func (s *SavedModel) decodeClusters(cent, themes []byte) error {
	d := modelcodec.NewDecoder(cent)
	s.Centroids = d.Dense()
	if err := d.Err(); err != nil {
		return fmt.Errorf("centroids: %w", err)
	}
	d = modelcodec.NewDecoder(themes)
	s.Themes = decodeThemes(d)
	if err := d.Err(); err != nil {
		return fmt.Errorf("themes: %w", err)
	}
	return nil
}

// decodeParents reads the coarse groups; a model without them has each
// cluster in its own group.
func (s *SavedModel) decodeParents(body []byte) error {
	if body == nil {
		s.Parent = make([]int, len(s.Themes))
		for c := range s.Parent {
			s.Parent[c] = c
		}
		return nil
	}
	d := modelcodec.NewDecoder(body)
	s.Parent = d.Ints()
	s.ParentThemes = decodeThemes(d)
	if err := d.Err(); err != nil {
		return fmt.Errorf("parents: %w", err)
	}
	if len(s.ParentThemes) == 0 {
		s.ParentThemes = nil
	}
	return nil
}

func (s *SavedModel) decodeIndex(docs, vecs, terms []byte) error {
	d := modelcodec.NewDecoder(docs)
	ix := &DocIndex{IDs: d.Strings(), Titles: d.Strings()}
	if err := d.Err(); err != nil {
		return fmt.Errorf("index documents: %w", err)
	}
	d = modelcodec.NewDecoder(vecs)
	ix.Vectors = d.Dense()
	if err := d.Err(); err != nil {
		return fmt.Errorf("index vectors: %w", err)
	}
	d = modelcodec.NewDecoder(terms)
	nt := s.Vectorizer.NumTerms()
	ix.Terms = make([]SparseTerms, d.Count(2))
	for i := range ix.Terms {
		cols := make([]int32, d.Count(1))
		prev := -1
		for p := range cols {
			prev += d.Int()
			if !d.Failed() && (prev < 0 || prev >= nt || (p > 0 && prev <= int(cols[p-1]))) {
				d.Fail("index document %d has a bad term column %d", i, prev)
			}
			cols[p] = int32(prev)
		}
		w := d.Floats()
		if !d.Failed() && len(w) != len(cols) {
			d.Fail("index document %d has %d term weights for %d terms", i, len(w), len(cols))
		}
		ix.Terms[i] = SparseTerms{Columns: cols, Weights: w}
	}
	if err := d.Err(); err != nil {
		return fmt.Errorf("index terms: %w", err)
	}
	s.Index = ix
	return nil
}

// check verifies that the parts of a decoded model fit together.
func (s *SavedModel) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrCorruptModel, fmt.Sprintf(format, args...))
	}
	nt, dims := s.Vectorizer.NumTerms(), s.LSA.Dims()
	if s.LSA.Terms() != nt {
		return bad("the LSA has %d terms, the vocabulary %d", s.LSA.Terms(), nt)
	}
	if k, c := s.Centroids.Dims(); k != len(s.Themes) || c != dims {
		return bad("centroids are %d×%d, want %d×%d", k, c, len(s.Themes), dims)
	}
	if i, why := finiteRows(s.Centroids, false, 1e-9); i >= 0 {
		return bad("centroid %d %s", i, why)
	}
	if len(s.Parent) != len(s.Themes) {
		return bad("%d parents for %d clusters", len(s.Parent), len(s.Themes))
	}
	for c, p := range s.Parent {
		if p < 0 || p >= len(s.Themes) || s.ParentThemes != nil && p >= len(s.ParentThemes) {
			return bad("cluster %d has the parent %d", c, p)
		}
	}
	ix := s.Index
	if ix == nil {
		return nil
	}
	n := len(ix.IDs)
	if len(ix.Titles) != n || len(ix.Terms) != n {
		return bad("the index has %d ids, %d titles and %d term lists", n, len(ix.Titles), len(ix.Terms))
	}
	if r, c := ix.Vectors.Dims(); r != n || c != dims {
		return bad("index vectors are %d×%d, want %d×%d", r, c, n, dims)
	}
	if i, why := finiteRows(ix.Vectors, true, 1e-9); i >= 0 {
		return bad("index vector %d %s", i, why)
	}
	for i, t := range ix.Terms {
		for _, w := range t.Weights {
			if !(w > 0 && w <= 1) {
				return bad("index document %d has a term weight %v outside (0, 1]", i, w)
			}
		}
	}
	return nil
}
