// Package option reports settings out of their range in one form, shared
// by the packages that validate options, so that a command line can name
// its own flag instead of the field.
package option

import "fmt"

// Error reports the setting Option (the name of a field of an options
// struct) of package Pkg, whose value Value is out of range for Reason.
type Error struct {
	Pkg    string
	Option string
	Value  any
	Reason string
	// Err, if not nil, is a sentinel error that Error wraps.
	Err error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s %v: %s", e.Pkg, e.Option, e.Value, e.Reason)
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// Check is one rule of a validation: when Bad, the option's value fails
// for Reason.
type Check struct {
	Bad    bool
	Option string
	Value  any
	Reason string
}

// First returns the Error of the first failed check of package pkg, or
// nil; the Error wraps sentinel.
func First(pkg string, sentinel error, checks ...Check) error {
	for _, c := range checks {
		if c.Bad {
			return &Error{Pkg: pkg, Option: c.Option, Value: c.Value, Reason: c.Reason, Err: sentinel}
		}
	}
	return nil
}
