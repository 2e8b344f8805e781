package topics_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/internal/testutil"
)

// mailDocs returns n news articles of which the first mail are dressed as
// e-mail: a header block, a quoted line and a signature holding the word
// "zorblax", which nothing else in the corpus has.
func mailDocs(t *testing.T, n, mail int) []corpus.Document {
	docs := slices.Clone(testutil.BBC300(t)[:n])
	for i := range docs[:mail] {
		docs[i].Text = "From: someone@example.org\nOrganization: Zorblax Corp\n\n> an earlier post\n" + docs[i].Text +
			"\n-- \nzorblax signature, zorblax corp\n"
	}
	return docs
}

// TestMailAuto checks that MailAuto strips e-mail structure, and says so,
// when at least MailShare of the documents show it, and not otherwise; that
// MailKeep keeps it and MailStrip strips it whatever the share.
func TestMailAuto(t *testing.T) {
	for _, c := range []struct {
		mail  int // of 60 documents
		mode  topics.MailMode
		strip bool
	}{
		{15, topics.MailAuto, true},
		{2, topics.MailAuto, false}, // 3.3% < MailShare
		{15, topics.MailKeep, false},
		{2, topics.MailStrip, true},
	} {
		cfg := config(3)
		cfg.Mail = c.mode
		m := fit(t, mailDocs(t, 60, c.mail), cfg)
		_, kept := m.Vectorizer.Index("zorblax")
		warned := slices.ContainsFunc(m.Warnings, func(w string) bool { return strings.HasPrefix(w, "e-mail-like text") })
		if m.Vectorizer.Options().StripMail != c.strip || kept == c.strip || warned != (c.strip && c.mode == topics.MailAuto) {
			t.Errorf("%d mail documents, %v: StripMail %v, zorblax kept %v, warned %v; want stripped %v",
				c.mail, c.mode, m.Vectorizer.Options().StripMail, kept, warned, c.strip)
		}
		for _, th := range m.Themes {
			for _, p := range th.KeyPhrases {
				if c.strip && strings.Contains(p.Phrase, "zorblax") {
					t.Errorf("%v: key phrase %q comes from a signature", c.mode, p.Phrase)
				}
			}
		}
	}
}

// TestSavedModelKeepsTextOptions checks that a saved model keeps the extra
// stop words and e-mail stripping, so that new documents are vectorized as
// the fitted ones were: a mail-dressed copy of a document is placed where
// the plain document is, with the same similarity.
func TestSavedModelKeepsTextOptions(t *testing.T) {
	cfg := config(3)
	cfg.Mail = topics.MailStrip
	cfg.Vectorize.ExtraStopWords = []string{"government", "people"}
	docs := mailDocs(t, 60, 0)
	m := fit(t, docs, cfg)
	s, err := m.Saved(topics.SaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := topics.Load(&buf, "mem", int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	o := got.Vectorizer.Options()
	if !o.StripMail || !slices.Equal(o.ExtraStopWords, cfg.Vectorize.ExtraStopWords) {
		t.Fatalf("loaded options %+v, want StripMail and extra stop words %q", o, cfg.Vectorize.ExtraStopWords)
	}
	if _, ok := got.Vectorizer.Index("government"); ok {
		t.Error("an extra stop word is in the vocabulary")
	}
	plain := docs[5:6]
	dressed := mailDocs(t, 6, 6)[5:6]
	a, err := got.Assign(plain, topics.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := got.Assign(dressed, topics.AssignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a[0].Cluster != b[0].Cluster || a[0].Similarity != b[0].Similarity {
		t.Errorf("plain document: cluster %d similarity %v; dressed as mail: %d, %v", a[0].Cluster, a[0].Similarity, b[0].Cluster, b[0].Similarity)
	}
}
