package corpus_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/topics-dev/topics/corpus"
)

// sharedCorpora is the folder of real corpora beside the repository.
const sharedCorpora = "../../shared/corpora"

// TestSharedCorpora loads every real corpus as it is and checks its size.
// Counts are those of the corpora's README.
func TestSharedCorpora(t *testing.T) {
	if _, err := os.Stat(sharedCorpora); err != nil {
		t.Skipf("no shared corpora: %v", err)
	}
	if testing.Short() {
		t.Skip("reads 34 MB of corpora")
	}
	want := map[string]int{
		"20newsgroups.jsonl.gz":               18846,
		"20newsgroups-raw.jsonl.gz":           18846,
		"bbc.jsonl.gz":                        2225,
		"reuters21578.jsonl.gz":               21578,
		"reuters-r8.jsonl.gz":                 7674,
		"agnews-test.jsonl.gz":                7600,
		"uci-news-aggregator-sample.jsonl.gz": 6366,
	}
	files, err := filepath.Glob(filepath.Join(sharedCorpora, "*.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no *.jsonl.gz in %s", sharedCorpora)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			n := 0
			labels := map[string]bool{}
			err := corpus.Walk(path, corpus.Options{}, func(d corpus.Document) error {
				if d.ID == "" || !utf8.ValidString(d.Title) || !utf8.ValidString(d.Text) {
					return fmt.Errorf("bad document %q", d.ID)
				}
				labels[d.Label] = true
				n++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if want, ok := want[name]; ok && n != want {
				t.Errorf("got %d documents, want %d", n, want)
			}
			if len(labels) < 2 {
				t.Errorf("%d distinct labels, want several", len(labels))
			}
		})
	}
	t.Run("story", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(sharedCorpora, "uci-news-aggregator-sample.jsonl.gz")
		docs, err := corpus.Read(path, corpus.Options{LabelField: "story"})
		if err != nil {
			t.Fatal(err)
		}
		stories := map[string]bool{}
		for _, d := range docs {
			stories[d.Label] = true
		}
		if len(stories) != 87 { // README: "87 story ids"
			t.Errorf("%d stories, want 87", len(stories))
		}
	})
}

func BenchmarkReadSharedCorpus(b *testing.B) {
	for _, name := range []string{"agnews-test.jsonl.gz", "20newsgroups.jsonl.gz"} {
		path := filepath.Join(sharedCorpora, name)
		if _, err := os.Stat(path); err != nil {
			b.Skipf("no shared corpora: %v", err)
		}
		b.Run(name, func(b *testing.B) {
			var size int64
			docs, err := corpus.Read(path, corpus.Options{})
			if err != nil {
				b.Fatal(err)
			}
			for _, d := range docs {
				size += int64(len(d.ID) + len(d.Title) + len(d.Text) + len(d.Label))
			}
			b.SetBytes(size)
			for b.Loop() {
				if _, err := corpus.Read(path, corpus.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
