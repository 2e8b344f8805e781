package report_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/vectorize"
)

// A program fits a model once, saves it, and later loads it to place new
// articles and find the indexed articles most like a text.
func ExampleLoadModel() {
	docs, err := corpus.ReadFS(topics.Sample(), ".", corpus.Options{})
	if err != nil {
		panic(err)
	}
	m, err := report.Fit(docs, report.Config{K: 2, Vectorize: vectorize.Options{StopWords: "english"}})
	if err != nil {
		panic(err)
	}
	saved, err := report.NewSavedModel(m, report.Build(m, report.BuildOptions{}), report.SaveOptions{Index: true})
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "model")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "news.topics")
	if err := report.SaveModel(path, saved); err != nil {
		panic(err)
	}

	// Later, perhaps in another program:
	model, err := report.LoadModel(path)
	if err != nil {
		panic(err)
	}
	placed, err := model.Assign([]corpus.Document{
		{ID: "new-1", Text: "Pakistan and the United States discussed aid and security."},
		{ID: "new-2", Text: "Nothing known here."},
	}, report.AssignOptions{Neighbors: 1})
	if err != nil {
		panic(err)
	}
	for _, p := range placed {
		fmt.Printf("%s: cluster %d %q, similarity %.2f, neighbours %d\n", p.ID, p.Cluster, p.Label, p.Similarity, len(p.Neighbors))
	}
	matches, err := model.Query("drone strikes", report.QueryOptions{N: 1, Terms: 2})
	if err != nil {
		panic(err)
	}
	for _, mt := range matches {
		fmt.Printf("%s %.2f", mt.ID, mt.Similarity)
		for _, t := range mt.Terms {
			fmt.Printf(" %s(%.2f)", t.Term, t.Share)
		}
		fmt.Println()
	}
	// Output:
	// new-1: cluster 0 "supply routes · united states · president barack obama", similarity 0.79, neighbours 1
	// new-2: cluster -1 "", similarity 0.00, neighbours 0
	// 000_262ba55ab9753249.txt 0.83 strikes(0.60) drone(0.40)
}
