//go:build !linux

package atomicfile

// swap exchanges the directories a and b in two renames.
func swap(a, b string) error { return swapByRenames(a, b) }
