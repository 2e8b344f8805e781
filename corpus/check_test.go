package corpus

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"unicode/utf8"
)

// chunkReader returns at most n bytes per read.
type chunkReader struct {
	data []byte
	n    int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	k := min(len(p), c.n, len(c.data))
	copy(p, c.data[:k])
	c.data = c.data[k:]
	return k, nil
}

// checkWhole is what textChecker must pass on from data, and its error:
// computed on the whole input at once.
func checkWhole(data []byte) ([]byte, string) {
	bad, what := firstBad(data)
	if bad < 0 {
		return data, ""
	}
	before := data[:bad]
	start := bytes.LastIndexByte(before, '\n') + 1
	line := 1 + bytes.Count(before, []byte{'\n'})
	msg := fmt.Sprintf("corpus: in:%d: %s at column %d (byte offset %d)", line, what, bad-start+1, bad)
	if what == invalidText {
		msg += ": not UTF-8 text (a binary file, or another encoding)"
	}
	return data[:start], msg
}

// FuzzTextChecker checks textChecker against checkWhole, with the input
// cut into reads of any size and buffers of any size: it passes on the
// lines before the first bad byte (all of them, if the buffer holds the
// bad line; else perhaps part of that line, never the bad byte), and
// fails with the same error.
func FuzzTextChecker(f *testing.F) {
	for _, s := range []string{
		"a\nb\n", "a\nb\x00c\n", "caf\xc3\xa9\n\xff", "\xe2\x82", "\xe2\x82\xac", "x\n\xf0\x9f\x98\x80\x00", "",
		"long line without a break, then \x00",
	} {
		f.Add([]byte(s), uint8(1), uint8(255))
	}
	f.Fuzz(func(t *testing.T, data []byte, chunk, size uint8) {
		bufLen := int(size)%64 + utf8.UTFMax + 1
		tc := &textChecker{src: &chunkReader{data, int(chunk)%16 + 1}, name: "in", buf: make([]byte, bufLen)}
		got, err := io.ReadAll(tc)
		wantPassed, wantErr := checkWhole(data)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if gotErr != wantErr {
			t.Fatalf("%q: error %q, want %q", data, gotErr, wantErr)
		}
		bad, _ := firstBad(data)
		switch {
		case !bytes.HasPrefix(data, got):
			t.Fatalf("%q: passed on %q, not a prefix", data, got)
		case bad < 0 && len(got) != len(data):
			t.Fatalf("%q: passed on %q, want it all", data, got)
		case bad >= 0 && (len(got) < len(wantPassed) || len(got) > bad):
			t.Fatalf("%q: passed on %q, want %q and no more than the bad byte", data, got, wantPassed)
		case bad >= 0 && bad-len(wantPassed) < bufLen-utf8.UTFMax && len(got) != len(wantPassed):
			t.Fatalf("%q: passed on %q, want %q: the bad line fits the buffer", data, got, wantPassed)
		}
	})
}
