// Package topics finds what a pile of news articles is about: it reads the
// articles, weighs their words by TF-IDF, reduces them to a few latent
// dimensions by LSA, groups them by k-means and describes each group by its
// terms and its most central articles.
//
// The work is done by the packages below this one: corpus reads documents,
// vectorize turns them into TF-IDF and LSA matrices, cluster groups the rows
// of a matrix, and report describes the groups; the topics command in
// cmd/topics wires them together. This package itself only holds Sample, a
// small corpus built into the program for trying things out and for
// examples.
package topics

import (
	"embed"
	"io/fs"
)

// sample holds the articles of testdata/sample.
//
//go:embed testdata/sample/*.txt
var sample embed.FS

// Sample returns a small built-in corpus: five news articles about the
// relations between the United States and Pakistan, one .txt file each at
// the root of the returned file system, as corpus.ReadFS reads them.
func Sample() fs.FS {
	sub, err := fs.Sub(sample, "testdata/sample")
	if err != nil {
		panic("topics: embedded sample: " + err.Error()) // cannot happen: the path is fixed
	}
	return sub
}
