package main

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock advances by step each time it is read.
type fakeClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(c.step)
	return c.t
}

func TestProgressWriterPlain(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressWriter(&buf, 0)
	clock := &fakeClock{t: time.Unix(0, 0), step: time.Second}
	p.Now, p.Prefix, p.Interval, p.Quiet = clock.now, "topics: ", time.Hour, 0
	p.Start("tokenize", 2000, "documents")
	p.Add(500)
	p.mu.Lock()
	p.tick()
	p.mu.Unlock()
	p.Add(1500)
	p.Finish()
	p.Start("read", 3_500_000, "bytes")
	p.Add(3_500_000)
	p.Finish()
	p.Finish() // no step: nothing
	want := "topics: tokenize:  25% 500/2,000 documents, 500 documents/s, ETA 3s, 1s\n" +
		"topics: tokenize: 2,000 documents in 2s (1,000 documents/s)\n" +
		"topics: read: 3.5 MB in 1s (3.5 MB/s)\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// On a terminal, a step is one line redrawn in place, never wider than
// the terminal, replaced at the end by the summary line.
func TestProgressWriterTerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressWriter(&buf, 60)
	clock := &fakeClock{t: time.Unix(0, 0), step: 500 * time.Millisecond}
	p.Now, p.Interval, p.Quiet, p.Prefix = clock.now, time.Millisecond, 0, "topics: "
	p.Start("LSA", 16, "passes")
	for range 16 {
		p.Add(1)
		time.Sleep(2 * time.Millisecond)
	}
	p.Finish()
	out := buf.String()
	if !strings.Contains(out, "\r") || !strings.Contains(out, "topics: LSA") || !strings.Contains(out, "/16") {
		t.Errorf("no redrawn bar with a count:\n%q", out)
	}
	if !regexp.MustCompile(`\r\033\[Ktopics: LSA: 16 passes in [0-9.]+s \([0-9.]+ passes/s\)\n$`).MatchString(out) {
		t.Errorf("final line: %q", out[max(0, len(out)-60):])
	}
	if strings.Count(out, "\n") != 1 {
		t.Errorf("the step took %d lines, want 1:\n%q", strings.Count(out, "\n"), out)
	}
	ansi := regexp.MustCompile(`\033\[[0-9;]*[A-Za-z]`)
	for _, l := range strings.FieldsFunc(ansi.ReplaceAllString(out, ""), func(r rune) bool { return r == '\r' || r == '\n' }) {
		if n := len([]rune(l)); n > 60 {
			t.Errorf("a drawing of %d characters on a terminal of 60: %q", n, l)
		}
	}
}

// Steps shorter than Quiet leave no trace.
func TestProgressWriterQuiet(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressWriter(&buf, 0)
	p.Start("tokenize", 5, "documents")
	p.Add(5)
	p.Finish()
	if buf.Len() != 0 {
		t.Errorf("a step shorter than %v wrote %q", p.Quiet, buf.String())
	}
}

// Stop ends a step without claiming it finished.
func TestProgressWriterStop(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressWriter(&buf, 0)
	p.Quiet = 0
	p.Start("read", 100, "bytes")
	p.Add(40)
	p.Stop()
	p.Stop()
	if buf.Len() != 0 {
		t.Errorf("Stop wrote %q", buf.String())
	}
	p.Start("tokenize", 10, "documents")
	p.Add(4)
	p.Finish()
	if !strings.HasPrefix(buf.String(), "tokenize: 4 documents in ") {
		t.Errorf("final line %q: want the 4 documents done, not the total", buf.String())
	}
}
