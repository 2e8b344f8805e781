// Command topics finds what a pile of news articles is about: it turns
// articles into TF-IDF vectors, reduces them with LSA, groups them with
// k-means and reports each group's themes.
//
// Run `topics help` for the commands. The work is done by the packages
// corpus, vectorize, cluster and report; this command only wires them up.
package main

import (
	"fmt"
	"os"
)

func main() {
	cmd := newRootCmd(streams{in: os.Stdin, out: os.Stdout, err: os.Stderr})
	if err := cmd.Execute(); err != nil {
		fmt.Fprintf(os.Stderr, "topics: %v\n", err)
		os.Exit(1)
	}
}
