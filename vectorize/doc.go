// Package vectorize turns texts into numbers: tokens, a vocabulary, TF-IDF
// weights in a sparse matrix, and latent semantic analysis (LSA) by
// randomized truncated SVD.
//
// Shapes: a corpus of n texts over a vocabulary of m terms becomes an n×m
// *Sparse matrix in CSR form (rows are documents, columns are terms in the
// vocabulary's sorted order), each non-empty row L2-normalized. LSA reduces it
// to an n×d *mat.Dense whose non-zero rows are L2-normalized, d ≤ min(n, m).
//
// The defaults reproduce scikit-learn's TfidfVectorizer (lowercase, tokens
// matching (?u)\b\w\w+\b, smooth idf ln((1+n)/(1+df))+1, L2 norm), so results
// can be compared term for term. Fitted models are read-only and safe for
// concurrent use; Transform of a batch equals Transform of each text alone.
//
// Texts are []string (Fit, FitTransform, Transform) or any Texts, which gives
// each document as parts analyzed as if joined by newlines (FitTexts,
// FitTransformTexts, TransformTexts): a title and a body need not be joined
// into one string. FitTransformLSA fits the LSA and returns the document
// vectors in one pass fewer than FitLSA followed by Transform.
//
// For corpora spread over many machines, the fit comes in parts: CountTerms
// of each part, summed, gives FitCounts the counts it chooses Fit's
// vocabulary from; AddPass, Orthonormalize and LSAFromPass compute FitLSA's
// randomized SVD in passes over blocks of rows (see LSAFromPass).
package vectorize
