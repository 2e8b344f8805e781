// Command topics-beam runs topics on Apache Beam: it fits a model from a
// corpus of many files, or places a corpus in the clusters of a model, as a
// Beam pipeline that runs on one machine (the Prism runner, the default) or
// across many (Dataflow, Flink, Spark).
//
//	topics-beam fit --input 'shards/*.jsonl.gz' --k 20 --output news.topics
//	topics-beam assign --input 'new/*.jsonl.gz' --model news.topics --output placed/
//
// The model file is the one topics fit writes: topics assign and topics
// query read it. Beam's own flags (--runner, --project, --region,
// --temp_location, --endpoint, --environment_type, ...) are accepted too;
// docs/scale.md gives complete commands for each runner.
//
// A Beam worker starts this same binary with Beam's flags and no
// subcommand; it then runs the worker harness.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/topics-dev/topics/beam/pipeline"
)

const usage = `usage: topics-beam COMMAND [flags] [Beam flags]

Commands:
  fit     fit a model (vocabulary, LSA, k-means clusters) from a corpus
  assign  place the documents of a corpus in the clusters of a model

Run "topics-beam COMMAND -help" for the flags of a command.
`

func main() {
	if len(os.Args) < 2 || strings.HasPrefix(os.Args[1], "-") {
		// A worker: beam.Init runs the harness and exits when --worker is set.
		flag.Parse()
		beam.Init()
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1], os.Args[2:], os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "topics-beam:", err)
		}
		os.Exit(2)
	}
}

// command is a subcommand: it registers its flags, then builds and runs
// its pipeline once they are parsed.
type command interface {
	register(fs *flag.FlagSet)
	run(ctx context.Context, stderr io.Writer) error
}

// run parses args for the subcommand name, on the process's flag set where
// Beam's runner flags live, and runs it.
func run(ctx context.Context, name string, args []string, stderr io.Writer) error {
	var cmd command
	switch name {
	case "fit":
		cmd = &fitCmd{}
	case "assign":
		cmd = &assignCmd{}
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stderr, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", name)
	}
	fs := flag.CommandLine
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: topics-beam %s [flags] [Beam flags]\n\nFlags of %s (Beam's own flags are listed by topics-beam with no command and -help):\n", name, name)
		own := flag.NewFlagSet(name, flag.ContinueOnError)
		own.SetOutput(stderr)
		cmd.register(own)
		own.PrintDefaults()
	}
	cmd.register(fs)
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of this process to this file (with Prism: of the whole pipeline), for go tool pprof")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected arguments %q (give the corpus with --input)", name, fs.Args())
	}
	if runnerName() == "prism" {
		addExperiment(pipeline.PrismExperiment)
	}
	beam.Init()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return cmd.run(ctx, stderr)
}

// addExperiment adds exp to Beam's --experiments.
func addExperiment(exp string) {
	f := flag.Lookup("experiments")
	if f == nil {
		return
	}
	list := f.Value.String()
	for _, e := range strings.Split(list, ",") {
		if e == exp {
			return
		}
	}
	if list != "" {
		list += ","
	}
	f.Value.Set(list + exp)
}

// runnerName returns the runner of --runner, prism when it is not set.
func runnerName() string {
	if f := flag.Lookup("runner"); f != nil && f.Value.String() != "" {
		return f.Value.String()
	}
	return "prism"
}

// execute runs the pipeline with the runner of --runner (default prism).
// Beam leaves an empty placeholder file in the temporary directory when it
// runs a pipeline in loopback mode (as Prism does); the run gets a
// temporary directory of its own, removed afterwards.
func execute(ctx context.Context, p *beam.Pipeline) error {
	dir, err := os.MkdirTemp("", "topics-beam-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	old, had := os.LookupEnv("TMPDIR")
	os.Setenv("TMPDIR", dir)
	defer func() {
		if had {
			os.Setenv("TMPDIR", old)
		} else {
			os.Unsetenv("TMPDIR")
		}
	}()
	return beamx.Run(ctx, p)
}
