package html

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

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
// (at most BuildOptions.HeatmapDocs of them, sampled evenly within each
// cluster), ordered by cluster, with lines between clusters and a colour
// scale.
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
	draw := func(c draw.Canvas) { drawHeatmap(c, r) }
	switch opt.Format {
	case "", "svg":
		return writeSVG(w, vg.Length(opt.Width), vg.Length(opt.Height), draw)
	case "png":
		return writePNG(w, vg.Length(opt.Width), vg.Length(opt.Height), draw)
	default:
		return fmt.Errorf("html: heat map format %q: want svg or png", opt.Format)
	}
}

// writeSVG draws a picture of w × h points as an SVG document. Images are
// stretched to their rectangles (preserveAspectRatio="none"), as in PNG.
func writeSVG(out io.Writer, w, h vg.Length, fn func(draw.Canvas)) error {
	c := vgsvg.New(w, h)
	fn(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return err
	}
	_, err := out.Write(bytes.ReplaceAll(buf.Bytes(), []byte("<image "), []byte(`<image preserveAspectRatio="none" `)))
	return err
}

// writePNG draws a picture of w × h points as a PNG image at 144 dots per
// inch.
func writePNG(out io.Writer, w, h vg.Length, fn func(draw.Canvas)) error {
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(144))
	fn(draw.New(c))
	_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(out)
	return err
}

// inlineSVG returns the SVG picture without its XML prologue, ready to be
// placed in an HTML page.
func inlineSVG(w, h vg.Length, fn func(draw.Canvas)) (string, error) {
	var buf bytes.Buffer
	if err := writeSVG(&buf, w, h, fn); err != nil {
		return "", err
	}
	b := buf.Bytes()
	if i := bytes.Index(b, []byte("<svg")); i >= 0 {
		b = b[i:]
	}
	return string(b), nil
}

// sansFont returns Liberation Sans (built into gonum/plot) at size points.
func sansFont(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// newPlot returns a plot whose text is set in Liberation Sans.
func newPlot() *plot.Plot {
	p := plot.New()
	sans := sansFont
	p.Title.TextStyle.Font = sans(12)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(11)
		a.Tick.Label.Font = sans(10)
	}
	p.Legend.TextStyle.Font = sans(9)
	return p
}

// clusterColor returns the colour of cluster c on the map and the theme
// cards: ten well-separated hues, repeated (with other glyph shapes) for
// more clusters; grey for unclustered documents (c < 0).
func clusterColor(c int) color.RGBA {
	if c < 0 {
		return color.RGBA{0x99, 0x99, 0x99, 0xff}
	}
	hues := [...]uint32{0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x7f7f7f}
	h := hues[c%len(hues)]
	return color.RGBA{uint8(h >> 16), uint8(h >> 8), uint8(h), 0xff}
}

// clusterGlyph returns the glyph shape of cluster c: circles for the first
// ten, then other shapes.
func clusterGlyph(c int) draw.GlyphDrawer {
	switch c / 10 % 4 {
	case 0:
		return draw.CircleGlyph{}
	case 1:
		return draw.SquareGlyph{}
	case 2:
		return draw.TriangleGlyph{}
	default:
		return draw.CrossGlyph{}
	}
}

// heatColor maps a similarity to a colour: a sequential scale from a pale
// yellow (0 or below) through orange and red to a dark purple (1).
func heatColor(v float64) color.RGBA {
	stops := [...][3]float64{
		{255, 255, 229}, {254, 217, 118}, {253, 141, 60}, {227, 26, 28}, {128, 0, 38}, {45, 0, 75},
	}
	v = max(0, min(1, v))
	pos := v * float64(len(stops)-1)
	i := min(int(pos), len(stops)-2)
	f := pos - float64(i)
	var c [3]uint8
	for k := range c {
		c[k] = uint8(math.Round(stops[i][k] + f*(stops[i+1][k]-stops[i][k])))
	}
	return color.RGBA{c[0], c[1], c[2], 0xff}
}

// heatmapImage paints the similarity matrix of n documents, each cell a
// square of pixels so that the picture stays sharp when scaled.
func heatmapImage(sim []float64, n int) *image.RGBA {
	cell := max(1, int(math.Ceil(600/float64(n))))
	img := image.NewRGBA(image.Rect(0, 0, n*cell, n*cell))
	for a := range n {
		for b := range n {
			col := heatColor(sim[a*n+b])
			for y := a * cell; y < (a+1)*cell; y++ {
				for x := b * cell; x < (b+1)*cell; x++ {
					img.SetRGBA(x, y, col)
				}
			}
		}
	}
	return img
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

// drawHeatmap draws the heat map with its colour scale on c.
func drawHeatmap(c draw.Canvas, r *report.Report) {
	const scaleWidth = 70
	main := draw.Crop(c, 0, -scaleWidth, 0, 0)
	scale := draw.Crop(c, c.Max.X-c.Min.X-scaleWidth, 0, 60, -60)
	v := r.Views
	n := len(v.Heatmap)
	p := newPlot()
	if n == 0 {
		p.Title.Text = "no documents to show"
		p.Draw(main)
		return
	}
	nf := float64(n)
	p.Add(plotter.NewImage(heatmapImage(v.HeatmapSim, n), 0, 0, nf, nf))
	ids, from, to := clusterBlocks(r, v.Heatmap)
	var xt, yt []plot.Tick
	for k, id := range ids {
		mid := float64(from[k]+to[k]) / 2
		label := ""
		if float64(to[k]-from[k]) >= nf/40 {
			label = strconv.Itoa(id)
		}
		xt = append(xt, plot.Tick{Value: mid, Label: label})
		yt = append(yt, plot.Tick{Value: nf - mid, Label: label})
		if k == 0 {
			continue
		}
		b := float64(from[k])
		for _, pts := range []plotter.XYs{{{X: b, Y: 0}, {X: b, Y: nf}}, {{X: 0, Y: nf - b}, {X: nf, Y: nf - b}}} {
			l, err := plotter.NewLine(pts)
			if err != nil {
				continue
			}
			l.LineStyle.Color = color.White
			l.LineStyle.Width = vg.Points(1)
			p.Add(l)
		}
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, nf, 0, nf
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	p.X.Label.Text = "cluster"
	p.Y.Label.Text = "cluster"
	p.Title.Text = fmt.Sprintf("Cosine similarity of %d document%s, ordered by cluster", n, textfmt.Plural(n))
	if n < v.HeatmapOf {
		p.Title.Text = fmt.Sprintf("Cosine similarity of %d of %d documents (sampled), by cluster", n, v.HeatmapOf)
	}
	p.Draw(main)

	// The colour scale: a gradient bar with three labels, drawn directly.
	left := scale.Min.X + 14
	bar := vg.Rectangle{
		Min: vg.Point{X: left, Y: scale.Min.Y},
		Max: vg.Point{X: left + 14, Y: scale.Max.Y},
	}
	grad := image.NewRGBA(image.Rect(0, 0, 1, 256))
	for y := range 256 {
		grad.SetRGBA(0, y, heatColor(1-float64(y)/255))
	}
	scale.DrawImage(bar, grad)
	sty := draw.TextStyle{
		Color:   color.Black,
		Font:    font.From(sansFont(9), 9),
		XAlign:  draw.XLeft,
		YAlign:  draw.YCenter,
		Handler: p.TextHandler,
	}
	for _, t := range []struct {
		v     float64
		label string
	}{{1, "1"}, {0.5, "0.5"}, {0, "≤ 0"}} {
		y := bar.Min.Y + vg.Length(t.v)*(bar.Max.Y-bar.Min.Y)
		scale.FillText(sty, vg.Point{X: bar.Max.X + 4, Y: y}, t.label)
	}
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
	scale.FillText(sty, vg.Point{X: (bar.Min.X + bar.Max.X) / 2, Y: bar.Max.Y + 6}, "cosine")
}

// drawMap draws the documents on their first two principal components,
// coloured by cluster, each cluster's number at its members' mean;
// unclustered documents are grey crosses at the origin.
func drawMap(c draw.Canvas, r *report.Report) {
	v := r.Views
	p := newPlot()
	p.X.Label.Text = fmt.Sprintf("component 1 (%.0f%% of variance)", 100*v.MapVariance[0])
	p.Y.Label.Text = fmt.Sprintf("component 2 (%.0f%% of variance)", 100*v.MapVariance[1])
	p.Title.Text = "Documents on the first two principal components of the LSA space"
	radius := vg.Points(5)
	switch n := len(r.Assignments); {
	case n > 500:
		radius = vg.Points(2)
	case n > 100:
		radius = vg.Points(3.5)
	}
	var unclustered plotter.XYs
	for _, a := range r.Assignments {
		if a.Cluster < 0 {
			unclustered = append(unclustered, plotter.XY{})
		}
	}
	var labels plotter.XYLabels
	for _, cl := range r.Clusters {
		pts := make(plotter.XYs, 0, len(cl.Members))
		var mx, my float64
		for _, i := range cl.Members {
			pts = append(pts, plotter.XY{X: v.Map[i].X, Y: v.Map[i].Y})
			mx += v.Map[i].X
			my += v.Map[i].Y
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			continue
		}
		rgb := clusterColor(cl.ID)
		col := color.NRGBA{rgb.R, rgb.G, rgb.B, 0xd0}
		sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: radius, Shape: clusterGlyph(cl.ID)}
		p.Add(sc)
		labels.XYs = append(labels.XYs, plotter.XY{X: mx / float64(len(pts)), Y: my / float64(len(pts))})
		labels.Labels = append(labels.Labels, strconv.Itoa(cl.ID))
	}
	if len(unclustered) > 0 {
		if sc, err := plotter.NewScatter(unclustered); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: clusterColor(-1), Radius: radius, Shape: draw.CrossGlyph{}}
			p.Add(sc)
		}
	}
	if len(labels.XYs) > 0 {
		if l, err := plotter.NewLabels(labels); err == nil {
			for k := range l.TextStyle {
				l.TextStyle[k].Font = sansFont(13)
				l.TextStyle[k].XAlign = draw.XCenter
				l.TextStyle[k].YAlign = draw.YCenter
			}
			p.Add(l)
		}
	}
	// Leave a margin of a tenth of the range around the points.
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		if a.Min > a.Max { // no points
			a.Min, a.Max = -1, 1
		}
		m := 0.1 * (a.Max - a.Min)
		if m == 0 {
			m = 1
		}
		a.Min, a.Max = a.Min-m, a.Max+m
	}
	p.Draw(c)
}
