package topics

import (
	"slices"
	"testing"
)

func TestPoolUnassigned(t *testing.T) {
	cases := []struct{ in, want []int }{
		{[]int{0, 1, -1, 1, -1}, []int{0, 1, 2, 1, 2}},
		{[]int{0, 0}, []int{0, 0}},
		{[]int{-1, -1}, []int{0, 0}},
	}
	for _, c := range cases {
		in := slices.Clone(c.in)
		if got := poolUnassigned(in); !slices.Equal(got, c.want) {
			t.Errorf("poolUnassigned(%v) = %v, want %v", c.in, got, c.want)
		}
		if !slices.Equal(in, c.in) {
			t.Errorf("input modified: %v", in)
		}
	}
}
