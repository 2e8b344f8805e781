package html

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/topics-dev/topics/internal/textfmt"
	"github.com/topics-dev/topics/report"
)

// Options sets what Write includes. The zero value gives the
// documented defaults.
type Options struct {
	// Members is the number of members listed under each theme card,
	// closest to the centroid first; zero means 100, negative means all.
	Members int
}

// Write writes a report as one self-contained HTML page: nothing is
// loaded from elsewhere (the CSS is inline, the pictures are inline SVG and
// there is no script). It shows a card per cluster (theme, key phrases, top
// terms, summary, representative documents, nearest clusters and members),
// a map of the documents on the first two principal components of their
// LSA vectors, and a heat map of the documents' cosine similarities ordered
// by cluster (sampled when there are more documents than
// BuildOptions.HeatmapDocs; the page says so).
func Write(w io.Writer, r *report.Report, opt Options) error {
	if r.Views == nil {
		return fmt.Errorf("html: the report has no views to draw (make it with Build)")
	}
	if opt.Members == 0 {
		opt.Members = 100
	}
	page, err := htmlPageOf(r, opt)
	if err != nil {
		return err
	}
	t, err := template.New("report").Parse(htmlTemplate)
	if err != nil {
		return fmt.Errorf("html: HTML template: %w", err) // a broken invariant, reported all the same
	}
	return t.Execute(w, page)
}

// htmlPage is what the HTML template shows, formatted.
type htmlPage struct {
	Title       string
	Meta        string
	Warnings    []string
	Cards       []htmlCard
	Unclustered []htmlDoc
	MapSVG      template.HTML
	MapCaption  string
	HeatSVG     template.HTML
	HeatCaption string
	Footer      string
}

type htmlCard struct {
	ID       int
	Color    template.CSS
	Head     string
	Label    string
	Phrases  []htmlPhrase
	Terms    string
	Summary  []htmlSentence
	Reps     []htmlDoc
	Nearest  string
	Members  []htmlDoc
	More     int
	AllCount int
}

type htmlPhrase struct{ Text, Tip string }

type htmlSentence struct{ Text, Doc string }

type htmlDoc struct{ Sim, ID, Title string }

func htmlPageOf(r *report.Report, opt Options) (*htmlPage, error) {
	title := "Topics"
	if r.Corpus != "" {
		title += " in " + r.Corpus
	}
	how := fmt.Sprintf("k = %d", r.K)
	if r.KRequested == 0 {
		how += " (chosen)"
	}
	p := &htmlPage{
		Title: title,
		Meta: fmt.Sprintf("%d documents · %d terms · %d LSA dimensions (%.0f%% of variance) · %s · seed %d",
			r.Documents, r.Terms, r.Dims, 100*r.ExplainedVariance, how, r.Seed),
		Warnings: r.Warnings,
		Footer:   fmt.Sprintf("Written by topics (report schema version %d).", r.SchemaVersion),
	}
	doc := func(i int) htmlDoc {
		a := r.Assignments[i]
		return htmlDoc{Sim: fmt.Sprintf("%.2f", a.Similarity), ID: a.ID, Title: a.Title}
	}
	for _, c := range r.Clusters {
		col := clusterColor(c.ID)
		card := htmlCard{
			ID:       c.ID,
			Color:    template.CSS(fmt.Sprintf("#%02x%02x%02x", col.R, col.G, col.B)),
			Head:     fmt.Sprintf("%d document%s · cohesion %.2f", c.Size, textfmt.Plural(c.Size), c.Cohesion),
			Label:    c.Theme,
			Nearest:  nearestText(c.Nearest),
			AllCount: len(c.Members),
		}
		if card.Label == "" {
			card.Label = fmt.Sprintf("Cluster %d", c.ID)
		}
		for _, ph := range c.KeyPhrases {
			card.Phrases = append(card.Phrases, htmlPhrase{
				Text: ph.Phrase,
				Tip: fmt.Sprintf("c-TF-IDF %.4f · %d× in %d document%s",
					ph.Weight, ph.Count, ph.Documents, textfmt.Plural(ph.Documents)),
			})
		}
		terms := make([]string, len(c.TopTerms))
		for k, t := range c.TopTerms {
			terms[k] = t.Term
		}
		card.Terms = strings.Join(terms, ", ")
		for _, s := range c.Summary {
			card.Summary = append(card.Summary, htmlSentence{Text: s.Text, Doc: r.Assignments[s.Document].ID})
		}
		for _, i := range c.Representatives {
			card.Reps = append(card.Reps, doc(i))
		}
		shown := c.Members
		if opt.Members > 0 && len(shown) > opt.Members {
			shown = shown[:opt.Members]
		}
		for _, i := range shown {
			card.Members = append(card.Members, doc(i))
		}
		card.More = len(c.Members) - len(shown)
		p.Cards = append(p.Cards, card)
	}
	for i, a := range r.Assignments {
		if a.Cluster < 0 {
			p.Unclustered = append(p.Unclustered, doc(i))
		}
	}
	v := r.Views
	mapSVG, err := inlineSVG(7*vg.Inch, 5.4*vg.Inch, func(c draw.Canvas) { drawMap(c, r) })
	if err != nil {
		return nil, fmt.Errorf("html: drawing the map: %w", err)
	}
	heatSVG, err := inlineSVG(500, 430, func(c draw.Canvas) { drawHeatmap(c, r) })
	if err != nil {
		return nil, fmt.Errorf("html: drawing the heat map: %w", err)
	}
	// The SVG comes from gonum/plot, which escapes the text it draws.
	p.MapSVG, p.HeatSVG = template.HTML(mapSVG), template.HTML(heatSVG)
	p.MapCaption = fmt.Sprintf("Each point is a document, coloured by cluster, placed by the first two principal "+
		"components of its LSA vector (%.0f%% and %.0f%% of their variance); the numbers mark each cluster's mean.",
		100*v.MapVariance[0], 100*v.MapVariance[1])
	if len(p.Unclustered) > 0 {
		p.MapCaption += " Grey crosses at the origin are documents with no terms."
	}
	p.HeatCaption = fmt.Sprintf("Cosine similarity of the LSA vectors of every pair of the %d clustered document%s, "+
		"ordered by cluster and, within a cluster, from the closest to its centroid; white lines separate the clusters.",
		len(v.Heatmap), textfmt.Plural(len(v.Heatmap)))
	if len(v.Heatmap) < v.HeatmapOf {
		p.HeatCaption = fmt.Sprintf("Cosine similarity of the LSA vectors of %d of the %d clustered documents: "+
			"the heat map is capped at %d, so it shows an even sample of each cluster, in proportion to its size. "+
			"Documents are ordered by cluster and, within a cluster, from the closest to its centroid; "+
			"white lines separate the clusters.", len(v.Heatmap), v.HeatmapOf, len(v.Heatmap))
	}
	return p, nil
}

// htmlTemplate is the page of WriteHTML.
const htmlTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root { color-scheme: light; --ink: #1d2330; --muted: #5c6475; --line: #dde1e8; --bg: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", sans-serif; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 12px; }
.meta { color: var(--muted); margin: 0; }
.warning { background: #fff4d6; border: 1px solid #f0d48a; border-radius: 6px; padding: 6px 10px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 16px; }
.card { background: #fff; border: 1px solid var(--line); border-top: 5px solid var(--c); border-radius: 8px;
  padding: 14px 16px; }
.card-head { display: flex; align-items: baseline; gap: 8px; color: var(--muted); font-size: 13px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; background: var(--c); align-self: center; }
.cid { font-weight: 600; color: var(--ink); }
.card h3 { font-size: 18px; margin: 6px 0 10px; line-height: 1.3; }
.phrases { list-style: none; padding: 0; margin: 0 0 10px; display: flex; flex-wrap: wrap; gap: 6px; }
.phrases li { background: #eef1f6; border-radius: 12px; padding: 1px 9px; font-size: 13px; }
.phrases li:first-child, .phrases li:nth-child(2), .phrases li:nth-child(3) { background: var(--c); color: #fff; }
.terms, .near { font-size: 13px; color: var(--muted); margin: 6px 0; }
h4 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 12px 0 6px; }
blockquote { margin: 0 0 8px; padding: 2px 0 2px 10px; border-left: 3px solid var(--c); font-size: 14px; }
cite { display: block; font-style: normal; font-size: 12px; color: var(--muted); }
ol.docs { margin: 0; padding-left: 0; list-style: none; font-size: 13.5px; }
ol.docs li { display: grid; grid-template-columns: 38px 1fr; gap: 4px; padding: 2px 0; border-bottom: 1px dotted var(--line); }
.sim { color: var(--muted); font-variant-numeric: tabular-nums; }
.id { display: block; font-size: 11.5px; color: var(--muted); overflow-wrap: anywhere; }
details { margin-top: 8px; font-size: 13px; }
summary { cursor: pointer; color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
figure h2 { margin-top: 0; }
figure svg { width: 100%; height: auto; display: block; }
figure svg text { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif !important; }
figcaption { font-size: 13px; color: var(--muted); }
footer { color: var(--muted); font-size: 12px; padding: 24px; }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="meta">{{.Meta}}</p>
{{range .Warnings}}<p class="warning">Warning: {{.}}</p>
{{end}}</header>
<main>
<h2>Themes</h2>
<div class="cards">
{{range .Cards}}<article class="card" id="cluster-{{.ID}}" style="--c: {{.Color}}">
<div class="card-head"><span class="swatch"></span><span class="cid">Cluster {{.ID}}</span><span>{{.Head}}</span></div>
<h3>{{.Label}}</h3>
{{if .Phrases}}<ul class="phrases">{{range .Phrases}}<li title="{{.Tip}}">{{.Text}}</li>{{end}}</ul>
{{end}}<p class="terms"><b>Top terms:</b> {{.Terms}}</p>
{{if .Summary}}<h4>Summary</h4>
{{range .Summary}}<blockquote>{{.Text}}<cite>{{.Doc}}</cite></blockquote>
{{end}}{{end}}{{if .Reps}}<h4>Representative documents</h4>
<ol class="docs">{{range .Reps}}<li><span class="sim">{{.Sim}}</span><span>{{.Title}}<span class="id">{{.ID}}</span></span></li>{{end}}</ol>
{{end}}{{if .Nearest}}<p class="near"><b>Nearest clusters:</b> {{.Nearest}}</p>
{{end}}<details><summary>All {{.AllCount}} members</summary>
<ol class="docs">{{range .Members}}<li><span class="sim">{{.Sim}}</span><span>{{.Title}}<span class="id">{{.ID}}</span></span></li>{{end}}</ol>
{{if .More}}<p>… and {{.More}} more.</p>{{end}}
</details>
</article>
{{end}}</div>
{{if .Unclustered}}<h2>Unclustered</h2>
<p>Documents with no terms in the vocabulary:</p>
<ol class="docs">{{range .Unclustered}}<li><span class="sim">–</span><span>{{.Title}}<span class="id">{{.ID}}</span></span></li>{{end}}</ol>
{{end}}<div class="figures">
<figure>
<h2>Map of the documents</h2>
{{.MapSVG}}
<figcaption>{{.MapCaption}}</figcaption>
</figure>
<figure>
<h2>Similarity</h2>
{{.HeatSVG}}
<figcaption>{{.HeatCaption}}</figcaption>
</figure>
</div>
</main>
<footer>{{.Footer}}</footer>
</body>
</html>
`

// nearestText lists nearby clusters as "1 (0.44), 3 (0.20)".
func nearestText(ns []report.Nearby) string {
	s := make([]string, len(ns))
	for k, nb := range ns {
		s[k] = fmt.Sprintf("%d (%.2f)", nb.Cluster, nb.Similarity)
	}
	return strings.Join(s, ", ")
}
