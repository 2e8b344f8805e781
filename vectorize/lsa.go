package vectorize

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/internal/simd"
)

// LSAOptions controls FitLSA. The zero value asks for 100 dimensions, 10
// extra columns of oversampling, 7 power iterations, seed 0 and L2-normalized
// rows from Transform.
type LSAOptions struct {
	// Dims is the number of components d to keep. Zero means 100. It is
	// capped at min(rows, cols) of the matrix; LSA.Dims reports the number
	// actually kept. Negative values are an error.
	Dims int

	// Oversample is the number p of extra random directions the range finder
	// tracks beyond Dims; the top Dims of the d+p computed singular triplets
	// are kept. Zero means 10; negative values are an error. When
	// d+p >= min(rows, cols) the whole space is covered and the decomposition
	// is exact (up to rounding), with no randomness involved.
	Oversample int

	// PowerIters is the number q of power (subspace) iterations. Each costs
	// two products with the sparse matrix and two orthonormalizations, and
	// sharpens the singular values and vectors, which matters for the slowly
	// decaying spectra of TF-IDF matrices. Zero means 7 (the default of
	// scikit-learn's randomized_svd when d is small next to the matrix);
	// negative means none.
	PowerIters int

	// Rand is the source of the Gaussian test matrix. Nil means
	// rand.New(rand.NewPCG(0, 0)).
	Rand *rand.Rand

	// KeepScale makes Transform return X·Vᵀ as it is, without L2-normalizing
	// its rows.
	KeepScale bool

	// SampleRows bounds the number of rows (documents) the components are
	// fitted on: a larger matrix is decomposed through a uniform sample of
	// that many rows drawn from Rand, and every row is then projected on the
	// components (so Transform and the vectors are of all rows, and the
	// singular values and explained variance ratios are measured on all
	// rows). Zero means 100,000; negative means every row, however many.
	// Fitting costs 2q+3 products with the matrix, projecting one: on a
	// million documents the sample cuts the LSA's time about sixfold, and
	// the components of a hundred thousand documents describe the term
	// space as well as those of a million (bench/results.md).
	SampleRows int

	// Progress, if not nil, is called after each product of the sparse
	// matrix with a dense block, the bulk of the work, with the number of
	// products done and the number FitLSA will do in all.
	Progress func(done, total int)
}

// Defaults of LSAOptions.
const (
	defaultLSADims       = 100
	defaultLSAOversample = 10
	defaultLSAPowerIters = 7
	defaultLSASampleRows = 100_000
)

// LSA is a fitted latent semantic analysis: the top d right singular vectors
// of a documents × terms matrix X (the components, V with d rows), its top d
// singular values and the share of X's variance that each component
// explains. An LSA is read-only and safe for concurrent use.
type LSA struct {
	v         *mat.Dense // terms × d: column c is component c
	sigma     []float64
	evr       []float64
	keepScale bool
}

// FitLSA computes a truncated singular value decomposition X ≈ U·Σ·V of the
// documents × terms matrix x, keeping the top d = min(opt.Dims, rows, cols)
// singular values σ₁ ≥ … ≥ σ_d ≥ 0 and right singular vectors (the rows of
// V, called components). x is read, never modified or densified.
//
// The method is the randomized range finder with subspace iteration of
// Halko, Martinsson & Tropp (2011, Algorithm 4.4 then 5.1), with l = d+p
// columns: a Gaussian Ω (cols×l) drawn from opt.Rand, Y = XΩ, then q times
// Z = XᵀY, Y = XZ, each product's result re-orthonormalized; finally
// Z = XᵀQ for the orthonormal basis Q of Y, whose thin QR Z = Q₂R and the SVD
// of the small R = Ũ·Σ·W̃ᵀ give V = (Q₂Ũ)ᵀ. Orthonormalization is by
// Cholesky QR (once between products, twice at the end), which falls back
// to Householder QR when the Gram matrix is too ill-conditioned for it.
// The work is 2q+3 products of x with dense matrices of l columns (about
// 2·NNZ·l flops each) and 2q+4 Cholesky QR passes (about rows·l² or
// cols·l² flops each), all shared among GOMAXPROCS goroutines.
//
// Y and Z are kept in single precision until Q is found (their Gram
// matrices and Cholesky factors are float64): they only have to span the
// right subspace, and float32 halves their memory and the memory traffic of
// the sparse products. Q itself, Z = XᵀQ and everything after are float64,
// so the result is a float64 Rayleigh–Ritz approximation from a subspace
// accurate to about 1e-7: on the bbc300 golden with 25 power iterations the
// singular values still agree with numpy's exact SVD to 2e-14 and the
// vectors to 4e-8 (all in float64: 1e-14 and 3e-8).
//
// Each component is given the sign that makes its entry of largest absolute
// value positive (the first such entry on ties). The result depends only on
// x and the options, not on GOMAXPROCS.
//
// The explained variance ratios are computed as scikit-learn's
// TruncatedSVD does: the variance over documents of each column of X·Vᵀ
// divided by the sum of the variances of the columns of X (population
// variances). They are zero if X has no variance.
//
// FitLSA returns an error if x has no rows or no columns, holds a NaN or an
// infinity, or opt.Dims or opt.Oversample is negative.
func FitLSA(x *Sparse, opt LSAOptions) (*LSA, error) {
	l, _, err := fitLSA(x, opt)
	return l, err
}

// fitLSA implements FitLSA and FitTransformLSA; it also returns X·V, the
// documents in the components' space before row normalization.
func fitLSA(x *Sparse, opt LSAOptions) (*LSA, *mat.Dense, error) {
	if x == nil {
		return nil, nil, errors.New("vectorize: FitLSA of a nil matrix")
	}
	n, m := x.Dims()
	if n == 0 || m == 0 {
		return nil, nil, fmt.Errorf("vectorize: FitLSA needs at least one document and one term, got a %d×%d matrix", n, m)
	}
	if opt.Dims < 0 {
		return nil, nil, fmt.Errorf("vectorize: %w: LSA Dims %d is negative", ErrOptions, opt.Dims)
	}
	if opt.Oversample < 0 {
		return nil, nil, fmt.Errorf("vectorize: %w: LSA Oversample %d is negative", ErrOptions, opt.Oversample)
	}
	for i := range n {
		for p := x.indptr[i]; p < x.indptr[i+1]; p++ {
			if v := x.data[p]; math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, fmt.Errorf("vectorize: FitLSA: matrix holds %v at row %d, column %d", v, i, x.ind[p])
			}
		}
	}
	d := opt.Dims
	if d == 0 {
		d = defaultLSADims
	}
	p := opt.Oversample
	if p == 0 {
		p = defaultLSAOversample
	}
	q := opt.PowerIters
	switch {
	case q == 0:
		q = defaultLSAPowerIters
	case q < 0:
		q = 0
	}
	rng := opt.Rand
	if rng == nil {
		rng = rand.New(rand.NewPCG(0, 0))
	}
	xs := x
	rows := opt.SampleRows
	if rows == 0 {
		rows = defaultLSASampleRows
	}
	if rows > 0 && n > rows {
		xs = x.subsetRows(sampleRows(rng, n, rows))
	}
	v, sigma, err := decompose(xs, d, p, q, rng, opt.Progress)
	if err != nil {
		return nil, nil, err
	}
	xv := mat.NewDense(n, v.RawMatrix().Cols, nil)
	mulSparseDense(xv.RawMatrix(), x, v.RawMatrix())
	if xs != x {
		// The components come from the sample; the singular values of X
		// along them are the norms of the columns of X·V, in decreasing
		// order.
		sigma = sortByColumnNorm(v, xv)
	}
	lsa := &LSA{v: v, sigma: sigma, keepScale: opt.KeepScale}
	lsa.evr = explainedVarianceRatio(x, xv.RawMatrix())
	return lsa, xv, nil
}

// decompose returns the top d right singular vectors of x (as the columns
// of a cols×d matrix, signs fixed) and singular values, by the randomized
// range finder with p extra columns and q power iterations (see FitLSA).
func decompose(x *Sparse, d, p, q int, rng *rand.Rand, progress func(done, total int)) (*mat.Dense, []float64, error) {
	n, m := x.Dims()
	k := min(n, m)
	d = min(d, k)
	l := k // columns of the range finder: d+p, at most k
	if p < k-d {
		l = d + p
	}

	// z holds the cols×l matrix XᵀQ whose left singular vectors are the
	// components; y the rows×l basis Q of the range of X.
	var z blas64.General
	var t []float64 // if not nil, Z is XᵀQ·T⁻¹ for the true XᵀQ (see rangeFinder)
	switch {
	case l == n:
		z = newDense64(m, l)
		// Q = I spans everything: Z = Xᵀ.
		for i := range n {
			for p := x.indptr[i]; p < x.indptr[i+1]; p++ {
				z.Data[int(x.ind[p])*l+i] = x.data[p]
			}
		}
	case l == m:
		// Ω = I: Y = X, then Z = XᵀQ.
		y := blas64.General{Rows: n, Cols: l, Stride: l, Data: make([]float64, n*l)}
		for i := range n {
			for p := x.indptr[i]; p < x.indptr[i+1]; p++ {
				y.Data[i*l+int(x.ind[p])] = x.data[p]
			}
		}
		orthonormalize(y, 2, false)
		z = newDense64(m, l)
		mulSparseTDense(z, x, y)
	default:
		z, t = rangeFinder(x, l, q, rng, progress)
	}

	v, sigma, err := rangeSVD(z, d, t)
	if err != nil {
		return nil, nil, fmt.Errorf("vectorize: FitLSA: %w", err)
	}
	return v, sigma, nil
}

// rangeSVD returns the top d left singular vectors of XᵀQ (terms×l, l ≥ d)
// as the columns of a terms×d matrix with fixed signs, and the top d
// singular values. XᵀQ is z, or z·T when t (l×l, upper triangular) is not
// nil. z is overwritten: the result lives in its memory.
func rangeSVD(z blas64.General, d int, t []float64) (*mat.Dense, []float64, error) {
	l := z.Cols
	// Z = Q₂R, R = ŨΣW̃ᵀ, so Z = (Q₂Ũ)ΣW̃ᵀ: the components are the first d
	// columns of Q₂Ũ. Cholesky QR2: the first pass makes z = Q₁ (R₁); the
	// second finds Q₁ = Q₂R₂ but leaves Q₂ = Q₁R₂⁻¹ implicit, so that
	// V = Q₁·(R₂⁻¹Ũ) costs one product with z instead of two.
	r := orthonormalize(z, 1, true)
	r2, t2 := secondPass(z)
	mulUpperLeft(r, r2, l)
	if t != nil {
		mulUpperLeft(t, r, l) // XᵀQ = Q₂·(R·T)
		r = t
	}
	var svd mat.SVD
	if !svd.Factorize(mat.NewDense(l, l, r), mat.SVDThin) {
		return nil, nil, errors.New("the SVD of the projected matrix did not converge")
	}
	sigma := svd.Values(nil)[:d]
	var u mat.Dense
	svd.UTo(&u)
	w := mat.NewDense(l, d, nil) // R₂⁻¹ times the first d columns of Ũ
	for a := range l {
		row := w.RawRowView(a)
		for b := a; b < l; b++ {
			if tv := t2[a*l+b]; tv != 0 {
				simd.AxpyF64(tv, u.RawRowView(b)[:d], row)
			}
		}
	}
	// V = Z·W over Z's memory (Z is not needed after): V keeps Z's l/d
	// times larger array alive, but the peak is one m×l matrix, not two.
	var v mat.Dense
	v.SetRawMatrix(mulDenseRowsInPlace(z, w.RawMatrix()))
	fixSigns(&v)
	return &v, sigma, nil
}

// FitTransformLSA is FitLSA followed by Transform of x, computed together:
// the product of x with the components that the explained variance needs
// becomes the returned vectors, which are the same, bit for bit, as
// Transform(x) would give. On a large corpus it saves one pass over x and
// one n×Dims matrix.
func FitTransformLSA(x *Sparse, opt LSAOptions) (*LSA, *mat.Dense, error) {
	l, xv, err := fitLSA(x, opt)
	if err != nil {
		return nil, nil, err
	}
	if !l.keepScale {
		raw := xv.RawMatrix()
		for i := range raw.Rows {
			normalizeRow(raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols])
		}
	}
	return l, xv, nil
}

// rangeFinder runs the randomized range finder with q power iterations on
// x (n×m) with l columns, the bases in single precision (kernels32.go), and
// returns z (m×l) = XᵀQ for an orthonormal basis Q (n×l) of the range found.
// To spare an n×l float64 matrix, Q = Y·T stays implicit when Cholesky QR
// succeeds: z is then XᵀY and T is returned too (XᵀQ = z·T); otherwise
// z = XᵀQ and T is nil. z, the largest matrix of the LSA, is allocated only
// once the m×l single-precision basis is no longer needed, so that the two
// are never live together (it lowers the peak memory of a fit by that
// basis, 22 MB on 20 Newsgroups).
func rangeFinder(x *Sparse, l, q int, rng *rand.Rand, progress func(done, total int)) (blas64.General, []float64) {
	n, m := x.Dims()
	y, zs := newDense32(n, l), newDense32(m, l)
	for i := range zs.data {
		zs.data[i] = float32(rng.NormFloat64())
	}
	products, done := 2*q+2, 0
	step := func() {
		if done++; progress != nil {
			progress(done, products)
		}
	}
	mulSparseDense32(y, x, zs)
	step()
	// Each power iteration re-orthonormalizes one of the two bases, the
	// shorter one (documents or terms): that keeps the columns from
	// collapsing onto the top singular vector, and orthonormalizing the
	// longer one too would cost as much as the sparse products on a large
	// corpus. Y is orthonormalized last in any case: once in single
	// precision unless it just was, then by the float64 Cholesky factor of
	// its Gram matrix, which is all that Q = Y·R⁻¹ needs.
	docSide := n <= m
	for range q {
		mulSparseTDense32(zs, x, y)
		step()
		if !docSide {
			orthonormalize32(zs)
		}
		mulSparseDense32(y, x, zs)
		step()
		if docSide {
			orthonormalize32(y)
		}
	}
	zs = dense32{}
	if !docSide || q == 0 {
		orthonormalize32(y)
	}
	t, qf := implicitBasis(y)
	z := newDense64(m, l)
	if t != nil {
		mulSparseTRows(z, x, l, y.source())
	} else {
		mulSparseTDense(z, x, qf)
	}
	step()
	return z, t
}

// newDense64 returns a zero r×c matrix.
func newDense64(r, c int) blas64.General {
	return blas64.General{Rows: r, Cols: c, Stride: c, Data: make([]float64, r*c)}
}

// sampleRows returns m distinct indices of [0, n), m < n, drawn uniformly
// from rng, in increasing order (selection sampling: index i is kept with
// probability (m - kept)/(n - i)).
func sampleRows(rng *rand.Rand, n, m int) []int {
	out := make([]int, 0, m)
	for i := 0; i < n && len(out) < m; i++ {
		if rng.IntN(n-i) < m-len(out) {
			out = append(out, i)
		}
	}
	return out
}

// sortByColumnNorm orders the columns of v and xv = X·v by decreasing
// Euclidean norm of the columns of xv (the first on ties) and returns the
// norms in that order.
func sortByColumnNorm(v, xv *mat.Dense) []float64 {
	raw := xv.RawMatrix()
	norms := make([]float64, raw.Cols)
	for i := range raw.Rows {
		for c, a := range raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols] {
			norms[c] += a * a
		}
	}
	order := make([]int, raw.Cols)
	for c := range order {
		norms[c] = math.Sqrt(norms[c])
		order[c] = c
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(norms[b], norms[a]) })
	sorted := make([]float64, len(norms))
	for c, o := range order {
		sorted[c] = norms[o]
	}
	permuteColumns(v.RawMatrix(), order)
	permuteColumns(raw, order)
	return sorted
}

// permuteColumns sets column c of a to its column order[c].
func permuteColumns(a blas64.General, order []int) {
	tmp := make([]float64, a.Cols)
	for i := range a.Rows {
		row := a.Data[i*a.Stride : i*a.Stride+a.Cols]
		for c, o := range order {
			tmp[c] = row[o]
		}
		copy(row, tmp)
	}
}

// fixSigns negates each column of v whose entry of largest absolute value
// (the first one on ties) is negative. It reads v in one row-major pass.
func fixSigns(v *mat.Dense) {
	raw := v.RawMatrix()
	best := make([]float64, raw.Cols)
	neg := make([]bool, raw.Cols)
	for c := range best {
		best[c] = -1
	}
	for j := range raw.Rows {
		for c, x := range raw.Data[j*raw.Stride : j*raw.Stride+raw.Cols] {
			if a := math.Abs(x); a > best[c] {
				best[c], neg[c] = a, x < 0
			}
		}
	}
	for j := range raw.Rows {
		row := raw.Data[j*raw.Stride : j*raw.Stride+raw.Cols]
		for c := range row {
			if neg[c] {
				row[c] = -row[c]
			}
		}
	}
}

// explainedVarianceRatio returns, for each column of xv = x·v, its
// population variance over the rows divided by the total population
// variance of the columns of x (zero when that is zero).
func explainedVarianceRatio(x *Sparse, xv blas64.General) []float64 {
	n, m := x.Dims()
	evr := columnVariances(xv)
	// Column variances from the stored entries, in two passes:
	// Σᵢ(xᵢⱼ − μⱼ)² = Σ_stored (x − μⱼ)² + (n − storedⱼ)·μⱼ².
	fn := float64(n)
	mean := make([]float64, m)
	ss := make([]float64, m)
	count := make([]int, m)
	for p, j := range x.ind {
		mean[j] += x.data[p]
		count[j]++
	}
	for j := range mean {
		mean[j] /= fn
	}
	for p, j := range x.ind {
		dv := x.data[p] - mean[j]
		ss[j] += dv * dv
	}
	var total float64
	for j := range m {
		total += (ss[j] + float64(n-count[j])*mean[j]*mean[j]) / fn
	}
	for c := range evr {
		if total > 0 {
			evr[c] /= total
		} else {
			evr[c] = 0
		}
	}
	return evr
}

// columnVariances returns the population variance of each column of a,
// computed in two row-major passes (each column's sums in row order).
func columnVariances(a blas64.General) []float64 {
	sum := make([]float64, a.Cols)
	for i := range a.Rows {
		floats.Add(sum, a.Data[i*a.Stride:i*a.Stride+a.Cols])
	}
	mean := sum
	for c := range mean {
		mean[c] /= float64(a.Rows)
	}
	ss := make([]float64, a.Cols)
	for i := range a.Rows {
		for c, v := range a.Data[i*a.Stride : i*a.Stride+a.Cols] {
			dv := v - mean[c]
			ss[c] += dv * dv
		}
	}
	for c := range ss {
		ss[c] /= float64(a.Rows)
	}
	return ss
}

// maxCholCond is the largest estimated condition number of a Gram matrix
// YᵀY (the square of Y's) for which Cholesky QR is used. One pass then
// leaves an orthogonality error of about 1e-16·cond ≤ 1e-4, which a second
// pass removes; beyond it Householder QR takes over.
const maxCholCond = 1e12

// orthonormalize replaces the columns of the tall matrix y (rows ≥ cols) by
// an orthonormal basis of their span, by passes of Cholesky QR, or by
// Householder QR if y is too ill-conditioned (for example rank-deficient).
// If wantR is true it returns the upper triangular R (cols×cols, row-major)
// with y_before = y_after·R, and nil otherwise.
func orthonormalize(y blas64.General, passes int, wantR bool) []float64 {
	l := y.Cols
	var r []float64
	if wantR {
		r = make([]float64, l*l)
		for a := range l {
			r[a*l+a] = 1
		}
	}
	g := make([]float64, l*l)
	for range passes {
		if !cholQR(y, g) {
			householderQR(y, g)
			if wantR {
				mulUpperLeft(r, g, l)
			}
			return r
		}
		if wantR {
			mulUpperLeft(r, g, l)
		}
	}
	return r
}

// cholQR does one pass of Cholesky QR on y: G = yᵀy = RᵀR, y ← yR⁻¹. On
// success it stores R in the upper triangle of g (l×l, row-major) and
// returns true; if G is not numerically positive definite or its estimated
// condition number exceeds maxCholCond, it leaves y as it was and returns
// false.
func cholQR(y blas64.General, g []float64) bool {
	rinv := make([]float64, len(g))
	if !cholFactor(y, g, rinv) {
		return false
	}
	mulUpperRight(y, rinv)
	return true
}

// cholFactor computes the Cholesky factor R of yᵀy and its inverse into
// the upper triangles of r and rinv (l×l, row-major). It returns false if
// yᵀy is not numerically positive definite or its estimated condition
// number exceeds maxCholCond.
func cholFactor(y blas64.General, r, rinv []float64) bool {
	return cholFactorRows(y.Rows, y.Cols, rowsOf(y), r, rinv)
}

// cholFactorRows is cholFactor of the matrix with the given rows and l
// columns, read through row.
func cholFactorRows(rows, l int, row rowSource, r, rinv []float64) bool {
	gramRows(r, rows, l, row)
	sym := blas64.Symmetric{Uplo: blas.Upper, N: l, Stride: l, Data: r}
	work := make([]float64, 3*l)
	anorm := lapack64.Lansy(lapack.MaxColumnSum, sym, work)
	if anorm == 0 || math.IsNaN(anorm) || math.IsInf(anorm, 0) {
		return false
	}
	if _, ok := lapack64.Potrf(sym); !ok {
		return false
	}
	if rcond := lapack64.Pocon(sym, anorm, work, make([]int, l)); !(rcond*maxCholCond >= 1) {
		return false
	}
	copy(rinv, r)
	return lapack64.Trtri(blas64.Triangular{Uplo: blas.Upper, Diag: blas.NonUnit, N: l, Stride: l, Data: rinv})
}

// secondPass is the second pass of Cholesky QR2 on y, whose columns are
// already nearly orthonormal, with its result left implicit: it returns R₂
// and T = R₂⁻¹ (upper triangular, l×l, row-major, zero below the diagonal)
// such that y = Q₂R₂ with orthonormal Q₂ = y·T. If Cholesky QR fails, y is
// replaced by its Householder Q, and T is the identity.
func secondPass(y blas64.General) (r2, t []float64) {
	l := y.Cols
	r2 = make([]float64, l*l)
	t = make([]float64, l*l)
	if !cholFactor(y, r2, t) {
		householderQR(y, r2)
		clear(t)
		for a := range l {
			t[a*l+a] = 1
		}
		return r2, t
	}
	for a := range l {
		clear(r2[a*l : a*l+a])
		clear(t[a*l : a*l+a])
	}
	return r2, t
}

// householderQR replaces y (tall) by the Q of its thin Householder QR
// factorization and stores R in the upper triangle of r (l×l, row-major),
// zeroing the strict lower triangle.
func householderQR(y blas64.General, r []float64) {
	l := y.Cols
	tau := make([]float64, l)
	query := make([]float64, 1)
	lapack64.Geqrf(y, tau, query, -1)
	lwork := max(int(query[0]), l)
	lapack64.Orgqr(y, tau, query, -1)
	lwork = max(lwork, int(query[0]))
	work := make([]float64, lwork)
	lapack64.Geqrf(y, tau, work, lwork)
	for a := range l {
		clear(r[a*l : a*l+a])
		copy(r[a*l+a:a*l+l], y.Data[a*y.Stride+a:a*y.Stride+l])
	}
	lapack64.Orgqr(y, tau, work, lwork)
}

// mulUpperLeft sets r = t·r for upper triangular t and r (l×l, row-major);
// the strict lower triangle of t is ignored, that of r stays zero.
func mulUpperLeft(r, t []float64, l int) {
	row := make([]float64, l)
	for a := range l {
		clear(row)
		for b := a; b < l; b++ {
			tv := t[a*l+b]
			if tv == 0 {
				continue
			}
			for c := b; c < l; c++ {
				row[c] += tv * r[b*l+c]
			}
		}
		copy(r[a*l+a:a*l+l], row[a:])
	}
}

// NewLSA returns an LSA made of saved parts, typically read back from a
// model file: components is d×terms with the components as rows (as
// Components returns them), singular and evr hold d singular values and
// explained variance ratios (evr may be nil: zeros), and keepScale is the
// KeepScale option. The parts are copied. NewLSA returns an error if the
// shapes disagree or a value is not finite.
func NewLSA(components *mat.Dense, singular, evr []float64, keepScale bool) (*LSA, error) {
	if components == nil || components.IsEmpty() {
		return nil, errors.New("vectorize: NewLSA: no components")
	}
	d, m := components.Dims()
	if len(singular) != d {
		return nil, fmt.Errorf("vectorize: NewLSA: %d singular values for %d components", len(singular), d)
	}
	if evr != nil && len(evr) != d {
		return nil, fmt.Errorf("vectorize: NewLSA: %d explained variance ratios for %d components", len(evr), d)
	}
	v := mat.NewDense(m, d, nil)
	for c := range d {
		for j := range m {
			a := components.At(c, j)
			if math.IsNaN(a) || math.IsInf(a, 0) {
				return nil, fmt.Errorf("vectorize: NewLSA: component %d holds %v at term %d", c, a, j)
			}
			v.Set(j, c, a)
		}
	}
	lsa := &LSA{v: v, sigma: make([]float64, d), evr: make([]float64, d), keepScale: keepScale}
	for c, s := range singular {
		if math.IsNaN(s) || math.IsInf(s, 0) {
			return nil, fmt.Errorf("vectorize: NewLSA: singular value %d is %v", c, s)
		}
		lsa.sigma[c] = s
	}
	for c, e := range evr {
		if math.IsNaN(e) || math.IsInf(e, 0) {
			return nil, fmt.Errorf("vectorize: NewLSA: explained variance ratio %d is %v", c, e)
		}
		lsa.evr[c] = e
	}
	return lsa, nil
}

// Dims returns the number d of components.
func (l *LSA) Dims() int { return len(l.sigma) }

// Terms returns the number of columns (terms) of the matrices the LSA was
// fitted to and can transform.
func (l *LSA) Terms() int { r, _ := l.v.Dims(); return r }

// KeepScale reports whether Transform leaves rows unnormalized.
func (l *LSA) KeepScale() bool { return l.keepScale }

// Components returns a new d×terms matrix whose rows are the components,
// orthonormal, in order of decreasing singular value.
func (l *LSA) Components() *mat.Dense {
	c := mat.NewDense(l.Dims(), l.Terms(), nil)
	c.CloneFrom(l.v.T())
	return c
}

// SingularValues returns a new slice of the d singular values in decreasing
// order.
func (l *LSA) SingularValues() []float64 { return append([]float64(nil), l.sigma...) }

// ExplainedVarianceRatio returns a new slice of the share of the fitted
// matrix's total variance that each component explains (as scikit-learn's
// TruncatedSVD.explained_variance_ratio_). Each is in [0, 1] and their sum
// is at most 1.
func (l *LSA) ExplainedVarianceRatio() []float64 { return append([]float64(nil), l.evr...) }

// Transform returns the n×d matrix X·Vᵀ of the documents (rows of x) in the
// LSA space, each row L2-normalized unless KeepScale was set; rows that are
// zero (empty documents) stay zero. Rows are computed independently, so the
// result for a batch equals, bit for bit, the results for its rows one at a
// time. Transform panics if x does not have Terms columns.
func (l *LSA) Transform(x *Sparse) *mat.Dense {
	var dst mat.Dense
	l.TransformTo(&dst, x)
	return &dst
}

// TransformTo sets dst to the result of Transform(x). A zero (empty) dst is
// resized; otherwise it must be n×d, or TransformTo panics.
func (l *LSA) TransformTo(dst *mat.Dense, x *Sparse) {
	n, m := x.Dims()
	if m != l.Terms() {
		panic(fmt.Sprintf("vectorize: LSA.Transform of a matrix with %d columns, the LSA has %d terms", m, l.Terms()))
	}
	d := l.Dims()
	if dst.IsEmpty() {
		dst.ReuseAs(n, d)
	} else if r, c := dst.Dims(); r != n || c != d {
		panic(mat.ErrShape)
	}
	raw := dst.RawMatrix()
	mulSparseDense(raw, x, l.v.RawMatrix())
	if l.keepScale {
		return
	}
	for i := range n {
		normalizeRow(raw.Data[i*raw.Stride : i*raw.Stride+d])
	}
}

// normalizeRow scales a to unit Euclidean norm, leaving a zero row as it is.
// The norm is computed with scaling, so it neither overflows nor underflows.
func normalizeRow(a []float64) {
	var scale, ssq float64 = 0, 1
	for _, v := range a {
		if v == 0 {
			continue
		}
		av := math.Abs(v)
		if scale < av {
			ssq = 1 + ssq*(scale/av)*(scale/av)
			scale = av
		} else {
			ssq += (av / scale) * (av / scale)
		}
	}
	if scale == 0 {
		return
	}
	norm := scale * math.Sqrt(ssq)
	for i := range a {
		a[i] /= norm
	}
}
