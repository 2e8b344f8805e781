package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progressWriter is a topics.Progress that writes to a stream, normally standard
// error. On a terminal it redraws one line in place: the step, a bar, the
// share done, the count, the rate and the time left (ETA). Otherwise it
// writes a plain line every Interval while a step runs, and one when it
// ends. Every line starts with Prefix.
type progressWriter struct {
	w        io.Writer
	terminal bool
	// Interval is the time between two lines (plain) or redraws (terminal).
	// newProgressWriter sets it to 10 s or 200 ms.
	Interval time.Duration
	// Prefix starts every line, for example "topics: ".
	Prefix string
	// Quiet is the time a step may take without being shown: nothing is
	// written of a step that ends sooner. newProgressWriter sets 2 s.
	Quiet time.Duration
	// Now returns the time; tests replace it. newProgressWriter sets
	// time.Now.
	Now func() time.Time

	mu    sync.Mutex
	step  string
	unit  string
	total int64
	begun time.Time
	shown bool // a line of the current step was written
	done  atomic.Int64
	stop  chan struct{}
	wg    sync.WaitGroup
}

// newProgressWriter returns a progressWriter on w; terminal says whether w
// is a terminal.
func newProgressWriter(w io.Writer, terminal bool) *progressWriter {
	p := &progressWriter{w: w, terminal: terminal, Interval: 10 * time.Second, Quiet: 2 * time.Second, Now: time.Now}
	if terminal {
		p.Interval = 200 * time.Millisecond
	}
	return p
}

// Start ends the current step, if any, and begins a new one.
func (p *progressWriter) Start(step string, total int64, unit string) {
	p.Finish()
	p.mu.Lock()
	p.step, p.unit, p.total, p.begun, p.shown = step, unit, total, p.Now(), false
	p.done.Store(0)
	p.stop = make(chan struct{})
	stop := p.stop
	p.wg.Add(1)
	p.mu.Unlock()
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(p.Interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				p.mu.Lock()
				p.write(false)
				p.mu.Unlock()
			}
		}
	}()
}

// Add reports n more units of the current step done.
func (p *progressWriter) Add(n int64) { p.done.Add(n) }

// Finish ends the current step, writing its final line. It does nothing
// when no step runs.
func (p *progressWriter) Finish() { p.end(true) }

// Stop ends the current step without a final line, for a run that failed:
// on a terminal it only ends the line drawn so far. It does nothing when no
// step runs.
func (p *progressWriter) Stop() { p.end(false) }

func (p *progressWriter) end(final bool) {
	p.mu.Lock()
	stop := p.stop
	p.stop = nil
	p.mu.Unlock()
	if stop == nil {
		return
	}
	close(stop)
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case final:
		p.write(true)
	case p.terminal && p.shown:
		fmt.Fprintln(p.w)
	}
	p.step = ""
}

// write writes the state of the current step; final is for its last line.
// p.mu is held.
func (p *progressWriter) write(final bool) {
	done, total := p.done.Load(), p.total
	elapsed := p.Now().Sub(p.begun)
	if elapsed < p.Quiet && !p.shown {
		return
	}
	p.shown = true
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	var b strings.Builder
	b.WriteString(p.Prefix)
	b.WriteString(p.step)
	b.WriteString(": ")
	if final {
		fmt.Fprintf(&b, "%s in %s", p.amount(done, true), roundDuration(elapsed))
		if rate > 0 && p.unit != "" {
			fmt.Fprintf(&b, " (%s/s)", p.rate(rate))
		}
	} else {
		if total > 0 {
			frac := min(1, float64(done)/float64(total))
			if p.terminal {
				const width = 24
				fill := int(frac * width)
				b.WriteString("[" + strings.Repeat("=", fill) + strings.Repeat(" ", width-fill) + "] ")
			}
			fmt.Fprintf(&b, "%3.0f%% %s/%s", 100*frac, p.amount(done, false), p.amount(total, true))
		} else {
			b.WriteString(p.amount(done, true))
		}
		if rate > 0 {
			fmt.Fprintf(&b, ", %s/s", p.rate(rate))
			if total > 0 && done < total {
				eta := time.Duration(float64(total-done) / rate * float64(time.Second))
				fmt.Fprintf(&b, ", ETA %s", roundDuration(eta))
			}
		}
		fmt.Fprintf(&b, ", %s", roundDuration(elapsed))
	}
	if p.terminal {
		fmt.Fprintf(p.w, "\r\033[K%s", b.String())
		if final {
			fmt.Fprintln(p.w)
		}
		return
	}
	fmt.Fprintln(p.w, b.String())
}

// amount formats n units: bytes in kB, MB or GB, anything else with
// thousands separators, followed by the unit if withUnit.
func (p *progressWriter) amount(n int64, withUnit bool) string {
	if p.unit == "bytes" {
		switch {
		case n >= 1e9:
			return fmt.Sprintf("%.2f GB", float64(n)/1e9)
		case n >= 1e6:
			return fmt.Sprintf("%.1f MB", float64(n)/1e6)
		default:
			return fmt.Sprintf("%.0f kB", float64(n)/1e3)
		}
	}
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && c != '-' && s[i-1] != '-' && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if withUnit && p.unit != "" {
		b.WriteString(" " + p.unit)
	}
	return b.String()
}

// rate formats a rate of units per second: with one decimal below 10.
func (p *progressWriter) rate(r float64) string {
	if r < 10 && p.unit != "bytes" {
		return fmt.Sprintf("%.1f %s", r, p.unit)
	}
	return p.amount(int64(r), true)
}

// roundDuration rounds d for display: tenths of a second below a minute,
// whole seconds above.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Minute {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Second)
}
