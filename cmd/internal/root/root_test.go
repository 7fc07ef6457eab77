package root

import (
	"bytes"
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
