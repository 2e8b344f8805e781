package report

import (
	"bytes"
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/internal/testutil"
)

// TestNewGoldTable checks a table counted by hand: labels by frequency
// (ties in byte order), rows by cluster id with -1 last, unlabelled
// documents apart, majorities and their shares of the labelled documents.
func TestNewGoldTable(t *testing.T) {
	gold := []string{"b", "a", "b", "", "c", "a", "a", "", "c", "b"}
	clusters := []int{0, 0, 0, 0, 2, 2, -1, -1, 2, -3}
	got := NewGoldTable(gold, clusters)
	want := &GoldTable{
		Labels: []string{"a", "b", "c"},
		Rows: []GoldRow{
			{Cluster: 0, Size: 4, Counts: []int{1, 2, 0}, Unlabeled: 1, Majority: "b", Share: 2.0 / 3},
			{Cluster: 2, Size: 3, Counts: []int{1, 0, 2}, Majority: "c", Share: 2.0 / 3},
			{Cluster: -1, Size: 3, Counts: []int{1, 1, 0}, Unlabeled: 1, Majority: "a", Share: 0.5},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if r := got.Row(2); r == nil || r.Majority != "c" || got.Row(1) != nil {
		t.Errorf("Row(2) = %+v, Row(1) = %+v", r, got.Row(1))
	}
	if NewGoldTable([]string{"", ""}, []int{0, 1}) != nil {
		t.Error("a table without gold labels")
	}
	// A cluster with only unlabelled documents has no majority.
	only := NewGoldTable([]string{"x", ""}, []int{0, 1})
	if r := only.Row(1); r.Majority != "" || r.Share != 0 || r.Unlabeled != 1 {
		t.Errorf("unlabelled cluster: %+v", r)
	}
}

// TestGoldTableAgreesWithPurity checks the table of a BBC clustering
// against package cluster's purity, computed independently: the majority
// counts add up to purity × labelled documents.
func TestGoldTableAgreesWithPurity(t *testing.T) {
	docs := testutil.BBC300(t)
	cfg := topics.DefaultConfig()
	cfg.K = 5
	m := fitDocs(t, docs, cfg)
	r := Build(m, DefaultOptions())
	gt := r.GoldTable
	if gt == nil {
		t.Fatal("no gold table for a labelled corpus")
	}
	var majority, labelled, size int
	for _, row := range gt.Rows {
		sum := 0
		for _, n := range row.Counts {
			sum += n
		}
		if sum+row.Unlabeled != row.Size || row.Cluster >= 0 && row.Size != r.Clusters[row.Cluster].Size {
			t.Errorf("cluster %d: counts add to %d + %d unlabelled, size %d", row.Cluster, sum, row.Unlabeled, row.Size)
		}
		majority += int(math.Round(row.Share * float64(row.Size-row.Unlabeled)))
		labelled += row.Size - row.Unlabeled
		size += row.Size
	}
	gold := make([]string, len(docs))
	for i, d := range docs {
		gold[i] = d.Label
	}
	sc, err := cluster.Score(cluster.FilterLabeled(gold, m.Clusters.Labels))
	if err != nil {
		t.Fatal(err)
	}
	if size != len(docs) || labelled != sc.N || math.Abs(float64(majority)/float64(labelled)-sc.Purity) > 1e-12 {
		t.Errorf("table: %d of %d labelled documents in majorities (%d in all); cluster.Score: purity %.6f of %d",
			majority, labelled, size, sc.Purity, sc.N)
	}
}

// TestEvalGoldTable checks that an evaluation carries its first run's
// table, in the terminal table and in JSON.
func TestEvalGoldTable(t *testing.T) {
	docs := testutil.BBC300(t)[:120]
	cfg := topics.DefaultConfig()
	cfg.K = 3
	ev, err := topics.Evaluate(context.Background(), docs, cfg, topics.EvalOptions{Seeds: 2})
	if err != nil {
		t.Fatal(err)
	}
	gt := EvalGoldTable(ev)
	if gt == nil || len(gt.Rows) != ev.Runs[0].K {
		t.Fatalf("gold table %+v for a first run of k = %d", gt, ev.Runs[0].K)
	}
	var text, js bytes.Buffer
	if err := WriteEvalTable(&text, ev); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, ev); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Clusters by gold label (seed 0):", "majority", gt.Labels[0]} {
		if !bytes.Contains(text.Bytes(), []byte(want)) {
			t.Errorf("eval table lacks %q:\n%s", want, text.String())
		}
	}
	for _, want := range []string{`"gold_table": {`, `"majority": "` + gt.Rows[0].Majority + `"`, `"runs": [`} {
		if !bytes.Contains(js.Bytes(), []byte(want)) {
			t.Errorf("eval JSON lacks %q", want)
		}
	}
}
