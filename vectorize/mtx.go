package vectorize

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// MatrixMarketError reports malformed Matrix Market input. Line is the
// 1-based line number where the problem was found.
type MatrixMarketError struct {
	Line int
	Err  error
}

// Error returns "vectorize: matrix market: line N: ...".
func (e *MatrixMarketError) Error() string {
	return fmt.Sprintf("vectorize: matrix market: line %d: %v", e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *MatrixMarketError) Unwrap() error { return e.Err }

// maxMatrixMarketLine bounds the length of one line of Matrix Market input.
const maxMatrixMarketLine = 1 << 20

// ReadMatrixMarket reads a sparse matrix in the Matrix Market exchange
// format (https://math.nist.gov/MatrixMarket/formats.html), as written by
// WriteMatrixMarket or scipy.io.mmwrite: the banner
//
//	%%MatrixMarket matrix coordinate real general
//
// then comment lines starting with '%', a line "rows cols entries", and one
// line "i j value" per entry with 1-based indices. The field may also be
// integer or pattern (no value; every entry is 1), and the symmetry
// symmetric or skew-symmetric (each off-diagonal entry is mirrored, negated
// for skew-symmetric). Blank lines are ignored. Entries may come in any
// order; duplicates are summed, in the order they appear, as
// scipy.sparse does. rows and cols must be below 2³¹, and values finite.
//
// Errors about the content are *MatrixMarketError values that carry the
// line number.
func ReadMatrixMarket(r io.Reader) (*Sparse, error) {
	mr := &mmReader{sc: bufio.NewScanner(r)}
	mr.sc.Buffer(make([]byte, 0, 4096), maxMatrixMarketLine)
	h, err := mr.header()
	if err != nil {
		return nil, err
	}
	entries, err := mr.entries(h)
	if err != nil {
		return nil, err
	}
	return entriesToCSR(entries, h.rows, h.cols), nil
}

// mmReader reads Matrix Market input line by line, counting lines for
// errors.
type mmReader struct {
	sc   *bufio.Scanner
	line int
}

// mmHeader is what the banner and the size line declare.
type mmHeader struct {
	pattern         bool    // no values: every entry is 1
	mirror          float64 // 0: general; 1: symmetric; -1: skew-symmetric
	rows, cols, nnz int
}

// mmEntry is one entry of the matrix, 0-based.
type mmEntry struct {
	i, j int32
	v    float64
}

func (mr *mmReader) fail(format string, args ...any) error {
	return &MatrixMarketError{Line: mr.line, Err: fmt.Errorf(format, args...)}
}

// next returns the fields of the next line that is neither blank nor a
// comment.
func (mr *mmReader) next() ([][]byte, bool) {
	for mr.sc.Scan() {
		mr.line++
		f := bytes.Fields(mr.sc.Bytes())
		if len(f) == 0 || f[0][0] == '%' {
			continue
		}
		return f, true
	}
	return nil, false
}

// missing returns the read error that ended the input early, or the
// error that what must come next is missing.
func (mr *mmReader) missing(format string, args ...any) error {
	if err := mr.sc.Err(); err != nil {
		return &MatrixMarketError{Line: mr.line + 1, Err: err}
	}
	mr.line++
	return mr.fail(format, args...)
}

// header reads the banner and the size line.
func (mr *mmReader) header() (mmHeader, error) {
	var h mmHeader
	if !mr.sc.Scan() {
		return h, mr.missing("empty input, want a %%%%MatrixMarket banner")
	}
	mr.line = 1
	banner := bytes.Fields(mr.sc.Bytes())
	if len(banner) != 5 || !bytes.EqualFold(banner[0], []byte("%%MatrixMarket")) {
		return h, mr.fail("want the banner \"%%%%MatrixMarket matrix coordinate real general\"")
	}
	if !bytes.EqualFold(banner[1], []byte("matrix")) || !bytes.EqualFold(banner[2], []byte("coordinate")) {
		return h, mr.fail("unsupported object %q format %q, want matrix coordinate", banner[1], banner[2])
	}
	switch string(bytes.ToLower(banner[3])) {
	case "real", "integer":
	case "pattern":
		h.pattern = true
	default:
		return h, mr.fail("unsupported field %q, want real, integer or pattern", banner[3])
	}
	switch string(bytes.ToLower(banner[4])) {
	case "general":
	case "symmetric":
		h.mirror = 1
	case "skew-symmetric":
		h.mirror = -1
	default:
		return h, mr.fail("unsupported symmetry %q, want general, symmetric or skew-symmetric", banner[4])
	}
	if err := mr.size(&h); err != nil {
		return h, err
	}
	if h.mirror != 0 && h.rows != h.cols {
		return h, mr.fail("a %s matrix must be square, got %d×%d", banner[4], h.rows, h.cols)
	}
	return h, nil
}

// size reads the line "rows cols entries".
func (mr *mmReader) size(h *mmHeader) error {
	size, ok := mr.next()
	if !ok {
		return mr.missing("missing the size line \"rows cols entries\"")
	}
	if len(size) != 3 {
		return mr.fail("size line has %d fields, want 3: rows cols entries", len(size))
	}
	var dims [3]int
	for k, name := range []string{"rows", "cols", "entries"} {
		v, err := strconv.ParseInt(string(size[k]), 10, 64)
		if err != nil || v < 0 || v > math.MaxInt32 {
			return mr.fail("bad %s %q, want an integer in [0, 2³¹)", name, size[k])
		}
		dims[k] = int(v)
	}
	h.rows, h.cols, h.nnz = dims[0], dims[1], dims[2]
	if h.nnz > 0 && (h.rows == 0 || h.cols == 0) {
		return mr.fail("%d entries declared for a %d×%d matrix", h.nnz, h.rows, h.cols)
	}
	return nil
}

// entries reads the h.nnz entries and checks that nothing follows them;
// symmetric entries are mirrored.
func (mr *mmReader) entries(h mmHeader) ([]mmEntry, error) {
	want := 3
	if h.pattern {
		want = 2
	}
	entries := make([]mmEntry, 0, min(h.nnz, 1<<16))
	for k := 0; k < h.nnz; k++ {
		f, ok := mr.next()
		if !ok {
			return nil, mr.missing("input ends after %d of the %d entries", k, h.nnz)
		}
		if len(f) != want {
			return nil, mr.fail("entry has %d fields, want %d", len(f), want)
		}
		i, err1 := strconv.ParseInt(string(f[0]), 10, 64)
		j, err2 := strconv.ParseInt(string(f[1]), 10, 64)
		if err1 != nil || err2 != nil || i < 1 || int(i) > h.rows || j < 1 || int(j) > h.cols {
			return nil, mr.fail("bad entry indices %q %q for a %d×%d matrix (1-based)", f[0], f[1], h.rows, h.cols)
		}
		v := 1.0
		if !h.pattern {
			var err error
			v, err = strconv.ParseFloat(string(f[2]), 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, mr.fail("bad value %q, want a finite number", f[2])
			}
		}
		entries = append(entries, mmEntry{int32(i - 1), int32(j - 1), v})
		if h.mirror != 0 && i != j {
			entries = append(entries, mmEntry{int32(j - 1), int32(i - 1), h.mirror * v})
		}
	}
	if f, ok := mr.next(); ok {
		return nil, mr.fail("unexpected %q after the %d declared entries", bytes.Join(f, []byte(" ")), h.nnz)
	}
	if err := mr.sc.Err(); err != nil {
		return nil, &MatrixMarketError{Line: mr.line + 1, Err: err}
	}
	return entries, nil
}

// entriesToCSR sorts entries by row and column and builds the rows×cols
// CSR matrix, summing duplicates in the order they came.
func entriesToCSR(entries []mmEntry, rows, cols int) *Sparse {
	slices.SortStableFunc(entries, func(a, b mmEntry) int {
		if c := cmp.Compare(a.i, b.i); c != 0 {
			return c
		}
		return cmp.Compare(a.j, b.j)
	})
	indptr := make([]int, rows+1)
	ind := make([]int32, 0, len(entries))
	data := make([]float64, 0, len(entries))
	for k, e := range entries {
		if k > 0 && e.i == entries[k-1].i && e.j == entries[k-1].j {
			data[len(data)-1] += e.v
			continue
		}
		ind = append(ind, e.j)
		data = append(data, e.v)
		indptr[e.i+1]++
	}
	for i := range rows {
		indptr[i+1] += indptr[i]
	}
	return NewSparse(rows, cols, indptr, ind, data)
}

// WriteMatrixMarket writes x in the Matrix Market coordinate format ("real
// general"), one line per stored entry in row-major order, with 1-based
// indices and values in the shortest form that reads back exactly
// (strconv.FormatFloat with 'g' and precision -1). ReadMatrixMarket, like
// scipy.io.mmread, reads it back.
func WriteMatrixMarket(w io.Writer, x *Sparse) error {
	if x == nil {
		return errors.New("vectorize: WriteMatrixMarket of a nil matrix")
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	rows, cols := x.Dims()
	fmt.Fprintf(bw, "%%%%MatrixMarket matrix coordinate real general\n%d %d %d\n", rows, cols, x.NNZ())
	buf := make([]byte, 0, 64)
	for i := range rows {
		ind, val := x.Row(i)
		for p, j := range ind {
			buf = strconv.AppendInt(buf[:0], int64(i+1), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(j)+1, 10)
			buf = append(buf, ' ')
			buf = strconv.AppendFloat(buf, val[p], 'g', -1, 64)
			buf = append(buf, '\n')
			if _, err := bw.Write(buf); err != nil {
				return fmt.Errorf("vectorize: writing matrix market: %w", err)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("vectorize: writing matrix market: %w", err)
	}
	return nil
}
