package html

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/vectorize"
)

// update rewrites the golden files under testdata/golden instead of
// comparing with them: go test ./report/html -update.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.CheckGolden(t, filepath.Join("testdata", "golden", name), got, *update)
}

func readGolden(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "golden", name))
}

// reportOf clusters docs into k clusters (0: chosen) with scikit-learn's
// TF-IDF and English stop words, as the goldens were made.
func reportOf(t *testing.T, docs []corpus.Document, k int, name string) *report.Report {
	t.Helper()
	cfg := topics.DefaultConfig()
	cfg.K, cfg.Vectorize = k, vectorize.Options{StopWords: vectorize.StopWordsEnglish}
	m, err := topics.Fit(context.Background(), docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	opt := report.DefaultOptions()
	opt.Corpus = name
	return report.Build(m, opt)
}

func sampleReport(t *testing.T) *report.Report {
	return reportOf(t, testutil.SampleDocs(t), 0, "built-in sample")
}

// unclusteredReport is the sample plus a document with no terms, with k
// asked for, so that warnings and cluster -1 show.
func unclusteredReport(t *testing.T) *report.Report {
	return reportOf(t, append(testutil.SampleDocs(t), corpus.Document{ID: "empty", Text: "a ! ?"}), 3, "sample | with *markup*")
}

// TestPagesGolden renders the page and the heat map and compares the bytes
// with testdata/golden (-update rewrites them).
func TestPagesGolden(t *testing.T) {
	sample := sampleReport(t)
	unclustered := unclusteredReport(t)
	for _, c := range []struct {
		file   string
		r      *report.Report
		render func(io.Writer, *report.Report) error
	}{
		{"report.html", sample, func(w io.Writer, r *report.Report) error { return Write(w, r, Options{}) }},
		{"unclustered.html", unclustered, func(w io.Writer, r *report.Report) error { return Write(w, r, Options{Members: 1}) }},
		{"heatmap.svg", sample, func(w io.Writer, r *report.Report) error { return WriteHeatmap(w, r, HeatmapOptions{}) }},
	} {
		t.Run(c.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.render(&buf, c.r); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.file, buf.Bytes())
		})
	}
}

// TestHeatmapPNG checks the PNG heat map against its golden picture, pixel
// by pixel within a small tolerance (rasterizers may round differently).
func TestHeatmapPNG(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHeatmap(&buf, sampleReport(t), HeatmapOptions{Format: "png"}); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Bounds(); b.Dx() != 1000 || b.Dy() != 860 {
		t.Errorf("PNG is %v, want 1000×860 (500×430 points at 144 dpi)", b)
	}
	checkGoldenImage(t, "heatmap.png", buf.Bytes())
}

func checkGoldenImage(t *testing.T, name string, data []byte) {
	t.Helper()
	if *update {
		checkGolden(t, name, data)
		return
	}
	var want bytes.Buffer
	wantData, err := readGolden(name)
	if err != nil {
		t.Fatal(err)
	}
	want.Write(wantData)
	wi, err := png.Decode(&want)
	if err != nil {
		t.Fatal(err)
	}
	gi, _ := png.Decode(bytes.NewReader(data))
	if gi.Bounds() != wi.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, gi.Bounds(), wi.Bounds())
	}
	var diff, n float64
	b := gi.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := gi.At(x, y).RGBA()
			r2, g2, b2, _ := wi.At(x, y).RGBA()
			for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}} {
				diff += absDiff(d[0]>>8, d[1]>>8)
				n++
			}
		}
	}
	if mean := diff / n; mean > 0.5 {
		t.Errorf("%s: mean channel difference %.3f from the golden picture, want ≤ 0.5", name, mean)
	}
}

func absDiff(a, b uint32) float64 {
	if a > b {
		return float64(a - b)
	}
	return float64(b - a)
}

func TestWriteHeatmapErrors(t *testing.T) {
	r := sampleReport(t)
	if err := WriteHeatmap(io.Discard, r, HeatmapOptions{Format: "gif"}); err == nil || !strings.HasPrefix(err.Error(), "html: ") {
		t.Errorf("format gif: error %v", err)
	}
	if err := WriteHeatmap(io.Discard, r, HeatmapOptions{Width: 10, Height: 10}); err == nil {
		t.Error("no error for a 10×10 picture")
	}
	noViews := *r
	noViews.Views = nil
	if err := WriteHeatmap(io.Discard, &noViews, HeatmapOptions{}); err == nil {
		t.Error("no error without views")
	}
	if err := Write(io.Discard, &noViews, Options{}); err == nil {
		t.Error("no error without views")
	}
}

// TestHTMLIsSelfContained checks that the page loads nothing: every src
// and href is a data: URL or a fragment, and there is no script, link,
// @import or url().
func TestHTMLIsSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, unclusteredReport(t), Options{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "<link", "@import", "url(", "<iframe", "<object", "<embed"} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	refs := regexp.MustCompile(`(?i)\b(?:src|href)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(refs) == 0 {
		t.Error("no inline images found")
	}
	for _, m := range refs {
		if !strings.HasPrefix(m[1], "data:") && !strings.HasPrefix(m[1], "#") {
			t.Errorf("reference to %q", m[1])
		}
	}
	for _, want := range []string{"<svg", "Cluster 0", "Unclustered", "Map of the documents", "Similarity", "Warning:",
		"sample | with *markup*"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestHTMLEscapesCorpusText puts markup in a title and checks that it
// shows as text.
func TestHTMLEscapesCorpusText(t *testing.T) {
	docs := testutil.SampleDocs(t)
	docs[0].Title = `<script>alert("x")</script> & "quotes"`
	var buf bytes.Buffer
	if err := Write(&buf, reportOf(t, docs, 2, ""), Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<script>") || !strings.Contains(buf.String(), "&lt;script&gt;") {
		t.Error("title markup not escaped")
	}
}
