package topics

import (
	"fmt"
	"math"

	"github.com/topics-dev/topics/internal/memory"
)

// needMemory returns an *OptionError about option (set to value) when a
// step would need more bytes than the run may use (memory.Budget: the
// machine's memory, its container's limit or $TOPICS_MAX_MEMORY), before
// the step allocates them; bytes is a float64 so that no estimate
// overflows.
func needMemory(option string, value any, step string, bytes float64) error {
	budget, err := memory.Budget()
	if err != nil || budget == 0 || bytes <= float64(budget) {
		return err
	}
	need := int64(math.MaxInt64)
	if bytes < math.MaxInt64 {
		need = int64(bytes)
	}
	return firstBad(check(true, option, value, fmt.Sprintf("%s would need about %s of memory, more than the %s this run may use (see $%s)",
		step, memory.Format(need), memory.Format(budget), memory.EnvVar)))
}

// lsaBytes estimates the memory of an LSA of d dimensions of an n × t
// TF-IDF matrix: the range finder's two bases of d+10 columns with their
// scratch copies, and the n × d document vectors.
func lsaBytes(n, t, d int) float64 {
	d = min(d, n, t)
	l := float64(min(d+10, n, t))
	return 8 * (2*l*float64(n+t) + float64(n)*float64(d))
}
