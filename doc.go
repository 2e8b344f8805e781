// Package topics finds what a pile of news articles is about. It is the
// pipeline and the Go API of the topics toolkit: documents are read by
// package corpus, weighed by TF-IDF and reduced by LSA (package vectorize),
// grouped by spherical k-means (package cluster) and described by their key
// phrases (package theme); package report turns the result into tables,
// Markdown, JSON, JSON Lines and CSV, and package report/html into a page.
//
// # Clustering
//
// Start from DefaultConfig, the settings of the topics command, and Fit:
//
//	docs, err := corpus.Read("news.jsonl.gz", corpus.Options{})
//	cfg := topics.DefaultConfig()
//	cfg.K = 8 // 0 chooses k
//	m, err := topics.Fit(ctx, docs, cfg)
//	err = report.WriteJSON(os.Stdout, report.Build(m, report.DefaultOptions()))
//
// A Model holds the vectors, the clustering (m.Clusters), each cluster's
// members closest to its centroid first (m.Members) and theme (m.Themes).
// FitVectors stops after the LSA; Evaluate scores clusterings against gold
// labels over several seeds.
//
// # Comparing documents
//
// Similarities gives the cosine similarity of every pair of documents and
// NearestNeighbors each document's most similar others, in the LSA or the
// TF-IDF space; FindDuplicates finds near-duplicate texts (MinHash and LSH,
// verified exactly) and FindRelated groups reports of the same story
// without a number of groups.
//
// # Saved models
//
// Model.Saved keeps what places new documents: SavedModel.Save writes it
// (docs/model-format.md), Load and LoadFile read it back, Assign places
// documents in its clusters and Query finds the indexed documents most like
// a text.
//
// # Conventions
//
// Every function that takes a Config or an options struct validates it
// first and reports a value out of range as an *OptionError naming the
// field. The same documents, Config and Seed give the same result, byte for
// byte, on any number of cores. Long steps report to Config.Progress.
package topics
