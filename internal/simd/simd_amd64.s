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

// func axpyRows…AVX2(y, a, x []float…, off []int)
//
// The rows are added to strips of y held in registers, in order
// j = 0, 1, ...: first to the tail of y beyond the last full strip (four
// windows of one register, kept in Y9..Y12), then to each strip of four
// registers (Y0..Y3), stored when done; the tail is stored last. Each
// element sees the operations of successive axpys. Four independent sums
// per pass keep the adders busy; the lines of each row's next strip are
// prefetched. Fewer elements than one register are done one at a time.
// ROWS32_WINDOWS sets AX, DX, R12, R13 to the starts of the four
// windows of 8 elements that cover the tail after the strips of 32:
// min(e, n-8), min(e+8, n-8), min(e+16, n-8) and n-8, for e = n rounded
// down to a multiple of 32 (n in CX). Windows may overlap one another and the
// last strip; every element is computed from the original y with the same
// operations wherever it is computed, so storing it twice is harmless.
#define ROWS32_WINDOWS \
	MOVQ    CX, R12; \
	ANDQ    $-32, R12; \
	LEAQ    -8(CX), R13; \
	MOVQ    R12, AX; \
	CMPQ    AX, R13; \
	CMOVQGT R13, AX; \
	LEAQ    8(R12), DX; \
	CMPQ    DX, R13; \
	CMOVQGT R13, DX; \
	ADDQ    $16, R12; \
	CMPQ    R12, R13; \
	CMOVQGT R13, R12

// func axpyRowsF32AVX2(y, a, x []float32, off []int)
TEXT ·axpyRowsF32AVX2(SB), NOSPLIT, $0-96
	MOVQ y_base+0(FP), DI
	MOVQ y_len+8(FP), CX
	MOVQ a_base+24(FP), R8
	MOVQ a_len+32(FP), R9
	MOVQ x_base+48(FP), SI
	MOVQ off_base+72(FP), R10
	XORQ AX, AX
	CMPQ CX, $8
	JLT  rows32_short                        // fewer than 8 elements: one at a time
	MOVQ CX, R12
	ANDQ $-32, R12                        // R12 = end of the strips
	CMPQ R12, CX
	JEQ  rows32_strips

	// The tail, in windows at AX, DX, R12, R13 (Y9..Y12), held in
	// registers until the strips are stored.
	ROWS32_WINDOWS
	VMOVUPS (DI)(AX*4), Y9
	VMOVUPS (DI)(DX*4), Y10
	VMOVUPS (DI)(R12*4), Y11
	VMOVUPS (DI)(R13*4), Y12
	XORQ    BX, BX                        // BX = j

rows32_tailrow:
	CMPQ   BX, R9
	JGE    rows32_strips
	MOVQ   (R10)(BX*8), R11
	LEAQ   (SI)(R11*4), R11             // R11 = &x[off[j]]
	VBROADCASTSS (R8)(BX*4), Y4
	VMULPS (R11)(AX*4), Y4, Y5
	VMULPS (R11)(DX*4), Y4, Y6
	VMULPS (R11)(R12*4), Y4, Y7
	VMULPS (R11)(R13*4), Y4, Y8
	VADDPS Y5, Y9, Y9
	VADDPS Y6, Y10, Y10
	VADDPS Y7, Y11, Y11
	VADDPS Y8, Y12, Y12
	INCQ   BX
	JMP    rows32_tailrow

rows32_strips:
	MOVQ CX, R12
	ANDQ $-32, R12
	XORQ AX, AX

rows32_strip:
	CMPQ    AX, R12
	JGE     rows32_tailstore
	VMOVUPS (DI)(AX*4), Y0
	VMOVUPS 32(DI)(AX*4), Y1
	VMOVUPS 64(DI)(AX*4), Y2
	VMOVUPS 96(DI)(AX*4), Y3
	XORQ    BX, BX

rows32_row:
	CMPQ       BX, R9
	JGE        rows32_store
	MOVQ       (R10)(BX*8), R11
	ADDQ       AX, R11
	LEAQ       (SI)(R11*4), R11           // R11 = &x[off[j]+AX]
	VBROADCASTSS (R8)(BX*4), Y4
	PREFETCHT0 128(R11)                     // the row's next strip
	PREFETCHT0 192(R11)
	VMULPS (R11), Y4, Y5
	VMULPS 32(R11), Y4, Y6
	VMULPS 64(R11), Y4, Y7
	VMULPS 96(R11), Y4, Y8
	VADDPS Y5, Y0, Y0
	VADDPS Y6, Y1, Y1
	VADDPS Y7, Y2, Y2
	VADDPS Y8, Y3, Y3
	INCQ       BX
	JMP        rows32_row

rows32_store:
	VMOVUPS Y0, (DI)(AX*4)
	VMOVUPS Y1, 32(DI)(AX*4)
	VMOVUPS Y2, 64(DI)(AX*4)
	VMOVUPS Y3, 96(DI)(AX*4)
	ADDQ    $32, AX
	JMP     rows32_strip

rows32_tailstore:
	CMPQ R12, CX
	JEQ  rows32_done
	ROWS32_WINDOWS
	VMOVUPS Y9, (DI)(AX*4)
	VMOVUPS Y10, (DI)(DX*4)
	VMOVUPS Y11, (DI)(R12*4)
	VMOVUPS Y12, (DI)(R13*4)
	JMP     rows32_done

rows32_short:
	CMPQ   AX, CX
	JGE    rows32_done
	VMOVSS (DI)(AX*4), X0
	XORQ   BX, BX

rows32_shortrow:
	CMPQ   BX, R9
	JGE    rows32_shortstore
	MOVQ   (R10)(BX*8), R11
	LEAQ   (SI)(R11*4), R11
	VMOVSS (R8)(BX*4), X4
	VMULSS (R11)(AX*4), X4, X5
	VADDSS X5, X0, X0
	INCQ   BX
	JMP    rows32_shortrow

rows32_shortstore:
	VMOVSS X0, (DI)(AX*4)
	INCQ   AX
	JMP    rows32_short

rows32_done:
	VZEROUPPER
	RET

// ROWS64_WINDOWS sets AX, DX, R12, R13 to the starts of the four
// windows of 4 elements that cover the tail after the strips of 16:
// min(e, n-4), min(e+4, n-4), min(e+8, n-4) and n-4, for e = n rounded
// down to a multiple of 16 (n in CX). Windows may overlap one another and the
// last strip; every element is computed from the original y with the same
// operations wherever it is computed, so storing it twice is harmless.
#define ROWS64_WINDOWS \
	MOVQ    CX, R12; \
	ANDQ    $-16, R12; \
	LEAQ    -4(CX), R13; \
	MOVQ    R12, AX; \
	CMPQ    AX, R13; \
	CMOVQGT R13, AX; \
	LEAQ    4(R12), DX; \
	CMPQ    DX, R13; \
	CMOVQGT R13, DX; \
	ADDQ    $8, R12; \
	CMPQ    R12, R13; \
	CMOVQGT R13, R12

// func axpyRowsF64AVX2(y, a, x []float64, off []int)
TEXT ·axpyRowsF64AVX2(SB), NOSPLIT, $0-96
	MOVQ y_base+0(FP), DI
	MOVQ y_len+8(FP), CX
	MOVQ a_base+24(FP), R8
	MOVQ a_len+32(FP), R9
	MOVQ x_base+48(FP), SI
	MOVQ off_base+72(FP), R10
	XORQ AX, AX
	CMPQ CX, $4
	JLT  rows64_short                        // fewer than 4 elements: one at a time
	MOVQ CX, R12
	ANDQ $-16, R12                        // R12 = end of the strips
	CMPQ R12, CX
	JEQ  rows64_strips

	// The tail, in windows at AX, DX, R12, R13 (Y9..Y12), held in
	// registers until the strips are stored.
	ROWS64_WINDOWS
	VMOVUPD (DI)(AX*8), Y9
	VMOVUPD (DI)(DX*8), Y10
	VMOVUPD (DI)(R12*8), Y11
	VMOVUPD (DI)(R13*8), Y12
	XORQ    BX, BX                        // BX = j

rows64_tailrow:
	CMPQ   BX, R9
	JGE    rows64_strips
	MOVQ   (R10)(BX*8), R11
	LEAQ   (SI)(R11*8), R11             // R11 = &x[off[j]]
	VBROADCASTSD (R8)(BX*8), Y4
	VMULPD (R11)(AX*8), Y4, Y5
	VMULPD (R11)(DX*8), Y4, Y6
	VMULPD (R11)(R12*8), Y4, Y7
	VMULPD (R11)(R13*8), Y4, Y8
	VADDPD Y5, Y9, Y9
	VADDPD Y6, Y10, Y10
	VADDPD Y7, Y11, Y11
	VADDPD Y8, Y12, Y12
	INCQ   BX
	JMP    rows64_tailrow

rows64_strips:
	MOVQ CX, R12
	ANDQ $-16, R12
	XORQ AX, AX

rows64_strip:
	CMPQ    AX, R12
	JGE     rows64_tailstore
	VMOVUPD (DI)(AX*8), Y0
	VMOVUPD 32(DI)(AX*8), Y1
	VMOVUPD 64(DI)(AX*8), Y2
	VMOVUPD 96(DI)(AX*8), Y3
	XORQ    BX, BX

rows64_row:
	CMPQ       BX, R9
	JGE        rows64_store
	MOVQ       (R10)(BX*8), R11
	ADDQ       AX, R11
	LEAQ       (SI)(R11*8), R11           // R11 = &x[off[j]+AX]
	VBROADCASTSD (R8)(BX*8), Y4
	PREFETCHT0 128(R11)                     // the row's next strip
	PREFETCHT0 192(R11)
	VMULPD (R11), Y4, Y5
	VMULPD 32(R11), Y4, Y6
	VMULPD 64(R11), Y4, Y7
	VMULPD 96(R11), Y4, Y8
	VADDPD Y5, Y0, Y0
	VADDPD Y6, Y1, Y1
	VADDPD Y7, Y2, Y2
	VADDPD Y8, Y3, Y3
	INCQ       BX
	JMP        rows64_row

rows64_store:
	VMOVUPD Y0, (DI)(AX*8)
	VMOVUPD Y1, 32(DI)(AX*8)
	VMOVUPD Y2, 64(DI)(AX*8)
	VMOVUPD Y3, 96(DI)(AX*8)
	ADDQ    $16, AX
	JMP     rows64_strip

rows64_tailstore:
	CMPQ R12, CX
	JEQ  rows64_done
	ROWS64_WINDOWS
	VMOVUPD Y9, (DI)(AX*8)
	VMOVUPD Y10, (DI)(DX*8)
	VMOVUPD Y11, (DI)(R12*8)
	VMOVUPD Y12, (DI)(R13*8)
	JMP     rows64_done

rows64_short:
	CMPQ   AX, CX
	JGE    rows64_done
	VMOVSD (DI)(AX*8), X0
	XORQ   BX, BX

rows64_shortrow:
	CMPQ   BX, R9
	JGE    rows64_shortstore
	MOVQ   (R10)(BX*8), R11
	LEAQ   (SI)(R11*8), R11
	VMOVSD (R8)(BX*8), X4
	VMULSD (R11)(AX*8), X4, X5
	VADDSD X5, X0, X0
	INCQ   BX
	JMP    rows64_shortrow

rows64_shortstore:
	VMOVSD X0, (DI)(AX*8)
	INCQ   AX
	JMP    rows64_short

rows64_done:
	VZEROUPPER
	RET

// func axpyToRowsF32AVX2(a, x, y []float32, off []int)
//
// x is held in registers, a strip of 32 elements (Y0..Y3) at a time, while
// it is added, scaled, to the same strip of every row of y in turn. The
// rows do not overlap (the caller checks), so the order of rows and strips
// is free; each element sees the operations of successive axpys. A tail of
// 8 elements or more is covered by the four windows of ROWS32_WINDOWS
// (x's in Y9..Y12), all of a row's windows loaded before any is stored, so
// that an element in two windows gets the same value twice; a shorter tail
// after a strip (or a row shorter than 8) is done one element at a time.
TEXT ·axpyToRowsF32AVX2(SB), NOSPLIT, $0-96
	MOVQ a_base+0(FP), R8
	MOVQ a_len+8(FP), R9
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ y_base+48(FP), DI
	MOVQ off_base+72(FP), R10
	XORQ AX, AX
	CMPQ CX, $8
	JLT  torows_short

torows_strip:
	LEAQ    32(AX), DX
	CMPQ    DX, CX
	JGT     torows_tail
	VMOVUPS (SI)(AX*4), Y0
	VMOVUPS 32(SI)(AX*4), Y1
	VMOVUPS 64(SI)(AX*4), Y2
	VMOVUPS 96(SI)(AX*4), Y3
	XORQ    BX, BX

torows_row:
	CMPQ         BX, R9
	JGE          torows_next
	MOVQ         (R10)(BX*8), R11
	ADDQ         AX, R11
	LEAQ         (DI)(R11*4), R11         // R11 = &y[off[j]+AX]
	VBROADCASTSS (R8)(BX*4), Y4
	VMULPS       Y0, Y4, Y5
	VMULPS       Y1, Y4, Y6
	VMULPS       Y2, Y4, Y7
	VMULPS       Y3, Y4, Y8
	VADDPS       (R11), Y5, Y5
	VADDPS       32(R11), Y6, Y6
	VADDPS       64(R11), Y7, Y7
	VADDPS       96(R11), Y8, Y8
	VMOVUPS      Y5, (R11)
	VMOVUPS      Y6, 32(R11)
	VMOVUPS      Y7, 64(R11)
	VMOVUPS      Y8, 96(R11)
	INCQ         BX
	JMP          torows_row

torows_next:
	ADDQ $32, AX
	JMP  torows_strip

torows_tail:
	MOVQ CX, DX
	SUBQ AX, DX                           // DX = elements left
	JZ   torows_done
	CMPQ DX, $8
	JLT  torows_short
	ROWS32_WINDOWS
	VMOVUPS (SI)(AX*4), Y9
	VMOVUPS (SI)(DX*4), Y10
	VMOVUPS (SI)(R12*4), Y11
	VMOVUPS (SI)(R13*4), Y12
	XORQ    BX, BX

torows_tailrow:
	CMPQ         BX, R9
	JGE          torows_done
	MOVQ         (R10)(BX*8), R11
	LEAQ         (DI)(R11*4), R11         // R11 = &y[off[j]]
	VBROADCASTSS (R8)(BX*4), Y4
	VMULPS       Y9, Y4, Y5
	VMULPS       Y10, Y4, Y6
	VMULPS       Y11, Y4, Y7
	VMULPS       Y12, Y4, Y8
	VADDPS       (R11)(AX*4), Y5, Y5
	VADDPS       (R11)(DX*4), Y6, Y6
	VADDPS       (R11)(R12*4), Y7, Y7
	VADDPS       (R11)(R13*4), Y8, Y8
	VMOVUPS      Y5, (R11)(AX*4)
	VMOVUPS      Y6, (R11)(DX*4)
	VMOVUPS      Y7, (R11)(R12*4)
	VMOVUPS      Y8, (R11)(R13*4)
	INCQ         BX
	JMP          torows_tailrow

torows_short:
	CMPQ   AX, CX
	JGE    torows_done
	VMOVSS (SI)(AX*4), X0
	XORQ   BX, BX

torows_shortrow:
	CMPQ   BX, R9
	JGE    torows_shortnext
	MOVQ   (R10)(BX*8), R11
	LEAQ   (DI)(R11*4), R11
	VMOVSS (R8)(BX*4), X4
	VMULSS X0, X4, X5
	VADDSS (R11)(AX*4), X5, X5
	VMOVSS X5, (R11)(AX*4)
	INCQ   BX
	JMP    torows_shortrow

torows_shortnext:
	INCQ AX
	JMP  torows_short

torows_done:
	VZEROUPPER
	RET

// func dotF32SSE(x, y []float32) float32
//
// DotF32 with SSE only (every amd64 processor has it), for machines without
// AVX2. The sixteen partial sums are X0 (s[0..3]), X1, X2, X3 (s[12..15]).
// Each group of four tail products is added to X0, then the four registers
// rotate, so that the next group's lanes are in X0; the fold adds s[j] and
// s[j+8] (X0+X2, X1+X3) and then s[j] and s[j+4], which a rotation only
// swaps (the same sums). The last 1 to 3 products are loaded without
// reading past the slices.
TEXT ·dotF32SSE(SB), NOSPLIT, $0-52
	MOVQ  x_base+0(FP), SI
	MOVQ  y_base+24(FP), DI
	MOVQ  x_len+8(FP), CX
	XORPS X0, X0
	XORPS X1, X1
	XORPS X2, X2
	XORPS X3, X3
	XORQ  AX, AX
	MOVQ  CX, DX
	ANDQ  $-16, DX

sse_loop16:
	CMPQ   AX, DX
	JGE    sse_tail4
	MOVUPS (SI)(AX*4), X4
	MOVUPS 16(SI)(AX*4), X5
	MOVUPS 32(SI)(AX*4), X6
	MOVUPS 48(SI)(AX*4), X7
	MOVUPS (DI)(AX*4), X8
	MOVUPS 16(DI)(AX*4), X9
	MOVUPS 32(DI)(AX*4), X10
	MOVUPS 48(DI)(AX*4), X11
	MULPS  X8, X4
	MULPS  X9, X5
	MULPS  X10, X6
	MULPS  X11, X7
	ADDPS  X4, X0
	ADDPS  X5, X1
	ADDPS  X6, X2
	ADDPS  X7, X3
	ADDQ   $16, AX
	JMP    sse_loop16

sse_tail4:
	LEAQ   4(AX), DX
	CMPQ   DX, CX
	JGT    sse_tail1
	MOVUPS (SI)(AX*4), X4
	MOVUPS (DI)(AX*4), X8
	MULPS  X8, X4
	ADDPS  X4, X0
	MOVAPS X0, X4                         // rotate: X0 <- X1 <- X2 <- X3 <- X0
	MOVAPS X1, X0
	MOVAPS X2, X1
	MOVAPS X3, X2
	MOVAPS X4, X3
	ADDQ   $4, AX
	JMP    sse_tail4

sse_tail1:
	SUBQ  AX, CX                          // CX = 0..3 products left
	JZ    sse_fold
	MOVSS (SI)(AX*4), X4                  // clears lanes 1..3
	MOVSS (DI)(AX*4), X8
	CMPQ  CX, $2
	JLT   sse_tail_mul
	MOVSD (SI)(AX*4), X4                  // two values, lanes 2..3 cleared
	MOVSD (DI)(AX*4), X8
	CMPQ  CX, $3
	JLT   sse_tail_mul
	MOVSS 8(SI)(AX*4), X5
	MOVSS 8(DI)(AX*4), X9
	MOVLHPS X5, X4                        // lanes 2, 3 = x[i+2], 0
	MOVLHPS X9, X8

sse_tail_mul:
	MULPS X8, X4
	ADDPS X4, X0

sse_fold:
	ADDPS   X2, X0                        // s[j] += s[j+8]
	ADDPS   X3, X1
	ADDPS   X1, X0                        // s[j] += s[j+4]
	MOVHLPS X0, X1                        // X1[0:2] = X0[2:4]
	ADDPS   X1, X0                        // s[j] += s[j+2]
	MOVAPS  X0, X1
	SHUFPS  $0x55, X1, X1                 // X1[0] = X0[1]
	ADDSS   X1, X0                        // s[0] + s[1]
	MOVSS   X0, ret+48(FP)
	RET
