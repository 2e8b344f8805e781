package html_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/report/html"
)

// sample clusters the built-in sample as topics cluster does.
func sample() *report.Report {
	docs, err := corpus.ReadFS(topics.Sample(), ".", corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	m, err := topics.Fit(context.Background(), docs, topics.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	return report.Build(m, report.DefaultOptions())
}

// Write writes one page that needs nothing else: open it in any
// browser.
func ExampleWrite() {
	var buf bytes.Buffer
	if err := html.Write(&buf, sample(), html.Options{}); err != nil {
		log.Fatal(err)
	}
	page := buf.String()
	fmt.Println(strings.HasPrefix(page, "<!DOCTYPE html>"), strings.Count(page, "<svg"), strings.Contains(page, "<script"),
		strings.Contains(page, "<image"))
	// Output:
	// true 3 false false
}
