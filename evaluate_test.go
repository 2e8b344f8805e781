package topics_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
	"github.com/topics-dev/topics/report"
)

func TestEvaluateAndAssignmentsAgree(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	docs := testutil.BBC300(t)
	cfg := config(5)
	cfg.Dims = 30 // enough for BBC's five topics; the test is of the plumbing
	ev, err := topics.Evaluate(ctx, docs, cfg, topics.EvalOptions{Seeds: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Runs) != 2 || ev.Scored != 300 || ev.Classes != 5 || ev.Runs[1].Seed != 1 {
		t.Fatalf("evaluation %+v", ev)
	}
	// BBC's five topics are well separated: a working pipeline finds them.
	if nmi := ev.Summary[0]; nmi.Metric != "nmi" || nmi.Mean < 0.6 {
		t.Errorf("NMI %+v, want >= 0.6", nmi)
	}
	// Scoring the written assignments of the same run gives the same scores.
	m := fit(t, docs, cfg)
	for _, write := range []func(io.Writer, *report.Report) error{
		func(w io.Writer, r *report.Report) error { return report.WriteJSON(w, r) }, report.WriteCSV,
	} {
		var buf bytes.Buffer
		if err := write(&buf, report.Build(m, report.DefaultOptions())); err != nil {
			t.Fatal(err)
		}
		a, err := report.ReadAssignments(&buf, "clusters")
		if err != nil {
			t.Fatal(err)
		}
		ev2, err := topics.Evaluate(ctx, docs, cfg, topics.EvalOptions{Seeds: 1, Assignments: a})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ev2.Runs[0].Scores, ev.Runs[0].Scores; got != want {
			t.Errorf("scores of written assignments %+v, of the run %+v", got, want)
		}
	}
}

func TestEvaluateSummary(t *testing.T) {
	ev, err := topics.Evaluate(context.Background(), testutil.BBC300(t), config(5), topics.EvalOptions{Seeds: 1})
	if err != nil {
		t.Fatal(err)
	}
	metrics := topics.Metrics()
	if len(ev.Summary) != len(metrics) {
		t.Fatalf("%d summaries for %d metrics", len(ev.Summary), len(metrics))
	}
	for i, s := range ev.Summary {
		if s.Metric != metrics[i].Name || s.Mean != metrics[i].Of(ev.Runs[0]) || s.SD != 0 {
			t.Errorf("summary %+v of one run, want mean %g and sd 0", s, metrics[i].Of(ev.Runs[0]))
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	ctx := context.Background()
	docs := []corpus.Document{{ID: "a", Text: "alpha beta"}, {ID: "b", Text: "beta gamma"}}
	var oe *topics.OptionError
	if _, err := topics.Evaluate(ctx, docs, config(2), topics.EvalOptions{Seeds: 0}); !errors.As(err, &oe) || oe.Option != "Seeds" {
		t.Errorf("0 seeds: %v", err)
	}
	if _, err := topics.Evaluate(ctx, docs, config(2), topics.EvalOptions{Seeds: 2, Assignments: map[string]int{}}); !errors.As(err, &oe) || oe.Option != "Seeds" {
		t.Errorf("2 seeds of given assignments: %v", err)
	}
	cfg := config(2)
	cfg.Vectorize.MinDF, cfg.Vectorize.MaxDF = 1, 1.0
	if _, err := topics.Evaluate(ctx, docs, cfg, topics.EvalOptions{Seeds: 1}); err == nil || !strings.Contains(err.Error(), "gold label") {
		t.Errorf("no labels: %v", err)
	}
	_, err := topics.Evaluate(ctx, docs, cfg, topics.EvalOptions{Seeds: 1, Assignments: map[string]int{"a": 0}})
	if err == nil || !strings.Contains(err.Error(), `"b"`) {
		t.Errorf("missing assignment: %v", err)
	}
}

// What the runs notice is reported once, however many runs notice it.
func TestEvaluateWarnsOnce(t *testing.T) {
	docs := []corpus.Document{
		{ID: "a", Text: "hello world", Label: "x"},
		{ID: "b", Text: "hello there", Label: "y"},
		{ID: "c", Text: "brave new world", Label: "x"},
	}
	ev, err := topics.Evaluate(context.Background(), docs, config(2), topics.EvalOptions{Seeds: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Warnings) != 1 || !strings.Contains(ev.Warnings[0], "document-frequency limits") {
		t.Errorf("warnings %q, want the one on the document-frequency limits", ev.Warnings)
	}
}
