package report

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/vectorize"
)

// The model file format, described in docs/model-format.md:
//
//	magic    "TOPICSMODEL" (11 bytes)
//	version  uint32, little-endian (ModelFormatVersion)
//	length   uint64, little-endian: the payload's size in bytes
//	payload  length bytes
//	checksum uint32, little-endian: CRC-32C (Castagnoli) of the payload
const (
	modelMagic  = "TOPICSMODEL"
	modelHeader = len(modelMagic) + 4 + 8
)

// ModelFormatVersion is the version of the model files that SaveModel
// writes and the newest that LoadModel reads.
const ModelFormatVersion = 1

// Errors wrapped by LoadModel and ReadModel.
var (
	// ErrNotModel: the input does not start with the model magic header.
	ErrNotModel = errors.New("not a topics model file")
	// ErrModelVersion: the file's format version is not one this program
	// reads (a newer program wrote it).
	ErrModelVersion = errors.New("unsupported model format version")
	// ErrCorruptModel: the file is truncated, its checksum does not match,
	// or its payload is malformed.
	ErrCorruptModel = errors.New("corrupt model file")
)

// WriteTo writes the model in the format of docs/model-format.md to w. It
// implements io.WriterTo.
func (s *SavedModel) WriteTo(w io.Writer) (int64, error) {
	var e encoder
	s.encode(&e)
	head := make([]byte, 0, modelHeader)
	head = append(head, modelMagic...)
	head = binary.LittleEndian.AppendUint32(head, ModelFormatVersion)
	head = binary.LittleEndian.AppendUint64(head, uint64(len(e.b)))
	tail := binary.LittleEndian.AppendUint32(nil, crc32.Checksum(e.b, castagnoli))
	var n int64
	for _, part := range [][]byte{head, e.b, tail} {
		k, err := w.Write(part)
		n += int64(k)
		if err != nil {
			return n, fmt.Errorf("report: writing model: %w", err)
		}
	}
	return n, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func (s *SavedModel) encode(e *encoder) {
	v := s.Vectorizer
	o := v.Options()
	e.bool(o.KeepCase)
	e.str(o.StopWords)
	e.bool(o.Stem)
	e.int(o.NGramMin)
	e.int(o.NGramMax)
	e.float(o.MinDF)
	e.float(o.MaxDF)
	e.int(o.MaxFeatures)
	e.bool(o.Sublinear)
	e.int(v.NumDocs())
	terms := v.Vocabulary()
	e.int(len(terms))
	for _, t := range terms {
		e.str(t)
	}
	for _, df := range v.DocFreq() {
		e.int(df)
	}
	e.floats(v.IDF())

	l := s.LSA
	e.int(l.Dims())
	e.bool(l.KeepScale())
	e.floats(l.SingularValues())
	e.floats(l.ExplainedVarianceRatio())
	e.dense(l.Components())

	e.int(len(s.Themes))
	e.dense(s.Centroids)
	for _, t := range s.Themes {
		e.str(t.Label)
		e.int(len(t.KeyPhrases))
		for _, p := range t.KeyPhrases {
			e.str(p)
		}
	}

	ix := s.Index
	e.bool(ix != nil)
	if ix == nil {
		return
	}
	e.int(len(ix.IDs))
	for i := range ix.IDs {
		e.str(ix.IDs[i])
		e.str(ix.Titles[i])
	}
	e.dense(ix.Vectors)
	for _, t := range ix.Terms {
		e.int(len(t.Columns))
		prev := int32(-1)
		for _, c := range t.Columns {
			e.int(int(c - prev)) // gaps: small numbers, short varints
			prev = c
		}
		e.floats(t.Weights)
	}
}

// decodeModel checks the framing of a model file and decodes its payload.
func decodeModel(data []byte, name string) (*SavedModel, error) {
	fail := func(sentinel error, format string, args ...any) (*SavedModel, error) {
		return nil, fmt.Errorf("report: %s: %w: %s", name, sentinel, fmt.Sprintf(format, args...))
	}
	if !bytes.HasPrefix(data, []byte(modelMagic)) {
		return fail(ErrNotModel, "it does not start with %q", modelMagic)
	}
	if len(data) < modelHeader {
		return fail(ErrCorruptModel, "truncated in the header (%d bytes)", len(data))
	}
	version := binary.LittleEndian.Uint32(data[len(modelMagic):])
	if version != ModelFormatVersion {
		hint := ""
		if version > ModelFormatVersion {
			hint = " (written by a newer topics?)"
		}
		return fail(ErrModelVersion, "format version %d, this program reads version %d%s", version, ModelFormatVersion, hint)
	}
	length := binary.LittleEndian.Uint64(data[len(modelMagic)+4:])
	rest := uint64(len(data) - modelHeader)
	switch {
	case rest < 4 || length > rest-4:
		return fail(ErrCorruptModel, "truncated: the header announces %d payload bytes and a checksum, %d bytes follow", length, rest)
	case length < rest-4:
		return fail(ErrCorruptModel, "%d bytes after the checksum", rest-4-length)
	}
	payload := data[modelHeader : modelHeader+int(length)]
	if want, got := binary.LittleEndian.Uint32(data[modelHeader+int(length):]), crc32.Checksum(payload, castagnoli); want != got {
		return fail(ErrCorruptModel, "checksum mismatch (CRC-32C %08x, want %08x)", got, want)
	}
	d := &decoder{b: payload}
	s, err := decodePayload(d)
	if err != nil {
		return fail(ErrCorruptModel, "%v", err)
	}
	return s, nil
}

func decodePayload(d *decoder) (*SavedModel, error) {
	var o vectorize.Options
	o.KeepCase = d.bool()
	o.StopWords = d.str()
	o.Stem = d.bool()
	o.NGramMin = d.int()
	o.NGramMax = d.int()
	o.MinDF = d.float()
	o.MaxDF = d.float()
	o.MaxFeatures = d.int()
	o.Sublinear = d.bool()
	docs := d.int()
	nt := d.count(1)
	terms := make([]string, nt)
	for j := range terms {
		terms[j] = d.str()
	}
	df := make([]int, nt)
	for j := range df {
		df[j] = d.int()
	}
	idf := d.floats()
	if d.err != nil {
		return nil, d.err
	}
	vec, err := vectorize.Restore(o, terms, df, docs)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(vec.IDF(), idf) {
		return nil, errors.New("the IDF recomputed from the document frequencies differs from the saved one")
	}

	dims := d.int()
	keepScale := d.bool()
	sigma := d.floats()
	evr := d.floats()
	comp := d.dense()
	if d.err != nil {
		return nil, d.err
	}
	if r, c := comp.Dims(); r != dims || c != nt {
		return nil, fmt.Errorf("LSA components are %d×%d, want %d×%d", r, c, dims, nt)
	}
	lsa, err := vectorize.NewLSA(comp, sigma, evr, keepScale)
	if err != nil {
		return nil, err
	}

	s := &SavedModel{Vectorizer: vec, LSA: lsa}
	k := d.int()
	s.Centroids = d.dense()
	if d.err != nil {
		return nil, d.err
	}
	if r, c := s.Centroids.Dims(); k < 1 || r != k || c != dims {
		return nil, fmt.Errorf("centroids are %d×%d, want %d×%d", r, c, k, dims)
	}
	s.Themes = make([]Theme, k)
	for c := range s.Themes {
		s.Themes[c].Label = d.str()
		s.Themes[c].KeyPhrases = make([]string, d.count(1))
		for p := range s.Themes[c].KeyPhrases {
			s.Themes[c].KeyPhrases[p] = d.str()
		}
	}
	if d.bool() {
		n := d.count(2)
		ix := &DocIndex{IDs: make([]string, n), Titles: make([]string, n), Terms: make([]SparseTerms, n)}
		for i := range n {
			ix.IDs[i] = d.str()
			ix.Titles[i] = d.str()
		}
		ix.Vectors = d.dense()
		if d.err != nil {
			return nil, d.err
		}
		if r, c := ix.Vectors.Dims(); r != n || c != dims {
			return nil, fmt.Errorf("index vectors are %d×%d, want %d×%d", r, c, n, dims)
		}
		for i := range ix.Terms {
			m := d.count(2)
			cols := make([]int32, m)
			prev := -1
			for p := range cols {
				prev += d.int()
				if d.err == nil && (prev < 0 || prev >= nt || (p > 0 && prev <= int(cols[p-1]))) {
					return nil, fmt.Errorf("index document %d has a bad term column %d", i, prev)
				}
				cols[p] = int32(prev)
			}
			w := d.floats()
			if d.err == nil && len(w) != m {
				return nil, fmt.Errorf("index document %d has %d term weights for %d terms", i, len(w), m)
			}
			ix.Terms[i] = SparseTerms{Columns: cols, Weights: w}
		}
		s.Index = ix
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%d unread bytes at the end of the payload", len(d.b))
	}
	return s, nil
}

// encoder appends values to a payload: integers as signed varints, floats
// as 8 little-endian bytes, strings and slices prefixed by their length.
type encoder struct{ b []byte }

func (e *encoder) int(v int) { e.b = binary.AppendVarint(e.b, int64(v)) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) float(v float64) { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v)) }

func (e *encoder) str(s string) {
	e.int(len(s))
	e.b = append(e.b, s...)
}

func (e *encoder) floats(v []float64) {
	e.int(len(v))
	e.b = slices.Grow(e.b, 8*len(v))
	for _, x := range v {
		e.float(x)
	}
}

// dense writes rows, columns and the elements in row order.
func (e *encoder) dense(m *mat.Dense) {
	r, c := m.Dims()
	e.int(r)
	e.int(c)
	e.b = slices.Grow(e.b, 8*r*c)
	raw := m.RawMatrix()
	for i := range r {
		for _, x := range raw.Data[i*raw.Stride : i*raw.Stride+c] {
			e.float(x)
		}
	}
}

// decoder reads what encoder wrote. The first error sticks: later reads
// return zero values.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
	d.b = nil
}

func (d *decoder) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 || v != int64(int(v)) {
		d.fail("payload ends early or holds a bad integer")
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count reads a length whose elements take at least size bytes each, and
// checks that they can fit in what is left.
func (d *decoder) count(size int) int {
	n := d.int()
	if d.err == nil && (n < 0 || n > len(d.b)/size) {
		d.fail("length %d does not fit in the %d bytes left", n, len(d.b))
		return 0
	}
	return n
}

func (d *decoder) bool() bool {
	if d.err != nil {
		return false
	}
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail("payload ends early or holds a bad boolean")
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *decoder) float() float64 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 8 {
		d.fail("payload ends early")
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

func (d *decoder) str() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) floats() []float64 {
	n := d.count(8)
	if d.err != nil {
		return nil
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(d.b[8*i:]))
	}
	d.b = d.b[8*n:]
	return v
}

func (d *decoder) dense() *mat.Dense {
	r, c := d.int(), d.int()
	if d.err != nil {
		return nil
	}
	if r < 1 || c < 1 || r > len(d.b)/8/c {
		d.fail("a %d×%d matrix does not fit in the %d bytes left", r, c, len(d.b))
		return nil
	}
	v := make([]float64, r*c)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(d.b[8*i:]))
	}
	d.b = d.b[8*r*c:]
	return mat.NewDense(r, c, v)
}
