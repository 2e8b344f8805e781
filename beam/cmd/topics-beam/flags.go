package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/topics-dev/topics/beam/pipeline"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// readFlags select the corpus, as topics's corpus flags, plus the glob.
type readFlags struct {
	input                                      string
	format                                     string
	idField, titleField, textField, labelField string
	blockSize                                  int
}

func (f *readFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.input, "input", "", "glob of the corpus files (JSON Lines, CSV or text, gzip or not; local or a Beam file system URL); required")
	fs.StringVar(&f.format, "input-format", "auto", "corpus format: auto, jsonl, csv or text")
	fs.StringVar(&f.idField, "id-field", "id", "JSON Lines field or CSV column holding the document id")
	fs.StringVar(&f.titleField, "title-field", "title", "JSON Lines field or CSV column holding the title")
	fs.StringVar(&f.textField, "text-field", "text", "JSON Lines field or CSV column holding the text")
	fs.StringVar(&f.labelField, "label-field", "label", "JSON Lines field or CSV column holding the gold label")
	fs.IntVar(&f.blockSize, "block-size", pipeline.DefaultBlockSize, "documents per pipeline element")
}

func (f *readFlags) options() (pipeline.ReadOptions, error) {
	if f.input == "" {
		return pipeline.ReadOptions{}, errors.New("--input: give a glob of corpus files")
	}
	format, err := corpus.ParseFormat(f.format)
	if err != nil {
		return pipeline.ReadOptions{}, fmt.Errorf("--input-format: %w", err)
	}
	if format == corpus.FormatDir {
		return pipeline.ReadOptions{}, errors.New("--input-format dir: give a glob of files instead")
	}
	if f.blockSize < 1 {
		return pipeline.ReadOptions{}, fmt.Errorf("--block-size %d: must be at least 1", f.blockSize)
	}
	return pipeline.ReadOptions{
		Input: f.input,
		Corpus: corpus.Options{Format: format, IDField: f.idField, TitleField: f.titleField,
			TextField: f.textField, LabelField: f.labelField},
		BlockSize: f.blockSize,
	}, nil
}

// vectorizeFlags are topics's tokenization and TF-IDF flags, with its
// defaults.
type vectorizeFlags struct {
	stopWords   string
	stem        bool
	ngramRange  string
	minDF       float64
	maxDF       float64
	maxFeatures int
	sublinear   bool
	keepCase    bool
}

func (f *vectorizeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.stopWords, "stop-words", "english", `stop words to drop: "english" (scikit-learn's list) or "none"`)
	fs.BoolVar(&f.stem, "stem", false, "reduce words to their Snowball (English) stems")
	fs.StringVar(&f.ngramRange, "ngram-range", "1,1", "smallest and largest word n-gram, e.g. 1,2")
	fs.Float64Var(&f.minDF, "min-df", 2, "drop terms in fewer documents than this (a count, or a fraction below 1)")
	fs.Float64Var(&f.maxDF, "max-df", 0.5, "drop terms in more documents than this (a fraction up to 1, or a count above 1)")
	fs.IntVar(&f.maxFeatures, "max-features", 0, "keep only the most frequent terms (0: all)")
	fs.BoolVar(&f.sublinear, "sublinear-tf", true, "use 1+ln(tf) instead of raw term counts (--sublinear-tf=false for raw counts)")
	fs.BoolVar(&f.keepCase, "keep-case", false, "do not lowercase before tokenizing")
}

func (f *vectorizeFlags) options() (vectorize.Options, error) {
	opt := vectorize.Options{KeepCase: f.keepCase, Stem: f.stem, MinDF: f.minDF, MaxDF: f.maxDF,
		MaxFeatures: f.maxFeatures, Sublinear: f.sublinear}
	switch f.stopWords {
	case "none", "":
	case "english":
		opt.StopWords = "english"
	default:
		return opt, fmt.Errorf(`--stop-words %q: want "english" or "none"`, f.stopWords)
	}
	lo, hi, ok := strings.Cut(f.ngramRange, ",")
	a, errA := strconv.Atoi(strings.TrimSpace(lo))
	b, errB := strconv.Atoi(strings.TrimSpace(hi))
	if !ok || errA != nil || errB != nil || a < 1 || b < a {
		return opt, fmt.Errorf("--ngram-range %q: want two numbers MIN,MAX with 1 <= MIN <= MAX", f.ngramRange)
	}
	opt.NGramMin, opt.NGramMax = a, b
	switch {
	case f.minDF <= 0:
		return opt, fmt.Errorf("--min-df %g: must be positive", f.minDF)
	case f.maxDF <= 0:
		return opt, fmt.Errorf("--max-df %g: must be positive", f.maxDF)
	case f.maxFeatures < 0:
		return opt, fmt.Errorf("--max-features %d: must not be negative", f.maxFeatures)
	}
	return opt, nil
}
