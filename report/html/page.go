package html

import (
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/topics-dev/topics/internal/textfmt"
	"github.com/topics-dev/topics/report"
)

// Options sets what Write includes. The zero value gives the documented
// defaults.
type Options struct {
	// Members is the number of members listed under each cluster's card
	// (collapsed until opened), closest to the centroid first; zero means
	// 100, negative means all.
	Members int
	// MapDocs is the most documents drawn on the map; zero or less means
	// 2,000.
	// Larger clusterings are sampled evenly within each cluster, in
	// proportion to its size; the caption says so.
	MapDocs int
}

// Write writes a report as one self-contained HTML page: nothing is
// loaded from elsewhere (the CSS is inline, the pictures are inline vector
// SVG drawn with gonum/plot's SVG backend, and there is no script and no
// raster image).
//
// The page opens with an overview: a map of the documents on the first two
// principal components of their LSA vectors (each document's title on
// hover, each cluster's mean labelled and linked to its card), the
// clusters as a legend with their sizes, and a heat map of the documents'
// cosine similarities ordered by cluster (sampled when there are more
// documents than report.Options.HeatmapDocs; the caption says so). When
// the report has a topic hierarchy (Report.Parents), its groups follow.
// Then comes a card per cluster: theme, key phrases, top terms, majority
// gold label, nearest clusters by name (linked), summary and members,
// closest to the centroid first (collapsed). Then, when present, the timeline
// (Report.Timeline), the table of clusters by gold label
// (Report.GoldTable), and the unclustered documents (collapsed).
func Write(w io.Writer, r *report.Report, opt Options) error {
	if r.Views == nil {
		return fmt.Errorf("html: the report has no views to draw (make it with Build)")
	}
	if opt.Members == 0 {
		opt.Members = 100
	}
	if opt.MapDocs <= 0 {
		opt.MapDocs = 2000
	}
	p, err := pageOf(r, opt)
	if err != nil {
		return err
	}
	t, err := template.New("report").Parse(pageTemplate)
	if err != nil {
		return fmt.Errorf("html: HTML template: %w", err) // a broken invariant, reported all the same
	}
	return t.Execute(w, p)
}

// page is what the HTML template shows, formatted.
type page struct {
	Title, Meta string
	Warnings    []string
	Nav         []navLink
	Figures     []figure
	Parents     []group
	Cards       []card
	Timeline    *figure
	Gold        *goldView
	Unclustered []doc
	NoTerms     string // what the unclustered documents are
	Footer      string
}

type navLink struct{ ID, Text string }

// figure is a picture with its heading and caption.
type figure struct {
	ID, Heading string
	SVG         template.HTML
	Caption     string
}

// group is a coarse group of a topic hierarchy.
type group struct {
	ID       int
	Theme    string
	Size     string // "N documents in M clusters"
	Clusters []chip
}

// chip names a cluster with its mark, linked to its card.
type chip struct {
	ID           int
	Name         string
	Color, Shape string
}

type card struct {
	chip
	Color   template.CSS
	Head    string
	Group   *group
	Phrases []phrase
	Terms   string
	Gold    string
	Summary []sentence
	Nearest []near
	Members []doc
	More    int
	All     string // the summary of the list of members
}

type phrase struct{ Text, Tip string }

type sentence struct{ Text, Doc string }

type doc struct{ Sim, ID, Title string }

type near struct {
	chip
	Sim string
}

// pageOf formats r for the template.
func pageOf(r *report.Report, opt Options) (*page, error) {
	title := "Topics"
	if r.Corpus != "" {
		title += " in " + r.Corpus
	}
	how := fmt.Sprintf("k = %d", r.K)
	if r.KRequested == 0 {
		how += " (chosen)"
	}
	p := &page{
		Title: title,
		Meta: fmt.Sprintf("%d documents · %d terms · %d LSA dimensions (%.0f%% of variance) · %s · seed %d",
			r.Documents, r.Terms, r.Dims, 100*r.ExplainedVariance, how, r.Seed),
		Warnings: r.Warnings,
		Footer:   fmt.Sprintf("Written by topics (report schema version %d).", r.SchemaVersion),
	}
	var err error
	if p.Figures, err = overview(r, opt); err != nil {
		return nil, err
	}
	p.Parents = parentsOf(r)
	for _, c := range r.Clusters {
		p.Cards = append(p.Cards, cardOf(r, c, opt, p.Parents))
	}
	if r.Timeline != nil {
		if p.Timeline, err = timelineFigure(r); err != nil {
			return nil, err
		}
	}
	p.Gold = goldViewOf(r)
	for i, a := range r.Assignments {
		if a.Cluster < 0 {
			p.Unclustered = append(p.Unclustered, docOf(r, i))
		}
	}
	n := len(p.Unclustered)
	p.NoTerms = fmt.Sprintf("%d document%s with no terms in the vocabulary", n, textfmt.Plural(n))
	p.Nav = navOf(p, r)
	return p, nil
}

// navOf links the page's sections.
func navOf(p *page, r *report.Report) []navLink {
	nav := []navLink{{"overview", "Overview"}}
	if len(p.Parents) > 0 {
		nav = append(nav, navLink{"hierarchy", fmt.Sprintf("Hierarchy (%d groups)", len(p.Parents))})
	}
	nav = append(nav, navLink{"clusters", fmt.Sprintf("Clusters (%d)", len(r.Clusters))})
	if p.Timeline != nil {
		nav = append(nav, navLink{"timeline", "Over time"})
	}
	if p.Gold != nil {
		nav = append(nav, navLink{"gold", "Gold labels"})
	}
	if len(p.Unclustered) > 0 {
		nav = append(nav, navLink{"unclustered", fmt.Sprintf("Unclustered (%d)", len(p.Unclustered))})
	}
	return nav
}

func docOf(r *report.Report, i int) doc {
	a := r.Assignments[i]
	return doc{Sim: fmt.Sprintf("%.2f", a.Similarity), ID: a.ID, Title: a.Title}
}

func chipOf(cl report.Cluster) chip {
	return chip{ID: cl.ID, Name: clusterName(cl), Color: hexColor(clusterColor(cl.ID)), Shape: shapeNames[clusterShape(cl.ID)]}
}

// cardOf formats cluster c's card.
func cardOf(r *report.Report, c report.Cluster, opt Options, parents []group) card {
	k := card{
		chip:  chipOf(c),
		Color: template.CSS(hexColor(clusterColor(c.ID))),
		Head:  fmt.Sprintf("%d document%s · cohesion %.2f", c.Size, textfmt.Plural(c.Size), c.Cohesion),
		All:   fmt.Sprintf("All %d members, closest to the centre first", len(c.Members)),
	}
	if len(c.Members) == 1 {
		k.All = "The 1 member"
	}
	if c.Parent >= 0 && c.Parent < len(parents) {
		k.Group = &parents[c.Parent]
	}
	for _, ph := range c.KeyPhrases {
		k.Phrases = append(k.Phrases, phrase{
			Text: ph.Phrase,
			Tip: fmt.Sprintf("c-TF-IDF %.4f · %d× in %d document%s",
				ph.Weight, ph.Count, ph.Documents, textfmt.Plural(ph.Documents)),
		})
	}
	terms := make([]string, len(c.TopTerms))
	for j, t := range c.TopTerms {
		terms[j] = t.Term
	}
	k.Terms = strings.Join(terms, ", ")
	if r.GoldTable != nil {
		if row := r.GoldTable.Row(c.ID); row != nil && row.Majority != "" {
			k.Gold = fmt.Sprintf("%s, %.0f%% (%d of %d)", row.Majority, 100*row.Share,
				int(row.Share*float64(row.Size-row.Unlabeled)+0.5), row.Size-row.Unlabeled)
		}
	}
	for _, s := range c.Summary {
		k.Summary = append(k.Summary, sentence{Text: s.Text, Doc: r.Assignments[s.Document].ID})
	}
	for _, nb := range c.Nearest {
		k.Nearest = append(k.Nearest, near{chip: chipOf(r.Clusters[nb.Cluster]), Sim: fmt.Sprintf("%.2f", nb.Similarity)})
	}
	shown := c.Members
	if opt.Members > 0 && len(shown) > opt.Members {
		shown = shown[:opt.Members]
	}
	for _, i := range shown {
		k.Members = append(k.Members, docOf(r, i))
	}
	k.More = len(c.Members) - len(shown)
	return k
}

// parentsOf formats the topic hierarchy, if the report has one.
func parentsOf(r *report.Report) []group {
	var out []group
	for _, p := range r.Parents {
		g := group{ID: p.ID, Theme: p.Theme}
		if g.Theme == "" {
			g.Theme = "Group " + strconv.Itoa(p.ID)
		}
		for _, c := range p.Clusters {
			if c >= 0 && c < len(r.Clusters) {
				g.Clusters = append(g.Clusters, chipOf(r.Clusters[c]))
			}
		}
		g.Size = fmt.Sprintf("%d document%s in %d cluster%s", p.Size, textfmt.Plural(p.Size),
			len(g.Clusters), textfmt.Plural(len(g.Clusters)))
		out = append(out, g)
	}
	return out
}

// overview draws the map, the legend and the heat map.
func overview(r *report.Report, opt Options) ([]figure, error) {
	v := r.Views
	sample := mapSample(r, opt.MapDocs)
	mp := newPicture(400, 400)
	drawMap(mp.c, mp, r, sample)
	lg := newPicture(400, legendHeight(len(r.Clusters)))
	drawLegend(lg.c, lg, r)
	hm := newPicture(400, heatmapHeight(400, false))
	drawHeatmap(hm.c, hm, r, false)
	figs := []figure{
		{ID: "map", Heading: "Map of the documents", Caption: mapCaption(r, len(sample))},
		{ID: "legend", Heading: "Clusters", Caption: "Each cluster's mark, number, theme and documents (with their share " +
			"of all clustered ones), over a bar as long as its size. Click a row for the cluster's card."},
		{ID: "similarity", Heading: "Similarity", Caption: heatCaption(v)},
	}
	for k, pic := range []*picture{mp, lg, hm} {
		svg, err := pic.inline()
		if err != nil {
			return nil, fmt.Errorf("html: drawing the %s: %w", strings.ToLower(figs[k].Heading), err)
		}
		figs[k].SVG = template.HTML(svg) // vgsvg escapes the text it draws; applyMarks escapes titles
	}
	return figs, nil
}

func mapCaption(r *report.Report, shown int) string {
	v := r.Views
	clustered := v.HeatmapOf
	s := "Each point is a document"
	if shown < clustered {
		s += fmt.Sprintf(" (%d of %d, sampled within clusters)", shown, clustered)
	}
	s += fmt.Sprintf(" on the plane where the cluster means spread most (%.0f%% and %.0f%% of the variance); "+
		"rings mark the means. Hover a point for its title.", 100*v.MapVariance[0], 100*v.MapVariance[1])
	if n := len(r.Assignments) - clustered; n > 0 {
		s += fmt.Sprintf(" The %d unclustered are not drawn.", n)
	}
	return s
}

func heatCaption(v *report.Views) string {
	n := len(v.Heatmap)
	s := fmt.Sprintf("Cosine similarity of every pair of the %d clustered document%s", n, textfmt.Plural(n))
	if n < v.HeatmapOf {
		s = fmt.Sprintf("Cosine similarity of every pair of %d of the %d clustered documents (sampled in proportion "+
			"to cluster size)", n, v.HeatmapOf)
	}
	return s + ", by cluster, closest to the centroid first; white lines separate the clusters. Dark blocks on " +
		"the diagonal are tight clusters, off it clusters that overlap. Hover a block for its mean."
}

// timelineFigure draws the timeline.
func timelineFigure(r *report.Report) (*figure, error) {
	tl := r.Timeline
	pic := newPicture(1150, timelineHeight(len(tl.Counts)))
	drawTimeline(pic.c, pic, r)
	svg, err := pic.inline()
	if err != nil {
		return nil, fmt.Errorf("html: drawing the timeline: %w", err)
	}
	cap := fmt.Sprintf("Documents per %s, from %s to %s (UTC). The bars count all dated documents; each row shades "+
		"a cluster's documents in a period by their share of its busiest one, so that a row shows when its topic "+
		"peaked; the number at its right is its total. Hover a cell for its count.",
		tl.Period, periodName(tl.Period, mustTime(tl.Starts[0])), periodName(tl.Period, mustTime(tl.Starts[len(tl.Starts)-1])))
	if tl.Undated > 0 {
		cap += fmt.Sprintf(" %d document%s without a date are not counted.", tl.Undated, textfmt.Plural(tl.Undated))
	}
	return &figure{ID: "timeline", Heading: "Topics over time", SVG: template.HTML(svg), Caption: cap}, nil
}
