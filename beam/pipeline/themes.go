package pipeline

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/vectorize"
)

// Themes places every document of the work files rowFiles in the cluster
// of the final centroids (of the KMState state) most similar to it, exactly
// as a saved model's Assign will place it, and sums per cluster: its size,
// its first document in corpus order (to number clusters as the
// single-process pipeline does) and the TF-IDF weight of each term (for its
// top terms). It returns a PCollection holding one ThemeSums.
func Themes(s beam.Scope, rowFiles, lsa, state beam.PCollection) beam.PCollection {
	s = s.Scope("topics.Themes")
	parts := beam.ParDo(s, &themeFileFn{}, rowFiles, beam.SideInput{Input: lsa}, beam.SideInput{Input: state})
	return beam.Combine(s, &sumThemesFn{}, parts)
}

// ThemeSums are per-cluster sums over the documents placed in each.
type ThemeSums struct {
	K, Terms int
	// Size holds the documents of each cluster, First the first of them
	// in corpus order (meaningless when Size is 0).
	Size  []int
	First []BlockKey
	// Sum is K×Terms, row-major: per cluster, the sum of its TF-IDF rows.
	Sum []float64
}

// add adds o to t; an empty t becomes o.
func (t ThemeSums) add(o ThemeSums) ThemeSums {
	if t.Sum == nil {
		return o
	}
	for c := range t.K {
		if o.Size[c] > 0 && (t.Size[c] == 0 || o.First[c].compare(t.First[c]) < 0) {
			t.First[c] = o.First[c]
		}
		t.Size[c] += o.Size[c]
	}
	floats.Add(t.Sum, o.Sum)
	return t
}

// order returns the clusters in the order of their new numbers: largest
// first, ties by first document; empty clusters last, by index.
func (t ThemeSums) order() []int {
	order := make([]int, t.K)
	for c := range order {
		order[c] = c
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := cmp.Compare(t.Size[b], t.Size[a]); c != 0 || t.Size[a] == 0 {
			return c
		}
		return t.First[a].compare(t.First[b])
	})
	return order
}

// topTerms returns the columns of the n terms of largest weight in cluster
// c (ties: lower column), heaviest first; terms of weight 0 are left out.
func (t ThemeSums) topTerms(c, n int) []int {
	sum := t.Sum[c*t.Terms : (c+1)*t.Terms]
	var cols []int
	for j, v := range sum {
		if v > 0 {
			cols = append(cols, j)
		}
	}
	slices.SortStableFunc(cols, func(a, b int) int { return cmp.Compare(sum[b], sum[a]) })
	return cols[:min(n, len(cols))]
}

// themeFileFn places the documents of the work files of a bundle and sums
// them.
type themeFileFn struct {
	lsa  *vectorize.LSA
	cent *mat.Dense
	sums ThemeSums
}

func (f *themeFileFn) ProcessElement(ctx context.Context, path string, parts LSAParts, st KMState, _ func(ThemeSums)) error {
	if f.lsa == nil {
		l, err := vectorize.NewLSA(parts.Components.dense(), parts.Sigma, nil, false)
		if err != nil {
			return err
		}
		f.lsa = l
		f.cent = st.centroids()
	}
	return readRowBlocks(ctx, path, func(b RowBlock) error {
		f.add(b, st.K)
		return nil
	})
}

// add places the documents of a block and adds them to the sums.
func (f *themeFileFn) add(b RowBlock, k int) {
	if f.sums.Sum == nil {
		f.sums = ThemeSums{K: k, Terms: b.Cols, Size: make([]int, k), First: make([]BlockKey, k), Sum: make([]float64, k*b.Cols)}
	}
	x := b.sparse()
	z := f.lsa.Transform(x)
	for i := range len(b.IDs) {
		c := nearestCentroid(z.RawRowView(i), f.cent)
		if c < 0 {
			continue
		}
		doc := BlockKey{File: b.Key.File, First: b.Key.First + i}
		if f.sums.Size[c] == 0 || doc.compare(f.sums.First[c]) < 0 {
			f.sums.First[c] = doc
		}
		f.sums.Size[c]++
		ind, val := x.Row(i)
		row := f.sums.Sum[c*b.Cols : (c+1)*b.Cols]
		for p, j := range ind {
			row[j] += val[p]
		}
	}
}

func (f *themeFileFn) FinishBundle(_ LSAParts, _ KMState, emit func(ThemeSums)) {
	if f.sums.Sum != nil {
		emit(f.sums)
	}
	f.sums = ThemeSums{}
}

// nearestCentroid returns the row of cent with the largest dot product
// with row (the first on ties), or -1 for a zero row: the cluster a saved
// model's Assign gives the document.
func nearestCentroid(row []float64, cent *mat.Dense) int {
	if floats.Norm(row, 2) == 0 {
		return -1
	}
	k, _ := cent.Dims()
	best, bv := -1, math.Inf(-1)
	for c := range k {
		if v := floats.Dot(row, cent.RawRowView(c)); v > bv {
			best, bv = c, v
		}
	}
	return best
}

// sumThemesFn adds the sums of bundles.
type sumThemesFn struct{}

func (sumThemesFn) MergeAccumulators(a, b ThemeSums) ThemeSums { return a.add(b) }

func encodeThemeSums(t ThemeSums) []byte {
	w := sized(8 * len(t.Sum))
	w.int(t.K)
	w.int(t.Terms)
	w.ints(t.Size)
	for _, k := range t.First {
		w.str(k.File)
		w.int(k.First)
	}
	w.floats(t.Sum)
	return w.b
}

func decodeThemeSums(data []byte) (ThemeSums, error) {
	r := rbuf{b: data}
	t := ThemeSums{K: r.int(), Terms: r.int(), Size: r.ints()}
	t.First = make([]BlockKey, len(t.Size))
	for c := range t.First {
		t.First[c] = BlockKey{File: r.str(), First: r.int()}
	}
	t.Sum = r.floats()
	if err := r.done("the cluster themes"); err != nil {
		return ThemeSums{}, err
	}
	if len(t.Size) != t.K || len(t.Sum) != t.K*t.Terms {
		return ThemeSums{}, errBadShape("the cluster themes")
	}
	return t, nil
}
