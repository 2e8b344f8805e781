package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/vectorize"
)

// sample clusters the built-in sample as `topics cluster` does.
func sample() *report.Report {
	docs, err := corpus.ReadFS(topics.Sample(), ".", corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	cfg := topics.DefaultConfig()
	cfg.Vectorize = vectorize.Options{StopWords: vectorize.StopWordsEnglish}
	m, err := topics.Fit(context.Background(), docs, cfg)
	if err != nil {
		log.Fatal(err)
	}
	opt := report.DefaultOptions()
	opt.Corpus = "built-in sample"
	return report.Build(m, opt)
}

// Build names each cluster's theme by its key phrases and picks the
// sentences that summarize it.
func ExampleBuild() {
	r := sample()
	for _, c := range r.Clusters {
		fmt.Printf("cluster %d (%d documents): %s\n", c.ID, c.Size, c.Theme)
		for _, p := range c.KeyPhrases[:5] {
			fmt.Printf("  %-22s %d× in %d document(s)\n", p.Phrase, p.Count, p.Documents)
		}
		fmt.Printf("  summary starts: %.60s…\n", c.Summary[0].Text)
	}
	// Output:
	// cluster 0 (3 documents): united states · supply routes · bin laden
	//   united states          12× in 3 document(s)
	//   supply routes          4× in 2 document(s)
	//   bin laden              4× in 2 document(s)
	//   military cooperation   2× in 1 document(s)
	//   afghan taliban         2× in 1 document(s)
	//   summary starts: ISLAMABAD (Reuters) - Relations between the United States an…
	// cluster 1 (2 documents): mr obama · safe havens · military operation
	//   mr obama               3× in 1 document(s)
	//   safe havens            2× in 1 document(s)
	//   military operation     2× in 1 document(s)
	//   recent weeks           2× in 1 document(s)
	//   mr zardari             2× in 1 document(s)
	//   summary starts: Reports yesterday said Mr Zardari resisted the direct appeal…
}

// WriteTable fits the report to a terminal's width; with Themes it shows
// each theme in full.
func ExampleWriteTable() {
	r := sample()
	r.Clusters = r.Clusters[1:] // keep the example short
	err := report.WriteTable(os.Stdout, r, report.TableOptions{Width: 72, Themes: true})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// 5 documents · 664 terms · 5 LSA dimensions (100% of variance) · k = 2 (…
	//
	// Cluster 1 · 2 documents · cohesion 0.79 · nearest: 0 (0.43)
	//   theme:   mr obama · safe havens · military operation
	//   phrases: mr obama (0.0144, 3×), safe havens (0.0116, 2×),
	//            military operation (0.0116, 2×), recent weeks (0.0116, 2×),
	//            mr zardari (0.0116, 2×), inside pakistan (0.0087, 2×),
	//            senior pakistani (0.0087, 2×), increase (0.0072, 3×),
	//            intensified (0.0058, 3×), commander (0.0058, 2×)
	//   terms:   pakistan, pakistani, military, said, general, mr, obama,
	//            strikes
	//   nearest: 0 (0.43)
	//   summary:
	//     • Reports yesterday said Mr Zardari resisted the direct appeal from
	//       Mr Obama for a rapid expansion of Pakistani military operations in
	//       tribal areas and has called on the US to speed up military
	//       assistance to Pakistani forces and to intervene more forcefully
	//       with India, its traditional adversary. [003_4cc89330f60b4b63.txt]
	//     • In a written response to the letter from Mr Obama, Mr Zardari said
	//       his government was determined to take action against al-Qa'ida,
	//       the Taliban and allied insurgent groups attacking US forces in
	//       Afghanistan from the border area inside Pakistan.
	//       [003_4cc89330f60b4b63.txt]
	//     • The US asked Pakistan in recent weeks to allow additional Central
	//       Intelligence Agency officers and special operations military
	//       trainers to enter the country as part of Washington's efforts to
	//       intensify pressure on militants. [000_262ba55ab9753249.txt]
	//   representative documents:
	//     0.81  000_262ba55ab9753249.txt  US steps up effort to target 'safe-…
	//     0.77  003_4cc89330f60b4b63.txt  A KEY plank of the US strategy for…
}

// WriteJSONLines writes one object per document, for line-oriented tools.
func ExampleWriteJSONLines() {
	var buf bytes.Buffer
	if err := report.WriteJSONLines(&buf, sample()); err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var d struct {
			ID         string  `json:"id"`
			Cluster    int     `json:"cluster"`
			Similarity float64 `json:"similarity"`
			Theme      string  `json:"theme"`
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s  %d  %.2f  %s\n", d.ID, d.Cluster, d.Similarity, d.Theme)
	}
	// Output:
	// 000_262ba55ab9753249.txt  1  0.81  mr obama · safe havens · military operation
	// 001_cbe5d81de21a38a5.txt  0  0.78  united states · supply routes · bin laden
	// 002_6cc082234fa7977f.txt  0  0.63  united states · supply routes · bin laden
	// 003_4cc89330f60b4b63.txt  1  0.77  mr obama · safe havens · military operation
	// 004_aa1d284e69476b79.txt  0  0.79  united states · supply routes · bin laden
}

// NewGoldTable counts each cluster's documents per gold label and finds
// its majority label; WriteGoldTable shows it in a terminal.
func ExampleNewGoldTable() {
	gold := []string{"sport", "sport", "politics", "sport", "politics", "politics", ""}
	clusters := []int{0, 0, 0, 1, 1, 1, 1}
	t := report.NewGoldTable(gold, clusters)
	for _, row := range t.Rows {
		fmt.Printf("cluster %d: %v of %v, majority %s (%.0f%%), %d unlabeled\n",
			row.Cluster, row.Counts, t.Labels, row.Majority, 100*row.Share, row.Unlabeled)
	}
	if err := report.WriteGoldTable(os.Stdout, t); err != nil {
		log.Fatal(err)
	}
	// Output:
	// cluster 0: [1 2] of [politics sport], majority sport (67%), 0 unlabeled
	// cluster 1: [2 1] of [politics sport], majority politics (67%), 1 unlabeled
	// gold label 0 1
	// politics   1 2
	// sport      2 1
	// (none)     0 1
	//
	// cluster documents  majority    share
	//       0         3  sport       66.7% of 3
	//       1         4  politics    66.7% of 3
}

// WriteTimelineCSV counts each cluster's documents per period, from the
// documents' dates (corpus.Options.DateField).
func ExampleWriteTimelineCSV() {
	docs, err := corpus.ReadFS(topics.Sample(), ".", corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for i, day := range []string{"2011-06-01", "2011-06-01", "2011-06-02", "2011-06-03", "2011-06-03"} {
		docs[i].Date, _ = corpus.ParseDate(day)
	}
	m, err := topics.Fit(context.Background(), docs, topics.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	r := report.Build(m, report.DefaultOptions())
	fmt.Println(r.Timeline.Period, r.Timeline.Counts)
	if err := report.WriteTimelineCSV(os.Stdout, r); err != nil {
		log.Fatal(err)
	}
	// Output:
	// day [[2 0 1] [0 1 1]]
	// start,end,cluster,theme,documents
	// 2011-06-01T00:00:00Z,2011-06-02T00:00:00Z,0,supply routes · united states · president barack obama,2
	// 2011-06-01T00:00:00Z,2011-06-02T00:00:00Z,1,mr obama · general ashfaq kayani · military operation,0
	// 2011-06-02T00:00:00Z,2011-06-03T00:00:00Z,0,supply routes · united states · president barack obama,0
	// 2011-06-02T00:00:00Z,2011-06-03T00:00:00Z,1,mr obama · general ashfaq kayani · military operation,1
	// 2011-06-03T00:00:00Z,2011-06-04T00:00:00Z,0,supply routes · united states · president barack obama,1
	// 2011-06-03T00:00:00Z,2011-06-04T00:00:00Z,1,mr obama · general ashfaq kayani · military operation,1
}
