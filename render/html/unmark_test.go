package html

import (
	"regexp"
	"testing"
)

// TestUnmarkAsGoEcharts: unmark removes exactly what go-echarts' own regexp removes.
func TestUnmarkAsGoEcharts(t *testing.T) {
	pat := regexp.MustCompile(`(__f__")|("__f__)|(__f__)`)
	for _, s := range []string{
		"", "plain", `"formatter":"__f__function (p) { return zaitakuTip(p); }__f__"`,
		`__f__`, `"__f__"`, `__f__"__f__`, `"__f__"__f__"`, `a"__f__"b`, `___f__"`, `"___f___"`,
		`__f_`, `"__f__f__"`, `x__f__"__f__y`, `""__f__""`, `__f____f__`,
	} {
		if got, want := unmark(s), string(pat.ReplaceAll([]byte(s), nil)); got != want {
			t.Errorf("unmark(%q) = %q, go-echarts gives %q", s, got, want)
		}
	}
}

// FuzzUnmark holds unmark to go-echarts' regexp on any text.
func FuzzUnmark(f *testing.F) {
	pat := regexp.MustCompile(`(__f__")|("__f__)|(__f__)`)
	for _, s := range []string{`"__f__"`, `__f__"__f__`, `a"__f__"b`, `___f___`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := unmark(s), string(pat.ReplaceAll([]byte(s), nil)); got != want {
			t.Fatalf("unmark(%q) = %q, go-echarts gives %q", s, got, want)
		}
	})
}
