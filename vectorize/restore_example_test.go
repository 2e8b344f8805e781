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
