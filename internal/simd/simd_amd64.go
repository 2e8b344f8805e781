//go:build !purego

package simd

import (
	"golang.org/x/sys/cpu"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/floats"
)

// The assembly kernels (simd_amd64.s) need AVX2; x/sys/cpu reports it only
// when the operating system also saves the YMM registers. Without it, the
// kernels run on SSE, which every amd64 processor has: the dot product in
// assembly of its own (dotF32SSE, the order of DotF32), the axpys on
// gonum's SSE kernels, which also multiply, round, then add (the tests
// check that they give the fallback's bits).

func axpyF32(a float32, x, y []float32) {
	if cpu.X86.HasAVX2 {
		axpyF32AVX2(a, x, y)
		return
	}
	axpyF32SSE(a, x, y)
}

func axpyF64(a float64, x, y []float64) {
	if cpu.X86.HasAVX2 {
		axpyF64AVX2(a, x, y)
		return
	}
	axpyF64SSE(a, x, y)
}

func axpyRowsF32(y, a, x []float32, off []int) {
	if cpu.X86.HasAVX2 {
		axpyRowsF32AVX2(y, a, x, off)
		return
	}
	axpyRowsF32SSE(y, a, x, off)
}

func axpyRowsF64(y, a, x []float64, off []int) {
	if cpu.X86.HasAVX2 {
		axpyRowsF64AVX2(y, a, x, off)
		return
	}
	axpyRowsF64SSE(y, a, x, off)
}

func axpyToRowsF32(a, x, y []float32, off []int) {
	if cpu.X86.HasAVX2 {
		axpyToRowsF32AVX2(a, x, y, off)
		return
	}
	axpyToRowsF32SSE(a, x, y, off)
}

func dotF32(x, y []float32) float32 {
	if cpu.X86.HasAVX2 {
		return dotF32AVX2(x, y)
	}
	return dotF32SSE(x, y)
}

// axpyF32SSE is AxpyF32 on gonum's SSE kernel, but for a = 0, which
// gonum's Saxpy skips (as BLAS does) where AxpyF32 adds 0·x[i] (-0 + 0 is
// +0; 0·Inf is NaN).
func axpyF32SSE(a float32, x, y []float32) {
	if a == 0 {
		axpyF32Go(a, x, y)
		return
	}
	gonum.Implementation{}.Saxpy(len(x), a, x, 1, y, 1)
}

// axpyF64SSE is AxpyF64 on gonum's SSE kernel.
func axpyF64SSE(a float64, x, y []float64) { floats.AddScaled(y, a, x) }

// axpyRowsF32SSE is AxpyRowsF32 on gonum's SSE kernel, row by row.
func axpyRowsF32SSE(y, a, x []float32, off []int) {
	for j, o := range off {
		axpyF32SSE(a[j], x[o:o+len(y)], y)
	}
}

// axpyRowsF64SSE is AxpyRowsF64 on gonum's SSE kernel, row by row.
func axpyRowsF64SSE(y, a, x []float64, off []int) {
	for j, o := range off {
		axpyF64SSE(a[j], x[o:o+len(y)], y)
	}
}

// axpyToRowsF32SSE is AxpyToRowsF32 on gonum's SSE kernel, row by row.
func axpyToRowsF32SSE(a, x, y []float32, off []int) {
	for j, o := range off {
		axpyF32SSE(a[j], x, y[o:o+len(x)])
	}
}

// axpyF32AVX2 is AxpyF32 in AVX2 assembly, for len(x) == len(y).
//
//go:noescape
func axpyF32AVX2(a float32, x, y []float32)

// axpyF64AVX2 is AxpyF64 in AVX2 assembly, for len(x) == len(y).
//
//go:noescape
func axpyF64AVX2(a float64, x, y []float64)

// axpyRowsF32AVX2 is AxpyRowsF32 in AVX2 assembly, for checked offsets.
//
//go:noescape
func axpyRowsF32AVX2(y, a, x []float32, off []int)

// axpyRowsF64AVX2 is AxpyRowsF64 in AVX2 assembly, for checked offsets.
//
//go:noescape
func axpyRowsF64AVX2(y, a, x []float64, off []int)

// axpyToRowsF32AVX2 is AxpyToRowsF32 in AVX2 assembly, for checked
// offsets.
//
//go:noescape
func axpyToRowsF32AVX2(a, x, y []float32, off []int)

// dotF32SSE is DotF32 in SSE assembly, for len(x) == len(y).
//
//go:noescape
func dotF32SSE(x, y []float32) float32

// dotF32AVX2 is DotF32 in AVX2 assembly, for len(x) == len(y).
//
//go:noescape
func dotF32AVX2(x, y []float32) float32
