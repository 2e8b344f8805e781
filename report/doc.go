// Package report says what a run of the topics pipeline found, for people
// and for other programs.
//
// Build turns a fitted topics.Model into a Report: per cluster its theme
// (label and key phrases), top terms, an extractive summary, its
// representative documents, cohesion, nearest clusters and members
// (closest to the centroid first); per document its cluster and
// similarity; the table of clusters by gold label (GoldTable) when
// documents have gold labels; the documents per cluster and period
// (Timeline) when they have dates; room for a two-level topic hierarchy
// (Report.Parents, Cluster.Parent), which Build leaves empty; and the Views
// that package report/html draws. Renderers write
// a Report as a terminal table (WriteTable), Markdown, JSON (WriteJSON,
// schema in docs/schema.md and docs/schema.json), JSON Lines or CSV, its
// timeline as CSV (WriteTimelineCSV), a gold table for a terminal
// (WriteGoldTable), and the
// other results of package topics (similarity matrices, neighbours,
// near-duplicates, related groups, evaluations, placements and query
// matches) as tables, JSON and CSV. WriteVocabulary, WriteIDs and
// WriteLSACSV write a model's vocabulary, document ids and LSA vectors
// (vectorize.WriteMatrixMarket its TF-IDF matrix); ReadAssignments reads
// the clusters back from what topics cluster wrote.
//
// Documents with no term in the vocabulary are kept, placed in cluster -1
// with similarity 0, and named in Report.Warnings. No output holds NaN.
package report
