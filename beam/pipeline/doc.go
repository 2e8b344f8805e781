// Package pipeline is topics on Apache Beam: the fit of a model from a
// corpus spread over many files (Fit), and the placement of a corpus in the
// clusters of a model (Assign), as Beam pipelines that run on any Beam
// runner: Prism on one machine, Dataflow, Flink or Spark across many.
//
// The maths is the root module's: every DoFn is a thin wrapper around a
// function of package vectorize, cluster or theme, and Fit computes what
// topics.Fit computes with the same topics.Config, distributed:
//
//   - Inputs: the files of a glob, shared out among workers; each is read
//     whole by one worker with package corpus (a gzip file is never
//     split), in blocks of consecutive documents (DocBlock).
//   - Vocabulary: vectorize.CountTerms per block, summed per term by a
//     combine, pruned by vectorize.FitCounts on one worker: topics.Fit's
//     vectorizer and IDF, bit for bit, as one side input.
//   - TFIDF: the rows of each block (RowBlock), as vectorize's Transform,
//     written to work files.
//   - LSA: vectorize's randomized SVD in PowerIters+1 passes over the
//     work files; each pass sums small dense matrices (vectorize.AddPass)
//     per bundle, then by a combine, and orthonormalizes on one worker.
//   - Vectors: each block in the LSA space (VecBlock, with each
//     document's number of terms), written to work files, with the
//     moments of the explained variance and a uniform sample of documents
//     (with the count of all documents by number of terms).
//   - KMeans: cluster.KMeans (or cluster.ChooseLevels when k is to be
//     chosen) on the sample, with topics.Fit's random sources and document
//     weights (topics.DocWeights.Weigher on the sample's counts), then
//     Lloyd passes over all the vectors as per-cluster weighted sums
//     (cluster.LloydSums) combined each pass, and the update step on one
//     worker.
//   - Place, Texts: every document placed as a saved model places it
//     (cluster.Nearest); per cluster its size, first document and most
//     central members; the texts of the documents whose key phrases are
//     counted (all of them, or the theme.MaxDocs most central members of
//     each cluster on a large corpus, as topics.Fit samples them).
//   - WriteModel: theme.KeyPhrases of the clusters and of their coarse
//     groups, and the model file of docs/model-format.md written through
//     topics.SavedModel.Save, which topics assign and topics query read.
//
// Elements are blocks of documents, not documents: every stage works on
// matrices of up to ReadOptions.BlockSize rows, and the sums of a pass are
// added in the DoFn over a whole bundle before a combine adds bundles up.
// What crosses the runner between stages is file names, side inputs of
// the size of the model, and sums; the corpus is read three times (the
// third only for the documents of the key phrases on a large corpus) and
// the work files once per pass.
//
// Order and determinism: the corpus order is that of (file path, position
// in the file); it decides the sample, the k-means++ seeding and the
// numbering of clusters, so files named in the order of the single-process
// corpus give its seeds. A corpus no larger than the sample (SeedSample)
// and without empty documents is clustered exactly as topics.Fit clusters
// it. Float sums over bundles are added in an order the runner chooses, so
// results are reproducible up to rounding.
package pipeline
