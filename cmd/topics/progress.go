package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/topics-dev/topics/internal/textfmt"
)

// progressWriter is a topics.Progress that writes to a stream, normally
// standard error. Nothing is written of a step that ends within Quiet. On
// a terminal a step is one line redrawn in place at most every Interval
// (a bar from github.com/schollz/progressbar, fitted to the terminal's
// width), replaced when the step ends by a line that says what was done,
// in how long; otherwise a plain line is written every Interval while a
// step runs, and one when it ends. Every line starts with Prefix.
type progressWriter struct {
	w io.Writer
	// width is the terminal's width in columns; 0 when w is not a
	// terminal.
	width int
	// Interval is the time between two plain lines, or two redraws of the
	// bar. newProgressWriter sets it to 10 s or 100 ms.
	Interval time.Duration
	// Prefix starts every line, for example "topics: ".
	Prefix string
	// Quiet is the time a step may take without being shown.
	// newProgressWriter sets 2 s.
	Quiet time.Duration
	// Now returns the time; tests replace it. newProgressWriter sets
	// time.Now.
	Now func() time.Time

	mu    sync.Mutex
	step  string
	unit  string
	total int64
	begun time.Time
	shown bool // something of the current step was written
	bar   *progressbar.ProgressBar
	done  atomic.Int64
	stop  chan struct{}
	wg    sync.WaitGroup
}

// newProgressWriter returns a progressWriter on w; width is the width of
// the terminal w is, or 0 if it is none.
func newProgressWriter(w io.Writer, width int) *progressWriter {
	p := &progressWriter{w: w, width: width, Interval: 10 * time.Second, Quiet: 2 * time.Second, Now: time.Now}
	if width > 0 {
		p.Interval = 100 * time.Millisecond
	}
	return p
}

// Start ends the current step, if any, and begins a new one.
func (p *progressWriter) Start(step string, total int64, unit string) {
	p.Finish()
	p.mu.Lock()
	p.step, p.unit, p.total, p.begun, p.shown, p.bar = step, unit, total, p.Now(), false, nil
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
				p.tick()
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
// on a terminal it only clears the bar. It does nothing when no step runs.
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
	if p.bar != nil {
		p.bar.Exit()
		fmt.Fprint(p.w, "\r\033[K")
	}
	if elapsed := p.Now().Sub(p.begun); final && (p.shown || elapsed >= p.Quiet) {
		p.line(p.summary(elapsed))
	}
	p.step, p.bar = "", nil
}

// tick shows the current step once it has run for Quiet: on a terminal it
// moves the bar, otherwise it writes a plain line. p.mu is held.
func (p *progressWriter) tick() {
	elapsed := p.Now().Sub(p.begun)
	if !p.shown && elapsed < p.Quiet {
		return
	}
	p.shown = true
	if p.width == 0 {
		p.line(p.status(elapsed))
		return
	}
	if p.bar == nil {
		p.bar = p.newBar()
	}
	p.bar.Set64(p.done.Load())
}

// newBar returns the bar of the current step, sized to the terminal.
func (p *progressWriter) newBar() *progressbar.ProgressBar {
	total := p.total
	if total <= 0 {
		total = -1 // a spinner
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(p.Prefix + p.step),
		progressbar.OptionSetWidth(p.barWidth()),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionThrottle(p.Interval),
	}
	if p.unit == "bytes" {
		opts = append(opts, progressbar.OptionShowBytes(true))
	} else {
		opts = append(opts, progressbar.OptionShowIts(), progressbar.OptionSetItsString(p.unit))
	}
	return progressbar.NewOptions64(total, opts...)
}

// barWidth returns the width of the bar that keeps the whole line (the
// step, the share done, the bar, the count, the rate and the times) within
// the terminal: the rest takes the step's name, twice the digits of the
// total, the unit and at most 36 columns of punctuation, rate and times.
func (p *progressWriter) barWidth() int {
	rest := len([]rune(p.Prefix+p.step)) + 2*len(fmt.Sprint(max(p.total, 0))) + len(p.unit) + 36
	return max(4, p.width-rest)
}

// line writes s on a line of its own, fitted to the terminal's width.
func (p *progressWriter) line(s string) {
	s = p.Prefix + s
	if p.width > 0 {
		s = textfmt.Clip(s, p.width-1)
	}
	fmt.Fprintln(p.w, s)
}

// status says how far the current step is: its share done, the count,
// the rate, the time left (ETA) and the time taken.
func (p *progressWriter) status(elapsed time.Duration) string {
	done, total := p.done.Load(), p.total
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	var b strings.Builder
	b.WriteString(p.step + ": ")
	if total > 0 {
		frac := min(1, float64(done)/float64(total))
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
	return b.String()
}

// summary says what the current step did, in elapsed.
func (p *progressWriter) summary(elapsed time.Duration) string {
	done := p.done.Load()
	s := fmt.Sprintf("%s: %s in %s", p.step, p.amount(done, true), roundDuration(elapsed))
	if sec := elapsed.Seconds(); sec > 0 && done > 0 && p.unit != "" {
		s += fmt.Sprintf(" (%s/s)", p.rate(float64(done)/sec))
	}
	return s
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
