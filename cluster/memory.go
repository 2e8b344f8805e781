package cluster

import "github.com/topics-dev/topics/internal/parallel"

// KMeansBytes estimates the memory, in bytes, that KMeans with the options
// opt (defaults filled in as KMeans fills them) needs for n non-zero rows
// of d columns and k clusters: the working copy of the rows, and for each
// restart that runs at once a solver (bounds, centroid sums and products)
// and two clusterings. Callers check it before a large run; it returns a
// float64 so that an absurd size does not overflow.
func KMeansBytes(n, d, k int, opt KMeansOptions) float64 {
	if n <= 0 || k <= 0 {
		return 0
	}
	k = min(k, n)
	p := &points{n: n, d: d}
	solver := float64(solverFloats(p, k))
	restarts := opt.Restarts
	if restarts == 0 {
		restarts = defaultRestarts
	}
	outer := float64(min(parallel.Workers(opt.Workers), restarts, max(1, maxSolverFloats/max(1, solverFloats(p, k)))))
	state := float64(2*n + k*d)
	return 8 * (float64(n)*float64(d+2) + outer*(solver+2*state))
}
