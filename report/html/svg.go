package html

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"io"
	"math"
	"sync"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// picture is one SVG picture drawn with gonum/plot's SVG backend (vgsvg),
// in which groups of shapes may carry a tooltip (an SVG <title>, shown on
// hover) or a link to an element of the page. vgsvg has no such elements:
// a group is drawn inside a translation by (0, 0), whose <g> element
// marks it in the output, and Bytes replaces each mark by the element
// wanted, in drawing order.
type picture struct {
	svg   *vgsvg.Canvas
	c     draw.Canvas
	marks []mark
}

// mark is what replaces one marked group's <g> and </g>.
type mark struct{ open, close string }

// markOpen is the <g> element that vgsvg writes for Translate(0, 0).
const markOpen = `<g transform="translate(0, 0)">`

// newPicture returns a picture of w × h points. In a page, pictures are
// scaled to the width of their box, so a point is about a CSS pixel.
func newPicture(w, h vg.Length) *picture {
	svg := vgsvg.New(w, h)
	return &picture{svg: svg, c: draw.New(svg)}
}

// fonts holds the Liberation fonts that gonum/plot embeds, the only ones
// the pictures use: made once, on first use, and safe for concurrent use
// (gonum/plot's own font.DefaultCache is filled only by package plot).
var fonts = sync.OnceValue(func() *font.Cache { return font.NewCache(liberation.Collection()) })

// group draws fn inside a marked group that becomes m.
func (p *picture) group(m mark, fn func()) {
	p.c.Push()
	p.c.Translate(vg.Point{})
	fn()
	p.c.Pop()
	p.marks = append(p.marks, m)
}

// titled draws fn as a group with a tooltip.
func (p *picture) titled(title string, fn func()) {
	p.group(mark{open: "<g><title>" + html.EscapeString(title) + "</title>", close: "</g>"}, fn)
}

// linked draws fn as a link to the element with the given id, with a
// tooltip.
func (p *picture) linked(id, title string, fn func()) {
	p.group(mark{
		open:  `<a href="#` + html.EscapeString(id) + `"><title>` + html.EscapeString(title) + "</title>",
		close: "</a>",
	}, fn)
}

// Bytes returns the SVG document, its marked groups made titles and
// links.
func (p *picture) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if _, err := p.svg.WriteTo(&buf); err != nil {
		return nil, err
	}
	return p.applyMarks(buf.Bytes())
}

// applyMarks rewrites the marked groups of src, the output of vgsvg, where
// '<' only ever opens a tag (text is escaped).
func (p *picture) applyMarks(src []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(src) + 64*len(p.marks))
	var closes []string // the closing tag of each open group
	k := 0
	for {
		i := bytes.IndexByte(src, '<')
		if i < 0 {
			out.Write(src)
			break
		}
		out.Write(src[:i])
		src = src[i:]
		switch {
		case bytes.HasPrefix(src, []byte(markOpen)):
			if k == len(p.marks) {
				return nil, fmt.Errorf("html: SVG has more marked groups than the %d drawn", len(p.marks))
			}
			out.WriteString(p.marks[k].open)
			closes = append(closes, p.marks[k].close)
			k++
			src = src[len(markOpen):]
			continue
		case bytes.HasPrefix(src, []byte("<g ")) || bytes.HasPrefix(src, []byte("<g>")):
			closes = append(closes, "</g>")
		case bytes.HasPrefix(src, []byte("</g>")):
			if len(closes) == 0 {
				return nil, fmt.Errorf("html: SVG closes a group it did not open")
			}
			out.WriteString(closes[len(closes)-1])
			closes = closes[:len(closes)-1]
			src = src[len("</g>"):]
			continue
		}
		out.WriteByte('<')
		src = src[1:]
	}
	if k != len(p.marks) {
		return nil, fmt.Errorf("html: SVG has %d of the %d marked groups drawn", k, len(p.marks))
	}
	return out.Bytes(), nil
}

// inline returns the picture without its XML prologue, to be placed in an
// HTML page.
func (p *picture) inline() (string, error) {
	b, err := p.Bytes()
	if err != nil {
		return "", err
	}
	if i := bytes.Index(b, []byte("<svg")); i >= 0 {
		b = b[i:]
	}
	return string(b), nil
}

// writePNG draws a picture of w × h points as a PNG image at 144 dots per
// inch.
func writePNG(out io.Writer, w, h vg.Length, fn func(draw.Canvas)) error {
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(144))
	fn(draw.New(c))
	_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(out)
	return err
}

// sansFont returns Liberation Sans (built into gonum/plot) at size points.
func sansFont(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// textStyle returns a text style in Liberation Sans of the given size and
// colour, aligned by its left edge and vertical centre.
func textStyle(size vg.Length, col color.Color) draw.TextStyle {
	return draw.TextStyle{
		Color:   col,
		Font:    sansFont(size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YCenter,
		Handler: text.Plain{Fonts: fonts()},
	}
}

// Colours of the page's ink and greys, shared by the pictures.
var (
	inkColor   = color.RGBA{0x1d, 0x23, 0x30, 0xff}
	mutedColor = color.RGBA{0x5c, 0x64, 0x75, 0xff}
	lineColor  = color.RGBA{0xdd, 0xe1, 0xe8, 0xff}
	white      = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// clusterHues are ten well-separated hues (Tableau 10), repeated with
// other marks (clusterShape) for more clusters.
var clusterHues = [...]uint32{0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac}

// clusterColor returns the colour of cluster c on the pictures and the
// cards; grey for unclustered documents (c < 0).
func clusterColor(c int) color.RGBA {
	if c < 0 {
		return color.RGBA{0x99, 0x99, 0x99, 0xff}
	}
	h := clusterHues[c%len(clusterHues)]
	return color.RGBA{uint8(h >> 16), uint8(h >> 8), uint8(h), 0xff}
}

// Shapes of the marks of clusters: circles for the first ten, then
// squares, triangles and diamonds.
const (
	shapeCircle = iota
	shapeSquare
	shapeTriangle
	shapeDiamond
)

// clusterShape returns the shape of cluster c's marks.
func clusterShape(c int) int {
	if c < 0 {
		return shapeCircle
	}
	return c / len(clusterHues) % 4
}

// shapeNames name the shapes for CSS classes.
var shapeNames = [...]string{"circle", "square", "triangle", "diamond"}

// clusterGlyph returns the glyph drawer of cluster c's marks.
func clusterGlyph(c int) draw.GlyphDrawer {
	switch clusterShape(c) {
	case shapeSquare:
		return draw.BoxGlyph{}
	case shapeTriangle:
		return draw.PyramidGlyph{}
	case shapeDiamond:
		return diamondGlyph{}
	}
	return draw.CircleGlyph{}
}

// diamondGlyph is a filled square standing on a corner.
type diamondGlyph struct{}

// DrawGlyph implements draw.GlyphDrawer.
func (diamondGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetColor(sty.Color)
	r := sty.Radius * 1.25
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Close()
	c.Fill(p)
}

// heatLevels is the number of steps of the similarity colour scale.
const heatLevels = 8

// heatLevel returns the step of the colour scale of a cosine similarity:
// equal steps over [0, 1], values at or below 0 in the first.
func heatLevel(v float64) int {
	if !(v > 0) {
		return 0
	}
	return min(int(v*heatLevels), heatLevels-1)
}

// heatColor maps a value in [0, 1] to a colour: a sequential scale from a
// pale yellow through orange and red to a dark purple.
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

// levelColor is the colour of step l of the similarity scale.
func levelColor(l int) color.RGBA {
	return heatColor((float64(l) + 0.5) / heatLevels)
}

// rect returns the path of a rectangle.
func rect(x0, y0, x1, y1 vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: x0, Y: y0})
	p.Line(vg.Point{X: x1, Y: y0})
	p.Line(vg.Point{X: x1, Y: y1})
	p.Line(vg.Point{X: x0, Y: y1})
	p.Close()
	return p
}

// hexColor writes a colour as CSS.
func hexColor(c color.RGBA) string {
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}

// clip shortens s to at most width points in sty, ending it in "…".
func clip(sty draw.TextStyle, s string, width vg.Length) string {
	if sty.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && sty.Width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	for len(r) > 0 && (r[len(r)-1] == ' ' || r[len(r)-1] == '·') {
		r = r[:len(r)-1]
	}
	if len(r) == 0 {
		return ""
	}
	return string(r) + "…"
}
