package topics

import "github.com/topics-dev/topics/vectorize"

// Progress follows the long steps of a run, for a display. Start begins a
// step (for example "tokenize") of total units (0 if unknown), named by
// unit ("documents"); Add reports n more units done and may be called from
// several goroutines at once; a step ends with the next Start or with
// Finish. A nil Progress in a Config reports nothing.
type Progress interface {
	Start(step string, total int64, unit string)
	Add(n int64)
	Finish()
}

// noProgress is the Progress of a Config without one.
type noProgress struct{}

func (noProgress) Start(string, int64, string) {}
func (noProgress) Add(int64)                   {}
func (noProgress) Finish()                     {}

// progress returns c.Progress, or one that reports nothing.
func (c Config) progress() Progress {
	if c.Progress == nil {
		return noProgress{}
	}
	return c.Progress
}

// countingTexts reports each document it hands out to a Progress.
type countingTexts struct {
	vectorize.Texts
	progress Progress
}

func (c countingTexts) AppendParts(dst []string, i int) []string {
	c.progress.Add(1)
	return c.Texts.AppendParts(dst, i)
}

// stepFunc returns a progress callback of the form the lower packages take
// (done and total units so far, calls in increasing order of done), which
// starts step on its first call with total+extra units and reports the
// units done since the last call.
func stepFunc(p Progress, step, unit string, extra int) func(done, total int) {
	last := -1
	return func(done, total int) {
		if last < 0 {
			p.Start(step, int64(total+extra), unit)
			last = 0
		}
		p.Add(int64(done - last))
		last = done
	}
}
