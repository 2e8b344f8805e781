//go:build !purego

package simd

import "golang.org/x/sys/cpu"

// asmImpls returns the assembly kernels this machine can run, by name: the
// SSE ones (what a machine without AVX2 runs) and, with AVX2, the AVX2
// ones.
func asmImpls() []impl {
	impls := []impl{{"sse", axpyF32SSE, axpyF64SSE, dotF32SSE, axpyRowsF32SSE, axpyRowsF64SSE, axpyToRowsF32SSE}}
	if cpu.X86.HasAVX2 {
		impls = append(impls, impl{"avx2", axpyF32AVX2, axpyF64AVX2, dotF32AVX2, axpyRowsF32AVX2, axpyRowsF64AVX2, axpyToRowsF32AVX2})
	}
	return impls
}
