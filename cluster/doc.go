// Package cluster groups documents given as the rows of a dense matrix:
// spherical k-means, the cosine silhouette, and choosing the number of
// clusters; cosine similarity matrices and nearest neighbours; near-duplicate
// detection by MinHash; and groups of related documents found without a
// number of clusters.
//
// # Shapes and ownership
//
// Inputs are n×dims *mat.Dense matrices whose rows are documents (typically
// the L2-normalized rows of an LSA projection). Rows need not be unit: every
// function works on a normalized copy, and no function modifies its input.
// Results are new values owned by the caller. Labels are []int of length n.
//
// # Spherical k-means
//
// KMeans maximizes the objective Σᵢ cos(xᵢ, c_label(i)) over labels and unit
// centroids c. Each restart
//
//   - seeds by greedy k-means++ with the cosine distance D = 1 - cos: a first
//     uniformly random row, then, for each further seed, 2+⌊ln K⌋ candidates
//     drawn with probability proportional to D² to the nearest seed, keeping
//     the one that lowers Σ D² the most;
//   - alternates an assignment step (each row to its most similar centroid,
//     the lowest cluster index on ties) and an update step (each centroid
//     becomes the normalized mean of its rows) until no label changes, the
//     objective grows by at most Tol·|objective|, or MaxIter assignment steps;
//   - ends with a last update step, so Centroids are the normalized means of
//     the final clusters and Similarity is measured to them.
//
// With KMeansOptions.Weights, row i counts wᵢ times: the objective is
// Σᵢ wᵢ cos(xᵢ, c_label(i)), centroids are normalized weighted sums, seeds
// after the first are drawn with probability proportional to D²·w, and
// mini-batch steps draw rows uniformly and add them weighted. The assignment
// step, and so the triangle-inequality bounds, are those of unweighted
// k-means; a row of weight 0 is assigned but moves no centroid. Weights all
// 1 give the unweighted result bit for bit.
//
// The objective never decreases between assignment steps (Result.History
// records it). Restarts draw their seeds from KMeansOptions.Rand before the
// first one runs; the restart with the highest objective is kept, the
// earliest on ties. Cluster ids are then renumbered by size, largest first,
// ties broken by the smallest row index in the cluster.
//
// Products are computed only where needed, between single-precision copies
// of the unit rows and centroids (simd.DotF32; cluster sums, centroids,
// similarities and the objective are float64). The seeding evaluates every
// row against its candidates, which also yields the first assignment.
// Later assignment steps keep, per row, triangle-inequality bounds on the
// chord distance √(2 - 2cos) to the centroids (Elkan's and Hamerly's
// algorithms) and compute only the row–centroid products the bounds cannot
// rule out; they give the labels of the plain algorithm (up to rounding in
// near ties). Cluster sums are updated from the rows that changed cluster.
//
// Parallelism never changes a result. Up to Workers restarts run at once,
// and within a restart work is split into chunks that depend only on n,
// never on the number of workers; per-chunk partial sums are added in chunk
// order. The same input and seed therefore give bit-identical results for
// any Workers and GOMAXPROCS.
//
// # In passes, for distributed runs
//
// SeedPlusPlus (KMeans's seeding, on a sample), LloydSums (one assignment
// step over a block of rows; sums of blocks Merge) and LloydSums.Centroids
// (the update step) run spherical k-means as passes over data spread across
// machines; RestartSources gives KMeans's restart seeds, so that the passes
// can start where KMeans's restarts start.
//
// # Edge cases
//
//   - K < 1, a negative Restarts, MaxIter or Workers, a NaN Tol, or Weights
//     of the wrong length, negative, not finite or 0 on every non-zero row:
//     an error wrapping ErrInvalidOption.
//   - NaN or ±Inf in the input: an error wrapping ErrNotFinite.
//   - Zero rows (empty documents) get label -1 and similarity 0, and do not
//     count in the objective, Sizes or the silhouette. If every row is zero,
//     or the matrix is empty, KMeans and ChooseK return an error wrapping
//     ErrNoRows ("no non-zero rows").
//   - Rows that are equal after normalization (duplicates, or positive
//     multiples of each other) are one distinct row. K is capped at the number
//     of distinct non-zero rows and Result.K holds the number of clusters
//     used; callers should report it when it is less than requested. Seeds
//     are always distinct rows.
//   - A single row, or K = 1, gives one cluster; its centroid is the
//     normalized mean of the rows, or, if that mean is zero (rows cancel out),
//     the seed row.
//   - A cluster that becomes empty during the iterations receives the row
//     worst served by its centroid (lowest similarity, then lowest index)
//     among clusters of at least two rows, and that row becomes its centroid,
//     so all K clusters of a Result are non-empty.
//   - No result holds NaN: similarities are cosines clamped to [-1, 1].
//
// # Silhouette and the choice of k
//
// Silhouette follows scikit-learn's silhouette_score with metric="cosine":
// distances 1 - cos clamped to [0, 2], rows alone in their cluster score 0,
// rows labeled -1 are ignored, and fewer than two clusters give 0.
// SilhouetteSample scores a random sample of rows, like sample_size.
//
// ChooseK runs KMeans for each k in [MinK, MaxK] (defaults 2 and
// min(20, distinct-1)) and picks the highest silhouette, measured on one
// sample of at most SampleSize rows (default 2000) shared by every k. With
// fewer than 3 distinct non-zero rows it returns k = the number of distinct
// rows without scores. The silhouette rises with k on text (and so does the
// Davies–Bouldin index, the gap statistic, BIC; Calinski–Harabasz falls), so
// over a range that grows with the corpus it drifts to an end of it.
//
// # Two levels without k
//
// ChooseLevels needs no k. It scores each candidate k of a geometric grid
// (ratio 1.25) from 2 to ⌈3√n⌉ by Stability × Modularity: the mean adjusted
// Rand index between four k-means runs from different seedings, times the
// modularity of the best run on the graph linking each row to its 10
// nearest rows. Stability alone favours splitting off an obvious half of
// the data; modularity alone keeps rising as clusters shrink to tight
// neighbourhoods; the product is high only for partitions that are both
// reproducible and respected by neighbourhoods. The best-scoring k is the
// fine level (clustered again with the caller's restarts); the coarse level
// is the best peak of the score below it that scores at least half as well,
// or, without one, the fine level itself. Each fine cluster's parent is the
// coarse cluster holding most of its rows. Above 20,000 rows the candidates
// run on a uniform sample (and the range follows the sample), the graph on
// 10,000 rows.
//
// # Hierarchy
//
// Agglomerate builds the binary tree of the clusters of a flat clustering
// by Ward's method on their unit rows (scipy's ward linkage, from cluster
// sums, so its cost does not grow with the rows), optionally merging within
// given groups first; Tree.Cut(k) returns the groups at any k. The tree of
// an over-clustered run cut at a smaller k is an alternative to running
// k-means at that k; ChooseLevels returns the tree of its fine clusters with
// the coarse groups as constraint.
//
// # Similarity and nearest neighbours
//
// CosineMatrix (dense rows, such as LSA vectors) and SparseCosineMatrix (a
// SparseMatrix, such as *vectorize.Sparse TF-IDF rows, through a two-method
// interface so that this package does not import vectorize) return the n×n
// cosine similarities as a *mat.SymDense: symmetric by construction, every
// entry clamped to [-1, 1], exactly 1 on the diagonal of non-zero rows, and
// 0 in the whole row and column of a zero row (an empty document), so never
// NaN.
//
// Neighbors and SparseNeighbors give each row its N most similar other
// non-zero rows (ties broken by the lower index) without storing the n×n
// matrix: dense rows are multiplied in 128×128 tiles of the upper triangle
// (each product computed once for both rows) folded into bounded per-row
// heaps; sparse rows accumulate their products through the postings of
// their columns. Both use the same products as the matrices, so a
// neighbour's similarity is the matrix entry bit for bit, and the result is
// the brute-force top N. Memory is O(n·N).
//
// # Near-duplicates
//
// NearDuplicates takes one set of 64-bit elements per document (typically
// vectorize.Shingles: hashes of word 5-grams) and returns every pair whose
// Jaccard index reaches DuplicateOptions.Threshold (default 0.5);
// NearDuplicatesFunc takes a function that builds set i instead, so that
// the sets of a large corpus need not be held at once. Identical sets are
// grouped; each set gets a MinHash signature of 128 values (Hashes) by one
// permutation hashing with optimal densification, one hash per element;
// signatures are cut into bands, and sets agreeing on a whole band become
// candidates (LSH). A pair of Jaccard index s becomes a candidate with
// probability 1 - (1 - s^r)^b for b bands of r rows (the S-curve,
// LSHProbability, to within a percent). The default banding (LSHBanding)
// takes the most rows per band that still miss a pair at the threshold with
// probability at most MaxMiss = 1%: at 0.5, 42 bands of 3 rows miss a pair
// at 0.5 with probability 0.0037, at 0.6 with 3.6e-5 and at 0.7 with
// 2.2e-8; identical sets are never missed. Every candidate is verified by
// its exact Jaccard index, so reported pairs are never false positives.
// Components turns pairs into sets (connected components, by union-find).
//
// # Related documents
//
// RelatedGroups partitions rows without being told how many groups there
// are: each row's Neighbors (default 10) are candidate links, and rows are
// joined by one of four linkages at a cosine Threshold (default 0.5):
//
//   - CentroidLink (the zero value): greedy agglomeration on the
//     neighbour graph. The two adjacent groups whose sums of unit rows
//     (centroids) have the highest cosine are merged while it reaches the
//     threshold. It joins documents that share a story's key terms with
//     the group as a whole though not with every member, as headlines of
//     one story do.
//   - AverageLink: the same agglomeration by the mean cosine over all
//     pairs of members. Each group keeps the sum of its unit rows, so the
//     mean cosine of A and B is sum(A)·sum(B)/(|A||B|), exact in O(dims).
//   - MutualLink: components of links between mutual nearest neighbours.
//   - SingleLink: components of all neighbour links at the threshold.
//
// RelatedOptions.Terms adds a second form of the rows, their TF-IDF
// vectors: similarities become the mean of the LSA cosine (same topic) and
// the TF-IDF cosine (shared terms, weighted by their rarity), and each row's
// candidate links are its nearest rows in either form. With Terms, centroid
// linkage groups reports of one story: a document must share the story's
// rare terms with the group's centroid, so a word common to all documents
// does not join stories, and a chain of documents each sharing one term
// with the next breaks into pairs (each pair's centroid is far from the next
// document). On the UCI News Aggregator sample (6,366 headlines, 87 stories)
// it scores B-cubed F1 0.756 where average linkage on LSA alone scores
// 0.666; on ecbplus-dev (772 articles, 66 events) 0.910 and 0.921
// (bench/quality).
//
// Centroid and average linkage resist chaining (a run of pairwise-similar
// rows whose ends are unrelated is cut), which mutual and single links do
// not.
//
// GroupContributions explains a group: its mean pairwise cosine (in TF-IDF
// space, say) and each shared term's share of it.
//
// Contributions explains a cosine: the columns (terms) two sparse vectors
// share, each with its share xₜyₜ/(x·y) of the cosine; the shares sum to 1.
//
// Goldens under testdata/golden/cluster come from scripts/golden_cluster.py
// (scikit-learn 1.2.1): our objective is checked against that of
// scikit-learn's KMeans labels, and Silhouette against silhouette_score.
package cluster
