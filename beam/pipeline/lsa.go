package pipeline

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/vectorize"
)

// LSAOptions set the randomized SVD, as vectorize.LSAOptions do (zero
// values mean the same defaults: PowerIters 0 means 7, -1 none); the
// random test matrix comes from Seed, as in topics.Fit.
type LSAOptions struct {
	Dims, Oversample, PowerIters int
	Seed                         uint64
}

func (o LSAOptions) vectorize() vectorize.LSAOptions {
	return vectorize.LSAOptions{Dims: o.Dims, Oversample: o.Oversample, PowerIters: o.PowerIters}
}

// passes returns the number of passes over the rows: power iterations + 1.
func (o LSAOptions) passes() int {
	p, err := o.vectorize().Plan(1, 1)
	if err != nil {
		return 1 // the error is reported by startBasisFn
	}
	return p.PowerIters + 1
}

// LSAParts are the fitted LSA, as one element: the d×terms components,
// their singular values, and the total variance of the TF-IDF matrix that
// the explained variance ratios are shares of.
type LSAParts struct {
	Components Matrix
	Sigma      []float64
	TotalVar   float64
}

// StartBasis returns the test matrix of the first pass of the LSA, as a
// PCollection holding one Matrix: vectorize.GaussianBasis drawn from the
// seed as the single-process pipeline draws it, or the identity when the
// range finder covers every term (as FitLSA then takes Ω = I).
func StartBasis(s beam.Scope, vocab beam.PCollection, opt LSAOptions) beam.PCollection {
	s = s.Scope("topics.StartBasis")
	return beam.ParDo(s, &startBasisFn{Opt: opt}, beam.Impulse(s), beam.SideInput{Input: vocab})
}

// LSA fits the LSA of the TF-IDF rows in the work files rowFiles by the
// randomized SVD in passes of vectorize.LSAFromPass: PowerIters+1 passes
// over the rows, the first made by TFIDF as it writes them (firstPass),
// each a ParDo that adds every block's contribution into per-bundle sums
// (vectorize.AddPass) and a Combine that adds those up; the
// orthonormalization between passes runs on one worker. It returns a
// PCollection holding one LSAParts. With the same seed the test matrix is
// the single-process pipeline's, so the components agree with it up to
// rounding.
func LSA(s beam.Scope, rowFiles, firstPass, vocab beam.PCollection, opt LSAOptions) beam.PCollection {
	s = s.Scope("topics.LSA")
	sums := beam.Combine(s.Scope("pass1"), &sumPassFn{}, firstPass)
	for pass := 2; pass <= opt.passes(); pass++ {
		ps := s.Scope(fmt.Sprintf("pass%d", pass))
		basis := beam.ParDo(ps, orthonormalizeFn, sums)
		sums = beam.Combine(ps, &sumPassFn{}, beam.ParDo(ps, &passFileFn{}, rowFiles, beam.SideInput{Input: basis}))
	}
	return beam.ParDo(s, &finishLSAFn{Opt: opt}, sums, beam.SideInput{Input: vocab})
}

// startBasisFn makes the test matrix of the first pass: vectorize's
// Gaussian basis from the seed, or the identity when the range finder
// covers every term (as FitLSA then takes Ω = I).
type startBasisFn struct {
	Opt LSAOptions
}

func (f *startBasisFn) ProcessElement(_ []byte, v Vocab, emit func(Matrix)) error {
	m := v.Terms
	plan, err := f.Opt.vectorize().Plan(v.Docs, m)
	if err != nil {
		return err
	}
	if plan.Cols == m {
		b := mat.NewDense(m, m, nil)
		for j := range m {
			b.Set(j, j, 1)
		}
		emit(matrixOf(b))
		return nil
	}
	emit(matrixOf(vectorize.GaussianBasis(m, plan.Cols, rand.New(rand.NewPCG(f.Opt.Seed, streamLSA)))))
	return nil
}

// passSums are the sums of one pass (see vectorize.AddPass), plus the
// column sums and the sum of squares of the rows, for the total variance.
type passSums struct {
	W, G   Matrix
	ColSum []float64
	SumSq  float64
	Rows   int
}

// add adds o to p; an empty p becomes o.
func (p passSums) add(o passSums) passSums {
	if p.Rows == 0 && p.W.Data == nil {
		return o
	}
	floats.Add(p.W.Data, o.W.Data)
	floats.Add(p.G.Data, o.G.Data)
	floats.Add(p.ColSum, o.ColSum)
	p.SumSq += o.SumSq
	p.Rows += o.Rows
	return p
}

// passAcc adds up a pass over the blocks a DoFn instance sees in a bundle.
type passAcc struct {
	w, g   *mat.Dense
	colSum []float64
	sumSq  float64
	rows   int
}

// add adds the contribution of a block with the basis.
func (a *passAcc) add(b RowBlock, basis Matrix) {
	if a.w == nil {
		a.w = mat.NewDense(basis.Rows, basis.Cols, nil)
		a.g = mat.NewDense(basis.Cols, basis.Cols, nil)
		a.colSum = make([]float64, basis.Rows)
	}
	vectorize.AddPass(a.w, a.g, b.sparse(), basis.dense())
	for p, j := range b.Ind {
		a.colSum[j] += b.Val[p]
		a.sumSq += b.Val[p] * b.Val[p]
	}
	a.rows += len(b.IDs)
}

// flush emits the sums, if any, and empties the accumulator.
func (a *passAcc) flush(emit func(passSums)) {
	if a.w != nil {
		emit(passSums{W: matrixOf(a.w), G: matrixOf(a.g), ColSum: a.colSum, SumSq: a.sumSq, Rows: a.rows})
	}
	*a = passAcc{}
}

// passFileFn adds the contributions of the blocks of the work files of a
// bundle into one passSums, emitted when the bundle finishes.
type passFileFn struct {
	acc passAcc
}

func (f *passFileFn) ProcessElement(ctx context.Context, path string, basis Matrix, _ func(passSums)) error {
	return readRowBlocks(ctx, path, func(b RowBlock) error {
		f.acc.add(b, basis)
		return nil
	})
}

func (f *passFileFn) FinishBundle(_ Matrix, emit func(passSums)) { f.acc.flush(emit) }

// sumPassFn adds the sums of bundles.
type sumPassFn struct{}

func (sumPassFn) MergeAccumulators(a, b passSums) passSums { return a.add(b) }

// orthonormalizeFn turns the W of a pass into the basis of the next one.
func orthonormalizeFn(p passSums) Matrix {
	w := p.W.dense()
	vectorize.Orthonormalize(w)
	return matrixOf(w)
}

// finishLSAFn computes the components from the sums of the last pass.
type finishLSAFn struct {
	Opt LSAOptions
}

func (f *finishLSAFn) ProcessElement(p passSums, v Vocab, emit func(LSAParts)) error {
	plan, err := f.Opt.vectorize().Plan(v.Docs, v.Terms)
	if err != nil {
		return err
	}
	lsa, err := vectorize.LSAFromPass(p.W.dense(), p.G.dense(), plan.Dims, false)
	if err != nil {
		return err
	}
	// Σⱼ var(column j) = Σ x²/n − ‖Σ rows‖²/n², population variances.
	n := float64(v.Docs)
	total := p.SumSq/n - floats.Dot(p.ColSum, p.ColSum)/(n*n)
	emit(LSAParts{Components: matrixOf(lsa.Components()), Sigma: lsa.SingularValues(), TotalVar: total})
	return nil
}

func encodePassSums(p passSums) []byte {
	w := sized(8 * (len(p.W.Data) + len(p.G.Data) + len(p.ColSum)))
	w.matrix(p.W)
	w.matrix(p.G)
	w.floats(p.ColSum)
	w.float(p.SumSq)
	w.int(p.Rows)
	return w.b
}

func decodePassSums(data []byte) (passSums, error) {
	r := rbuf{b: data}
	p := passSums{W: r.matrix(), G: r.matrix(), ColSum: r.floats(), SumSq: r.float(), Rows: r.int()}
	return p, r.done("the sums of a pass")
}

func encodeLSAParts(l LSAParts) []byte {
	w := sized(8 * (len(l.Components.Data) + len(l.Sigma)))
	w.matrix(l.Components)
	w.floats(l.Sigma)
	w.float(l.TotalVar)
	return w.b
}

func decodeLSAParts(data []byte) (LSAParts, error) {
	r := rbuf{b: data}
	l := LSAParts{Components: r.matrix(), Sigma: r.floats(), TotalVar: r.float()}
	return l, r.done("the LSA")
}
