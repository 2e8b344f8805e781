// Package modelcodec frames and encodes the model files of topics (the
// format is described in docs/model-format.md).
//
// A file is a header (magic, format version, payload length), the payload
// and a CRC-32C of the payload. The payload is a sequence of sections, each
// a tag and a length-prefixed body, so that a reader can skip a section it
// does not know. Bodies are written with Encoder and read with Decoder:
// integers as varints, floats as 8 little-endian bytes, strings and slices
// prefixed by their length, and gonum matrices as mat.Dense.MarshalBinary
// writes them.
//
// ReadFrame reads no more than the header declares and checks the header
// before it reads the payload, so that a file that is not a model, or
// declares more than the caller allows, is refused without reading it.
package modelcodec

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
)

// Magic starts every model file.
const Magic = "TOPICSMODEL"

// headerSize is the size of the magic, the version and the length.
const headerSize = len(Magic) + 4 + 8

// Errors of ReadFrame and Sections, wrapped with what went wrong.
var (
	// ErrNotModel: the input does not start with Magic.
	ErrNotModel = errors.New("not a topics model file")
	// ErrVersion: the file's format version is not the one asked for.
	ErrVersion = errors.New("unsupported model format version")
	// ErrCorrupt: the file is truncated, too long, fails its checksum, or
	// its payload is malformed.
	ErrCorrupt = errors.New("corrupt model file")
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Section is one part of a payload: a tag that says what it holds and its
// body.
type Section struct {
	Tag  uint64
	Body []byte
}

// WriteFrame writes a model file of the given version holding sections, in
// order, to w.
func WriteFrame(w io.Writer, version uint32, sections []Section) (int64, error) {
	var payload []byte
	for _, s := range sections {
		payload = binary.AppendUvarint(payload, s.Tag)
		payload = binary.AppendUvarint(payload, uint64(len(s.Body)))
		payload = append(payload, s.Body...)
	}
	head := make([]byte, 0, headerSize)
	head = append(head, Magic...)
	head = binary.LittleEndian.AppendUint32(head, version)
	head = binary.LittleEndian.AppendUint64(head, uint64(len(payload)))
	tail := binary.LittleEndian.AppendUint32(nil, crc32.Checksum(payload, castagnoli))
	var n int64
	for _, part := range [][]byte{head, payload, tail} {
		k, err := w.Write(part)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// ReadFrame reads a model file from r: it checks the magic, that the
// version is want, and that the declared payload length is at most limit
// bytes before reading the payload, then reads exactly the payload and its
// checksum, checks the checksum and that nothing follows. It returns the
// payload.
func ReadFrame(r io.Reader, want uint32, limit int64) ([]byte, error) {
	head := make([]byte, headerSize)
	n, err := io.ReadFull(r, head)
	if n < len(Magic) || !bytes.Equal(head[:len(Magic)], []byte(Magic)) {
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: it does not start with %q", ErrNotModel, Magic)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: truncated in the header (%d bytes)", ErrCorrupt, n)
	}
	if v := binary.LittleEndian.Uint32(head[len(Magic):]); v != want {
		hint := ""
		if v > want {
			hint = " (written by a newer topics?)"
		}
		return nil, fmt.Errorf("%w: format version %d, this program reads version %d%s", ErrVersion, v, want, hint)
	}
	length := binary.LittleEndian.Uint64(head[len(Magic)+4:])
	if length > uint64(limit) {
		return nil, fmt.Errorf("%w: the header announces a payload of %d bytes, more than the %d allowed", ErrCorrupt, length, limit)
	}
	body := make([]byte, int(length)+4)
	if n, err := io.ReadFull(r, body); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: truncated: the header announces %d payload bytes and a checksum, %d bytes follow", ErrCorrupt, length, n)
		}
		return nil, err
	}
	if k, _ := io.ReadFull(r, make([]byte, 1)); k > 0 {
		return nil, fmt.Errorf("%w: bytes after the checksum", ErrCorrupt)
	}
	payload := body[:length]
	if want, got := binary.LittleEndian.Uint32(body[length:]), crc32.Checksum(payload, castagnoli); want != got {
		return nil, fmt.Errorf("%w: checksum mismatch (CRC-32C %08x, want %08x)", ErrCorrupt, got, want)
	}
	return payload, nil
}

// Sections splits a payload into its sections.
func Sections(payload []byte) ([]Section, error) {
	var out []Section
	for len(payload) > 0 {
		tag, n := binary.Uvarint(payload)
		if n <= 0 {
			return nil, fmt.Errorf("%w: bad section tag", ErrCorrupt)
		}
		payload = payload[n:]
		size, n := binary.Uvarint(payload)
		if n <= 0 || size > uint64(len(payload)-n) {
			return nil, fmt.Errorf("%w: section %d: bad length", ErrCorrupt, tag)
		}
		payload = payload[n:]
		out = append(out, Section{Tag: tag, Body: payload[:size:size]})
		payload = payload[size:]
	}
	return out, nil
}

// Encoder appends values to a section body.
type Encoder struct{ b []byte }

// Bytes returns the body written so far.
func (e *Encoder) Bytes() []byte { return e.b }

// Int appends a signed varint.
func (e *Encoder) Int(v int) { e.b = binary.AppendVarint(e.b, int64(v)) }

// Bool appends one byte, 0 or 1.
func (e *Encoder) Bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// Float appends 8 little-endian bytes.
func (e *Encoder) Float(v float64) { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v)) }

// String appends a length and the bytes of s.
func (e *Encoder) String(s string) {
	e.Int(len(s))
	e.b = append(e.b, s...)
}

// Floats appends a count and the values.
func (e *Encoder) Floats(v []float64) {
	e.Int(len(v))
	e.b = slices.Grow(e.b, 8*len(v))
	for _, x := range v {
		e.Float(x)
	}
}

// Ints appends a count and the values.
func (e *Encoder) Ints(v []int) {
	e.Int(len(v))
	for _, x := range v {
		e.Int(x)
	}
}

// Strings appends a count and the strings.
func (e *Encoder) Strings(v []string) {
	e.Int(len(v))
	for _, s := range v {
		e.String(s)
	}
}

// Dense appends the length of m's binary form and the form
// (mat.Dense.MarshalBinary).
func (e *Encoder) Dense(m *mat.Dense) {
	b, err := m.MarshalBinary()
	if err != nil {
		panic("modelcodec: " + err.Error()) // only an empty matrix fails, which no model holds
	}
	e.Int(len(b))
	e.b = append(e.b, b...)
}

// Decoder reads what an Encoder wrote. The first error sticks: later reads
// return zero values, and Err reports it.
type Decoder struct {
	b   []byte
	err error
}

// NewDecoder returns a Decoder of body.
func NewDecoder(body []byte) *Decoder { return &Decoder{b: body} }

// Err returns the first error, or an error if bytes are left unread.
func (d *Decoder) Err() error {
	if d.err == nil && len(d.b) > 0 {
		return fmt.Errorf("%w: %d unread bytes at the end of a section", ErrCorrupt, len(d.b))
	}
	return d.err
}

// Fail records an error found by the caller, unless one is recorded.
func (d *Decoder) Fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
	}
	d.b = nil
}

// Failed reports whether an error was recorded.
func (d *Decoder) Failed() bool { return d.err != nil }

// Int reads a signed varint.
func (d *Decoder) Int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 || v != int64(int(v)) {
		d.Fail("the payload ends early or holds a bad integer")
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// Count reads a length whose elements take at least size bytes each, and
// checks that they fit in what is left.
func (d *Decoder) Count(size int) int {
	n := d.Int()
	if d.err == nil && (n < 0 || n > len(d.b)/size) {
		d.Fail("a length of %d does not fit in the %d bytes left", n, len(d.b))
		return 0
	}
	return n
}

// Bool reads one byte, 0 or 1.
func (d *Decoder) Bool() bool {
	if d.err != nil {
		return false
	}
	if len(d.b) == 0 || d.b[0] > 1 {
		d.Fail("the payload ends early or holds a bad boolean")
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

// Float reads 8 little-endian bytes.
func (d *Decoder) Float() float64 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 8 {
		d.Fail("the payload ends early")
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

// String reads a length and that many bytes.
func (d *Decoder) String() string {
	n := d.Count(1)
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// Floats reads a count and the values.
func (d *Decoder) Floats() []float64 {
	n := d.Count(8)
	if d.err != nil {
		return nil
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = d.Float()
	}
	return v
}

// Ints reads a count and the values.
func (d *Decoder) Ints() []int {
	n := d.Count(1)
	if d.err != nil {
		return nil
	}
	v := make([]int, n)
	for i := range v {
		v[i] = d.Int()
	}
	return v
}

// Strings reads a count and the strings.
func (d *Decoder) Strings() []string {
	n := d.Count(1)
	if d.err != nil {
		return nil
	}
	v := make([]string, n)
	for i := range v {
		v[i] = d.String()
	}
	return v
}

// Dense reads a matrix written by Encoder.Dense.
func (d *Decoder) Dense() *mat.Dense {
	n := d.Count(1)
	if d.err != nil {
		return nil
	}
	var m mat.Dense
	if err := m.UnmarshalBinary(d.b[:n]); err != nil {
		d.Fail("a matrix: %v", err)
		return nil
	}
	// UnmarshalBinary checks the length against rows·cols, a product that
	// may overflow: check the shape against the values it holds.
	r, c := m.Dims()
	if data := m.RawMatrix().Data; r < 1 || c < 1 || len(data)/c != r || len(data)%c != 0 {
		d.Fail("a matrix of %d×%d holds %d values", r, c, len(data))
		return nil
	}
	d.b = d.b[n:]
	return &m
}
