package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"path"
	"runtime"
	"slices"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
)

// KMeansOptions set spherical k-means, as the fields of the same names of
// topics.Config do.
type KMeansOptions struct {
	// K is the number of clusters; 0 chooses it on the sample between KMin
	// and KMax with cluster.ChooseLevels, as topics.Fit does, which also
	// finds the coarse groups of the clusters.
	K int
	// KMin and KMax bound the choice of k (KMax 0: ⌈3√n⌉ for the n
	// documents of the sample). Zero KMin means 2.
	KMin, KMax int
	// Restarts is the number of k-means++ seedings run on the sample by
	// cluster.KMeans; zero means 10.
	Restarts int
	// MaxIter bounds the iterations of each k-means run on the sample;
	// zero means cluster.KMeans's default (300).
	MaxIter int
	// Passes is the number of Lloyd passes over all the documents after
	// the sample; each is a stage of the pipeline, built in advance. Once
	// converged, the remaining passes read nothing. Zero means
	// DefaultPasses.
	Passes int
	// Tol stops the passes when the objective grew by no more than
	// Tol·|objective| in one pass, as cluster.KMeans; zero means 1e-6.
	Tol float64
	// Seed gives the k-means++ seedings on the sample (and the candidate
	// runs of the choice of k), from the streams topics.Fit uses.
	Seed uint64
	// DocWeights weighs the documents in every k-means step, on the sample
	// and in the passes, as topics.Fit does (Config.DocWeights), from the
	// counts of documents by number of distinct terms that travel with the
	// sample (sampleSet.Terms) and the KMState: not as a side input of their
	// own, which Prism has handed over empty to a stage run beside the one
	// producing it.
	DocWeights topics.DocWeights
}

// Defaults of KMeansOptions and VectorOptions.
const (
	DefaultPasses     = 30
	DefaultSeedSample = 20000
	defaultTol        = 1e-6
)

func (o KMeansOptions) withDefaults() KMeansOptions {
	o.Passes = cmpOr(o.Passes, DefaultPasses)
	o.KMin = cmpOr(o.KMin, 2)
	if o.Tol == 0 {
		o.Tol = defaultTol
	}
	return o
}

// KMeans clusters the LSA vectors of the work files vecFiles by spherical
// k-means and returns a PCollection holding the final KMState. The
// sample's counts of documents by number of terms give the document
// weights (KMeansOptions.DocWeights), and the KMState carries them to the
// passes.
//
// The restarts run where they are cheap: cluster.KMeans clusters the sample
// (the single sampleSet of Vectors) with Restarts k-means++ seedings, the
// random source topics.Fit gives it for the same seed, and Lloyd's
// algorithm to convergence (with K = 0, cluster.ChooseLevels chooses k and
// the coarse groups on the sample first, as topics.Fit does on all the
// documents). The best centroids start Lloyd passes over all the
// documents. A corpus no larger than the sample (and without empty
// documents) is thus clustered exactly as topics fit clusters it, and the
// passes only confirm the result. Each pass is a ParDo that adds every
// block into a cluster.LloydSums per bundle, a Combine that adds those up,
// and the update step on one worker (LloydSums.Centroids).
func KMeans(s beam.Scope, vecFiles, sample beam.PCollection, opt KMeansOptions) beam.PCollection {
	s = s.Scope("topics.KMeans")
	opt = opt.withDefaults()
	state := beam.ParDo(s, &sampleKMeansFn{Opt: opt}, sample)
	for pass := range opt.Passes {
		ps := s.Scope(fmt.Sprintf("pass%d", pass+1))
		parts := beam.ParDo(ps, &lloydFileFn{Weights: opt.DocWeights}, vecFiles, beam.SideInput{Input: state})
		state = beam.ParDo(ps, &updateFn{Opt: opt}, beam.Combine(ps, &mergeLloydFn{}, parts), beam.SideInput{Input: state})
	}
	return state
}

// sampleItem is a document's vector with its random rank and its number
// of distinct terms.
type sampleItem struct {
	Hash  uint64
	Doc   BlockKey // First is the document's own position in its file
	Vec   []float64
	Terms int
}

func (a sampleItem) compare(b sampleItem) int {
	return cmp.Or(cmp.Compare(a.Hash, b.Hash), a.Doc.compare(b.Doc))
}

// sampleHash returns the random rank of a document: a hash of the seed,
// its file's base name and its position, mixed by SplitMix64's finalizer.
// The base name, not the path, so that the same files give the same sample
// wherever they are (a local directory, gs://...).
func sampleHash(seed uint64, doc BlockKey) uint64 {
	h := fnv.New64a()
	h.Write([]byte(path.Base(doc.File)))
	x := seed ^ h.Sum64() ^ uint64(doc.First)*0x9e3779b97f4a7c15
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// sampleSet is a bottom-Size sample: the items of lowest (Hash, Doc); and
// Terms, the count of every document offered (sampled or not) by number of
// distinct terms (Terms[t] documents have t), from which the document
// weights follow (topics.DocWeights.Weigher).
type sampleSet struct {
	Items []sampleItem
	Terms []int
}

// addCount returns counts with n added at index t, grown as needed.
func addCount(counts []int, t, n int) []int {
	if t >= len(counts) {
		counts = append(counts, make([]int, t+1-len(counts))...)
	}
	counts[t] += n
	return counts
}

// keep trims the set to its size smallest items.
func (s sampleSet) keep(size int) sampleSet {
	if len(s.Items) > size {
		slices.SortFunc(s.Items, sampleItem.compare)
		s.Items = slices.Clip(s.Items[:size])
	}
	return s
}

// mergeSampleFn merges samples; the result is sorted in corpus order.
type mergeSampleFn struct {
	Size int
}

func (f *mergeSampleFn) MergeAccumulators(a, b sampleSet) sampleSet {
	terms := slices.Clone(a.Terms)
	for t, n := range b.Terms {
		terms = addCount(terms, t, n)
	}
	return sampleSet{Items: append(a.Items, b.Items...), Terms: terms}.keep(f.Size)
}

func (f *mergeSampleFn) ExtractOutput(s sampleSet) sampleSet {
	s = s.keep(f.Size)
	slices.SortFunc(s.Items, func(a, b sampleItem) int { return a.Doc.compare(b.Doc) })
	return s
}

// KMState is the state of k-means between two passes.
type KMState struct {
	K, Dims int
	// Centroids is K×Dims, row-major, unit rows.
	Centroids []float64
	// Parent holds each cluster's coarse group (each cluster its own group
	// unless k was chosen), numbered as on the sample.
	Parent []int
	// Terms counts all the documents by number of distinct terms (the
	// sample's sampleSet.Terms), for the document weights of the passes.
	Terms []int
	// Requested is the K asked for (0: chosen); SampleRows and
	// SampleObjective describe the clustering of the sample: its documents
	// and cluster.KMeans's objective.
	Requested       int
	SampleRows      int
	SampleObjective float64
	// Objective is that of the last assignment step over all documents,
	// and Moved the objective with the centroids moved to its clusters
	// (cluster.LloydSums.MovedObjective).
	Objective, Moved float64
	// Passes counts the passes over all documents.
	Passes int
	// Done is set once the passes have converged or run Passes times;
	// Converged says which.
	Done, Converged bool
}

// centroids returns the centroids as a matrix sharing st's data.
func (st KMState) centroids() *mat.Dense { return mat.NewDense(st.K, st.Dims, st.Centroids) }

// sampleKMeansFn clusters the sample.
type sampleKMeansFn struct {
	Opt KMeansOptions
}

func (f *sampleKMeansFn) ProcessElement(s sampleSet, emit func(KMState)) error {
	if len(s.Items) == 0 {
		return fmt.Errorf("topics-beam: k-means: none of the documents has a term in the vocabulary: %w", cluster.ErrNoRows)
	}
	d := len(s.Items[0].Vec)
	x := mat.NewDense(len(s.Items), d, nil)
	for i, it := range s.Items {
		x.SetRow(i, it.Vec)
	}
	km := cluster.KMeansOptions{
		K: f.Opt.K, Restarts: f.Opt.Restarts, MaxIter: f.Opt.MaxIter, Tol: f.Opt.Tol,
		Rand: rand.New(rand.NewPCG(f.Opt.Seed, streamKMeans)),
		// As topics.Fit: seeds over every document, weights where the
		// centroids settle.
		SeedUnweighted: true,
	}
	if weigh := f.Opt.DocWeights.Weigher(s.Terms); weigh != nil {
		km.Weights = make([]float64, len(s.Items))
		for i, it := range s.Items {
			km.Weights[i] = weigh(it.Terms)
		}
	}
	var res *cluster.Result
	var parent []int
	if f.Opt.K == 0 {
		lv, err := cluster.ChooseLevels(x, cluster.LevelOptions{
			MinK: f.Opt.KMin, MaxK: f.Opt.KMax, KMeans: km, Rand: rand.New(rand.NewPCG(f.Opt.Seed, streamLevels)),
		})
		if err != nil {
			return fmt.Errorf("topics-beam: choosing k on the sample: %w", err)
		}
		res, parent = lv.Fine, lv.Parent
	} else {
		var err error
		if res, err = cluster.KMeans(x, km); err != nil {
			return fmt.Errorf("topics-beam: k-means on the sample: %w", err)
		}
		parent = make([]int, res.K)
		for c := range parent {
			parent[c] = c
		}
	}
	emit(KMState{K: res.K, Dims: d, Centroids: res.Centroids.RawMatrix().Data, Parent: parent, Terms: s.Terms,
		Requested: f.Opt.K, SampleRows: len(s.Items), SampleObjective: res.Objective})
	return nil
}

// lloydFileFn adds the vectors of the work files of a bundle into
// LloydSums: the rows of each block are cut into one range per goroutine,
// and goroutine w always adds range w into its own sums, which are merged
// in order when the bundle finishes. Once the state is Done it reads
// nothing and emits empty sums.
type lloydFileFn struct {
	Weights topics.DocWeights
	sums    []*cluster.LloydSums
	cent    *mat.Dense
	weigh   func(t int) float64 // nil: every document weighs 1
}

func (f *lloydFileFn) ProcessElement(ctx context.Context, path string, st KMState, _ func(cluster.LloydSums)) error {
	if st.Done {
		return nil
	}
	if f.sums == nil {
		f.sums = make([]*cluster.LloydSums, runtime.GOMAXPROCS(0))
		for w := range f.sums {
			f.sums[w] = cluster.NewLloydSums(st.K, st.Dims)
		}
		f.cent = st.centroids()
		f.weigh = f.Weights.Weigher(st.Terms)
	}
	return readVecBlocks(ctx, path, func(b VecBlock) error {
		x := b.dense()
		if x == nil {
			return nil
		}
		workers := len(f.sums)
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for w := range workers {
			lo, hi := w*b.Rows/workers, (w+1)*b.Rows/workers
			if lo == hi {
				continue
			}
			wg.Go(func() {
				errs[w] = f.sums[w].AddWeighted(x.Slice(lo, hi, 0, b.Dims).(*mat.Dense), f.weights(b.Terms[lo:hi]), f.cent)
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// weights returns the weights of documents with the given numbers of
// terms, or nil when every document weighs 1.
func (f *lloydFileFn) weights(terms []int) []float64 {
	if f.weigh == nil {
		return nil
	}
	out := make([]float64, len(terms))
	for i, t := range terms {
		out[i] = f.weigh(t)
	}
	return out
}

func (f *lloydFileFn) FinishBundle(_ KMState, emit func(cluster.LloydSums)) {
	var total cluster.LloydSums
	for w, s := range f.sums {
		if w == 0 {
			total = *s
		} else {
			total.Merge(s)
		}
	}
	emit(total) // empty when done, so that the update step always runs
	f.sums, f.cent, f.weigh = nil, nil, nil
}

// mergeLloydFn adds the sums of bundles.
type mergeLloydFn struct{}

func (mergeLloydFn) MergeAccumulators(a, b cluster.LloydSums) cluster.LloydSums {
	switch {
	case b.Sum == nil:
		return a
	case a.Sum == nil:
		return b
	}
	a.Merge(&b)
	return a
}

// updateFn is the update step.
type updateFn struct {
	Opt KMeansOptions
}

func (f *updateFn) ProcessElement(s cluster.LloydSums, prev KMState, emit func(KMState)) error {
	if prev.Done {
		emit(prev)
		return nil
	}
	if s.Sum == nil {
		return fmt.Errorf("topics-beam: k-means: a pass summed no documents")
	}
	old := prev.centroids()
	cent, repaired := s.Centroids(old)
	next := prev
	next.Centroids = cent.RawMatrix().Data
	next.Objective, next.Moved = s.Objective, s.MovedObjective()
	next.Passes++
	converged := repaired == 0 && (mat.Equal(cent, old) ||
		prev.Passes > 0 && s.Objective-prev.Objective <= f.Opt.Tol*math.Abs(s.Objective))
	next.Converged = converged
	next.Done = converged || next.Passes >= f.Opt.Passes
	emit(next)
	return nil
}

func encodeSampleSet(s sampleSet) []byte {
	var w wbuf
	w.int(len(s.Items))
	for _, it := range s.Items {
		w.int(int(it.Hash >> 32))
		w.int(int(it.Hash & 0xffffffff))
		w.str(it.Doc.File)
		w.int(it.Doc.First)
		w.floats(it.Vec)
		w.int(it.Terms)
	}
	w.ints(s.Terms)
	return w.b
}

func decodeSampleSet(data []byte) (sampleSet, error) {
	r := rbuf{b: data}
	s := sampleSet{Items: make([]sampleItem, r.count(1))}
	for i := range s.Items {
		hi, lo := uint64(r.int()), uint64(r.int())
		s.Items[i] = sampleItem{Hash: hi<<32 | lo, Doc: BlockKey{File: r.str(), First: r.int()}, Vec: r.floats(), Terms: r.int()}
	}
	s.Terms = r.ints()
	return s, r.done("the k-means sample")
}

func encodeKMState(st KMState) []byte {
	w := sized(8 * len(st.Centroids))
	w.int(st.K)
	w.int(st.Dims)
	w.floats(st.Centroids)
	w.ints(st.Parent)
	w.ints(st.Terms)
	w.int(st.Requested)
	w.int(st.SampleRows)
	w.float(st.SampleObjective)
	w.float(st.Objective)
	w.float(st.Moved)
	w.int(st.Passes)
	w.bool(st.Done)
	w.bool(st.Converged)
	return w.b
}

func decodeKMState(data []byte) (KMState, error) {
	r := rbuf{b: data}
	st := KMState{K: r.int(), Dims: r.int(), Centroids: r.floats(), Parent: r.ints(), Terms: r.ints(), Requested: r.int(),
		SampleRows: r.int(), SampleObjective: r.float(), Objective: r.float(), Moved: r.float(),
		Passes: r.int(), Done: r.bool(), Converged: r.bool()}
	if err := r.done("the k-means state"); err != nil {
		return KMState{}, err
	}
	if len(st.Centroids) != st.K*st.Dims || len(st.Parent) != st.K {
		return KMState{}, errBadShape("the k-means state")
	}
	return st, nil
}

func encodeLloydSums(s cluster.LloydSums) []byte {
	var w wbuf
	w.int(s.K)
	w.int(s.Dims)
	w.floats(s.Sum)
	w.ints(s.Size)
	w.float(s.Objective)
	w.floats(s.WorstSim)
	w.floats(s.Worst)
	w.floats(s.WorstWeight)
	return w.b
}

func decodeLloydSums(data []byte) (cluster.LloydSums, error) {
	r := rbuf{b: data}
	s := cluster.LloydSums{K: r.int(), Dims: r.int(), Sum: r.floats(), Size: r.ints(), Objective: r.float(), WorstSim: r.floats(), Worst: r.floats(), WorstWeight: r.floats()}
	if err := r.done("k-means sums"); err != nil {
		return cluster.LloydSums{}, err
	}
	if len(s.Sum) != s.K*s.Dims || len(s.Size) != s.K || len(s.WorstSim) != s.K || len(s.Worst) != s.K*s.Dims || len(s.WorstWeight) != s.K {
		return cluster.LloydSums{}, errBadShape("k-means sums")
	}
	if s.K == 0 {
		s.Sum = nil // the empty sums of a pass after convergence
	}
	return s, nil
}
