package root

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
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
		{[]string{"validate", "--nope"}, 2, "--nope というオプションはありません"},
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

// stdin records whether the program waited for Enter.
type stdin struct {
	r    *strings.Reader
	read bool
}

func (s *stdin) Read(p []byte) (int, error) {
	s.read = true
	return s.r.Read(p)
}

// Started from Explorer (a console of its own), the program explains itself when given
// nothing, checks dropped files and folders, and waits for Enter only when a person can see
// the prompt and answer it.
func TestStartedFromExplorer(t *testing.T) {
	testdata := filepath.Join("..", "..", "..", "testdata")
	file := filepath.Join(testdata, "returns", "北区.xlsx")
	bad := filepath.Join(testdata, "bad", "件数に単位.xlsx")
	folder := t.TempDir()
	for _, n := range []string{"北区.xlsx", "都島区.xlsx"} {
		data, err := os.ReadFile(filepath.Join(testdata, "returns", n))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(folder, n), data, 0o644)
	}
	const prompt = "\nEnter キーを押すと閉じます。"
	for _, tc := range []struct {
		name               string
		args               []string
		own, inCon, outCon bool
		code               int
		want               string
		wait               bool
	}{
		{"double-click", nil, true, true, true, 0, "ドラッグ＆ドロップしてください", true},
		{"no arguments in a terminal", nil, false, true, true, 0, "zaitaku コマンド [オプション]", false},
		{"file dropped", []string{file}, true, true, true, 0, "北区.xlsx: 問題はありません", true},
		{"folder dropped", []string{folder}, true, true, true, 0, "問題はありません（2 ファイル）", true},
		{"file with errors dropped", []string{bad}, true, true, true, 1, "数字以外の文字を含みます", true},
		{"output redirected to a file", []string{file}, true, true, false, 0, "北区.xlsx: 問題はありません", false},
		{"input from a pipe", []string{file}, true, false, true, 0, "北区.xlsx: 問題はありません", false},
		{"typed in cmd.exe", []string{file}, false, true, true, 0, "北区.xlsx: 問題はありません", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &stdin{r: strings.NewReader("\n")}
			var out bytes.Buffer
			code := Execute(tc.args, &cli.IO{In: in, Out: &out, ErrOut: &out, OwnConsole: tc.own, InConsole: tc.inCon, OutConsole: tc.outCon})
			got := out.String()
			if code != tc.code || !strings.Contains(got, tc.want) {
				t.Errorf("exit %d, want %d with %q:\n%s", code, tc.code, tc.want, got)
			}
			if in.read != tc.wait || strings.HasSuffix(got, prompt) != tc.wait {
				t.Errorf("waited %v (prompt %v), want %v:\n%s", in.read, strings.HasSuffix(got, prompt), tc.wait, got)
			}
		})
	}
}

// A wrong option gets one 「zaitaku: 」 prefix and a Japanese reason.
func TestFlagErrorsInJapanese(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--foo"}, "zaitaku: --foo というオプションはありません。「zaitaku --help」で使い方を確認してください\n"},
		{[]string{"aggregate", "--foo", "x"}, "zaitaku: --foo というオプションはありません。「zaitaku aggregate --help」で使い方を確認してください\n"},
		{[]string{"validate", "-x", "a.xlsx"}, "zaitaku: -x というオプションはありません。「zaitaku validate --help」で使い方を確認してください\n"},
		{[]string{"aggregate", "-zq", "x"}, "zaitaku: -zq の中の -z というオプションはありません。"},
		{[]string{"aggregate", "-qz", "x"}, "zaitaku: -z というオプションはありません。"},
		{[]string{"aggregate", "x", "-o"}, "zaitaku: -o の後に値を指定してください。"},
		{[]string{"aggregate", "x", "--period"}, "zaitaku: --period の後に値を指定してください。"},
		{[]string{"aggregate", "x", "--quiet=maybe"}, "zaitaku: --quiet に「maybe」は指定できません（--quiet だけで指定します）。"},
		{[]string{"aggregate", "x", "---o"}, "zaitaku: 「---o」はオプションとして読めません"},
	} {
		var out, errOut bytes.Buffer
		code := Execute(tc.args, &cli.IO{Out: &out, ErrOut: &errOut})
		got := errOut.String()
		if code != cli.ExitUsage || !strings.HasPrefix(got, tc.want) || strings.Count(got, "zaitaku: ") != 1 {
			t.Errorf("%v: exit %d\n%s", tc.args, code, got)
		}
		for _, english := range []string{"unknown", "flag", "argument"} {
			if strings.Contains(got, english) {
				t.Errorf("%v: English left in %q", tc.args, got)
			}
		}
	}
}

func TestResolveVersion(t *testing.T) {
	info := func(main string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/osaka-city/zaitaku", Version: main}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name    string
		stamped string
		bi      *debug.BuildInfo
		ok      bool
		want    string
	}{
		{"stamped by CI", "v1.2.0-3-gabcdef0", info("(devel)", "vcs.revision", rev), true, "v1.2.0-3-gabcdef0"},
		{"go install @version", "dev", info("v1.2.0"), true, "v1.2.0"},
		{"pseudo-version from a checkout", "dev", info("v0.0.0-20261202061430-0123456789ab+dirty"), true, "v0.0.0-20261202061430-0123456789ab+dirty"},
		{"commit", "dev", info("(devel)", "vcs.revision", rev, "vcs.modified", "false"), true, "0123456789ab"},
		{"commit with local changes", "dev", info("(devel)", "vcs.revision", rev, "vcs.modified", "true"), true, "0123456789ab-dirty"},
		{"built with -buildvcs=false", "dev", info("(devel)"), true, "dev"},
		{"no build information", "dev", nil, false, "dev"},
	} {
		if got := resolveVersion(tc.stamped, tc.bi, tc.ok); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	var out bytes.Buffer
	if code := Execute([]string{"--version"}, &cli.IO{Out: &out, ErrOut: &out}); code != 0 || out.String() != "zaitaku "+version()+"\n" {
		t.Errorf("--version: exit %d %q", code, out.String())
	}
}

// The top help is read before any schema is chosen, so it describes the tool for any
// survey: 区 appears only where it names the default survey's unit, and every output of
// report is listed.
func TestRootHelpFitsAnySurvey(t *testing.T) {
	var out bytes.Buffer
	if code := Execute([]string{"--help"}, &cli.IO{Out: &out, ErrOut: &out}); code != 0 {
		t.Fatalf("exit %d\n%s", code, out.String())
	}
	help := out.String()
	for _, want := range []string{"回答する単位（大阪市の調査では区）", "報告書（PDF・HTML・PowerPoint）", "調査の定義（設問・選択肢・回答する単位・ルール）"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	rest := strings.ReplaceAll(strings.Replace(help, "（大阪市の調査では区）", "", 1), "区分", "")
	if strings.Contains(rest, "区") {
		t.Errorf("help says 区 outside the default survey's example:\n%s", help)
	}
}
