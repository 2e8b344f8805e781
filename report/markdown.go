package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/topics-dev/topics/internal/textfmt"
)

// MarkdownOptions sets what WriteMarkdown includes. The zero value gives the
// documented defaults.
type MarkdownOptions struct {
	// Members is the number of members listed per cluster, closest to the
	// centroid first; zero means 10, negative means all.
	Members int
}

// WriteMarkdown writes a report as a Markdown document (CommonMark with
// GitHub tables): an overview table of the clusters, then per cluster its
// theme, key phrases, top terms, summary, nearest clusters and members.
// Text from the corpus is escaped, so it cannot change the layout.
func WriteMarkdown(w io.Writer, r *Report, opt MarkdownOptions) error {
	if opt.Members == 0 {
		opt.Members = 10
	}
	ew := &errWriter{w: w}
	mdHeader(ew, r)
	mdOverview(ew, r)
	for _, c := range r.Clusters {
		mdCluster(ew, r, c, opt.Members)
	}
	var empty []string
	for _, a := range r.Assignments {
		if a.Cluster < 0 {
			empty = append(empty, mdEscape(a.ID))
		}
	}
	if len(empty) > 0 {
		ew.printf("## Unclustered\n\n%d document%s with no terms in the vocabulary: %s\n",
			len(empty), textfmt.Plural(len(empty)), strings.Join(empty, ", "))
	}
	return ew.err
}

// mdHeader writes the title, the summary line and the warnings.
func mdHeader(ew *errWriter, r *Report) {
	title := "Topics"
	if r.Corpus != "" {
		title += " in " + r.Corpus
	}
	ew.printf("# %s\n\n", mdEscape(title))
	how := fmt.Sprintf("k = %d", r.K)
	if r.KRequested == 0 {
		how += " (chosen)"
	}
	ew.printf("%d documents · %d terms · %d LSA dimensions (%.0f%% of variance) · %s · seed %d\n\n",
		r.Documents, r.Terms, r.Dims, 100*r.ExplainedVariance, how, r.Seed)
	for _, warn := range r.Warnings {
		ew.printf("> **Warning:** %s\n\n", mdEscape(warn))
	}
}

// mdOverview writes the table of theme groups, if any, and of clusters.
func mdOverview(ew *errWriter, r *Report) {
	if len(r.Parents) > 0 {
		ew.printf("## Theme groups\n\n| group | theme | documents | clusters |\n|---:|---|---:|---|\n")
		for _, p := range r.Parents {
			ids := make([]string, len(p.Clusters))
			for k, c := range p.Clusters {
				ids[k] = strconv.Itoa(c)
			}
			ew.printf("| %d | %s | %d | %s |\n", p.ID, mdCell(p.Theme), p.Size, strings.Join(ids, ", "))
		}
		ew.printf("\n## Clusters\n\n")
	}
	if len(r.Clusters) > 0 {
		ew.printf("| cluster | group | theme | documents | cohesion | nearest |\n|---:|---:|---|---:|---:|---|\n")
		for _, c := range r.Clusters {
			ew.printf("| %d | %d | %s | %d | %.2f | %s |\n", c.ID, c.Parent, mdCell(c.Theme), c.Size, c.Cohesion, nearestText(c.Nearest))
		}
		ew.printf("\n")
	}
}

// mdCluster writes a cluster's section: its theme, key phrases, top terms,
// summary and at most members of its members (all if negative).
func mdCluster(ew *errWriter, r *Report, c Cluster, members int) {
	ew.printf("## Cluster %d: %s\n\n", c.ID, mdEscape(c.Theme))
	ew.printf("%d document%s · cohesion %.2f", c.Size, textfmt.Plural(c.Size), c.Cohesion)
	if len(c.Nearest) > 0 {
		ew.printf(" · nearest: %s", nearestText(c.Nearest))
	}
	ew.printf("\n\n")
	if len(c.KeyPhrases) > 0 {
		ps := make([]string, len(c.KeyPhrases))
		for k, p := range c.KeyPhrases {
			ps[k] = fmt.Sprintf("%s (%.4f)", mdEscape(p.Phrase), p.Weight)
		}
		ew.printf("**Key phrases:** %s\n\n", strings.Join(ps, ", "))
	}
	ts := make([]string, len(c.TopTerms))
	for k, t := range c.TopTerms {
		ts[k] = fmt.Sprintf("%s (%.3f)", mdEscape(t.Term), t.Weight)
	}
	ew.printf("**Top terms:** %s\n\n", strings.Join(ts, ", "))
	if len(c.Summary) > 0 {
		ew.printf("**Summary:**\n\n")
		for _, s := range c.Summary {
			ew.printf("> %s — %s\n>\n", mdEscape(s.Text), mdEscape(r.Assignments[s.Document].ID))
		}
		ew.printf("\n")
	}
	shown := c.Members
	if members > 0 && len(shown) > members {
		shown = shown[:members]
	}
	ew.printf("| similarity | id | title |\n|---:|---|---|\n")
	for _, i := range shown {
		a := r.Assignments[i]
		ew.printf("| %.2f | %s | %s |\n", a.Similarity, mdCell(a.ID), mdCell(a.Title))
	}
	if len(shown) < len(c.Members) {
		ew.printf("\n… and %d more.\n", len(c.Members)-len(shown))
	}
	ew.printf("\n")
}

// nearestText lists nearby clusters as "1 (0.44), 3 (0.20)".
func nearestText(ns []Nearby) string {
	s := make([]string, len(ns))
	for k, nb := range ns {
		s[k] = fmt.Sprintf("%d (%.2f)", nb.Cluster, nb.Similarity)
	}
	return strings.Join(s, ", ")
}

// mdEscape puts a backslash before every character that Markdown might
// read as inline markup (and before a "-", "+" or "1." that would start a
// list), and turns line breaks into spaces.
func mdEscape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	digits := 0 // leading digits seen so far
	for k, r := range s {
		lead := k == digits
		listEnd := k+1 == len(s) || s[k+1] == ' '
		switch {
		case strings.ContainsRune("\\`*_[]<>|~&#", r),
			k == 0 && (r == '-' || r == '+') && listEnd,
			lead && digits > 0 && (r == '.' || r == ')') && listEnd:
			b.WriteByte('\\')
		}
		if lead && r >= '0' && r <= '9' {
			digits++
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCell escapes s for a table cell.
func mdCell(s string) string {
	if s == "" {
		return " "
	}
	return mdEscape(s)
}
