package cluster

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/topics-dev/topics/internal/simd"
)

// Work is split into chunks whose bounds depend only on the problem size, never
// on the number of workers, and run by parallel.For. Each chunk is computed by
// one goroutine in a fixed order, and per-chunk partial results are reduced in
// chunk order, so results are bit-identical for any Workers value and
// GOMAXPROCS.

// chunkRows is the number of rows per chunk of the assignment and seeding steps.
const chunkRows = 256

// numChunks returns the number of chunks of size rows covering n rows.
func numChunks(n, size int) int { return (n + size - 1) / size }

// chunkBounds returns the rows [lo, hi) of chunk c.
func chunkBounds(c, size, n int) (lo, hi int) { return c * size, min(n, (c+1)*size) }

// Sub-blocks of the products below are small enough that gonum's Dgemm runs
// them serially (fewer than 4 blocks of 64×64 in the output): the chunks are
// already spread over the workers.
const (
	gemmRows = 64
	gemmCols = 192
)

// mulTransTo sets dst (m×nb, row-major) to a·bᵀ, where a is m×d and b is nb×d,
// both row-major. The result depends only on the shapes and values.
func mulTransTo(dst, a []float64, m int, b []float64, nb, d int) {
	impl := gonum.Implementation{} // pure Go, independent of blas64.Use
	for i0 := 0; i0 < m; i0 += gemmRows {
		mi := min(gemmRows, m-i0)
		for j0 := 0; j0 < nb; j0 += gemmCols {
			nj := min(gemmCols, nb-j0)
			impl.Dgemm(blas.NoTrans, blas.Trans, mi, nj, d,
				1, a[i0*d:], d, b[j0*d:], d,
				0, dst[i0*nb+j0:], nb)
		}
	}
}

// dot32 returns the dot product of x and y, of equal lengths, in single
// precision: simd.DotF32, whose fixed summation order (sixteen partial sums
// folded in halves) gives the same bits on every machine. For unit vectors
// of a few hundred dimensions its error is a few units of float32 rounding
// (about 1e-7), far below the differences between centroids that decide an
// assignment; a near tie may then go either way, but always the same way for
// the same input.
func dot32(x, y []float32) float64 {
	return float64(simd.DotF32(x, y))
}

// dots32 sets dst (m×nb, row-major) to the dot products (dot32) of the rows
// of a (m×d) with the rows of b (nb×d).
func dots32(dst []float64, a []float32, m int, b []float32, nb, d int) {
	for i := range m {
		x := a[i*d : (i+1)*d]
		out := dst[i*nb : (i+1)*nb]
		for j := range out {
			out[j] = dot32(x, b[j*d:(j+1)*d])
		}
	}
}

// toFloat32 sets dst to src rounded to float32.
func toFloat32(dst []float32, src []float64) {
	for i, v := range src {
		dst[i] = float32(v)
	}
}
