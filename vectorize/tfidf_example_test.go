package vectorize_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"

	"github.com/topics-dev/topics/vectorize"
)

func ExampleFitTransform() {
	texts := []string{
		"The cat sat on the mat.",
		"The dog sat on the log.",
		"Cats and dogs!",
	}
	v, x, err := vectorize.FitTransform(texts, vectorize.Options{StopWords: "english"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Vocabulary())
	for i := range texts {
		ind, val := x.Row(i)
		for k, j := range ind {
			if k > 0 {
				fmt.Print(" ")
			}
			fmt.Printf("%s=%.3f", v.Term(int(j)), val[k])
		}
		fmt.Println()
	}
	// Output:
	// [cat cats dog dogs log mat sat]
	// cat=0.623 mat=0.623 sat=0.474
	// dog=0.623 log=0.623 sat=0.474
	// cats=0.707 dogs=0.707
}

func ExampleVectorizer_Transform() {
	v, err := vectorize.Fit([]string{"red apples", "green apples", "red cars"}, vectorize.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Unknown words are ignored; a text with no known word is an empty row.
	x := v.Transform([]string{"red red bicycles", "blue boats"})
	ind, val := x.Row(0)
	fmt.Println(v.Term(int(ind[0])), val[0])
	fmt.Println("empty rows:", vectorize.EmptyRows(x))
	// Output:
	// red 1
	// empty rows: [1]
}

func ExampleVectorizer_Analyze() {
	v, err := vectorize.Fit([]string{"placeholder text"}, vectorize.Options{
		StopWords: "english",
		Stem:      true,
		NGramMax:  2,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", v.Analyze("The runners were running in İstanbul's rain."))
	// Output:
	// ["runner" "run" "stanbul" "rain" "runner run" "run stanbul" "stanbul rain"]
}

func ExampleEmptyRows() {
	texts := []string{"news about markets", "and the of", "markets rally"}
	_, x, err := vectorize.FitTransform(texts, vectorize.Options{StopWords: "english"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(vectorize.EmptyRows(x))
	// Output:
	// [1]
}

func ExampleStopWords() {
	words, err := vectorize.StopWords("english")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(words), words[:5])
	_, err = vectorize.StopWords("klingon")
	fmt.Println(err)
	// Output:
	// 318 [a about above across after]
	// vectorize: invalid options: unknown stop-word list "klingon" (want "" or "english")
}

// FitTransformTexts analyzes documents given in parts, here a headline and
// a body, as if each were one text with its parts on separate lines,
// without joining them: with bigrams, "havens" at the end of the headline
// and "north" at the start of the body make "havens north".
func ExampleFitTransformTexts() {
	docs := headlined{
		{"Safe havens", "North Waziristan raids"},
		{"Supply routes", "Safe havens again"},
	}
	v, _, err := vectorize.FitTransformTexts(docs, vectorize.Options{NGramMax: 2, MinDF: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", v.Vocabulary())
	// Output:
	// ["again" "havens" "havens again" "havens north" "north" "north waziristan" "raids" "routes" "routes safe" "safe" "safe havens" "supply" "supply routes" "waziristan" "waziristan raids"]
}

// headlined is a vectorize.Texts of (headline, body) pairs.
type headlined [][2]string

func (h headlined) Len() int { return len(h) }

func (h headlined) AppendParts(dst []string, i int) []string { return append(dst, h[i][0], h[i][1]) }

// FitTransformLSA reduces a TF-IDF matrix to a few dimensions and returns
// the documents' vectors with it, each of unit length.
func ExampleFitTransformLSA() {
	texts := []string{
		"safe havens in north waziristan",
		"militant safe havens near the border",
		"nato supply routes through pakistan",
		"supply routes reopened for nato trucks",
	}
	_, x, err := vectorize.FitTransform(texts, vectorize.Options{StopWords: "english"})
	if err != nil {
		fmt.Println(err)
		return
	}
	lsa, z, err := vectorize.FitTransformLSA(x, vectorize.LSAOptions{Dims: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d dimensions, %.0f%% of the variance\n", lsa.Dims(), 100*floats.Sum(lsa.ExplainedVarianceRatio()))
	for i := range texts {
		row := z.RawRowView(i)
		fmt.Printf("%-40s %.2f %.2f\n", texts[i], math.Abs(row[0]), math.Abs(row[1])) // signs are a convention
	}
	// Output:
	// 2 dimensions, 57% of the variance
	// safe havens in north waziristan          0.00 1.00
	// militant safe havens near the border     0.00 1.00
	// nato supply routes through pakistan      1.00 0.00
	// supply routes reopened for nato trucks   1.00 0.00
}

func ExampleAnalyzer() {
	analyze, err := vectorize.Analyzer(vectorize.Options{StopWords: "english"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(analyze("The cats sat on the mat, again."))
	// Output:
	// [cats sat mat]
}
