package html

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/topics-dev/topics/report"
)

// mapSample returns at most limit documents to draw on the map, in input
// order: all clustered ones when they fit, otherwise from each cluster a
// share of limit in proportion to its size (at least one), spread evenly
// over its members from the closest to the centroid to the farthest.
func mapSample(r *report.Report, limit int) []int {
	total := 0
	for _, c := range r.Clusters {
		total += len(c.Members)
	}
	var out []int
	for _, c := range r.Clusters {
		q := len(c.Members)
		if total > limit {
			q = max(1, len(c.Members)*limit/total)
		}
		for j := range q {
			out = append(out, c.Members[(2*j+1)*len(c.Members)/(2*q)])
		}
	}
	slices.Sort(out)
	return out
}

// mapFrame maps the map's coordinates to the canvas: the same scale on both
// axes, the points centred in the box.
type mapFrame struct {
	scale, cx, cy float64 // points per unit, centre of the data
	mid           vg.Point
}

func (f mapFrame) at(p report.Point) vg.Point {
	return vg.Point{X: f.mid.X + vg.Length((p.X-f.cx)*f.scale), Y: f.mid.Y + vg.Length((p.Y-f.cy)*f.scale)}
}

// newMapFrame fits the points into the box with a margin.
func newMapFrame(pts []report.Point, area vg.Rectangle, margin vg.Length) mapFrame {
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		x0, x1, y0, y1 = math.Min(x0, p.X), math.Max(x1, p.X), math.Min(y0, p.Y), math.Max(y1, p.Y)
	}
	if len(pts) == 0 {
		x0, x1, y0, y1 = -1, 1, -1, 1
	}
	w, h := float64(area.Max.X-area.Min.X-2*margin), float64(area.Max.Y-area.Min.Y-2*margin)
	scale := math.Min(w/math.Max(x1-x0, 1e-9), h/math.Max(y1-y0, 1e-9))
	return mapFrame{scale: scale, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2,
		mid: vg.Point{X: (area.Min.X + area.Max.X) / 2, Y: (area.Min.Y + area.Max.Y) / 2}}
}

// drawMap draws the documents of sample (indices into r.Assignments) on
// the first two principal components of their LSA vectors (r.Views.Map),
// coloured and shaped by cluster, each with its title on hover; then each
// cluster's mean as a ring, labelled with its number and first key phrase
// where that fits without overlapping another label (else the number
// alone), linked to the cluster's card.
func drawMap(c draw.Canvas, m marker, r *report.Report, sample []int) {
	v := r.Views
	area := vg.Rectangle{Min: vg.Point{X: c.Min.X + 1, Y: c.Min.Y + 1}, Max: vg.Point{X: c.Max.X - 1, Y: c.Max.Y - 1}}
	c.SetLineStyle(draw.LineStyle{Color: lineColor, Width: 1})
	c.Stroke(rect(area.Min.X, area.Min.Y, area.Max.X, area.Max.Y))
	means := clusterMeans(r)
	pts := make([]report.Point, 0, len(sample)+len(means))
	for _, i := range sample {
		pts = append(pts, v.Map[i])
	}
	pts = append(pts, means...)
	f := newMapFrame(pts, area, 14)
	radius := vg.Length(4.5)
	switch n := len(sample); {
	case n > 100:
		radius = 3.2
	case n > 1000:
		radius = 1.8
	case n > 300:
		radius = 2.4
	}
	for _, i := range sample {
		a := r.Assignments[i]
		rgb := clusterColor(a.Cluster)
		sty := draw.GlyphStyle{Color: color.NRGBA{rgb.R, rgb.G, rgb.B, 0xb0}, Radius: radius, Shape: clusterGlyph(a.Cluster)}
		title := a.Title
		if title == "" {
			title = a.ID
		}
		m.titled(fmt.Sprintf("%s · cluster %d", title, a.Cluster), func() { c.DrawGlyph(sty, f.at(v.Map[i])) })
	}
	drawMapLabels(c, m, r, means, f, area)
}

// clusterMeans returns the mean map position of each cluster's members.
func clusterMeans(r *report.Report) []report.Point {
	out := make([]report.Point, len(r.Clusters))
	for k, cl := range r.Clusters {
		for _, i := range cl.Members {
			out[k].X += r.Views.Map[i].X
			out[k].Y += r.Views.Map[i].Y
		}
		if n := float64(len(cl.Members)); n > 0 {
			out[k].X /= n
			out[k].Y /= n
		}
	}
	return out
}

// firstPhrase returns the first phrase of a cluster's theme.
func firstPhrase(cl report.Cluster) string {
	if len(cl.KeyPhrases) > 0 {
		return cl.KeyPhrases[0].Phrase
	}
	first, _, _ := strings.Cut(cl.Theme, " · ")
	return first
}

// drawMapLabels rings each cluster's mean and labels it (see drawMap),
// larger clusters first; a label set away from its ring gets a leader
// line.
func drawMapLabels(c draw.Canvas, m marker, r *report.Report, means []report.Point, f mapFrame, area vg.Rectangle) {
	bold := textStyle(11, inkColor)
	bold.Font.Weight = xfont.WeightBold
	plain := textStyle(11, inkColor)
	const pad, gap = 2.5, 3
	type text struct{ num, rest string }
	texts := make([][]text, len(r.Clusters))
	labels := make([]label, len(r.Clusters))
	for k, cl := range r.Clusters {
		num := strconv.Itoa(cl.ID)
		texts[k] = []text{{num, clip(plain, firstPhrase(cl), 100)}, {num, ""}}
		if texts[k][0].rest == "" {
			texts[k] = texts[k][1:]
		}
		at := f.at(means[k])
		labels[k] = label{x: float64(at.X), y: float64(at.Y)}
		for _, t := range texts[k] {
			w := bold.Width(t.num) + 2*pad
			if t.rest != "" {
				w += gap + plain.Width(t.rest)
			}
			labels[k].w = append(labels[k].w, float64(w))
			labels[k].h = append(labels[k].h, float64(bold.Height(t.num)+2*pad))
		}
	}
	// Larger clusters are placed first (ids are by size already).
	order := make([]int, len(labels))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(r.Clusters[b].Size, r.Clusters[a].Size) })
	sorted := make([]label, len(order))
	for j, k := range order {
		sorted[j] = labels[k]
	}
	bounds := box{float64(area.Min.X) + 2, float64(area.Min.Y) + 2, float64(area.Max.X) - 2, float64(area.Max.Y) - 2}
	places := placeLabels(sorted, bounds, 8)
	ring := draw.GlyphStyle{Color: inkColor, Radius: 3.5, Shape: draw.RingGlyph{}}
	for j, k := range order {
		cl, pl, at := r.Clusters[k], places[j], vg.Point{X: vg.Length(labels[k].x), Y: vg.Length(labels[k].y)}
		t := texts[k][pl.alt]
		b := pl.box
		m.linked(cardID(cl.ID), fmt.Sprintf("Cluster %d: %s · %d documents", cl.ID, cl.Theme, cl.Size), func() {
			if !b.contains(labels[k].x, labels[k].y) {
				cx, cy := math.Max(b.x0, math.Min(labels[k].x, b.x1)), math.Max(b.y0, math.Min(labels[k].y, b.y1))
				c.StrokeLine2(draw.LineStyle{Color: mutedColor, Width: 0.8}, at.X, at.Y, vg.Length(cx), vg.Length(cy))
			}
			c.DrawGlyph(ring, at)
			rgb := clusterColor(cl.ID)
			c.SetColor(color.NRGBA{0xff, 0xff, 0xff, 0xe6})
			c.Fill(rect(vg.Length(b.x0), vg.Length(b.y0), vg.Length(b.x1), vg.Length(b.y1)))
			c.SetLineStyle(draw.LineStyle{Color: rgb, Width: 1.2})
			c.Stroke(rect(vg.Length(b.x0), vg.Length(b.y0), vg.Length(b.x1), vg.Length(b.y1)))
			y := vg.Length(b.y0+b.y1) / 2
			c.FillText(bold, vg.Point{X: vg.Length(b.x0) + pad, Y: y}, t.num)
			if t.rest != "" {
				c.FillText(plain, vg.Point{X: vg.Length(b.x0) + pad + gap + bold.Width(t.num), Y: y}, t.rest)
			}
		})
	}
}

// cardID is the id of cluster c's card in the page.
func cardID(c int) string { return "cluster-" + strconv.Itoa(c) }
