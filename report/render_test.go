package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/topics-dev/topics/corpus"
)

// sampleReport clusters the built-in sample as `topics cluster` does by
// default.
func sampleReport(t *testing.T) *Report {
	t.Helper()
	m, err := Fit(sampleDocs(t), Config{Vectorize: defaultVectorize()})
	if err != nil {
		t.Fatal(err)
	}
	return Build(m, BuildOptions{Corpus: "built-in sample"})
}

// unclusteredReport is the sample plus a document with no terms, with k
// asked for, so that warnings and cluster -1 show.
func unclusteredReport(t *testing.T) *Report {
	t.Helper()
	docs := append(sampleDocs(t), corpus.Document{ID: "empty", Text: "a ! ?"})
	m, err := Fit(docs, Config{K: 3, Vectorize: defaultVectorize()})
	if err != nil {
		t.Fatal(err)
	}
	return Build(m, BuildOptions{Corpus: "sample | with *markup*", KRequested: 3})
}

// TestRenderersGolden renders the same reports with every renderer and
// compares the bytes with testdata/golden (go test ./report -update
// rewrites them). The numbers are those of linux/amd64.
func TestRenderersGolden(t *testing.T) {
	sample, unclustered := sampleReport(t), unclusteredReport(t)
	cases := []struct {
		file   string
		r      *Report
		render func(io.Writer, *Report) error
	}{
		{"table.txt", sample, func(w io.Writer, r *Report) error { return WriteTable(w, r, TableOptions{}) }},
		{"table_60.txt", sample, func(w io.Writer, r *Report) error { return WriteTable(w, r, TableOptions{Width: 60}) }},
		{"themes_80.txt", sample, func(w io.Writer, r *Report) error {
			return WriteTable(w, r, TableOptions{Width: 80, Themes: true})
		}},
		{"unclustered_table.txt", unclustered, func(w io.Writer, r *Report) error {
			return WriteTable(w, r, TableOptions{Members: 1})
		}},
		{"report.md", sample, func(w io.Writer, r *Report) error { return WriteMarkdown(w, r, MarkdownOptions{}) }},
		{"unclustered.md", unclustered, func(w io.Writer, r *Report) error {
			return WriteMarkdown(w, r, MarkdownOptions{Members: 1})
		}},
		{"report.json", sample, func(w io.Writer, r *Report) error { return WriteJSON(w, r) }},
		{"unclustered.json", unclustered, func(w io.Writer, r *Report) error { return WriteJSON(w, r) }},
		{"report.jsonl", sample, WriteJSONLines},
		{"unclustered.jsonl", unclustered, WriteJSONLines},
		{"report.csv", sample, WriteCSV},
		{"report.html", sample, func(w io.Writer, r *Report) error { return WriteHTML(w, r, HTMLOptions{}) }},
		{"unclustered.html", unclustered, func(w io.Writer, r *Report) error { return WriteHTML(w, r, HTMLOptions{Members: 1}) }},
		{"heatmap.svg", sample, func(w io.Writer, r *Report) error { return WriteHeatmap(w, r, HeatmapOptions{}) }},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.render(&buf, c.r); err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(buf.Bytes(), []byte("NaN")) {
				t.Error("NaN in the output")
			}
			checkGolden(t, c.file, buf.Bytes())
			var again bytes.Buffer
			if err := c.render(&again, c.r); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Errorf("a second rendering differs (err %v)", err)
			}
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
	if err := WriteHeatmap(io.Discard, r, HeatmapOptions{Format: "gif"}); err == nil || !strings.HasPrefix(err.Error(), "report: ") {
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
	if err := WriteHTML(io.Discard, &noViews, HTMLOptions{}); err == nil {
		t.Error("no error without views")
	}
}

// TestHTMLIsSelfContained checks that the page loads nothing: every src
// and href is a data: URL or a fragment, and there is no script, link,
// @import or url().
func TestHTMLIsSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, unclusteredReport(t), HTMLOptions{}); err != nil {
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
	docs := sampleDocs(t)
	docs[0].Title = `<script>alert("x")</script> & "quotes"`
	m, err := Fit(docs, Config{K: 2, Vectorize: defaultVectorize()})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, Build(m, BuildOptions{}), HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<script>") || !strings.Contains(buf.String(), "&lt;script&gt;") {
		t.Error("title markup not escaped")
	}
}

func TestTableFitsWidth(t *testing.T) {
	r := unclusteredReport(t)
	for _, width := range []int{40, 57, 80, 100, 160} {
		for _, themes := range []bool{false, true} {
			var buf bytes.Buffer
			if err := WriteTable(&buf, r, TableOptions{Width: width, Themes: themes, Members: -1}); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(buf.String(), "\n") {
				if n := utf8.RuneCountInString(l); n > width {
					t.Errorf("width %d, themes %v: line of %d characters: %q", width, themes, n, l)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, r, TableOptions{Width: 10}); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(buf.String(), "\n") {
		if utf8.RuneCountInString(l) > 40 {
			t.Errorf("width 10 is taken as 40, but a line is longer: %q", l)
		}
	}
}

func TestJSONLinesAndCSVAgreeWithJSON(t *testing.T) {
	r := unclusteredReport(t)
	var jl, cs bytes.Buffer
	if err := WriteJSONLines(&jl, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&cs, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(jl.String(), "\n"), "\n")
	recs, err := csv.NewReader(&cs).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(r.Assignments) || len(recs) != len(r.Assignments)+1 {
		t.Fatalf("%d JSON lines, %d CSV rows for %d documents", len(lines), len(recs)-1, len(r.Assignments))
	}
	for i, l := range lines {
		var got map[string]any
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if len(got) != 6 {
			t.Errorf("line %d has %d fields, want 6: %s", i+1, len(got), l)
		}
		a := r.Assignments[i]
		theme := ""
		if a.Cluster >= 0 {
			theme = r.Clusters[a.Cluster].Label
		}
		if got["id"] != a.ID || int(got["cluster"].(float64)) != a.Cluster || got["theme"] != theme ||
			got["similarity"].(float64) != a.Similarity {
			t.Errorf("line %d = %s, assignment %+v", i+1, l, a)
		}
		if recs[i+1][0] != a.ID {
			t.Errorf("CSV row %d id %q, want %q", i+1, recs[i+1][0], a.ID)
		}
	}
}

func TestMarkdownEscape(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"a|b *c* _d_ [e](f) <g>", `a\|b \*c\* \_d\_ \[e\](f) \<g\>`},
		{"- not a list", `\- not a list`},
		{"-5 degrees", "-5 degrees"},
		{"12. not a list", `12\. not a list`},
		{"3.5 percent", "3.5 percent"},
		{"line\nbreak", "line break"},
		{"# not a heading", `\# not a heading`},
	}
	for _, c := range cases {
		if got := mdEscape(c.in); got != c.want {
			t.Errorf("mdEscape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTextLayout(t *testing.T) {
	if got := clipText("abcdef", 4); got != "abc…" {
		t.Errorf("clipText = %q", got)
	}
	if got := clipText("abc", 3); got != "abc" {
		t.Errorf("clipText = %q", got)
	}
	if got := fitList("x: ", []string{"aa", "bb", "cc"}, 12); got != "x: aa, bb, …" {
		t.Errorf("fitList = %q", got)
	}
	if got := fitList("x: ", []string{"aa", "bb"}, 12); got != "x: aa, bb" {
		t.Errorf("fitList = %q", got)
	}
	got := wrapText("one two three four", 9, "> ", "  ")
	if want := []string{"> one two", "  three", "  four"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrapText = %q, want %q", got, want)
	}
	got = wrapList([]string{"alpha", "beta", "gamma"}, 14, "- ", "  ")
	if want := []string{"- alpha, beta,", "  gamma"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrapList = %q, want %q", got, want)
	}
}
