package simd

import (
	"encoding/binary"
	"math"
	"testing"
)

// floats32 splits b into float32 values (little-endian, any bits: NaNs,
// infinities and subnormals included).
func floats32(b []byte) []float32 {
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}

// FuzzKernels checks, on arbitrary bits, that every implementation gives
// the fallback's results (same bits, or NaN for NaN) and that the fallback
// axpy is the plain loop. The first value is a; the rest are split into x
// and y, which start off offset elements into their arrays.
func FuzzKernels(f *testing.F) {
	f.Add([]byte{0, 0, 128, 63, 1, 2, 3, 4, 5, 6, 7, 8}, uint8(0))
	f.Add(make([]byte, 4*41), uint8(3))
	seed := make([]byte, 4*67)
	for i := range seed {
		seed[i] = byte(i*37 + 11)
	}
	f.Add(seed, uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, offset uint8) {
		v := floats32(b)
		if len(v) < 1 {
			return
		}
		a, v := v[0], v[1:]
		n := len(v) / 2
		off := int(offset % 4)
		x := append(make([]float32, off), v[:n]...)[off:]
		y := append(make([]float32, off), v[n:2*n]...)[off:]

		want := goImpl.dot32(x, y)
		plainY := append([]float32(nil), y...)
		for i := range plainY {
			plainY[i] += float32(a * x[i]) // rounded first, as the kernels do
		}
		goY := append([]float32(nil), y...)
		goImpl.axpy32(a, x, goY)
		for i := range goY {
			if !same32(goY[i], plainY[i]) {
				t.Fatalf("go axpy32: y[%d] = %v, plain loop %v", i, goY[i], plainY[i])
			}
		}
		for _, im := range asmImpls() {
			if got := im.dot32(x, y); !same32(got, want) {
				t.Fatalf("%s dot32 = %v (%#x), go %v (%#x)", im.name, got, math.Float32bits(got), want, math.Float32bits(want))
			}
			gotY := append([]float32(nil), y...)
			im.axpy32(a, x, gotY)
			for i := range gotY {
				if !same32(gotY[i], goY[i]) {
					t.Fatalf("%s axpy32: y[%d] = %v, go %v", im.name, i, gotY[i], goY[i])
				}
			}
		}
	})
}
