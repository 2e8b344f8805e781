package topics

import (
	"fmt"

	"github.com/topics-dev/topics/corpus"
	"github.com/topics-dev/topics/vectorize"
)

// MailMode says when Fit leaves out what e-mail and news posts carry beside
// their authors' words (header lines, quoted replies, signatures, e-mail
// addresses and URLs; see vectorize.StripMail) before it vectorizes and
// labels the documents.
type MailMode int

const (
	// MailAuto strips it when at least MailShare of the documents show a
	// mark of it (vectorize.MailLike), and says so in Model.Warnings.
	MailAuto MailMode = iota
	// MailStrip always strips it.
	MailStrip
	// MailKeep never does.
	MailKeep
)

// String returns "auto", "strip" or "keep".
func (m MailMode) String() string {
	switch m {
	case MailAuto:
		return "auto"
	case MailStrip:
		return "strip"
	case MailKeep:
		return "keep"
	}
	return fmt.Sprintf("MailMode(%d)", int(m))
}

// MailShare is the share of documents with a mark of e-mail above which
// MailAuto strips it. On the shared corpora, news (BBC, Reuters, AG News,
// UCI headlines, ECB+) show such marks in at most 0.5% of the documents
// (Reuters R8), Usenet posts in 21% even after scikit-learn's cleaning
// (100% raw): any threshold between 1% and 20% tells them apart; 5% leaves
// room on both sides.
const MailShare = 0.05

// mailSample bounds the documents read to decide MailAuto: evenly spaced
// through the corpus, so the decision costs the same on any corpus size.
const mailSample = 10000

// mailLikeShare returns the share of the documents (of an even sample of
// at most mailSample) that vectorize.MailLike finds mail-like.
func mailLikeShare(docs []corpus.Document) float64 {
	n := len(docs)
	if n == 0 {
		return 0
	}
	step := max(1, n/mailSample)
	seen, like := 0, 0
	texts := corpus.Contents(docs)
	var parts []string
	for i := 0; i < n; i += step {
		parts = texts.AppendParts(parts[:0], i)
		seen++
		for _, p := range parts {
			if vectorize.MailLike(p) {
				like++
				break
			}
		}
	}
	return float64(like) / float64(seen)
}

// vectorizeOptions returns the vectorizer's options for docs, with
// StripMail set by c.Mail, and a note for Model.Warnings when MailAuto
// decided to strip.
func (c Config) vectorizeOptions(docs []corpus.Document) (vectorize.Options, string) {
	opt := c.Vectorize
	switch c.Mail {
	case MailStrip:
		opt.StripMail = true
	case MailAuto:
		if share := mailLikeShare(docs); share >= MailShare {
			opt.StripMail = true
			return opt, fmt.Sprintf("e-mail-like text: %.0f%% of the documents have mail headers, quoted lines, signatures or e-mail addresses; "+
				"those, and URLs, are left out before vectorizing and labelling (--mail keep, Config.Mail = MailKeep, keeps them)", 100*share)
		}
	}
	return opt, ""
}

// mailTexts returns the texts of docs as the vectorizer reads them: with
// e-mail structure stripped when opt says so.
func mailTexts(docs []corpus.Document, opt vectorize.Options) vectorize.Texts {
	if !opt.StripMail {
		return corpus.Contents(docs)
	}
	return vectorize.StrippedTexts(corpus.Contents(docs))
}
