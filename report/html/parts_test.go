package html

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/topics-dev/topics/report"
)

// TestPlaceLabels places labels around anchors crowded in the middle of
// the box and checks that those placed as free overlap no other label,
// cover no other anchor and stay inside the box, and that most get their
// long text.
func TestPlaceLabels(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	bounds := box{0, 0, 400, 400}
	const mark = 8
	for trial := range 20 {
		n := 5 + trial
		labels := make([]label, n)
		for i := range labels {
			labels[i] = label{
				x: 150 + 100*rng.Float64(), y: 150 + 100*rng.Float64(),
				w: []float64{40 + 60*rng.Float64(), 14}, h: []float64{15, 15},
			}
		}
		places := placeLabels(labels, bounds, mark)
		long := 0
		for i, p := range places {
			if !p.ok {
				t.Errorf("trial %d: label %d of %d found no free place in a box with room", trial, i, n)
				continue
			}
			if p.alt == 0 {
				long++
			}
			if w, h := p.box.x1-p.box.x0, p.box.y1-p.box.y0; math.Abs(w-labels[i].w[p.alt]) > 1e-9 || math.Abs(h-labels[i].h[p.alt]) > 1e-9 {
				t.Errorf("trial %d: label %d is %g × %g, want its size", trial, i, w, h)
			}
			if !p.box.inside(bounds) {
				t.Errorf("trial %d: label %d at %v leaves the box", trial, i, p.box)
			}
			for j, q := range places[:i] {
				if p.box.overlaps(q.box) {
					t.Errorf("trial %d: labels %d and %d overlap", trial, j, i)
				}
			}
			for j, l := range labels {
				a := box{l.x - mark/2, l.y - mark/2, l.x + mark/2, l.y + mark/2}
				if j != i && p.box.overlaps(a) {
					t.Errorf("trial %d: label %d covers anchor %d", trial, i, j)
				}
			}
		}
		if long < n/2 {
			t.Errorf("trial %d: %d of %d labels got their long text", trial, long, n)
		}
	}
	// A label centred on its anchor when nothing is in the way.
	p := placeLabels([]label{{x: 50, y: 50, w: []float64{20}, h: []float64{10}}}, bounds, mark)
	if p[0].box != (box{40, 45, 60, 55}) || !p[0].ok {
		t.Errorf("lone label at %v", p[0])
	}
}

// TestHeatRuns checks that the rectangles cover every cell exactly once,
// each with its cell's colour step, and that runs merge.
func TestHeatRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 40
	sim := make([]float64, n*n)
	for i := range sim {
		// Blocks of equal values, with some noise.
		sim[i] = float64((i/n)/10+(i%n)/10) / 6
		if rng.IntN(10) == 0 {
			sim[i] = rng.Float64()*2 - 1
		}
	}
	runs := heatRuns(sim, n)
	covered := make([]int, n*n)
	for _, r := range runs {
		for a := r.a0; a < r.a1; a++ {
			for b := r.b0; b < r.b1; b++ {
				covered[a*n+b]++
				if l := heatLevel(sim[a*n+b]); l != r.level {
					t.Fatalf("cell (%d, %d) of step %d in a run of step %d", a, b, l, r.level)
				}
			}
		}
	}
	for i, c := range covered {
		if c != 1 {
			t.Fatalf("cell (%d, %d) covered %d times", i/n, i%n, c)
		}
	}
	if len(runs) > n*n/4 {
		t.Errorf("%d rectangles for %d cells in blocks: runs not merged", len(runs), n*n)
	}
	if heatLevel(-0.5) != 0 || heatLevel(0) != 0 || heatLevel(1) != heatLevels-1 || heatLevel(0.5) != heatLevels/2 {
		t.Error("colour steps of -0.5, 0, 0.5, 1")
	}
}

// TestMarks checks that titled and linked groups become <title> and <a>
// elements around what they drew, in order, and that a picture whose
// marks do not match what vgsvg wrote is an error.
func TestMarks(t *testing.T) {
	p := newPicture(100, 100)
	dot := func() {
		p.c.DrawGlyph(draw.GlyphStyle{Color: white, Radius: 2, Shape: draw.CircleGlyph{}}, vg.Point{X: 10, Y: 10})
	}
	p.titled(`a <b> & "c"`, dot)
	p.linked("cluster-3", "three", func() {
		p.c.Push()
		p.c.Translate(vg.Point{X: 5, Y: 5})
		dot()
		p.c.Pop()
	})
	b, err := p.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	title := strings.Index(s, `<g><title>a &lt;b&gt; &amp; &#34;c&#34;</title>`)
	link := strings.Index(s, `<a href="#cluster-3"><title>three</title>`)
	if title < 0 || link < title || strings.Contains(s, markOpen) {
		t.Fatalf("marks not applied:\n%s", s)
	}
	// The link closes after the group inside it.
	inner := s[link:]
	if i, j := strings.Index(inner, "</g>"), strings.Index(inner, "</a>"); i < 0 || j < i {
		t.Errorf("link does not close after its contents:\n%s", inner)
	}
	if strings.Count(s, "<g") != strings.Count(s, "</g>") || strings.Count(s, "<a ") != strings.Count(s, "</a>") {
		t.Errorf("unbalanced groups:\n%s", s)
	}
	p.marks = p.marks[:1]
	if _, err := p.Bytes(); err == nil {
		t.Error("no error for more marked groups than marks")
	}
	p.marks = append(p.marks, mark{}, mark{})
	if _, err := p.Bytes(); err == nil {
		t.Error("no error for fewer marked groups than marks")
	}
}

// TestMapSample checks the documents the map draws: all when they fit,
// else about the limit, each cluster in proportion and at least once, in
// input order.
func TestMapSample(t *testing.T) {
	r := &report.Report{}
	next := 0
	for c, size := range []int{500, 300, 195, 5, 1} {
		cl := report.Cluster{ID: c}
		for range size {
			cl.Members = append(cl.Members, next)
			next++
		}
		r.Clusters = append(r.Clusters, cl)
	}
	if got := mapSample(r, 5000); len(got) != 1001 {
		t.Errorf("all fit: %d documents, want 1001", len(got))
	}
	got := mapSample(r, 100)
	if len(got) < 95 || len(got) > 102 || !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("limit 100: %d documents, sorted %v", len(got), slices.IsSorted(got))
	}
	for _, cl := range r.Clusters {
		n := 0
		for _, i := range got {
			if slices.Contains(cl.Members, i) {
				n++
			}
		}
		if want := max(1, len(cl.Members)*100/1001); n != want {
			t.Errorf("cluster %d of %d: %d drawn, want %d", cl.ID, len(cl.Members), n, want)
		}
	}
}
