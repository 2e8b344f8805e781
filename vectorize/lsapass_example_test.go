package vectorize_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/topics-dev/topics/vectorize"
)

// ExampleLSAFromPass computes an LSA in passes over two blocks of rows, as
// a distributed job would, and compares it with FitLSA.
func ExampleLSAFromPass() {
	texts := []string{
		"stocks fell as markets slid", "markets rallied and stocks rose",
		"the team won the match", "a late goal won the match for the team",
		"shares and stocks in markets", "the match ended in a draw",
	}
	v, err := vectorize.Fit(texts, vectorize.Options{StopWords: "english"})
	if err != nil {
		panic(err)
	}
	blocks := []*vectorize.Sparse{v.Transform(texts[:3]), v.Transform(texts[3:])}
	opt := vectorize.LSAOptions{Dims: 2, Oversample: 1, PowerIters: 2}
	plan, err := opt.Plan(len(texts), v.NumTerms())
	if err != nil {
		panic(err)
	}
	basis := vectorize.GaussianBasis(v.NumTerms(), plan.Cols, rand.New(rand.NewPCG(1, 2)))
	var w, g *mat.Dense
	for pass := 0; pass <= plan.PowerIters; pass++ {
		w, g = mat.NewDense(v.NumTerms(), plan.Cols, nil), mat.NewDense(plan.Cols, plan.Cols, nil)
		for _, x := range blocks { // on many machines, then summed
			vectorize.AddPass(w, g, x, basis)
		}
		if pass < plan.PowerIters {
			vectorize.Orthonormalize(w) // on one machine, between passes
			basis = w
		}
	}
	lsa, err := vectorize.LSAFromPass(w, g, plan.Dims, false)
	if err != nil {
		panic(err)
	}
	opt.Rand = rand.New(rand.NewPCG(1, 2))
	ref, err := vectorize.FitLSA(v.Transform(texts), opt)
	if err != nil {
		panic(err)
	}
	fmt.Printf("passes: %.4f\nFitLSA: %.4f\n", lsa.SingularValues(), ref.SingularValues())
	// Output:
	// passes: [1.3209 1.2330]
	// FitLSA: [1.3209 1.2330]
}
