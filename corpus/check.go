package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// textChecker passes on the bytes of src, after decompression, checking
// that they are text: no NUL byte (the mark of a binary file) and valid
// UTF-8. It passes on whole lines only (but for a line longer than its
// buffer), and at the first bad byte it passes on the lines before it, then
// fails with an *Error at that byte's line and column. So a parser never
// sees binary data or invalid UTF-8, reports the errors of earlier lines
// first, and refuses a binary file after one read, however long the file
// is; and the error does not depend on how the reads of src are cut.
type textChecker struct {
	src  io.Reader
	name string
	buf  []byte
	// buf[r:c] is passed on and not yet read; buf[c:k] is checked, the
	// start of a line, held back until the line ends or fills buf;
	// buf[k:w] is the start of a UTF-8 sequence.
	r, c, k, w int
	off        int64 // input offset of buf[0]
	lines      int   // line breaks before buf[c]
	lineStart  int64 // input offset of the start of the line of buf[c]
	err        error // returned once buf[r:c] is read
}

func newTextChecker(src io.Reader, name string) *textChecker {
	return &textChecker{src: src, name: name, buf: make([]byte, bufSize)}
}

// Read implements io.Reader.
func (t *textChecker) Read(p []byte) (int, error) {
	for t.r == t.c {
		if t.err != nil {
			return 0, t.err
		}
		t.fill()
	}
	n := copy(p, t.buf[t.r:t.c])
	t.r += n
	return n, nil
}

// fill reads more of src, checks it and passes on what it can; buf[r:c]
// is empty.
func (t *textChecker) fill() {
	if t.w == len(t.buf) { // make room
		t.off += int64(t.c)
		t.w = copy(t.buf, t.buf[t.c:t.w])
		t.k -= t.c
		t.r, t.c = 0, 0
	}
	n, err := t.src.Read(t.buf[t.w:])
	t.w += n
	end := t.w
	if err != io.EOF {
		// Before the end, the next read may complete a sequence.
		end = t.k + completeRunes(t.buf[t.k:t.w])
	}
	if bad, what := firstBad(t.buf[t.k:end]); bad >= 0 {
		bad += t.k
		t.err = t.errorAt(bad, what)
		t.pass(t.c + bytes.LastIndexByte(t.buf[t.c:bad], '\n') + 1)
		return
	}
	checked := t.buf[t.k:end]
	t.k = end
	switch i := bytes.LastIndexByte(checked, '\n'); {
	case err != nil:
		t.err = err
		t.pass(end)
	case i >= 0:
		t.pass(end - len(checked) + i + 1)
	case t.c == 0 && t.w == len(t.buf):
		t.pass(end) // a line longer than the buffer
	}
}

// pass passes on buf[c:c2].
func (t *textChecker) pass(c2 int) {
	seg := t.buf[t.c:c2]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		t.lines += n
		t.lineStart = t.off + int64(t.c+bytes.LastIndexByte(seg, '\n')+1)
	}
	t.c = c2
}

// errorAt returns the error for the bad byte buf[i].
func (t *textChecker) errorAt(i int, what string) error {
	before := t.buf[t.c:i]
	line := t.lines + 1 + bytes.Count(before, []byte{'\n'})
	start := t.lineStart
	if j := bytes.LastIndexByte(before, '\n'); j >= 0 {
		start = t.off + int64(t.c+j+1)
	}
	offset := t.off + int64(i)
	msg := fmt.Sprintf("%s at column %d (byte offset %d)", what, offset-start+1, offset)
	if what == invalidText {
		msg += ": not UTF-8 text (a binary file, or another encoding)"
	}
	return &Error{Path: t.name, Line: line, Err: errors.New(msg)}
}

// invalidText is what firstBad calls an invalid UTF-8 sequence.
const invalidText = "invalid UTF-8"

// firstBad returns the index of the first NUL byte or invalid UTF-8
// sequence in data, and what it is, or -1.
func firstBad(data []byte) (int, string) {
	nul := bytes.IndexByte(data, 0)
	text := data
	if nul >= 0 {
		text = data[:nul]
	}
	if !utf8.Valid(text) {
		return invalidUTF8(text), invalidText
	}
	if nul >= 0 {
		return nul, "binary file: NUL byte"
	}
	return -1, ""
}

// completeRunes returns the length of data without an incomplete UTF-8
// sequence at its end.
func completeRunes(data []byte) int {
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return i
			}
			break
		}
	}
	return len(data)
}

// invalidUTF8 returns the offset of the first invalid UTF-8 sequence in
// data, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// readError wraps an error met while reading the input, at line (0 if
// unknown), leaving an *Error of the text check as it is.
func readError(name string, line int, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Path: name, Line: line, Err: cause(err)}
}
