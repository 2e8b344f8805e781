package corpus

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// jsonlShape describes synthetic JSON Lines that look like a real corpus:
// the mean size of a text, how often it breaks a line, and its fields.
type jsonlShape struct {
	name      string
	textBytes int  // mean bytes of text
	lineWords int  // mean words between "\n" in the text
	title     bool // whether documents have a title
}

// Shapes of the shared corpora (bytes per line of the decompressed files:
// bbc 2360, 20newsgroups 1360, agnews 316).
var jsonlShapes = []jsonlShape{
	{name: "bbc", textBytes: 2200, lineWords: 60, title: true},
	{name: "20newsgroups", textBytes: 1250, lineWords: 10},
	{name: "agnews", textBytes: 230, lineWords: 1000, title: true},
}

// syntheticJSONL writes n lines of the shape, as Python's json.dumps with
// ensure_ascii=False writes them (the shared corpora were written so).
func syntheticJSONL(shape jsonlShape, n int) []byte {
	words := strings.Fields(`the of and to a in that is was he for it with as his on be at by
		had are but from or have an they which one you were her all she there would their we him
		been has when who will more no if out so said what up its about into than them can only
		other new some could time these two may then do first any my now such like our over man
		me even most made after also did many before must through back years where much your way
		well down should because each just those people Mr how too little state good very make
		world still own see men work long get here between both life being under never day same
		another know while last might us great old year off come since against go came right
		used take three £600m "quoted" café naïve résumé 1.13bn 76% — – O'Brien e-mail`)
	rng := rand.New(rand.NewPCG(1, uint64(shape.textBytes)))
	var b bytes.Buffer
	str := func(s string) {
		enc, _ := json.Marshal(s)
		b.Write(enc)
	}
	var text strings.Builder
	for i := range n {
		text.Reset()
		size := shape.textBytes/2 + rng.IntN(shape.textBytes)
		for w := 0; text.Len() < size; w++ {
			if w > 0 {
				if rng.IntN(shape.lineWords) == 0 {
					text.WriteString("\n")
				} else {
					text.WriteString(" ")
				}
			}
			text.WriteString(words[rng.IntN(len(words))])
		}
		fmt.Fprintf(&b, `{"id": "doc/%d", "label": "class%d", "title": `, i, i%7)
		if shape.title {
			str(fmt.Sprintf("Headline %d of %s", i, words[rng.IntN(len(words))]))
		} else {
			b.WriteString(`""`)
		}
		b.WriteString(`, "text": `)
		str(text.String())
		fmt.Fprintf(&b, `, "split": "train", "n": %d}`+"\n", rng.IntN(1000))
	}
	return b.Bytes()
}

func gzipBytes(tb testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// readAllJSONL reads gzip-compressed JSON Lines as walkFile does, with
// parse in place of the scanner, and returns the number of documents.
func readAllJSONL(tb testing.TB, data []byte, parse lineParser) int {
	in, stop, err := openInput(bytes.NewReader(data), "b.jsonl.gz")
	if err != nil {
		tb.Fatal(err)
	}
	defer stop()
	e := emitter{path: "b.jsonl.gz", fn: func(Document) error { return nil }}
	if err := readJSONLWith(in, "b.jsonl.gz", Options{}.fieldNames(), -1, &e, parse); err != nil {
		tb.Fatal(err)
	}
	return e.n
}

// stdParseLine decodes a line with encoding/json into a map of raw values,
// then decodes the four wanted ones.
func stdParseLine(data []byte, line int, f fieldNames) (Document, bool, error) {
	obj := bytes.Trim(data, " \t\r\n")
	if len(obj) == 0 {
		return Document{}, false, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(obj, &m); err != nil {
		return Document{}, false, err
	}
	var d Document
	var err error
	get := func(name string, dst *string) {
		raw, ok := m[name]
		if !ok || err != nil {
			return
		}
		switch raw[0] {
		case '"':
			if bytes.IndexByte(raw, '\\') < 0 {
				*dst = string(raw[1 : len(raw)-1])
				return
			}
			err = json.Unmarshal(raw, dst)
		case 'n':
		case 't', 'f', '{', '[':
			err = fmt.Errorf("field %q: wrong type", name)
		default:
			*dst = numberString(raw)
		}
	}
	get(f.id, &d.ID)
	get(f.title, &d.Title)
	get(f.text, &d.Text)
	get(f.label, &d.Label)
	return d, true, err
}

// BenchmarkJSONLDecoders compares the whole read of gzip-compressed JSON
// Lines (decompression, lines, decoding, documents) with the hand-written
// scanner and with encoding/json. Bytes are those of the decompressed
// JSON.
func BenchmarkJSONLDecoders(b *testing.B) {
	var sc jsonScanner
	decoders := []struct {
		name  string
		parse lineParser
	}{
		{"scanner", sc.parseLine},
		{"encoding-json", stdParseLine},
		{"lines-only", nopParseLine},
	}
	for _, shape := range jsonlShapes {
		raw := syntheticJSONL(shape, 4000)
		data := gzipBytes(b, raw)
		for _, dec := range decoders {
			b.Run(shape.name+"/"+dec.name, func(b *testing.B) {
				b.SetBytes(int64(len(raw)))
				cpu := cpuTime()
				for b.Loop() {
					readAllJSONL(b, data, dec.parse)
				}
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// nopParseLine decodes nothing: with it, a read measures decompression and
// the splitting of lines alone.
func nopParseLine(data []byte, line int, f fieldNames) (Document, bool, error) {
	return Document{ID: fmt.Sprint(line)}, true, nil
}
