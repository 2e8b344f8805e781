package pipeline

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"gonum.org/v1/gonum/floats"

	"github.com/topics-dev/topics/vectorize"
)

// Vectors maps the TF-IDF rows (a PCollection<RowBlock>) into the LSA space
// of lsa (the single LSAParts of LSA). It returns the document vectors as
// a PCollection<VecBlock>, rows L2-normalized (zero for documents without
// terms), and a PCollection holding one Moments: the sums from which the
// explained variance ratios come.
func Vectors(s beam.Scope, rows, lsa beam.PCollection) (vecs, moments beam.PCollection) {
	s = s.Scope("topics.Vectors")
	vecs, parts := beam.ParDo2(s, &projectFn{}, rows, beam.SideInput{Input: lsa})
	return vecs, beam.Combine(s, &sumMomentsFn{}, parts)
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

// projectFn maps a block into the LSA space; the LSA is rebuilt once per
// DoFn instance. Moments are summed per bundle.
type projectFn struct {
	lsa *vectorize.LSA
	mom Moments
}

func (f *projectFn) ProcessElement(b RowBlock, parts LSAParts, emit func(VecBlock), _ func(Moments)) error {
	if f.lsa == nil {
		l, err := vectorize.NewLSA(parts.Components.dense(), parts.Sigma, nil, true)
		if err != nil {
			return err
		}
		f.lsa = l
	}
	raw := f.lsa.Transform(b.sparse())
	n, d := raw.Dims()
	if f.mom.Sum == nil {
		f.mom = Moments{Sum: make([]float64, d), SumSq: make([]float64, d)}
	}
	out := VecBlock{Key: b.Key, Rows: n, Dims: d, Data: make([]float64, n*d)}
	for i := range n {
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
	emit(out)
	return nil
}

func (f *projectFn) FinishBundle(_ LSAParts, _ func(VecBlock), emit func(Moments)) {
	if f.mom.Sum != nil {
		emit(f.mom)
	}
	f.mom = Moments{}
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
