package main

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// update refreshes docs/report.png from the browser test:
// go test ./cmd/topics -run Chromium -update.
var update = flag.Bool("update", false, "rewrite docs/report.png with the browser's screenshot")

func TestClusterFormats(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		format string
		check  func(t *testing.T, b []byte)
	}{
		{"table", func(t *testing.T, b []byte) { mustContain(t, b, "theme:", "phrases:", "Cluster 1") }},
		{"markdown", func(t *testing.T, b []byte) {
			mustContain(t, b, "# Topics in built-in sample", "## Cluster 0: ", "**Summary:**")
		}},
		{"json", func(t *testing.T, b []byte) { mustContain(t, b, `"schema_version": 2`, `"key_phrases"`, `"summary"`) }},
		{"jsonl", func(t *testing.T, b []byte) {
			if n := bytes.Count(b, []byte("\n")); n != 5 {
				t.Errorf("%d lines, want 5", n)
			}
		}},
		{"csv", func(t *testing.T, b []byte) { mustContain(t, b, "id,title,gold,cluster,parent,similarity\n") }},
		{"html", func(t *testing.T, b []byte) { mustContain(t, b, "<!DOCTYPE html>", "<svg", "supply routes") }},
		{"svg", func(t *testing.T, b []byte) {
			mustContain(t, b, "<svg", "</svg>", "<path")
			if bytes.Contains(b, []byte("<image")) || bytes.Contains(b, []byte("data:image/")) {
				t.Error("the SVG heat map embeds a raster image")
			}
		}},
		{"png", func(t *testing.T, b []byte) {
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Error(err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			stdout, _, err := run(t, "", "cluster", "--format", c.format)
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, []byte(stdout))
			path := filepath.Join(dir, "out."+c.format)
			if out, _, err := run(t, "", "cluster", "--format", c.format, "-o", path); err != nil || out != "" {
				t.Fatalf("-o: err %v, stdout %q", err, out)
			}
			if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, []byte(stdout)) {
				t.Errorf("-o %s differs from standard output (err %v)", path, err)
			}
		})
	}
}

func mustContain(t *testing.T, b []byte, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("output lacks %q:\n%.2000s", w, b)
		}
	}
}

func TestClusterThemesAndWidth(t *testing.T) {
	out, _, err := run(t, "", "cluster", "--themes", "--width", "64")
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, []byte(out), "summary:", "representative documents:", "safe havens", "supply routes")
	if strings.Contains(out, "… and") {
		t.Error("--themes lists members")
	}
	for _, l := range strings.Split(out, "\n") {
		if utf8.RuneCountInString(l) > 64 {
			t.Errorf("line longer than --width 64: %q", l)
		}
	}
	t.Setenv("COLUMNS", "52")
	out, _, err = run(t, "", "cluster")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(out, "\n") {
		if utf8.RuneCountInString(l) > 52 {
			t.Errorf("line longer than $COLUMNS 52: %q", l)
		}
	}
}

func TestClusterReportFlagErrors(t *testing.T) {
	dir := t.TempDir()
	outFile := filepath.Join(dir, "report.html")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"cluster", "--themes", "--format", "json", "-o", outFile}, "--themes"},
		{[]string{"cluster", "--width", "-3", "-o", outFile}, "--width -3"},
		{[]string{"cluster", "--format", "pdf", "-o", outFile}, "html"},
		{[]string{"cluster", filepath.Join(dir, "missing"), "--format", "html", "-o", outFile}, "missing"},
	} {
		_, _, err := run(t, "", c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error %v, want one line mentioning %q", c.args, err, c.want)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%v left %v behind", c.args, entries)
		}
	}
}

// TestClusterJSONWithJQ reads the JSON and JSON Lines with jq, as a
// pipeline would.
func TestClusterJSONWithJQ(t *testing.T) {
	jq, err := exec.LookPath("jq")
	if err != nil {
		t.Skip("jq not installed (make browser-deps installs it)")
	}
	out, _, err := run(t, "", "cluster", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	got := pipe(t, out, jq, "-r",
		`.schema_version, .k, (.assignments | length), (.clusters[] | "\(.id)|\(.size)|\(.theme)|\(.key_phrases | map(.phrase) | index("safe havens") != null)|\(.summary | length)|\(.representatives | length)")`)
	want := "2\n2\n5\n" +
		"0|3|supply routes · united states · president barack obama|true|3|3\n" +
		"1|2|mr obama · general ashfaq kayani · military operation|false|3|2\n"
	if got != want {
		t.Errorf("jq read:\n%s\nwant:\n%s", got, want)
	}
	got = pipe(t, out, jq, "-r", `.assignments[] | "\(.id) \(.cluster) \(.similarity > 0)"`)
	if n := strings.Count(got, " true\n"); n != 5 {
		t.Errorf("jq: %d of 5 assignments with a positive similarity:\n%s", n, got)
	}
	lines, _, err := run(t, "", "cluster", "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	got = pipe(t, lines, jq, "-r", `select(.cluster == 0) | .id`)
	if want := "000_262ba55ab9753249.txt\n001_cbe5d81de21a38a5.txt\n004_aa1d284e69476b79.txt\n"; got != want {
		t.Errorf("jq on JSON Lines: %q, want %q", got, want)
	}
}

// TestClusterCSVWithPython reads the CSV with Python's csv module.
func TestClusterCSVWithPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	out, _, err := run(t, "", "cluster", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	got := pipe(t, out, py, "-c", `
import csv, sys
rows = list(csv.DictReader(sys.stdin))
print(",".join(rows[0].keys()))
for r in rows:
    print(r["id"], int(r["cluster"]), 0 < float(r["similarity"]) <= 1, r["gold"] == "", len(r["title"]) > 0)
`)
	want := "id,title,gold,cluster,parent,similarity\n" +
		"000_262ba55ab9753249.txt 0 True True True\n" +
		"001_cbe5d81de21a38a5.txt 0 True True True\n" +
		"002_6cc082234fa7977f.txt 1 True True True\n" +
		"003_4cc89330f60b4b63.txt 1 True True True\n" +
		"004_aa1d284e69476b79.txt 0 True True True\n"
	if got != want {
		t.Errorf("python csv read:\n%s\nwant:\n%s", got, want)
	}
}

// TestClusterJSONMatchesSchema validates the JSON (with an unclustered
// document and k chosen automatically, so that every field shows) against
// docs/schema.json with Python's jsonschema.
func TestClusterJSONMatchesSchema(t *testing.T) {
	var py string
	for _, cand := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(cand); err == nil && exec.Command(p, "-c", "import jsonschema").Run() == nil {
			py = p
			break
		}
	}
	if py == "" {
		t.Skip("no python3 with jsonschema (Debian: python3-jsonschema)")
	}
	in := `{"id":"a","title":"Supply routes","text":"pakistan supply routes closed to nato trucks","label":"x","date":"2011-11-27"}
{"id":"b","text":"nato supply routes through pakistan reopen","date":1341792000000}
{"id":"c","text":"!"}
{"id":"d","text":"taliban safe havens in north waziristan. The safe havens remain."}
{"id":"e","text":"safe havens for the taliban in waziristan"}
`
	out, _, err := run(t, in, "cluster", "-", "--format", "json", "--k-max", "3", "--date-field", "date")
	if err != nil {
		t.Fatal(err)
	}
	schema, err := filepath.Abs("../../docs/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	got := pipe(t, out, py, "-c", `
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
doc = json.load(sys.stdin)
v = jsonschema.Draft202012Validator(schema)
v.validate(doc)
print("valid", len(doc["assignments"]), doc["assignments"][2]["cluster"], "k_scores" in doc,
      doc["timeline"]["period"], doc["timeline"]["undated"], doc["gold_table"]["labels"])
del doc["clusters"][0]["key_phrases"]
print("broken document rejected:", not v.is_valid(doc))
`, schema)
	if got != "valid 5 -1 True week 3 ['x']\nbroken document rejected: True\n" {
		t.Errorf("schema check printed %q", got)
	}
}

// pipe runs name with args, input on standard input, and returns its
// standard output; it fails the test if the command fails.
func pipe(t *testing.T, input, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = strings.NewReader(input)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, errb.String())
	}
	return out.String()
}

// TestHTMLReportInChromium opens the HTML report of the built-in sample in
// headless Chromium, checks that it renders with no console message and
// takes a screenshot (with -update, into docs/report.png).
func TestHTMLReportInChromium(t *testing.T) {
	var browser string
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("chromium not installed (make browser-deps installs it)")
	}
	dir := t.TempDir()
	// First make sure that console messages are seen at all.
	bad := filepath.Join(dir, "bad.html")
	if err := os.WriteFile(bad, []byte(`<!DOCTYPE html><p>x</p><script>throw new Error("deliberate")</script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, console := chromium(t, browser, dir, "--dump-dom", "file://"+bad); !strings.Contains(console, "deliberate") {
		t.Fatalf("the browser's console is not visible, so errors would go unseen; it logged:\n%s", console)
	}

	page := filepath.Join(dir, "report.html")
	if _, _, err := run(t, "", "cluster", "--format", "html", "-o", page); err != nil {
		t.Fatal(err)
	}
	dom, console := chromium(t, browser, dir, "--dump-dom", "file://"+page)
	if console != "" {
		t.Errorf("console messages while rendering the report:\n%s", console)
	}
	for _, want := range []string{"Cluster 0", "Cluster 1", "supply routes", "safe havens", "<svg", "Map of the documents", "Similarity"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered page lacks %q", want)
		}
	}
	shot := filepath.Join(dir, "report.png")
	_, console = chromium(t, browser, dir, "--hide-scrollbars", "--window-size=1280,1900", "--screenshot="+shot, "file://"+page)
	if console != "" {
		t.Errorf("console messages while taking the screenshot:\n%s", console)
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if bounds := img.Bounds(); bounds.Dx() != 1280 || bounds.Dy() != 1900 {
		t.Errorf("screenshot is %v", bounds)
	}
	colours := map[uint32]bool{}
	for y := 0; y < img.Bounds().Dy(); y += 7 {
		for x := 0; x < img.Bounds().Dx(); x += 7 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	if len(colours) < 50 {
		t.Errorf("screenshot has %d colours: blank?", len(colours))
	}
	t.Logf("screenshot: %s", shot)
	if *update {
		if err := os.WriteFile("../../docs/report.png", b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// chromium runs the headless browser with args, sandboxed from the network
// and from the user's profile, and returns its standard output and the
// console messages it logged.
func chromium(t *testing.T, browser, dir string, args ...string) (stdout, console string) {
	t.Helper()
	profile, err := os.MkdirTemp(dir, "profile-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
		"--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, browser, append(base, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, errb.String())
	}
	var msgs []string
	for _, l := range strings.Split(errb.String(), "\n") {
		if strings.Contains(l, ":CONSOLE") {
			msgs = append(msgs, l)
		}
	}
	return out.String(), strings.Join(msgs, "\n")
}

// TestClusterTimeline writes the timeline CSV of dated documents read from
// standard input.
func TestClusterTimeline(t *testing.T) {
	in := `{"id":"a","text":"pakistan supply routes closed to nato trucks","published":"2011-11-27"}
{"id":"b","text":"nato supply routes through pakistan reopen","published":"2011-11-28"}
{"id":"c","text":"taliban safe havens in north waziristan"}
{"id":"d","text":"safe havens for the taliban in waziristan","published":"1322438400"}
`
	out, errOut, err := run(t, in, "cluster", "-", "--k", "2", "--format", "timeline", "--date-field", "published")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "start,end,cluster,theme,documents\n2011-11-27T00:00:00Z,2011-11-28T00:00:00Z,0,") ||
		strings.Count(out, "\n") != 1+2*2 {
		t.Errorf("timeline CSV:\n%s", out)
	}
	if !strings.Contains(errOut, "1 of 4 documents have no date") {
		t.Errorf("no warning of the undated document: %q", errOut)
	}
	_, _, err = run(t, strings.Replace(in, "1322438400", "tomorrow", 1), "cluster", "-", "--k", "2", "--date-field", "published")
	if err == nil || !strings.Contains(err.Error(), "stdin:4: field \"published\": date \"tomorrow\"") {
		t.Errorf("bad date: error %v", err)
	}
}
