// Package pipeline is topics on Apache Beam: the fit of a model from a
// corpus spread over many files (Fit), and the placement of a corpus in the
// clusters of a model (Assign), as Beam pipelines that run on any Beam
// runner: Prism on one machine, Dataflow, Flink or Spark across many.
//
// The maths is the root module's: every DoFn is a thin wrapper around a
// function of package vectorize or cluster, and Fit computes what topics fit
// computes, distributed:
//
//   - ReadBlocks: the files of a glob, each read whole by one worker with
//     package corpus, in blocks of consecutive documents (DocBlock).
//   - Vocabulary: vectorize.CountTerms per block, summed per term by a
//     combine, pruned by vectorize.FitCounts on one worker: Fit's vocabulary
//     and IDF, bit for bit, as one side input.
//   - TFIDF: the rows of each block (RowBlock), as vectorize's Transform.
//   - LSA: vectorize's randomized SVD in PowerIters+1 passes; each pass sums
//     small dense matrices (vectorize.AddPass) per bundle, then by a
//     combine, and orthonormalizes on one worker.
//   - Vectors: each block in the LSA space (VecBlock).
//   - KMeans: k-means++ seeding of every restart on a sample
//     (cluster.SeedPlusPlus), then MaxIter passes of per-restart sums
//     (cluster.LloydSums, restarts as keys) and an update step.
//   - Themes: each document placed as a saved model places it; per cluster,
//     its size, first document and term weights.
//   - WriteModel: the model file of docs/model-format.md, which topics
//     assign and topics query read.
//
// Elements are blocks of documents, not documents: every stage works on
// matrices of up to ReadOptions.BlockSize rows, and the sums of a pass are
// added in the DoFn over a whole bundle before a combine adds bundles up.
//
// Order and determinism: the corpus order is that of (file path, position
// in the file); it decides the k-means sample, the k-means++ seeding and
// the numbering of clusters, so a single file in the order of the
// single-process run gives its seeds. Float sums over bundles are added in
// an order the runner chooses, so results are reproducible up to rounding.
package pipeline
