package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// readJSONL reads JSON Lines, one document per non-blank line, and checks
// at the end that the fields named in opt were in some record.
func readJSONL(in *bufio.Reader, name string, opt Options, e *emitter) error {
	f := opt.fieldNames()
	var sc jsonScanner
	if err := readJSONLWith(in, name, f, opt.maxDocBytes(), e, sc.parseLine); err != nil {
		return err
	}
	if e.n == 0 {
		return nil // no documents: finish says so
	}
	for i, named := range f.named {
		if named && !sc.present[i] {
			return &Error{Path: name, Err: fmt.Errorf("no record has the field %q (line %d has %s)", f.name(i), sc.firstLine, fieldList(sc.firstKeys))}
		}
	}
	if !sc.present[fieldText] {
		opt.warn("%s: no record has a %q field: the documents are their titles only (line %d has %s)", name, f.text, sc.firstLine, fieldList(sc.firstKeys))
	}
	return nil
}

// lineParser decodes one line of JSON Lines, reporting false for a blank
// line.
type lineParser func(data []byte, line int, f fieldNames) (Document, bool, error)

// readJSONLWith reads JSON Lines of at most limit bytes each (no limit if
// negative) with parse.
func readJSONLWith(in *bufio.Reader, name string, f fieldNames, limit int64, e *emitter, parse lineParser) error {
	var (
		buf  []byte
		line int
	)
	for {
		data, err := readLine(in, &buf, limit)
		if err != nil && err != io.EOF {
			// A line cut short by an error is not worth parsing.
			return readError(name, line+1, err)
		}
		if len(data) > 0 {
			line++
			d, ok, perr := parse(data, line, f)
			if perr != nil {
				return &Error{Path: name, Line: line, Err: perr}
			}
			if ok {
				if err := e.emit(d, line); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine returns the next line of in, with its newline, however long it
// is up to limit bytes without the line end (no limit if negative). The
// result is valid until the next call; *buf holds lines longer than the
// buffer of in.
func readLine(in *bufio.Reader, buf *[]byte, limit int64) ([]byte, error) {
	s, err := in.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		*buf = append((*buf)[:0], s...)
		for err == bufio.ErrBufferFull {
			if limit >= 0 && int64(len(*buf)) > limit+2 {
				return nil, tooLarge(-1, limit)
			}
			s, err = in.ReadSlice('\n')
			*buf = append(*buf, s...)
		}
		s = *buf
	}
	if limit >= 0 && int64(len(s)) > limit {
		if n := len(bytes.TrimSuffix(bytes.TrimSuffix(s, []byte{'\n'}), []byte{'\r'})); int64(n) > limit {
			return nil, tooLarge(int64(n), limit)
		}
	}
	return s, err
}

// maxDepth bounds the nesting of JSON values, as encoding/json does.
const maxDepth = 10000

// jsonScanner decodes one line of JSON Lines in a single pass: it checks
// the whole line against the JSON grammar (RFC 8259) and decodes only the
// four fields of a Document, skipping the others. It decodes as
// encoding/json does: a later duplicate key wins, and escaped lone
// surrogates become U+FFFD; but field names match exactly, case included.
//
// Why not encoding/json: BenchmarkJSONLDecoders times the whole read of
// gzip-compressed JSON Lines (decompression, text check, lines, decoding)
// shaped like bbc, 20newsgroups and agnews. With encoding/json (a map of
// raw values, then the wanted ones) the read took 1.75, 2.5 and 1.9 times
// the wall time of this scanner and 2.2, 2.4 and 2.7 times its CPU time
// (medians of 5 runs, Go 1.26, a shared 2-core machine); decoding alone
// is about 8 times slower. Decoding lines on two cores at once could at
// best halve that CPU time, still 1.1 to 1.35 times the scanner's wall
// time at twice its CPU; a prototype of it took 1.1 to 2.4 times. Go
// 1.26 has encoding/json/v2 and jsontext only with GOEXPERIMENT=jsonv2.
type jsonScanner struct {
	data   []byte
	i      int
	buf    []byte // scratch space for unescaped strings
	fields [numFields]jsonValue

	// Over the lines: which fields some record had (null counts), and
	// the keys of the first record, for messages.
	present   [numFields]bool
	firstLine int
	firstKeys []string
	keys      *[]string // if not nil, object appends each key
}

// jsonValue is a decoded field: a string, or a number rendered as one.
type jsonValue struct {
	s  string
	ok bool // present and not null
}

// parseLine decodes one line into a document, reporting false for a blank
// line. The line is valid UTF-8 without NUL bytes (textChecker saw to it).
func (sc *jsonScanner) parseLine(data []byte, line int, f fieldNames) (Document, bool, error) {
	data = bytes.TrimSuffix(data, []byte{'\n'})
	data = bytes.TrimSuffix(data, []byte{'\r'})
	sc.data, sc.i = data, 0
	sc.fields = [numFields]jsonValue{}
	sc.skipSpace()
	switch sc.peek() {
	case 0:
		return Document{}, false, nil
	case '{':
	case '[':
		return Document{}, false, errors.New("malformed JSON: found an array, want one object per line")
	default:
		return Document{}, false, sc.errorf("want an object")
	}
	if sc.firstLine == 0 {
		sc.keys = &sc.firstKeys
	}
	err := sc.object(f)
	sc.keys = nil
	if err != nil {
		return Document{}, false, err
	}
	if sc.firstLine == 0 {
		sc.firstLine = line
	}
	if !sc.fields[fieldTitle].ok && !sc.fields[fieldText].ok {
		var keys []string
		sc.i, sc.keys = 0, &keys
		sc.skipSpace()
		sc.object(f) // again, for its keys
		return Document{}, false, fmt.Errorf("no %q or %q field (the line has %s)", f.title, f.text, fieldList(keys))
	}
	d := Document{
		ID:    sc.fields[fieldID].s,
		Title: sc.fields[fieldTitle].s,
		Text:  sc.fields[fieldText].s,
		Label: sc.fields[fieldLabel].s,
	}
	if d.ID == "" {
		d.ID = strconv.Itoa(line)
	}
	if err := setDate(&d, sc.fields[fieldDate].s, f); err != nil {
		return Document{}, false, err
	}
	return d, true, nil
}

// errorf reports a syntax error at the current position.
func (sc *jsonScanner) errorf(format string, args ...any) error {
	return fmt.Errorf("malformed JSON at column %d: %s", sc.i+1, fmt.Sprintf(format, args...))
}

// unexpected reports the byte at the current position as unexpected.
func (sc *jsonScanner) unexpected(want string) error {
	if sc.i >= len(sc.data) || sc.data[sc.i] == '\n' || sc.data[sc.i] == '\r' {
		return sc.errorf("unexpected end of line, want %s", want)
	}
	r, _ := utf8.DecodeRune(sc.data[sc.i:])
	return sc.errorf("unexpected %q, want %s", r, want)
}

// peek returns the byte at the current position, or 0 at the end (the line
// holds no NUL byte).
func (sc *jsonScanner) peek() byte {
	if sc.i < len(sc.data) {
		return sc.data[sc.i]
	}
	return 0
}

func (sc *jsonScanner) skipSpace() {
	for sc.i < len(sc.data) && isSpace(sc.data[sc.i]) {
		sc.i++
	}
}

// object scans the top-level object, keeping the fields of f, and checks
// that only white space follows it.
func (sc *jsonScanner) object(f fieldNames) error {
	sc.i++ // '{'
	sc.skipSpace()
	if sc.peek() == '}' {
		sc.i++
		return sc.end()
	}
	for {
		if sc.peek() != '"' {
			return sc.unexpected("a string key")
		}
		key, err := sc.str()
		if err != nil {
			return err
		}
		if sc.keys != nil {
			*sc.keys = append(*sc.keys, string(key))
		}
		slot := -1
		switch string(key) {
		case f.id:
			slot = fieldID
		case f.title:
			slot = fieldTitle
		case f.text:
			slot = fieldText
		case f.label:
			slot = fieldLabel
		}
		// The date, when named, may share its field with another.
		date := f.named[fieldDate] && string(key) == f.date
		sc.skipSpace()
		if sc.peek() != ':' {
			return sc.unexpected("':'")
		}
		sc.i++
		sc.skipSpace()
		if slot < 0 && !date {
			err = sc.skip(1)
		} else {
			var v jsonValue
			v, err = sc.field(string(key))
			if slot >= 0 {
				sc.present[slot], sc.fields[slot] = true, v
			}
			if date {
				sc.present[fieldDate], sc.fields[fieldDate] = true, v
			}
		}
		if err != nil {
			return err
		}
		sc.skipSpace()
		switch sc.peek() {
		case ',':
			sc.i++
			sc.skipSpace()
		case '}':
			sc.i++
			return sc.end()
		default:
			return sc.unexpected("',' or '}'")
		}
	}
}

// end checks that nothing but white space is left.
func (sc *jsonScanner) end() error {
	sc.skipSpace()
	if sc.i < len(sc.data) {
		return sc.unexpected("the end of the line after the object")
	}
	return nil
}

// field decodes the value of a wanted field: a string, a number or null.
func (sc *jsonScanner) field(name string) (jsonValue, error) {
	var kind string
	switch c := sc.peek(); c {
	case '"':
		s, err := sc.str()
		return jsonValue{s: string(s), ok: true}, err
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		start := sc.i
		err := sc.number()
		return jsonValue{s: numberString(sc.data[start:sc.i]), ok: true}, err
	case 'n':
		return jsonValue{}, sc.literal("null")
	case 't', 'f':
		kind = "a boolean"
	case '{':
		kind = "an object"
	case '[':
		kind = "an array"
	default:
		return jsonValue{}, sc.unexpected("a value")
	}
	if err := sc.skip(1); err != nil {
		return jsonValue{}, err
	}
	return jsonValue{}, fmt.Errorf("field %q is %s, want a string or a number", name, kind)
}

// skip scans any value, nested depth deep.
func (sc *jsonScanner) skip(depth int) error {
	if depth > maxDepth {
		return sc.errorf("nested too deeply")
	}
	switch c := sc.peek(); c {
	case '"':
		_, err := sc.str()
		return err
	case 't':
		return sc.literal("true")
	case 'f':
		return sc.literal("false")
	case 'n':
		return sc.literal("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return sc.number()
	case '{', '[':
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		sc.i++
		sc.skipSpace()
		if sc.peek() == closing {
			sc.i++
			return nil
		}
		for {
			if c == '{' {
				if sc.peek() != '"' {
					return sc.unexpected("a string key")
				}
				if _, err := sc.str(); err != nil {
					return err
				}
				sc.skipSpace()
				if sc.peek() != ':' {
					return sc.unexpected("':'")
				}
				sc.i++
				sc.skipSpace()
			}
			if err := sc.skip(depth + 1); err != nil {
				return err
			}
			sc.skipSpace()
			switch sc.peek() {
			case ',':
				sc.i++
				sc.skipSpace()
			case closing:
				sc.i++
				return nil
			default:
				return sc.unexpected(fmt.Sprintf("',' or '%c'", closing))
			}
		}
	}
	return sc.unexpected("a value")
}

func (sc *jsonScanner) literal(word string) error {
	if !bytes.HasPrefix(sc.data[sc.i:], []byte(word)) {
		return sc.unexpected(word)
	}
	sc.i += len(word)
	return nil
}

// number scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (sc *jsonScanner) number() error {
	if sc.peek() == '-' {
		sc.i++
	}
	switch c := sc.peek(); {
	case c == '0':
		sc.i++
	case '1' <= c && c <= '9':
		sc.digits()
	default:
		return sc.unexpected("a digit")
	}
	if sc.peek() == '.' {
		sc.i++
		if !isDigit(sc.peek()) {
			return sc.unexpected("a digit")
		}
		sc.digits()
	}
	if c := sc.peek(); c == 'e' || c == 'E' {
		sc.i++
		if c := sc.peek(); c == '+' || c == '-' {
			sc.i++
		}
		if !isDigit(sc.peek()) {
			return sc.unexpected("a digit")
		}
		sc.digits()
	}
	return nil
}

func (sc *jsonScanner) digits() {
	for isDigit(sc.peek()) {
		sc.i++
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// str decodes a string. The result aliases the line or the scratch buffer
// and is valid until the next call.
func (sc *jsonScanner) str() ([]byte, error) {
	d := sc.data
	start := sc.i + 1
	i := start
	for ; i < len(d); i++ {
		c := d[i]
		if c == '"' {
			sc.i = i + 1
			return d[start:i], nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	b := append(sc.buf[:0], d[start:i]...)
	defer func() { sc.buf = b[:0] }()
	for i < len(d) {
		switch c := d[i]; {
		case c == '"':
			sc.i = i + 1
			return b, nil
		case c == '\\':
			sc.i = i
			r, n, err := sc.escape()
			if err != nil {
				return nil, err
			}
			b = utf8.AppendRune(b, r)
			i += n
		case c < 0x20:
			sc.i = i
			return nil, sc.unexpected("a character of a string (control characters must be escaped)")
		default:
			j := i + 1
			for j < len(d) && d[j] != '"' && d[j] != '\\' && d[j] >= 0x20 {
				j++
			}
			b = append(b, d[i:j]...)
			i = j
		}
	}
	sc.i = len(d)
	return nil, sc.unexpected("'\"' closing the string")
}

// escape decodes the escape sequence at the current position, returning the
// rune and the length of the sequence. A lone surrogate gives U+FFFD.
func (sc *jsonScanner) escape() (rune, int, error) {
	d := sc.data[sc.i:]
	if len(d) < 2 {
		sc.i++
		return 0, 0, sc.unexpected("an escape sequence")
	}
	switch d[1] {
	case '"', '\\', '/':
		return rune(d[1]), 2, nil
	case 'b':
		return '\b', 2, nil
	case 'f':
		return '\f', 2, nil
	case 'n':
		return '\n', 2, nil
	case 'r':
		return '\r', 2, nil
	case 't':
		return '\t', 2, nil
	case 'u':
		r := hex4(d[2:])
		if r < 0 {
			return 0, 0, sc.errorf("invalid \\u escape")
		}
		if !utf16.IsSurrogate(r) {
			return r, 6, nil
		}
		if len(d) >= 12 && d[6] == '\\' && d[7] == 'u' {
			if dec := utf16.DecodeRune(r, hex4(d[8:])); dec != utf8.RuneError {
				return dec, 12, nil
			}
		}
		return utf8.RuneError, 6, nil
	}
	sc.i++
	return 0, 0, sc.unexpected("an escape sequence")
}

// hex4 decodes four hexadecimal digits, or returns -1.
func hex4(d []byte) rune {
	if len(d) < 4 {
		return -1
	}
	var r rune
	for _, c := range d[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// numberString renders a JSON number: integers without a fraction or an
// exponent ("1e3" and "1000.0" both give "1000"), other numbers in the
// shortest form that reads back as the same float64.
func numberString(raw []byte) string {
	if !bytes.ContainsAny(raw, ".eE") {
		return string(raw)
	}
	x, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return string(raw) // out of range: keep the digits
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e21 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}
