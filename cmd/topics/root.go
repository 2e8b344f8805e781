package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// streams are the standard streams a command reads and writes; tests inject
// buffers.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

// globalFlags are the flags every command takes.
type globalFlags struct {
	cpuProfile string
	memProfile string
	stopCPU    func() error
}

func newRootCmd(s streams) *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "topics",
		Short: "Find what a pile of news articles is about",
		Long: `topics turns news articles into TF-IDF vectors, reduces them with LSA
(truncated SVD), groups them with k-means and reports each group's themes.

With no corpus argument, commands use the built-in sample of five articles.
A corpus is a directory of .txt/.md files, a JSON Lines or CSV file (gzip or
not), or - for standard input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return g.start()
		},
		PersistentPostRunE: func(cmd *cobra.Command, args []string) error {
			return g.finish()
		},
	}
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	fl := root.PersistentFlags()
	fl.StringVar(&g.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	fl.StringVar(&g.memProfile, "memprofile", "", "write a heap profile at the end of the run to this file (for go tool pprof)")
	root.AddCommand(newClusterCmd(s), newVectorizeCmd(s), newEvalCmd(s), newSimilarityCmd(s), newDuplicatesCmd(s),
		newFitCmd(s), newAssignCmd(s), newQueryCmd(s))
	return root
}

// start begins CPU profiling when asked.
func (g *globalFlags) start() error {
	if g.cpuProfile == "" {
		return nil
	}
	f, err := os.Create(g.cpuProfile)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--cpuprofile %s: %w", g.cpuProfile, err)
	}
	g.stopCPU = func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}
	return nil
}

// finish stops CPU profiling and writes the heap profile when asked. It runs
// only after a command succeeded.
func (g *globalFlags) finish() error {
	if g.stopCPU != nil {
		if err := g.stopCPU(); err != nil {
			return fmt.Errorf("--cpuprofile %s: %w", g.cpuProfile, err)
		}
		g.stopCPU = nil
	}
	if g.memProfile == "" {
		return nil
	}
	f, err := os.Create(g.memProfile)
	if err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--memprofile %s: %w", g.memProfile, err)
	}
	return f.Close()
}
