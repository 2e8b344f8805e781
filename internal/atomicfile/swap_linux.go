//go:build linux

package atomicfile

import (
	"errors"

	"golang.org/x/sys/unix"
)

// swap exchanges the directories a and b in one step (renameat2 with
// RENAME_EXCHANGE), or, where the file system cannot, in two renames.
func swap(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		return swapByRenames(a, b)
	}
	return err
}
