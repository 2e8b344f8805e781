package corpus_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/topics-dev/topics/corpus"
)

func TestParseDate(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"2006-01-02T15:04:05Z", utc(2006, 1, 2, 15, 4, 5, 0)},
		{"2006-01-02T15:04:05.25+01:00", utc(2006, 1, 2, 14, 4, 5, 250e6)},
		{"2006-01-02T15:04:05-07:00", utc(2006, 1, 2, 22, 4, 5, 0)},
		{"2006-01-02T15:04:05", utc(2006, 1, 2, 15, 4, 5, 0)},
		{"2006-01-02 15:04:05", utc(2006, 1, 2, 15, 4, 5, 0)},
		{"2006-01-02 15:04:05Z", utc(2006, 1, 2, 15, 4, 5, 0)},
		{"2006-01-02T15:04", utc(2006, 1, 2, 15, 4, 0, 0)},
		{"2006-01-02 15:04", utc(2006, 1, 2, 15, 4, 0, 0)},
		{"2006-01-02T15:04+02:00", utc(2006, 1, 2, 13, 4, 0, 0)},
		{"2006-01-02", utc(2006, 1, 2, 0, 0, 0, 0)},
		{"  2006-01-02\n", utc(2006, 1, 2, 0, 0, 0, 0)},
		{"Mon, 02 Jan 2006 15:04:05 -0700", utc(2006, 1, 2, 22, 4, 5, 0)},
		{"Mon, 02 Jan 2006 15:04:05 GMT", utc(2006, 1, 2, 15, 4, 5, 0)},
		// Reuters-21578, as its date field has it.
		{"26-FEB-1987 15:01:01.79", utc(1987, 2, 26, 15, 1, 1, 790e6)},
		{"1-MAR-1987 01:30:29.50", utc(1987, 3, 1, 1, 30, 29, 500e6)},
		{"3-MAR-1987  09:15:05.40", utc(1987, 3, 3, 9, 15, 5, 400e6)},
		{"7-APR-1987 16:22:00.0", utc(1987, 4, 7, 16, 22, 0, 0)},
		{"27-MAR-1987 00:03:35.68&#5;&#5;&#5;F", utc(1987, 3, 27, 0, 3, 35, 680e6)},
		{"9-APR-1987 00:00:00.00    # date added by S Finch as guesswork", utc(1987, 4, 9, 0, 0, 0, 0)},
		{"26-feb-1987", utc(1987, 2, 26, 0, 0, 0, 0)},
		{"26-Feb-1987 15:01", utc(1987, 2, 26, 15, 1, 0, 0)},
		// Since the epoch: seconds below 10^11, milliseconds from there.
		{"1394470370698", utc(2014, 3, 10, 16, 52, 50, 698e6)}, // the UCI News Aggregator
		{"1394470370", utc(2014, 3, 10, 16, 52, 50, 0)},
		{"1394470370.5", utc(2014, 3, 10, 16, 52, 50, 500e6)},
		{"0", utc(1970, 1, 1, 0, 0, 0, 0)},
		{"-86400", utc(1969, 12, 31, 0, 0, 0, 0)},
		{"+86400", utc(1970, 1, 2, 0, 0, 0, 0)},
		{"99999999999", utc(5138, 11, 16, 9, 46, 39, 0)},
		{"100000000000", utc(1973, 3, 3, 9, 46, 40, 0)},
		{"-100000000000", utc(1966, 10, 31, 14, 13, 20, 0)},
		{"100000000000.5", utc(1973, 3, 3, 9, 46, 40, 500e3)},
		{"253402300799999", utc(9999, 12, 31, 23, 59, 59, 999e6)},
	} {
		got, err := corpus.ParseDate(c.in)
		if err != nil || !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v; want %v in UTC", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{
		"", " ", "yesterday", "2006-13-01", "2006-02-30", "2006-01-02T25:00:00Z", "2006-01-02T15:04:05 PST",
		"Mon, 02 Jan 2006 15:04:05 EST", "31-MAR-1987 605:12:19.12", "26-FOO-1987", "26-FEB-1987 garbage",
		"1.", ".", "-", "+-5", "1e9", "0x10", "12:30", "2006/01/02", "253402300800000", "9999999999999999",
		"-62135596800", "0001-01-01", "10000-01-01",
	} {
		if got, err := corpus.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", bad, got)
		} else if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "date") {
			t.Errorf("ParseDate(%q): error %q is not one line about a date", bad, err)
		}
	}
}

// FuzzParseDate checks that a date read is in UTC within the years 1 to
// 9999, and reads back the same from RFC 3339 and from milliseconds since
// the epoch (to the millisecond).
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2006-01-02T15:04:05.999+01:00", "2006-01-02", "26-FEB-1987 15:01:01.79&#5;",
		"Mon, 02 Jan 2006 15:04:05 GMT", "1394470370698", "-1.5", "9-APR-1987 00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := corpus.ParseDate(s)
		if err != nil {
			if !d.IsZero() || strings.Contains(err.Error(), "\n") {
				t.Fatalf("ParseDate(%q): %v with %v", s, err, d)
			}
			return
		}
		if d.Location() != time.UTC || d.Year() < 1 || d.Year() > 9999 || d.IsZero() {
			t.Fatalf("ParseDate(%q) = %v: not in UTC within the years 1 to 9999", s, d)
		}
		back, err := corpus.ParseDate(d.Format(time.RFC3339Nano))
		if err != nil || !back.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v; its RFC 3339 form reads as %v, %v", s, d, back, err)
		}
		ms := d.UnixMilli()
		if ms <= -1e11 || ms >= 1e11 {
			back, err = corpus.ParseDate(strconv.FormatInt(ms, 10))
			if err != nil || !back.Equal(d.Truncate(time.Millisecond)) && !back.Equal(time.UnixMilli(ms).UTC()) {
				t.Fatalf("ParseDate(%q) = %v; its %d ms read as %v, %v", s, d, ms, back, err)
			}
		}
	})
}

// TestReadDates reads dates from JSON Lines and CSV, counts the documents
// without one in a warning, and refuses a date in no known form at its
// line.
func TestReadDates(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2014, 3, d, 0, 0, 0, 0, time.UTC) }
	jsonl := `{"id":"a","text":"x","published":"2014-03-10"}
{"id":"b","text":"x","published":1394496000000}
{"id":"c","text":"x"}
{"id":"d","text":"x","published":null}
{"id":"e","text":"x","published":"  "}
{"id":"f","text":"x","published":"1394582400"}
`
	csvData := "id,text,published\na,x,2014-03-10\nb,x,1394496000000\nc,x,\nf,x,1394582400\n"
	for _, c := range []struct {
		name, data string
		want       map[string]time.Time
		warning    string
	}{
		{"in.jsonl", jsonl, map[string]time.Time{"a": day(10), "b": day(11), "f": day(12)},
			`in.jsonl: 3 of 6 documents have no date (field "published" absent, null or empty)`},
		{"in.csv", csvData, map[string]time.Time{"a": day(10), "b": day(11), "f": day(12)},
			`in.csv: 1 of 4 documents have no date (field "published" absent, null or empty)`},
	} {
		var warnings []string
		docs, err := corpus.ReadFrom(strings.NewReader(c.data), c.name,
			corpus.Options{DateField: "published", Warn: func(m string) { warnings = append(warnings, m) }})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, d := range docs {
			if want := c.want[d.ID]; !d.Date.Equal(want) {
				t.Errorf("%s: document %s dated %v, want %v", c.name, d.ID, d.Date, want)
			}
		}
		if len(warnings) != 1 || warnings[0] != c.warning {
			t.Errorf("%s: warnings %q, want %q", c.name, warnings, c.warning)
		}
		// Without DateField, no date is read and nothing is said.
		warnings = nil
		docs, err = corpus.ReadFrom(strings.NewReader(c.data), c.name, corpus.Options{Warn: func(m string) { warnings = append(warnings, m) }})
		if err != nil || len(warnings) != 0 || !docs[0].Date.IsZero() {
			t.Errorf("%s without DateField: %v, warnings %q, first date %v", c.name, err, warnings, docs[0].Date)
		}
	}
}

// TestReadDatesShared reads the dates of the two shared corpora that have
// them: the UCI News Aggregator sample (milliseconds since the epoch, as
// strings) and Reuters R8 (26-FEB-1987 15:01:01.79), whose spans the
// corpora's README states.
func TestReadDatesShared(t *testing.T) {
	for _, c := range []struct {
		file, field        string
		first, last        string
		dated, undated, of int
	}{
		{"uci-news-aggregator-sample.jsonl.gz", "timestamp", "2014-03-10T16:52", "2014-03-12T04:49", 6366, 0, 6366},
		{"reuters-r8.jsonl.gz", "date", "1987-02-26", "1987-10-", 7674, 0, 7674},
	} {
		path := filepath.Join(sharedCorpora, c.file)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("no shared corpora: %v", err)
		}
		docs, err := corpus.Read(path, corpus.Options{DateField: c.field})
		if err != nil {
			t.Fatal(err)
		}
		first, last := docs[0].Date, docs[0].Date
		dated := 0
		for _, d := range docs {
			if d.Date.IsZero() {
				continue
			}
			dated++
			if d.Date.Before(first) {
				first = d.Date
			}
			if d.Date.After(last) {
				last = d.Date
			}
		}
		if dated != c.dated || len(docs) != c.of ||
			!strings.HasPrefix(first.Format(time.RFC3339), c.first) || !strings.HasPrefix(last.Format(time.RFC3339), c.last) {
			t.Errorf("%s: %d of %d dated, from %v to %v; want %d of %d from %s… to %s…",
				c.file, dated, len(docs), first, last, c.dated, c.of, c.first, c.last)
		}
	}
}

func TestReadDateErrors(t *testing.T) {
	for _, c := range []struct {
		name, data, want string
	}{
		{"in.jsonl", "{\"text\":\"x\",\"date\":\"2014-03-10\"}\n{\"text\":\"y\",\"date\":\"soon\"}\n",
			`corpus: in.jsonl:2: field "date": date "soon" is not in a known form`},
		{"in.jsonl", "{\"text\":\"x\",\"date\":true}\n", `corpus: in.jsonl:1: field "date" is a boolean`},
		{"in.csv", "text,date\nx,2014-03-10\ny,31-MAR-1987 605:12:19.12\n",
			`corpus: in.csv:3: field "date": date "31-MAR-1987 605:12:19.12" is not in a known form`},
		{"in.jsonl", "{\"text\":\"x\"}\n", `corpus: in.jsonl: no record has the field "date"`},
		{"in.csv", "text\nx\n", `corpus: in.csv:1: no column "date"`},
		{"in.txt", "a title\ntext\n", `corpus: in.txt: a text file has no field "date"`},
	} {
		_, err := corpus.ReadFrom(strings.NewReader(c.data), c.name, corpus.Options{DateField: "date"})
		var ce *corpus.Error
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || !errors.As(err, &ce) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s %q: error %v, want one line starting %q", c.name, c.data, err, c.want)
		}
	}
	fsys := fstest.MapFS{"a.txt": {Data: []byte("title\ntext")}}
	if _, err := corpus.ReadFS(fsys, ".", corpus.Options{DateField: "date"}); err == nil ||
		!strings.Contains(err.Error(), `a directory of texts has no field "date"`) {
		t.Errorf("directory with DateField: error %v", err)
	}
}

// TestDateSharesField reads the date from a field that is also the id.
func TestDateSharesField(t *testing.T) {
	docs, err := corpus.ReadFrom(strings.NewReader(`{"id":"2014-03-10","text":"x"}`+"\n"), "in.jsonl",
		corpus.Options{IDField: "id", DateField: "id"})
	if err != nil || docs[0].ID != "2014-03-10" || !docs[0].Date.Equal(time.Date(2014, 3, 10, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("got %+v, %v", docs, err)
	}
}

// FuzzReadDates reads JSON Lines with a date field: an accepted corpus
// has dates in UTC, and written back with RFC 3339 dates it reads the
// same; a rejected one gives a one-line error naming the input.
func FuzzReadDates(f *testing.F) {
	for _, s := range []string{
		`{"text":"a","date":"2006-01-02"}` + "\n" + `{"text":"b","date":1394470370698}`,
		`{"text":"a","date":"26-FEB-1987 15:01:01.79&#5;"}` + "\n" + `{"text":"b"}`,
		`{"text":"a","date":null}` + "\n" + `{"text":"b","date":"soon"}`,
		`{"text":"a","date":-1.5e3}`,
	} {
		f.Add([]byte(s))
	}
	opt := corpus.Options{DateField: "date"}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.jsonl"
		docs, err := corpus.ReadFrom(bytes.NewReader(data), name, opt)
		if err != nil {
			checkFuzzError(t, err, name)
			return
		}
		checkDocs(t, docs)
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		for _, d := range docs {
			if !d.Date.IsZero() && d.Date.Location() != time.UTC {
				t.Fatalf("date %v not in UTC", d.Date)
			}
			rec := map[string]string{"id": d.ID, "title": d.Title, "text": d.Text, "label": d.Label}
			if !d.Date.IsZero() {
				rec["date"] = d.Date.Format(time.RFC3339Nano)
			}
			if err := enc.Encode(rec); err != nil {
				t.Fatal(err)
			}
		}
		again, err := corpus.ReadFrom(&b, name, opt)
		if err != nil && !strings.Contains(err.Error(), `no record has the field "date"`) {
			t.Fatalf("reading back: %v", err)
		}
		if err == nil && !reflect.DeepEqual(again, docs) {
			t.Fatalf("round trip:\n got %q\nwant %q", again, docs)
		}
	})
}
