//go:build !amd64 || purego

package simd

// asmImpls returns the assembly kernels this machine can run: none.
func asmImpls() []impl { return nil }
