package atomicfile

import "os"

// swapByRenames exchanges the directories a and b through a third name:
// for an instant b does not exist, but it never holds a mix of both.
func swapByRenames(a, b string) error {
	aside := b + ".old"
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(aside, b)
		return err
	}
	return os.Rename(aside, a)
}
