package main

import (
	"io"

	"github.com/spf13/cobra"
)

// streams are the standard streams a command reads and writes; tests inject
// buffers.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

func newRootCmd(s streams) *cobra.Command {
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
	}
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.AddCommand(newClusterCmd(s), newVectorizeCmd(s), newEvalCmd(s), newSimilarityCmd(s), newDuplicatesCmd(s),
		newFitCmd(s), newAssignCmd(s), newQueryCmd(s))
	return root
}
