package topics

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/modelcodec"
)

// FuzzDecodeModel decodes model payloads below the frame's checksum, so
// that mutations reach the decoder: no input may make it panic, and a
// payload it accepts decodes, re-encoded, to a model that encodes the same.
func FuzzDecodeModel(f *testing.F) {
	_, file, _, _ := runtime.Caller(0)
	docs, err := corpus.Read(filepath.Join(filepath.Dir(file), "testdata", "bbc300.jsonl.gz"), corpus.Options{})
	if err != nil {
		f.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.K, cfg.Dims, cfg.KeyPhrases = 3, 4, 2
	m, err := Fit(context.Background(), docs[:30], cfg)
	if err != nil {
		f.Fatal(err)
	}
	s, err := m.Saved(SaveOptions{Index: true, IndexTerms: 3})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Save(&buf); err != nil {
		f.Fatal(err)
	}
	payload, err := modelcodec.ReadFrame(&buf, ModelFormatVersion, int64(buf.Len()))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(payload)
	f.Fuzz(func(t *testing.T, payload []byte) {
		s, err := decodeModel(payload)
		if err != nil {
			return
		}
		var a, b bytes.Buffer
		if err := s.Save(&a); err != nil {
			t.Fatal(err)
		}
		s2, err := Load(bytes.NewReader(a.Bytes()), "again", int64(a.Len()))
		if err != nil {
			t.Fatalf("a model that decoded does not load once saved: %v", err)
		}
		if err := s2.Save(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Error("a decoded model saved twice gives different bytes")
		}
	})
}
