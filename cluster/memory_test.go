package cluster

import "testing"

func TestKMeansBytes(t *testing.T) {
	small := KMeansBytes(1000, 100, 10, KMeansOptions{})
	if small < 8*1000*100 || small > 1e9 {
		t.Errorf("1000 rows, 100 dims, k 10: %g bytes", small)
	}
	// k×k centroid products dominate for a huge k.
	if huge := KMeansBytes(1_000_000, 100, 1_000_000, KMeansOptions{}); huge < 8e12 {
		t.Errorf("k = n = 1e6: %g bytes, want over 8 TB", huge)
	}
	if KMeansBytes(0, 100, 10, KMeansOptions{}) != 0 {
		t.Error("no rows needs no memory")
	}
}
