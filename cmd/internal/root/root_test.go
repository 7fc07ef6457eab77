package root

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
)

func TestExecuteMessagesAndCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--help"}, 0, "回答票（.xlsx）を作る"},
		{[]string{"bogus"}, 2, "「bogus」というコマンドはありません"},
		{[]string{"validate", "--nope"}, 2, "オプションの指定が正しくありません"},
		{[]string{"template", "extra"}, 2, ""},
		{[]string{"schema", "check"}, 2, "定義ファイルを１つ指定してください"},
	} {
		var out, errOut bytes.Buffer
		code := Execute(tc.args, &cli.IO{Out: &out, ErrOut: &errOut})
		all := out.String() + errOut.String()
		if code != tc.code || !strings.Contains(all, tc.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s", tc.args, code, tc.code, tc.want, all)
		}
		if strings.Contains(all, "goroutine") {
			t.Errorf("%v: stack trace", tc.args)
		}
	}
}

// Dropping workbooks onto the program checks them, and on Windows waits for Enter so the
// window stays open long enough to read.
func TestDroppedFilesAreValidated(t *testing.T) {
	file := filepath.Join("..", "..", "..", "testdata", "returns", "北区.xlsx")
	var out bytes.Buffer
	code := Execute([]string{file}, &cli.IO{In: strings.NewReader("\n"), Out: &out, ErrOut: &out, PauseAfterDrop: true})
	if code != 0 || !strings.Contains(out.String(), "北区.xlsx: 問題はありません") || !strings.HasSuffix(out.String(), "Enter キーを押すと閉じます。") {
		t.Errorf("exit %d\n%s", code, out.String())
	}
	bad := filepath.Join("..", "..", "..", "testdata", "bad", "件数に単位.xlsx")
	out.Reset()
	if code := Execute([]string{bad}, &cli.IO{In: strings.NewReader(""), Out: &out, ErrOut: &out}); code != 1 || strings.Contains(out.String(), "Enter") {
		t.Errorf("exit %d without pause\n%s", code, out.String())
	}
}
