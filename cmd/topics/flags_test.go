package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/cluster"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// parse runs cmd (built with a recording run function) on args under a
// root command, as the topics command does, and returns its error.
func parse(cmd *cobra.Command, args ...string) error {
	root := &cobra.Command{Use: "topics", SilenceUsage: true, SilenceErrors: true}
	root.SetFlagErrorFunc(flagErrorFunc)
	root.SetOut(&bytes.Buffer{})
	root.SetErr(&bytes.Buffer{})
	root.AddCommand(cmd)
	root.SetArgs(append([]string{cmd.Name()}, args...))
	return root.Execute()
}

func quietStreams() streams {
	return streams{in: strings.NewReader(""), out: &bytes.Buffer{}, err: &bytes.Buffer{}}
}

// TestClusterFlagsReachConfig checks that every pipeline flag sets its one
// field of topics.Config, without running the pipeline.
func TestClusterFlagsReachConfig(t *testing.T) {
	var got *clusterOptions
	cmd := newClusterCmd(quietStreams(), func(o *clusterOptions) error { got = o; return nil })
	err := parse(cmd, "corpus.jsonl", "--k", "7", "--k-min", "3", "--k-max", "9", "--dims", "50", "--power-iters", "0",
		"--restarts", "2", "--max-iter", "40", "--batch-size", "128", "--seed", "5", "--stop-words", "none",
		"--min-df", "3", "--max-df", "0.9", "--max-features", "100", "--sublinear-tf=false", "--stem", "--keep-case",
		"--ngram-range", "1,2", "--top-terms", "4", "--format", "markdown", "--members", "-1", "--input-format", "jsonl",
		"--text-field", "body")
	if err != nil {
		t.Fatal(err)
	}
	want := topics.DefaultConfig()
	want.K, want.KMin, want.KMax, want.Dims, want.PowerIters = 7, 3, 9, 50, 0
	want.Restarts, want.MaxIter, want.BatchSize, want.Seed = 2, 40, 128, 5
	want.Vectorize = vectorize.Options{MinDF: 3, MaxDF: 0.9, MaxFeatures: 100, Stem: true, KeepCase: true, NGramMin: 1, NGramMax: 2}
	if !reflect.DeepEqual(got.cfg, want) {
		t.Errorf("config\n got %+v\nwant %+v", got.cfg, want)
	}
	if got.report.TopTerms != 4 || got.format != "markdown" || got.members != -1 || got.corpus.opt.Format != corpus.FormatJSONL ||
		got.corpus.opt.TextField != "body" || strings.Join(got.args, ",") != "corpus.jsonl" {
		t.Errorf("options %+v", got)
	}
}

// TestClusterViewsOnlyForPictures checks that the report's views (the map
// and heat map, which copy every vector) are computed for the picture
// formats and no other.
func TestClusterViewsOnlyForPictures(t *testing.T) {
	for _, format := range clusterFormats {
		var got *clusterOptions
		cmd := newClusterCmd(quietStreams(), func(o *clusterOptions) error { got = o; return nil })
		args := []string{"--format", format}
		if format == "timeline" {
			args = append(args, "--date-field", "date")
		}
		if err := parse(cmd, args...); err != nil {
			t.Fatalf("--format %s: %v", format, err)
		}
		picture := format == "html" || format == "svg" || format == "png"
		if got.report.NoViews == picture {
			t.Errorf("--format %s: report NoViews %v, want %v", format, got.report.NoViews, !picture)
		}
	}
}

// TestDefaultsAreTheLibrarys checks that without flags the commands run
// with the Default…() of their option structs.
func TestDefaultsAreTheLibrarys(t *testing.T) {
	var c *clusterOptions
	if err := parse(newClusterCmd(quietStreams(), func(o *clusterOptions) error { c = o; return nil })); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.cfg, topics.DefaultConfig()) {
		t.Errorf("cluster config %+v, want DefaultConfig", c.cfg)
	}
	var d *duplicatesOptions
	if err := parse(newDuplicatesCmd(quietStreams(), func(o *duplicatesOptions) error { d = o; return nil })); err != nil {
		t.Fatal(err)
	}
	if d.dup != topics.DefaultDuplicateOptions() || d.rel != topics.DefaultRelatedOptions() {
		t.Errorf("duplicates options %+v %+v", d.dup, d.rel)
	}
	var q *queryOptions
	if err := parse(newQueryCmd(quietStreams(), func(o *queryOptions) error { q = o; return nil }), "--model", "m", "text"); err != nil {
		t.Fatal(err)
	}
	if q.query != topics.DefaultQueryOptions() {
		t.Errorf("query options %+v", q.query)
	}
}

// TestListFlagsReachConfig checks that --stop-words files extend or
// replace the English list, that --exclude-phrases and --mail reach the
// Config, and that --exclude-phrases is refused where no themes are made.
func TestListFlagsReachConfig(t *testing.T) {
	dir := t.TempDir()
	words := writeList(t, dir, "words.txt", "# forum filler\nThanks\nadvance\n\n  hi  \n")
	more := writeList(t, dir, "more.txt", "edu\nthanks\n")
	phrases := writeList(t, dir, "phrases.txt", "year old\n# comment\nPrime Minister\n")
	for _, c := range []struct {
		args     []string
		list     string
		extra    []string
		mail     topics.MailMode
		excluded []string
	}{
		{nil, vectorize.StopWordsEnglish, nil, topics.MailAuto, nil},
		{[]string{"--stop-words", "none"}, "", nil, topics.MailAuto, nil},
		{[]string{"--stop-words", words}, "", []string{"advance", "hi", "thanks"}, topics.MailAuto, nil},
		{[]string{"--stop-words", "english", "--stop-words", words, "--stop-words", more, "--mail", "keep"},
			vectorize.StopWordsEnglish, []string{"advance", "edu", "hi", "thanks"}, topics.MailKeep, nil},
		{[]string{"--exclude-phrases", phrases, "--mail", "strip"}, vectorize.StopWordsEnglish, nil, topics.MailStrip, []string{"year old", "prime minister"}},
	} {
		var got *clusterOptions
		cmd := newClusterCmd(quietStreams(), func(o *clusterOptions) error { got = o; return nil })
		if err := parse(cmd, c.args...); err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		v := got.cfg.Vectorize
		if v.StopWords != c.list || !slices.Equal(v.ExtraStopWords, c.extra) || got.cfg.Mail != c.mail || !slices.Equal(got.cfg.ExcludePhrases, c.excluded) {
			t.Errorf("%q: stop words %q + %q, mail %v, excluded %q; want %q + %q, %v, %q",
				c.args, v.StopWords, v.ExtraStopWords, got.cfg.Mail, got.cfg.ExcludePhrases, c.list, c.extra, c.mail, c.excluded)
		}
	}
	var f *fitOptions
	if err := parse(newFitCmd(quietStreams(), func(o *fitOptions) error { f = o; return nil }), "-o", filepath.Join(dir, "m"), "--exclude-phrases", phrases); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.cfg.ExcludePhrases, []string{"year old", "prime minister"}) {
		t.Errorf("fit: excluded %q", f.cfg.ExcludePhrases)
	}
	cmd := newClusterCmd(quietStreams(), func(*clusterOptions) error { t.Error("ran"); return nil })
	if err := parse(cmd, "--exclude-phrases", phrases, "--format", "csv"); err == nil || !strings.Contains(err.Error(), "CSV has no themes") {
		t.Errorf("--exclude-phrases with CSV: %v", err)
	}
}

// TestBadListFiles checks that a list file that cannot be used is refused
// before any work with one line naming the flag and the file (and the line
// of a bad entry).
func TestBadListFiles(t *testing.T) {
	dir := t.TempDir()
	binary := writeList(t, dir, "binary.bin", "\x00\x01\x02ELF\x00")
	latin1 := writeList(t, dir, "latin1.txt", "caf\xe9\n")
	twoWords := writeList(t, dir, "two.txt", "fine\nthank you\n")
	stopPhrase := writeList(t, dir, "stop.txt", "the end\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--stop-words", binary}, binary + ":1: control character U+0000"},
		{[]string{"--stop-words", latin1}, latin1 + ":1: not valid UTF-8"},
		{[]string{"--stop-words", twoWords}, twoWords + `:2: "thank you": 2 words`},
		{[]string{"--stop-words", dir}, dir},
		{[]string{"--exclude-phrases", binary}, binary + ":1: control character"},
		{[]string{"--exclude-phrases", stopPhrase}, stopPhrase + `:1: "the end": "the" is a stop word`},
	} {
		cmd := newClusterCmd(quietStreams(), func(*clusterOptions) error { t.Error("ran"); return nil })
		err := parse(cmd, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") ||
			!strings.HasPrefix(err.Error(), "--"+strings.TrimPrefix(c.args[0], "--")) {
			t.Errorf("%q: error %v, want one line starting with %s and containing %q", c.args, err, c.args[0], c.want)
		}
	}
}

func writeList(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDuplicatesFlags(t *testing.T) {
	var got *duplicatesOptions
	cmd := newDuplicatesCmd(quietStreams(), func(o *duplicatesOptions) error { got = o; return nil })
	if err := parse(cmd, "--related", "--linkage", "mutual", "--threshold", "0.4", "--neighbors", "5", "--terms", "2"); err != nil {
		t.Fatal(err)
	}
	want := topics.RelatedOptions{Threshold: 0.4, Neighbors: 5, Linkage: cluster.MutualLink, Terms: 2}
	if !got.related || got.rel != want {
		t.Errorf("related options %+v, want %+v", got.rel, want)
	}
}

// TestFlagErrors checks that every bad value is refused, before any work,
// with a one-line error that names the flag and what it wants.
func TestFlagErrors(t *testing.T) {
	never := func(t *testing.T) func() error {
		return func() error { t.Error("the command ran"); return nil }
	}
	for _, c := range []struct {
		cmd  string
		args []string
		want string
	}{
		{"cluster", []string{"--dims", "0"}, "--dims 0: must be at least 1"},
		{"cluster", []string{"--k", "-1"}, "--k -1: must be at least 1"},
		{"cluster", []string{"--k-min", "1"}, "--k-min 1: must be at least 2"},
		{"cluster", []string{"--k-min", "6", "--k-max", "5"}, "--k-max 5: must be 0 (⌈3√n⌉) or at least KMin (6)"},
		{"cluster", []string{"--restarts", "0"}, "--restarts 0"},
		{"cluster", []string{"--from-tree"}, "--from-tree true: cuts a tree at K"},
		{"cluster", []string{"--min-df", "-1"}, "--min-df -1"},
		{"cluster", []string{"--max-df", "2.5"}, "--max-df 2.5"},
		{"cluster", []string{"--format", "xml"}, `--format "xml": want table, markdown, json, jsonl, csv, timeline, html, svg, png`},
		{"cluster", []string{"--stop-words", "klingon"}, `--stop-words klingon: no such file or directory`},
		{"cluster", []string{"--stop-words", "none", "--stop-words", "english"}, `--stop-words "english": none cannot be combined`},
		{"cluster", []string{"--exclude-phrases", "nope.txt"}, `--exclude-phrases nope.txt: no such file or directory`},
		{"eval", []string{"x.jsonl", "--truth", "label", "--exclude-phrases", "p.txt"}, "unknown flag: --exclude-phrases"},
		{"cluster", []string{"--mail", "sometimes"}, `--mail "sometimes": want auto, strip, keep`},
		{"cluster", []string{"--input-format", "xls"}, `--input-format "xls": want auto, dir, jsonl, csv, text`},
		{"cluster", []string{"--top-terms", "0"}, "--top-terms 0: must be at least 1"},
		{"cluster", []string{"--ngram-range", "2,1"}, "--ngram-range"},
		{"cluster", []string{"--themes", "--format", "json"}, "--themes"},
		{"similarity", []string{"--space", "words"}, `--space "words": want lsa, tfidf`},
		{"similarity", []string{"--top", "0"}, "--top 0: must be at least 1"},
		{"similarity", []string{"--max-docs", "0"}, "--max-docs 0"},
		{"similarity", []string{"--format", "jsonl"}, "--format jsonl"},
		{"duplicates", []string{"--hashes", "2000000000"}, "--hashes 2000000000: want 1 to 4096"},
		{"duplicates", []string{"--threshold", "1.5"}, "--threshold 1.5"},
		{"duplicates", []string{"--bands", "100", "--rows", "2"}, "--bands 100"},
		{"duplicates", []string{"--related", "--neighbors", "0"}, "--neighbors 0"},
		{"duplicates", []string{"--linkage", "complete"}, `--linkage "complete": want centroid, average, mutual, single`},
		{"eval", []string{"x.jsonl", "--truth", "label", "--seeds", "0"}, "--seeds 0: want 1 to 1000"},
		{"cluster", []string{"--restarts", "1000000000"}, "--restarts 1000000000: want 1 to 1000"},
		{"cluster", []string{"--power-iters", "101"}, "--power-iters 101: want 0 to 100"},
		{"cluster", []string{"--ngram-range", "1,100000"}, "--ngram-range"},
		{"duplicates", []string{"--shingle", "1000000"}, "--shingle 1000000: want 1 to 64"},
		{"eval", []string{"x.jsonl", "--truth", "label", "--seeds", "2", "--assignments", "a.csv"}, "--seeds 2: given assignments"},
		{"query", []string{"--model", "m", "--top", "0", "text"}, "--top 0: must be at least 1"},
		{"fit", []string{"--index-terms", "-1", "-o", "m"}, "--index-terms -1"},
		{"assign", []string{"--model", "m", "--neighbors", "-2"}, "--neighbors -2"},
	} {
		t.Run(c.cmd+" "+strings.Join(c.args, " "), func(t *testing.T) {
			run := never(t)
			s := quietStreams()
			cmd := map[string]*cobra.Command{
				"cluster":    newClusterCmd(s, func(*clusterOptions) error { return run() }),
				"similarity": newSimilarityCmd(s, func(*similarityOptions) error { return run() }),
				"duplicates": newDuplicatesCmd(s, func(*duplicatesOptions) error { return run() }),
				"eval":       newEvalCmd(s, func(*evalOptions) error { return run() }),
				"query":      newQueryCmd(s, func(*queryOptions) error { return run() }),
				"fit":        newFitCmd(s, func(*fitOptions) error { return run() }),
				"assign":     newAssignCmd(s, func(*assignOptions) error { return run() }),
			}[c.cmd]
			err := parse(cmd, c.args...)
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line containing %q", err, c.want)
			}
		})
	}
}

// TestEnumFlagsComplete checks that shell completion offers the values of
// a closed set.
func TestEnumFlagsComplete(t *testing.T) {
	var out bytes.Buffer
	root := newRootCmd(streams{in: strings.NewReader(""), out: &out, err: &bytes.Buffer{}})
	root.SetArgs([]string{cobra.ShellCompRequestCmd, "cluster", "--format", ""})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	for _, f := range clusterFormats {
		if !strings.Contains(out.String(), f+"\n") {
			t.Errorf("completion of --format lacks %q:\n%s", f, out.String())
		}
	}
}

// TestDocWeightsFlag checks that --doc-weights reaches the Config of every
// command that clusters, and that an unknown value is refused naming the
// flag.
func TestDocWeightsFlag(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want topics.DocWeights
	}{
		{nil, topics.DefaultConfig().DocWeights},
		{[]string{"--doc-weights", "length"}, topics.DocWeightsLength},
		{[]string{"--doc-weights", "none"}, topics.DocWeightsNone},
	} {
		var cl *clusterOptions
		if err := parse(newClusterCmd(quietStreams(), func(o *clusterOptions) error { cl = o; return nil }), c.args...); err != nil {
			t.Fatalf("cluster %q: %v", c.args, err)
		}
		var ev *evalOptions
		if err := parse(newEvalCmd(quietStreams(), func(o *evalOptions) error { ev = o; return nil }), append([]string{"corpus", "--truth", "label"}, c.args...)...); err != nil {
			t.Fatalf("eval %q: %v", c.args, err)
		}
		var f *fitOptions
		if err := parse(newFitCmd(quietStreams(), func(o *fitOptions) error { f = o; return nil }), append([]string{"-o", filepath.Join(dir, "m")}, c.args...)...); err != nil {
			t.Fatalf("fit %q: %v", c.args, err)
		}
		if cl.cfg.DocWeights != c.want || ev.cfg.DocWeights != c.want || f.cfg.DocWeights != c.want {
			t.Errorf("%q: cluster %v, eval %v, fit %v; want %v", c.args, cl.cfg.DocWeights, ev.cfg.DocWeights, f.cfg.DocWeights, c.want)
		}
	}
	cmd := newClusterCmd(quietStreams(), func(*clusterOptions) error { t.Error("ran"); return nil })
	if err := parse(cmd, "--doc-weights", "short"); err == nil || !strings.Contains(err.Error(), "--doc-weights") {
		t.Errorf("--doc-weights short: %v", err)
	}
}
