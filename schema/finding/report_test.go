package finding_test

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema/finding"
)

// The closing verdict counts files, not findings: a file with errors counts once however
// many it has, a file with only warnings is named apart, and a clean run never says 「0」.
func TestVerdict(t *testing.T) {
	e := func(file string) finding.Finding { return finding.Finding{File: file, Severity: finding.Error} }
	w := func(file string) finding.Finding { return finding.Finding{File: file, Severity: finding.Warning} }
	tests := []struct {
		n    int
		all  []finding.Finding
		want string
	}{
		{11, nil, "問題はありません（11 ファイル）"},
		{11, []finding.Finding{w("a"), w("a"), w("b")}, "エラーはありません（11 ファイル、うち 2 ファイルに警告）"},
		{11, []finding.Finding{e("a"), e("a"), w("a")}, "11 ファイル中 1 ファイルにエラーがあります"},
		{11, []finding.Finding{e("a"), w("a"), w("b"), e("c")}, "11 ファイル中 2 ファイルにエラーがあります（ほかに 1 ファイルに警告）"},
		{2, []finding.Finding{e("a"), e("b"), w("b")}, "2 ファイルすべてにエラーがあります"},
	}
	for _, tt := range tests {
		if got := finding.Verdict(tt.n, tt.all); got != tt.want {
			t.Errorf("Verdict(%d, %v) = %q, want %q", tt.n, tt.all, got, tt.want)
		}
	}
}

// One file prints its name and findings only when it has some; the summary always.
func TestWriteFile(t *testing.T) {
	var b strings.Builder
	finding.WriteFile(&b, "北区.xlsx", nil)
	if got, want := b.String(), "北区.xlsx: 問題はありません\n"; got != want {
		t.Errorf("clean: %q, want %q", got, want)
	}
	b.Reset()
	f := finding.Finding{File: "北区.xlsx", Sheet: "S", Cell: "D4", Severity: finding.Error, Message: "m"}
	finding.WriteFile(&b, "北区.xlsx", []finding.Finding{f})
	want := "北区.xlsx\n  エラー  S!D4  m\n北区.xlsx: 不備 1件（エラー 1・警告 0）\n"
	if got := b.String(); got != want {
		t.Errorf("one error: %q, want %q", got, want)
	}
}
