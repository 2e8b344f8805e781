package pipeline

import (
	"context"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"gonum.org/v1/gonum/floats"

	"github.com/topics-dev/topics/vectorize"
)

// VectorOptions say where the vectors go and how the k-means sample is
// drawn from them.
type VectorOptions struct {
	// WorkDir is the directory of the work files.
	WorkDir string
	// SampleSize is the number of documents of the k-means sample; zero
	// means DefaultSeedSample.
	SampleSize int
	// Seed gives the sample.
	Seed uint64
}

// Vectors maps the TF-IDF rows of the work files rowFiles into the LSA
// space of lsa (the single LSAParts of LSA) and writes them, rows
// L2-normalized (zero for documents without terms), to work files of their
// own (VecBlock). It returns the vector files (a PCollection<string>) and
// two PCollections of one element each: the Moments from which the
// explained variance ratios come, and the k-means sample, a sampleSet of
// opt.SampleSize documents drawn uniformly from the seed, in corpus order,
// with the count of all documents by number of terms.
func Vectors(s beam.Scope, rowFiles, lsa beam.PCollection, opt VectorOptions) (vecFiles, moments, sample beam.PCollection) {
	s = s.Scope("topics.Vectors")
	size := cmpOr(opt.SampleSize, DefaultSeedSample)
	vecFiles, mom, samp := beam.ParDo3(s, &projectFileFn{WorkDir: opt.WorkDir, SampleSize: size, Seed: opt.Seed}, rowFiles, beam.SideInput{Input: lsa})
	return vecFiles, beam.Combine(s, &sumMomentsFn{}, mom), beam.Combine(s, &mergeSampleFn{Size: size}, samp)
}

// Moments are per-dimension sums over the documents' LSA vectors before
// normalization (X·Vᵀ): Rows documents, Sum and SumSq per dimension.
type Moments struct {
	Rows       int
	Sum, SumSq []float64
}

// add adds o to m; an empty m becomes o.
func (m Moments) add(o Moments) Moments {
	if m.Sum == nil {
		return o
	}
	floats.Add(m.Sum, o.Sum)
	floats.Add(m.SumSq, o.SumSq)
	m.Rows += o.Rows
	return m
}

// ExplainedVarianceRatio returns each dimension's population variance
// divided by total (the total variance of the TF-IDF matrix), as
// vectorize.LSA.ExplainedVarianceRatio; zeros when total is not positive.
func (m Moments) ExplainedVarianceRatio(total float64) []float64 {
	out := make([]float64, len(m.Sum))
	if !(total > 0) || m.Rows == 0 {
		return out
	}
	n := float64(m.Rows)
	for c, s := range m.Sum {
		mean := s / n
		out[c] = max(0, m.SumSq[c]/n-mean*mean) / total
	}
	return out
}

// projectFileFn maps the blocks of a work file into the LSA space and
// writes them to a vector file; the LSA is rebuilt once per DoFn instance.
// Moments and the sample are gathered per bundle.
type projectFileFn struct {
	WorkDir    string
	SampleSize int
	Seed       uint64
	lsa        *vectorize.LSA
	mom        Moments
	sample     sampleSet
}

func (f *projectFileFn) ProcessElement(ctx context.Context, path string, parts LSAParts, emit func(string), _ func(Moments), _ func(sampleSet)) error {
	if f.lsa == nil {
		l, err := vectorize.NewLSA(parts.Components.dense(), parts.Sigma, nil, true)
		if err != nil {
			return err
		}
		f.lsa = l
	}
	out := workFile(f.WorkDir, "vectors", path)
	err := writeBlocks(ctx, out, func(put func([]byte) error) error {
		return readRowBlocks(ctx, path, func(b RowBlock) error {
			vb := f.project(b)
			f.offer(vb)
			return put(encodeVecBlock(vb))
		})
	})
	if err != nil {
		return err
	}
	emit(out)
	return nil
}

// project returns the normalized vectors of a block and adds their raw
// values (X·Vᵀ) to the moments.
func (f *projectFileFn) project(b RowBlock) VecBlock {
	raw := f.lsa.Transform(b.sparse())
	n, d := raw.Dims()
	if f.mom.Sum == nil {
		f.mom = Moments{Sum: make([]float64, d), SumSq: make([]float64, d)}
	}
	out := VecBlock{Key: b.Key, Rows: n, Dims: d, Data: make([]float64, n*d), Terms: make([]int, n)}
	for i := range n {
		t := b.Ptr[i+1] - b.Ptr[i]
		out.Terms[i] = t
		f.sample.Terms = addCount(f.sample.Terms, t, 1)
		row := raw.RawRowView(i)
		floats.Add(f.mom.Sum, row)
		for c, v := range row {
			f.mom.SumSq[c] += v * v
		}
		if norm := floats.Norm(row, 2); norm > 0 {
			floats.ScaleTo(out.Data[i*d:(i+1)*d], 1/norm, row)
		}
	}
	f.mom.Rows += n
	return out
}

// offer adds the non-zero vectors of a block to the bundle's sample.
func (f *projectFileFn) offer(b VecBlock) {
	for i := range b.Rows {
		row := b.Data[i*b.Dims : (i+1)*b.Dims]
		if !slices.ContainsFunc(row, func(v float64) bool { return v != 0 }) {
			continue
		}
		doc := BlockKey{File: b.Key.File, First: b.Key.First + i}
		f.sample.Items = append(f.sample.Items, sampleItem{sampleHash(f.Seed, doc), doc, slices.Clone(row), b.Terms[i]})
		if len(f.sample.Items) >= 2*f.SampleSize {
			f.sample = f.sample.keep(f.SampleSize)
		}
	}
}

func (f *projectFileFn) FinishBundle(_ LSAParts, _ func(string), mom func(Moments), sample func(sampleSet)) {
	if f.mom.Sum != nil {
		mom(f.mom)
		sample(f.sample.keep(f.SampleSize))
	}
	f.mom, f.sample = Moments{}, sampleSet{}
}

// sumMomentsFn adds the moments of bundles.
type sumMomentsFn struct{}

func (sumMomentsFn) MergeAccumulators(a, b Moments) Moments { return a.add(b) }

func encodeMoments(m Moments) []byte {
	var w wbuf
	w.int(m.Rows)
	w.floats(m.Sum)
	w.floats(m.SumSq)
	return w.b
}

func decodeMoments(data []byte) (Moments, error) {
	r := rbuf{b: data}
	m := Moments{Rows: r.int(), Sum: r.floats(), SumSq: r.floats()}
	return m, r.done("the moments of the LSA vectors")
}
