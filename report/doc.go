// Package report runs the clustering pipeline over a corpus and turns what it
// finds into something people and programs can read.
//
// Fit chains the other packages: corpus documents → vectorize (TF-IDF, LSA)
// → cluster (k-means, with k given or chosen by silhouette). Build turns the
// fitted Model into a Report: per cluster its size, cohesion, top terms and
// members (closest to the centroid first); per document its cluster and
// similarity. Renderers write a Report as a terminal table (WriteTable),
// JSON (WriteJSON, schema in docs/schema.md) or CSV (WriteCSV); WriteFile
// writes any of them atomically.
//
// Documents with no term in the vocabulary are kept, placed in cluster -1
// with similarity 0, and named in Report.Warnings.
package report
