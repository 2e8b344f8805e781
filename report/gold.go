package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/topics-dev/topics/internal/textfmt"
)

// GoldTable crosses clusters with the documents' gold labels (the corpus's
// label field): how many documents of each cluster carry each label, and
// each cluster's majority label. Documents without a gold label are counted
// apart, as Unlabeled.
type GoldTable struct {
	// Labels are the distinct gold labels, the most frequent first (ties in
	// byte order).
	Labels []string `json:"labels"`
	// Rows holds one row per cluster that has documents, by id, then one
	// for cluster -1 when some document is unclustered.
	Rows []GoldRow `json:"rows"`
}

// GoldRow is one cluster's line of a GoldTable.
type GoldRow struct {
	// Cluster is the cluster's id, -1 for the documents with no terms.
	Cluster int `json:"cluster"`
	// Size is the number of documents in the cluster.
	Size int `json:"size"`
	// Counts holds the number of the cluster's documents with each label
	// of GoldTable.Labels, in that order.
	Counts []int `json:"counts"`
	// Unlabeled is the number of the cluster's documents with no gold
	// label.
	Unlabeled int `json:"unlabeled"`
	// Majority is the most frequent label in the cluster (ties: the one
	// first in GoldTable.Labels), "" when no document of it has a label.
	Majority string `json:"majority"`
	// Share is the majority label's share of the cluster's labelled
	// documents (Size − Unlabeled), 0 when there are none: the cluster's
	// purity.
	Share float64 `json:"share"`
}

// NewGoldTable makes the table of the documents' gold labels (gold[i], ""
// for none) against their clusters (clusters[i], negative for none). It
// has a row for each cluster id that occurs, in increasing order, with the
// negative ones pooled as -1 in a last row. It returns nil when no
// document has a gold label.
func NewGoldTable(gold []string, clusters []int) *GoldTable {
	if len(gold) != len(clusters) {
		panic("report: NewGoldTable: gold labels and clusters differ in length")
	}
	total := map[string]int{}
	rowOf := map[int]int{}
	for i, g := range gold {
		if g != "" {
			total[g]++
		}
		rowOf[max(clusters[i], -1)] = 0
	}
	if len(total) == 0 {
		return nil
	}
	t := &GoldTable{}
	for g := range total {
		t.Labels = append(t.Labels, g)
	}
	slices.SortFunc(t.Labels, func(a, b string) int {
		return cmp.Or(cmp.Compare(total[b], total[a]), cmp.Compare(a, b))
	})
	col := make(map[string]int, len(t.Labels))
	for j, g := range t.Labels {
		col[g] = j
	}
	ids := make([]int, 0, len(rowOf))
	for c := range rowOf {
		ids = append(ids, c)
	}
	// Cluster ids in increasing order, -1 last.
	slices.SortFunc(ids, func(a, b int) int { return cmp.Or(cmp.Compare(min(b, 0), min(a, 0)), cmp.Compare(a, b)) })
	t.Rows = make([]GoldRow, len(ids))
	for r, c := range ids {
		rowOf[c] = r
		t.Rows[r] = GoldRow{Cluster: c, Counts: make([]int, len(t.Labels))}
	}
	for i, g := range gold {
		row := &t.Rows[rowOf[max(clusters[i], -1)]]
		row.Size++
		if g == "" {
			row.Unlabeled++
		} else {
			row.Counts[col[g]]++
		}
	}
	for r := range t.Rows {
		t.Rows[r].setMajority(t.Labels)
	}
	return t
}

// Row returns the row of cluster c (-1 for the unclustered documents), or
// nil if the table has none.
func (t *GoldTable) Row(c int) *GoldRow {
	for r := range t.Rows {
		if t.Rows[r].Cluster == c {
			return &t.Rows[r]
		}
	}
	return nil
}

// setMajority sets Majority and Share from the counts.
func (row *GoldRow) setMajority(labels []string) {
	best := -1
	for j, n := range row.Counts {
		if n > 0 && (best < 0 || n > row.Counts[best]) {
			best = j
		}
	}
	if best < 0 {
		return
	}
	row.Majority = labels[best]
	row.Share = float64(row.Counts[best]) / float64(row.Size-row.Unlabeled)
}

// WriteGoldTable writes a table of clusters by gold label for a terminal:
// a row per gold label (most frequent first) and a column per cluster
// (cluster -1 last), then one line per cluster with its size, majority
// label and that label's share of its labelled documents.
func WriteGoldTable(w io.Writer, t *GoldTable) error {
	ew := &errWriter{w: w}
	writeGoldTable(ew, t)
	return ew.err
}

func writeGoldTable(ew *errWriter, t *GoldTable) {
	lw := len("gold label")
	for _, g := range t.Labels {
		lw = max(lw, utf8.RuneCountInString(g))
	}
	lw = min(lw, 32)
	cw := make([]int, len(t.Rows))
	for r, row := range t.Rows {
		cw[r] = len(strconv.Itoa(max(row.Size, row.Cluster)))
		if row.Cluster < 0 {
			cw[r] = max(cw[r], 2)
		}
	}
	pad := func(s string, w int) string { return s + strings.Repeat(" ", max(w-utf8.RuneCountInString(s), 0)) }
	ew.printf("%s", pad("gold label", lw))
	for r, row := range t.Rows {
		ew.printf(" %*d", cw[r], row.Cluster)
	}
	ew.printf("\n")
	lines := append(slices.Clone(t.Labels), "(none)")
	for j, g := range lines {
		if j == len(t.Labels) && !t.hasUnlabeled() {
			break
		}
		ew.printf("%s", pad(textfmt.Clip(g, lw), lw))
		for r, row := range t.Rows {
			n := row.Unlabeled
			if j < len(t.Labels) {
				n = row.Counts[j]
			}
			ew.printf(" %*d", cw[r], n)
		}
		ew.printf("\n")
	}
	ew.printf("\n%7s %9s  %-*s  %s\n", "cluster", "documents", lw, "majority", "share")
	for _, row := range t.Rows {
		share := "–"
		if row.Majority != "" {
			share = fmt.Sprintf("%.1f%% of %d", 100*row.Share, row.Size-row.Unlabeled)
		}
		ew.printf("%7d %9d  %s  %s\n", row.Cluster, row.Size, pad(textfmt.Clip(row.Majority, lw), lw), share)
	}
}

// hasUnlabeled reports whether some document has no gold label.
func (t *GoldTable) hasUnlabeled() bool {
	for _, row := range t.Rows {
		if row.Unlabeled > 0 {
			return true
		}
	}
	return false
}
