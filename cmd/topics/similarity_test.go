package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newsJSONL is a small corpus with a republished report (b is a lightly
// edited a), two reports of another story in other words (c, d), an
// unrelated one (e) and an empty one (f). Similarity tests on it pass
// --min-df 1 --max-df 1.0: the defaults (2 and 0.5) suit real corpora and
// would leave e with no terms.
const newsJSONL = `{"id":"a","title":"Rebels seize Goma","text":"Rebels seized the city of Goma in eastern Congo on Tuesday after government troops fled, residents and United Nations officials said."}
{"id":"b","title":"Rebels seize Goma","text":"Rebels seized the city of Goma in eastern Congo late on Tuesday after government troops fled, residents and United Nations officials said."}
{"id":"c","title":"Fed holds rates","text":"The Federal Reserve kept interest rates unchanged and said inflation remained subdued."}
{"id":"d","title":"Rates unchanged at Fed","text":"Interest rates were left unchanged by the Federal Reserve, which sees inflation subdued."}
{"id":"e","title":"Storm hits coast","text":"A storm flooded the coast and cut power to thousands of homes."}
{"id":"f","title":"","text":"?"}
`

func TestSimilarityTable(t *testing.T) {
	out, errOut, err := run(t, "", "similarity")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "built-in sample") {
		t.Errorf("stderr: %q", errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if !strings.Contains(lines[0], "5 documents") || len(lines) != 8 {
		t.Fatalf("table:\n%s", out)
	}
	for i, l := range lines[3:] {
		if len([]rune(l)) != len([]rune(lines[2])) {
			t.Errorf("row %d not aligned with the header:\n%s", i+1, out)
		}
		if strings.Count(l, "1.00") != 1 {
			t.Errorf("row %d: want one 1.00 (the diagonal): %q", i+1, l)
		}
	}
}

func TestSimilarityCSVAndJSON(t *testing.T) {
	out, errOut, err := run(t, newsJSONL, "similarity", "-", "--min-df", "1", "--max-df", "1.0", "--space", "tfidf", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "warning") || !strings.Contains(errOut, "f") {
		t.Errorf("empty document not reported: %q", errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 7 || strings.Join(recs[0], ",") != "id,a,b,c,d,e,f" {
		t.Fatalf("CSV: %q", recs)
	}
	if recs[6][6] != "0.000000" || recs[1][1] != "1.000000" {
		t.Errorf("empty document row %q, first row %q", recs[6], recs[1])
	}
	out, _, err = run(t, newsJSONL, "similarity", "-", "--min-df", "1", "--max-df", "1.0", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Space string
		IDs   []string
		Rows  [][]float64
		Empty []string
	}
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	if m.Space != "lsa" || len(m.IDs) != 6 || len(m.Rows) != 6 || len(m.Rows[0]) != 6 || len(m.Empty) != 1 {
		t.Errorf("JSON: %+v", m)
	}
	if strings.Contains(out, "NaN") {
		t.Error("NaN in output")
	}
}

func TestSimilarityTop(t *testing.T) {
	out, _, err := run(t, newsJSONL, "similarity", "-", "--min-df", "1", "--max-df", "1.0", "--top", "2", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d JSON lines, want 6:\n%s", len(lines), out)
	}
	var first struct {
		ID        string
		Neighbors []struct {
			ID         string
			Similarity float64
		}
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.ID != "a" || len(first.Neighbors) != 2 || first.Neighbors[0].ID != "b" {
		t.Errorf("neighbours of a: %+v", first)
	}
	out, _, err = run(t, newsJSONL, "similarity", "-", "--min-df", "1", "--max-df", "1.0", "--top", "1", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 6 || strings.Join(recs[0], ",") != "id,rank,neighbor,similarity" {
		t.Errorf("CSV: %q, %v", recs, err)
	}
	if _, _, err := run(t, newsJSONL, "similarity", "-", "--min-df", "1", "--max-df", "1.0", "--top", "3"); err != nil {
		t.Errorf("table: %v", err)
	}
}

func TestDuplicatesCommand(t *testing.T) {
	out, _, err := run(t, newsJSONL, "duplicates", "-")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1 near-duplicate pair in 1 set", "Set 0 · 2 documents", "a ~ b", "goma"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, newsJSONL, "duplicates", "-", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][1] != "a" || recs[1][2] != "b" {
		t.Errorf("CSV: %q, %v", recs, err)
	}
	out, _, err = run(t, newsJSONL, "duplicates", "-", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Pairs, Bands, Rows int
		Sets               []struct {
			Pairs []struct {
				Similarity float64
				Terms      []struct {
					Term  string
					Share float64
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Pairs != 1 || r.Bands != 42 || r.Rows != 3 || len(r.Sets) != 1 || len(r.Sets[0].Pairs[0].Terms) == 0 {
		t.Errorf("JSON: %+v", r)
	}
}

// topics duplicates --related --format csv is read by topics eval
// --assignments.
func TestRelatedCSVFeedsEval(t *testing.T) {
	dir := t.TempDir()
	corpusPath := filepath.Join(dir, "news.jsonl")
	labeled := strings.NewReplacer(`"id":"a",`, `"id":"a","label":"goma",`, `"id":"b",`, `"id":"b","label":"goma",`,
		`"id":"c",`, `"id":"c","label":"fed",`, `"id":"d",`, `"id":"d","label":"fed",`,
		`"id":"e",`, `"id":"e","label":"storm",`, `"id":"f",`, `"id":"f","label":"none",`).Replace(newsJSONL)
	if err := os.WriteFile(corpusPath, []byte(labeled), 0o644); err != nil {
		t.Fatal(err)
	}
	groups := filepath.Join(dir, "groups.csv")
	if _, _, err := run(t, "", "duplicates", corpusPath, "--related", "--dims", "4", "--min-df", "1", "--max-df", "1.0", "--format", "csv", "-o", groups); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(groups)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil || len(recs) != 7 || strings.Join(recs[0][:4], ",") != "id,title,cluster,size" {
		t.Fatalf("CSV: %q, %v", recs, err)
	}
	cl := map[string]string{}
	for _, r := range recs[1:] {
		cl[r[0]] = r[2]
	}
	if cl["a"] != cl["b"] || cl["c"] != cl["d"] || cl["a"] == cl["c"] || cl["e"] == cl["a"] || cl["e"] == cl["c"] || cl["f"] != "-1" {
		t.Errorf("groups %v", cl)
	}
	out, _, err := run(t, "", "eval", corpusPath, "--truth", "label", "--assignments", groups, "--min-df", "1", "--max-df", "1.0", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var ev struct {
		Runs []struct {
			Scores struct{ ARI float64 }
		}
	}
	if err := json.Unmarshal([]byte(out), &ev); err != nil || len(ev.Runs) != 1 || ev.Runs[0].Scores.ARI != 1 {
		t.Errorf("eval of the groups: %+v, %v\n%s", ev, err, out)
	}
}

func TestSimilarityBadInput(t *testing.T) {
	dir := t.TempDir()
	outFile := filepath.Join(dir, "out")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"top 0", []string{"similarity", "--top", "0"}, "--top 0"},
		{"negative top", []string{"similarity", "--top", "-3"}, "--top -3"},
		{"bad space", []string{"similarity", "--space", "words"}, "--space"},
		{"bad format", []string{"similarity", "--format", "xml"}, "--format"},
		{"jsonl without top", []string{"similarity", "--format", "jsonl"}, "--top"},
		{"too many documents", []string{"similarity", "--max-docs", "3"}, "--top N"},
		{"bad max-docs", []string{"similarity", "--max-docs", "0"}, "--max-docs"},
		{"missing corpus", []string{"similarity", filepath.Join(dir, "nope.jsonl")}, "nope.jsonl"},
		{"threshold above 1", []string{"duplicates", "--threshold", "1.5"}, "--threshold 1.5"},
		{"threshold 0", []string{"duplicates", "--threshold", "0"}, "--threshold 0"},
		{"related threshold above 1", []string{"duplicates", "--related", "--threshold", "1.5"}, "--threshold 1.5"},
		{"shingle 0", []string{"duplicates", "--shingle", "0"}, "--shingle"},
		{"bands too many", []string{"duplicates", "--bands", "50", "--rows", "3"}, "--bands"},
		{"bad linkage", []string{"duplicates", "--related", "--linkage", "complete"}, "--linkage"},
		{"bad neighbors", []string{"duplicates", "--related", "--neighbors", "0"}, "--neighbors"},
		{"duplicates bad format", []string{"duplicates", "--format", "xml"}, "--format"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := run(t, "", append(c.args, "-o", outFile)...)
			if err == nil {
				t.Fatal("no error")
			}
			if msg := err.Error(); !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line mentioning %q", msg, c.want)
			}
			if _, err := os.Stat(outFile); !os.IsNotExist(err) {
				t.Error("output file left behind")
			}
		})
	}
}
