//go:build linux

package memory

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// total returns the physical memory from sysinfo(2).
func total() int64 {
	var info syscall.Sysinfo_t
	if err := syscall.Sysinfo(&info); err != nil {
		return 0
	}
	return int64(info.Totalram) * int64(info.Unit)
}

// cgroupLimit returns the memory limit of the process's control group
// (version 2, then version 1), or 0 when there is none.
func cgroupLimit() int64 {
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err == nil && v > 0 && v < 1<<60 { // "max" or a huge v1 value: no limit
			return v
		}
	}
	return 0
}
