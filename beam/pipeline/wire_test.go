package pipeline

import (
	"math"
	"reflect"
	"testing"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/vectorize"
)

// roundTrip checks that dec(enc(v)) is v, and that dec refuses every
// proper prefix of the encoding and the encoding with a byte appended.
func roundTrip[T any](t *testing.T, name string, v T, enc func(T) []byte, dec func([]byte) (T, error)) {
	t.Helper()
	b := enc(v)
	got, err := dec(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !reflect.DeepEqual(got, v) {
		t.Errorf("%s: decoded %+v, want %+v", name, got, v)
	}
	for n := range len(b) {
		if _, err := dec(b[:n]); err == nil {
			t.Errorf("%s: the first %d of %d bytes decode without an error", name, n, len(b))
			break
		}
	}
	if _, err := dec(append(b[:len(b):len(b)], 0)); err == nil {
		t.Errorf("%s: a byte after the encoding decodes without an error", name)
	}
}

// TestCoders round-trips every element type that crosses stages.
func TestCoders(t *testing.T) {
	key := BlockKey{File: "gs://b/part-01.jsonl.gz", First: 1000}
	roundTrip(t, "Matrix", Matrix{2, 3, []float64{1, -2, 3.5, math.Inf(1), 0, 1e-300}}, encodeMatrix, decodeMatrix)
	roundTrip(t, "TermCounts", vectorize.TermCounts{Docs: 3, Terms: []string{"a", "b"}, DF: []int{1, 2}, Total: []int64{1, 9}}, encodeTermCounts, decodeTermCounts)
	roundTrip(t, "Vocab", Vocab{Docs: 3, Terms: 2, Vectorizer: []byte{1, 2, 3}, Warnings: []string{"w"}}, encodeVocab, decodeVocab)
	roundTrip(t, "RowBlock", RowBlock{Key: key, IDs: []string{"x", "y"}, Cols: 4, Ptr: []int{0, 2, 3}, Ind: []int32{0, 3, 1}, Val: []float64{.6, .8, 1}},
		encodeRowBlock, decodeRowBlock)
	roundTrip(t, "VecBlock", VecBlock{Key: key, Rows: 2, Dims: 2, Data: []float64{1, 0, 0, 1}, Terms: []int{7, 0}}, encodeVecBlock, decodeVecBlock)
	roundTrip(t, "passSums", passSums{W: Matrix{2, 1, []float64{1, 2}}, G: Matrix{1, 1, []float64{3}}, ColSum: []float64{4, 5}, SumSq: 6, Rows: 7},
		encodePassSums, decodePassSums)
	roundTrip(t, "LSAParts", LSAParts{Components: Matrix{1, 2, []float64{.6, .8}}, Sigma: []float64{2}, TotalVar: .5}, encodeLSAParts, decodeLSAParts)
	roundTrip(t, "Moments", Moments{Rows: 2, Sum: []float64{1}, SumSq: []float64{2}}, encodeMoments, decodeMoments)
	roundTrip(t, "sampleSet", sampleSet{Items: []sampleItem{{Hash: math.MaxUint64, Doc: key, Vec: []float64{1, 0}, Terms: 12}}, Terms: []int{1, 0, 3}}, encodeSampleSet, decodeSampleSet)
	roundTrip(t, "KMState", KMState{K: 2, Dims: 1, Centroids: []float64{1, -1}, Parent: []int{0, 0}, Terms: []int{0, 2}, Requested: 3, SampleRows: 9,
		SampleObjective: 8.5, Objective: 8, Moved: 8.25, Passes: 2, Done: true, Converged: true}, encodeKMState, decodeKMState)
	sums := cluster.NewLloydSums(2, 1)
	sums.Size[0], sums.Sum[0], sums.WorstSim[0], sums.WorstWeight[0], sums.Objective = 1, 1, .5, .25, .5
	roundTrip(t, "LloydSums", *sums, encodeLloydSums, decodeLloydSums)
	roundTrip(t, "Placed", Placed{K: 2, Size: []int{2, 0}, First: []BlockKey{key, {}}, Top: [][]Member{{{key, .9}, {BlockKey{"f", 3}, .5}}, {}},
		Keep: 2, Empty: 1}, encodePlaced, decodePlaced)
	roundTrip(t, "DocText", DocText{Doc: key, Title: "Headline", Text: "Body."}, encodeDocText, decodeDocText)
	roundTrip(t, "ModelSummary", ModelSummary{Path: "m.topics", Docs: 9, Terms: 8, Dims: 7, K: 3, CoarseK: 2, Passes: 4, Objective: 6.5,
		Warnings: []string{"a", "b"}}, encodeModelSummary, decodeModelSummary)
}

// TestSampleHashFollowsBaseName checks that a document's rank in the
// k-means sample depends on the seed, its file's base name and its
// position, not on the directory: the same shards sampled from a local
// directory and from a bucket give the same sample.
func TestSampleHashFollowsBaseName(t *testing.T) {
	local := BlockKey{File: "/data/news/part-03.jsonl.gz", First: 17}
	bucket := BlockKey{File: "gs://bucket/news/part-03.jsonl.gz", First: 17}
	if sampleHash(1, local) != sampleHash(1, bucket) {
		t.Errorf("ranks differ between %s and %s", local.File, bucket.File)
	}
	for _, other := range []struct {
		seed uint64
		key  BlockKey
	}{
		{2, local},
		{1, BlockKey{File: local.File, First: 18}},
		{1, BlockKey{File: "/data/news/part-04.jsonl.gz", First: 17}},
	} {
		if sampleHash(other.seed, other.key) == sampleHash(1, local) {
			t.Errorf("seed %d, %s at %d: same rank as seed 1, %s at 17", other.seed, other.key.File, other.key.First, local.File)
		}
	}
}
