package pipeline

import (
	"cmp"
	"context"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
)

// Member is a document placed in a cluster: its place in the corpus and
// its cosine to the cluster's centroid.
type Member struct {
	Doc BlockKey
	Sim float64
}

// compareCentral orders the members of one cluster as topics.Model.Members
// does: most similar first, ties in corpus order.
func compareCentral(a, b Member) int {
	return cmp.Or(cmp.Compare(b.Sim, a.Sim), a.Doc.compare(b.Doc))
}

// Placed are per-cluster sums over the documents placed in the clusters of
// the final centroids, clusters numbered as in the KMState.
type Placed struct {
	K int
	// Size holds the documents of each cluster, First the first of them
	// in corpus order (meaningless when Size is 0).
	Size  []int
	First []BlockKey
	// Top holds, per cluster, its Keep members closest to the centroid,
	// most similar first (ties: corpus order): the documents whose key
	// phrases are counted.
	Top  [][]Member
	Keep int
	// Empty counts the documents without a term of the vocabulary.
	Empty int
}

// newPlaced returns empty sums for k clusters.
func newPlaced(k, keep int) Placed {
	return Placed{K: k, Size: make([]int, k), First: make([]BlockKey, k), Top: make([][]Member, k), Keep: keep}
}

// add adds o to p; an empty p becomes o.
func (p Placed) add(o Placed) Placed {
	if p.Size == nil {
		return o
	}
	for c := range p.K {
		if o.Size[c] > 0 && (p.Size[c] == 0 || o.First[c].compare(p.First[c]) < 0) {
			p.First[c] = o.First[c]
		}
		p.Size[c] += o.Size[c]
		p.Top[c] = keepCentral(append(p.Top[c], o.Top[c]...), p.Keep)
	}
	p.Empty += o.Empty
	return p
}

// keepCentral returns the keep most central members of m, sorted.
func keepCentral(m []Member, keep int) []Member {
	slices.SortFunc(m, compareCentral)
	return slices.Clip(m[:min(len(m), keep)])
}

// order returns the clusters in the order of their final numbers, as
// cluster.KMeans numbers them: largest first, ties by first document in
// corpus order; empty clusters last, by index.
func (p Placed) order() []int {
	order := make([]int, p.K)
	for c := range order {
		order[c] = c
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := cmp.Compare(p.Size[b], p.Size[a]); c != 0 || p.Size[a] == 0 {
			return c
		}
		return p.First[a].compare(p.First[b])
	})
	return order
}

// Place places every document of the vector files vecFiles in the cluster
// of the final centroids (of the KMState state) most similar to it, as a
// saved model's Assign places it (cluster.Nearest), and returns a
// PCollection holding one Placed: the clusters' sizes, first documents and
// keep most central members.
func Place(s beam.Scope, vecFiles, state beam.PCollection, keep int) beam.PCollection {
	s = s.Scope("topics.Place")
	parts := beam.ParDo(s, &placeFileFn{Keep: keep}, vecFiles, beam.SideInput{Input: state})
	return beam.Combine(s, &mergePlacedFn{}, parts)
}

// placeFileFn places the documents of the vector files of a bundle.
type placeFileFn struct {
	Keep int
	cent *mat.Dense
	sums Placed
}

func (f *placeFileFn) ProcessElement(ctx context.Context, path string, st KMState, _ func(Placed)) error {
	if f.sums.Size == nil {
		f.cent = st.centroids()
		f.sums = newPlaced(st.K, f.Keep)
	}
	return readVecBlocks(ctx, path, func(b VecBlock) error {
		for i := range b.Rows {
			row := b.Data[i*b.Dims : (i+1)*b.Dims]
			if floats.Norm(row, 2) == 0 {
				f.sums.Empty++
				continue
			}
			c, sim := cluster.Nearest(f.cent, row)
			doc := BlockKey{File: b.Key.File, First: b.Key.First + i}
			if f.sums.Size[c] == 0 || doc.compare(f.sums.First[c]) < 0 {
				f.sums.First[c] = doc
			}
			f.sums.Size[c]++
			if f.Keep > 0 {
				f.sums.Top[c] = append(f.sums.Top[c], Member{doc, sim})
				if len(f.sums.Top[c]) >= 2*f.Keep {
					f.sums.Top[c] = keepCentral(f.sums.Top[c], f.Keep)
				}
			}
		}
		return nil
	})
}

func (f *placeFileFn) FinishBundle(_ KMState, emit func(Placed)) {
	if f.sums.Size != nil {
		for c := range f.sums.Top {
			f.sums.Top[c] = keepCentral(f.sums.Top[c], f.Keep)
		}
		emit(f.sums)
	}
	f.sums, f.cent = Placed{}, nil
}

// mergePlacedFn adds the sums of bundles.
type mergePlacedFn struct{}

func (mergePlacedFn) MergeAccumulators(a, b Placed) Placed { return a.add(b) }

// DocText is a document whose text the themes need.
type DocText struct {
	Doc         BlockKey
	Title, Text string
}

// Texts reads, from the input files, the documents whose key phrases are
// counted (see package theme): every document when no cluster has more
// than Placed.Keep members, otherwise the Keep most central members of
// every cluster. It returns a PCollection of DocText, in no order.
func Texts(s beam.Scope, inputs, placed beam.PCollection, read ReadOptions) beam.PCollection {
	s = s.Scope("topics.Texts")
	return beam.ParDo(s, &textsFileFn{Reader: newCorpusReader(read)}, inputs, beam.SideInput{Input: placed})
}

// textsFileFn emits the documents of an input file that the themes need.
type textsFileFn struct {
	Reader corpusReader
	all    bool
	want   map[BlockKey]bool
}

func (f *textsFileFn) ProcessElement(ctx context.Context, path string, p Placed, emit func(DocText)) error {
	if p.Keep == 0 {
		return nil // no key phrases wanted
	}
	if f.want == nil {
		f.all = slices.Max(p.Size) <= p.Keep
		f.want = map[BlockKey]bool{}
		for _, top := range p.Top {
			for _, m := range top {
				f.want[m.Doc] = true
			}
		}
	}
	return f.Reader.walk(ctx, path, func(b DocBlock) error {
		for i, d := range b.Docs {
			doc := BlockKey{File: path, First: b.Key.First + i}
			if f.all || f.want[doc] {
				emit(DocText{Doc: doc, Title: d.Title, Text: d.Text})
			}
		}
		return nil
	})
}

// phraseInput is what theme.KeyPhrases reads for one level of clusters:
// the texts and, per cluster, its members among them, most central first.
type phraseInput struct {
	texts   corpus.Contents
	members [][]int
}

// phraseInputOf returns the input of theme.KeyPhrases for groups of
// documents, as topics.Fit gives it: tops[g] holds group g's most central
// members (all of them when sizes[g] <= keep), texts every document read
// by Texts, in corpus order. When no group is larger than keep, the texts
// are all of them (the whole corpus); otherwise only those of the groups'
// members, as theme.KeyPhrases samples a large corpus.
func phraseInputOf(texts []DocText, tops [][]Member, sizes []int, keep int) phraseInput {
	at := make(map[BlockKey]int, len(texts))
	for i, t := range texts {
		at[t.Doc] = i
	}
	var keepRows []int
	if slices.Max(sizes) <= keep {
		keepRows = make([]int, len(texts))
		for i := range keepRows {
			keepRows[i] = i
		}
	} else {
		for _, top := range tops {
			for _, m := range top {
				keepRows = append(keepRows, at[m.Doc])
			}
		}
		slices.Sort(keepRows)
		keepRows = slices.Compact(keepRows)
	}
	in := phraseInput{texts: make(corpus.Contents, len(keepRows)), members: make([][]int, len(tops))}
	row := make(map[int]int, len(keepRows))
	for j, i := range keepRows {
		row[i] = j
		in.texts[j] = corpus.Document{Title: texts[i].Title, Text: texts[i].Text}
	}
	for g, top := range tops {
		in.members[g] = make([]int, len(top))
		for t, m := range top {
			in.members[g][t] = row[at[m.Doc]]
		}
	}
	return in
}

// groupTops returns the keep most central members of each coarse group,
// as topics.Model.ParentMembers orders them: most similar first, ties by
// cluster, then corpus order. tops are the clusters' (final numbering).
func groupTops(tops [][]Member, parent []int, groups, keep int) [][]Member {
	type ranked struct {
		Member
		cluster int
	}
	all := make([][]ranked, groups)
	for c, top := range tops {
		for _, m := range top {
			all[parent[c]] = append(all[parent[c]], ranked{m, c})
		}
	}
	out := make([][]Member, groups)
	for g, rs := range all {
		slices.SortFunc(rs, func(a, b ranked) int {
			return cmp.Or(cmp.Compare(b.Sim, a.Sim), cmp.Compare(a.cluster, b.cluster), a.Doc.compare(b.Doc))
		})
		for _, r := range rs[:min(len(rs), keep)] {
			out[g] = append(out[g], r.Member)
		}
	}
	return out
}

func encodePlaced(p Placed) []byte {
	var w wbuf
	w.int(p.K)
	w.ints(p.Size)
	for _, k := range p.First {
		w.key(k)
	}
	for _, top := range p.Top {
		w.int(len(top))
		for _, m := range top {
			w.key(m.Doc)
			w.float(m.Sim)
		}
	}
	w.int(p.Keep)
	w.int(p.Empty)
	return w.b
}

func decodePlaced(data []byte) (Placed, error) {
	r := rbuf{b: data}
	p := Placed{K: r.int(), Size: r.ints()}
	if r.err == nil && len(p.Size) != p.K {
		return Placed{}, errBadShape("the placed documents")
	}
	p.First = make([]BlockKey, len(p.Size))
	for c := range p.First {
		p.First[c] = r.key()
	}
	p.Top = make([][]Member, len(p.Size))
	for c := range p.Top {
		p.Top[c] = make([]Member, r.count(10))
		for t := range p.Top[c] {
			p.Top[c][t] = Member{Doc: r.key(), Sim: r.float()}
		}
	}
	p.Keep, p.Empty = r.int(), r.int()
	return p, r.done("the placed documents")
}

func encodeDocText(t DocText) []byte {
	w := sized(len(t.Title) + len(t.Text) + len(t.Doc.File))
	w.key(t.Doc)
	w.str(t.Title)
	w.str(t.Text)
	return w.b
}

func decodeDocText(data []byte) (DocText, error) {
	r := rbuf{b: data}
	t := DocText{Doc: r.key(), Title: r.str(), Text: r.str()}
	return t, r.done("a document's text")
}
