package pipeline

// This file is the only one that knows the saved-model API of the root
// package (topics.SavedModel, docs/model-format.md): it turns the parts the
// pipeline computed into a model and writes it.

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/theme"
	"github.com/topics-dev/topics/vectorize"
)

// ModelOptions say where the model goes and how its themes are found, as
// the fields of the same names of topics.Config.
type ModelOptions struct {
	// Path is the model file: a local path (written atomically) or a URL
	// of a file system Beam knows (gs://...).
	Path string
	// KeyPhrases is the number of key phrases found per cluster (package
	// theme); 0 finds none and skips reading the texts again.
	KeyPhrases int
	// LabelPhrases is the number of them that make a cluster's name;
	// zero means 3.
	LabelPhrases int
	// Exclude lists phrases never used as key phrases (Config.ExcludePhrases).
	Exclude []string
	// Index gives the model the document index of the IndexPart side input.
	Index bool
}

// ModelSummary describes a written model.
type ModelSummary struct {
	Path              string
	Docs, Terms, Dims int
	// K is the number of clusters, CoarseK that of their coarse groups.
	K, CoarseK int
	// Passes is the number of k-means passes over all documents until
	// convergence (or KMeansOptions.Passes), and Objective the final
	// objective.
	Passes    int
	Objective float64
	// Indexed is the number of documents in the model's index (0: none).
	Indexed int
	// Warnings say what the run had to adjust or leave out, as those of
	// topics.Model.
	Warnings []string
}

// WriteModel assembles the model from the single elements of vocab, lsa,
// moments (Vectors), state (KMeans) and placed (Place), and the documents
// of texts (Texts), writes it to opt.Path through topics.SavedModel.Save
// (the format of docs/model-format.md), and returns a PCollection holding
// one ModelSummary.
//
// The clusters are numbered as cluster.KMeans numbers them (largest first,
// ties by first document), their coarse groups as cluster.ChooseLevels
// numbers them, and their themes are those of topics.Fit: key phrases by
// theme.KeyPhrases over the same documents (all of them, or the
// theme.MaxDocs most central members of each cluster on a large corpus).
func WriteModel(s beam.Scope, vocab, lsa, moments, state, placed, texts, index beam.PCollection, opt ModelOptions) beam.PCollection {
	s = s.Scope("topics.WriteModel")
	return beam.ParDo(s, &writeModelFn{Opt: opt}, beam.Impulse(s),
		beam.SideInput{Input: vocab}, beam.SideInput{Input: lsa}, beam.SideInput{Input: moments},
		beam.SideInput{Input: state}, beam.SideInput{Input: placed}, beam.SideInput{Input: texts},
		beam.SideInput{Input: index})
}

type writeModelFn struct {
	Opt ModelOptions
}

func (f *writeModelFn) ProcessElement(ctx context.Context, _ []byte, v Vocab, l LSAParts, m Moments, st KMState, p Placed,
	texts func(*DocText) bool, index func(*IndexPart) bool, emit func(ModelSummary)) error {
	var docs []DocText
	var t DocText
	for texts(&t) {
		docs = append(docs, t)
	}
	slices.SortFunc(docs, func(a, b DocText) int { return a.Doc.compare(b.Doc) })
	saved, sum, err := f.assemble(v, l, m, st, p, docs)
	if err != nil {
		return err
	}
	if f.Opt.Index {
		var parts []IndexPart
		var part IndexPart
		for index(&part) {
			parts = append(parts, part)
		}
		if saved.Index, err = docIndexOf(parts, saved.LSA.Dims()); err != nil {
			return fmt.Errorf("topics-beam: %w", err)
		}
		sum.Indexed = len(saved.Index.IDs)
	}
	if err := saveModel(ctx, f.Opt.Path, saved); err != nil {
		return err
	}
	for _, w := range sum.Warnings {
		log.Warnf(ctx, "topics-beam: warning: %s", w)
	}
	emit(sum)
	return nil
}

// assemble makes the saved model of the parts.
func (f *writeModelFn) assemble(v Vocab, l LSAParts, m Moments, st KMState, p Placed, docs []DocText) (*topics.SavedModel, ModelSummary, error) {
	vec, err := v.vectorizer()
	if err != nil {
		return nil, ModelSummary{}, err
	}
	lsa, err := vectorize.NewLSA(l.Components.dense(), l.Sigma, m.ExplainedVarianceRatio(l.TotalVar), false)
	if err != nil {
		return nil, ModelSummary{}, fmt.Errorf("topics-beam: %w", err)
	}
	if p.K != st.K {
		return nil, ModelSummary{}, fmt.Errorf("topics-beam: %d clusters placed for %d centroids", p.K, st.K)
	}
	order := p.order() // order[new] = old
	saved := &topics.SavedModel{Vectorizer: vec, LSA: lsa, Centroids: mat.NewDense(st.K, st.Dims, nil)}
	cent := st.centroids()
	tops, sizes := make([][]Member, st.K), make([]int, st.K)
	for c, old := range order {
		saved.Centroids.SetRow(c, cent.RawRowView(old))
		tops[c], sizes[c] = p.Top[old], p.Size[old]
	}
	saved.Parent = renumberParents(st.Parent, order, sizes)
	coarseK := slices.Max(saved.Parent) + 1
	sum := ModelSummary{
		Path: f.Opt.Path, Docs: v.Docs, Terms: v.Terms, Dims: lsa.Dims(), K: st.K, CoarseK: coarseK,
		Passes: st.Passes, Objective: st.Moved, Warnings: slices.Clone(v.Warnings),
	}
	sum.Warnings = append(sum.Warnings, f.warnings(st, p)...)
	saved.Themes = make([]topics.Theme, st.K)
	if f.Opt.KeyPhrases > 0 {
		var warn []string
		saved.Themes, warn = f.themes(phraseInputOf(docs, tops, sizes, p.Keep), vec.Options())
		sum.Warnings = append(sum.Warnings, warn...)
		if coarseK < st.K {
			groupSizes := make([]int, coarseK)
			for c, g := range saved.Parent {
				groupSizes[g] += sizes[c]
			}
			gtops := groupTops(tops, saved.Parent, coarseK, p.Keep)
			saved.ParentThemes, warn = f.themes(phraseInputOf(docs, gtops, groupSizes, p.Keep), vec.Options())
			sum.Warnings = append(sum.Warnings, warn...)
		}
	}
	return saved, sum, nil
}

// warnings says what k-means adjusted, as topics.Fit says it.
func (f *writeModelFn) warnings(st KMState, p Placed) []string {
	var out []string
	if st.Requested > st.K {
		out = append(out, fmt.Sprintf("k = %d requested but only %d distinct non-empty documents: using k = %d", st.Requested, st.K, st.K))
	}
	if p.Empty > 0 {
		out = append(out, fmt.Sprintf("%d document(s) have no terms in the vocabulary and are left unclustered (cluster -1)", p.Empty))
	}
	if !st.Converged {
		out = append(out, fmt.Sprintf("k-means stopped after %d passes over all the documents without converging", st.Passes))
	}
	return out
}

// themes finds the key phrases and names of the groups of in, as
// topics.Fit does.
// vopt are the vectorizer's options: its stop words end phrases, and with
// StripMail the texts are stripped of e-mail structure first.
func (f *writeModelFn) themes(in phraseInput, vopt vectorize.Options) ([]topics.Theme, []string) {
	labels := cmpOr(f.Opt.LabelPhrases, 3)
	out := make([]topics.Theme, len(in.members))
	var texts vectorize.Texts = in.texts
	if vopt.StripMail {
		texts = vectorize.StrippedTexts(in.texts)
	}
	phrases, err := theme.KeyPhrases(texts, in.members, theme.Options{
		N:         max(f.Opt.KeyPhrases, labels),
		StopWords: vopt.ExtraStopWords,
		Exclude:   f.Opt.Exclude,
	})
	if err != nil {
		return out, []string{fmt.Sprintf("no key phrases: %v", err)}
	}
	for c, ps := range phrases {
		out[c] = topics.Theme{Name: theme.Label(ps, labels), KeyPhrases: ps[:min(len(ps), f.Opt.KeyPhrases)]}
	}
	return out, nil
}

// renumberParents returns the coarse group of each cluster in the final
// numbering of clusters (order[new] = old; sizes in the final numbering),
// groups numbered as cluster.Tree.Cut numbers them: by size in documents,
// largest first, ties by the smallest cluster. parent is indexed by the
// old numbering.
func renumberParents(parent, order, sizes []int) []int {
	type group struct{ old, size, first int }
	byOld := map[int]*group{}
	var groups []*group
	for c, old := range order {
		g, ok := byOld[parent[old]]
		if !ok {
			g = &group{old: parent[old], first: c}
			byOld[parent[old]] = g
			groups = append(groups, g)
		}
		g.size += sizes[c]
	}
	slices.SortFunc(groups, func(a, b *group) int { return cmp.Or(cmp.Compare(b.size, a.size), cmp.Compare(a.first, b.first)) })
	id := map[int]int{}
	for n, g := range groups {
		id[g.old] = n
	}
	out := make([]int, len(order))
	for c, old := range order {
		out[c] = id[parent[old]]
	}
	return out
}

// saveModel writes the model to path (see createFile), after checking
// that topics.Load reads back what Save wrote.
func saveModel(ctx context.Context, path string, saved *topics.SavedModel) error {
	var buf bytes.Buffer
	if err := saved.Save(&buf); err != nil {
		return err
	}
	if _, err := topics.Load(bytes.NewReader(buf.Bytes()), path, int64(buf.Len())); err != nil {
		return fmt.Errorf("topics-beam: the model does not read back: %w", err)
	}
	return createFile(ctx, path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// loadModel reads the model at path, a local path or a URL.
func loadModel(ctx context.Context, path string) (*topics.SavedModel, error) {
	if !isURL(path) {
		return topics.LoadFile(path)
	}
	r, err := openFile(ctx, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return topics.Load(r, path, 1<<40)
}

func encodeModelSummary(m ModelSummary) []byte {
	var w wbuf
	w.str(m.Path)
	for _, v := range []int{m.Docs, m.Terms, m.Dims, m.K, m.CoarseK, m.Passes, m.Indexed} {
		w.int(v)
	}
	w.float(m.Objective)
	w.strs(m.Warnings)
	return w.b
}

func decodeModelSummary(data []byte) (ModelSummary, error) {
	r := rbuf{b: data}
	m := ModelSummary{Path: r.str(), Docs: r.int(), Terms: r.int(), Dims: r.int(), K: r.int(), CoarseK: r.int(),
		Passes: r.int(), Indexed: r.int(), Objective: r.float(), Warnings: r.strs()}
	return m, r.done("the model summary")
}
