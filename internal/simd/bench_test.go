package simd

import (
	"fmt"
	"math/rand/v2"
	"slices"
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
		rows32: func(y, a, x []float32, off []int) {
			for j, o := range off {
				gonum.Implementation{}.Saxpy(len(y), a[j], x[o:o+len(y)], 1, y, 1)
			}
		},
		rows64: func(y, a, x []float64, off []int) {
			for j, o := range off {
				floats.AddScaled(y, a[j], x[o:o+len(y)])
			}
		},
		to32: func(a, x, y []float32, off []int) {
			for j, o := range off {
				gonum.Implementation{}.Saxpy(len(x), a[j], x, 1, y[o:o+len(x)], 1)
			}
		},
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

// BenchmarkAxpyRows adds 58 rows (the mean number of terms of a 20
// Newsgroups document), of 110 elements (the randomized SVD's basis), drawn
// from a table of 20,000 rows (far larger than the caches, like the terms'
// rows of the basis): AxpyRows against one axpy per row.
func BenchmarkAxpyRows(b *testing.B) {
	const n, m, table = 110, 58, 20000
	r := rand.New(rand.NewPCG(4, 4))
	x32, x64 := randVec32(r, table*n), randVec64(r, table*n)
	y32, y64 := make([]float32, n), make([]float64, n)
	a32, a64 := randVec32(r, m), randVec64(r, m)
	offs := make([][]int, 512) // many documents, so rows are mostly not cached
	for d := range offs {
		offs[d] = make([]int, m)
		for j := range offs[d] {
			offs[d][j] = r.IntN(table) * n
		}
	}
	for _, im := range benchImpls() {
		b.Run("f32/"+im.name, func(b *testing.B) {
			b.SetBytes(int64(4 * n * m))
			d := 0
			for b.Loop() {
				im.rows32(y32, a32, x32, offs[d%len(offs)])
				d++
			}
		})
		b.Run("f64/"+im.name, func(b *testing.B) {
			b.SetBytes(int64(8 * n * m))
			d := 0
			for b.Loop() {
				im.rows64(y64, a64, x64, offs[d%len(offs)])
				d++
			}
		})
	}
}

// BenchmarkAxpyToRows adds one row of 110 elements, scaled, to 29 rows (a
// document's terms in one of two column ranges) of a 20,000-row table:
// AxpyToRows against one axpy per row.
func BenchmarkAxpyToRows(b *testing.B) {
	const n, m, table = 110, 29, 20000
	r := rand.New(rand.NewPCG(5, 5))
	y := make([]float32, table*n)
	x, a := randVec32(r, n), randVec32(r, m)
	offs := make([][]int, 512)
	for d := range offs {
		rows := r.Perm(table)[:m]
		slices.Sort(rows)
		offs[d] = make([]int, m)
		for j, row := range rows {
			offs[d][j] = row * n
		}
	}
	for _, im := range benchImpls() {
		b.Run(im.name, func(b *testing.B) {
			b.SetBytes(int64(4 * n * m))
			d := 0
			for b.Loop() {
				im.to32(a, x, y, offs[d%len(offs)])
				d++
			}
		})
	}
}
