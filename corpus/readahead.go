package corpus

import (
	"io"
	"sync"
)

// readAhead is a reader whose source is read by a goroutine of its own, so
// that producing the bytes (gzip decompression) and consuming them (parsing)
// run at the same time. Each chunk the source returns is passed on as soon
// as it is read, so a stream keeps its latency.
type readAhead struct {
	chunks chan chunk    // filled chunks, in order
	free   chan []byte   // buffers to fill
	done   chan struct{} // closed by stop
	cur    []byte        // unread part of the current chunk
	buf    []byte        // the current chunk's buffer, to return to free
	err    error         // the source's error, after its last chunk
}

// chunk is a piece of the source and the error that came with it.
type chunk struct {
	data []byte
	err  error
}

// Sizes of the read-ahead: buffers in flight and bytes per buffer.
const (
	readAheadBuffers = 4
	readAheadSize    = 256 << 10
)

// newReadAhead starts reading r in a goroutine. Call stop when done with
// the reader, whether or not it reached the end: the goroutine then ends as
// soon as its current read of r returns (which, on a pipe, may be later).
func newReadAhead(r io.Reader) (ra *readAhead, stop func()) {
	ra = &readAhead{
		chunks: make(chan chunk, readAheadBuffers),
		free:   make(chan []byte, readAheadBuffers),
		done:   make(chan struct{}),
	}
	for range readAheadBuffers {
		ra.free <- make([]byte, readAheadSize)
	}
	go func() {
		for {
			var buf []byte
			select {
			case buf = <-ra.free:
			case <-ra.done:
				return
			}
			n, err := r.Read(buf)
			select {
			case ra.chunks <- chunk{buf[:n], err}:
			case <-ra.done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var once sync.Once
	return ra, func() { once.Do(func() { close(ra.done) }) }
}

// Read implements io.Reader.
func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.err != nil {
			return 0, ra.err
		}
		if ra.buf != nil {
			ra.free <- ra.buf[:cap(ra.buf)]
			ra.buf = nil
		}
		c := <-ra.chunks
		ra.cur, ra.buf, ra.err = c.data, c.data, c.err
		if len(p) == 0 {
			return 0, nil
		}
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}
