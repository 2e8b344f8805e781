package corpus

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"
)

// The read-ahead reader gives the same bytes, then the same error, however
// the source splits them and however small the reads.
func TestReadAhead(t *testing.T) {
	data := make([]byte, 3*readAheadSize+12345)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(rng.IntN(256))
	}
	boom := errors.New("boom")
	sources := map[string]func() io.Reader{
		"whole":      func() io.Reader { return bytes.NewReader(data) },
		"one byte":   func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data[:5000])) },
		"data+error": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
		"error":      func() io.Reader { return io.MultiReader(bytes.NewReader(data), iotest.ErrReader(boom)) },
	}
	for name, src := range sources {
		ra, stop := newReadAhead(src())
		got, err := io.ReadAll(iotest.HalfReader(ra))
		stop()
		want := data
		if name == "one byte" {
			want = data[:5000]
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: got %d bytes, want %d", name, len(got), len(want))
		}
		if wantErr := name == "error"; (err != nil) != wantErr || wantErr && !errors.Is(err, boom) {
			t.Errorf("%s: error %v", name, err)
		}
	}
	// Stopping early ends the goroutine without reading the rest.
	ra, stop := newReadAhead(bytes.NewReader(data))
	if _, err := ra.Read(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	stop()
	stop()
}
