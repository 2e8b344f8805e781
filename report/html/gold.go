package html

import (
	"fmt"
	"html/template"
	"time"

	"github.com/topics-dev/topics/report"
)

// goldView is the table of clusters by gold label: a row per label, a
// column per cluster.
type goldView struct {
	Clusters []goldCol
	Rows     []goldRow
	Majority []string // per column: the majority label's share
	Note     string
}

type goldCol struct {
	chip
	Link bool // a card exists (not for -1)
}

type goldRow struct {
	Label string
	Cells []goldCell
	Total int
}

type goldCell struct {
	N     int
	Shade template.CSS
	Tip   string
	Dark  bool // white text on a dark shade
}

// goldViewOf formats r.GoldTable, or returns nil when there is none. A
// cell is shaded by its share of the cluster's labelled documents.
func goldViewOf(r *report.Report) *goldView {
	t := r.GoldTable
	if t == nil {
		return nil
	}
	g := &goldView{}
	for _, row := range t.Rows {
		col := goldCol{chip: chip{ID: row.Cluster, Name: "unclustered", Color: hexColor(clusterColor(-1)), Shape: "circle"}}
		if row.Cluster >= 0 && row.Cluster < len(r.Clusters) {
			col = goldCol{chip: chipOf(r.Clusters[row.Cluster]), Link: true}
		}
		g.Clusters = append(g.Clusters, col)
		share := "–"
		if row.Majority != "" {
			share = fmt.Sprintf("%.0f%%", 100*row.Share)
		}
		g.Majority = append(g.Majority, share)
	}
	labels := append([]string{}, t.Labels...)
	unlabeled := false
	for _, row := range t.Rows {
		unlabeled = unlabeled || row.Unlabeled > 0
	}
	for j, l := range labels {
		g.Rows = append(g.Rows, goldRowOf(t, l, func(row report.GoldRow) int { return row.Counts[j] }))
	}
	if unlabeled {
		g.Rows = append(g.Rows, goldRowOf(t, "(no label)", func(row report.GoldRow) int { return row.Unlabeled }))
	}
	g.Note = "Each column is a cluster, each row a gold label; a cell counts the cluster's documents with that " +
		"label, shaded by their share of the cluster's labelled documents. The last row gives each cluster's " +
		"majority label's share (its purity); hover a cell for its label."
	return g
}

func goldRowOf(t *report.GoldTable, label string, count func(report.GoldRow) int) goldRow {
	row := goldRow{Label: label}
	for _, r := range t.Rows {
		n := count(r)
		row.Total += n
		share := 0.0
		if labelled := r.Size - r.Unlabeled; labelled > 0 && label != "(no label)" {
			share = float64(n) / float64(labelled)
		}
		row.Cells = append(row.Cells, goldCell{
			N:     n,
			Shade: template.CSS(fmt.Sprintf("rgba(78,121,167,%.2f)", 0.85*share)),
			Tip:   fmt.Sprintf("cluster %d · %s: %d", r.Cluster, label, n),
			Dark:  share > 0.55,
		})
	}
	return row
}

// mustTime reads an RFC 3339 time that report.Build wrote.
func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic("html: timeline start " + s + " is not RFC 3339")
	}
	return t
}
