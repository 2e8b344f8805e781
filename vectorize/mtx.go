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
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxMatrixMarketLine)
	line := 0
	fail := func(format string, args ...any) error {
		return &MatrixMarketError{Line: line, Err: fmt.Errorf(format, args...)}
	}
	// next returns the next line that is neither blank nor a comment.
	next := func() ([][]byte, bool) {
		for sc.Scan() {
			line++
			f := bytes.Fields(sc.Bytes())
			if len(f) == 0 || f[0][0] == '%' {
				continue
			}
			return f, true
		}
		return nil, false
	}
	readErr := func() error {
		if err := sc.Err(); err != nil {
			return &MatrixMarketError{Line: line + 1, Err: err}
		}
		return nil
	}

	if !sc.Scan() {
		if err := readErr(); err != nil {
			return nil, err
		}
		line = 1
		return nil, fail("empty input, want a %%%%MatrixMarket banner")
	}
	line = 1
	banner := bytes.Fields(sc.Bytes())
	if len(banner) != 5 || !bytes.EqualFold(banner[0], []byte("%%MatrixMarket")) {
		return nil, fail("want the banner \"%%%%MatrixMarket matrix coordinate real general\"")
	}
	if !bytes.EqualFold(banner[1], []byte("matrix")) || !bytes.EqualFold(banner[2], []byte("coordinate")) {
		return nil, fail("unsupported object %q format %q, want matrix coordinate", banner[1], banner[2])
	}
	var pattern bool
	switch field := string(bytes.ToLower(banner[3])); field {
	case "real", "integer":
	case "pattern":
		pattern = true
	default:
		return nil, fail("unsupported field %q, want real, integer or pattern", banner[3])
	}
	var mirror float64 // 0: general; 1: symmetric; -1: skew-symmetric
	switch sym := string(bytes.ToLower(banner[4])); sym {
	case "general":
	case "symmetric":
		mirror = 1
	case "skew-symmetric":
		mirror = -1
	default:
		return nil, fail("unsupported symmetry %q, want general, symmetric or skew-symmetric", banner[4])
	}

	size, ok := next()
	if !ok {
		if err := readErr(); err != nil {
			return nil, err
		}
		line++
		return nil, fail("missing the size line \"rows cols entries\"")
	}
	if len(size) != 3 {
		return nil, fail("size line has %d fields, want 3: rows cols entries", len(size))
	}
	var dims [3]int
	for k, name := range []string{"rows", "cols", "entries"} {
		v, err := strconv.ParseInt(string(size[k]), 10, 64)
		if err != nil || v < 0 || v > math.MaxInt32 {
			return nil, fail("bad %s %q, want an integer in [0, 2³¹)", name, size[k])
		}
		dims[k] = int(v)
	}
	rows, cols, nnz := dims[0], dims[1], dims[2]
	if mirror != 0 && rows != cols {
		return nil, fail("a %s matrix must be square, got %d×%d", banner[4], rows, cols)
	}
	if nnz > 0 && (rows == 0 || cols == 0) {
		return nil, fail("%d entries declared for a %d×%d matrix", nnz, rows, cols)
	}

	type entry struct {
		i, j int32
		v    float64
	}
	want := 3
	if pattern {
		want = 2
	}
	entries := make([]entry, 0, min(nnz, 1<<16))
	for k := 0; k < nnz; k++ {
		f, ok := next()
		if !ok {
			if err := readErr(); err != nil {
				return nil, err
			}
			line++
			return nil, fail("input ends after %d of the %d entries", k, nnz)
		}
		if len(f) != want {
			return nil, fail("entry has %d fields, want %d", len(f), want)
		}
		i, err1 := strconv.ParseInt(string(f[0]), 10, 64)
		j, err2 := strconv.ParseInt(string(f[1]), 10, 64)
		if err1 != nil || err2 != nil || i < 1 || int(i) > rows || j < 1 || int(j) > cols {
			return nil, fail("bad entry indices %q %q for a %d×%d matrix (1-based)", f[0], f[1], rows, cols)
		}
		v := 1.0
		if !pattern {
			var err error
			v, err = strconv.ParseFloat(string(f[2]), 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, fail("bad value %q, want a finite number", f[2])
			}
		}
		entries = append(entries, entry{int32(i - 1), int32(j - 1), v})
		if mirror != 0 && i != j {
			entries = append(entries, entry{int32(j - 1), int32(i - 1), mirror * v})
		}
	}
	if f, ok := next(); ok {
		return nil, fail("unexpected %q after the %d declared entries", bytes.Join(f, []byte(" ")), nnz)
	}
	if err := readErr(); err != nil {
		return nil, err
	}

	slices.SortStableFunc(entries, func(a, b entry) int {
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
	return NewSparse(rows, cols, indptr, ind, data), nil
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
