package memory

import (
	"runtime"
	"testing"
)

func TestBudget(t *testing.T) {
	t.Setenv(EnvVar, "")
	b, err := Budget()
	if err != nil || runtime.GOOS == "linux" && b < 1<<28 {
		t.Errorf("Budget() = %d, %v on Linux, want the machine's memory", b, err)
	}
	t.Setenv(EnvVar, "3M")
	if b, err := Budget(); err != nil || b != 3<<20 {
		t.Errorf("with $%s=3M: %d, %v", EnvVar, b, err)
	}
	t.Setenv(EnvVar, "lots")
	if _, err := Budget(); err == nil {
		t.Errorf("a malformed $%s gives no error", EnvVar)
	}
}

func TestParseSize(t *testing.T) {
	for s, want := range map[string]int64{"1024": 1024, "4K": 4096, "1.5G": 3 << 29, "2GiB": 2 << 30, "512mb": 512 << 20} {
		if got, err := ParseSize(s); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v, want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "-1G", "0", "abc", "9999999T"} {
		if _, err := ParseSize(s); err == nil {
			t.Errorf("ParseSize(%q) gives no error", s)
		}
	}
}

func TestFormat(t *testing.T) {
	for b, want := range map[int64]string{12_345: "12 kB", 340e6: "340 MB", 1_234_000_000: "1.2 GB", 8e12: "8.0 TB"} {
		if got := Format(b); got != want {
			t.Errorf("Format(%d) = %q, want %q", b, got, want)
		}
	}
}
