package vectorize

import (
	"fmt"
	"slices"

	"github.com/topics-dev/topics/internal/modelcodec"
)

// MarshalBinary encodes the fitted vectorizer: its options, the number of
// documents it was fitted on, its vocabulary, document frequencies and
// IDF. It implements encoding.BinaryMarshaler.
func (v *Vectorizer) MarshalBinary() ([]byte, error) {
	var e modelcodec.Encoder
	o := v.opt
	e.Bool(o.KeepCase)
	e.String(o.StopWords)
	e.Bool(o.Stem)
	e.Int(o.NGramMin)
	e.Int(o.NGramMax)
	e.Float(o.MinDF)
	e.Float(o.MaxDF)
	e.Int(o.MaxFeatures)
	e.Bool(o.Sublinear)
	e.Int(v.docs)
	e.Strings(v.terms)
	e.Ints(v.df)
	e.Floats(v.idf)
	return e.Bytes(), nil
}

// UnmarshalBinary decodes what MarshalBinary wrote into v. The IDF is
// recomputed from the document frequencies (as Restore does) and must
// equal the encoded one bit for bit. It implements
// encoding.BinaryUnmarshaler.
func (v *Vectorizer) UnmarshalBinary(b []byte) error {
	d := modelcodec.NewDecoder(b)
	var o Options
	o.KeepCase = d.Bool()
	o.StopWords = d.String()
	o.Stem = d.Bool()
	o.NGramMin = d.Int()
	o.NGramMax = d.Int()
	o.MinDF = d.Float()
	o.MaxDF = d.Float()
	o.MaxFeatures = d.Int()
	o.Sublinear = d.Bool()
	docs := d.Int()
	terms := d.Strings()
	df := d.Ints()
	idf := d.Floats()
	if err := d.Err(); err != nil {
		return fmt.Errorf("vectorize: vectorizer: %w", err)
	}
	r, err := Restore(o, terms, df, docs)
	if err != nil {
		return err
	}
	if !slices.Equal(r.idf, idf) {
		return fmt.Errorf("vectorize: vectorizer: %w: the IDF recomputed from the document frequencies differs from the saved one", modelcodec.ErrCorrupt)
	}
	*v = Vectorizer{opt: r.opt, set: r.set, docs: r.docs, terms: r.terms, df: r.df, idf: r.idf}
	return nil
}

// MarshalBinary encodes the LSA: its components, singular values,
// explained variance ratios and KeepScale. It implements
// encoding.BinaryMarshaler.
func (l *LSA) MarshalBinary() ([]byte, error) {
	var e modelcodec.Encoder
	e.Bool(l.keepScale)
	e.Floats(l.sigma)
	e.Floats(l.evr)
	e.Dense(l.Components())
	return e.Bytes(), nil
}

// UnmarshalBinary decodes what MarshalBinary wrote into l; it checks the
// shapes and that every value is finite (as NewLSA). It implements
// encoding.BinaryUnmarshaler.
func (l *LSA) UnmarshalBinary(b []byte) error {
	d := modelcodec.NewDecoder(b)
	keepScale := d.Bool()
	sigma := d.Floats()
	evr := d.Floats()
	comp := d.Dense()
	if err := d.Err(); err != nil {
		return fmt.Errorf("vectorize: LSA: %w", err)
	}
	r, err := NewLSA(comp, sigma, evr, keepScale)
	if err != nil {
		return err
	}
	*l = *r
	return nil
}
