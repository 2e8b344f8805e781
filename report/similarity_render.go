package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/internal/textfmt"
)

// SimilarityTableOptions sets how WriteSimilarityTable lays out a matrix.
type SimilarityTableOptions struct {
	// TitleWidth is the number of characters of each title shown as a row
	// label; zero means 28.
	TitleWidth int
}

// WriteSimilarityTable writes a similarity matrix for a terminal: one row
// per document, labeled with its number and short title, one column per
// document, headed by its number, values with two decimals, aligned.
// Empty documents are marked.
func WriteSimilarityTable(w io.Writer, m *topics.SimilarityMatrix, opt SimilarityTableOptions) error {
	if opt.TitleWidth <= 0 {
		opt.TitleWidth = 28
	}
	ew := &errWriter{w: w}
	ew.printf("%s\n\n", describeMatrix(m))
	n := len(m.IDs)
	num := len(strconv.Itoa(n))
	labels := make([]string, n)
	width := 0
	empty := map[string]bool{}
	for _, id := range m.Empty {
		empty[id] = true
	}
	for i := range n {
		t := m.Titles[i]
		if t == "" {
			t = m.IDs[i]
		}
		if empty[m.IDs[i]] {
			t = "(no terms) " + t
		}
		labels[i] = textfmt.Clip(t, opt.TitleWidth)
		width = max(width, utf8.RuneCountInString(labels[i]))
	}
	ew.printf("%*s  %s", num, "", pad("", width))
	for j := range n {
		ew.printf(" %5d", j+1)
	}
	ew.printf("\n")
	for i, row := range m.Rows {
		ew.printf("%*d  %s", num, i+1, pad(labels[i], width))
		for _, v := range row {
			ew.printf(" %5.2f", v+0) // +0 turns -0 into 0
		}
		ew.printf("\n")
	}
	return ew.err
}

func describeMatrix(m *topics.SimilarityMatrix) string {
	return fmt.Sprintf("%d documents · cosine similarity in %s", len(m.IDs), spaceName(m.Space, m.Dims))
}

func spaceName(s topics.Space, dims int) string {
	if s == topics.SpaceLSA {
		return fmt.Sprintf("LSA space (%d dimensions)", dims)
	}
	return "TF-IDF space"
}

// pad right-pads s with spaces to n characters.
func pad(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s)))
}

// formatSim formats a similarity for CSV: six decimals, no negative zero.
func formatSim(v float64) string { return strconv.FormatFloat(v+0, 'f', 6, 64) }

// WriteSimilarityCSV writes a similarity matrix as CSV: a header "id"
// followed by the document ids, then one row per document, its id followed
// by its similarities (six decimals).
func WriteSimilarityCSV(w io.Writer, m *topics.SimilarityMatrix) error {
	cw := csv.NewWriter(w)
	rec := append([]string{"id"}, m.IDs...)
	if err := cw.Write(rec); err != nil {
		return err
	}
	for i, row := range m.Rows {
		rec = rec[:0]
		rec = append(rec, m.IDs[i])
		for _, v := range row {
			rec = append(rec, formatSim(v))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteSimilarityJSON writes a similarity matrix as one JSON object with the
// fields of topics.SimilarityMatrix; each row of "rows" is on a line of its own.
func WriteSimilarityJSON(w io.Writer, m *topics.SimilarityMatrix) error {
	ew := &errWriter{w: w}
	field := func(name string, v any, last bool) {
		b, err := json.Marshal(v)
		if err != nil && ew.err == nil {
			ew.err = err
		}
		sep := ","
		if last {
			sep = ""
		}
		ew.printf("  %q: %s%s\n", name, b, sep)
	}
	ew.printf("{\n")
	field("corpus", m.Corpus, false)
	field("space", m.Space, false)
	if m.Dims > 0 {
		field("dims", m.Dims, false)
	}
	field("ids", m.IDs, false)
	field("titles", m.Titles, false)
	ew.printf("  \"rows\": [\n")
	for i, row := range m.Rows {
		b, err := json.Marshal(row)
		if err != nil && ew.err == nil {
			ew.err = err
		}
		sep := ","
		if i == len(m.Rows)-1 {
			sep = ""
		}
		ew.printf("    %s%s\n", b, sep)
	}
	ew.printf("  ],\n")
	field("empty", m.Empty, false)
	field("warnings", m.Warnings, true)
	ew.printf("}\n")
	return ew.err
}

// WriteNeighborsJSONL writes nearest neighbours as JSON Lines: one object
// per document, in input order, {"id", "title", "neighbors": [{"id",
// "similarity"}, ...]}, most similar first; a document with no terms has an
// empty list.
func WriteNeighborsJSONL(w io.Writer, l *topics.NeighborList) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, d := range l.Documents {
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}

// WriteNeighborsCSV writes nearest neighbours as CSV with the header
// id,rank,neighbor,similarity: one row per (document, neighbour), ranks from
// 1 (the most similar).
func WriteNeighborsCSV(w io.Writer, l *topics.NeighborList) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "rank", "neighbor", "similarity"}); err != nil {
		return err
	}
	for _, d := range l.Documents {
		for r, nb := range d.Neighbors {
			if err := cw.Write([]string{d.ID, strconv.Itoa(r + 1), nb.ID, formatSim(nb.Similarity)}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteNeighborsTable writes nearest neighbours for a terminal: each
// document followed by its neighbours, with similarities and titles.
func WriteNeighborsTable(w io.Writer, l *topics.NeighborList) error {
	ew := &errWriter{w: w}
	ew.printf("%d documents · %d nearest neighbours by cosine similarity in %s\n", len(l.Documents), l.N, spaceName(l.Space, l.Dims))
	for _, d := range l.Documents {
		ew.printf("\n%s  %s\n", d.ID, d.Title)
		if len(d.Neighbors) == 0 {
			ew.printf("  (no terms: no neighbours)\n")
			continue
		}
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		for _, nb := range d.Neighbors {
			fmt.Fprintf(tw, "  %.2f\t%s\t%s\n", nb.Similarity+0, nb.ID, l.Documents[nb.Index].Title)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return ew.err
}

// formatTerms writes the explaining terms as "term 31%, term 12%".
func formatTerms(ts []topics.TermShare) string {
	parts := make([]string, len(ts))
	for k, t := range ts {
		parts[k] = fmt.Sprintf("%s %.0f%%", t.Term, 100*t.Share)
	}
	return strings.Join(parts, ", ")
}

// explanation is the one-line reason given for a pair in tables.
func explanation(p topics.PairReport) string {
	if len(p.Terms) == 0 {
		return "no TF-IDF terms in common"
	}
	return fmt.Sprintf("tf-idf cosine %.2f, %d shared terms: %s", p.Cosine, p.SharedTerms, formatTerms(p.Terms))
}

// WriteDuplicatesTable writes near-duplicate sets for a terminal: a summary
// of the method, then each set with its members and its pairs, each pair
// with its Jaccard index and the terms that make the two texts similar.
func WriteDuplicatesTable(w io.Writer, r *topics.DuplicateReport) error {
	ew := &errWriter{w: w}
	ew.printf("%d documents · %d near-duplicate pair%s in %d set%s (%d documents)\n",
		r.Documents, r.Pairs, textfmt.Plural(r.Pairs), len(r.Sets), textfmt.Plural(len(r.Sets)), r.Duplicates)
	ew.printf("Jaccard index of %d-word shingles ≥ %.2f · MinHash %d hashes in %d bands × %d rows: a pair at %.2f is missed with probability %.2g · %d candidate pair%s verified\n",
		r.Shingle, r.Threshold, r.Hashes, r.Bands, r.Rows, r.Threshold, r.MissProbability, r.Candidates, textfmt.Plural(r.Candidates))
	for _, s := range r.Sets {
		ew.printf("\nSet %d · %d documents\n", s.ID, s.Size)
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		for _, mb := range s.Members {
			fmt.Fprintf(tw, "  %s\t%s\n", mb.ID, mb.Title)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, p := range s.Pairs {
			ew.printf("  %.2f  %s ~ %s  (%s)\n", p.Similarity, p.A, p.B, explanation(p))
		}
	}
	return ew.err
}

// WriteDuplicatesCSV writes one row per near-duplicate pair, set by set,
// under the header set,a,b,title_a,title_b,jaccard,tfidf_cosine,terms
// (terms as "term share;term share", shares with four decimals).
func WriteDuplicatesCSV(w io.Writer, r *topics.DuplicateReport) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"set", "a", "b", "title_a", "title_b", "jaccard", "tfidf_cosine", "terms"}); err != nil {
		return err
	}
	for _, s := range r.Sets {
		for _, p := range s.Pairs {
			rec := []string{strconv.Itoa(s.ID), p.A, p.B, p.TitleA, p.TitleB, formatSim(p.Similarity), formatSim(p.Cosine), csvTerms(p.Terms)}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvTerms(ts []topics.TermShare) string {
	parts := make([]string, len(ts))
	for k, t := range ts {
		parts[k] = t.Term + " " + strconv.FormatFloat(t.Share, 'f', 4, 64)
	}
	return strings.Join(parts, ";")
}

// RelatedTableOptions sets how WriteRelatedTable lays out groups.
type RelatedTableOptions struct {
	// Members is the number of members, and of pairs, listed per group;
	// zero means 10, negative means all.
	Members int
}

// WriteRelatedTable writes groups of related reports for a terminal: a
// summary of the method, then each group with its cohesion, its members
// (mean cosine to the others, id, title) and why its members belong: each
// member's pair with its nearest fellow member and their top shared terms.
func WriteRelatedTable(w io.Writer, r *topics.RelatedReport, opt RelatedTableOptions) error {
	members := opt.Members
	if members == 0 {
		members = 10
	}
	ew := &errWriter{w: w}
	ew.printf("%d documents · %d group%s of related reports (%d documents) · %d document%s related to no other\n",
		r.Documents, len(r.Groups), textfmt.Plural(len(r.Groups)), r.Grouped, r.Singletons, textfmt.Plural(r.Singletons))
	ew.printf("%s linkage on the %d nearest neighbours, similarity (mean of the LSA and TF-IDF cosines) ≥ %.2f (%d dimensions)\n",
		r.Linkage, r.Neighbors, r.Threshold, r.Dims)
	for _, g := range r.Groups {
		ew.printf("\nGroup %d · %d documents · cohesion %.2f\n", g.ID, g.Size, g.Cohesion)
		if len(g.Terms) > 0 {
			terms := make([]string, len(g.Terms))
			for k, t := range g.Terms {
				terms[k] = fmt.Sprintf("%s %.0f%% (%d)", t.Term, 100*t.Share, t.Members)
			}
			ew.printf("  held by: %s\n", strings.Join(terms, ", "))
		}
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		for k, mb := range g.Members {
			if members >= 0 && k == members {
				fmt.Fprintf(tw, "  … and %d more\n", len(g.Members)-k)
				break
			}
			fmt.Fprintf(tw, "  %.2f\t%s\t%s\n", mb.Similarity, mb.ID, mb.Title)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for k, p := range g.Pairs {
			if members >= 0 && k == members {
				ew.printf("  … and %d more pairs\n", len(g.Pairs)-k)
				break
			}
			ew.printf("  %.2f  %s ~ %s  (%s)\n", p.Similarity, p.A, p.B, explanation(p))
		}
	}
	return ew.err
}

// WriteRelatedCSV writes one row per document, in input order, under the
// header id,title,cluster,size,nearest,similarity,terms: its group (every
// document has one, a document related to no other being alone in its
// group; -1 for a document with no terms), the group's size, its most
// similar fellow member and their LSA cosine, and the terms they share most
// in TF-IDF. `topics eval --assignments` reads the id and cluster columns.
func WriteRelatedCSV(w io.Writer, r *topics.RelatedReport) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "title", "cluster", "size", "nearest", "similarity", "terms"}); err != nil {
		return err
	}
	for _, a := range r.Assignments {
		sim := ""
		if a.Nearest != "" {
			sim = formatSim(a.Similarity)
		}
		rec := []string{a.ID, a.Title, strconv.Itoa(a.Cluster), strconv.Itoa(a.Size), a.Nearest, sim, csvTerms(a.Terms)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
