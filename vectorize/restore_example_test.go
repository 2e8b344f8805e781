package vectorize_test

import (
	"fmt"

	"github.com/topics-dev/topics/vectorize"
)

func ExampleRestore() {
	texts := []string{"the cat sat", "the dog sat", "a cat and a dog"}
	fitted, err := vectorize.Fit(texts, vectorize.Options{})
	if err != nil {
		panic(err)
	}
	// Save these four parts; later, rebuild the same vectorizer from them.
	v, err := vectorize.Restore(fitted.Options(), fitted.Vocabulary(), fitted.DocFreq(), fitted.NumDocs())
	if err != nil {
		panic(err)
	}
	ind, val := v.Transform([]string{"a dog sat"}).Row(0)
	for p, j := range ind {
		fmt.Printf("%s %.3f\n", v.Term(int(j)), val[p])
	}
	// Output:
	// dog 0.707
	// sat 0.707
}

func ExampleFitCounts() {
	opt := vectorize.Options{MinDF: 2}
	// Count two halves of a corpus apart, as two machines would...
	a, err := vectorize.CountTerms(vectorize.Strings{"the cat sat", "the dog sat"}, opt)
	if err != nil {
		panic(err)
	}
	b, err := vectorize.CountTerms(vectorize.Strings{"a cat and a dog"}, opt)
	if err != nil {
		panic(err)
	}
	// ...add the counts term by term (both lists are sorted)...
	sum := vectorize.TermCounts{Docs: a.Docs + b.Docs}
	df := map[string]int{}
	total := map[string]int64{}
	for _, c := range []vectorize.TermCounts{a, b} {
		for j, term := range c.Terms {
			df[term] += c.DF[j]
			total[term] += c.Total[j]
		}
	}
	for _, term := range []string{"and", "cat", "dog", "sat", "the"} {
		sum.Terms = append(sum.Terms, term)
		sum.DF = append(sum.DF, df[term])
		sum.Total = append(sum.Total, total[term])
	}
	// ...and choose the vocabulary Fit would choose from all three texts.
	v, err := vectorize.FitCounts(sum, opt)
	if err != nil {
		panic(err)
	}
	fmt.Println(v.Vocabulary(), v.DocFreq())
	// Output:
	// [cat dog sat the] [2 2 2 2]
}
