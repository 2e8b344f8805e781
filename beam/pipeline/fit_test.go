package pipeline

import (
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
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

// bbc300 is the test corpus of the root module.
const bbc300 = "../../testdata/bbc300.jsonl.gz"

// writeShards writes docs to n files of dir in order (part-0.jsonl.gz,
// part-1.jsonl, part-2.jsonl.gz, ...: gzip and plain alternately), so
// that the corpus order of the glob dir/part-* is that of docs.
func writeShards(t *testing.T, docs []corpus.Document, dir string, n int) string {
	t.Helper()
	for s := range n {
		name := filepath.Join(dir, fmt.Sprintf("part-%d.jsonl", s))
		if s%2 == 0 {
			name += ".gz"
		}
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		var w io.Writer = f
		var zw *gzip.Writer
		if s%2 == 0 {
			zw = gzip.NewWriter(f)
			w = zw
		}
		enc := json.NewEncoder(w)
		for _, d := range docs[s*len(docs)/n : (s+1)*len(docs)/n] {
			rec := map[string]string{"id": d.ID, "title": d.Title, "text": d.Text, "label": d.Label}
			if err := enc.Encode(rec); err != nil {
				t.Fatal(err)
			}
		}
		if zw != nil {
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "part-*")
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

// fitted is a corpus fitted by both pipelines with the same Config.
type fitted struct {
	docs  []corpus.Document
	want  *topics.Model      // topics.Fit
	got   *topics.SavedModel // the model file Fit wrote, loaded
	path  string             // that file
	rows  []RowBlock         // the TF-IDF rows Fit computed
	input string             // the glob Fit read
}

// fitBoth fits the corpus of the glob input (docs, read whole) with
// topics.Fit and with Fit on Prism in blocks of block documents, k-means
// seeded on a sample of seedSample documents (0: DefaultSeedSample).
func fitBoth(t *testing.T, input string, docs []corpus.Document, cfg topics.Config, block, seedSample int, more ...func(*FitOptions)) fitted {
	t.Helper()
	want, err := topics.Fit(context.Background(), docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "model.topics")
	p, s := beam.NewPipelineWithRoot()
	opt := FitOptions{
		Read:       ReadOptions{Input: input, BlockSize: block},
		Config:     cfg,
		Passes:     DefaultPasses,
		SeedSample: cmp.Or(seedSample, DefaultSeedSample),
		Model:      path,
		WorkDir:    dir,
		KeepWork:   true,
	}
	for _, set := range more {
		set(&opt)
	}
	_, err = Fit(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	got, err := topics.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fitted{docs: docs, want: want, got: got, path: path, rows: readWorkRows(t, dir), input: input}
}

// agreement measures how far a Beam fit is from topics.Fit.
type agreement struct {
	tfidf     float64   // largest difference of a TF-IDF value
	sines     []float64 // sines of the principal angles between the LSA subspaces, largest first
	sigma     float64   // largest relative difference of a singular value
	evr       float64   // largest difference of an explained variance ratio
	nmiWant   float64   // NMI of topics.Fit's clusters against the gold labels
	nmiGot    float64   // NMI of the Beam model's placements
	relabeled int       // documents placed in another cluster than topics.Fit's
}

// measure compares the two fits. It fails the test at once unless the
// vocabulary, document frequencies and IDF are identical bit for bit and
// the TF-IDF rows have the same documents and columns.
func measure(t *testing.T, f fitted) agreement {
	t.Helper()
	var a agreement
	wv, gv := f.want.Vectorizer, f.got.Vectorizer
	if !slices.Equal(gv.Vocabulary(), wv.Vocabulary()) || !slices.Equal(gv.DocFreq(), wv.DocFreq()) || gv.NumDocs() != wv.NumDocs() {
		t.Fatalf("vocabulary: %d terms, %d documents; topics.Fit %d terms, %d documents", gv.NumTerms(), gv.NumDocs(), wv.NumTerms(), wv.NumDocs())
	}
	if !reflect.DeepEqual(gv.Options(), wv.Options()) {
		t.Fatalf("vectorizer options %+v, topics.Fit %+v", gv.Options(), wv.Options())
	}
	gotIDF := gv.IDF() // a copy per call
	for j, w := range wv.IDF() {
		if g := gotIDF[j]; math.Float64bits(g) != math.Float64bits(w) {
			t.Fatalf("idf[%d] = %v, topics.Fit %v", j, g, w)
		}
	}
	i := 0
	for _, b := range f.rows {
		x := b.sparse()
		for r := range len(b.IDs) {
			gi, gval := x.Row(r)
			wi, wval := f.want.TFIDF.Row(i)
			if !slices.Equal(gi, wi) || b.IDs[r] != f.docs[i].ID {
				t.Fatalf("row %d (%s): columns or id differ from topics.Fit's row (%s)", i, b.IDs[r], f.docs[i].ID)
			}
			for p := range gval {
				a.tfidf = max(a.tfidf, math.Abs(gval[p]-wval[p]))
			}
			i++
		}
	}
	if i != len(f.docs) {
		t.Fatalf("%d TF-IDF rows for %d documents", i, len(f.docs))
	}
	a.sines = principalSines(f.want.LSA.Components(), f.got.LSA.Components())
	ws, gs := f.want.LSA.SingularValues(), f.got.LSA.SingularValues()
	for d := range ws {
		a.sigma = max(a.sigma, math.Abs(gs[d]-ws[d])/ws[0])
	}
	we, ge := f.want.LSA.ExplainedVarianceRatio(), f.got.LSA.ExplainedVarianceRatio()
	for d := range we {
		a.evr = max(a.evr, math.Abs(ge[d]-we[d]))
	}
	placed, err := f.got.Assign(f.docs, topics.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	truth := make([]string, len(f.docs))
	pred := make([]int, len(f.docs))
	for i, d := range f.docs {
		truth[i], pred[i] = d.Label, placed[i].Cluster
		if pred[i] != f.want.Clusters.Labels[i] {
			a.relabeled++
		}
	}
	sg, err := cluster.Score(cluster.FilterLabeled(truth, pred))
	if err != nil {
		t.Fatal(err)
	}
	sw, err := cluster.Score(cluster.FilterLabeled(truth, f.want.Clusters.Labels))
	if err != nil {
		t.Fatal(err)
	}
	a.nmiWant, a.nmiGot = sw.NMI, sg.NMI
	return a
}

// check states what issue #17 asks of a Beam fit: TF-IDF within 1e-12,
// the LSA subspace within principal angles of sine maxSin, singular values
// (relative to the largest) and explained variance ratios within 1e-7, NMI
// within 0.01. topics.Fit runs its power iterations in single precision
// (unit roundoff 6e-8) and the Beam passes in double: on bbc300 they agree
// to sines of 1.8e-6 to 2.5e-6 and singular values of 2e-9 to 3e-9, so
// the bounds (maxSin 1e-5 in the tests) are about 200 times float32's
// roundoff and far below any change of the clusters.
func (a agreement) check(t *testing.T, maxSin float64) {
	t.Helper()
	if a.tfidf > 1e-12 {
		t.Errorf("TF-IDF differs by up to %.3g, want <= 1e-12", a.tfidf)
	}
	if !(a.sines[0] <= maxSin) {
		t.Errorf("LSA: largest principal angle has sine %.3g, want <= %g", a.sines[0], maxSin)
	}
	if !(a.sigma <= 1e-7) || !(a.evr <= 1e-7) {
		t.Errorf("singular values differ by up to %.3g (relative), explained variance ratios by %.3g: want <= 1e-7", a.sigma, a.evr)
	}
	if !(math.Abs(a.nmiGot-a.nmiWant) <= 0.01) {
		t.Errorf("NMI %.4f, topics.Fit %.4f: want within 0.01", a.nmiGot, a.nmiWant)
	}
	t.Logf("TF-IDF max diff %.3g; LSA principal angles: largest sine %.3g, median %.3g; singular values %.3g, EVR %.3g; NMI %.4f (topics.Fit %.4f); %d documents in another cluster",
		a.tfidf, a.sines[0], a.sines[len(a.sines)/2], a.sigma, a.evr, a.nmiGot, a.nmiWant, a.relabeled)
}

// principalSines returns the sines of the principal angles between the
// row spaces of a and b (d×m, orthonormal rows), largest first: the
// singular values of B − B·AᵀA.
func principalSines(a, b *mat.Dense) []float64 {
	var proj, resid mat.Dense
	proj.Mul(b, a.T())
	resid.Mul(&proj, a)
	resid.Sub(b, &resid)
	var svd mat.SVD
	if !svd.Factorize(&resid, mat.SVDNone) {
		return []float64{math.NaN()}
	}
	return svd.Values(nil)
}

// sameClusters checks that the Beam model has topics.Fit's clusters,
// numbered alike, with the same coarse groups and themes.
func sameClusters(t *testing.T, f fitted) {
	t.Helper()
	placed, err := f.got.Assign(f.docs, topics.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range placed {
		if p.Cluster != f.want.Clusters.Labels[i] {
			t.Fatalf("document %d (%s): cluster %d, topics.Fit %d", i, f.docs[i].ID, p.Cluster, f.want.Clusters.Labels[i])
		}
	}
	if !slices.Equal(f.got.Parent, f.want.Parent) {
		t.Errorf("parents %v, topics.Fit %v", f.got.Parent, f.want.Parent)
	}
	sameThemes(t, "cluster", f.got.Themes, f.want.Themes)
	sameThemes(t, "theme group", f.got.ParentThemes, f.want.ParentThemes)
}

// sameThemes checks that two lists of themes have the same names and key
// phrases, weights within 1e-9 relative.
func sameThemes(t *testing.T, what string, got, want []topics.Theme) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d %s themes, topics.Fit %d", len(got), what, len(want))
	}
	for c := range want {
		g, w := got[c], want[c]
		if g.Name != w.Name || len(g.KeyPhrases) != len(w.KeyPhrases) {
			t.Errorf("%s %d: theme %q with %d key phrases, topics.Fit %q with %d", what, c, g.Name, len(g.KeyPhrases), w.Name, len(w.KeyPhrases))
			continue
		}
		for p, wp := range w.KeyPhrases {
			gp := g.KeyPhrases[p]
			if gp.Phrase != wp.Phrase || gp.Count != wp.Count || gp.Documents != wp.Documents ||
				math.Abs(gp.Weight-wp.Weight) > 1e-9*math.Abs(wp.Weight) {
				t.Errorf("%s %d, key phrase %d: %+v, topics.Fit %+v", what, c, p, gp, wp)
			}
		}
	}
}

// bbcAndConfig returns the documents of bbc300 and the default Config as
// topics-beam uses it (Mail keep: topics-beam does not decide it from the
// corpus).
func bbcAndConfig(t *testing.T) ([]corpus.Document, topics.Config) {
	t.Helper()
	docs, err := corpus.Read(bbc300, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := topics.DefaultConfig()
	cfg.Mail = topics.MailKeep
	return docs, cfg
}

// TestFitBBC300 fits testdata/bbc300.jsonl.gz, written as three shards, on
// Prism in blocks of 64 documents and checks it against topics.Fit with
// the same Config (k = 5, 50 dimensions): identical vocabulary and IDF,
// TF-IDF within 1e-12, the LSA subspace within principal angles of sine
// 1e-5 (see check), and, since the corpus is below the seeding sample, the same
// clusters numbered alike with the same themes. The model file then
// places the shards in topics-beam assign as topics assign places the
// corpus.
func TestFitBBC300(t *testing.T) {
	docs, cfg := bbcAndConfig(t)
	cfg.K, cfg.Dims = 5, 50
	f := fitBoth(t, writeShards(t, docs, t.TempDir(), 3), docs, cfg, 64, 0)
	measure(t, f).check(t, 1e-5)
	sameClusters(t, f)
	if f.got.K() != 5 || f.got.Index != nil {
		t.Errorf("k = %d, index %v: want 5 clusters and no index", f.got.K(), f.got.Index != nil)
	}
	t.Run("assign", func(t *testing.T) { checkAssign(t, f) })
}

// TestFitIndex fits bbc300 with a document index (topics fit --index):
// ids, titles and terms are those of topics.Fit's index, the vectors agree
// as the LSA does, and queries find the same documents.
func TestFitIndex(t *testing.T) {
	docs, cfg := bbcAndConfig(t)
	cfg.K, cfg.Dims = 5, 50
	terms := topics.DefaultSaveOptions().IndexTerms
	f := fitBoth(t, writeShards(t, docs, t.TempDir(), 3), docs, cfg, 64, 0, func(o *FitOptions) { o.IndexTerms = terms })
	want, err := f.want.Saved(topics.SaveOptions{Index: true, IndexTerms: terms})
	if err != nil {
		t.Fatal(err)
	}
	gi, wi := f.got.Index, want.Index
	if gi == nil {
		t.Fatal("the model has no index")
	}
	if !slices.Equal(gi.IDs, wi.IDs) || !slices.Equal(gi.Titles, wi.Titles) {
		t.Fatalf("ids or titles differ from topics.Fit's index (%d and %d documents)", len(gi.IDs), len(wi.IDs))
	}
	if !reflect.DeepEqual(gi.Terms, wi.Terms) {
		t.Error("the indexed terms differ from topics.Fit's")
	}
	var diff float64
	for i := range gi.IDs {
		for j := range cfg.Dims {
			diff = max(diff, math.Abs(gi.Vectors.At(i, j)-wi.Vectors.At(i, j)))
		}
	}
	t.Logf("largest difference of an indexed LSA vector entry: %.2g", diff)
	if diff > 1e-4 {
		t.Errorf("indexed vectors differ by %.2g (the LSA bases agree to sines of 1e-5)", diff)
	}
	for _, q := range []string{"mobile phone networks", "oil prices and the economy", "olympic athletics"} {
		g, err := f.got.Query(q, topics.QueryOptions{N: 5, Terms: 3})
		if err != nil {
			t.Fatal(err)
		}
		w, err := want.Query(q, topics.QueryOptions{N: 5, Terms: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(g) == 0 || len(g) != len(w) || g[0].ID != w[0].ID {
			t.Errorf("query %q: got %v, topics.Fit's model %v", q, g, w)
		}
	}
}

// TestFitMailStrip fits mail-like posts with e-mail structure stripped
// (Config.Mail = MailStrip): the vocabulary, the vectorizer's options
// (saved with the model, so assign strips too), the clusters and the
// themes are topics.Fit's, and no header word or address is a term.
func TestFitMailStrip(t *testing.T) {
	bbc, err := corpus.Read(bbc300, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := bbc[:120]
	for i := range docs {
		d := &docs[i]
		d.Text = fmt.Sprintf("From: reporter%d@example.org\nSubject: %s\nOrganization: Newsdesk\n\n%s\n\n> an earlier post quoted here\n-- \nreporter%d, newsdesk", i, d.Title, d.Text, i)
	}
	cfg := topics.DefaultConfig()
	cfg.Mail = topics.MailStrip
	cfg.K, cfg.Dims = 4, 30
	f := fitBoth(t, writeShards(t, docs, t.TempDir(), 2), docs, cfg, 64, 0)
	measure(t, f).check(t, 1e-5)
	sameClusters(t, f)
	if !f.got.Vectorizer.Options().StripMail {
		t.Error("the model's vectorizer does not strip mail")
	}
	for _, term := range f.got.Vectorizer.Vocabulary() {
		if term == "organization" || term == "newsdesk" || strings.HasPrefix(term, "reporter") {
			t.Errorf("term %q survived the stripping", term)
		}
	}
}

// TestFitChoosesK fits bbc300 with k chosen (Config.K = 0; with the
// default settings and seed 7 topics.Fit finds 8 clusters in 5 theme
// groups; seeds 0-6, 8 and 9 give no coarser level): the choice runs on the
// sample, here the whole corpus, so k, the clusters, their coarse groups
// and the themes of both levels are topics.Fit's.
func TestFitChoosesK(t *testing.T) {
	docs, cfg := bbcAndConfig(t)
	cfg.Dims, cfg.Seed = 50, 7
	f := fitBoth(t, bbc300, docs, cfg, 100, 0)
	measure(t, f).check(t, 1e-5)
	sameClusters(t, f)
	if slices.Max(f.got.Parent)+1 >= f.got.K() || f.got.ParentThemes == nil {
		t.Errorf("%d clusters in %d groups with %d group themes: want fewer groups than clusters, with themes",
			f.got.K(), slices.Max(f.got.Parent)+1, len(f.got.ParentThemes))
	}
	t.Logf("k = %d in %d theme groups (topics.Fit: %d in %d)", f.got.K(), slices.Max(f.got.Parent)+1, f.want.Clusters.K, f.want.CoarseK())
}

// TestFitSampled fits bbc300 with the k-means restarts on a sample of 100
// of its 300 documents, then Lloyd passes over all of them: the path of a
// corpus larger than the sample. Vocabulary, TF-IDF and LSA do not depend
// on the sample and must match topics.Fit as in TestFitBBC300 (check's
// bounds but NMI). The clusters are another local optimum than
// topics.Fit's (seeded on the sample), so NMI is logged, not compared; what
// must hold is that the Lloyd passes over all documents converged: every
// centroid is the normalized sum of the LSA vectors of the documents the
// model places in it (cosine within 1e-9), and no cluster is empty.
func TestFitSampled(t *testing.T) {
	docs, cfg := bbcAndConfig(t)
	cfg.K, cfg.Dims = 5, 50
	cfg.DocWeights = topics.DocWeightsNone // unweighted sums; TestFitDocWeights checks the weighted ones
	f := fitBoth(t, writeShards(t, docs, t.TempDir(), 2), docs, cfg, 64, 100)
	a := measure(t, f)
	a.nmiGot = a.nmiWant // compared below, by the fixed point, not by NMI
	a.check(t, 1e-5)
	g := f.got
	z := g.LSA.Transform(g.Vectorizer.TransformTexts(corpus.Contents(docs)))
	placed, err := g.Assign(docs, topics.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	k, d := g.Centroids.Dims()
	sums := mat.NewDense(k, d, nil)
	for i, p := range placed {
		row := mat.NewVecDense(d, slices.Clone(z.RawRowView(i)))
		if n := mat.Norm(row, 2); n > 0 && p.Cluster >= 0 {
			row.ScaleVec(1/n, row)
			sum := sums.RowView(p.Cluster).(*mat.VecDense)
			sum.AddVec(sum, row)
		}
	}
	for c := range k {
		sum, cent := sums.RowView(c), g.Centroids.RowView(c)
		cos := mat.Dot(sum, cent) / (mat.Norm(sum, 2) * mat.Norm(cent, 2))
		if !(cos >= 1-1e-9) {
			t.Errorf("cluster %d: cosine %.12f between its centroid and the sum of its documents, want >= 1-1e-9", c, cos)
		}
	}
	// Other samples of 100 (drawn when the rank followed the whole path)
	// gave NMI 0.67 to 0.90: the sample decides the local optimum.
	t.Logf("k-means seeded on a sample of 100: NMI %.4f (topics.Fit, all 300: %.4f)", measure(t, f).nmiGot, a.nmiWant)
}

// TestFitDocWeights fits bbc300 with document weights (Config.DocWeights
// = DocWeightsLength), whose median comes from the counts of documents by
// number of terms gathered with the moments. Below the seeding sample the
// clusters are topics.Fit's, numbered alike; seeded on a sample of 100,
// the Lloyd passes end at a weighted fixed point: every centroid is the
// normalized sum of the vectors the model places in it, each weighted as
// topics.Fit weighs it (Model.Weights), cosine within 1e-9.
func TestFitDocWeights(t *testing.T) {
	docs, cfg := bbcAndConfig(t)
	cfg.K, cfg.Dims, cfg.DocWeights = 5, 50, topics.DocWeightsLength
	f := fitBoth(t, writeShards(t, docs, t.TempDir(), 3), docs, cfg, 64, 0)
	if f.want.Weights == nil {
		t.Fatal("topics.Fit did not weigh the documents")
	}
	measure(t, f).check(t, 1e-5)
	sameClusters(t, f)

	s := fitBoth(t, writeShards(t, docs, t.TempDir(), 2), docs, cfg, 64, 100)
	g := s.got
	z := g.LSA.Transform(g.Vectorizer.TransformTexts(corpus.Contents(docs)))
	placed, err := g.Assign(docs, topics.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	k, d := g.Centroids.Dims()
	sums, plain := mat.NewDense(k, d, nil), mat.NewDense(k, d, nil)
	for i, p := range placed {
		row := mat.NewVecDense(d, slices.Clone(z.RawRowView(i)))
		if n := mat.Norm(row, 2); n > 0 && p.Cluster >= 0 {
			sum := plain.RowView(p.Cluster).(*mat.VecDense)
			sum.AddScaledVec(sum, 1/n, row)
			sum = sums.RowView(p.Cluster).(*mat.VecDense)
			sum.AddScaledVec(sum, s.want.Weights[i]/n, row)
		}
	}
	unweighted := true
	for c := range k {
		cent := g.Centroids.RowView(c)
		if cos := mat.Dot(sums.RowView(c), cent) / mat.Norm(sums.RowView(c), 2); !(cos >= 1-1e-9) {
			t.Errorf("cluster %d: cosine %.12f between its centroid and the weighted sum of its documents, want >= 1-1e-9", c, cos)
		}
		if cos := mat.Dot(plain.RowView(c), cent) / mat.Norm(plain.RowView(c), 2); cos < 1-1e-9 {
			unweighted = false
		}
	}
	if unweighted {
		t.Error("every centroid is also the unweighted sum of its documents: the weights changed nothing")
	}
}
