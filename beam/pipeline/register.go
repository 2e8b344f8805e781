package pipeline

import (
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// Beam's Go SDK finds DoFns, functions and coders by name in a process-wide
// registry, which must be filled before beam.Init (a worker decodes the
// pipeline with it); the SDK's documented place for that is init.
func init() {
	for _, fn := range []any{
		&countFileFn{}, &sumCountsFn{}, &chooseVocabFn{},
		&startBasisFn{}, &tfidfFileFn{}, &passFileFn{}, &sumPassFn{}, &finishLSAFn{},
		&projectFileFn{}, &sumMomentsFn{}, &mergeSampleFn{}, &sampleKMeansFn{},
		&lloydFileFn{}, &mergeLloydFn{}, &updateFn{}, &placeFileFn{}, &mergePlacedFn{}, &textsFileFn{}, &indexFileFn{}, &writeModelFn{},
		&assignShardFn{},
	} {
		beam.RegisterType(reflect.TypeOf(fn).Elem())
	}
	for _, fn := range []any{metadataPath, orthonormalizeFn, removeWorkFn, keyByShard} {
		beam.RegisterFunction(fn)
	}
	coder(encodeMatrix, decodeMatrix)
	coder(encodeTermCounts, decodeTermCounts)
	coder(encodeVocab, decodeVocab)
	coder(encodePassSums, decodePassSums)
	coder(encodeLSAParts, decodeLSAParts)
	coder(encodeMoments, decodeMoments)
	coder(encodeSampleSet, decodeSampleSet)
	coder(encodeKMState, decodeKMState)
	coder(encodeLloydSums, decodeLloydSums)
	coder(encodePlaced, decodePlaced)
	coder(encodeDocText, decodeDocText)
	coder(encodeIndexPart, decodeIndexPart)
	coder(encodeModelSummary, decodeModelSummary)
}

// coder registers the coder of T.
func coder[T any](enc func(T) []byte, dec func([]byte) (T, error)) {
	beam.RegisterCoder(reflect.TypeFor[T](), enc, dec)
}
