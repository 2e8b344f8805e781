package pipeline

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/theme"
)

// syntheticClusters returns n short documents in clusters of the given
// sizes (the rest in no cluster, label -1), each cluster with words of its
// own and words shared by all, and a cosine per document with ties.
func syntheticClusters(sizes []int, n int, rng *rand.Rand) (docs corpus.Contents, label []int, sim []float64) {
	shared := []string{"market", "people", "report", "week", "official", "plan"}
	label = make([]int, n)
	for i := range label {
		label[i] = -1
	}
	at := 0
	for c, size := range sizes {
		for range size {
			label[at] = c
			at++
		}
	}
	rng.Shuffle(n, func(i, j int) { label[i], label[j] = label[j], label[i] })
	docs = make(corpus.Contents, n)
	sim = make([]float64, n)
	for i := range docs {
		var words []string
		for range 6 + rng.IntN(6) {
			if rng.IntN(3) == 0 || label[i] < 0 {
				words = append(words, shared[rng.IntN(len(shared))])
			} else {
				words = append(words, fmt.Sprintf("topic%d word%d", label[i], rng.IntN(12)))
			}
		}
		docs[i] = corpus.Document{Title: fmt.Sprint(words[:2]), Text: fmt.Sprint(words)}
		sim[i] = float64(rng.IntN(400)) / 400 // ties on purpose
	}
	return docs, label, sim
}

// fitMembers lists each group's documents as topics.Model.Members does:
// most similar first, ties in document order.
func fitMembers(label []int, sim []float64, k int) [][]int {
	members := make([][]int, k)
	for i, c := range label {
		if c >= 0 {
			members[c] = append(members[c], i)
		}
	}
	for _, m := range members {
		slices.SortStableFunc(m, func(a, b int) int { return cmp.Compare(sim[b], sim[a]) })
	}
	return members
}

// beamSide returns what the pipeline holds of the same clustering: each
// cluster's size and keep most central members (Place), and the texts
// that Texts reads for them.
func beamSide(docs corpus.Contents, label []int, sim []float64, k, keep int) ([][]Member, []int, []DocText) {
	key := func(i int) BlockKey { return BlockKey{File: fmt.Sprintf("f%d", i/1000), First: i % 1000} }
	tops, sizes := make([][]Member, k), make([]int, k)
	for i, c := range label {
		if c >= 0 {
			tops[c] = append(tops[c], Member{key(i), sim[i]})
			sizes[c]++
		}
	}
	want := map[BlockKey]bool{}
	for c := range tops {
		tops[c] = keepCentral(tops[c], keep)
		for _, m := range tops[c] {
			want[m.Doc] = true
		}
	}
	var texts []DocText
	for i, d := range docs {
		if slices.Max(sizes) <= keep || want[key(i)] {
			texts = append(texts, DocText{Doc: key(i), Title: d.Title, Text: d.Text})
		}
	}
	return tops, sizes, texts
}

// TestPhraseInputAsTopicsFit checks that the key phrases the pipeline
// finds from what it keeps (the most central members of each cluster, the
// texts Texts reads) are those that topics.Fit finds from every document
// and every member, for the clusters and for coarse groups of them: on a
// small corpus (every document counted, including one in no cluster) and
// on a large one (a cluster over theme.MaxDocs, so only the most central
// members are counted).
func TestPhraseInputAsTopicsFit(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sizes []int
		n     int
	}{
		{"small", []int{40, 25, 10}, 80},
		{"large", []int{theme.MaxDocs + 300, 400, 150}, theme.MaxDocs + 900},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, label, sim := syntheticClusters(tc.sizes, tc.n, rand.New(rand.NewPCG(1, 2)))
			k := len(tc.sizes)
			members := fitMembers(label, sim, k)
			want, err := theme.KeyPhrases(docs, members, theme.Options{N: 5})
			if err != nil {
				t.Fatal(err)
			}
			tops, sizes, texts := beamSide(docs, label, sim, k, theme.MaxDocs)
			in := phraseInputOf(texts, tops, sizes, theme.MaxDocs)
			got, err := theme.KeyPhrases(in.texts, in.members, theme.Options{N: 5})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("cluster key phrases:\n got %v\nwant %v", got, want)
			}
			// Clusters 0 and 2 form group 0, cluster 1 group 1: the groups'
			// members as topics.Model.ParentMembers lists them.
			parent := []int{0, 1, 0}
			glabel := make([]int, len(label))
			for i, c := range label {
				glabel[i] = -1
				if c >= 0 {
					glabel[i] = parent[c]
				}
			}
			gmembers := [][]int{append(slices.Clone(members[0]), members[2]...), members[1]}
			for _, m := range gmembers {
				slices.SortStableFunc(m, func(a, b int) int { return cmp.Compare(sim[b], sim[a]) })
			}
			wantG, err := theme.KeyPhrases(docs, gmembers, theme.Options{N: 5})
			if err != nil {
				t.Fatal(err)
			}
			gsizes := []int{sizes[0] + sizes[2], sizes[1]}
			in = phraseInputOf(texts, groupTops(tops, parent, 2, theme.MaxDocs), gsizes, theme.MaxDocs)
			gotG, err := theme.KeyPhrases(in.texts, in.members, theme.Options{N: 5})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotG, wantG) {
				t.Errorf("group key phrases:\n got %v\nwant %v", gotG, wantG)
			}
		})
	}
}

// TestPlacedMergeOrder checks that the sums of Place do not depend on how
// the documents are cut into bundles or in which order bundles merge.
func TestPlacedMergeOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const k, keep = 3, 5
	var all []Member
	var labels []int
	for i := range 60 {
		all = append(all, Member{BlockKey{File: fmt.Sprintf("f%d", i%4), First: i}, float64(rng.IntN(10)) / 10})
		labels = append(labels, rng.IntN(k))
	}
	sums := func(idx []int) Placed {
		p := newPlaced(k, keep)
		for _, i := range idx {
			c := labels[i]
			if p.Size[c] == 0 || all[i].Doc.compare(p.First[c]) < 0 {
				p.First[c] = all[i].Doc
			}
			p.Size[c]++
			p.Top[c] = keepCentral(append(p.Top[c], all[i]), keep)
		}
		return p
	}
	var want Placed
	for trial := range 5 {
		perm := rng.Perm(len(all))
		cut1, cut2 := 1+rng.IntN(20), 30+rng.IntN(20)
		parts := []Placed{sums(perm[:cut1]), sums(perm[cut1:cut2]), sums(perm[cut2:])}
		rng.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		var got Placed
		for _, p := range parts {
			got = got.add(p)
		}
		if trial == 0 {
			want = got
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: sums %+v, first trial %+v", trial, got, want)
		}
	}
	if total := want.Size[0] + want.Size[1] + want.Size[2]; total != len(all) {
		t.Errorf("%d documents placed, want %d", total, len(all))
	}
	for c, top := range want.Top {
		if len(top) != min(keep, want.Size[c]) || !slices.IsSortedFunc(top, compareCentral) {
			t.Errorf("cluster %d of %d documents: top %v, want the %d most similar, sorted", c, want.Size[c], top, keep)
		}
	}
}

// TestRenumberParents checks the numbering of coarse groups after the
// clusters are renumbered: by size in documents, largest first, ties by
// the smallest cluster, as cluster.Tree.Cut numbers them.
func TestRenumberParents(t *testing.T) {
	for _, tc := range []struct {
		parent, order, sizes, want []int
	}{
		// Each cluster its own group stays so.
		{[]int{0, 1, 2}, []int{2, 0, 1}, []int{9, 5, 5}, []int{0, 1, 2}},
		// Old clusters 0 and 2 in group 0 (new 1 and 0: 10 documents),
		// old 1 and 3 in group 1 (new 2 and 3: 7).
		{[]int{0, 1, 0, 1}, []int{2, 0, 1, 3}, []int{6, 4, 4, 3}, []int{0, 0, 1, 1}},
		// Groups of equal size: the one holding the smaller new cluster first.
		{[]int{1, 0, 1, 0}, []int{1, 2, 0, 3}, []int{4, 4, 4, 4}, []int{0, 1, 1, 0}},
		// The larger group first, though it does not hold cluster 0.
		{[]int{1, 0, 1, 0}, []int{1, 2, 0, 3}, []int{5, 4, 4, 1}, []int{1, 0, 0, 1}},
	} {
		if got := renumberParents(tc.parent, tc.order, tc.sizes); !slices.Equal(got, tc.want) {
			t.Errorf("renumberParents(%v, %v, %v) = %v, want %v", tc.parent, tc.order, tc.sizes, got, tc.want)
		}
	}
}
