package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
)

// labelOptions are the parsed flags and arguments of topics label.
type labelOptions struct {
	model  string
	names  map[int]string // cluster → name, "" to give back the found name
	file   string
	output string
}

func newLabelCmd(s streams, run func(*labelOptions) error) *cobra.Command {
	o := &labelOptions{}
	if run == nil {
		run = func(o *labelOptions) error { return runLabel(s, o) }
	}
	cmd := &cobra.Command{
		Use:   `label MODEL [CLUSTER=NAME ...]`,
		Short: "Name the clusters of a saved model yourself",
		Long: `label gives clusters of a model saved by fit names of your own: assign,
query and cluster --model show them instead of the names made of key phrases.
Each argument CLUSTER=NAME names one cluster (CLUSTER=, with no name, gives it
back the name it was found with); --names FILE reads one CLUSTER=NAME per line
(blank lines and lines starting with # are skipped). The model is rewritten in
place (atomically), or written to -o. With no names, label lists the clusters
and their names.`,
		Example: `  topics label bbc.topics
  topics label bbc.topics 0="UK politics" 3="Tech and games"
  topics label bbc.topics --names names.txt -o bbc-named.topics`,
		Args: cobra.MinimumNArgs(1),
	}
	b := newBinder(cmd)
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		o.model = args[0]
		var err error
		if o.names, err = parseNames(args[1:], "argument"); err != nil {
			return err
		}
		if o.file != "" {
			if err := o.readNames(); err != nil {
				return err
			}
		}
		if o.output == "-" {
			return errors.New("-o -: a model is not written to standard output")
		}
		if err := checkOutput(o.output, o.file); err != nil {
			return err
		}
		return b.flagError(run(o))
	}
	b.stringVar(&o.file, "names", "read CLUSTER=NAME lines from this file")
	b.fl().StringVarP(&o.output, "output", "o", "", "write the renamed model here instead of over MODEL")
	return cmd
}

// parseNames reads CLUSTER=NAME pairs; where names them in errors.
func parseNames(pairs []string, where string) (map[int]string, error) {
	names := map[int]string{}
	for k, p := range pairs {
		id, name, ok := strings.Cut(p, "=")
		c, err := strconv.Atoi(strings.TrimSpace(id))
		if !ok || err != nil || c < 0 {
			return nil, fmt.Errorf("%s %d %q: want CLUSTER=NAME, e.g. 3=\"supply routes\"", where, k+1, p)
		}
		if _, dup := names[c]; dup {
			return nil, fmt.Errorf("%s %d: cluster %d is named twice", where, k+1, c)
		}
		names[c] = name
	}
	return names, nil
}

// readNames adds the names of the --names file.
func (o *labelOptions) readNames() error {
	f, err := os.Open(o.file)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, 1<<24))
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		names, err := parseNames([]string{text}, "line")
		if err != nil {
			return fmt.Errorf("%s:%d: want CLUSTER=NAME", o.file, line)
		}
		for c, n := range names {
			if _, dup := o.names[c]; dup {
				return fmt.Errorf("%s:%d: cluster %d is named twice", o.file, line, c)
			}
			o.names[c] = n
		}
	}
	return sc.Err()
}

func runLabel(s streams, o *labelOptions) error {
	model, err := topics.LoadFile(o.model)
	if err != nil {
		return err
	}
	if len(o.names) == 0 {
		for c, t := range model.Themes {
			given := ""
			if t.Found != "" {
				given = fmt.Sprintf("  (given; found: %s)", t.Found)
			}
			fmt.Fprintf(s.out, "%d\t%s%s\n", c, t.Name, given)
		}
		return nil
	}
	for c := range model.K() {
		if name, ok := o.names[c]; ok {
			if err := model.Rename(c, name); err != nil {
				return err
			}
			delete(o.names, c)
		}
	}
	for c := range o.names {
		return fmt.Errorf("cluster %d: the model %s has clusters 0 to %d", c, o.model, model.K()-1)
	}
	out := o.output
	if out == "" {
		out = o.model
	}
	return s.write(out, model.Save)
}
