package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

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
		if len(got) != 7 {
			t.Errorf("line %d has %d fields, want 7: %s", i+1, len(got), l)
		}
		a := r.Assignments[i]
		theme := ""
		if a.Cluster >= 0 {
			theme = r.Clusters[a.Cluster].Theme
		}
		if got["id"] != a.ID || int(got["cluster"].(float64)) != a.Cluster || int(got["parent"].(float64)) != a.Parent || got["theme"] != theme ||
			got["similarity"].(float64) != a.Similarity {
			t.Errorf("line %d = %s, assignment %+v", i+1, l, a)
		}
		if recs[i+1][0] != a.ID || recs[i+1][4] != strconv.Itoa(a.Parent) {
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
