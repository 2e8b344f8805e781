package vectorize

import "slices"

// Shingles returns the word n-grams ("shingles") of text as a set of 64-bit
// hashes: sorted in increasing order, without repeats. It is the input that
// near-duplicate detection (cluster.NearDuplicates) compares with the Jaccard
// index.
//
// The tokens are those of the default analyzer (Options{}): the text
// lowercased, runs of at least two word characters, no stop words removed, no
// stemming. Stop words are kept on purpose: "the bank said on" and "bank said"
// are different shingles, which keeps unrelated texts apart. A shingle is n
// consecutive tokens joined by one space; its hash is the 64-bit FNV-1a hash
// of those bytes (UTF-8) passed through MurmurHash3's 64-bit finalizer, so
// it is the same in every process and on every machine. A text with at
// least one but fewer than n tokens has one shingle: all its tokens. A text
// without tokens has none (a nil slice).
//
// Two different shingles share a hash with probability about 2⁻⁶⁴, so the
// Jaccard index of two hash sets equals that of the shingle sets in practice.
// Shingles panics if n < 1.
func Shingles(text string, n int) []uint64 {
	out := AppendShingles(nil, text, n)
	if len(out) == 0 {
		return nil
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// AppendShingles appends the hashes of the shingles of text to dst, in text
// order, repeats included, and returns the result: Shingles without the
// sorting, for cluster.NearDuplicatesFunc, which sorts each set itself.
// It panics if n < 1.
func AppendShingles(dst []uint64, text string, n int) []uint64 {
	return AppendShinglesParts(dst, []string{text}, n)
}

// AppendShinglesParts is AppendShingles of the parts joined by newlines
// (a title and a body, say), without joining them: no token spans two
// parts, and shingles do.
func AppendShinglesParts(dst []uint64, parts []string, n int) []uint64 {
	if n < 1 {
		panic("vectorize: Shingles of n < 1 words")
	}
	a := analyzer{ascii: asciiWord(false), nmin: 1, nmax: 1}
	var s scratch
	a.tokensParts(parts, &s)
	return appendShingleHashes(dst, &s, n)
}

// appendShingleHashes appends the hashes of the n-word shingles of the
// tokens s holds (analyzed by the shingles' analyzer).
func appendShingleHashes(dst []uint64, s *scratch, n int) []uint64 {
	tokens := len(s.spans)
	if tokens == 0 {
		return dst
	}
	n = min(n, tokens)
	for i := 0; i+n <= tokens; i++ {
		dst = append(dst, shingleHash(s.buf[s.spans[i].start:s.spans[i+n-1].end]))
	}
	return dst
}

// ShingleHash returns the hash Shingles gives to a shingle, its tokens joined
// by single spaces: the 64-bit FNV-1a hash of the bytes, then MurmurHash3's
// fmix64 finalizer so that every output bit depends on every input bit.
func ShingleHash(shingle string) uint64 { return shingleHash(shingle) }

func shingleHash[T ~string | ~[]byte](b T) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= prime
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9a62c1b27e5
	h ^= h >> 33
	return h
}
