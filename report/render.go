package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// TableOptions sets how WriteTable lays out a report.
type TableOptions struct {
	// Members is the number of member titles listed per cluster, closest to
	// the centroid first; zero means 10, negative means all.
	Members int
	// Terms is the number of top terms shown per cluster; zero means 8.
	Terms int
}

// WriteTable writes a report for a person reading a terminal: a summary
// line, then each cluster with its size, cohesion, top terms and members.
func WriteTable(w io.Writer, r *Report, opt TableOptions) error {
	if opt.Members == 0 {
		opt.Members = 10
	}
	if opt.Terms == 0 {
		opt.Terms = 8
	}
	ew := &errWriter{w: w}
	how := fmt.Sprintf("k = %d", r.K)
	if r.KRequested == 0 {
		how += " (chosen by silhouette)"
	}
	ew.printf("%d documents · %d terms · %d LSA dimensions (%.0f%% of variance) · %s\n",
		r.Documents, r.Terms, r.Dims, 100*r.ExplainedVariance, how)
	for _, c := range r.Clusters {
		ew.printf("\nCluster %d · %d document%s · cohesion %.2f\n", c.ID, c.Size, plural(c.Size), c.Cohesion)
		terms := make([]string, 0, opt.Terms)
		for t, term := range c.TopTerms {
			if t == opt.Terms {
				break
			}
			terms = append(terms, term.Term)
		}
		ew.printf("  terms: %s\n", strings.Join(terms, ", "))
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		for n, i := range c.Members {
			if opt.Members > 0 && n == opt.Members {
				fmt.Fprintf(tw, "  … and %d more\n", len(c.Members)-n)
				break
			}
			a := r.Assignments[i]
			fmt.Fprintf(tw, "  %.2f\t%s\t%s\n", a.Similarity, a.ID, a.Title)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	var empty []string
	for _, a := range r.Assignments {
		if a.Cluster < 0 {
			empty = append(empty, a.ID)
		}
	}
	if len(empty) > 0 {
		ew.printf("\nUnclustered (no terms) · %d document%s: %s\n", len(empty), plural(len(empty)), strings.Join(empty, ", "))
	}
	return ew.err
}

// WriteJSON writes v (a *Report, an *Evaluation, ...) as one indented JSON
// document (the report's schema is in docs/schema.md).
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WriteCSV writes one row per document: id, title, label, cluster and the
// similarity to the cluster's centroid, under a header row.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "title", "label", "cluster", "similarity"}); err != nil {
		return err
	}
	for _, a := range r.Assignments {
		rec := []string{a.ID, a.Title, a.Label, strconv.Itoa(a.Cluster), strconv.FormatFloat(a.Similarity, 'f', 6, 64)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// errWriter remembers the first write error so that a renderer can write
// freely and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}
