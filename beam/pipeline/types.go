package pipeline

import (
	"cmp"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// BlockKey places a block of documents in the corpus: the file it comes
// from and the position in that file of its first document. The corpus
// order is that of (File, First): files in byte order of their paths, then
// documents in file order; it is the order of the rows of the single-process
// pipeline run on the files concatenated in that order.
type BlockKey struct {
	File  string
	First int
}

// compare orders keys in corpus order.
func (k BlockKey) compare(o BlockKey) int {
	return cmp.Or(cmp.Compare(k.File, o.File), cmp.Compare(k.First, o.First))
}

// DocBlock holds up to ReadOptions.BlockSize consecutive documents of one
// file, as a DoFn reads them.
type DocBlock struct {
	Key  BlockKey
	Docs []corpus.Document
}

// RowBlock holds the TF-IDF rows of a DocBlock in CSR form: row i has the
// columns Ind[Ptr[i]:Ptr[i+1]] (increasing) and the values Val[...]; every
// non-empty row has unit length. Cols is the size of the vocabulary.
type RowBlock struct {
	Key  BlockKey
	IDs  []string
	Cols int
	Ptr  []int
	Ind  []int32
	Val  []float64
}

// sparse returns the rows as a vectorize matrix sharing b's slices.
func (b RowBlock) sparse() *vectorize.Sparse {
	return vectorize.NewSparse(len(b.Ptr)-1, b.Cols, b.Ptr, b.Ind, b.Val)
}

// rowBlockOf returns the RowBlock of the rows of x.
func rowBlockOf(key BlockKey, ids []string, x *vectorize.Sparse) RowBlock {
	n, m := x.Dims()
	b := RowBlock{Key: key, IDs: ids, Cols: m, Ptr: make([]int, n+1)}
	for i := range n {
		ind, val := x.Row(i)
		b.Ind = append(b.Ind, ind...)
		b.Val = append(b.Val, val...)
		b.Ptr[i+1] = len(b.Ind)
	}
	return b
}

// VecBlock holds the LSA vectors of a RowBlock: Rows×Dims, row-major, each
// row of unit length or zero (a document without terms), and each row's
// number of distinct terms (its TF-IDF row's non-zeros), from which its
// k-means weight follows (topics.Config.DocWeights).
type VecBlock struct {
	Key   BlockKey
	Rows  int
	Dims  int
	Data  []float64
	Terms []int
}

// dense returns the vectors as a matrix sharing b's data (nil if empty).
func (b VecBlock) dense() *mat.Dense {
	if b.Rows == 0 {
		return nil
	}
	return mat.NewDense(b.Rows, b.Dims, b.Data)
}

// Matrix is a dense matrix as it crosses stages: Rows×Cols, row-major.
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

func matrixOf(m *mat.Dense) Matrix {
	r, c := m.Dims()
	raw := m.RawMatrix()
	if raw.Stride == c {
		return Matrix{r, c, raw.Data[:r*c]}
	}
	return matrixOf(mat.DenseCopyOf(m))
}

// dense returns the matrix as a *mat.Dense sharing its data.
func (m Matrix) dense() *mat.Dense { return mat.NewDense(m.Rows, m.Cols, m.Data) }

// Vocab is the vocabulary side input: the fitted vectorizer in the binary
// form of vectorize.Vectorizer.MarshalBinary (options, terms, document
// frequencies, number of documents, IDF), its size, and the warnings of its
// fit.
type Vocab struct {
	// Docs and Terms are the numbers of documents and of terms.
	Docs, Terms int
	Vectorizer  []byte
	Warnings    []string
}

// vectorizer decodes the vectorizer.
func (v Vocab) vectorizer() (*vectorize.Vectorizer, error) {
	var vec vectorize.Vectorizer
	if err := vec.UnmarshalBinary(v.Vectorizer); err != nil {
		return nil, fmt.Errorf("topics-beam: decoding the vocabulary: %w", err)
	}
	return &vec, nil
}

func (w *wbuf) key(k BlockKey) {
	w.str(k.File)
	w.int(k.First)
}

func (r *rbuf) key() BlockKey { return BlockKey{File: r.str(), First: r.int()} }

func encodeRowBlock(b RowBlock) []byte {
	n := 12*len(b.Val) + 10*len(b.Ptr) + len(b.Key.File)
	for _, id := range b.IDs {
		n += len(id) + 2
	}
	w := sized(n)
	w.str(b.Key.File)
	w.int(b.Key.First)
	w.strs(b.IDs)
	w.int(b.Cols)
	w.ints(b.Ptr)
	w.int32s(b.Ind)
	w.floats(b.Val)
	return w.b
}

func decodeRowBlock(data []byte) (RowBlock, error) {
	r := rbuf{b: data}
	b := RowBlock{Key: BlockKey{File: r.str(), First: r.int()}, IDs: r.strs(), Cols: r.int(), Ptr: r.ints(), Ind: r.int32s(), Val: r.floats()}
	if err := r.done("a block of TF-IDF rows"); err != nil {
		return RowBlock{}, err
	}
	if len(b.Ptr) != len(b.IDs)+1 || b.Ptr[len(b.Ptr)-1] != len(b.Ind) || len(b.Ind) != len(b.Val) {
		return RowBlock{}, errBadShape("a block of TF-IDF rows")
	}
	return b, nil
}

func encodeVecBlock(b VecBlock) []byte {
	w := sized(8*len(b.Data) + len(b.Key.File))
	w.str(b.Key.File)
	w.int(b.Key.First)
	w.int(b.Rows)
	w.int(b.Dims)
	w.floats(b.Data)
	w.ints(b.Terms)
	return w.b
}

func decodeVecBlock(data []byte) (VecBlock, error) {
	r := rbuf{b: data}
	b := VecBlock{Key: BlockKey{File: r.str(), First: r.int()}, Rows: r.int(), Dims: r.int(), Data: r.floats(), Terms: r.ints()}
	if err := r.done("a block of LSA vectors"); err != nil {
		return VecBlock{}, err
	}
	if len(b.Data) != b.Rows*b.Dims || len(b.Terms) != b.Rows {
		return VecBlock{}, errBadShape("a block of LSA vectors")
	}
	return b, nil
}

func (w *wbuf) matrix(m Matrix) {
	w.int(m.Rows)
	w.int(m.Cols)
	w.floats(m.Data)
}

func (r *rbuf) matrix() Matrix {
	m := Matrix{Rows: r.int(), Cols: r.int(), Data: r.floats()}
	if r.err == nil && (m.Rows < 0 || m.Cols < 0 || len(m.Data) != m.Rows*m.Cols) {
		r.fail(errBadShape("a matrix"))
	}
	return m
}

func encodeMatrix(m Matrix) []byte {
	w := sized(8 * len(m.Data))
	w.matrix(m)
	return w.b
}

func decodeMatrix(data []byte) (Matrix, error) {
	r := rbuf{b: data}
	m := r.matrix()
	return m, r.done("a matrix")
}

func encodeVocab(v Vocab) []byte {
	w := sized(len(v.Vectorizer))
	w.int(v.Docs)
	w.int(v.Terms)
	w.str(string(v.Vectorizer))
	w.strs(v.Warnings)
	return w.b
}

func decodeVocab(data []byte) (Vocab, error) {
	r := rbuf{b: data}
	v := Vocab{Docs: r.int(), Terms: r.int(), Vectorizer: []byte(r.str()), Warnings: r.strs()}
	return v, r.done("the vocabulary")
}

// errBadShape is the error of an encoding whose parts disagree in size.
type errBadShape string

func (e errBadShape) Error() string { return "topics-beam: decoding " + string(e) + ": sizes disagree" }
