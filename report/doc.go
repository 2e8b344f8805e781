// Package report runs the clustering pipeline over a corpus and turns what it
// finds into something people and programs can read.
//
// Fit chains the other packages: corpus documents → vectorize (TF-IDF, LSA)
// → cluster (k-means, with k given or chosen by silhouette). Build turns the
// fitted Model into a Report: per cluster its theme (a label of key phrases,
// top terms, an extractive summary, representative documents, cohesion and
// nearest clusters) and members (closest to the centroid first); per
// document its cluster and similarity. Renderers write a Report as a terminal
// table (WriteTable), Markdown, JSON (WriteJSON, schema in docs/schema.md and
// docs/schema.json), JSON Lines, CSV, a self-contained HTML page (WriteHTML)
// or the similarity heat map alone (WriteHeatmap); WriteFile writes any of
// them atomically.
//
// NewSavedModel, SaveModel and LoadModel keep what is needed to place new
// documents (the format is in docs/model-format.md); SavedModel.Assign and
// SavedModel.Query place them and find similar indexed documents.
//
// Evaluate scores clusterings against gold labels over several seeds;
// Similarities, NearestNeighbors, FindDuplicates and FindRelated compare
// documents with each other.
//
// Documents with no term in the vocabulary are kept, placed in cluster -1
// with similarity 0, and named in Report.Warnings.
//
// Long steps report to a Progress (Config.Progress, BuildOptions.Progress,
// DuplicateConfig.Progress, SimilarityConfig.Progress); ProgressWriter draws
// it on a terminal or writes periodic lines.
package report
