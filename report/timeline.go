package report

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"time"
)

// MaxPeriods is the most periods a Timeline has, unless even years are
// more: the period is the shortest of an hour, a day, a week, a month and
// a year whose periods from the first date to the last number at most
// MaxPeriods (a chart of 60 bars stays legible at a page's width).
const MaxPeriods = 60

// Timeline counts the documents of each cluster per period of time, from
// the documents' dates (corpus.Options.DateField). Periods are in UTC and
// consecutive, from the one holding the earliest date to the one holding
// the latest, empty ones included.
//
// The period is chosen from the span of the dates: the shortest of "hour",
// "day", "week" (ISO weeks, from Monday), "month" and "year" that covers
// the span in at most MaxPeriods periods, or "year" if none does. "hour"
// is only chosen when some date has a time of day other than midnight:
// dates given as days say nothing about hours.
type Timeline struct {
	// Period is the length of a period: "hour", "day", "week", "month" or
	// "year".
	Period string `json:"period"`
	// Starts holds the first instant of each period, in RFC 3339 (UTC), in
	// order; a period ends where the next starts (the last one a Period
	// after its start).
	Starts []string `json:"starts"`
	// Counts holds, per cluster (by id), its dated documents in each period:
	// K rows of len(Starts) counts.
	Counts [][]int `json:"counts"`
	// Unclustered counts the dated documents in cluster -1 per period; it
	// is omitted when there are none.
	Unclustered []int `json:"unclustered,omitempty"`
	// Dated and Undated count the documents with and without a date.
	Dated   int `json:"dated"`
	Undated int `json:"undated"`
}

// period is a unit of time: how to find the start of the period holding
// an instant, and the start of the next one.
type period struct {
	name  string
	floor func(time.Time) time.Time
	next  func(time.Time) time.Time
}

// periods are the candidates, shortest first.
var periods = [...]period{
	{"hour", func(t time.Time) time.Time { return t.Truncate(time.Hour) },
		func(t time.Time) time.Time { return t.Add(time.Hour) }},
	{"day", func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
	{"week", func(t time.Time) time.Time {
		back := (int(t.Weekday()) + 6) % 7 // days since Monday
		return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, time.UTC)
	}, func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }},
	{"month", func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
	{"year", func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
}

// choosePeriod returns the shortest period covering first to last in at
// most MaxPeriods periods (see Timeline), and the starts of its periods.
func choosePeriod(first, last time.Time, timeOfDay bool) (period, []time.Time) {
	for k, p := range periods {
		if p.name == "hour" && !timeOfDay {
			continue
		}
		var starts []time.Time
		for s := p.floor(first); !s.After(last); s = p.next(s) {
			if len(starts) == MaxPeriods && k < len(periods)-1 {
				starts = nil
				break
			}
			starts = append(starts, s)
		}
		if starts != nil {
			return p, starts
		}
	}
	panic("report: no period covers the dates") // the last candidate always does
}

// buildTimeline counts the dated documents of r per cluster and period;
// it returns nil when no document has a date. dates are in the order of
// r.Assignments (zero for none).
func buildTimeline(r *Report, dates []time.Time) *Timeline {
	var first, last time.Time
	tl := &Timeline{}
	timeOfDay := false
	for _, d := range dates {
		if d.IsZero() {
			tl.Undated++
			continue
		}
		if tl.Dated == 0 || d.Before(first) {
			first = d
		}
		if tl.Dated == 0 || d.After(last) {
			last = d
		}
		tl.Dated++
		timeOfDay = timeOfDay || !d.Equal(periods[1].floor(d))
	}
	if tl.Dated == 0 {
		return nil
	}
	p, starts := choosePeriod(first, last, timeOfDay)
	tl.Period = p.name
	tl.Starts = make([]string, len(starts))
	for k, s := range starts {
		tl.Starts[k] = s.Format(time.RFC3339)
	}
	tl.Counts = make([][]int, r.K)
	for c := range tl.Counts {
		tl.Counts[c] = make([]int, len(starts))
	}
	for i, d := range dates {
		if d.IsZero() {
			continue
		}
		k := periodIndex(starts, p.floor(d))
		if c := r.Assignments[i].Cluster; c >= 0 {
			tl.Counts[c][k]++
			continue
		}
		if tl.Unclustered == nil {
			tl.Unclustered = make([]int, len(starts))
		}
		tl.Unclustered[k]++
	}
	return tl
}

// periodIndex returns the index of start in starts (sorted), which holds
// it.
func periodIndex(starts []time.Time, start time.Time) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid].After(start) {
			hi = mid - 1
		} else {
			lo = mid
		}
	}
	return lo
}

// End returns the end of period k of the timeline (the start of the
// next), in RFC 3339.
func (tl *Timeline) End(k int) string {
	if k+1 < len(tl.Starts) {
		return tl.Starts[k+1]
	}
	start, err := time.Parse(time.RFC3339, tl.Starts[k])
	if err != nil {
		panic("report: timeline start " + tl.Starts[k] + " is not RFC 3339") // Build wrote it
	}
	for _, p := range periods {
		if p.name == tl.Period {
			return p.next(start).Format(time.RFC3339)
		}
	}
	panic("report: unknown timeline period " + tl.Period)
}

// ErrNoDates is returned by WriteTimelineCSV for a report without a
// timeline: no document had a date, or no date field was read.
var ErrNoDates = errors.New("report: no document has a date (name the field holding them with --date-field)")

// WriteTimelineCSV writes the timeline of a report as CSV in long form:
// a header row "start,end,cluster,theme,documents", then one row per
// period and cluster (periods in order, clusters by id within a period,
// then cluster -1 when some dated document is unclustered), zero counts
// included, so that every period has a row for every cluster. start and
// end are RFC 3339 instants in UTC, end exclusive. Documents without a
// date are left out (Timeline.Undated counts them).
func WriteTimelineCSV(w io.Writer, r *Report) error {
	tl := r.Timeline
	if tl == nil {
		return ErrNoDates
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"start", "end", "cluster", "theme", "documents"}); err != nil {
		return err
	}
	for k, start := range tl.Starts {
		end := tl.End(k)
		for c, counts := range tl.Counts {
			theme := ""
			if c < len(r.Clusters) {
				theme = r.Clusters[c].Theme
			}
			if err := cw.Write([]string{start, end, strconv.Itoa(c), theme, strconv.Itoa(counts[k])}); err != nil {
				return err
			}
		}
		if tl.Unclustered != nil {
			if err := cw.Write([]string{start, end, "-1", "", strconv.Itoa(tl.Unclustered[k])}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
