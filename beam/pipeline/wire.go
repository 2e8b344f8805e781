package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The elements that cross stages are encoded by hand: Beam's default coder
// for a Go struct is JSON, far too slow for blocks of floats. Every encoding
// is a sequence of the primitives below, little-endian; a decoder checks
// that it consumes its input exactly.

// wbuf is an encoding under construction.
type wbuf struct{ b []byte }

// sized returns a wbuf with room for about n bytes, so that a large element
// is encoded without growing its buffer.
func sized(n int) wbuf { return wbuf{b: make([]byte, 0, n+64)} }

func (w *wbuf) int(v int) { w.b = binary.AppendVarint(w.b, int64(v)) }

func (w *wbuf) float(v float64) { w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(v)) }

func (w *wbuf) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *wbuf) str(s string) {
	w.int(len(s))
	w.b = append(w.b, s...)
}

func (w *wbuf) strs(s []string) {
	w.int(len(s))
	for _, v := range s {
		w.str(v)
	}
}

func (w *wbuf) floats(f []float64) {
	w.int(len(f))
	w.b = growBy(w.b, 8*len(f))
	at := len(w.b) - 8*len(f)
	for i, v := range f {
		binary.LittleEndian.PutUint64(w.b[at+8*i:], math.Float64bits(v))
	}
}

func (w *wbuf) ints(s []int) {
	w.int(len(s))
	for _, v := range s {
		w.int(v)
	}
}

func (w *wbuf) int64s(s []int64) {
	w.int(len(s))
	for _, v := range s {
		w.b = binary.AppendVarint(w.b, v)
	}
}

func (w *wbuf) int32s(s []int32) {
	w.int(len(s))
	w.b = growBy(w.b, 4*len(s))
	at := len(w.b) - 4*len(s)
	for i, v := range s {
		binary.LittleEndian.PutUint32(w.b[at+4*i:], uint32(v))
	}
}

// growBy returns b extended by n bytes.
func growBy(b []byte, n int) []byte {
	if cap(b)-len(b) < n {
		nb := make([]byte, len(b), 2*cap(b)+n)
		copy(nb, b)
		b = nb
	}
	return b[:len(b)+n]
}

// rbuf reads an encoding; the first error sticks and later reads return
// zero values.
type rbuf struct {
	b   []byte
	err error
}

var errShort = errors.New("truncated element")

func (r *rbuf) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.b = nil
}

func (r *rbuf) int() int {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail(errShort)
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// count reads a length and checks that at least size·length bytes follow.
func (r *rbuf) count(size int) int {
	n := r.int()
	if n < 0 || n > len(r.b)/max(size, 1) {
		r.fail(fmt.Errorf("bad length %d", n))
		return 0
	}
	return n
}

func (r *rbuf) float() float64 {
	if len(r.b) < 8 {
		r.fail(errShort)
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

func (r *rbuf) bool() bool {
	if len(r.b) < 1 || r.b[0] > 1 {
		r.fail(errShort)
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

func (r *rbuf) str() string {
	n := r.count(1)
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *rbuf) strs() []string {
	n := r.count(1)
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *rbuf) floats() []float64 {
	n := r.count(8)
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(r.b[8*i:]))
	}
	r.b = r.b[8*n:]
	return out
}

func (r *rbuf) ints() []int {
	n := r.count(1)
	out := make([]int, n)
	for i := range out {
		out[i] = r.int()
	}
	return out
}

func (r *rbuf) int64s() []int64 {
	n := r.count(1)
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(r.int())
	}
	return out
}

func (r *rbuf) int32s() []int32 {
	n := r.count(4)
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(binary.LittleEndian.Uint32(r.b[4*i:]))
	}
	r.b = r.b[4*n:]
	return out
}

// done returns the first error, or an error if bytes are left over, naming
// what was decoded.
func (r *rbuf) done(what string) error {
	if r.err == nil && len(r.b) > 0 {
		r.err = fmt.Errorf("%d bytes left over", len(r.b))
	}
	if r.err != nil {
		return fmt.Errorf("topics-beam: decoding %s: %w", what, r.err)
	}
	return nil
}
