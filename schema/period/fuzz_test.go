package period

import "testing"

// FuzzParse: any text parses to a period that prints and reads back the same, or errors.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2024H1", "令和６年度上半期", "令和元年度", "平成30年度", "H30年度下半期", "２０２４", "R6", "令和0年度", "2024Q3", "令和６年度第一四半期", "2016-08", "平成28年8月", "昭和64年1月", "2016-08..2017-03", "平成28年8月～平成29年3月"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		if !p.Valid() {
			t.Fatalf("Parse(%q) = %+v, which is not valid", s, p)
		}
		for _, form := range []string{p.String(), p.Japanese()} {
			q, err := Parse(form)
			if err != nil || q != p {
				t.Fatalf("Parse(%q) = %v, but %q reads back as %v (%v)", s, p, form, q, err)
			}
			if q, err := ParseKind(form, p.Kind()); err != nil || q != p {
				t.Fatalf("ParseKind(%q, %q) = %v, %v; want %v", form, p.Kind(), q, err, p)
			}
		}
	})
}
