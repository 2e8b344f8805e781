//go:build !purego

#include "textflag.h"

// The kernels of simd_amd64.go. Go's assembler writes the operands of a VEX
// instruction in the reverse of Intel's order: VMULPS Y2, Y1, Y3 is
// Y3 = Y1 * Y2. No kernel reads or writes outside the slices it is given.

// func axpyF32AVX2(a float32, x, y []float32)
TEXT ·axpyF32AVX2(SB), NOSPLIT, $0-56
	MOVQ         x_base+8(FP), SI
	MOVQ         y_base+32(FP), DI
	MOVQ         y_len+40(FP), CX
	VBROADCASTSS a+0(FP), Y0
	XORQ         AX, AX
	MOVQ         CX, DX
	ANDQ         $-32, DX                 // DX = n rounded down to a multiple of 32

axpy32_loop32:
	CMPQ    AX, DX
	JGE     axpy32_tail8
	VMULPS  (SI)(AX*4), Y0, Y1            // Y1 = a * x[i:i+8]
	VMULPS  32(SI)(AX*4), Y0, Y2
	VMULPS  64(SI)(AX*4), Y0, Y3
	VMULPS  96(SI)(AX*4), Y0, Y4
	VADDPS  (DI)(AX*4), Y1, Y1            // Y1 += y[i:i+8]
	VADDPS  32(DI)(AX*4), Y2, Y2
	VADDPS  64(DI)(AX*4), Y3, Y3
	VADDPS  96(DI)(AX*4), Y4, Y4
	VMOVUPS Y1, (DI)(AX*4)
	VMOVUPS Y2, 32(DI)(AX*4)
	VMOVUPS Y3, 64(DI)(AX*4)
	VMOVUPS Y4, 96(DI)(AX*4)
	ADDQ    $32, AX
	JMP     axpy32_loop32

axpy32_tail8:
	MOVQ CX, DX
	ANDQ $-8, DX                          // DX = n rounded down to a multiple of 8

axpy32_loop8:
	CMPQ    AX, DX
	JGE     axpy32_loop1
	VMULPS  (SI)(AX*4), Y0, Y1
	VADDPS  (DI)(AX*4), Y1, Y1
	VMOVUPS Y1, (DI)(AX*4)
	ADDQ    $8, AX
	JMP     axpy32_loop8

axpy32_loop1:
	CMPQ   AX, CX
	JGE    axpy32_done
	VMOVSS (SI)(AX*4), X1
	VMULSS X1, X0, X1                     // X1 = a * x[i]
	VADDSS (DI)(AX*4), X1, X1             // X1 += y[i]
	VMOVSS X1, (DI)(AX*4)
	INCQ   AX
	JMP    axpy32_loop1

axpy32_done:
	VZEROUPPER
	RET

// func axpyF64AVX2(a float64, x, y []float64)
TEXT ·axpyF64AVX2(SB), NOSPLIT, $0-56
	MOVQ         x_base+8(FP), SI
	MOVQ         y_base+32(FP), DI
	MOVQ         y_len+40(FP), CX
	VBROADCASTSD a+0(FP), Y0
	XORQ         AX, AX
	MOVQ         CX, DX
	ANDQ         $-16, DX                 // DX = n rounded down to a multiple of 16

axpy64_loop16:
	CMPQ    AX, DX
	JGE     axpy64_tail4
	VMULPD  (SI)(AX*8), Y0, Y1            // Y1 = a * x[i:i+4]
	VMULPD  32(SI)(AX*8), Y0, Y2
	VMULPD  64(SI)(AX*8), Y0, Y3
	VMULPD  96(SI)(AX*8), Y0, Y4
	VADDPD  (DI)(AX*8), Y1, Y1            // Y1 += y[i:i+4]
	VADDPD  32(DI)(AX*8), Y2, Y2
	VADDPD  64(DI)(AX*8), Y3, Y3
	VADDPD  96(DI)(AX*8), Y4, Y4
	VMOVUPD Y1, (DI)(AX*8)
	VMOVUPD Y2, 32(DI)(AX*8)
	VMOVUPD Y3, 64(DI)(AX*8)
	VMOVUPD Y4, 96(DI)(AX*8)
	ADDQ    $16, AX
	JMP     axpy64_loop16

axpy64_tail4:
	MOVQ CX, DX
	ANDQ $-4, DX                          // DX = n rounded down to a multiple of 4

axpy64_loop4:
	CMPQ    AX, DX
	JGE     axpy64_loop1
	VMULPD  (SI)(AX*8), Y0, Y1
	VADDPD  (DI)(AX*8), Y1, Y1
	VMOVUPD Y1, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     axpy64_loop4

axpy64_loop1:
	CMPQ   AX, CX
	JGE    axpy64_done
	VMOVSD (SI)(AX*8), X1
	VMULSD X1, X0, X1                     // X1 = a * x[i]
	VADDSD (DI)(AX*8), X1, X1             // X1 += y[i]
	VMOVSD X1, (DI)(AX*8)
	INCQ   AX
	JMP    axpy64_loop1

axpy64_done:
	VZEROUPPER
	RET

// func dotF32AVX2(x, y []float32) float32
//
// The sixteen partial sums of DotF32 are the lanes of Y0 (s[0..7]) and Y1
// (s[8..15]). Full blocks of 16 elements are added to them; the last
// n mod 16 products are gathered, with zeros in the lanes they do not
// reach, into Y2 (and Y3) and added once. Adding a zero leaves a partial
// sum's bits unchanged: partial sums start at +0 and can never become -0.
TEXT ·dotF32AVX2(SB), NOSPLIT, $0-52
	MOVQ   x_base+0(FP), SI
	MOVQ   y_base+24(FP), DI
	MOVQ   x_len+8(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	XORQ   AX, AX
	MOVQ   CX, DX
	ANDQ   $-16, DX                       // DX = n rounded down to a multiple of 16

dot_loop16:
	CMPQ    AX, DX
	JGE     dot_tail
	VMOVUPS (SI)(AX*4), Y2
	VMOVUPS 32(SI)(AX*4), Y3
	VMULPS  (DI)(AX*4), Y2, Y2            // Y2 = x[i:i+8] * y[i:i+8]
	VMULPS  32(DI)(AX*4), Y3, Y3
	VADDPS  Y2, Y0, Y0                    // s[0..7] += Y2
	VADDPS  Y3, Y1, Y1                    // s[8..15] += Y3
	ADDQ    $16, AX
	JMP     dot_loop16

dot_tail:
	SUBQ AX, CX                           // CX = n mod 16, the elements left
	JZ   dot_reduce
	CMPQ CX, $8
	JLT  dot_rest

	// Eight products for s[0..7]; the rest go to s[8..15], so Y0 and Y1
	// swap roles (the fold below adds them symmetrically).
	VMOVUPS (SI)(AX*4), Y2
	VMULPS  (DI)(AX*4), Y2, Y2
	VADDPS  Y2, Y0, Y2
	VMOVAPS Y1, Y0
	VMOVAPS Y2, Y1
	ADDQ    $8, AX
	SUBQ    $8, CX
	JZ      dot_reduce

dot_rest:
	// 1 to 7 products for the lanes of Y0, in Y2.
	CMPQ CX, $4
	JLT  dot_rest_short
	VMOVUPS (SI)(AX*4), X2                // a VEX.128 load clears Y2's upper lanes
	VMULPS  (DI)(AX*4), X2, X2
	ADDQ    $4, AX
	SUBQ    $4, CX
	JZ      dot_rest_add

	// 1 to 3 products for lanes 4..6 of Y0.
	VMOVSS (SI)(AX*4), X4
	VMOVSS (DI)(AX*4), X5
	CMPQ   CX, $2
	JLT    dot_hi_mul
	VINSERTPS $0x10, 4(SI)(AX*4), X4, X4
	VINSERTPS $0x10, 4(DI)(AX*4), X5, X5
	CMPQ   CX, $3
	JLT    dot_hi_mul
	VINSERTPS $0x20, 8(SI)(AX*4), X4, X4
	VINSERTPS $0x20, 8(DI)(AX*4), X5, X5

dot_hi_mul:
	VMULPS      X5, X4, X4
	VINSERTF128 $1, X4, Y2, Y2
	JMP         dot_rest_add

dot_rest_short:
	// 1 to 3 products for lanes 0..2 of Y0.
	VMOVSS (SI)(AX*4), X4
	VMOVSS (DI)(AX*4), X5
	CMPQ   CX, $2
	JLT    dot_lo_mul
	VINSERTPS $0x10, 4(SI)(AX*4), X4, X4
	VINSERTPS $0x10, 4(DI)(AX*4), X5, X5
	CMPQ   CX, $3
	JLT    dot_lo_mul
	VINSERTPS $0x20, 8(SI)(AX*4), X4, X4
	VINSERTPS $0x20, 8(DI)(AX*4), X5, X5

dot_lo_mul:
	VMULPS X5, X4, X2                     // clears Y2's upper lanes

dot_rest_add:
	VADDPS Y2, Y0, Y0

dot_reduce:
	VADDPS       Y1, Y0, Y0               // s[j] += s[j+8]
	VEXTRACTF128 $1, Y0, X1
	VADDPS       X1, X0, X0               // s[j] += s[j+4]
	VMOVHLPS     X0, X0, X1               // X1[0:2] = X0[2:4]
	VADDPS       X1, X0, X0               // s[j] += s[j+2]
	VMOVSHDUP    X0, X1                   // X1[0] = X0[1]
	VADDSS       X1, X0, X0               // s[0] + s[1]
	VZEROUPPER
	MOVSS        X0, ret+48(FP)
	RET
