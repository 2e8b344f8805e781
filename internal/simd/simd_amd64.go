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

func dotsF32(dst, x, b []float32, stride int) {
	k := 0
	if cpu.X86.HasAVX2 {
		k = dotsF32Groups(dst, x, b, stride)
	}
	for ; k < len(dst); k++ {
		dst[k] = dotF32(x, b[k*stride:k*stride+len(x)])
	}
}

// dotsF32Groups computes the first rows of DotsF32, four at a time, in
// assembly, and returns how many it did. When len(x) is not a multiple of
// 16 the assembly reads 16 values from each row's tail on (past the row's
// end, masked): the groups must keep those reads within b, except for the
// last row of b, whose tail is then passed as a copy.
func dotsF32Groups(dst, x, b []float32, stride int) int {
	n := len(x)
	ct := n &^ 15
	groups := len(dst) / 4
	fits := func(row int) bool { return row*stride+ct+16 <= len(b) }
	var xt, yt [16]float32 // x's tail, the last row's tail, then zeros
	last := 0              // the length of yt, when the last row needs it
	if n > ct {
		for groups > 0 && !fits(4*groups-2) {
			groups--
		}
		if groups > 0 && !fits(4*groups-1) {
			row := (4*groups - 1) * stride
			last = copy(yt[:], b[row+ct:row+n])
		}
	}
	if groups == 0 {
		return 0
	}
	copy(xt[:], x[ct:])
	dotsF32AVX2(dst[:4*groups], x, xt[:], yt[:last], b, stride)
	return 4 * groups
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

// dotsF32AVX2 is DotsF32 for len(dst) a multiple of 4, with xt holding the
// last len(x) mod 16 values of x and zeros, and 16 values from each row's
// tail within b, but for the last row if yt (its tail and zeros) is not
// empty.
//
//go:noescape
func dotsF32AVX2(dst, x, xt, yt, b []float32, stride int)

// dotF32AVX2 is DotF32 in AVX2 assembly, for len(x) == len(y).
//
//go:noescape
func dotF32AVX2(x, y []float32) float32
