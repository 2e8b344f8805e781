// Package simd owns the few vector kernels on the hot paths of the LSA and
// k-means: in AVX2 assembly on amd64 machines that have it, on SSE on other
// amd64 machines (a dot product in assembly of its own, gonum's axpys), and
// in plain Go everywhere else and under the purego build tag:
//
//   - y += a·x in single and double precision (AxpyF32, AxpyF64);
//   - the same for many rows of one matrix in turn, y kept in registers
//     (AxpyRowsF32, AxpyRowsF64: sparse or dense rows times a matrix, Gram
//     matrices);
//   - one x added, scaled, to many rows, x kept in registers
//     (AxpyToRowsF32: products with a transposed sparse matrix);
//   - the single-precision dot product (DotF32).
//
// Results do not depend on the machine: every implementation performs the
// same floating-point operations in the same order as the Go fallback, so
// they return the same bits for any input without a NaN.
//
//   - Axpy (and AxpyRows and AxpyToRows, row after row) rounds each
//     product a·x[i] to the precision of the type, then adds it to y[i]
//     (no fused multiply-add, which would round once): the result is that
//     of the plain loop `y[i] += a * x[i]` on amd64, and of gonum's
//     floats.AddScaled (and of its Saxpy, except that Saxpy does nothing
//     when a = 0).
//   - DotF32 sums in a fixed order, set out in its doc comment: sixteen
//     partial sums, element i going to partial sum i mod 16, folded in
//     halves. Each product is rounded to float32 before it is added. The
//     error is at most about (n/16 + 5)·2⁻²⁴·Σ|x[i]·y[i]|.
//
// A NaN in the input gives a NaN where the plain loop gives one, but its
// sign and payload may differ between implementations (x86 propagates the
// first NaN operand, which depends on operand order).
//
// The Go fallback converts every product explicitly (float32(a*x)) so that
// no compiler may fuse it with the following addition: the Go specification
// allows fusing, and the compiler does fuse x*y + z where it can on arm64,
// ppc64, s390x, riscv64, loong64 and amd64 with GOAMD64=v3.
package simd
