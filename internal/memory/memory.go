// Package memory tells how much memory a run may plan to use, so that a
// step can refuse a size it cannot hold before allocating it.
package memory

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// EnvVar names the environment variable that sets the budget by hand, in
// bytes or with a suffix K, M, G or T (powers of 1024): TOPICS_MAX_MEMORY=4G.
const EnvVar = "TOPICS_MAX_MEMORY"

// Budget returns the bytes a run may plan to use: the smallest of
// $TOPICS_MAX_MEMORY, the memory limit of the process's control group
// (a container's limit) and the machine's physical memory; 0 when none is
// known, and then nothing is refused. A malformed $TOPICS_MAX_MEMORY is an
// error.
func Budget() (int64, error) {
	budget := total()
	if cg := cgroupLimit(); cg > 0 && (budget == 0 || cg < budget) {
		budget = cg
	}
	if v := os.Getenv(EnvVar); v != "" {
		b, err := ParseSize(v)
		if err != nil {
			return 0, fmt.Errorf("$%s: %w", EnvVar, err)
		}
		if budget == 0 || b < budget {
			budget = b
		}
	}
	return budget, nil
}

// ParseSize reads a size in bytes, with an optional suffix K, M, G or T
// (powers of 1024, an optional "B" or "iB" after it).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	shift := 0
	if n := len(t); n > 0 {
		if k := strings.IndexByte("KMGT", t[n-1]); k >= 0 {
			shift, t = 10*(k+1), t[:n-1]
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || !(v > 0) || v*float64(int64(1)<<shift) >= 1<<62 {
		return 0, fmt.Errorf("size %q: want a positive number of bytes, e.g. 512M or 4G", s)
	}
	return int64(v * float64(int64(1)<<shift)), nil
}

// Format writes a number of bytes for people: "1.2 GB", "340 MB", "12 kB".
func Format(b int64) string {
	switch {
	case b < 1e6:
		return fmt.Sprintf("%.0f kB", float64(b)/1e3)
	case b >= 1e12:
		return fmt.Sprintf("%.1f TB", float64(b)/1e12)
	case b >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(b)/1e9)
	default:
		return fmt.Sprintf("%.0f MB", float64(b)/1e6)
	}
}
