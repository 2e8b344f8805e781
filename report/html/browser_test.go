package html

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/topics-dev/topics/internal/testutil"
	"github.com/topics-dev/topics/report"
)

// pageFacts are what a script added to a copy of the page measures once
// Chromium has laid it out at 1280 × 800 CSS pixels.
type pageFacts struct {
	Height      int      // of the whole page, before anything is expanded
	Raster      int      // img, image, canvas, picture, video, object and embed elements
	DataURLs    int      // attributes holding a data: URL
	Details     int      // <details> elements
	Open        int      // of them open
	Lists       int      // lists of documents (ol.docs)
	ListsHidden int      // of them inside a closed <details>
	Legend      bool     // #legend holds an SVG picture with a mark per cluster
	Links       int      // elements with an href (HTML and SVG)
	Broken      []string // hrefs that are not "#id" of an element of the page
	Overlaps    []string // texts of one picture whose boxes overlap
	Texts       int      // texts in the pictures
	Titles      int      // <title> elements in the pictures (tooltips)
}

// factsScript measures pageFacts and writes them as JSON into the page.
const factsScript = `<script>
(function () {
  const f = {Height: document.documentElement.scrollHeight, Broken: [], Overlaps: []};
  f.Raster = document.querySelectorAll("img, image, canvas, picture, video, object, embed").length;
  f.DataURLs = 0;
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) { if (/^\s*data:/i.test(a.value)) f.DataURLs++; }
  }
  const details = document.querySelectorAll("details");
  f.Details = details.length;
  f.Open = Array.from(details).filter(d => d.open).length;
  const lists = document.querySelectorAll("ol.docs");
  f.Lists = lists.length;
  f.ListsHidden = Array.from(lists).filter(l => { const d = l.closest("details"); return d && !d.open && !l.checkVisibility(); }).length;
  const legend = document.getElementById("legend");
  f.Legend = !!legend && !!legend.querySelector("svg") && legend.querySelectorAll("svg a").length > 0;
  const links = document.querySelectorAll("[href]");
  f.Links = links.length;
  for (const a of links) {
    const h = a.getAttribute("href");
    if (!h.startsWith("#") || !document.getElementById(decodeURIComponent(h.slice(1)))) f.Broken.push(h);
  }
  f.Texts = 0;
  f.Titles = document.querySelectorAll("svg title").length;
  for (const svg of document.querySelectorAll("figure svg")) {
    const boxes = Array.from(svg.querySelectorAll("text")).map(t => [t.textContent, t.getBoundingClientRect()]);
    f.Texts += boxes.length;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = boxes[i][1], b = boxes[j][1];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
          f.Overlaps.push(svg.parentElement.id + ": " + boxes[j][0] + " / " + boxes[i][0]);
        }
      }
    }
  }
  const pre = document.createElement("pre");
  pre.id = "facts";
  pre.textContent = JSON.stringify(f);
  document.body.appendChild(pre);
})();
</script>`

// browser returns the path of Chromium, or skips the test.
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium not installed (make browser-deps installs it)")
	return ""
}

// measurePage writes the page of r and measures it (measureHTML).
func measurePage(t *testing.T, chrome string, r *report.Report, opt Options) (pageFacts, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	return measureHTML(t, chrome, buf.String()), buf.String()
}

// measureHTML adds factsScript to a copy of page and reads the facts from
// the DOM that headless Chromium dumps. Any message on the browser's
// console fails the test.
func measureHTML(t *testing.T, chrome, page string) pageFacts {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "page.html")
	if err := os.WriteFile(path, []byte(strings.Replace(page, "</body>", factsScript+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0",
		"--window-size=1280,800", "--dump-dom", "file://"+path)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", chrome, err, errb.String())
	}
	for _, l := range strings.Split(errb.String(), "\n") {
		if strings.Contains(l, ":CONSOLE") {
			t.Errorf("browser console: %s", l)
		}
	}
	m := regexp.MustCompile(`<pre id="facts">(.*?)</pre>`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("the page's facts are missing from the DOM:\n%.2000s", out.String())
	}
	var f pageFacts
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &f); err != nil {
		t.Fatalf("facts %q: %v", m[1], err)
	}
	return f
}

// TestFactsSeeFaults checks that the measures of TestPageInChromium can
// fail: on a page with each fault they look for, they find it.
func TestFactsSeeFaults(t *testing.T) {
	chrome := browser(t)
	page := `<!DOCTYPE html><html><body>
<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<details open><summary>open</summary><ol class="docs"><li>a</li></ol></details>
<ol class="docs"><li>b</li></ol>
<a href="#nowhere">x</a> <a href="#here" id="here">y</a>
<figure id="f"><svg width="200" height="50"><title>tip</title><text x="10" y="20">one</text><text x="12" y="22">two</text></svg></figure>
</body></html>`
	f := measureHTML(t, chrome, page)
	want := pageFacts{Raster: 1, DataURLs: 1, Details: 1, Open: 1, Lists: 2, ListsHidden: 0, Legend: false, Links: 2,
		Broken: []string{"#nowhere"}, Overlaps: []string{"f: one / two"}, Texts: 2, Titles: 1}
	f.Height = 0
	if !reflect.DeepEqual(f, want) {
		t.Errorf("facts of a faulty page:\n got %+v\nwant %+v", f, want)
	}
}

// TestPageInChromium lays out the pages of the sample, of a report with
// every part (unclustered documents, dates, gold labels, a hierarchy) and
// of 300 BBC articles in headless Chromium at 1280 px wide, and checks
// their structure: no raster image and no data: URL; every list of
// documents collapsed in a closed <details>; a legend of the clusters;
// every link leading to an element of the page; no two texts of a
// picture overlapping; a tooltip per document drawn; and a bounded page
// height before anything is expanded.
func TestPageInChromium(t *testing.T) {
	chrome := browser(t)
	bbc := reportOf(t, testutil.BBC300(t), 5, "bbc300")
	for _, c := range []struct {
		name      string
		r         *report.Report
		maxHeight int
	}{
		{"sample", sampleReport(t), 1500},
		{"full", fullReport(t), 2500},
		{"bbc300", bbc, 2400},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, page := measurePage(t, chrome, c.r, Options{})
			if f.Raster != 0 || f.DataURLs != 0 || strings.Contains(page, "data:image") {
				t.Errorf("raster images: %d elements, %d data: URLs", f.Raster, f.DataURLs)
			}
			if f.Open != 0 || f.Lists == 0 || f.ListsHidden != f.Lists || f.Details < len(c.r.Clusters) {
				t.Errorf("%d of %d lists hidden in %d <details> (%d open), want all, in one per cluster at least",
					f.ListsHidden, f.Lists, f.Details, f.Open)
			}
			if !f.Legend {
				t.Error("no legend of the clusters")
			}
			if len(f.Broken) > 0 || f.Links < 3*len(c.r.Clusters) {
				t.Errorf("%d links, broken: %q", f.Links, f.Broken)
			}
			if len(f.Overlaps) > 0 || f.Texts == 0 {
				t.Errorf("overlapping texts in the pictures (of %d): %q", f.Texts, f.Overlaps)
			}
			clustered := c.r.Views.HeatmapOf
			if f.Titles < min(clustered, 2000) {
				t.Errorf("%d tooltips, want one per document of the map (%d) at least", f.Titles, clustered)
			}
			if f.Height > c.maxHeight {
				t.Errorf("page %d px tall at 1280 px wide, want at most %d", f.Height, c.maxHeight)
			}
			t.Logf("%s: %d px tall, %d links, %d texts, %d tooltips, %d bytes", c.name, f.Height, f.Links, f.Texts, f.Titles, len(page))
		})
	}
}
