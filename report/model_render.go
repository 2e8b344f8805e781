package report

import (
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

// WritePlacement writes p to w as one line of JSON (a JSON Lines record)
// with a single Write, so that a reader at the other end of a pipe sees it
// whole as soon as it is written.
func WritePlacement(w io.Writer, p topics.Placement) error {
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// PlacementCSVHeader is the header row of WritePlacementCSV.
func PlacementCSVHeader() []string {
	return []string{"id", "cluster", "parent", "theme", "similarity", "neighbors"}
}

// WritePlacementCSV writes p to w as one CSV record (columns of
// PlacementCSVHeader; neighbors as "id:similarity" joined by ";") with a
// single Write.
func WritePlacementCSV(w io.Writer, p topics.Placement) error {
	nbs := make([]string, len(p.Neighbors))
	for k, nb := range p.Neighbors {
		nbs[k] = nb.ID + ":" + strconv.FormatFloat(nb.Similarity, 'f', 6, 64)
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write([]string{p.ID, strconv.Itoa(p.Cluster), strconv.Itoa(p.Parent), p.Theme, strconv.FormatFloat(p.Similarity, 'f', 6, 64), strings.Join(nbs, ";")})
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteMatchesTable writes matches as a numbered table for a terminal: the
// similarity, id and title of each, then the terms it shares with the query
// and their shares in percent.
func WriteMatchesTable(w io.Writer, matches []topics.Match) error {
	ew := &errWriter{w: w}
	if len(matches) == 0 {
		ew.printf("no indexed document is similar to the query\n")
	}
	for i, m := range matches {
		ew.printf("%2d  %.3f  %s  %s\n", i+1, m.Similarity, m.ID, textfmt.Clip(m.Title, 70))
		terms := make([]string, len(m.Terms))
		for k, t := range m.Terms {
			terms[k] = fmt.Sprintf("%s %.0f%%", t.Term, 100*t.Share)
		}
		if len(terms) == 0 {
			terms = []string{"(no shared indexed term: related by LSA only)"}
		}
		ew.printf("           shared terms: %s\n", strings.Join(terms, ", "))
	}
	return ew.err
}
