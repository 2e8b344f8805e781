package cluster

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"slices"
)

// ErrNoLabels is returned, wrapped, when there are no documents to score.
var ErrNoLabels = errors.New("no labels to score")

// ErrLabelLength is returned, wrapped, when the gold and predicted labels
// differ in number.
var ErrLabelLength = errors.New("label counts differ")

// Scores holds external quality measures of a clustering: how well the
// predicted clusters agree with gold classes. Every measure is 1 for a
// clustering that is the gold partition up to renaming.
//
// With n documents, a_i documents in class i, b_j in cluster j, n_ij in both,
// and natural logarithms:
//
//	H(C) = -Σ_i (a_i/n) ln(a_i/n)            entropy of the classes (0 for one class)
//	H(K) = -Σ_j (b_j/n) ln(b_j/n)            entropy of the clusters
//	I    =  Σ_ij (n_ij/n) ln(n n_ij/(a_i b_j)) mutual information (0 if either side has one label)
type Scores struct {
	N          int `json:"n"`          // documents scored
	Classes    int `json:"classes"`    // distinct gold labels
	Clusters   int `json:"clusters"`   // distinct clusters, each unassigned document counting as one
	Unassigned int `json:"unassigned"` // documents with a negative predicted label

	// NMI is the normalized mutual information I / ((H(C)+H(K))/2), as
	// scikit-learn's normalized_mutual_info_score with its default
	// average_method="arithmetic". It is 1 when both sides have a single
	// label (one class, one cluster) and 0 when I is 0 otherwise.
	NMI float64 `json:"nmi"`

	// AMI is the adjusted mutual information (I - E[I]) / ((H(C)+H(K))/2 - E[I]),
	// E[I] being the expected mutual information of two random labelings
	// with the same class and cluster sizes (hypergeometric model), as
	// scikit-learn's adjusted_mutual_info_score with
	// average_method="arithmetic". It is about 0 for random clusterings and
	// can be negative. It is 1 when both sides have a single label, and also
	// when every document is alone on both sides (the measure is 0/0 there;
	// scikit-learn returns whatever rounding gives, e.g. 0 for n = 2).
	AMI float64 `json:"ami"`

	// ARI is the adjusted Rand index over pairs of documents, as
	// scikit-learn's adjusted_rand_score: about 0 for random clusterings, 1
	// when no pair is split or joined wrongly, possibly negative.
	ARI float64 `json:"ari"`

	// Homogeneity is I/H(C): 1 when every cluster holds a single class (1
	// also when H(C) = 0). Completeness is I/H(K): 1 when every class lies in
	// a single cluster (1 also when H(K) = 0). VMeasure is their harmonic
	// mean (beta = 1; 0 when both are 0), which equals NMI except in the
	// single-label cases. All three follow scikit-learn's
	// homogeneity_completeness_v_measure.
	Homogeneity  float64 `json:"homogeneity"`
	Completeness float64 `json:"completeness"`
	VMeasure     float64 `json:"v_measure"`

	// Purity is Σ_j max_i n_ij / n: the fraction of documents whose cluster's
	// majority class is their own. It rewards many small clusters (all
	// singletons give 1).
	Purity float64 `json:"purity"`

	// BCubedPrecision and BCubedRecall are the B-cubed measures of Bagga and
	// Baldwin (1998): for a document d, precision is the fraction of the
	// documents of d's cluster (d included) that share d's class, recall is
	// the fraction of the documents of d's class that share d's cluster; each
	// is averaged over all documents:
	//
	//	P = (1/n) Σ_j Σ_i n_ij²/b_j    R = (1/n) Σ_i Σ_j n_ij²/a_i
	//
	// BCubedF1 is 2PR/(P+R), the harmonic mean of the averages (as in Amigó
	// et al. 2009), not the mean of per-document F1 values. One cluster gives
	// recall 1; all singletons give precision 1.
	BCubedPrecision float64 `json:"bcubed_precision"`
	BCubedRecall    float64 `json:"bcubed_recall"`
	BCubedF1        float64 `json:"bcubed_f1"`
}

// Score compares predicted clusters with gold classes: truth[i] is the gold
// label of document i and pred[i] its cluster, as in Result.Labels.
//
// A negative predicted label (KMeans gives -1 to empty documents) means
// "unassigned": each such document is put in a cluster of its own, so it
// neither joins nor splits any pair of documents. Scores.Unassigned counts
// them and Scores.Clusters includes them. This matches scikit-learn given a
// fresh cluster id for every -1, not scikit-learn given the -1s as they are
// (which would make one cluster of them).
//
// Every gold label is a class, the empty one too; use FilterLabeled first to
// score only the documents that have a gold label. T is typically string
// (corpus.Document.Label) or int; float labels must not be NaN.
//
// Score returns an error wrapping ErrLabelLength if the slices differ in
// length, and one wrapping ErrNoLabels if they are empty. The result does
// not depend on the order of the documents (classes and clusters are visited
// in sorted order: shuffled documents give the same bits) nor, up to
// rounding, on the names of the labels; neither slice is modified. NMI, AMI,
// ARI, homogeneity, completeness, V-measure and purity match scikit-learn
// 1.2.1 to within 1e-9 (goldens from scripts/golden_metrics.py).
//
// The cost is O(n log n) for the table plus, for AMI, O(n) log-factorials
// and, for each pair of a distinct class size a and a distinct cluster size
// b, one term per overlap whose hypergeometric probability does not underflow
// (at most min(a, b) terms, in practice a few hundred).
func Score[T cmp.Ordered](truth []T, pred []int) (Scores, error) {
	if len(truth) != len(pred) {
		return Scores{}, fmt.Errorf("cluster: %d gold and %d predicted labels: %w", len(truth), len(pred), ErrLabelLength)
	}
	if len(truth) == 0 {
		return Scores{}, fmt.Errorf("cluster: %w", ErrNoLabels)
	}
	c := newContingency(truth, pred)
	s := Scores{
		N:          len(truth),
		Classes:    len(c.classes),
		Clusters:   len(c.clusters),
		Unassigned: c.unassigned,
	}
	mi := c.mutualInfo()
	hc, hk := sizeEntropy(c.classes, c.n), sizeEntropy(c.clusters, c.n)

	single := s.Classes == 1 && s.Clusters == 1
	switch {
	case single:
		s.NMI = 1
	case mi == 0:
		s.NMI = 0
	default:
		s.NMI = mi / ((hc + hk) / 2)
	}
	s.AMI = c.adjustedMutualInfo(mi, hc, hk)
	s.ARI = c.adjustedRand()

	s.Homogeneity, s.Completeness = 1, 1
	if hc != 0 {
		s.Homogeneity = mi / hc
	}
	if hk != 0 {
		s.Completeness = mi / hk
	}
	if h, k := s.Homogeneity, s.Completeness; h+k != 0 {
		s.VMeasure = 2 * h * k / (h + k)
	}

	s.Purity = c.purity()
	s.BCubedPrecision, s.BCubedRecall = c.bcubed()
	s.BCubedF1 = 2 * s.BCubedPrecision * s.BCubedRecall / (s.BCubedPrecision + s.BCubedRecall)
	return s, nil
}

// FilterLabeled returns the gold and predicted labels of the documents whose
// gold label is not empty, in their order, as new slices: corpus documents
// without a label have Label "". Pass the result to Score to leave unlabeled
// documents out of the measures (Score on its own treats "" as a class).
// Predicted labels are kept as they are, negative ones too. FilterLabeled
// panics if the slices differ in length.
func FilterLabeled(truth []string, pred []int) ([]string, []int) {
	if len(truth) != len(pred) {
		panic(fmt.Sprintf("cluster: FilterLabeled: %d gold and %d predicted labels", len(truth), len(pred)))
	}
	t := make([]string, 0, len(truth))
	p := make([]int, 0, len(pred))
	for i, l := range truth {
		if l != "" {
			t = append(t, l)
			p = append(p, pred[i])
		}
	}
	return t, p
}

// contingency is the table of counts of documents per (class, cluster).
// Classes are the distinct gold labels in increasing order; clusters are the
// distinct non-negative predicted labels in increasing order followed by one
// cluster of size 1 per unassigned document.
type contingency struct {
	n          int64
	classes    []int64 // a_i: documents per class
	clusters   []int64 // b_j: documents per cluster
	cells      []contingencyCell
	unassigned int
}

// contingencyCell is a non-zero entry n_ij of a contingency table.
type contingencyCell struct {
	i, j int
	n    int64
}

// newContingency counts truth against pred; the slices are non-empty and of
// equal length. Cells are sorted by class, then cluster.
func newContingency[T cmp.Ordered](truth []T, pred []int) *contingency {
	classIndex := make(map[T]int)
	for _, l := range truth {
		classIndex[l] = 0
	}
	for i, l := range slices.Sorted(maps.Keys(classIndex)) {
		classIndex[l] = i
	}
	clusterIndex := make(map[int]int)
	unassigned := 0
	for _, l := range pred {
		if l < 0 {
			unassigned++
		} else {
			clusterIndex[l] = 0
		}
	}
	for j, l := range slices.Sorted(maps.Keys(clusterIndex)) {
		clusterIndex[l] = j
	}

	c := &contingency{
		n:          int64(len(truth)),
		classes:    make([]int64, len(classIndex)),
		clusters:   make([]int64, len(clusterIndex)+unassigned),
		unassigned: unassigned,
	}
	counts := make(map[[2]int]int64)
	next := len(clusterIndex) // the next singleton cluster
	for d, l := range truth {
		i := classIndex[l]
		j := next
		if pred[d] >= 0 {
			j = clusterIndex[pred[d]]
		} else {
			next++
		}
		c.classes[i]++
		c.clusters[j]++
		counts[[2]int{i, j}]++
	}
	c.cells = make([]contingencyCell, 0, len(counts))
	for _, k := range slices.SortedFunc(maps.Keys(counts), func(a, b [2]int) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	}) {
		c.cells = append(c.cells, contingencyCell{i: k[0], j: k[1], n: counts[k]})
	}
	return c
}

// sizeEntropy returns -Σ (s/n) ln(s/n) over sizes, which sum to n; 0 for a
// single size. Terms are computed as scikit-learn's entropy does.
func sizeEntropy(sizes []int64, n int64) float64 {
	if len(sizes) == 1 {
		return 0
	}
	logN := math.Log(float64(n))
	var h float64
	for _, s := range sizes {
		h += float64(s) / float64(n) * (math.Log(float64(s)) - logN)
	}
	return -h
}

// mutualInfo returns the mutual information of the table in nats, with the
// terms of scikit-learn's mutual_info_score: 0 if either side has a single
// label, terms smaller than the machine epsilon dropped, and the sum clipped
// at 0.
func (c *contingency) mutualInfo() float64 {
	if len(c.classes) == 1 || len(c.clusters) == 1 {
		return 0
	}
	n := float64(c.n)
	logN := math.Log(n)
	var mi float64
	for _, e := range c.cells {
		p := float64(e.n) / n
		outer := float64(c.classes[e.i] * c.clusters[e.j])
		t := p*(math.Log(float64(e.n))-logN) + p*(-math.Log(outer)+logN+logN)
		if math.Abs(t) >= machineEps {
			mi += t
		}
	}
	return max(mi, 0)
}

// machineEps is the difference between 1 and the next float64, numpy's
// finfo(float64).eps.
const machineEps = 0x1p-52

// adjustedMutualInfo returns the AMI given the mutual information mi and the
// entropies hc, hk of the classes and clusters.
func (c *contingency) adjustedMutualInfo(mi, hc, hk float64) float64 {
	r, k := len(c.classes), len(c.clusters)
	if r == k && (r == 1 || int64(r) == c.n) {
		// One label on both sides, or every document alone on both sides:
		// the same partition, and no chance correction is possible.
		return 1
	}
	emi := c.expectedMutualInfo()
	den := (hc+hk)/2 - emi
	// As scikit-learn: keep the sign of a denominator that rounding made
	// tiny, and avoid 0/0.
	if den < 0 {
		den = min(den, -machineEps)
	} else {
		den = max(den, machineEps)
	}
	return (mi - emi) / den
}

// expectedMutualInfo returns E[I], the mutual information expected when the
// documents are dealt at random into classes and clusters of the table's
// sizes (Vinh, Epps and Bailey 2010):
//
//	E[I] = Σ_ij Σ_m (m/n) ln(n m/(a_i b_j)) P(m; a_i, b_j, n)
//
// over overlaps max(1, a_i+b_j-n) <= m <= min(a_i, b_j), P being the
// hypergeometric probability a_i! b_j! (n-a_i)! (n-b_j)! / (n! m! (a_i-m)!
// (b_j-m)! (n-a_i-b_j+m)!), computed from log-factorials as scikit-learn
// does. A term depends on (a_i, b_j) only, so it is computed once per
// distinct pair of sizes and multiplied by the number of such pairs.
func (c *contingency) expectedMutualInfo() float64 {
	if len(c.classes) == 1 || len(c.clusters) == 1 {
		return 0
	}
	n := c.n
	nf := float64(n)
	lnFact := make([]float64, n+1) // lnFact[m] = ln m! = lgamma(m+1)
	for m := range lnFact {
		lnFact[m], _ = math.Lgamma(float64(m) + 1)
	}
	as, bs := sizeCounts(c.classes), sizeCounts(c.clusters)
	logNM := make([]float64, max(as[len(as)-1].size, bs[len(bs)-1].size)+1) // ln(n·m)
	for m := 1; m < len(logNM); m++ {
		logNM[m] = math.Log(nf) + math.Log(float64(m))
	}
	var emi float64
	for _, a := range as {
		for _, b := range bs {
			glnAB := lnFact[a.size] + lnFact[b.size] + lnFact[n-a.size] + lnFact[n-b.size]
			logAB := math.Log(float64(a.size)) + math.Log(float64(b.size))
			lnP := func(m int64) float64 { // ln P(m; a, b, n)
				return glnAB - lnFact[n] - lnFact[m] - lnFact[a.size-m] - lnFact[b.size-m] - lnFact[n-a.size-b.size+m]
			}
			// P is log-concave in m: from its mode, widen [lo, hi] while
			// exp(ln P) is not 0. The terms outside are exactly 0, so the
			// sum is that over every m, at a fraction of the cost.
			first, last := max(1, a.size+b.size-n), min(a.size, b.size)
			mode := min(max((a.size+1)*(b.size+1)/(n+2), first), last)
			lo, hi := mode, mode
			for lo > first && lnP(lo-1) >= expUnderflow {
				lo--
			}
			for hi < last && lnP(hi+1) >= expUnderflow {
				hi++
			}
			var sum float64
			for m := lo; m <= hi; m++ {
				sum += float64(m) / nf * (logNM[m] - logAB) * math.Exp(lnP(m))
			}
			emi += float64(a.count) * float64(b.count) * sum
		}
	}
	return emi
}

// expUnderflow is below the smallest argument for which math.Exp is not 0
// (about -745.13).
const expUnderflow = -746.0

// sizeCount is a size and the number of classes (or clusters) of that size.
type sizeCount struct{ size, count int64 }

// sizeCounts returns the distinct sizes, increasing, with their counts.
func sizeCounts(sizes []int64) []sizeCount {
	sorted := slices.Sorted(slices.Values(sizes))
	var out []sizeCount
	for _, s := range sorted {
		if len(out) > 0 && out[len(out)-1].size == s {
			out[len(out)-1].count++
		} else {
			out = append(out, sizeCount{s, 1})
		}
	}
	return out
}

// adjustedRand returns the adjusted Rand index as scikit-learn's
// adjusted_rand_score computes it from the pair confusion matrix (counts of
// ordered pairs). The products overflow int64 beyond about 55,000 documents,
// so they are exact big integers, each rounded once to float64 as Python
// does.
func (c *contingency) adjustedRand() float64 {
	var sumSq, byCluster, byClass int64
	for _, e := range c.cells {
		sumSq += e.n * e.n
		byCluster += e.n * c.clusters[e.j]
		byClass += e.n * c.classes[e.i]
	}
	tp := sumSq - c.n
	fp := byCluster - sumSq // same cluster, different class
	fn := byClass - sumSq   // same class, different cluster
	tn := c.n*c.n - fp - fn - sumSq
	if fp == 0 && fn == 0 {
		return 1
	}
	b := func(v int64) *big.Int { return big.NewInt(v) }
	mul := func(x, y int64) *big.Int { return new(big.Int).Mul(b(x), b(y)) }
	num := new(big.Int).Sub(mul(tp, tn), mul(fn, fp))
	den := new(big.Int).Add(mul(tp+fn, fn+tn), mul(tp+fp, fp+tn))
	return 2 * bigToFloat(num) / bigToFloat(den)
}

// bigToFloat returns v rounded to the nearest float64, ties to even.
func bigToFloat(v *big.Int) float64 {
	f, _ := new(big.Float).SetInt(v).Float64()
	return f
}

// purity returns Σ_j max_i n_ij / n.
func (c *contingency) purity() float64 {
	best := make([]int64, len(c.clusters))
	for _, e := range c.cells {
		best[e.j] = max(best[e.j], e.n)
	}
	var sum int64
	for _, v := range best {
		sum += v
	}
	return float64(sum) / float64(c.n)
}

// bcubed returns the B-cubed precision and recall.
func (c *contingency) bcubed() (precision, recall float64) {
	byCluster := make([]int64, len(c.clusters)) // Σ_i n_ij²
	byClass := make([]int64, len(c.classes))    // Σ_j n_ij²
	for _, e := range c.cells {
		byCluster[e.j] += e.n * e.n
		byClass[e.i] += e.n * e.n
	}
	for j, s := range byCluster {
		precision += float64(s) / float64(c.clusters[j])
	}
	for i, s := range byClass {
		recall += float64(s) / float64(c.classes[i])
	}
	n := float64(c.n)
	return precision / n, recall / n
}
