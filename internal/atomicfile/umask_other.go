//go:build !unix

package atomicfile

import "io/fs"

// umask returns the usual mask where the system has none.
func umask() fs.FileMode { return 0o022 }
