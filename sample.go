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
