package pipeline

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
)

// KMeansOptions set spherical k-means. Zero values mean the defaults of
// cluster.KMeansOptions where they apply.
type KMeansOptions struct {
	// K is the number of clusters, at least 1 (no automatic choice).
	K int
	// Restarts is the number of k-means++ seedings, run side by side in
	// the same passes; zero means 10.
	Restarts int
	// MaxIter is the number of Lloyd passes over the data; each is a stage
	// of the pipeline, built in advance. A restart that has converged
	// stops changing, and its later passes cost only the reading. Zero
	// means DefaultMaxIter.
	MaxIter int
	// Tol stops a restart when its objective grew by no more than
	// Tol·|objective| in one pass, as cluster.KMeans; zero means 1e-6.
	Tol float64
	// SeedSample is the number of documents drawn (uniformly, from the
	// seed) to seed the restarts on with k-means++; zero means
	// DefaultSeedSample. A corpus no larger is seeded whole, exactly as
	// the single-process pipeline seeds it.
	SeedSample int
	// Seed gives the sample and the seedings.
	Seed uint64
}

// Defaults of KMeansOptions.
const (
	DefaultMaxIter    = 30
	DefaultSeedSample = 20000
	defaultRestarts   = 10
	defaultTol        = 1e-6
)

func (o KMeansOptions) withDefaults() KMeansOptions {
	o.Restarts = cmpOr(o.Restarts, defaultRestarts)
	o.MaxIter = cmpOr(o.MaxIter, DefaultMaxIter)
	o.SeedSample = cmpOr(o.SeedSample, DefaultSeedSample)
	if o.Tol == 0 {
		o.Tol = defaultTol
	}
	return o
}

// KMeans clusters the LSA vectors (a PCollection<VecBlock>) by spherical
// k-means and returns a PCollection holding the final KMState. The
// restarts are seeded on a sample by cluster.SeedPlusPlus, with the random
// sources cluster.KMeans would give them for the same seed; then each of
// MaxIter passes is a ParDo that adds every block into per-restart
// cluster.LloydSums, summed per bundle, a Combine that adds those up (all
// restarts side by side, one small element per bundle), and an update step
// on one worker (LloydSums.Centroids), two stages per pass.
func KMeans(s beam.Scope, vecs beam.PCollection, opt KMeansOptions) beam.PCollection {
	s = s.Scope("topics.KMeans")
	opt = opt.withDefaults()
	sample := beam.Combine(s, &mergeSampleFn{Size: opt.SeedSample}, beam.ParDo(s, &sampleFn{Size: opt.SeedSample, Seed: opt.Seed}, vecs))
	state := beam.ParDo(s, &seedFn{Opt: opt}, sample)
	for pass := range opt.MaxIter {
		ps := s.Scope(fmt.Sprintf("pass%d", pass+1))
		parts := beam.ParDo(ps, &lloydFn{}, vecs, beam.SideInput{Input: state})
		state = beam.ParDo(ps, &updateFn{Opt: opt}, beam.Combine(ps, &mergeLloydFn{}, parts), beam.SideInput{Input: state})
	}
	return state
}

// sampleItem is a document's vector with its random rank.
type sampleItem struct {
	Hash uint64
	Doc  BlockKey // First is the document's own position in its file
	Vec  []float64
}

func (a sampleItem) compare(b sampleItem) int {
	return cmp.Or(cmp.Compare(a.Hash, b.Hash), a.Doc.compare(b.Doc))
}

// sampleHash returns the random rank of a document: a hash of the seed,
// its file and position, mixed by SplitMix64's finalizer.
func sampleHash(seed uint64, doc BlockKey) uint64 {
	h := fnv.New64a()
	h.Write([]byte(doc.File))
	x := seed ^ h.Sum64() ^ uint64(doc.First)*0x9e3779b97f4a7c15
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// sampleSet is a bottom-Size sample: the items of lowest (Hash, Doc).
type sampleSet struct {
	Items []sampleItem
}

// keep trims the set to its size smallest items.
func (s sampleSet) keep(size int) sampleSet {
	if len(s.Items) > size {
		slices.SortFunc(s.Items, sampleItem.compare)
		s.Items = slices.Clip(s.Items[:size])
	}
	return s
}

// sampleFn keeps, per bundle, the non-zero vectors of lowest rank.
type sampleFn struct {
	Size int
	Seed uint64
	set  sampleSet
}

func (f *sampleFn) ProcessElement(b VecBlock, _ func(sampleSet)) {
	for i := range b.Rows {
		row := b.Data[i*b.Dims : (i+1)*b.Dims]
		if slices.ContainsFunc(row, func(v float64) bool { return v != 0 }) {
			doc := BlockKey{File: b.Key.File, First: b.Key.First + i}
			f.set.Items = append(f.set.Items, sampleItem{sampleHash(f.Seed, doc), doc, slices.Clone(row)})
		}
		if len(f.set.Items) >= 2*f.Size {
			f.set = f.set.keep(f.Size)
		}
	}
}

func (f *sampleFn) FinishBundle(emit func(sampleSet)) {
	if len(f.set.Items) > 0 {
		emit(f.set.keep(f.Size))
	}
	f.set = sampleSet{}
}

// mergeSampleFn merges samples; the result is sorted in corpus order.
type mergeSampleFn struct {
	Size int
}

func (f *mergeSampleFn) MergeAccumulators(a, b sampleSet) sampleSet {
	return sampleSet{Items: append(a.Items, b.Items...)}.keep(f.Size)
}

func (f *mergeSampleFn) ExtractOutput(s sampleSet) sampleSet {
	s = s.keep(f.Size)
	slices.SortFunc(s.Items, func(a, b sampleItem) int { return a.Doc.compare(b.Doc) })
	return s
}

// KMState is the state of every restart between two passes.
type KMState struct {
	K, Dims  int
	Restarts []RestartState
}

// RestartState is one restart between two passes.
type RestartState struct {
	// Centroids is K×Dims, row-major, unit rows.
	Centroids []float64
	// Objective is that of the last assignment step, and Moved the
	// objective with the centroids moved to its clusters
	// (cluster.LloydSums.MovedObjective): the restart's score.
	Objective, Moved float64
	// Passes counts the assignment steps done.
	Passes int
	// Done is set once the restart has converged or run MaxIter passes.
	Done bool
}

// Best returns the centroids of the restart of highest score (the first
// on ties) and its index.
func (st KMState) Best() (*mat.Dense, int) {
	best := 0
	for r, rs := range st.Restarts {
		if rs.Moved > st.Restarts[best].Moved {
			best = r
		}
	}
	return mat.NewDense(st.K, st.Dims, st.Restarts[best].Centroids), best
}

// seedFn seeds every restart on the sample.
type seedFn struct {
	Opt KMeansOptions
}

func (f *seedFn) ProcessElement(s sampleSet, emit func(KMState)) error {
	if len(s.Items) == 0 {
		return fmt.Errorf("topics-beam: k-means: %w", cluster.ErrNoRows)
	}
	d := len(s.Items[0].Vec)
	x := mat.NewDense(len(s.Items), d, nil)
	for i, it := range s.Items {
		x.SetRow(i, it.Vec)
	}
	st := KMState{Dims: d, Restarts: make([]RestartState, f.Opt.Restarts)}
	sources := cluster.RestartSources(rand.New(rand.NewPCG(f.Opt.Seed, streamKMeans)), f.Opt.Restarts)
	for r, src := range sources {
		cent, err := cluster.SeedPlusPlus(x, f.Opt.K, src)
		if err != nil {
			return fmt.Errorf("topics-beam: k-means: %w", err)
		}
		st.K, _ = cent.Dims()
		st.Restarts[r].Centroids = cent.RawMatrix().Data
	}
	emit(st)
	return nil
}

// lloydFn adds the blocks of a bundle into one LloydSums per restart still
// running, emitted together when the bundle finishes. Restarts are summed
// concurrently; each one's sums are added block by block in order, so the
// result does not depend on the goroutines.
type lloydFn struct {
	part lloydPart
	cent []*mat.Dense
}

// lloydPart holds the sums of every restart over some blocks; a restart
// that has converged has empty sums (nil Sum).
type lloydPart struct {
	Sums []cluster.LloydSums
}

func (f *lloydFn) ProcessElement(b VecBlock, st KMState, _ func(lloydPart)) error {
	if f.part.Sums == nil {
		f.part.Sums = make([]cluster.LloydSums, len(st.Restarts))
		f.cent = make([]*mat.Dense, len(st.Restarts))
		for r, rs := range st.Restarts {
			if !rs.Done {
				f.part.Sums[r] = *cluster.NewLloydSums(st.K, st.Dims)
				f.cent[r] = mat.NewDense(st.K, st.Dims, rs.Centroids)
			}
		}
	}
	x := b.dense()
	if x == nil {
		return nil
	}
	var active []int
	for r, c := range f.cent {
		if c != nil {
			active = append(active, r)
		}
	}
	errs := make([]error, len(active))
	var wg sync.WaitGroup
	next := make(chan int, len(active))
	for i := range active {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(active)) {
		wg.Go(func() {
			for i := range next {
				r := active[i]
				errs[i] = f.part.Sums[r].Add(x, f.cent[r])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (f *lloydFn) FinishBundle(_ KMState, emit func(lloydPart)) {
	if f.part.Sums != nil {
		emit(f.part)
	}
	f.part, f.cent = lloydPart{}, nil
}

// mergeLloydFn adds the sums of bundles, restart by restart.
type mergeLloydFn struct{}

func (mergeLloydFn) MergeAccumulators(a, b lloydPart) lloydPart {
	if a.Sums == nil {
		return b
	}
	for r := range b.Sums {
		switch {
		case b.Sums[r].Sum == nil:
		case a.Sums[r].Sum == nil:
			a.Sums[r] = b.Sums[r]
		default:
			a.Sums[r].Merge(&b.Sums[r])
		}
	}
	return a
}

// updateFn is the update step of every running restart.
type updateFn struct {
	Opt KMeansOptions
}

func (f *updateFn) ProcessElement(part lloydPart, prev KMState, emit func(KMState)) error {
	if len(part.Sums) != len(prev.Restarts) {
		return fmt.Errorf("topics-beam: k-means: sums of %d restarts for %d", len(part.Sums), len(prev.Restarts))
	}
	next := KMState{K: prev.K, Dims: prev.Dims, Restarts: slices.Clone(prev.Restarts)}
	for r, st := range prev.Restarts {
		if st.Done {
			continue
		}
		s := part.Sums[r]
		if s.Sum == nil {
			return fmt.Errorf("topics-beam: k-means: restart %d has no sums", r)
		}
		old := mat.NewDense(prev.K, prev.Dims, st.Centroids)
		cent, repaired := s.Centroids(old)
		converged := repaired == 0 && (mat.Equal(cent, old) ||
			st.Passes > 0 && s.Objective-st.Objective <= f.Opt.Tol*math.Abs(s.Objective))
		next.Restarts[r] = RestartState{
			Centroids: cent.RawMatrix().Data,
			Objective: s.Objective,
			Moved:     s.MovedObjective(),
			Passes:    st.Passes + 1,
			Done:      converged || st.Passes+1 >= f.Opt.MaxIter,
		}
	}
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
	}
	return w.b
}

func decodeSampleSet(data []byte) (sampleSet, error) {
	r := rbuf{b: data}
	s := sampleSet{Items: make([]sampleItem, r.count(1))}
	for i := range s.Items {
		hi, lo := uint64(r.int()), uint64(r.int())
		s.Items[i] = sampleItem{Hash: hi<<32 | lo, Doc: BlockKey{File: r.str(), First: r.int()}, Vec: r.floats()}
	}
	return s, r.done("the k-means sample")
}

func encodeKMState(st KMState) []byte {
	var w wbuf
	w.int(st.K)
	w.int(st.Dims)
	w.int(len(st.Restarts))
	for _, rs := range st.Restarts {
		w.floats(rs.Centroids)
		w.float(rs.Objective)
		w.float(rs.Moved)
		w.int(rs.Passes)
		w.int(boolInt(rs.Done))
	}
	return w.b
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func decodeKMState(data []byte) (KMState, error) {
	r := rbuf{b: data}
	st := KMState{K: r.int(), Dims: r.int()}
	st.Restarts = make([]RestartState, r.count(1))
	for i := range st.Restarts {
		st.Restarts[i] = RestartState{Centroids: r.floats(), Objective: r.float(), Moved: r.float(), Passes: r.int(), Done: r.int() == 1}
		if r.err == nil && len(st.Restarts[i].Centroids) != st.K*st.Dims {
			r.fail(errBadShape("the k-means state"))
		}
	}
	return st, r.done("the k-means state")
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
	return w.b
}

func decodeLloydSums(data []byte) (cluster.LloydSums, error) {
	r := rbuf{b: data}
	s := cluster.LloydSums{K: r.int(), Dims: r.int(), Sum: r.floats(), Size: r.ints(), Objective: r.float(), WorstSim: r.floats(), Worst: r.floats()}
	if err := r.done("k-means sums"); err != nil {
		return cluster.LloydSums{}, err
	}
	if len(s.Sum) != s.K*s.Dims || len(s.Size) != s.K || len(s.WorstSim) != s.K || len(s.Worst) != s.K*s.Dims {
		return cluster.LloydSums{}, errBadShape("k-means sums")
	}
	return s, nil
}

func encodeLloydPart(p lloydPart) []byte {
	var w wbuf
	w.int(len(p.Sums))
	for _, s := range p.Sums {
		if s.Sum == nil {
			w.int(0)
			continue
		}
		enc := encodeLloydSums(s)
		w.int(len(enc))
		w.b = append(w.b, enc...)
	}
	return w.b
}

func decodeLloydPart(data []byte) (lloydPart, error) {
	r := rbuf{b: data}
	p := lloydPart{Sums: make([]cluster.LloydSums, r.count(1))}
	for i := range p.Sums {
		n := r.count(1)
		if n == 0 || r.err != nil {
			continue
		}
		s, err := decodeLloydSums(r.b[:n])
		if err != nil {
			return lloydPart{}, err
		}
		p.Sums[i] = s
		r.b = r.b[n:]
	}
	return p, r.done("k-means sums")
}
