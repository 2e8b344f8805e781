package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/theme"
	"github.com/topics-dev/topics/vectorize"
)

// binder registers a command's flags, each bound to a field of an option
// struct that holds its default (from the struct's Default…()), and
// remembers which flag sets which field so that a topics.OptionError can
// be reported under the flag's name.
type binder struct {
	cmd    *cobra.Command
	fields map[string]string // option field → flag
	// Lists named by flags, read by checkConfig once every flag is parsed.
	stopWords   stopWordsValue // --stop-words
	excludeFile string         // --exclude-phrases
}

func newBinder(cmd *cobra.Command) *binder {
	return &binder{cmd: cmd, fields: map[string]string{}}
}

func (b *binder) fl() *pflag.FlagSet { return b.cmd.Flags() }

// field records that flag sets the option field (if field is not "").
func (b *binder) field(field, flag string) {
	if field != "" {
		b.fields[field] = flag
	}
}

func (b *binder) intVar(p *int, flag, field, usage string) {
	b.fl().IntVar(p, flag, *p, usage)
	b.field(field, flag)
}

func (b *binder) floatVar(p *float64, flag, field, usage string) {
	b.fl().Float64Var(p, flag, *p, usage)
	b.field(field, flag)
}

func (b *binder) boolVar(p *bool, flag, usage string) { b.fl().BoolVar(p, flag, *p, usage) }

func (b *binder) stringVar(p *string, flag, usage string) { b.fl().StringVar(p, flag, *p, usage) }

// flagError rewrites a *topics.OptionError about a field bound to a flag
// as an error about the flag; other errors are returned as they are.
func (b *binder) flagError(err error) error {
	var oe *topics.OptionError
	if errors.As(err, &oe) {
		if flag, ok := b.fields[oe.Option]; ok {
			return fmt.Errorf("--%s %v: %s", flag, oe.Value, oe.Reason)
		}
	}
	return err
}

// enumValue is a flag that takes one of a closed set of names, each
// standing for a value of type T. The names are listed in the flag's help
// and offered by shell completion; any other name is refused when the
// flag is parsed.
type enumValue[T comparable] struct {
	p      *T
	names  []string
	values []T
}

func (e *enumValue[T]) String() string {
	if i := slices.Index(e.values, *e.p); i >= 0 {
		return e.names[i]
	}
	return fmt.Sprint(*e.p)
}

func (e *enumValue[T]) Set(s string) error {
	i := slices.Index(e.names, s)
	if i < 0 {
		return fmt.Errorf("want %s", strings.Join(e.names, ", "))
	}
	*e.p = e.values[i]
	return nil
}

// Type is what the help shows after the flag's name; the usage lists the
// names, so the columns of the help stay narrow.
func (e *enumValue[T]) Type() string { return "string" }

// enumVar registers an enum flag bound to p, whose names are names and
// values values (in the same order).
func enumVar[T comparable](b *binder, p *T, flag string, names []string, values []T, usage string) {
	b.fl().Var(&enumValue[T]{p: p, names: names, values: values}, flag, usage)
	b.cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
}

// stringEnumVar registers an enum flag whose values are its names.
func stringEnumVar(b *binder, p *string, flag string, names []string, usage string) {
	enumVar(b, p, flag, names, names, usage)
}

// flagErrorFunc reports a flag that fails to parse as "--flag value: why".
func flagErrorFunc(_ *cobra.Command, err error) error {
	var inv *pflag.InvalidValueError
	if errors.As(err, &inv) {
		return fmt.Errorf("--%s %q: %v", inv.GetFlag().Name, inv.GetValue(), errors.Unwrap(inv))
	}
	return err
}

// vectorizeFlags binds the tokenization and TF-IDF flags to o.
func vectorizeFlags(b *binder, o *vectorize.Options, ngram *[]int) {
	b.stopWords = stopWordsValue{list: &o.StopWords}
	b.fl().Var(&b.stopWords, "stop-words",
		"stop words to drop: english (scikit-learn's 318 words), none, or a FILE of words, one a line ('#' comments), "+
			"which replaces the English list; repeat to combine (--stop-words english --stop-words FILE extends it)")
	b.field("StopWords", "stop-words")
	b.field("ExtraStopWords", "stop-words")
	b.boolVar(&o.Stem, "stem", "reduce words to their Snowball (English) stems")
	*ngram = []int{max(o.NGramMin, 1), max(o.NGramMax, 1)}
	b.fl().IntSliceVar(ngram, "ngram-range", *ngram, "smallest and largest word n-gram, e.g. 1,2")
	b.field("NGramMin", "ngram-range")
	b.field("NGramMax", "ngram-range")
	b.floatVar(&o.MinDF, "min-df", "MinDF", "drop terms in fewer documents than this (a count, or a fraction below 1)")
	b.floatVar(&o.MaxDF, "max-df", "MaxDF", "drop terms in more documents than this (a fraction up to 1, or a count above 1)")
	b.intVar(&o.MaxFeatures, "max-features", "MaxFeatures", "keep only the most frequent terms (0: all)")
	b.boolVar(&o.Sublinear, "sublinear-tf", "use 1+ln(tf) instead of raw term counts (--sublinear-tf=false for raw counts)")
	b.boolVar(&o.KeepCase, "keep-case", "do not lowercase before tokenizing")
}

// setNGrams checks the --ngram-range flag and sets it in o (the other
// vectorizer flags are bound to their fields).
func setNGrams(o *vectorize.Options, ngram []int) error {
	if len(ngram) != 2 || ngram[0] < 1 || ngram[1] < ngram[0] {
		return fmt.Errorf("--ngram-range %v: want two numbers MIN,MAX with 1 <= MIN <= MAX", ngram)
	}
	o.NGramMin, o.NGramMax = ngram[0], ngram[1]
	return nil
}

// vectorsFlags binds the flags that set the document vectors (TF-IDF, LSA
// and the seed) to cfg.
func vectorsFlags(b *binder, cfg *topics.Config, ngram *[]int) {
	vectorizeFlags(b, &cfg.Vectorize, ngram)
	enumVar(b, &cfg.Mail, "mail", []string{"auto", "strip", "keep"}, []topics.MailMode{topics.MailAuto, topics.MailStrip, topics.MailKeep},
		"e-mail headers, quoted replies, signatures and addresses: auto (strip when 5% of the documents have them), strip or keep")
	b.intVar(&cfg.Dims, "dims", "Dims", "LSA dimensions (capped at the number of documents and terms)")
	b.intVar(&cfg.PowerIters, "power-iters", "PowerIters", "power iterations of the randomized SVD")
	b.fl().Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed: the same seed gives the same result")
}

// pipelineFlags binds every flag of the clustering pipeline to cfg.
func pipelineFlags(b *binder, cfg *topics.Config, ngram *[]int) {
	vectorsFlags(b, cfg, ngram)
	b.intVar(&cfg.K, "k", "K", "number of clusters (0: choose k between --k-min and --k-max, and theme groups)")
	b.intVar(&cfg.KMin, "k-min", "KMin", "smallest k tried when choosing k")
	b.intVar(&cfg.KMax, "k-max", "KMax", "largest k tried when choosing k (0: ⌈3√n⌉ for n documents)")
	b.field("FromTree", "from-tree")
	b.boolVar(&cfg.FromTree, "from-tree", "with --k: cut the tree of a finer clustering (⌈3√n⌉ clusters) at k groups instead of running k-means with k")
	b.intVar(&cfg.Restarts, "restarts", "Restarts", "k-means++ seedings; the best result is kept")
	b.intVar(&cfg.MaxIter, "max-iter", "MaxIter", "k-means iteration limit per seeding (with --batch-size: passes over the data)")
	enumVar(b, &cfg.DocWeights, "doc-weights", []string{"none", "length"}, []topics.DocWeights{topics.DocWeightsNone, topics.DocWeightsLength},
		"how much each document pulls on the k-means centroids: none (all alike) or length (min(1, terms/median terms)^4: short documents less; every document is still assigned)")
	b.field("DocWeights", "doc-weights")
	b.intVar(&cfg.BatchSize, "batch-size", "BatchSize", "mini-batch k-means with batches of this many documents (0: automatic, batches of 4096 from 50,000 documents on; -1: Lloyd's algorithm on all documents)")
}

// themeFlags binds the flags of the themes (key phrases and labels) to cfg;
// only commands that find themes have them.
func themeFlags(b *binder) {
	b.stringVar(&b.excludeFile, "exclude-phrases",
		"a `FILE` of phrases never used as key phrases or labels, nor any phrase that contains one; one a line ('#' comments)")
	b.field("ExcludePhrases", "exclude-phrases")
}

// stopWordsValue is the --stop-words flag: english, none or a file of
// words, repeatable. Given once or more, it replaces the default (english).
type stopWordsValue struct {
	list  *string  // the vectorizer's StopWords
	items []string // as given; nil: the default
}

func (v *stopWordsValue) String() string {
	if v.items == nil {
		if v.list == nil || *v.list == "" {
			return "none"
		}
		return *v.list
	}
	return strings.Join(v.items, ",")
}

func (v *stopWordsValue) Set(s string) error {
	if s == "" {
		return errors.New("want english, none or a file of stop words")
	}
	if len(v.items) > 0 && (s == "none" || v.items[0] == "none") {
		return errors.New("none cannot be combined with other stop words")
	}
	v.items = append(v.items, s)
	*v.list = ""
	if slices.Contains(v.items, "english") {
		*v.list = vectorize.StopWordsEnglish
	}
	return nil
}

func (v *stopWordsValue) Type() string { return "english|none|FILE" }

// files returns the files given to --stop-words.
func (v *stopWordsValue) files() []string {
	var out []string
	for _, s := range v.items {
		if s != "english" && s != "none" {
			out = append(out, s)
		}
	}
	return out
}

// checkConfig checks the flags bound by vectorsFlags or pipelineFlags.
func (b *binder) checkConfig(cfg *topics.Config, ngram []int) error {
	if err := setNGrams(&cfg.Vectorize, ngram); err != nil {
		return err
	}
	if err := b.readLists(cfg); err != nil {
		return err
	}
	return b.flagError(cfg.Validate())
}

// readLists reads the files of --stop-words and --exclude-phrases into
// cfg. Their errors are one line naming the flag and the file (and the
// line of a bad entry).
func (b *binder) readLists(cfg *topics.Config) error {
	for _, path := range b.stopWords.files() {
		words, err := readListFile("stop-words", path, func(r io.Reader) ([]string, error) {
			return vectorize.ReadStopWords(r, path, cfg.Vectorize.KeepCase)
		})
		if err != nil {
			return err
		}
		cfg.Vectorize.ExtraStopWords = append(cfg.Vectorize.ExtraStopWords, words...)
	}
	slices.Sort(cfg.Vectorize.ExtraStopWords)
	cfg.Vectorize.ExtraStopWords = slices.Compact(cfg.Vectorize.ExtraStopWords)
	if b.excludeFile == "" {
		return nil
	}
	phrases, err := readListFile("exclude-phrases", b.excludeFile, func(r io.Reader) ([]string, error) {
		return theme.ReadPhrases(r, b.excludeFile, cfg.Vectorize.ExtraStopWords)
	})
	cfg.ExcludePhrases = phrases
	return err
}

// readListFile opens path, given to --flag, and reads it with read.
func readListFile(flag, path string, read func(io.Reader) ([]string, error)) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("--%s %s: %w", flag, path, err)
	}
	defer f.Close()
	words, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("--%s: %w", flag, err)
	}
	return words, nil
}

// flagSet returns the names of cmd's flags.
func flagSet(cmd *cobra.Command) map[string]bool {
	names := map[string]bool{}
	cmd.Flags().VisitAll(func(f *pflag.Flag) { names[f.Name] = true })
	return names
}

// newFlags returns the names of cmd's flags that are not in before, in
// the order they were added.
func newFlags(cmd *cobra.Command, before map[string]bool) []string {
	var out []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !before[f.Name] {
			out = append(out, f.Name)
		}
	})
	return out
}
