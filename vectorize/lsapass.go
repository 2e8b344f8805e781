package vectorize

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// The randomized SVD of FitLSA, cut into passes over blocks of rows, for a
// matrix too large for one machine (the topics-beam command runs them on
// Apache Beam). With X the n×m matrix (documents × terms) and l columns:
//
//	B₀ = GaussianBasis(m, l, rng)                 the test matrix FitLSA draws (FitLSA rounds it to float32)
//	for t = 1..q:  W, _ = Σ_blocks AddPass(X_b, Bₜ₋₁);  Bₜ = Orthonormalize(W)
//	W, G = Σ_blocks AddPass(X_b, B_q)                  W = XᵀX·B, G = (XB)ᵀ(XB)
//	components, singular values = LSAFromPass(W, G)
//
// which is q+1 passes over X, each adding up small dense m×l and l×l sums,
// where FitLSA makes 2q+3 products with X. Both compute, in exact
// arithmetic, the same subspace (XᵀX)^(q+1)·B₀ and the same top d singular
// triplets of X projected onto it; they differ by rounding only. (FitLSA
// orthonormalizes the shorter of the two bases in each power iteration;
// the passes orthonormalize the terms × l one, the only one they hold.)

// LSAPlan is the shape of the randomized SVD that FitLSA computes for a
// matrix of a given size: what the options resolve to.
type LSAPlan struct {
	// Dims is the number d of components kept: Dims of the options (zero:
	// 100) capped at min(rows, terms).
	Dims int
	// Cols is the number l of columns of the range finder: d plus the
	// oversampling, capped at min(rows, terms).
	Cols int
	// PowerIters is the number q of power iterations (0 for none).
	PowerIters int
}

// Plan returns the shape of the randomized SVD that FitLSA computes with
// these options for a rows×terms matrix. It returns an error if the matrix
// is empty or Dims or Oversample is negative, as FitLSA does.
func (o LSAOptions) Plan(rows, terms int) (LSAPlan, error) {
	if rows <= 0 || terms <= 0 {
		return LSAPlan{}, fmt.Errorf("vectorize: FitLSA needs at least one document and one term, got a %d×%d matrix", rows, terms)
	}
	if o.Dims < 0 {
		return LSAPlan{}, fmt.Errorf("vectorize: %w: LSA Dims %d is negative", ErrOptions, o.Dims)
	}
	if o.Oversample < 0 {
		return LSAPlan{}, fmt.Errorf("vectorize: %w: LSA Oversample %d is negative", ErrOptions, o.Oversample)
	}
	d := cmpOr(o.Dims, defaultLSADims)
	p := cmpOr(o.Oversample, defaultLSAOversample)
	q := o.PowerIters
	switch {
	case q == 0:
		q = defaultLSAPowerIters
	case q < 0:
		q = 0
	}
	k := min(rows, terms)
	d = min(d, k)
	l := k
	if p < k-d {
		l = d + p
	}
	return LSAPlan{Dims: d, Cols: l, PowerIters: q}, nil
}

// cmpOr returns v, or def when v is zero.
func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// fillGaussian sets each element of dst, in order, to rng.NormFloat64().
func fillGaussian(dst []float64, rng *rand.Rand) {
	for i := range dst {
		dst[i] = rng.NormFloat64()
	}
}

// GaussianBasis returns the terms×cols test matrix that FitLSA draws from
// rng when cols < min(rows, terms): standard normal numbers drawn in row
// order. With rng = LSAOptions.Rand (nil: seed 0) it is FitLSA's, number for
// number.
func GaussianBasis(terms, cols int, rng *rand.Rand) *mat.Dense {
	if rng == nil {
		rng = rand.New(rand.NewPCG(0, 0))
	}
	b := mat.NewDense(terms, cols, nil)
	fillGaussian(b.RawMatrix().Data, rng)
	return b
}

// AddPass adds to w (terms×l) and g (l×l) what the rows of x contribute to
// one pass of the randomized SVD with the basis b (terms×l): with Y = x·b,
// w += xᵀY and g += YᵀY. Summed over blocks of rows that make up X, in any
// order, w = XᵀX·b and g = (X·b)ᵀ(X·b), up to rounding. It panics if the
// shapes disagree.
func AddPass(w, g *mat.Dense, x *Sparse, b *mat.Dense) {
	n, m := x.Dims()
	br, l := b.Dims()
	if wr, wc := w.Dims(); wr != m || wc != l || br != m {
		panic(fmt.Sprintf("vectorize: AddPass: w is %d×%d and b %d×%d for a matrix of %d terms", wr, wc, br, l, m))
	}
	if gr, gc := g.Dims(); gr != l || gc != l {
		panic(fmt.Sprintf("vectorize: AddPass: g is %d×%d, want %d×%d", gr, gc, l, l))
	}
	if n == 0 {
		return
	}
	y := blas64.General{Rows: n, Cols: l, Stride: l, Data: make([]float64, n*l)}
	mulSparseDense(y, x, b.RawMatrix())
	addSparseTDense(w.RawMatrix(), x, y)
	upper := make([]float64, l*l)
	gramUpper(upper, y)
	graw := g.RawMatrix()
	for a := range l {
		for c := a; c < l; c++ {
			graw.Data[a*graw.Stride+c] += upper[a*l+c]
			if c != a {
				graw.Data[c*graw.Stride+a] += upper[a*l+c]
			}
		}
	}
}

// Orthonormalize replaces the columns of a (rows ≥ columns) by an
// orthonormal basis of their span, as FitLSA does between two products:
// one pass of Cholesky QR, or Householder QR if a is too ill-conditioned
// (for example rank-deficient). Applied to the w of a pass it gives the
// basis of the next pass. It panics if a is wider than tall.
func Orthonormalize(a *mat.Dense) {
	r, c := a.Dims()
	if r < c {
		panic(fmt.Sprintf("vectorize: Orthonormalize of a %d×%d matrix", r, c))
	}
	orthonormalize(a.RawMatrix(), 1, false)
}

// LSAFromPass returns the LSA of the last pass of the randomized SVD: from
// w = XᵀX·B and g = (X·B)ᵀ(X·B) (the sums of AddPass), the top dims right
// singular vectors and singular values of X projected onto the span of
// X·B, computed as FitLSA computes them from XᵀQ for an orthonormal basis Q
// of X·B. Components get FitLSA's signs. The explained variance ratios are
// left zero (they need another pass: see NewLSA). w and g are not
// modified.
//
// Q is Y·U·Λ^(-1/2) for the eigendecomposition G = U·Λ·Uᵀ, so that
// XᵀQ = W·U·Λ^(-1/2) needs no pass of its own; directions of X·B whose
// eigenvalue is below l·ε·λ_max (X·B rank-deficient) are dropped, and their
// singular values are then zero.
func LSAFromPass(w, g *mat.Dense, dims int, keepScale bool) (*LSA, error) {
	m, l := w.Dims()
	if gr, gc := g.Dims(); gr != l || gc != l {
		return nil, fmt.Errorf("vectorize: LSAFromPass: g is %d×%d, want %d×%d", gr, gc, l, l)
	}
	if dims < 1 || dims > l || l > m {
		return nil, fmt.Errorf("vectorize: LSAFromPass: %d components of a %d×%d pass", dims, m, l)
	}
	for _, v := range g.RawMatrix().Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, errors.New("vectorize: LSAFromPass: the Gram matrix is not finite")
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(mat.NewSymDense(l, mat.DenseCopyOf(g).RawMatrix().Data), true) {
		return nil, errors.New("vectorize: LSAFromPass: the eigendecomposition of the Gram matrix did not converge")
	}
	lambda := eig.Values(nil)
	var u mat.Dense
	eig.VectorsTo(&u)
	top := lambda[l-1] // ascending order
	scale := mat.NewDense(l, l, nil)
	for c, v := range lambda {
		if v > float64(l)*0x1p-52*top && v > 0 {
			for a := range l {
				scale.Set(a, c, u.At(a, c)/math.Sqrt(v))
			}
		}
	}
	z := mat.NewDense(m, l, nil)
	mulDenseRows(z.RawMatrix(), w.RawMatrix(), scale.RawMatrix())
	v, sigma, err := rangeSVD(z.RawMatrix(), dims, nil)
	if err != nil {
		return nil, fmt.Errorf("vectorize: LSAFromPass: %w", err)
	}
	return &LSA{v: v, sigma: sigma, evr: make([]float64, dims), keepScale: keepScale}, nil
}
