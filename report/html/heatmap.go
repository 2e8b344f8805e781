package html

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/topics-dev/topics/internal/textfmt"
	"github.com/topics-dev/topics/report"
)

// HeatmapOptions sets how WriteHeatmap draws the similarity heat map.
type HeatmapOptions struct {
	// Format is "svg" or "png"; "" means "svg".
	Format string
	// Width and Height are the size of the picture in points (1/72 inch);
	// zero means 500 × 430.
	Width, Height float64
}

// WriteHeatmap writes the similarity heat map of a report alone, as SVG or
// PNG: the cosine similarity of the LSA vectors of every pair of documents
// (at most Options.HeatmapDocs of report.Build, sampled evenly within each
// cluster), ordered by cluster, with lines between clusters and a colour
// scale of eight steps. The SVG draws every cell as a vector rectangle
// (runs of equal colour merged); each block of two clusters tells its mean
// similarity on hover.
func WriteHeatmap(w io.Writer, r *report.Report, opt HeatmapOptions) error {
	if r.Views == nil {
		return fmt.Errorf("html: the report has no views to draw (make it with Build)")
	}
	if opt.Width == 0 {
		opt.Width = 500
	}
	if opt.Height == 0 {
		opt.Height = 430
	}
	if opt.Width < 100 || opt.Height < 100 {
		return fmt.Errorf("html: heat map of %g × %g points: want at least 100 × 100", opt.Width, opt.Height)
	}
	width, height := vg.Length(opt.Width), vg.Length(opt.Height)
	paint := func(c draw.Canvas, m marker) {
		c.SetColor(white)
		c.Fill(rect(c.Min.X, c.Min.Y, c.Max.X, c.Max.Y))
		drawHeatmap(c, m, r, true)
	}
	switch opt.Format {
	case "", "svg":
		p := newPicture(width, height)
		paint(p.c, p)
		b, err := p.Bytes()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case "png":
		return writePNG(w, width, height, func(c draw.Canvas) { paint(c, plainMarks{}) })
	default:
		return fmt.Errorf("html: heat map format %q: want svg or png", opt.Format)
	}
}

// marker gives groups of shapes a tooltip or a link: a *picture does in
// SVG; plainMarks, for pictures that cannot (PNG), just draws them.
type marker interface {
	titled(title string, fn func())
	linked(id, title string, fn func())
}

// plainMarks draws groups without marks.
type plainMarks struct{}

func (plainMarks) titled(_ string, fn func())    { fn() }
func (plainMarks) linked(_, _ string, fn func()) { fn() }

// cellRun is a rectangle of heat map cells of one colour step: rows a0 to
// a1 and columns b0 to b1 (half-open).
type cellRun struct{ a0, a1, b0, b1, level int }

// heatRuns covers the n × n cells of sim (row-major) with rectangles of
// equal colour step: runs along each row, merged with the same run of the
// row above. They come in the order of their first row, then column.
func heatRuns(sim []float64, n int) []cellRun {
	var runs []cellRun
	open := map[[3]int]int{} // (b0, b1, level) of the row above → index in runs
	for a := range n {
		next := map[[3]int]int{}
		for b := 0; b < n; {
			l := heatLevel(sim[a*n+b])
			e := b + 1
			for e < n && heatLevel(sim[a*n+e]) == l {
				e++
			}
			key := [3]int{b, e, l}
			if i, ok := open[key]; ok {
				runs[i].a1 = a + 1
				next[key] = i
			} else {
				next[key] = len(runs)
				runs = append(runs, cellRun{a0: a, a1: a + 1, b0: b, b1: e, level: l})
			}
			b = e
		}
		open = next
	}
	return runs
}

// clusterBlocks returns, for the documents of the heat map, where each
// cluster's block starts and ends (half-open ranges of positions), in
// cluster order.
func clusterBlocks(r *report.Report, docs []int) (ids []int, from, to []int) {
	for k, i := range docs {
		c := r.Assignments[i].Cluster
		if len(ids) == 0 || ids[len(ids)-1] != c {
			ids, from, to = append(ids, c), append(from, k), append(to, k)
		}
		to[len(to)-1] = k + 1
	}
	return ids, from, to
}

// Margins of the heat map, in points: room for the cluster numbers at the
// left and bottom, for the colour scale at the right, and for the title.
const heatLeft, heatBottom, heatScale, heatTitle = 24, 20, 58, 22

// heatmapHeight is the height that fits a heat map of the given width.
func heatmapHeight(width vg.Length, title bool) vg.Length {
	h := width - heatLeft - heatScale + heatBottom + 4
	if title {
		h += heatTitle
	}
	return h
}

// drawHeatmap draws the heat map on c: the matrix, cluster numbers along
// two sides, white lines between clusters, and the colour scale at the
// right; with title, a line above says what it shows.
func drawHeatmap(c draw.Canvas, m marker, r *report.Report, title bool) {
	v := r.Views
	n := len(v.Heatmap)
	small := textStyle(10, mutedColor)
	top := c.Max.Y - 4
	if title {
		t := fmt.Sprintf("Cosine similarity of %d document%s, ordered by cluster", n, textfmt.Plural(n))
		if n < v.HeatmapOf {
			t = fmt.Sprintf("Cosine similarity of %d of %d documents (sampled), by cluster", n, v.HeatmapOf)
		}
		sty := textStyle(12, inkColor)
		c.FillText(sty, vg.Point{X: c.Min.X + 4, Y: top - 7}, clip(sty, t, c.Max.X-c.Min.X-8))
		top -= heatTitle
	}
	if n == 0 {
		c.FillText(small, vg.Point{X: c.Min.X + 4, Y: top - 10}, "no documents to show")
		return
	}
	side := min(c.Max.X-c.Min.X-heatLeft-heatScale, top-c.Min.Y-heatBottom)
	x0, y1 := c.Min.X+heatLeft, top
	cell := side / vg.Length(n)

	// One path per colour step, each a set of rectangles, drawn in units
	// of a cell from the top left corner down, so that their coordinates
	// are small integers.
	paths := make([]vg.Path, heatLevels)
	for _, run := range heatRuns(v.HeatmapSim, n) {
		paths[run.level] = append(paths[run.level], rect(vg.Length(run.b0), vg.Length(run.a0), vg.Length(run.b1), vg.Length(run.a1))...)
	}
	c.Push()
	c.Translate(vg.Point{X: x0, Y: y1})
	c.Scale(float64(cell), -float64(cell))
	for l, p := range paths {
		if len(p) > 0 {
			c.SetColor(levelColor(l))
			c.Fill(p)
		}
	}
	c.Pop()
	drawHeatBlocks(c, m, r, x0, y1, cell, small)
	drawHeatScale(c, vg.Point{X: x0 + side + 14, Y: y1}, side)
}

// drawHeatBlocks draws the lines between clusters, their numbers, and an
// invisible rectangle per pair of clusters that tells on hover their mean
// similarity.
func drawHeatBlocks(c draw.Canvas, m marker, r *report.Report, x0, y1, cell vg.Length, sty draw.TextStyle) {
	v := r.Views
	n := len(v.Heatmap)
	side := cell * vg.Length(n)
	ids, from, to := clusterBlocks(r, v.Heatmap)
	line := draw.LineStyle{Color: white, Width: 1}
	num := sty
	num.XAlign = draw.XCenter
	right := sty
	right.XAlign = draw.XRight
	// Numbers where they fit: each at its block's middle, unless it would
	// touch the one before.
	freeX, freeY := vg.Length(math.Inf(-1)), vg.Length(math.Inf(-1))
	for k, id := range ids {
		lo, hi := vg.Length(from[k])*cell, vg.Length(to[k])*cell
		if k > 0 {
			c.StrokeLine2(line, x0+lo, y1, x0+lo, y1-side)
			c.StrokeLine2(line, x0, y1-lo, x0+side, y1-lo)
		}
		label, mid := strconv.Itoa(id), (lo+hi)/2
		if w := num.Width(label); mid-w/2 >= freeX {
			c.FillText(num, vg.Point{X: x0 + mid, Y: y1 - side - 9}, label)
			freeX = mid + w/2 + 3
		}
		if h := num.Height(label); mid-h/2 >= freeY {
			c.FillText(right, vg.Point{X: x0 - 4, Y: y1 - mid}, label)
			freeY = mid + h/2 + 1
		}
	}
	clear := color.RGBA{}
	for a, ia := range ids {
		for b, ib := range ids {
			title := blockTitle(v, ia, ib, from[a], to[a], from[b], to[b])
			m.titled(title, func() {
				c.SetColor(clear)
				c.Fill(rect(x0+vg.Length(from[b])*cell, y1-vg.Length(to[a])*cell, x0+vg.Length(to[b])*cell, y1-vg.Length(from[a])*cell))
			})
		}
	}
}

// blockTitle says what the block of clusters a and b of the heat map
// holds: the mean similarity of its documents (pairs of distinct
// documents within a cluster).
func blockTitle(v *report.Views, a, b, a0, a1, b0, b1 int) string {
	n := len(v.Heatmap)
	var sum float64
	var pairs int
	for i := a0; i < a1; i++ {
		for j := b0; j < b1; j++ {
			if i != j {
				sum += v.HeatmapSim[i*n+j]
				pairs++
			}
		}
	}
	mean := "–"
	if pairs > 0 {
		mean = fmt.Sprintf("%.2f", sum/float64(pairs))
	}
	if a == b {
		return fmt.Sprintf("Cluster %d: mean cosine %s between its %d documents shown", a, mean, a1-a0)
	}
	return fmt.Sprintf("Clusters %d and %d: mean cosine %s (%d × %d documents shown)", a, b, mean, a1-a0, b1-b0)
}

// drawHeatScale draws the colour scale, its top at top, side high, its
// left edge at x.
func drawHeatScale(c draw.Canvas, at vg.Point, side vg.Length) {
	const w = 12
	step := side / heatLevels
	for l := range heatLevels {
		y := at.Y - side + vg.Length(l)*step
		c.SetColor(levelColor(l))
		c.Fill(rect(at.X, y, at.X+w, y+step))
	}
	sty := textStyle(9, mutedColor)
	for _, t := range []struct {
		v     float64
		label string
	}{{1, "1"}, {0.75, "0.75"}, {0.5, "0.5"}, {0.25, "0.25"}, {0, "≤ 0"}} {
		y := at.Y - side + vg.Length(t.v)*side
		c.FillText(sty, vg.Point{X: at.X + w + 3, Y: y}, t.label)
	}
	title := sty
	title.XAlign = draw.XCenter
	c.FillText(title, vg.Point{X: at.X + w/2, Y: at.Y - side - 15}, "cosine")
}
