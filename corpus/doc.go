// Package corpus reads the documents that topics works on: a directory of
// plain-text files, a single text file, JSON Lines or CSV, any of them
// gzip-compressed, from a path, from standard input or from any io.Reader.
//
// # Formats
//
// A Document has an ID, a Title, a Text and an optional gold Label. Where they
// come from depends on the format:
//
//   - Directory (FormatDir): every file below it, recursively, whose name ends
//     in .txt or .md (case-insensitive, optionally followed by .gz) is one
//     document. Files and directories whose names begin with "." are skipped.
//     Documents come in the order of their relative paths, compared as strings
//     with '/' separators, and the ID is that relative path. The Title is the
//     first line that is not blank, with surrounding white space trimmed; the
//     Text is everything after that line, as it is. Label is empty.
//   - Text file (FormatText): one file is one document, split into Title and
//     Text as above; its ID is the file's base name.
//   - JSON Lines (FormatJSONL): one JSON object per line; lines holding only
//     JSON white space are skipped. Each line must be valid JSON (RFC 8259),
//     ignored fields included. The fields named by Options (by default "id",
//     "title", "text" and "label") may be strings or numbers (integers are
//     written without an exponent); null counts as absent and other fields
//     are ignored. A line with neither a title nor a text field is an error.
//     A missing or empty id becomes the 1-based line number.
//   - CSV (FormatCSV): RFC 4180 with a header row naming the columns (cells
//     trimmed of surrounding spaces; the first of two equal names wins). The
//     table needs a text column or a title column. A column named in Options
//     by a name other than the default must exist; default columns that are
//     absent are simply empty, and a missing or empty id becomes the 1-based
//     row number (the header is not a row).
//
// Field and column names match exactly, case included. File names in a
// directory, which become IDs, must be valid UTF-8.
//
// # Detection
//
// With FormatAuto (the zero Format) a directory is read as FormatDir. For a
// file, the name decides, after a trailing ".gz" is removed: .jsonl, .ndjson
// and .json are JSON Lines, .csv is CSV, .txt and .md are text. Any other
// name, standard input ("-") and ReadFrom without a telling name are sniffed:
// if the first byte that is not white space is '{' the input is JSON Lines,
// otherwise CSV; input that is only white space has no documents. Plain text
// on standard input therefore needs FormatText.
//
// Compression is recognised from the content alone: input that starts with
// the gzip magic bytes 1f 8b is decompressed whatever its name, and a file
// named .gz that is not compressed is read as it is. Inputs compressed with
// zip, bzip2, xz or zstd are rejected with an error saying so. A leading
// UTF-8 byte order mark is dropped.
//
// # Invariants
//
// Every document that is returned has fields that are valid UTF-8 and an ID
// that is unique within the corpus, so that results can be joined back to the
// input by ID. A duplicate ID is an error naming both lines. Input must be
// UTF-8: a NUL byte (a binary file) or an invalid UTF-8 sequence is an error
// giving the line and byte offset. Documents whose Content is empty are kept,
// so that callers can count and report them; a corpus with no documents at
// all is an error ("corpus: PATH: no documents"), and so is a directory with
// no .txt or .md file.
//
// # Errors
//
// Errors caused by the input are *Error values, which carry the path and,
// where it is known, the 1-based line, and print as "corpus: path:line: what
// went wrong". They unwrap to the underlying cause, so errors.Is(err,
// fs.ErrNotExist) and errors.Is(err, csv.ErrBareQuote) work. Reading stops at the
// first error.
//
// # Streaming
//
// Walk, WalkFrom and WalkFS call a function for each document in order and
// hold at most one document at a time (plus the set of IDs seen, to reject
// duplicates); a JSON Lines line may be of any length. Read, ReadFrom and
// ReadFS collect the same documents into a slice. Options.Progress reports
// the bytes read as they go, for a progress display. Contents hands a slice
// of documents to vectorize (FitTransformTexts) without copying their texts.
package corpus
