package longcsv

import "testing"

func TestGuardKeepsFormulasOut(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":       "'=1+1",
		"+81-6":      "'+81-6",
		"-3":         "'-3",
		"@SUM(A1)":   "'@SUM(A1)",
		"北区":         "北区",
		"":           "",
		"１．医科":       "１．医科",
		"（再掲）地域ケア会議": "（再掲）地域ケア会議",
	} {
		if got := guard(in); got != want {
			t.Errorf("guard(%q) = %q, want %q", in, got, want)
		}
	}
}
