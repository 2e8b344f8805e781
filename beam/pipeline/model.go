package pipeline

// This file is the only one that knows the saved-model API (today in
// package report; see docs/model-format.md): it turns the parts the
// pipeline computed into a model and writes it.

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/vectorize"
)

// ModelOptions say where the model goes and how its themes are named.
type ModelOptions struct {
	// Path is the model file: a local path (written atomically) or a URL
	// of a file system Beam knows (gs://...).
	Path string
	// KeyPhrases is the number of top terms kept per cluster as its key
	// phrases; zero means 10.
	KeyPhrases int
	// LabelPhrases is the number of them joined into the cluster's label;
	// zero means 3.
	LabelPhrases int
}

// ModelSummary describes a written model.
type ModelSummary struct {
	Path              string
	Docs, Terms, Dims int
	K                 int
	// Passes is the number of k-means passes over all documents until
	// convergence (or MaxIter), and Objective the final objective.
	Passes    int
	Objective float64
}

// WriteModel assembles the model from the single elements of vocab, lsa,
// moments (Vectors), state (KMeans) and themes (Themes), writes it to
// opt.Path in the format of docs/model-format.md, and returns a
// PCollection holding one ModelSummary.
//
// The vectorizer, LSA and centroids are the fitted ones. The themes differ
// from those of topics fit: each cluster's key phrases are its top
// TF-IDF terms (largest summed weight over its documents), and its label
// joins the first LabelPhrases of them, where topics fit mines phrases of
// up to three words from the texts.
func WriteModel(s beam.Scope, vocab, lsa, moments, state, themes beam.PCollection, vec vectorize.Options, opt ModelOptions) beam.PCollection {
	s = s.Scope("topics.WriteModel")
	return beam.ParDo(s, &writeModelFn{Vec: vec, Opt: opt}, beam.Impulse(s),
		beam.SideInput{Input: vocab}, beam.SideInput{Input: lsa}, beam.SideInput{Input: moments},
		beam.SideInput{Input: state}, beam.SideInput{Input: themes})
}

type writeModelFn struct {
	Vec vectorize.Options
	Opt ModelOptions
}

func (f *writeModelFn) ProcessElement(ctx context.Context, _ []byte, v Vocab, l LSAParts, m Moments, st KMState, th ThemeSums, emit func(ModelSummary)) error {
	saved, sum, err := f.assemble(v, l, m, st, th)
	if err != nil {
		return err
	}
	if err := saveModel(ctx, f.Opt.Path, saved); err != nil {
		return err
	}
	emit(sum)
	return nil
}

// assemble makes the saved model of the parts.
func (f *writeModelFn) assemble(v Vocab, l LSAParts, m Moments, st KMState, th ThemeSums) (*report.SavedModel, ModelSummary, error) {
	vec, err := vectorize.Restore(f.Vec, v.Terms, v.DF, v.Docs)
	if err != nil {
		return nil, ModelSummary{}, err
	}
	lsa, err := vectorize.NewLSA(l.Components.dense(), l.Sigma, m.ExplainedVarianceRatio(l.TotalVar), false)
	if err != nil {
		return nil, ModelSummary{}, err
	}
	cent := st.centroids()
	if th.K != st.K {
		return nil, ModelSummary{}, fmt.Errorf("topics-beam: %d clusters of themes for %d centroids", th.K, st.K)
	}
	order := th.order()
	saved := &report.SavedModel{
		Vectorizer: vec,
		LSA:        lsa,
		Centroids:  mat.NewDense(st.K, st.Dims, nil),
		Themes:     make([]report.Theme, st.K),
	}
	phrases, labels := cmpOr(f.Opt.KeyPhrases, 10), cmpOr(f.Opt.LabelPhrases, 3)
	for c, old := range order {
		saved.Centroids.SetRow(c, cent.RawRowView(old))
		for _, j := range th.topTerms(old, max(phrases, labels)) {
			saved.Themes[c].KeyPhrases = append(saved.Themes[c].KeyPhrases, v.Terms[j])
		}
		kp := saved.Themes[c].KeyPhrases
		saved.Themes[c].Label = strings.Join(kp[:min(labels, len(kp))], report.LabelSeparator)
		saved.Themes[c].KeyPhrases = kp[:min(phrases, len(kp))]
	}
	return saved, ModelSummary{
		Path: f.Opt.Path, Docs: v.Docs, Terms: len(v.Terms), Dims: lsa.Dims(), K: st.K,
		Passes: st.Passes, Objective: st.Moved,
	}, nil
}

// saveModel writes the model to path (see createFile).
func saveModel(ctx context.Context, path string, saved *report.SavedModel) error {
	return createFile(ctx, path, func(w io.Writer) error {
		_, err := saved.WriteTo(w)
		return err
	})
}

// loadModel reads the model at path, a local path or a URL.
func loadModel(ctx context.Context, path string) (*report.SavedModel, error) {
	r, err := openFile(ctx, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return report.ReadModel(r, path)
}

func encodeModelSummary(m ModelSummary) []byte {
	var w wbuf
	w.str(m.Path)
	for _, v := range []int{m.Docs, m.Terms, m.Dims, m.K, m.Passes} {
		w.int(v)
	}
	w.float(m.Objective)
	return w.b
}

func decodeModelSummary(data []byte) (ModelSummary, error) {
	r := rbuf{b: data}
	m := ModelSummary{Path: r.str(), Docs: r.int(), Terms: r.int(), Dims: r.int(), K: r.int(), Passes: r.int(), Objective: r.float()}
	return m, r.done("the model summary")
}
