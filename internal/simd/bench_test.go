package simd

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/floats"
)

// benchSizes are the lengths of the call sites: 100 (LSA dimensions and
// k-means rows), 110 (the randomized SVD's basis), and a long vector.
var benchSizes = []int{16, 100, 110, 1000}

// benchImpls are the implementations to compare, with gonum's for
// reference.
func benchImpls() []impl {
	gonumImpl := impl{
		name:   "gonum",
		axpy32: func(a float32, x, y []float32) { gonum.Implementation{}.Saxpy(len(y), a, x, 1, y, 1) },
		axpy64: func(a float64, x, y []float64) { floats.AddScaled(y, a, x) },
		dot32:  func(x, y []float32) float32 { return gonum.Implementation{}.Sdot(len(x), x, 1, y, 1) },
	}
	return append([]impl{goImpl, gonumImpl}, asmImpls()...)
}

func BenchmarkAxpyF32(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range benchSizes {
		x, y := randVec32(r, n), randVec32(r, n)
		for _, im := range benchImpls() {
			b.Run(fmt.Sprintf("n=%d/%s", n, im.name), func(b *testing.B) {
				b.SetBytes(int64(8 * n))
				for b.Loop() {
					im.axpy32(1e-3, x, y)
				}
			})
		}
	}
}

func BenchmarkAxpyF64(b *testing.B) {
	r := rand.New(rand.NewPCG(2, 2))
	for _, n := range benchSizes {
		x, y := randVec64(r, n), randVec64(r, n)
		for _, im := range benchImpls() {
			b.Run(fmt.Sprintf("n=%d/%s", n, im.name), func(b *testing.B) {
				b.SetBytes(int64(16 * n))
				for b.Loop() {
					im.axpy64(1e-3, x, y)
				}
			})
		}
	}
}

func BenchmarkDotF32(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, n := range benchSizes {
		x, y := randVec32(r, n), randVec32(r, n)
		for _, im := range benchImpls() {
			b.Run(fmt.Sprintf("n=%d/%s", n, im.name), func(b *testing.B) {
				b.SetBytes(int64(8 * n))
				for b.Loop() {
					im.dot32(x, y)
				}
			})
		}
	}
}
