// Package readme keeps README.md true: every output it shows is produced
// by running what it shows.
//
// Two kinds of generated parts are recognized in a Markdown file:
//
//   - a fenced block with the info string "console": each line starting
//     with "$ " is a shell command; the lines after it, up to the next
//     command or the end of the block, are its output (standard output,
//     then the lines of standard error that are messages, not progress);
//   - an include: the lines between
//     <!-- include FILE#HEADING --> and <!-- end include --> are the
//     section of FILE (a Markdown file of the repository) under the heading
//     HEADING, up to the next heading of the same or a higher level.
//
// Generate rewrites both parts of a document with a Runner; the test of
// this package compares README.md with what Generate makes of it, and
// `make readme` (go test ./internal/readme -update) rewrites it.
package readme

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Runner runs one shell command line and returns what to show after it;
// old is what the document shows now (a Runner that cannot run the command
// here may return it).
type Runner func(command, old string) (string, error)

// Generate returns doc with every console block's outputs replaced by
// what run prints for its commands, in order, and every include replaced
// by the section it names, read below root.
func Generate(doc, root string, run Runner) (string, error) {
	lines := strings.Split(doc, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.TrimSpace(l) == "```console":
			end := closing(lines, i+1)
			if end < 0 {
				return "", fmt.Errorf("line %d: a console block that does not end", i+1)
			}
			block, err := console(lines[i+1:end], run)
			if err != nil {
				return "", fmt.Errorf("line %d: %w", i+1, err)
			}
			out = append(append(append(out, l), block...), lines[end])
			i = end
		case strings.HasPrefix(strings.TrimSpace(l), "<!-- include "):
			end := endInclude(lines, i+1)
			if end < 0 {
				return "", fmt.Errorf("line %d: an include without <!-- end include -->", i+1)
			}
			section, err := include(root, l)
			if err != nil {
				return "", fmt.Errorf("line %d: %w", i+1, err)
			}
			out = append(append(append(out, l), section...), lines[end])
			i = end
		default:
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n"), nil
}

// closing returns the index of the fence that ends the block opened
// before lines[from], or -1.
func closing(lines []string, from int) int {
	for j := from; j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == "```" {
			return j
		}
	}
	return -1
}

func endInclude(lines []string, from int) int {
	for j := from; j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == "<!-- end include -->" {
			return j
		}
	}
	return -1
}

// console runs the commands of a block's lines and returns the block with
// their outputs.
func console(lines []string, run Runner) ([]string, error) {
	var out []string
	for k, l := range lines {
		cmd, ok := strings.CutPrefix(l, "$ ")
		if !ok {
			continue // an old output line
		}
		var old []string
		for _, o := range lines[k+1:] {
			if strings.HasPrefix(o, "$ ") {
				break
			}
			old = append(old, o)
		}
		got, err := run(cmd, strings.Join(old, "\n"))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cmd, err)
		}
		out = append(out, l)
		if got = strings.TrimRight(got, "\n"); got != "" {
			out = append(out, strings.Split(got, "\n")...)
		}
	}
	return out, nil
}

// include returns the section named by an include line.
func include(root, line string) ([]string, error) {
	spec := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "<!-- include "), "-->")
	file, heading, ok := strings.Cut(strings.TrimSpace(spec), "#")
	if !ok {
		return nil, fmt.Errorf("include %q: want FILE#HEADING", spec)
	}
	b, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		return nil, err
	}
	return Section(string(b), heading)
}

// Section returns the lines of md under the heading whose text is heading
// (any level), without the heading itself, up to the next heading of the
// same or a higher level; blank lines at both ends are dropped.
func Section(md, heading string) ([]string, error) {
	lines := strings.Split(md, "\n")
	level := 0
	var out []string
	inFence := false
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			inFence = !inFence
		}
		h, text := headingOf(l)
		if !inFence && h > 0 {
			if level > 0 && h <= level {
				break
			}
			if level == 0 && text == heading {
				level = h
				continue
			}
		}
		if level > 0 {
			out = append(out, l)
		}
	}
	if level == 0 {
		return nil, fmt.Errorf("no heading %q", heading)
	}
	for len(out) > 0 && strings.TrimSpace(out[0]) == "" {
		out = out[1:]
	}
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" {
		out = out[:len(out)-1]
	}
	return out, nil
}

// headingOf returns the level and text of a Markdown ATX heading, or 0.
func headingOf(l string) (int, string) {
	n := 0
	for n < len(l) && l[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n >= len(l) || l[n] != ' ' {
		return 0, ""
	}
	return n, strings.TrimSpace(l[n:])
}
