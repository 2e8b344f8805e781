// Package corpus reads the documents that topics works on: a directory of
// plain-text files, a single text file, JSON Lines or CSV, any of them
// gzip-compressed, from a path, from standard input or from any io.Reader.
//
// # Formats
//
// A Document has an ID, a Title, a Text, an optional gold Label and an
// optional Date (see Dates). Where they come from depends on the format:
//
//   - Directory (FormatDir): every file below it, recursively, whose name ends
//     in .txt or .md (case-insensitive, optionally followed by .gz) is one
//     document. Files and directories whose names begin with "." are skipped.
//     Documents come in the order of their relative paths, compared as strings
//     with '/' separators, and the ID is that relative path. The Title is the
//     first line that is not blank, with surrounding white space trimmed; the
//     Text is everything after that line, as it is. Label is empty. Only
//     regular files, or symbolic links to regular files, are read: a fifo,
//     socket or device with such a name, or a link to a directory, to such
//     a file, to nothing or to itself, is skipped with a warning and never
//     opened (a fifo would wait for a writer). Links to directories are not
//     followed, so the walk cannot loop.
//   - Text file (FormatText): one file is one document, split into Title and
//     Text as above; its ID is the file's base name.
//   - JSON Lines (FormatJSONL): one JSON object per line; lines holding only
//     JSON white space are skipped. Each line must be valid JSON (RFC 8259),
//     ignored fields included. The fields named by Options (by default "id",
//     "title", "text" and "label") may be strings or numbers (integers are
//     written without an exponent); null counts as absent and other fields
//     are ignored. A line with neither a title nor a text field is an error
//     that lists the fields the line has. A missing or empty id becomes the
//     1-based line number.
//   - CSV (FormatCSV): RFC 4180 with a header row naming the columns (cells
//     trimmed of surrounding spaces; the first of two equal names wins). The
//     table needs a text column or a title column. Default columns that are
//     absent are simply empty, and a missing or empty id becomes the 1-based
//     row number (the header is not a row).
//
// Field and column names match exactly, case included. File names in a
// directory, which become IDs, must be valid UTF-8.
//
// # Fields asked for
//
// A field that Options names (IDField and the others not "") must exist, so
// that a mistyped name is an error, not a silent fallback: for CSV the
// header must have the column; for JSON Lines at least one record must have
// the field (null counts), and since any record may lack it (a writer may
// leave out empty fields) this is known only at the end of the input, where
// the error lists the fields of the first record. Fields left at their
// defaults may be absent; if no record has a text, the documents are their
// titles only and Options.Warn is told so. A directory or a text file has
// no fields: naming one for it is an error.
//
// # Dates
//
// Options.DateField names a JSON Lines field or CSV column holding each
// document's date; it has no default, so no date is read unless it is
// named (and, named, it must exist like the other fields). ParseDate reads
// it: RFC 3339 and ISO 8601 dates and date-times, RFC 1123, the form of
// Reuters-21578 ("26-FEB-1987 15:01:01.79"), or seconds or milliseconds
// since 1970 (told apart by magnitude, at 10^11), as a string or a JSON
// number; times without a zone are UTC, and Document.Date is in UTC. A
// date in none of these forms is an error at its line. A record without a
// date (absent, null, empty or blank) has a zero Date, and Options.Warn is
// told at the end how many documents have none.
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
// zip, bzip2, xz or zstd are rejected with an error saying so. Input that
// starts with a UTF-16 byte order mark is rejected; a leading UTF-8 byte
// order mark is dropped.
//
// # Text and binary input
//
// After decompression the input is checked as it is read, before any
// format parses it: a NUL byte or an invalid UTF-8 sequence anywhere is an
// error at its line, byte column and byte offset ("corpus: f.csv:7: binary
// file: NUL byte at column 4 (byte offset 311)"); the lines before it are
// parsed first, so the first error in the input is the one reported, the
// same however the reads are cut. A NUL byte is what marks a binary file
// (git calls a file binary if its first 8000 bytes hold one); most binary
// formats (executables, images, archives) have a NUL byte or bytes that
// are not UTF-8 within their first bytes, so binary input is refused after
// its first read of 64 KB, whatever its size and format: /dev/zero and a
// 100 MB file of zero bytes are refused at once, never as a CSV quoting
// error. Text in another encoding fails as invalid UTF-8.
//
// # Limits
//
// One document may hold at most Options.MaxDocBytes bytes after
// decompression (DefaultMaxDocBytes, 32 MiB, unless set): a JSON Lines
// line, a CSV record, a text file. A larger one is an error at its line
// that unwraps to ErrTooLarge, found before more than the limit (and a
// buffer) is held in memory, so a line that never ends cannot exhaust
// memory.
//
// # Warnings
//
// What is read differently from what was asked for without being an error
// (a special file skipped in a directory, titles used for want of texts)
// is passed to Options.Warn, one line each.
//
// # Invariants
//
// Every document that is returned has fields that are valid UTF-8 and an ID
// that is unique within the corpus, so that results can be joined back to the
// input by ID. A duplicate ID is an error naming both lines. Input must be
// UTF-8: a NUL byte (a binary file) or an invalid UTF-8 sequence is an error
// giving the line and byte offset. Documents whose Content is empty are kept,
// so that callers can count and report them; but a corpus with no documents
// at all is an error ("corpus: PATH: no documents"), and so is one whose
// documents are all empty ("corpus: a.txt: empty file: no title or text",
// "corpus: PATH: all 3 documents are empty: no title or text") and a
// directory with no .txt or .md file.
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
// duplicates); a JSON Lines line may be as long as Options.MaxDocBytes.
// Errors found at the end of the input (a named field that no record has,
// all documents empty) come after fn has been called for the documents
// before. Read, ReadFrom and
// ReadFS collect the same documents into a slice. Options.Progress reports
// the bytes read as they go, for a progress display. Contents hands a slice
// of documents to vectorize (FitTransformTexts) without copying their texts.
package corpus
