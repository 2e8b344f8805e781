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
	"time"

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

// fullReport is unclusteredReport with gold labels, dates (one missing)
// and a two-level hierarchy, so that every part of the page shows.
func fullReport(t *testing.T) *report.Report {
	docs := append(testutil.SampleDocs(t), corpus.Document{ID: "empty", Text: "a ! ?", Label: "other"})
	dates := []string{"2011-06-01", "2011-06-02", "", "2011-06-15", "2011-07-20", "2011-06-02"}
	for i := range docs[:5] {
		docs[i].Label = []string{"routes", "routes", "havens", "havens", "routes"}[i]
	}
	for i, d := range dates {
		if d != "" {
			docs[i].Date, _ = time.Parse(time.DateOnly, d)
		}
	}
	r := reportOf(t, docs, 3, "sample with <b>everything</b>")
	r.Parents = []report.Parent{
		{ID: 0, Theme: "supply routes", Clusters: []int{0, 2}, Size: r.Clusters[0].Size + r.Clusters[2].Size},
		{ID: 1, Theme: "militants", Clusters: []int{1}, Size: r.Clusters[1].Size},
	}
	for _, p := range r.Parents {
		for _, c := range p.Clusters {
			r.Clusters[c].Parent = p.ID
		}
	}
	return r
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
		{"full.html", fullReport(t), func(w io.Writer, r *report.Report) error { return Write(w, r, Options{MapDocs: 4}) }},
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

// TestHTMLIsSelfContained checks that the page loads nothing and holds no
// raster image: no src, no script, link, @import or url(); every href is
// a fragment; no <image> and no data: URL.
func TestHTMLIsSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, fullReport(t), Options{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "<link", "@import", "url(", "<iframe", "<object", "<embed", "<img", "<image",
		"data:", "src="} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	refs := regexp.MustCompile(`(?i)\bhref\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(refs) < 20 {
		t.Errorf("%d links, want the nav, legend, map labels, nearest clusters and the hierarchy's", len(refs))
	}
	for _, m := range refs {
		if !strings.HasPrefix(m[1], "#") {
			t.Errorf("reference to %q", m[1])
		}
	}
	for _, want := range []string{"<svg", "Cluster 0", "Unclustered", "Map of the documents", "Similarity", "Warning:",
		"sample with &lt;b&gt;everything&lt;/b&gt;", `id="legend"`, `id="hierarchy"`, `id="timeline"`, `id="gold"`,
		"Topic hierarchy", "Topics over time", "Clusters by gold label", "<details>", "<title>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<details open") {
		t.Error("a list is open")
	}
}

// TestSectionsOnlyWhenPresent checks that the page leaves out the
// hierarchy, timeline and gold table of a report without them.
func TestSectionsOnlyWhenPresent(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sampleReport(t), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{`id="hierarchy"`, `id="timeline"`, `id="gold"`, `id="unclustered"`, "Gold label:", "Group:"} {
		if strings.Contains(buf.String(), absent) {
			t.Errorf("page without it has %q", absent)
		}
	}
}

// TestHTMLEscapesCorpusText puts markup in a title, a gold label and a
// key phrase's cluster, and checks that it shows as text, in the page and
// in the SVG tooltips.
func TestHTMLEscapesCorpusText(t *testing.T) {
	docs := testutil.SampleDocs(t)
	docs[0].Title = `<script>alert("x")</script> & "quotes"`
	docs[1].Label = `<b>gold</b>`
	var buf bytes.Buffer
	if err := Write(&buf, reportOf(t, docs, 2, ""), Options{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, "<script>") || strings.Contains(page, "<b>gold") {
		t.Error("markup not escaped")
	}
	if !strings.Contains(page, "<title>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34; · cluster") {
		t.Error("the map's tooltip of the document lacks its escaped title")
	}
}
