package html

import "math"

// box is an axis-aligned rectangle, x0 ≤ x1 and y0 ≤ y1.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) overlaps(o box) bool {
	return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1
}

func (b box) inside(o box) bool {
	return b.x0 >= o.x0 && b.x1 <= o.x1 && b.y0 >= o.y0 && b.y1 <= o.y1
}

func (b box) contains(x, y float64) bool {
	return b.x0 <= x && x <= b.x1 && b.y0 <= y && y <= b.y1
}

// overlap returns the area two boxes share.
func (b box) overlap(o box) float64 {
	w := math.Min(b.x1, o.x1) - math.Max(b.x0, o.x0)
	h := math.Min(b.y1, o.y1) - math.Max(b.y0, o.y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// label is a text to place near an anchor point: the sizes of its
// alternative texts, longest (preferred) first.
type label struct {
	x, y float64   // the anchor
	w, h []float64 // width and height of each alternative
}

// placed is where a label went: which alternative, and its box.
type placed struct {
	alt int
	box box
	ok  bool // false: no place without overlap was found; box is the least bad
}

// placeLabels places labels, in order (the first get the best places),
// inside bounds, each as close to its anchor as it can be without
// overlapping a label already placed or covering another anchor (a square
// of side mark around it). It tries each alternative text in turn, the
// longest first, at positions on rings of growing radius around the
// anchor, centred on it first. A label that fits nowhere gets its shortest
// text where it overlaps the least.
func placeLabels(labels []label, bounds box, mark float64) []placed {
	anchors := make([]box, len(labels))
	for i, l := range labels {
		anchors[i] = box{l.x - mark/2, l.y - mark/2, l.x + mark/2, l.y + mark/2}
	}
	out := make([]placed, len(labels))
	var taken []box
	for i, l := range labels {
		out[i] = placeOne(i, l, bounds, anchors, taken)
		taken = append(taken, out[i].box)
	}
	return out
}

// placeOne finds the place of label i (see placeLabels).
func placeOne(i int, l label, bounds box, anchors, taken []box) placed {
	free := func(b box) bool {
		if !b.inside(bounds) {
			return false
		}
		for _, t := range taken {
			if b.overlaps(t) {
				return false
			}
		}
		for j, a := range anchors {
			if j != i && b.overlaps(a) {
				return false
			}
		}
		return true
	}
	for alt := range l.w {
		for _, b := range candidates(l, alt) {
			if free(b) {
				return placed{alt: alt, box: b, ok: true}
			}
		}
	}
	// Nowhere free: the shortest text where it covers the least.
	alt := len(l.w) - 1
	best, bestCost := box{}, math.Inf(1)
	for _, b := range candidates(l, alt) {
		b = clampBox(b, bounds)
		cost := 0.0
		for _, t := range taken {
			cost += b.overlap(t)
		}
		if cost < bestCost {
			best, bestCost = b, cost
		}
	}
	return placed{alt: alt, box: best}
}

// candidates returns the boxes to try for alternative alt of l, nearest
// first: centred on the anchor, then on rings around it.
func candidates(l label, alt int) []box {
	w, h := l.w[alt], l.h[alt]
	at := func(cx, cy float64) box { return box{cx - w/2, cy - h/2, cx + w/2, cy + h/2} }
	out := []box{at(l.x, l.y)}
	for ring := 1; ring <= 10; ring++ {
		// The label's centre on an ellipse that keeps its edge about
		// ring × h/1.5 from the anchor whatever the direction.
		rx, ry := w/2+float64(ring)*h/1.5, h/2+float64(ring)*h/1.5
		steps := 8 * ring
		for s := range steps {
			// Start above the anchor, then alternate sides.
			a := math.Pi/2 + float64((s+1)/2)*2*math.Pi/float64(steps)*float64(1-2*(s%2))
			out = append(out, at(l.x+rx*math.Cos(a), l.y+ry*math.Sin(a)))
		}
	}
	return out
}

// clampBox moves b inside bounds as far as it fits.
func clampBox(b, bounds box) box {
	if dx := bounds.x0 - b.x0; dx > 0 {
		b.x0, b.x1 = b.x0+dx, b.x1+dx
	}
	if dx := b.x1 - bounds.x1; dx > 0 {
		b.x0, b.x1 = b.x0-dx, b.x1-dx
	}
	if dy := bounds.y0 - b.y0; dy > 0 {
		b.y0, b.y1 = b.y0+dy, b.y1+dy
	}
	if dy := b.y1 - bounds.y1; dy > 0 {
		b.y0, b.y1 = b.y0-dy, b.y1-dy
	}
	return b
}
