package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/internal/atomicfile"
)

// streams are the standard streams a command reads and writes; tests inject
// buffers.
type streams struct {
	in       io.Reader
	out, err io.Writer
	global   *globalFlags      // set by newRootCmd
	temps    *atomicfile.Temps // temporary files to remove on a signal; nil lists none
}

// warn writes each warning on its own line to stderr.
func (s streams) warn(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(s.err, "topics: warning: %s\n", w)
	}
}

// progress returns the display of long steps for this run, nil with
// --quiet.
func (s streams) progress() topics.Progress {
	if s.global == nil || s.global.progress == nil {
		return nil
	}
	return s.global.progress
}

// globalFlags are the flags every command takes.
type globalFlags struct {
	quiet      bool
	progress   *progressWriter
	showAfter  time.Duration // if not zero, replaces the progress display's Quiet time (tests)
	cpuProfile string
	memProfile string
	stopCPU    func() error
}

func newRootCmd(s streams) *cobra.Command { return newRootCmdWith(s, &globalFlags{}) }

// execute runs the command line args (nil: os.Args[1:]). Whether or not the
// command succeeds, the progress display and the CPU profile are stopped
// before it returns; after an error the display writes no final line.
func execute(s streams, args []string) error {
	g := &globalFlags{}
	cmd := newRootCmdWith(s, g)
	if args != nil {
		cmd.SetArgs(args)
	}
	err := cmd.Execute()
	if err != nil {
		if g.progress != nil {
			g.progress.Stop()
		}
		if g.stopCPU != nil {
			g.stopCPU() // the profile of a failed run is still a valid profile
			g.stopCPU = nil
		}
	}
	return err
}

// newRootCmdWith is newRootCmd with the given state of the global flags.
func newRootCmdWith(s streams, g *globalFlags) *cobra.Command {
	s.global = g
	root := &cobra.Command{
		Use:   "topics",
		Short: "Find what a pile of news articles is about",
		Long: `topics turns news articles into TF-IDF vectors, reduces them with LSA
(truncated SVD), groups them with k-means and reports each group's themes.

With no corpus argument, commands use the built-in sample of five articles.
A corpus is a directory of .txt/.md files, a JSON Lines or CSV file (gzip or
not), or - for standard input.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if !g.quiet {
				g.progress = newProgressWriter(s.err, terminalWidth(s.err))
				g.progress.Prefix = "topics: "
				if g.showAfter != 0 {
					g.progress.Quiet = g.showAfter
				}
			}
			return g.start()
		},
		PersistentPostRunE: func(cmd *cobra.Command, args []string) error {
			if g.progress != nil {
				g.progress.Finish()
			}
			return g.finish()
		},
	}
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	fl := root.PersistentFlags()
	fl.BoolVarP(&g.quiet, "quiet", "q", false, "no progress on standard error (it shows steps that take over 2 s: a bar on a terminal, a line every 10 s otherwise)")
	fl.StringVar(&g.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	fl.StringVar(&g.memProfile, "memprofile", "", "write a heap profile at the end of the run to this file (for go tool pprof)")
	root.SetFlagErrorFunc(flagErrorFunc)
	root.AddCommand(newClusterCmd(s, nil), newVectorizeCmd(s, nil), newEvalCmd(s, nil), newSimilarityCmd(s, nil),
		newDuplicatesCmd(s, nil), newFitCmd(s, nil), newAssignCmd(s, nil), newQueryCmd(s, nil), newLabelCmd(s, nil))
	return root
}

// terminalWidth returns the width in columns of the terminal w is, or 0
// when w is not a terminal.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 20 {
		return 80
	}
	return width
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

// version describes this build from its build information: the module
// version (a release, or a pseudo-version for go install of a commit) or,
// for a build in a checkout, the commit and whether the tree was modified.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	var rev, modified, when string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		case "vcs.time":
			when = s.Value
		}
	}
	if v == "" || v == "(devel)" {
		v = "devel"
		if rev != "" {
			v += " " + rev[:min(12, len(rev))]
			if modified == "true" {
				v += "-modified"
			}
			if when != "" {
				v += " " + when
			}
		}
	}
	return v + " (" + info.GoVersion + ")"
}
