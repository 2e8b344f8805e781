package topics_test

import (
	"context"
	"fmt"
	"os"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/report"
	"github.com/topics-dev/topics/vectorize"
)

// news is a tiny corpus: a report republished with an edit (a, b), another
// story told twice in other words (c, d), and an unrelated report (e).
var news = []corpus.Document{
	{ID: "a", Title: "Rebels seize Goma", Text: "Rebels seized the city of Goma in eastern Congo on Tuesday after government troops fled, residents and United Nations officials said."},
	{ID: "b", Title: "Rebels seize Goma", Text: "Rebels seized the city of Goma in eastern Congo late on Tuesday after government troops fled, residents and United Nations officials said."},
	{ID: "c", Title: "Fed holds rates", Text: "The Federal Reserve kept interest rates unchanged and said inflation remained subdued."},
	{ID: "d", Title: "Rates unchanged at Fed", Text: "Interest rates were left unchanged by the Federal Reserve, which sees inflation subdued."},
	{ID: "e", Title: "Storm hits coast", Text: "A storm flooded the coast and cut power to thousands of homes."},
}

// cfg uses scikit-learn's TF-IDF with its English stop words: the default
// min-df of 2 would leave the tiny corpus few terms.
func cfg() topics.Config {
	c := topics.DefaultConfig()
	c.Vectorize = vectorize.Options{StopWords: vectorize.StopWordsEnglish}
	return c
}

func ExampleSimilarities() {
	m, err := topics.Similarities(context.Background(), news, cfg(), topics.SimilarityOptions{Space: topics.SpaceTFIDF, MaxDocs: 100, Neighbors: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	report.WriteSimilarityTable(os.Stdout, m, report.SimilarityTableOptions{TitleWidth: 20})
	// Output:
	// 5 documents · cosine similarity in TF-IDF space
	//
	//                            1     2     3     4     5
	// 1  Rebels seize Goma    1.00  0.97  0.04  0.00  0.00
	// 2  Rebels seize Goma    0.97  1.00  0.04  0.00  0.00
	// 3  Fed holds rates      0.04  0.04  1.00  0.70  0.00
	// 4  Rates unchanged at…  0.00  0.00  0.70  1.00  0.00
	// 5  Storm hits coast     0.00  0.00  0.00  0.00  1.00
}

func ExampleNearestNeighbors() {
	l, err := topics.NearestNeighbors(context.Background(), news, cfg(), topics.SimilarityOptions{Space: topics.SpaceTFIDF, MaxDocs: 100, Neighbors: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	report.WriteNeighborsCSV(os.Stdout, l)
	// Output:
	// id,rank,neighbor,similarity
	// a,1,b,0.966360
	// b,1,a,0.966360
	// c,1,d,0.701509
	// d,1,c,0.701509
	// e,1,a,0.000000
}

func ExampleFindDuplicates() {
	r, err := topics.FindDuplicates(context.Background(), news, cfg(), topics.DefaultDuplicateOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	report.WriteDuplicatesTable(os.Stdout, r)
	// Output:
	// 5 documents · 1 near-duplicate pair in 1 set (2 documents)
	// Jaccard index of 5-word shingles ≥ 0.50 · MinHash 128 hashes in 42 bands × 3 rows: a pair at 0.50 is missed with probability 0.0037 · 1 candidate pair verified
	//
	// Set 0 · 2 documents
	//   a  Rebels seize Goma
	//   b  Rebels seize Goma
	//   0.64  a ~ b  (tf-idf cosine 0.97, 16 shared terms: goma 18%, rebels 18%, city 5%, congo 5%, eastern 5%)
}

func ExampleFindRelated() {
	r, err := topics.FindRelated(context.Background(), news, withDims(cfg(), 4), topics.DefaultRelatedOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	report.WriteRelatedCSV(os.Stdout, r)
	// Output:
	// id,title,cluster,size,nearest,similarity,terms
	// a,Rebels seize Goma,0,2,b,0.999998,goma 0.1844;rebels 0.1844;city 0.0461;congo 0.0461;eastern 0.0461
	// b,Rebels seize Goma,0,2,a,0.999998,goma 0.1844;rebels 0.1844;city 0.0461;congo 0.0461;eastern 0.0461
	// c,Fed holds rates,1,2,d,0.701509,rates 0.3636;unchanged 0.1818;fed 0.0909;federal 0.0909;inflation 0.0909
	// d,Rates unchanged at Fed,1,2,c,0.701509,rates 0.3636;unchanged 0.1818;fed 0.0909;federal 0.0909;inflation 0.0909
	// e,Storm hits coast,2,1,,,
}
