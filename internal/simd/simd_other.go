//go:build !amd64 || purego

package simd

func axpyF32(a float32, x, y []float32) { axpyF32Go(a, x, y) }

func axpyF64(a float64, x, y []float64) { axpyF64Go(a, x, y) }

func axpyRowsF32(y, a, x []float32, off []int) { axpyRowsF32Go(y, a, x, off) }

func axpyRowsF64(y, a, x []float64, off []int) { axpyRowsF64Go(y, a, x, off) }

func axpyToRowsF32(a, x, y []float32, off []int) { axpyToRowsF32Go(a, x, y, off) }

func dotF32(x, y []float32) float32 { return dotF32Go(x, y) }
