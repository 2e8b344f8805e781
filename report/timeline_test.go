package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/topics-dev/topics/internal/testutil"
)

// TestChoosePeriod checks the rule of Timeline: the shortest period that
// covers the span in at most MaxPeriods periods, hours only for dates with
// a time of day.
func TestChoosePeriod(t *testing.T) {
	at := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		first, last string
		timeOfDay   bool
		period      string
		n           int
		start       string
	}{
		// The UCI News Aggregator sample: 36 hours.
		{"2014-03-10T16:52:50Z", "2014-03-12T04:49:51Z", true, "hour", 37, "2014-03-10T16:00:00Z"},
		{"2014-03-10T00:00:00Z", "2014-03-12T00:00:00Z", false, "day", 3, "2014-03-10T00:00:00Z"},
		{"2014-03-10T16:00:00Z", "2014-03-13T19:00:00Z", true, "day", 4, "2014-03-10T00:00:00Z"},
		{"2014-03-10T00:00:00Z", "2014-03-10T00:00:00Z", false, "day", 1, "2014-03-10T00:00:00Z"},
		// Reuters-21578 (R8): 26 February (a Thursday) to 19 October 1987.
		{"1987-02-26T15:17:11Z", "1987-10-19T12:00:00Z", true, "week", 35, "1987-02-23T00:00:00Z"},
		{"2004-01-01T00:00:00Z", "2004-02-29T00:00:00Z", false, "day", 60, "2004-01-01T00:00:00Z"},
		{"2004-01-01T00:00:00Z", "2004-03-01T00:00:00Z", false, "week", 10, "2003-12-29T00:00:00Z"},
		{"2000-01-15T00:00:00Z", "2004-12-01T00:00:00Z", false, "month", 60, "2000-01-01T00:00:00Z"},
		{"2000-01-15T00:00:00Z", "2005-01-01T00:00:00Z", false, "year", 6, "2000-01-01T00:00:00Z"},
		{"1900-01-01T00:00:00Z", "2099-01-01T00:00:00Z", false, "year", 200, "1900-01-01T00:00:00Z"},
	} {
		p, starts := choosePeriod(at(c.first), at(c.last), c.timeOfDay)
		if p.name != c.period || len(starts) != c.n || starts[0].Format(time.RFC3339) != c.start {
			t.Errorf("%s to %s: %s × %d from %v, want %s × %d from %s", c.first, c.last, p.name, len(starts), starts[0], c.period, c.n, c.start)
			continue
		}
		for k := 1; k < len(starts); k++ {
			if !starts[k].Equal(p.next(starts[k-1])) {
				t.Errorf("%s to %s: period %d starts %v, after %v", c.first, c.last, k, starts[k], starts[k-1])
			}
		}
		if last := starts[len(starts)-1]; at(c.last).Before(last) || !at(c.last).Before(p.next(last)) {
			t.Errorf("%s to %s: last period %v does not hold the last date", c.first, c.last, last)
		}
	}
}

// TestBuildTimeline dates the sample's documents and checks the counts.
func TestBuildTimeline(t *testing.T) {
	docs := testutil.SampleDocs(t)
	dates := []string{"2011-06-01", "2011-06-02", "", "2011-06-02", "2011-07-20"}
	for i, s := range dates {
		if s != "" {
			docs[i].Date, _ = time.Parse(time.DateOnly, s)
		}
	}
	r := Build(fitDocs(t, docs, englishConfig(2)), DefaultOptions())
	tl := r.Timeline
	if tl == nil || tl.Period != "day" || len(tl.Starts) != 50 || tl.Dated != 4 || tl.Undated != 1 || tl.Unclustered != nil {
		t.Fatalf("timeline %+v", tl)
	}
	for i, s := range dates {
		if got := r.Assignments[i].Date; s != "" && got != s+"T00:00:00Z" || s == "" && got != "" {
			t.Errorf("document %d dated %q, want %q", i, got, s)
		}
	}
	want := map[[2]int]int{}
	for i, s := range dates {
		if s != "" {
			d, _ := time.Parse(time.DateOnly, s)
			want[[2]int{r.Assignments[i].Cluster, int(d.Sub(time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24)}]++
		}
	}
	for c, row := range tl.Counts {
		for k, n := range row {
			if n != want[[2]int{c, k}] {
				t.Errorf("cluster %d, day %d: %d documents, want %d", c, k, n, want[[2]int{c, k}])
			}
		}
	}

	var buf bytes.Buffer
	if err := WriteTimelineCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+50*2 || rows[0][0] != "start" || rows[1][0] != "2011-06-01T00:00:00Z" || rows[1][1] != "2011-06-02T00:00:00Z" ||
		rows[len(rows)-1][1] != "2011-07-21T00:00:00Z" {
		t.Fatalf("CSV: %d rows, first %q, last %q", len(rows), rows[:2], rows[len(rows)-1])
	}
	total := 0
	for _, row := range rows[1:] {
		n, err := strconv.Atoi(row[4])
		if err != nil {
			t.Fatal(err)
		}
		total += n
		if c, _ := strconv.Atoi(row[2]); row[3] != r.Clusters[c].Theme {
			t.Errorf("row %q: theme is not cluster %d's", row, c)
		}
	}
	if total != tl.Dated {
		t.Errorf("CSV counts add to %d, want %d dated documents", total, tl.Dated)
	}

	// Without dates there is no timeline, and the CSV says why.
	plain := sampleReport(t)
	if plain.Timeline != nil || !errors.Is(WriteTimelineCSV(&buf, plain), ErrNoDates) {
		t.Errorf("undated report: timeline %+v", plain.Timeline)
	}
}
