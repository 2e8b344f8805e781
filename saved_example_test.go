package topics_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
)

// A program fits a model once, saves it, and later loads it to place new
// articles and find the indexed articles most like a text.
func ExampleLoadFile() {
	docs, err := corpus.ReadFS(topics.Sample(), ".", corpus.Options{})
	if err != nil {
		panic(err)
	}
	cfg := topics.DefaultConfig()
	cfg.K = 2
	m, err := topics.Fit(context.Background(), docs, cfg)
	if err != nil {
		panic(err)
	}
	opt := topics.DefaultSaveOptions()
	opt.Index = true
	saved, err := m.Saved(opt)
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "model")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "news.topics")
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	if err := saved.Save(f); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}

	// Later, perhaps in another program:
	model, err := topics.LoadFile(path)
	if err != nil {
		panic(err)
	}
	placed, err := model.Assign([]corpus.Document{
		{ID: "new-1", Text: "Supply routes into Afghanistan reopened after military officers met."},
		{ID: "new-2", Text: "Nothing known here."},
	}, topics.AssignOptions{Neighbors: 1})
	if err != nil {
		panic(err)
	}
	for _, p := range placed {
		fmt.Printf("%s: cluster %d %q, similarity %.2f, neighbours %d\n", p.ID, p.Cluster, p.Theme, p.Similarity, len(p.Neighbors))
	}
	matches, err := model.Query("supply routes", topics.QueryOptions{N: 1, Terms: 2})
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
	// new-1: cluster 0 "supply routes · united states · president barack obama", similarity 0.85, neighbours 1
	// new-2: cluster -1 "", similarity 0.00, neighbours 0
	// 001_cbe5d81de21a38a5.txt 0.83 routes(0.50) supply(0.50)
}
