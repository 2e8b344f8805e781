//go:build !purego

package simd

import "golang.org/x/sys/cpu"

// asmImpls returns the assembly kernels this machine can run, by name.
func asmImpls() []impl {
	if !cpu.X86.HasAVX2 {
		return nil
	}
	return []impl{{"avx2", axpyF32AVX2, axpyF64AVX2, dotF32AVX2, axpyRowsF32AVX2, axpyRowsF64AVX2, axpyToRowsF32AVX2}}
}
