package period

import "testing"

// FuzzParse: any text parses to a period that prints and reads back the same, or errors.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2024H1", "令和６年度上半期", "令和元年度", "平成30年度", "H30年度下半期", "２０２４", "R6", "令和0年度"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		for _, form := range []string{p.String(), p.Japanese()} {
			q, err := Parse(form)
			if err != nil || q != p {
				t.Fatalf("Parse(%q) = %v, but %q reads back as %v (%v)", s, p, form, q, err)
			}
		}
	})
}
