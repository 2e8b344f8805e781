// Command topics finds what a pile of news articles is about: it turns
// articles into TF-IDF vectors, reduces them with LSA, groups them with
// k-means and reports each group's themes.
//
// Run `topics help` for the commands. The work is done by package topics
// (the pipeline) and its subpackages; this command only binds flags to
// their options and writes what they return (see docs/architecture.md).
package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/topics-dev/topics/internal/atomicfile"
)

// gcPercent is the garbage collector's target heap growth, unless the GOGC
// environment variable sets one. topics holds a few large, long-lived
// matrices and the corpus; Go's default of 100 lets the heap grow to twice
// what is live before collecting, which on a million articles is gigabytes
// of garbage (peak RSS 7.2 GB against 6.0 GB at 25, for the same 1:43).
const gcPercent = 25

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	temps := &atomicfile.Temps{}
	onSignal(temps)
	if err := execute(streams{in: os.Stdin, out: os.Stdout, err: os.Stderr, temps: temps}, nil); err != nil {
		// Errors of package topics already start with its name.
		fmt.Fprintf(os.Stderr, "topics: %s\n", strings.TrimPrefix(err.Error(), "topics: "))
		os.Exit(1)
	}
}

// onSignal makes SIGINT and SIGTERM remove the temporary files of the run
// and exit with 128 plus the signal's number (130, 143), as shells do.
func onSignal(temps *atomicfile.Temps) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		temps.RemoveAll()
		fmt.Fprintf(os.Stderr, "\ntopics: %v: stopped; no output file was written\n", sig)
		code := 130
		if s, ok := sig.(syscall.Signal); ok {
			code = 128 + int(s)
		}
		os.Exit(code)
	}()
}
