package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/vectorize"
)

// binder registers a command's flags, each bound to a field of an option
// struct that holds its default (from the struct's Default…()), and
// remembers which flag sets which field so that a topics.OptionError can
// be reported under the flag's name.
type binder struct {
	cmd    *cobra.Command
	fields map[string]string // option field → flag
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
	enumVar(b, &o.StopWords, "stop-words", []string{"english", "none"}, []string{vectorize.StopWordsEnglish, ""},
		"stop words to drop: english (scikit-learn's list) or none")
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
	b.intVar(&cfg.BatchSize, "batch-size", "BatchSize", "mini-batch k-means with batches of this many documents (0: automatic, batches of 4096 from 50,000 documents on; -1: Lloyd's algorithm on all documents)")
}

// checkConfig checks the flags bound by vectorsFlags or pipelineFlags.
func (b *binder) checkConfig(cfg *topics.Config, ngram []int) error {
	if err := setNGrams(&cfg.Vectorize, ngram); err != nil {
		return err
	}
	return b.flagError(cfg.Validate())
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
