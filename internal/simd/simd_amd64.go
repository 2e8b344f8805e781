//go:build !purego

package simd

import "golang.org/x/sys/cpu"

// The assembly kernels (simd_amd64.s) need AVX2; x/sys/cpu reports it only
// when the operating system also saves the YMM registers.

func axpyF32(a float32, x, y []float32) {
	if cpu.X86.HasAVX2 {
		axpyF32AVX2(a, x, y)
		return
	}
	axpyF32Go(a, x, y)
}

func axpyF64(a float64, x, y []float64) {
	if cpu.X86.HasAVX2 {
		axpyF64AVX2(a, x, y)
		return
	}
	axpyF64Go(a, x, y)
}

func axpyRowsF32(y, a, x []float32, off []int) {
	if cpu.X86.HasAVX2 {
		axpyRowsF32AVX2(y, a, x, off)
		return
	}
	axpyRowsF32Go(y, a, x, off)
}

func axpyRowsF64(y, a, x []float64, off []int) {
	if cpu.X86.HasAVX2 {
		axpyRowsF64AVX2(y, a, x, off)
		return
	}
	axpyRowsF64Go(y, a, x, off)
}

func axpyToRowsF32(a, x, y []float32, off []int) {
	if cpu.X86.HasAVX2 {
		axpyToRowsF32AVX2(a, x, y, off)
		return
	}
	axpyToRowsF32Go(a, x, y, off)
}

func dotF32(x, y []float32) float32 {
	if cpu.X86.HasAVX2 {
		return dotF32AVX2(x, y)
	}
	return dotF32Go(x, y)
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

// dotF32AVX2 is DotF32 in AVX2 assembly, for len(x) == len(y).
//
//go:noescape
func dotF32AVX2(x, y []float32) float32
