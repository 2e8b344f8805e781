//go:build !amd64 || purego

package simd

func axpyF32(a float32, x, y []float32) { axpyF32Go(a, x, y) }

func axpyF64(a float64, x, y []float64) { axpyF64Go(a, x, y) }

func dotF32(x, y []float32) float32 { return dotF32Go(x, y) }
