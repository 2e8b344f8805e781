package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
	"github.com/topics-dev/topics/vectorize"
)

func TestBuild(t *testing.T) {
	r := Build(fitDocs(t, testutil.SampleDocs(t), englishConfig(2)), buildOptions("sample"))
	if r.K != 2 || len(r.Clusters) != 2 || len(r.Assignments) != 5 {
		t.Fatalf("k %d, %d clusters, %d assignments", r.K, len(r.Clusters), len(r.Assignments))
	}
	total := 0
	for c, cl := range r.Clusters {
		total += cl.Size
		if cl.ID != c || len(cl.Members) != cl.Size || len(cl.TopTerms) == 0 {
			t.Errorf("cluster %d malformed: %+v", c, cl)
		}
		if c > 0 && cl.Size > r.Clusters[c-1].Size {
			t.Errorf("clusters not ordered by size")
		}
		for n := 1; n < len(cl.TopTerms); n++ {
			if cl.TopTerms[n].Weight > cl.TopTerms[n-1].Weight {
				t.Errorf("cluster %d top terms not sorted by weight", c)
			}
		}
		for n := 1; n < len(cl.Members); n++ {
			if r.Assignments[cl.Members[n]].Similarity > r.Assignments[cl.Members[n-1]].Similarity {
				t.Errorf("cluster %d members not sorted by similarity", c)
			}
		}
		for _, i := range cl.Members {
			if r.Assignments[i].Cluster != c {
				t.Errorf("member %d of cluster %d assigned to %d", i, c, r.Assignments[i].Cluster)
			}
		}
	}
	if total != 5 {
		t.Errorf("sizes sum to %d", total)
	}
	if r.ExplainedVariance <= 0 || r.ExplainedVariance > 1+1e-12 {
		t.Errorf("explained variance %g", r.ExplainedVariance)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("unexpected warnings %q", r.Warnings)
	}
}

func TestBuildWarnsAboutCappedKAndEmptyDocuments(t *testing.T) {
	docs := append(testutil.SampleDocs(t), corpus.Document{ID: "empty", Text: "a ! ?"})
	cfg := englishConfig(9)
	cfg.Vectorize = vectorize.Options{}
	r := Build(fitDocs(t, docs, cfg), DefaultOptions())
	if r.K != 5 {
		t.Errorf("k = %d, want 5 (distinct non-empty documents)", r.K)
	}
	joined := strings.Join(r.Warnings, "\n")
	if !strings.Contains(joined, "k = 9 requested") || !strings.Contains(joined, "empty") {
		t.Errorf("warnings %q", r.Warnings)
	}
	last := r.Assignments[len(r.Assignments)-1]
	if last.Cluster != -1 || last.Similarity != 0 {
		t.Errorf("empty document assigned %+v", last)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "NaN") {
		t.Error("NaN in JSON")
	}
}

func TestReadAssignmentsErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"csv without cluster", "id,title\na,b\n", "clusters:1"},
		{"csv bad cluster", "id,cluster\na,1\nb,x\n", "clusters:3"},
		{"csv duplicate", "id,cluster\na,1\na,2\n", "duplicate id"},
		{"json broken", `{"assignments": [`, "not a topics JSON report"},
		{"json no array", `{"k": 3}`, "assignments"},
		{"json missing field", `{"assignments": [{"id": "a"}]}`, "lacks"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadAssignments(strings.NewReader(c.in), "clusters")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want it to mention %q", err, c.want)
			}
		})
	}
}
