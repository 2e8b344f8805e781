package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
)

// bufSize is the size of the read buffers, and the most that sniffing looks
// ahead.
const bufSize = 64 << 10

// Read reads the corpus at path: a directory, a file, or "-" for standard
// input. See the package documentation for the formats.
func Read(path string, opt Options) ([]Document, error) {
	return collect(func(fn func(Document) error) error { return Walk(path, opt, fn) })
}

// ReadFrom reads a corpus from r, such as standard input. The name is used
// in errors, as the ID of a single text, and to choose the format by its
// extension as for a file; a name without a known extension, such as
// "stdin", leaves the format to be sniffed. ReadFrom cannot read a directory.
func ReadFrom(r io.Reader, name string, opt Options) ([]Document, error) {
	return collect(func(fn func(Document) error) error { return WalkFrom(r, name, opt, fn) })
}

// ReadFS reads the corpus at dir inside fsys: a directory, walked as
// FormatDir, or a single file. Errors name paths inside fsys.
func ReadFS(fsys fs.FS, dir string, opt Options) ([]Document, error) {
	return collect(func(fn func(Document) error) error { return WalkFS(fsys, dir, opt, fn) })
}

func collect(walk func(func(Document) error) error) ([]Document, error) {
	var docs []Document
	err := walk(func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// Walk calls fn for each document of the corpus at path, in order, without
// holding the corpus in memory. The path is a directory, a file, or "-" for
// standard input. Walk stops at the first error, returning it; an error
// returned by fn is returned as it is.
func Walk(path string, opt Options, fn func(Document) error) error {
	switch path {
	case "":
		return &Error{Err: errors.New("empty path")}
	case "-":
		return WalkFrom(os.Stdin, "stdin", opt, fn)
	}
	info, err := os.Stat(path)
	if err != nil {
		return &Error{Path: path, Err: cause(err)}
	}
	if info.IsDir() {
		root := path
		display := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
		return walkDir(os.DirFS(path), ".", display, opt, fn)
	}
	f, err := os.Open(path)
	if err != nil {
		return &Error{Path: path, Err: cause(err)}
	}
	defer f.Close()
	return walkFile(f, path, filepath.Base(path), opt, fn)
}

// WalkFrom is the streaming form of ReadFrom: it calls fn for each document
// read from r, in order, as Walk does.
func WalkFrom(r io.Reader, name string, opt Options, fn func(Document) error) error {
	id := "1"
	if name != "" {
		id = filepath.Base(name)
	}
	return walkFile(r, name, id, opt, fn)
}

// WalkFS is the streaming form of ReadFS: it calls fn for each document of
// the directory or file dir inside fsys, in order, as Walk does.
func WalkFS(fsys fs.FS, dir string, opt Options, fn func(Document) error) error {
	dir = path.Clean(dir)
	info, err := fs.Stat(fsys, dir)
	if err != nil {
		return &Error{Path: dir, Err: cause(err)}
	}
	if info.IsDir() {
		return walkDir(fsys, dir, func(p string) string { return p }, opt, fn)
	}
	f, err := fsys.Open(dir)
	if err != nil {
		return &Error{Path: dir, Err: cause(err)}
	}
	defer f.Close()
	return walkFile(f, dir, path.Base(dir), opt, fn)
}

// walkDir reads the .txt and .md files below root in fsys, in the order of
// their paths. display turns a path in fsys into the one shown in errors.
func walkDir(fsys fs.FS, root string, display func(string) string, opt Options, fn func(Document) error) error {
	if opt.Format != FormatAuto && opt.Format != FormatDir {
		return &Error{Path: display(root), Err: fmt.Errorf("is a directory, not %s input", opt.Format)}
	}
	if f := opt.fieldNames().anyNamed(); f != "" {
		return &Error{Path: display(root), Err: fmt.Errorf("a directory of texts has no field %q (fields are for JSON Lines and CSV)", f)}
	}
	files, err := listTexts(fsys, root, display, opt)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return &Error{Path: display(root), Err: errors.New("no .txt or .md files")}
	}
	// All paths share the prefix root+"/", so sorting them sorts the
	// relative paths.
	slices.Sort(files)
	e := emitter{path: display(root), fn: fn}
	for _, p := range files {
		id := p
		if root != "." {
			id = p[len(root)+1:]
		}
		d, err := readFSFile(fsys, p, display(p), id, opt)
		if err != nil {
			return err
		}
		if err := e.emit(d, 0); err != nil {
			return err
		}
	}
	return e.finish(FormatDir)
}

// listTexts returns the paths of the documents below root: the regular
// files, or symbolic links to regular files, whose names are text names.
// Other files with such names (fifos, devices, sockets, links to anything
// else, broken links and link loops) are skipped with a warning, never
// opened; hidden files and directories are skipped silently.
func listTexts(fsys fs.FS, root string, display func(string) string, opt Options) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return &Error{Path: display(p), Err: cause(err)}
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isTextName(d.Name()) {
			return nil
		}
		if !utf8.ValidString(p) {
			return &Error{Path: display(p), Err: errors.New("file name is not valid UTF-8")}
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := fs.Stat(fsys, p)
			if err != nil {
				opt.warn("%s: skipped: %v", display(p), cause(err))
				return nil
			}
			mode = info.Mode().Type()
		}
		if !mode.IsRegular() {
			opt.warn("%s: skipped: not a regular file (%s)", display(p), fileKind(mode))
			return nil
		}
		files = append(files, p)
		return nil
	})
	return files, err
}

// fileKind names the type of a file that is not regular.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a directory"
	case mode&fs.ModeNamedPipe != 0:
		return "a fifo"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "type " + mode.String()
}

// readFSFile reads one file of a directory as a single text.
func readFSFile(fsys fs.FS, p, name, id string, opt Options) (Document, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return Document{}, &Error{Path: name, Err: cause(err)}
	}
	defer f.Close()
	var r io.Reader = f
	if opt.Progress != nil {
		r = progressReader{r, opt.Progress}
	}
	in, stop, err := openInput(r, name)
	if err != nil {
		return Document{}, err
	}
	defer stop()
	return readText(in, name, id, opt.maxDocBytes())
}

// isTextName reports whether a file in a directory is a document: its name
// ends in .txt or .md, optionally followed by .gz.
func isTextName(name string) bool {
	return formatFromName(name) == FormatText
}

// formatFromName returns the format that the extension of name, after any
// ".gz", stands for, or FormatAuto.
func formatFromName(name string) Format {
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	case ".csv":
		return FormatCSV
	case ".txt", ".md":
		return FormatText
	}
	return FormatAuto
}

// walkFile reads one input stream; id is the ID of its document if it is a
// single text.
func walkFile(r io.Reader, name, id string, opt Options, fn func(Document) error) error {
	if opt.Progress != nil {
		r = progressReader{r, opt.Progress}
	}
	in, stop, err := openInput(r, name)
	if err != nil {
		return err
	}
	defer stop()
	format := opt.Format
	if format == FormatAuto {
		format = formatFromName(name)
	}
	var blank bool
	if format == FormatAuto {
		if format, blank, err = sniff(in, name); err != nil {
			return err
		}
	}
	e := emitter{path: name, fn: fn, dated: opt.DateField != ""}
	switch {
	case blank:
		// Nothing but white space: no documents, whatever the format.
	case format == FormatJSONL:
		err = readJSONL(in, name, opt, &e)
	case format == FormatCSV:
		err = readCSV(in, name, opt, &e)
	case format == FormatText:
		err = walkText(in, name, id, opt, &e)
	case format == FormatDir:
		return &Error{Path: name, Err: errors.New("not a directory")}
	default:
		return &Error{Path: name, Err: fmt.Errorf("unknown format %v", format)}
	}
	if err != nil {
		return err
	}
	if err := e.finish(format); err != nil {
		return err
	}
	if e.undated > 0 {
		opt.warn("%s: %d of %d documents have no date (field %q absent, null or empty)", name, e.undated, e.n, opt.DateField)
	}
	return nil
}

// walkText reads all of in as the one document of a text file.
func walkText(in io.Reader, name, id string, opt Options, e *emitter) error {
	if f := opt.fieldNames().anyNamed(); f != "" {
		return &Error{Path: name, Err: fmt.Errorf("a text file has no field %q (fields are for JSON Lines and CSV)", f)}
	}
	if !utf8.ValidString(id) {
		return &Error{Path: name, Err: errors.New("file name is not valid UTF-8")}
	}
	d, err := readText(in, name, id, opt.maxDocBytes())
	if err != nil {
		return err
	}
	return e.emit(d, 0)
}

// openInput buffers r, decompresses it if it starts with the gzip magic
// bytes (in a goroutine: call the returned stop when done reading), refuses
// UTF-16, drops a leading UTF-8 byte order mark, and checks the text as it
// is read (textChecker).
func openInput(r io.Reader, name string) (*bufio.Reader, func(), error) {
	stop := func() {}
	in := bufio.NewReaderSize(r, bufSize)
	head, err := peek(in, 10, name)
	if err != nil {
		return nil, stop, err
	}
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		// klauspost/compress inflates the same streams as compress/gzip
		// (multistream, checksums checked) in about 0.7 of its CPU time.
		z, err := gzip.NewReader(in)
		if err != nil {
			return nil, stop, &Error{Path: name, Err: gzipError(err)}
		}
		// Decompress in a goroutine of its own, while the caller parses.
		var ra *readAhead
		ra, stop = newReadAhead(gzipReader{z})
		in = bufio.NewReaderSize(ra, bufSize)
	} else if kind := compression(head); kind != "" {
		return nil, stop, &Error{Path: name, Err: fmt.Errorf("%s-compressed input is not supported (only gzip is)", kind)}
	}
	if head, _ := in.Peek(2); string(head) == "\xff\xfe" || string(head) == "\xfe\xff" {
		stop()
		return nil, func() {}, &Error{Path: name, Err: errors.New("UTF-16 text is not supported: convert it to UTF-8")}
	}
	bom, err := peek(in, 3, name)
	if err != nil {
		stop()
		return nil, func() {}, err
	}
	if string(bom) == "\uFEFF" {
		in.Discard(3)
	}
	return bufio.NewReaderSize(newTextChecker(in, name), bufSize), stop, nil
}

// compression names the compression format other than gzip that head, the
// first bytes of the input, starts with, or returns "".
func compression(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "zip"
	case bytes.HasPrefix(head, []byte("\xfd7zXZ\x00")):
		return "xz"
	case bytes.HasPrefix(head, []byte("\x28\xb5\x2f\xfd")):
		return "zstd"
	case len(head) >= 10 && string(head[:3]) == "BZh" && '1' <= head[3] && head[3] <= '9' &&
		string(head[4:10]) == "1AY&SY":
		return "bzip2"
	}
	return ""
}

// gzipReader adds "gzip: " to the errors of a gzip.Reader that lack it.
type gzipReader struct{ z *gzip.Reader }

func (g gzipReader) Read(p []byte) (int, error) {
	n, err := g.z.Read(p)
	if err != nil && err != io.EOF {
		err = gzipError(err)
	}
	return n, err
}

func gzipError(err error) error {
	if errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) {
		return err
	}
	return fmt.Errorf("gzip: %w", cause(err))
}

// sniff tells JSON Lines from CSV by the first byte that is not white
// space, and reports input that is blank as far as it looks.
func sniff(in *bufio.Reader, name string) (f Format, blank bool, err error) {
	for size := 512; ; size *= 2 {
		size = min(size, in.Size())
		// What was read decides, even if an error follows: the parser
		// meets that error in its place, after any earlier one.
		head, err := in.Peek(size)
		for _, c := range head {
			if !isSpace(c) {
				if c == '{' {
					return FormatJSONL, false, nil
				}
				return FormatCSV, false, nil
			}
		}
		switch {
		case err == io.EOF:
			return FormatCSV, true, nil
		case err != nil:
			return FormatAuto, false, readError(name, 0, err)
		case size == in.Size():
			return FormatCSV, false, nil
		}
	}
}

// peek returns the next n bytes of in, or fewer at the end of the input.
// Other errors are returned, not left for bufio to drop.
func peek(in *bufio.Reader, n int, name string) ([]byte, error) {
	head, err := in.Peek(n)
	if err != nil && err != io.EOF {
		return nil, readError(name, 0, err)
	}
	return head, nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// cause strips the operation and path from an *fs.PathError, which Error
// already shows.
func cause(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// emitter passes documents on, counting them and rejecting duplicate IDs.
type emitter struct {
	path    string
	fn      func(Document) error
	seen    map[string]int // ID -> line
	n       int            // documents
	empty   int            // documents with neither title nor text
	dated   bool           // a date field was named
	undated int            // documents without a date, when dated
}

func (e *emitter) emit(d Document, line int) error {
	if e.seen == nil {
		e.seen = make(map[string]int)
	}
	if first, dup := e.seen[d.ID]; dup {
		return &Error{Path: e.path, Line: line, Err: fmt.Errorf("duplicate id %q (first on line %d)", d.ID, first)}
	}
	e.seen[d.ID] = line
	e.n++
	if d.Title == "" && d.Text == "" {
		e.empty++
	}
	if e.dated && d.Date.IsZero() {
		e.undated++
	}
	return e.fn(d)
}

// finish checks, at the end of the input, that it held something to
// analyze: at least one document, and not only empty ones.
func (e *emitter) finish(format Format) error {
	var err error
	switch {
	case e.n == 0:
		err = errors.New("no documents")
	case e.empty < e.n:
		return nil
	case format == FormatText:
		err = errors.New("empty file: no title or text")
	case e.n == 1:
		err = errors.New("the only document is empty: no title or text")
	default:
		err = fmt.Errorf("all %d documents are empty: no title or text", e.n)
	}
	return &Error{Path: e.path, Err: err}
}

// progressReader reports the bytes read from r to report.
type progressReader struct {
	r      io.Reader
	report func(int64)
}

func (p progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.report(int64(n))
	}
	return n, err
}
