// Package parallel runs independent pieces of work on several goroutines.
//
// It is the one worker pool of topics. Callers split their work into pieces
// whose bounds depend only on the problem (never on the number of
// goroutines) and make each piece's result independent of which goroutine
// computes it; results are then the same, bit for bit, on any number of
// cores.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers returns w, or runtime.GOMAXPROCS(0) when w is zero or negative.
func Workers(w int) int {
	if w <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return w
}

// For calls fn(w, i) once for every i in [0, n), from up to Workers(workers)
// goroutines that take the next index in turn. w, in [0, Workers(workers)),
// identifies the calling goroutine, so fn may keep scratch space per w;
// which goroutine handles an index varies from run to run, so the outcome
// must not depend on w. With one worker, or n < 2, fn runs on the calling
// goroutine, in order. For returns when every call has returned.
func For(workers, n int, fn func(w, i int)) {
	workers = min(Workers(workers), n)
	if workers <= 1 {
		for i := range n {
			fn(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(w, i)
			}
		})
	}
	wg.Wait()
}

// Ranges calls fn(cuts[c], cuts[c+1]) once for every c in
// [0, len(cuts)-1), from up to Workers(workers) goroutines. cuts must be
// non-decreasing; they split some range [cuts[0], cuts[len(cuts)-1]) into
// consecutive pieces.
func Ranges(workers int, cuts []int, fn func(lo, hi int)) {
	For(workers, len(cuts)-1, func(_, c int) { fn(cuts[c], cuts[c+1]) })
}

// Even returns the cuts of [0, n) into at most parts pieces of about equal
// length (at least one index each), for Ranges.
func Even(n, parts int) []int {
	parts = max(1, min(parts, n))
	cuts := make([]int, parts+1)
	for c := range cuts {
		cuts[c] = c * n / parts
	}
	return cuts
}

// Balanced returns the cuts of [0, len(weight)) into at most parts pieces
// of about equal total weight, for Ranges: a piece ends after the index at
// which the running total first reaches its share. Weights must not be
// negative.
func Balanced(weight func(i int) int, n, parts int) []int {
	total := 0
	for i := range n {
		total += weight(i)
	}
	parts = max(1, min(parts, n))
	cuts := []int{0}
	acc := 0
	for i := range n {
		acc += weight(i)
		if len(cuts) < parts && acc*parts >= total*len(cuts) && i+1 < n {
			cuts = append(cuts, i+1)
		}
	}
	return append(cuts, n)
}
