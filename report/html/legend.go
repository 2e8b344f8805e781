package html

import (
	"fmt"
	"image/color"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/topics-dev/topics/internal/textfmt"
	"github.com/topics-dev/topics/report"
)

// legendRow is the height of a row of the cluster legend, in points.
func legendRow(k int) vg.Length {
	switch {
	case k <= 12:
		return 26
	case k <= 24:
		return 20
	}
	return 17
}

// legendHeight is the height of the cluster legend of k clusters.
func legendHeight(k int) vg.Length { return legendRow(k)*vg.Length(k) + 4 }

// drawLegend draws the clusters as the legend of the other pictures and a
// chart of their sizes: a row per cluster with its mark as on the map,
// its number and theme, and its number of documents, over a bar as long as
// its share of the largest cluster's size. Each row links to the
// cluster's card.
func drawLegend(c draw.Canvas, m marker, r *report.Report) {
	k := len(r.Clusters)
	if k == 0 {
		return
	}
	row := legendRow(k)
	largest := r.Clusters[0].Size
	for _, cl := range r.Clusters {
		largest = max(largest, cl.Size)
	}
	total := 0
	for _, a := range r.Assignments {
		if a.Cluster >= 0 {
			total++
		}
	}
	size := vg.Length(11)
	if row < 20 {
		size = 10
	}
	num := textStyle(size, inkColor)
	num.Font.Weight = xfont.WeightBold
	num.XAlign = draw.XRight
	theme := textStyle(size, inkColor)
	count := textStyle(size, mutedColor)
	count.XAlign = draw.XRight
	width := c.Max.X - c.Min.X
	numW := num.Width(strconv.Itoa(k-1)) + 2
	for j, cl := range r.Clusters {
		top := c.Max.Y - 2 - vg.Length(j)*row
		mid := top - row/2
		rgb := clusterColor(cl.ID)
		share := fmt.Sprintf("%d · %.0f%%", cl.Size, 100*float64(cl.Size)/float64(max(total, 1)))
		title := fmt.Sprintf("Cluster %d: %s · %d document%s", cl.ID, cl.Theme, cl.Size, textfmt.Plural(cl.Size))
		m.linked(cardID(cl.ID), title, func() {
			bar := (width - 2) * vg.Length(cl.Size) / vg.Length(largest)
			c.SetColor(color.NRGBA{rgb.R, rgb.G, rgb.B, 0x38})
			c.Fill(rect(c.Min.X, top-row+2, c.Min.X+bar, top-1))
			c.DrawGlyph(draw.GlyphStyle{Color: rgb, Radius: 4.5, Shape: clusterGlyph(cl.ID)}, vg.Point{X: c.Min.X + 10, Y: mid})
			c.FillText(num, vg.Point{X: c.Min.X + 20 + numW, Y: mid}, strconv.Itoa(cl.ID))
			x := c.Min.X + 26 + numW
			right := c.Max.X - 4
			c.FillText(count, vg.Point{X: right, Y: mid}, share)
			c.FillText(theme, vg.Point{X: x, Y: mid}, clip(theme, clusterName(cl), right-count.Width(share)-10-x))
		})
	}
}

// clusterName returns a cluster's theme, or "Cluster N" when it has none.
func clusterName(cl report.Cluster) string {
	if cl.Theme != "" {
		return cl.Theme
	}
	return "Cluster " + strconv.Itoa(cl.ID)
}
