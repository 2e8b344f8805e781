package cluster

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
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
