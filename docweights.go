package topics

import (
	"fmt"
	"math"

	"github.com/topics-dev/topics/vectorize"
)

// DocWeights says how much each document pulls on the k-means centroids
// (cluster.KMeansOptions.Weights). Every document is assigned to its
// nearest centroid whatever its weight; the weights only change where the
// centroids go.
type DocWeights int

const (
	// DocWeightsNone weighs every document 1.
	DocWeightsNone DocWeights = iota
	// DocWeightsLength weighs a document by its number of distinct terms
	// t against the corpus's median m (over documents with a term):
	// min(1, t/m)^DocWeightsPower. Documents at least as long as the
	// median weigh 1, shorter ones less: a post of a few words ("thanks in
	// advance") no longer pulls a centroid as a whole article does, so
	// fewer clusters are held together by the conversational words of
	// short documents. The reference is the corpus's own median, so a
	// corpus of long documents is weighed as one of short ones. k-means++
	// still draws its seeds over every document
	// (cluster.KMeansOptions.SeedUnweighted): a story told in short
	// articles keeps its chance of a centroid.
	DocWeightsLength
)

// DocWeightsPower is the power of DocWeightsLength. Measured with the
// pipeline at the gold k, seeds 0-4 (bench/results.md, "Short documents
// and k-means"): NMI 0.404 → 0.441 on 20 Newsgroups (clusters whose
// majority newsgroup holds under 25% of them: 4-6 → 2-3), 0.537 → 0.634
// on Reuters R8, 0.391 → 0.412 on AG News, 0.444 → 0.455 on four
// newsgroups; BBC and the UCI and ECB+ stories within 0.001. Powers 4 to
// 16 are within noise of each other where weights help; BBC loses from 8
// on, more so on subsamples.
const DocWeightsPower = 4

// String returns "none" or "length".
func (w DocWeights) String() string {
	switch w {
	case DocWeightsNone:
		return "none"
	case DocWeightsLength:
		return "length"
	}
	return fmt.Sprintf("DocWeights(%d)", int(w))
}

// Weigher returns the weight under w of a document with t distinct
// terms, in a corpus whose documents' numbers of distinct terms are
// counted by hist (hist[t] documents have t terms; those without terms
// do not count), or nil when every document weighs 1 (DocWeightsNone, or
// no document has a term). Fit and the Beam pipeline weigh documents
// with it.
func (w DocWeights) Weigher(hist []int) func(t int) float64 {
	if w != DocWeightsLength {
		return nil
	}
	m, ok := medianOf(hist)
	if !ok {
		return nil
	}
	return func(t int) float64 { return math.Pow(min(1, float64(t)/m), DocWeightsPower) }
}

// medianOf returns the median number of terms of the documents with at
// least one (the mean of the two middle ones for an even count) from
// their histogram, and false if there is none.
func medianOf(hist []int) (float64, bool) {
	n := 0
	for _, c := range hist[min(1, len(hist)):] {
		n += c
	}
	if n == 0 {
		return 0, false
	}
	// nth returns the number of terms of the i-th document (from 0) in
	// increasing order.
	nth := func(i int) int {
		for t := 1; t < len(hist); t++ {
			if i < hist[t] {
				return t
			}
			i -= hist[t]
		}
		panic("topics: internal error: median beyond the histogram")
	}
	if n%2 == 1 {
		return float64(nth(n / 2)), true
	}
	return float64(nth(n/2-1)+nth(n/2)) / 2, true
}

// Weights returns the k-means weight under w of each row of x (the TF-IDF
// rows of the documents), as Fit gives them (Model.Weights), or nil when
// every weight is 1.
func (w DocWeights) Weights(x *vectorize.Sparse) []float64 {
	n, _ := x.Dims()
	var hist []int
	for i := range n {
		t := x.RowNNZ(i)
		if t >= len(hist) {
			hist = append(hist, make([]int, t+1-len(hist))...)
		}
		hist[t]++
	}
	weigh := w.Weigher(hist)
	if weigh == nil {
		return nil
	}
	out := make([]float64, n)
	for i := range n {
		out[i] = weigh(x.RowNNZ(i))
	}
	return out
}
