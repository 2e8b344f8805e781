package main

import (
	"flag"
	"testing"

	"github.com/topics-dev/topics"
)

// TestDocWeightsFlag checks that --doc-weights reaches the Config, with
// topics fit's default when not given.
func TestDocWeightsFlag(t *testing.T) {
	for _, c := range []struct {
		args []string
		want topics.DocWeights
	}{
		{nil, topics.DefaultConfig().DocWeights},
		{[]string{"--doc-weights", "length"}, topics.DocWeightsLength},
		{[]string{"--doc-weights", "none"}, topics.DocWeightsNone},
	} {
		var f configFlags
		fs := flag.NewFlagSet("fit", flag.ContinueOnError)
		f.register(fs)
		if err := fs.Parse(c.args); err != nil {
			t.Fatal(err)
		}
		cfg, err := f.config()
		if err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		if cfg.DocWeights != c.want {
			t.Errorf("%q: DocWeights %v, want %v", c.args, cfg.DocWeights, c.want)
		}
	}
}
