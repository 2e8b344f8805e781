package simd

// AxpyF32 sets y[i] += a·x[i] for every i, rounding the product to float32
// before the addition. x and y must have the same length, and must not
// overlap unless they are the same slice; it panics if the lengths differ.
func AxpyF32(a float32, x, y []float32) {
	if len(x) != len(y) {
		panic("simd: AxpyF32: slices of different lengths")
	}
	axpyF32(a, x, y)
}

// AxpyF64 sets y[i] += a·x[i] for every i, rounding the product to float64
// before the addition. x and y must have the same length, and must not
// overlap unless they are the same slice; it panics if the lengths differ.
func AxpyF64(a float64, x, y []float64) {
	if len(x) != len(y) {
		panic("simd: AxpyF64: slices of different lengths")
	}
	axpyF64(a, x, y)
}

// AxpyRowsF32 adds to y the rows x[off[j] : off[j]+len(y)] scaled by a[j],
// for j = 0, 1, ..., len(a)-1 in this order: the result is, bit for bit,
// that of AxpyF32(a[j], x[off[j]:off[j]+len(y)], y) for each j in turn, but
// the assembly keeps strips of y in registers across the rows instead of
// loading and storing y once per row. y must not overlap the rows. It panics
// if len(off) != len(a) or a row reaches outside x.
func AxpyRowsF32(y, a, x []float32, off []int) {
	checkRows("AxpyRowsF32", len(y), len(a), len(x), off)
	axpyRowsF32(y, a, x, off)
}

// AxpyRowsF64 is AxpyRowsF32 in double precision: bit for bit,
// AxpyF64(a[j], x[off[j]:off[j]+len(y)], y) for j = 0, 1, ... in turn.
func AxpyRowsF64(y, a, x []float64, off []int) {
	checkRows("AxpyRowsF64", len(y), len(a), len(x), off)
	axpyRowsF64(y, a, x, off)
}

// AxpyToRowsF32 adds x scaled by a[j] to the rows y[off[j] : off[j]+len(x)],
// for j = 0, 1, ...: bit for bit, AxpyF32(a[j], x, y[off[j]:off[j]+len(x)])
// for each j, but the assembly keeps strips of x in registers across the
// rows. The offsets must increase by at least len(x) from one row to the
// next (the rows do not overlap), and x must not overlap y. It panics if
// len(off) != len(a), the rows overlap, or a row reaches outside y.
func AxpyToRowsF32(a, x, y []float32, off []int) {
	if len(off) != len(a) {
		panic("simd: AxpyToRowsF32: offsets and coefficients of different lengths")
	}
	next := 0 // where the next row may start
	for _, o := range off {
		if o < next || o > len(y)-len(x) {
			panic("simd: AxpyToRowsF32: rows overlapping or reaching outside y")
		}
		next = o + max(len(x), 1)
	}
	axpyToRowsF32(a, x, y, off)
}

// checkRows panics unless off has one offset per coefficient and every row
// off[j] .. off[j]+n-1 lies in [0, lenX).
func checkRows(name string, n, lenA, lenX int, off []int) {
	if len(off) != lenA {
		panic("simd: " + name + ": offsets and coefficients of different lengths")
	}
	for _, o := range off {
		if o < 0 || o > lenX-n {
			panic("simd: " + name + ": a row reaches outside x")
		}
	}
}

// DotF32 returns Σ x[i]·y[i] in float32, for x and y of the same length (it
// panics otherwise), summed in this order: sixteen partial sums s[0..15]
// start at zero; for i = 0, 1, ..., n-1, s[i mod 16] += x[i]·y[i] (the
// product rounded to float32 first); then s[j] += s[j+8] for j < 8,
// s[j] += s[j+4] for j < 4, s[j] += s[j+2] for j < 2, and the result is
// s[0] + s[1]. Every implementation follows this order, so the result does
// not depend on the machine.
func DotF32(x, y []float32) float32 {
	if len(x) != len(y) {
		panic("simd: DotF32: slices of different lengths")
	}
	return dotF32(x, y)
}

// axpyF32Go is AxpyF32 in Go.
func axpyF32Go(a float32, x, y []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += float32(a * v) // the conversion forbids fusing
	}
}

// axpyF64Go is AxpyF64 in Go.
func axpyF64Go(a float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += float64(a * v) // the conversion forbids fusing
	}
}

// axpyRowsF32Go is AxpyRowsF32 in Go.
func axpyRowsF32Go(y, a, x []float32, off []int) {
	for j, o := range off {
		axpyF32Go(a[j], x[o:o+len(y)], y)
	}
}

// axpyToRowsF32Go is AxpyToRowsF32 in Go.
func axpyToRowsF32Go(a, x, y []float32, off []int) {
	for j, o := range off {
		axpyF32Go(a[j], x, y[o:o+len(x)])
	}
}

// axpyRowsF64Go is AxpyRowsF64 in Go.
func axpyRowsF64Go(y, a, x []float64, off []int) {
	for j, o := range off {
		axpyF64Go(a[j], x[o:o+len(y)], y)
	}
}

// dotF32Go is DotF32 in Go.
func dotF32Go(x, y []float32) float32 {
	var s [16]float32
	y = y[:len(x)]
	i := 0
	for ; i+16 <= len(x); i += 16 {
		xs, ys := x[i:i+16], y[i:i+16]
		for j := range s {
			s[j] += float32(xs[j] * ys[j]) // the conversion forbids fusing
		}
	}
	for j, v := range x[i:] {
		s[j] += float32(v * y[i+j])
	}
	for j := range 8 {
		s[j] += s[j+8]
	}
	for j := range 4 {
		s[j] += s[j+4]
	}
	for j := range 2 {
		s[j] += s[j+2]
	}
	return s[0] + s[1]
}
