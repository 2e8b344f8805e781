package corpus_test

import (
	"errors"
	"fmt"
	"log"
	"strings"
	"testing/fstest"
	"time"

	"github.com/topics-dev/topics/corpus"
)

func ExampleRead() {
	docs, err := corpus.Read("testdata/news.jsonl", corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range docs {
		fmt.Printf("%s %-8s %q\n", d.ID, d.Label, d.Content())
	}
	// Output:
	// 101 business "Markets rally on rate hopes\nStocks rose for a third day."
	// 102 sport    "Cup final goes to penalties"
	// 103 science  "A new telescope sees further back in time."
}

func ExampleRead_directory() {
	// Files below testdata/articles ending in .txt or .md, in path order.
	docs, err := corpus.Read("testdata/articles", corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range docs {
		fmt.Printf("%-15s %-21q %q\n", d.ID, d.Title, d.Text)
	}
	// Output:
	// budget.md       "# Budget passes"     "\nThe vote was close.\n"
	// storm.txt       "Storm hits the coast" "\nWinds of 120 km/h closed the ports.\n"
	// world/talks.txt "Talks resume in Geneva" "Both sides met on Monday.\n"
}

func ExampleRead_csv() {
	// The columns are named by Options.
	docs, err := corpus.Read("testdata/news.csv", corpus.Options{
		TitleField: "headline",
		TextField:  "body",
		LabelField: "section",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range docs {
		fmt.Printf("%s %s: %s | %s\n", d.ID, d.Label, d.Title, d.Text)
	}
	// Output:
	// 1 business: Markets rally on rate hopes | Stocks rose for a third day.
	// 2 sport: Cup final goes to penalties | After extra time, the score was 2-2.
}

func ExampleReadFrom() {
	// Standard input would be read the same way, with the name "stdin".
	in := strings.NewReader(`{"id": "a", "title": "Rain"}

{"id": "b", "text": "Sun, then clouds."}
`)
	docs, err := corpus.ReadFrom(in, "stdin", corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range docs {
		fmt.Printf("%s: %q\n", d.ID, d.Content())
	}
	// Output:
	// a: "Rain"
	// b: "Sun, then clouds."
}

func ExampleReadFS() {
	fsys := fstest.MapFS{
		"news/b.txt":      {Data: []byte("Second\nbody two\n")},
		"news/a.txt":      {Data: []byte("First\nbody one\n")},
		"news/readme.pdf": {Data: []byte("skipped")},
	}
	docs, err := corpus.ReadFS(fsys, "news", corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range docs {
		fmt.Printf("%s %q\n", d.ID, d.Content())
	}
	// Output:
	// a.txt "First\nbody one\n"
	// b.txt "Second\nbody two\n"
}

func ExampleWalk() {
	// Walk hands over one document at a time, so a corpus of any size can
	// be counted, filtered or converted in little memory.
	byLabel := map[string]int{}
	err := corpus.Walk("testdata/news.jsonl", corpus.Options{}, func(d corpus.Document) error {
		byLabel[d.Label]++
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(byLabel)
	// Output:
	// map[business:1 science:1 sport:1]
}

func ExampleDocument_Content() {
	fmt.Printf("%q\n", corpus.Document{Title: "Title", Text: "Body."}.Content())
	fmt.Printf("%q\n", corpus.Document{Text: "Body only."}.Content())
	fmt.Printf("%q\n", corpus.Document{}.Content())
	// Output:
	// "Title\nBody."
	// "Body only."
	// ""
}

func ExampleError() {
	in := strings.NewReader("{\"id\": 1, \"text\": \"fine\"}\n{\"id\": 2, \"text\": oops}\n")
	_, err := corpus.ReadFrom(in, "feed.jsonl", corpus.Options{})
	fmt.Println(err)
	var e *corpus.Error
	if errors.As(err, &e) {
		fmt.Println(e.Path, e.Line)
	}
	// Output:
	// corpus: feed.jsonl:2: malformed JSON at column 19: unexpected 'o', want a value
	// feed.jsonl 2
}

func ExampleOptions() {
	feed := `{"id": "a", "title": "Rates rise", "body": "The bank raised rates."}` + "\n" +
		`{"id": "b", "title": "Cup final tonight"}` + "\n"

	// A field named in Options must exist in some record.
	_, err := corpus.ReadFrom(strings.NewReader(feed), "feed.jsonl", corpus.Options{TextField: "text"})
	fmt.Println(err)

	// Left at its default, a missing text field is not an error: the
	// documents are their titles, and Warn is told.
	opt := corpus.Options{Warn: func(msg string) { fmt.Println("warning:", msg) }}
	docs, err := corpus.ReadFrom(strings.NewReader(feed), "feed.jsonl", opt)
	fmt.Println(len(docs), err)

	// Named, the text field is read; a document over MaxDocBytes is an
	// error.
	docs, err = corpus.ReadFrom(strings.NewReader(feed), "feed.jsonl", corpus.Options{TextField: "body"})
	fmt.Printf("%q %v\n", docs[0].Text, err)
	_, err = corpus.ReadFrom(strings.NewReader(feed), "feed.jsonl", corpus.Options{TextField: "body", MaxDocBytes: 64})
	fmt.Println(err, errors.Is(err, corpus.ErrTooLarge))
	// Output:
	// corpus: feed.jsonl: no record has the field "text" (line 1 has "id", "title", "body")
	// warning: feed.jsonl: no record has a "text" field: the documents are their titles only (line 1 has "id", "title", "body")
	// 2 <nil>
	// "The bank raised rates." <nil>
	// corpus: feed.jsonl:1: document too large: 68 bytes, over the limit of 64 (raise it with --max-doc-bytes) true
}

func ExampleParseFormat() {
	f, err := corpus.ParseFormat("CSV")
	fmt.Println(f, err)
	_, err = corpus.ParseFormat("xml")
	fmt.Println(err)
	// Output:
	// csv <nil>
	// corpus: unknown format "xml" (want auto, dir, jsonl, csv or text)
}

// Contents hands documents to the vectorizer as parts, title then text,
// without joining them into new strings.
func ExampleContents() {
	docs := corpus.Contents{
		{ID: "a", Title: "Safe havens", Text: "Raids in North Waziristan."},
		{ID: "b", Text: "No headline here."},
	}
	for i := range docs.Len() {
		fmt.Printf("%q\n", docs.AppendParts(nil, i))
	}
	// Output:
	// ["Safe havens" "Raids in North Waziristan."]
	// ["No headline here."]
}

// ParseDate reads the dates of news corpora in their common forms, always
// returning UTC.
func ExampleParseDate() {
	for _, s := range []string{"2014-03-10T17:52:50+01:00", "26-FEB-1987 15:01:01.79", "1394470370698", "2014-03-10"} {
		d, err := corpus.ParseDate(s)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(d.Format(time.RFC3339Nano))
	}
	_, err := corpus.ParseDate("last Tuesday")
	fmt.Println(err != nil)
	// Output:
	// 2014-03-10T16:52:50Z
	// 1987-02-26T15:01:01.79Z
	// 2014-03-10T16:52:50.698Z
	// 2014-03-10T00:00:00Z
	// true
}
