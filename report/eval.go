package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/internal/textfmt"
)

// WriteEvalTable writes an evaluation for a terminal: one line per metric
// with its mean ± sd and the value of each run, then the table of the
// first run's clusters by gold label (EvalGoldTable), written as
// WriteGoldTable does.
func WriteEvalTable(w io.Writer, ev *topics.Evaluation) error {
	ew := &errWriter{w: w}
	var how string
	switch {
	case ev.Assigned:
		how = "clusters read from the assignments"
	case ev.KRequested > 0:
		how = fmt.Sprintf("k = %d given", ev.KRequested)
	default:
		how = "k chosen in each run"
	}
	ew.printf("%s: %d documents (%d scored, %d classes) · %d terms · %d dims · %s · %d run%s\n",
		ev.Corpus, ev.Documents, ev.Scored, ev.Classes, ev.Terms, ev.Dims, how, len(ev.Runs), textfmt.Plural(len(ev.Runs)))
	metrics := topics.Metrics()
	if len(ev.Runs) == 1 {
		// One run: its values; a mean and a deviation would say nothing.
		ew.printf("%-18s %8s\n", "metric", "value")
		for _, m := range metrics {
			ew.printf("%-18s %8s\n", m.Name, formatMetric(m.Name, m.Of(ev.Runs[0])))
		}
	} else {
		writeRuns(ew, ev, metrics)
	}
	if t := EvalGoldTable(ev); t != nil {
		ew.printf("\nClusters by gold label (seed %d):\n", ev.Runs[0].Seed)
		writeGoldTable(ew, t)
	}
	return ew.err
}

// writeRuns writes each metric's mean ± sd over the runs and its value in
// each run.
func writeRuns(ew *errWriter, ev *topics.Evaluation, metrics []topics.Metric) {
	ew.printf("%-18s %16s", "metric", "mean ± sd")
	for _, r := range ev.Runs {
		ew.printf(" %8s", "seed "+strconv.FormatUint(r.Seed, 10))
	}
	ew.printf("\n")
	for i, s := range ev.Summary {
		ew.printf("%-18s %16s", s.Metric, fmt.Sprintf("%.4f ± %.4f", s.Mean, s.SD))
		for _, r := range ev.Runs {
			ew.printf(" %8s", formatMetric(s.Metric, metrics[i].Of(r)))
		}
		ew.printf("\n")
	}
}

// formatMetric writes a metric's value: k as a whole number, the others
// with four decimals.
func formatMetric(name string, v float64) string {
	if name == "k" {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

// EvalGoldTable returns the table of the clusters of an evaluation's first
// run (seed Config.Seed) by gold label, or nil when the evaluation has no
// run or does not hold its documents' clusters. Only the first run's is
// made: cluster ids mean nothing from one seed to another, so tables of
// several runs could not be added up.
func EvalGoldTable(ev *topics.Evaluation) *GoldTable {
	if len(ev.Runs) == 0 || len(ev.Runs[0].Clusters) != len(ev.Gold) || ev.Gold == nil {
		return nil
	}
	return NewGoldTable(ev.Gold, ev.Runs[0].Clusters)
}

// evalJSON is an evaluation as WriteJSON writes it: its fields, and the
// first run's table of clusters by gold label.
type evalJSON struct {
	*topics.Evaluation
	GoldTable *GoldTable `json:"gold_table,omitempty"`
}

// ReadAssignments reads the cluster of each document from what `topics
// cluster` writes: its JSON report (the assignments array) or its CSV (the
// id and cluster columns). The format is told from the first byte. name is
// used in errors.
func ReadAssignments(r io.Reader, name string) (map[string]int, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	if trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(trimmed) > 0 && trimmed[0] == '{' {
		var rep struct {
			Assignments []struct {
				ID      *string `json:"id"`
				Cluster *int    `json:"cluster"`
			} `json:"assignments"`
		}
		if err := json.NewDecoder(br).Decode(&rep); err != nil {
			return nil, fmt.Errorf("report: %s: not a topics JSON report: %w", name, err)
		}
		if rep.Assignments == nil {
			return nil, fmt.Errorf("report: %s: no \"assignments\" array", name)
		}
		out := make(map[string]int, len(rep.Assignments))
		for i, a := range rep.Assignments {
			if a.ID == nil || a.Cluster == nil {
				return nil, fmt.Errorf("report: %s: assignment %d lacks \"id\" or \"cluster\"", name, i)
			}
			if _, dup := out[*a.ID]; dup {
				return nil, fmt.Errorf("report: %s: assignment %d: duplicate id %q", name, i, *a.ID)
			}
			out[*a.ID] = *a.Cluster
		}
		return out, nil
	}
	cr := csv.NewReader(br)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("report: %s: reading CSV header: %w", name, err)
	}
	idCol, clCol := -1, -1
	for i, h := range header {
		switch strings.TrimSpace(h) {
		case "id":
			idCol = i
		case "cluster":
			clCol = i
		}
	}
	if idCol < 0 || clCol < 0 {
		return nil, fmt.Errorf("report: %s:1: CSV header %q lacks an \"id\" or \"cluster\" column", name, strings.Join(header, ","))
	}
	out := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("report: %s: %w", name, err)
		}
		c, err := strconv.Atoi(strings.TrimSpace(rec[clCol]))
		if err != nil {
			return nil, fmt.Errorf("report: %s:%d: cluster %q is not an integer", name, line, rec[clCol])
		}
		if _, dup := out[rec[idCol]]; dup {
			return nil, fmt.Errorf("report: %s:%d: duplicate id %q", name, line, rec[idCol])
		}
		out[rec[idCol]] = c
	}
	return out, nil
}
