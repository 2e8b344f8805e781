package html

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/topics-dev/topics/internal/textfmt"
	"github.com/topics-dev/topics/report"
)

// Layout of the timeline chart, in points.
const (
	tlRow    = 16  // height of a cluster's row
	tlBars   = 56  // height of the bars of all documents
	tlAxis   = 22  // room for the period labels
	tlLabels = 250 // width of the cluster labels
	tlTotal  = 46  // width of the row totals
)

// timelineHeight is the height of the timeline chart of k clusters.
func timelineHeight(k int) vg.Length { return tlBars + 8 + vg.Length(k)*tlRow + tlAxis }

// timelineColor maps a share of a cluster's busiest period, in (0, 1], to
// a blue of growing depth.
func timelineColor(v float64) color.RGBA {
	lo, hi := [3]float64{222, 235, 247}, [3]float64{8, 48, 107}
	v = math.Sqrt(max(0, min(1, v))) // spreads the small counts
	var c [3]uint8
	for k := range c {
		c[k] = uint8(math.Round(lo[k] + v*(hi[k]-lo[k])))
	}
	return color.RGBA{c[0], c[1], c[2], 0xff}
}

// drawTimeline draws the timeline of r: on top, bars of the dated
// documents of all clusters per period; below, a row per cluster whose
// cells are shaded by the cluster's documents in each period, as a share of
// its busiest period (so that each row shows when its topic peaked); the
// row's total at its right. Every cell and bar tells its count on hover.
func drawTimeline(c draw.Canvas, m marker, r *report.Report) {
	tl := r.Timeline
	k, n := len(tl.Counts), len(tl.Starts)
	x0 := c.Min.X + tlLabels
	cell := (c.Max.X - tlTotal - x0) / vg.Length(n)
	top := c.Max.Y - 2
	starts := make([]time.Time, n)
	for p, s := range tl.Starts {
		starts[p], _ = time.Parse(time.RFC3339, s) // Build wrote them
	}
	drawTimelineBars(c, m, r, starts, x0, cell, top)
	rowsTop := top - tlBars - 8
	num := textStyle(10, inkColor)
	num.Font.Weight = xfont.WeightBold
	num.XAlign = draw.XRight
	name := textStyle(10, inkColor)
	total := textStyle(10, mutedColor)
	total.XAlign = draw.XRight
	empty := color.RGBA{0xf3, 0xf4, 0xf6, 0xff}
	for ci, counts := range tl.Counts {
		y1 := rowsTop - vg.Length(ci)*tlRow
		mid := y1 - tlRow/2
		busiest, sum := 0, 0
		for _, v := range counts {
			busiest, sum = max(busiest, v), sum+v
		}
		cl := r.Clusters[ci]
		m.linked(cardID(ci), fmt.Sprintf("Cluster %d: %s", ci, cl.Theme), func() {
			c.DrawGlyph(draw.GlyphStyle{Color: clusterColor(ci), Radius: 3.5, Shape: clusterGlyph(ci)}, vg.Point{X: c.Min.X + 6, Y: mid})
			c.FillText(num, vg.Point{X: c.Min.X + 30, Y: mid}, strconv.Itoa(ci))
			c.FillText(name, vg.Point{X: c.Min.X + 35, Y: mid}, clip(name, clusterName(cl), tlLabels-45))
		})
		c.FillText(total, vg.Point{X: c.Max.X - 2, Y: mid}, strconv.Itoa(sum))
		for p, v := range counts {
			col := empty
			if v > 0 {
				col = timelineColor(float64(v) / float64(busiest))
			}
			x := x0 + vg.Length(p)*cell
			title := fmt.Sprintf("Cluster %d, %s: %d document%s", ci, periodName(tl.Period, starts[p]), v, textfmt.Plural(v))
			m.titled(title, func() {
				c.SetColor(col)
				c.Fill(rect(x+0.5, y1-tlRow+1, x+cell-0.5, y1-1))
			})
		}
	}
	drawTimelineAxis(c, tl.Period, starts, x0, cell, rowsTop-vg.Length(k)*tlRow-4)
}

// drawTimelineBars draws the bars of all dated documents per period, with
// the largest count written at the top left.
func drawTimelineBars(c draw.Canvas, m marker, r *report.Report, starts []time.Time, x0, cell, top vg.Length) {
	tl := r.Timeline
	sums := make([]int, len(starts))
	most := 1
	for p := range starts {
		for _, counts := range tl.Counts {
			sums[p] += counts[p]
		}
		if tl.Unclustered != nil {
			sums[p] += tl.Unclustered[p]
		}
		most = max(most, sums[p])
	}
	sty := textStyle(10, mutedColor)
	sty.YAlign = draw.YTop
	c.FillText(sty, vg.Point{X: c.Min.X + 6, Y: top}, fmt.Sprintf("All dated documents (%d)", tl.Dated))
	right := sty
	right.XAlign = draw.XRight
	c.FillText(right, vg.Point{X: x0 - 6, Y: top - 14}, fmt.Sprintf("busiest %s: %d", tl.Period, most))
	c.SetLineStyle(draw.LineStyle{Color: lineColor, Width: 1})
	c.StrokeLine2(draw.LineStyle{Color: lineColor, Width: 1}, x0, top-tlBars, x0+cell*vg.Length(len(starts)), top-tlBars)
	grey := color.RGBA{0x8a, 0x93, 0xa6, 0xff}
	for p, s := range sums {
		h := tlBars * vg.Length(s) / vg.Length(most)
		x := x0 + vg.Length(p)*cell
		title := fmt.Sprintf("%s: %d document%s", periodName(tl.Period, starts[p]), s, textfmt.Plural(s))
		m.titled(title, func() {
			c.SetColor(grey)
			c.Fill(rect(x+0.5, top-tlBars, x+cell-0.5, top-tlBars+h))
		})
	}
}

// drawTimelineAxis writes the periods' names under the chart, as many as
// fit without overlapping, evenly spaced.
func drawTimelineAxis(c draw.Canvas, period string, starts []time.Time, x0, cell, y vg.Length) {
	sty := textStyle(9, mutedColor)
	sty.XAlign = draw.XCenter
	sty.YAlign = draw.YTop
	widest := vg.Length(0)
	for _, s := range starts {
		widest = max(widest, sty.Width(periodTick(period, s)))
	}
	every := max(1, int(math.Ceil(float64((widest+8)/cell))))
	for p := 0; p < len(starts); p += every {
		x := x0 + (vg.Length(p)+0.5)*cell
		c.StrokeLine2(draw.LineStyle{Color: mutedColor, Width: 0.6}, x, y, x, y-3)
		c.FillText(sty, vg.Point{X: x, Y: y - 4}, periodTick(period, starts[p]))
	}
}

// periodTick is the short name of the period starting at s, under the
// chart.
func periodTick(period string, s time.Time) string {
	switch period {
	case "hour":
		if s.Hour() == 0 {
			return s.Format("Jan 2")
		}
		return s.Format("15:04")
	case "day", "week":
		return s.Format("Jan 2")
	case "month":
		if s.Month() == time.January {
			return s.Format("Jan 2006")
		}
		return s.Format("Jan")
	}
	return s.Format("2006")
}

// periodName is the name of the period starting at s, in tooltips.
func periodName(period string, s time.Time) string {
	switch period {
	case "hour":
		return s.Format("2 Jan 2006 15:04") + "–" + s.Add(time.Hour).Format("15:04")
	case "day":
		return s.Format("Mon 2 Jan 2006")
	case "week":
		return "week of " + s.Format("Mon 2 Jan 2006")
	case "month":
		return s.Format("January 2006")
	}
	return s.Format("2006")
}
