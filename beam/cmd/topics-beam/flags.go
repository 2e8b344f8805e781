package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/beam/pipeline"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// readFlags select the corpus, as topics's corpus flags, plus the glob.
type readFlags struct {
	input     string
	format    string
	opt       corpus.Options
	blockSize int
}

func (f *readFlags) register(fs *flag.FlagSet) {
	// The field flags are empty unless given, as in topics: corpus.Options
	// then reads the default name and lets it be absent, while a name given
	// must exist.
	fs.StringVar(&f.input, "input", "", "glob of the corpus files (JSON Lines, CSV or text, gzip or not; local or a Beam file system URL); required")
	fs.StringVar(&f.format, "input-format", "auto", "corpus format: auto, jsonl, csv or text")
	fs.StringVar(&f.opt.IDField, "id-field", "", "JSON Lines field or CSV column holding the document id (default id; a field given must exist)")
	fs.StringVar(&f.opt.TitleField, "title-field", "", "JSON Lines field or CSV column holding the title (default title)")
	fs.StringVar(&f.opt.TextField, "text-field", "", "JSON Lines field or CSV column holding the text (default text)")
	fs.StringVar(&f.opt.LabelField, "label-field", "", "JSON Lines field or CSV column holding the gold label (default label)")
	fs.Int64Var(&f.opt.MaxDocBytes, "max-doc-bytes", corpus.DefaultMaxDocBytes, "size limit of one document (JSON Lines line, CSV record, text file) in bytes; -1: none")
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
	opt := f.opt
	opt.Format = format
	return pipeline.ReadOptions{Input: f.input, Corpus: opt, BlockSize: f.blockSize}, nil
}

// configFlags are the flags of topics fit that set a topics.Config, with
// its defaults (topics.DefaultConfig) and names.
type configFlags struct {
	cfg        topics.Config
	stopWords  string
	mail       string
	docWeights string
	ngramRange string
}

// flagOf names the flag of a topics.Config (or vectorize.Options) field,
// to report a topics.OptionError under the flag's name ("" if none).
func flagOf(option string) string {
	switch option {
	case "NGramMin", "NGramMax":
		return "ngram-range"
	case "MinDF":
		return "min-df"
	case "MaxDF":
		return "max-df"
	case "MaxFeatures":
		return "max-features"
	case "Dims":
		return "dims"
	case "PowerIters":
		return "power-iters"
	case "K":
		return "k"
	case "KMin":
		return "k-min"
	case "KMax":
		return "k-max"
	case "Restarts":
		return "restarts"
	case "MaxIter":
		return "max-iter"
	}
	return ""
}

func (f *configFlags) register(fs *flag.FlagSet) {
	f.cfg = topics.DefaultConfig()
	c := &f.cfg
	fs.StringVar(&f.stopWords, "stop-words", "english", "stop words to drop: english (scikit-learn's list) or none")
	fs.StringVar(&f.mail, "mail", "keep", "e-mail headers, quoted replies, signatures and addresses: strip or keep (topics fit's auto is not offered: give strip on e-mail-like corpora)")
	fs.BoolVar(&c.Vectorize.Stem, "stem", false, "reduce words to their Snowball (English) stems")
	fs.StringVar(&f.ngramRange, "ngram-range", "1,1", "smallest and largest word n-gram, e.g. 1,2")
	fs.Float64Var(&c.Vectorize.MinDF, "min-df", c.Vectorize.MinDF, "drop terms in fewer documents than this (a count, or a fraction below 1)")
	fs.Float64Var(&c.Vectorize.MaxDF, "max-df", c.Vectorize.MaxDF, "drop terms in more documents than this (a fraction up to 1, or a count above 1)")
	fs.IntVar(&c.Vectorize.MaxFeatures, "max-features", 0, "keep only the most frequent terms (0: all)")
	fs.BoolVar(&c.Vectorize.Sublinear, "sublinear-tf", c.Vectorize.Sublinear, "use 1+ln(tf) instead of raw term counts (--sublinear-tf=false for raw counts)")
	fs.BoolVar(&c.Vectorize.KeepCase, "keep-case", false, "do not lowercase before tokenizing")
	fs.IntVar(&c.Dims, "dims", c.Dims, "LSA dimensions (capped at the number of documents and terms)")
	fs.IntVar(&c.PowerIters, "power-iters", c.PowerIters, "power iterations of the randomized SVD (each is one pass over the TF-IDF rows)")
	fs.Uint64Var(&c.Seed, "seed", 0, "random seed: the same seed gives the same test matrix, sample and k-means++ seeds as topics fit")
	fs.IntVar(&c.K, "k", 0, "number of clusters (0: choose k between --k-min and --k-max on the sample, and theme groups)")
	fs.IntVar(&c.KMin, "k-min", c.KMin, "smallest k tried when choosing k")
	fs.IntVar(&c.KMax, "k-max", 0, "largest k tried when choosing k (0: ⌈3√n⌉ for the n documents of the sample)")
	fs.IntVar(&c.Restarts, "restarts", c.Restarts, "k-means++ seedings on the sample; the best result is kept")
	fs.IntVar(&c.MaxIter, "max-iter", c.MaxIter, "k-means iteration limit per seeding on the sample")
	fs.StringVar(&f.docWeights, "doc-weights", c.DocWeights.String(), "how much each document pulls on the k-means centroids: none (all alike) or length (min(1, terms/median terms)^4: short documents less), as topics fit")
}

// config checks the flags and returns the configuration.
func (f *configFlags) config() (topics.Config, error) {
	c := f.cfg
	switch f.stopWords {
	case "english":
		c.Vectorize.StopWords = vectorize.StopWordsEnglish
	case "none":
		c.Vectorize.StopWords = ""
	default:
		return c, fmt.Errorf("--stop-words %q: want english or none", f.stopWords)
	}
	switch f.mail {
	case "strip":
		c.Mail = topics.MailStrip
	case "keep":
		c.Mail = topics.MailKeep
	default:
		return c, fmt.Errorf("--mail %q: want strip or keep", f.mail)
	}
	switch f.docWeights {
	case "none":
		c.DocWeights = topics.DocWeightsNone
	case "length":
		c.DocWeights = topics.DocWeightsLength
	default:
		return c, fmt.Errorf("--doc-weights %q: want none or length", f.docWeights)
	}
	lo, hi, ok := strings.Cut(f.ngramRange, ",")
	a, errA := strconv.Atoi(strings.TrimSpace(lo))
	b, errB := strconv.Atoi(strings.TrimSpace(hi))
	if !ok || errA != nil || errB != nil || a < 1 || b < a {
		return c, fmt.Errorf("--ngram-range %q: want two numbers MIN,MAX with 1 <= MIN <= MAX", f.ngramRange)
	}
	c.Vectorize.NGramMin, c.Vectorize.NGramMax = a, b
	if err := c.Validate(); err != nil {
		var oe *topics.OptionError
		if errors.As(err, &oe) && flagOf(oe.Option) != "" {
			return c, fmt.Errorf("--%s %v: %s", flagOf(oe.Option), oe.Value, oe.Reason)
		}
		return c, err
	}
	return c, nil
}
