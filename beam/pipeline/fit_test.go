package pipeline

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/vectorize"
)

func TestMain(m *testing.M) {
	// Each Prism run leaves an empty placeholder file in the temporary
	// directory (Beam's runnerlib, loopback mode): give the runs one of
	// their own, removed at the end.
	dir, err := os.MkdirTemp("", "topics-beam-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TMPDIR", dir)
	if err := flag.Set("experiments", PrismExperiment); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := ptest.MainRetWithDefault(m, "prism")
	os.RemoveAll(dir)
	os.Exit(code)
}

// readWorkRows returns the TF-IDF rows of the work files of dir, in
// corpus order.
func readWorkRows(t *testing.T, dir string) []RowBlock {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "rows-*"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no work files of rows in %s: %v", dir, err)
	}
	var blocks []RowBlock
	for _, n := range names {
		err := readRowBlocks(context.Background(), n, func(b RowBlock) error {
			blocks = append(blocks, b)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.SortFunc(blocks, func(a, b RowBlock) int { return a.Key.compare(b.Key) })
	return blocks
}

// cliVectorize are topics fit's default vectorizer options.
var cliVectorize = vectorize.Options{StopWords: "english", MinDF: 2, MaxDF: 0.5, Sublinear: true}

// fitCase is a corpus fitted by both pipelines with the same options.
type fitCase struct {
	input string // glob for Beam
	docs  []corpus.Document
	k     int
	dims  int
	block int
}

// fitBoth fits c with the single-process pipeline (report.Fit, as topics
// fit) and with Fit on Prism, and returns the single-process model, the
// model file Fit wrote, loaded, and the TF-IDF rows Fit computed.
func fitBoth(t *testing.T, c fitCase) (*report.Model, *report.SavedModel, []RowBlock) {
	t.Helper()
	want, err := report.Fit(c.docs, report.Config{
		Vectorize: cliVectorize,
		LSA:       vectorize.LSAOptions{Dims: c.dims},
		K:         c.k,
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "model.topics")
	p, s := beam.NewPipelineWithRoot()
	Fit(s, FitOptions{
		Read:      ReadOptions{Input: c.input, BlockSize: c.block},
		Vectorize: cliVectorize,
		LSA:       LSAOptions{Dims: c.dims},
		KMeans:    KMeansOptions{K: c.k},
		Model:     ModelOptions{Path: path},
		WorkDir:   dir,
		KeepWork:  true,
	})
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	got, err := report.LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	return want, got, readWorkRows(t, dir)
}

// checkEquivalent checks a Beam-fitted model against the single-process
// one: the same vocabulary, document frequencies and IDF (bit for bit), the
// same TF-IDF rows (within 1e-12), LSA components spanning the same
// subspace (sine of the largest principal angle at most maxSin) with
// singular values within 1e-9 relative, and an NMI against the gold labels
// of the documents placed by the model within 0.01 of the single-process
// clustering's. It returns the two NMIs and the sine.
func checkEquivalent(t *testing.T, c fitCase, want *report.Model, got *report.SavedModel, rows []RowBlock, maxSin float64) (nmiWant, nmiGot, sin float64) {
	t.Helper()
	wv, gv := want.Vectorizer, got.Vectorizer
	if !slices.Equal(gv.Vocabulary(), wv.Vocabulary()) || !slices.Equal(gv.DocFreq(), wv.DocFreq()) || gv.NumDocs() != wv.NumDocs() {
		t.Fatalf("vocabulary: %d terms, %d documents; single process %d terms, %d documents", gv.NumTerms(), gv.NumDocs(), wv.NumTerms(), wv.NumDocs())
	}
	for j, w := range wv.IDF() {
		if g := gv.IDF()[j]; math.Float64bits(g) != math.Float64bits(w) {
			t.Fatalf("idf[%d] = %v, single process %v", j, g, w)
		}
	}
	i := 0
	worst := 0.0
	for _, b := range rows {
		x := b.sparse()
		for r := range len(b.IDs) {
			gi, gval := x.Row(r)
			wi, wval := want.TFIDF.Row(i)
			if !slices.Equal(gi, wi) || b.IDs[r] != c.docs[i].ID {
				t.Fatalf("row %d (%s): columns or id differ from the single-process row (%s)", i, b.IDs[r], c.docs[i].ID)
			}
			for p := range gval {
				worst = max(worst, math.Abs(gval[p]-wval[p]))
			}
			i++
		}
	}
	if i != len(c.docs) || worst > 1e-12 {
		t.Fatalf("%d TF-IDF rows of %d, largest difference %.3g (want <= 1e-12)", i, len(c.docs), worst)
	}
	sin = sinLargestAngle(want.LSA.Components(), got.LSA.Components())
	if !(sin <= maxSin) {
		t.Errorf("LSA: largest principal angle has sine %.3g, want <= %g", sin, maxSin)
	}
	ws, gs := want.LSA.SingularValues(), got.LSA.SingularValues()
	for d := range ws {
		if math.Abs(gs[d]-ws[d]) > 1e-9*ws[0] {
			t.Errorf("singular value %d: %.15g, single process %.15g", d, gs[d], ws[d])
		}
	}
	we, ge := want.LSA.ExplainedVarianceRatio(), got.LSA.ExplainedVarianceRatio()
	for d := range we {
		if math.Abs(ge[d]-we[d]) > 1e-9 {
			t.Errorf("explained variance ratio %d: %.12g, single process %.12g", d, ge[d], we[d])
		}
	}
	placed, err := got.Assign(c.docs, report.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	truth := make([]string, len(c.docs))
	pred := make([]int, len(c.docs))
	for i, d := range c.docs {
		truth[i], pred[i] = d.Label, placed[i].Cluster
	}
	sg, err := cluster.Score(cluster.FilterLabeled(truth, pred))
	if err != nil {
		t.Fatal(err)
	}
	sw, err := cluster.Score(cluster.FilterLabeled(truth, want.Clusters.Labels))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sg.NMI-sw.NMI) > 0.01 {
		t.Errorf("NMI %.4f, single process %.4f: want within 0.01", sg.NMI, sw.NMI)
	}
	if got.K() != want.Clusters.K {
		t.Errorf("k = %d, single process %d", got.K(), want.Clusters.K)
	}
	return sw.NMI, sg.NMI, sin
}

// sinLargestAngle returns the sine of the largest principal angle between
// the row spaces of a and b (d×m, orthonormal rows): ‖B − B·AᵀA‖₂.
func sinLargestAngle(a, b *mat.Dense) float64 {
	var proj, resid mat.Dense
	proj.Mul(b, a.T())
	resid.Mul(&proj, a)
	resid.Sub(b, &resid)
	return mat.Norm(&resid, 2)
}

// TestFitBBC300 fits testdata/bbc300.jsonl.gz on Prism in blocks of 64
// documents and checks it against the single-process fit (see
// checkEquivalent): the corpus is below the seeding sample, so the
// restarts start from the single-process seeds and end at the same
// clusters, which the model reproduces when it places the documents.
func TestFitBBC300(t *testing.T) {
	const input = "../../testdata/bbc300.jsonl.gz"
	docs, err := corpus.Read(input, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := fitCase{input: input, docs: docs, k: 5, dims: 50, block: 64}
	want, got, rows := fitBoth(t, c)
	nw, ng, sin := checkEquivalent(t, c, want, got, rows, 1e-9)
	t.Logf("NMI single process %.4f, Beam %.4f; LSA sin %.3g", nw, ng, sin)
	placed, err := got.Assign(docs, report.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Same clusters, numbered alike: every document in its cluster.
	for i, p := range placed {
		if p.Cluster != want.Clusters.Labels[i] {
			t.Fatalf("document %d (%s): cluster %d, single process %d", i, docs[i].ID, p.Cluster, want.Clusters.Labels[i])
		}
	}
	for c, th := range got.Themes {
		if len(th.KeyPhrases) == 0 || th.Label == "" {
			t.Errorf("cluster %d: no theme: %+v", c, th)
		}
	}
}
