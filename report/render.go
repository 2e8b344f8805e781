package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/internal/textfmt"
)

// TableOptions sets how WriteTable lays out a report. The zero value gives
// the documented defaults.
type TableOptions struct {
	// Members is the number of member titles listed per cluster, closest to
	// the centroid first; zero means 10, negative means all.
	Members int
	// Terms is the number of top terms shown per cluster; zero means 8.
	Terms int
	// Width is the width of the terminal in columns (characters); zero
	// means 100, and less than 40 is taken as 40. Lines are fitted to it:
	// lists end in "…", titles are shortened, summaries are wrapped.
	Width int
	// Themes shows each cluster's theme in full instead of its members: the
	// key phrases with their weights, the summary, the representative
	// documents and the nearest clusters.
	Themes bool
}

// WriteTable writes a report for a person reading a terminal: a summary
// line, then per cluster its size, cohesion, nearest cluster, theme, key
// phrases and top terms, followed by its members (or, with Themes, its
// summary and representative documents).
func WriteTable(w io.Writer, r *Report, opt TableOptions) error {
	if opt.Members == 0 {
		opt.Members = 10
	}
	if opt.Terms == 0 {
		opt.Terms = 8
	}
	if opt.Width == 0 {
		opt.Width = 100
	}
	opt.Width = max(opt.Width, 40)
	t := &tableWriter{ew: &errWriter{w: w}, r: r, opt: opt}
	how := fmt.Sprintf("k = %d", r.K)
	if r.KRequested == 0 {
		how += " (chosen)"
	}
	if len(r.Parents) > 0 {
		how += fmt.Sprintf(" in %d theme groups", len(r.Parents))
	}
	t.line(fmt.Sprintf("%d documents · %d terms · %d LSA dimensions (%.0f%% of variance) · %s",
		r.Documents, r.Terms, r.Dims, 100*r.ExplainedVariance, how))
	for _, g := range groups(r) {
		if g.parent != nil {
			t.group(*g.parent)
		}
		for _, c := range g.clusters {
			t.cluster(r.Clusters[c])
		}
	}
	var empty []string
	for _, a := range r.Assignments {
		if a.Cluster < 0 {
			empty = append(empty, a.ID)
		}
	}
	if len(empty) > 0 {
		t.ew.printf("\n")
		t.line(fitList(fmt.Sprintf("Unclustered (no terms) · %d document%s: ", len(empty), textfmt.Plural(len(empty))), empty, opt.Width))
	}
	return t.ew.err
}

// tableWriter writes the parts of WriteTable.
type tableWriter struct {
	ew  *errWriter
	r   *Report
	opt TableOptions
}

// line writes s clipped to the width.
func (t *tableWriter) line(s string) { t.ew.printf("%s\n", textfmt.Clip(s, t.opt.Width)) }

// clusterGroup is a theme group and its clusters, in the order they are
// shown; parent is nil when every cluster is its own group.
type clusterGroup struct {
	parent   *Parent
	clusters []int
}

// groups returns the clusters of r by theme group (by group id, then
// cluster id), or all clusters in one list without groups.
func groups(r *Report) []clusterGroup {
	if len(r.Parents) == 0 {
		all := make([]int, len(r.Clusters))
		for c := range all {
			all[c] = c
		}
		return []clusterGroup{{clusters: all}}
	}
	out := make([]clusterGroup, len(r.Parents))
	for p := range r.Parents {
		out[p] = clusterGroup{parent: &r.Parents[p], clusters: r.Parents[p].Clusters}
	}
	return out
}

// group writes the head of a theme group.
func (t *tableWriter) group(p Parent) {
	ids := make([]string, len(p.Clusters))
	for k, c := range p.Clusters {
		ids[k] = strconv.Itoa(c)
	}
	t.ew.printf("\n")
	t.line(fmt.Sprintf("== Theme group %d · %d document%s · clusters %s", p.ID, p.Size, textfmt.Plural(p.Size), strings.Join(ids, ", ")))
	if p.Theme != "" {
		t.line("   " + p.Theme)
	}
}

// cluster writes one cluster: its head, theme and terms, then its members
// or, with Themes, its theme in full.
func (t *tableWriter) cluster(c Cluster) {
	width := t.opt.Width
	head := fmt.Sprintf("Cluster %d · %d document%s · cohesion %.2f", c.ID, c.Size, textfmt.Plural(c.Size), c.Cohesion)
	if len(c.Nearest) > 0 {
		head += fmt.Sprintf(" · nearest: %d (%.2f)", c.Nearest[0].Cluster, c.Nearest[0].Similarity)
	}
	t.ew.printf("\n")
	t.line(head)
	if c.Theme != "" {
		t.line("  theme:   " + c.Theme)
	}
	terms := make([]string, 0, t.opt.Terms)
	for _, term := range c.TopTerms[:min(len(c.TopTerms), t.opt.Terms)] {
		terms = append(terms, term.Term)
	}
	if t.opt.Themes {
		t.theme(c, terms)
		return
	}
	phrases := make([]string, len(c.KeyPhrases))
	for k, p := range c.KeyPhrases {
		phrases[k] = p.Phrase
	}
	if len(phrases) > 0 {
		t.line(fitList("  phrases: ", phrases, width))
	}
	t.line(fitList("  terms:   ", terms, width))
	writeMembers(t.ew, t.r, c.Members, t.opt.Members, width, "  ")
}

// theme writes a cluster's theme in full: phrases with their weights,
// terms, nearest clusters, summary and representative documents.
func (t *tableWriter) theme(c Cluster, terms []string) {
	width := t.opt.Width
	phrases := make([]string, len(c.KeyPhrases))
	for k, p := range c.KeyPhrases {
		phrases[k] = fmt.Sprintf("%s (%.4f, %d×)", p.Phrase, p.Weight, p.Count)
	}
	for _, l := range wrapList(phrases, width, "  phrases: ", "           ") {
		t.ew.printf("%s\n", l)
	}
	for _, l := range wrapList(terms, width, "  terms:   ", "           ") {
		t.ew.printf("%s\n", l)
	}
	if len(c.Nearest) > 0 {
		near := make([]string, len(c.Nearest))
		for k, nb := range c.Nearest {
			near[k] = fmt.Sprintf("%d (%.2f)", nb.Cluster, nb.Similarity)
		}
		t.line(fitList("  nearest: ", near, width))
	}
	if len(c.Summary) > 0 {
		t.ew.printf("  summary:\n")
		for _, s := range c.Summary {
			text := fmt.Sprintf("%s [%s]", s.Text, t.r.Assignments[s.Document].ID)
			for _, l := range wrapText(text, width, "    • ", "      ") {
				t.ew.printf("%s\n", l)
			}
		}
	}
	if len(c.Representatives) > 0 {
		t.ew.printf("  representative documents:\n")
		writeMembers(t.ew, t.r, c.Representatives, -1, width, "    ")
	}
}

// writeMembers writes one line per member, after indent: similarity, id
// and as much of the title as fits. limit < 0 means all.
func writeMembers(ew *errWriter, r *Report, members []int, limit, width int, indent string) {
	shown := members
	if limit >= 0 && len(shown) > limit {
		shown = shown[:limit]
	}
	idw := 0
	for _, i := range shown {
		idw = max(idw, utf8.RuneCountInString(r.Assignments[i].ID))
	}
	idw = min(idw, width/2)
	for _, i := range shown {
		a := r.Assignments[i]
		id := textfmt.Clip(a.ID, idw)
		s := fmt.Sprintf("%s%.2f  %s%s", indent, a.Similarity, id, strings.Repeat(" ", idw-utf8.RuneCountInString(id)))
		if room := width - utf8.RuneCountInString(s) - 2; room >= 10 && a.Title != "" {
			s += "  " + textfmt.Clip(a.Title, room)
		}
		ew.printf("%s\n", strings.TrimRight(s, " "))
	}
	if len(shown) < len(members) {
		ew.printf("%s… and %d more\n", indent, len(members)-len(shown))
	}
}

// fitList returns prefix followed by as many items, joined by ", ", as fit
// in width characters, ending in ", …" when some were left out.
func fitList(prefix string, items []string, width int) string {
	s := prefix
	for k, it := range items {
		sep := ""
		if k > 0 {
			sep = ", "
		}
		more := ""
		if k < len(items)-1 {
			more = ", …"
		}
		if utf8.RuneCountInString(s+sep+it+more) > width {
			if k == 0 {
				return textfmt.Clip(s+it, width)
			}
			return s + ", …"
		}
		s += sep + it
	}
	return s
}

// wrapList lays items out on lines of at most width characters, joined by
// ", " and broken only between items; the first line starts with first,
// the others with rest. An item longer than a line is shortened.
func wrapList(items []string, width int, first, rest string) []string {
	var lines []string
	cur, empty := first, true
	for k, it := range items {
		if k < len(items)-1 {
			it += ","
		}
		if !empty && utf8.RuneCountInString(cur+" "+it) > width {
			lines = append(lines, cur)
			cur, empty = rest, true
		}
		if !empty {
			cur += " "
		}
		cur = textfmt.Clip(cur+it, width)
		empty = false
	}
	if !empty {
		lines = append(lines, cur)
	}
	return lines
}

// wrapText breaks text into lines of at most width characters at spaces; the
// first line starts with first, the others with rest. A word longer than a
// line is cut.
func wrapText(text string, width int, first, rest string) []string {
	var lines []string
	cur := first
	empty := true
	for _, word := range strings.Fields(text) {
		sep := " "
		if empty {
			sep = ""
		}
		if !empty && utf8.RuneCountInString(cur+sep+word) > width {
			lines = append(lines, cur)
			cur, sep, empty = rest, "", true
		}
		cur += sep + word
		empty = false
		if utf8.RuneCountInString(cur) > width {
			cur = textfmt.Clip(cur, width)
		}
	}
	if !empty {
		lines = append(lines, cur)
	}
	return lines
}

// WriteJSON writes v (a *Report, a *topics.Evaluation, ...) as one
// indented JSON document (the report's schema is in docs/schema.md). An
// evaluation gets one more field, "gold_table": its first run's clusters
// by gold label (EvalGoldTable).
func WriteJSON(w io.Writer, v any) error {
	if ev, ok := v.(*topics.Evaluation); ok {
		v = evalJSON{Evaluation: ev, GoldTable: EvalGoldTable(ev)}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WriteCSV writes one row per document: id, title, gold (label), cluster, parent and the
// similarity to the cluster's centroid, under a header row.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "title", "gold", "cluster", "parent", "similarity"}); err != nil {
		return err
	}
	for _, a := range r.Assignments {
		rec := []string{a.ID, a.Title, a.Gold, strconv.Itoa(a.Cluster), strconv.Itoa(a.Parent), strconv.FormatFloat(a.Similarity, 'f', 6, 64)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// documentLine is one line of WriteJSONLines.
type documentLine struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Gold       string  `json:"gold"`
	Cluster    int     `json:"cluster"`
	Parent     int     `json:"parent"`
	Similarity float64 `json:"similarity"`
	Theme      string  `json:"theme"`
}

// WriteJSONLines writes one JSON object per line and per document, in input
// order: id, title, gold (the gold label, "" if none), cluster (-1 for a
// document with no terms), parent (the cluster's theme group, -1 too),
// similarity to the cluster's centroid and theme
// (the cluster's Theme, "" for -1). Every line has every field.
func WriteJSONLines(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, a := range r.Assignments {
		l := documentLine{ID: a.ID, Title: a.Title, Gold: a.Gold, Cluster: a.Cluster, Parent: a.Parent, Similarity: a.Similarity}
		if a.Cluster >= 0 && a.Cluster < len(r.Clusters) {
			l.Theme = r.Clusters[a.Cluster].Theme
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	return nil
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
