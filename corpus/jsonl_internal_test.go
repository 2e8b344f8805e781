package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"unicode/utf8"
)

// refParseLine decodes a line with encoding/json, as a reference for
// jsonScanner.parseLine.
func refParseLine(data []byte, line int, f fieldNames) (Document, bool, error) {
	obj := bytes.Trim(data, " \t\r\n") // JSON white space only
	if len(obj) == 0 {
		return Document{}, false, nil
	}
	if obj[0] != '{' {
		return Document{}, false, fmt.Errorf("not an object")
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(obj, &m); err != nil {
		return Document{}, false, err
	}
	get := func(name string) (string, bool, error) {
		raw, ok := m[name]
		if !ok {
			return "", false, nil
		}
		switch raw[0] {
		case '"':
			var s string
			err := json.Unmarshal(raw, &s)
			return s, true, err
		case 'n':
			return "", false, nil
		case 't', 'f', '{', '[':
			return "", false, fmt.Errorf("field %q: wrong type", name)
		}
		return numberString(raw), true, nil
	}
	var d Document
	var hasTitle, hasText bool
	var err error
	for _, x := range []struct {
		name string
		s    *string
		ok   *bool
	}{{f.id, &d.ID, nil}, {f.title, &d.Title, &hasTitle}, {f.text, &d.Text, &hasText}, {f.label, &d.Label, nil}} {
		var ok bool
		if *x.s, ok, err = get(x.name); err != nil {
			return Document{}, false, err
		}
		if x.ok != nil {
			*x.ok = ok
		}
	}
	if !hasTitle && !hasText {
		return Document{}, false, fmt.Errorf("no title or text")
	}
	if d.ID == "" {
		d.ID = strconv.Itoa(line)
	}
	return d, true, nil
}

// FuzzJSONScanner checks the hand-written JSON scanner against
// encoding/json: the same lines are accepted, with the same fields.
func FuzzJSONScanner(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","title":"T","text":"x","label":"L"}`,
		`{"id": 1e3, "title": -0.5, "text": null, "x": [1, {"y": true}], "z": false}`,
		`{"text":"\u00e9\ud83d\ude00\ud800\udc00\ud800x\\\/\b\f\n\r\t\""}`,
		`{"t\u0065xt":"a","text":"b","title":"c","title":null}`,
		`{"text":"a"} x`,
		`{"text":01}`, `{"text":1.}`, `{"text":-}`, `{"text":1e}`, `{"text":1E+5}`,
		`{"a":[],"b":{},"c":[[]],"text":""}`,
		`{"text":"a",}`, `{,}`, `{}`, ` { } `, `{"text":"a"`, `{"text" "a"}`,
		`{"text":tru}`, `{"text":"\u12"}`, `{"text":"\x"}`, "{\"text\":\"a\tb\"}",
		`{"id":{"a":1},"text":""}`, `{"label":[1],"text":""}`, `{"title":true}`,
	} {
		f.Add([]byte(s))
	}
	names := fieldNames{id: "id", title: "title", text: "text", label: "label"}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.ContainsAny(data, "\n\r\x00") || !utf8.Valid(data) {
			return // one line at a time, of text as textChecker passes it
		}
		var sc jsonScanner
		got, gotOK, gotErr := sc.parseLine(data, 7, names)
		want, wantOK, wantErr := refParseLine(data, 7, names)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: scanner error %v, encoding/json error %v", data, gotErr, wantErr)
		}
		if gotErr == nil && (got != want || gotOK != wantOK) {
			t.Fatalf("%q:\n got %q %v\nwant %q %v", data, got, gotOK, want, wantOK)
		}
	})
}

func TestNumberString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"-12", "-12"},
		{"123456789012345678901234567890", "123456789012345678901234567890"},
		{"1e3", "1000"},
		{"1E+3", "1000"},
		{"1000.0", "1000"},
		{"-7.00", "-7"},
		{"2.50", "2.5"},
		{"1.5e-3", "0.0015"},
		{"1e21", "1e+21"},
		{"1e400", "1e400"},
	}
	for _, tt := range tests {
		if got := numberString([]byte(tt.in)); got != tt.want {
			t.Errorf("numberString(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
