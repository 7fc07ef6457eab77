// Package root assembles the zaitaku command tree and turns command errors into exit codes
// and Japanese messages.
package root

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/osaka-city/zaitaku/cmd/internal/aggregatecmd"
	"github.com/osaka-city/zaitaku/cmd/internal/checkercmd"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/reportcmd"
	"github.com/osaka-city/zaitaku/cmd/internal/schemacmd"
	"github.com/osaka-city/zaitaku/cmd/internal/templatecmd"
	"github.com/osaka-city/zaitaku/cmd/internal/trendcmd"
	"github.com/osaka-city/zaitaku/cmd/internal/validatecmd"
)

// Version is set at build time with -ldflags "-X .../root.Version=v1.2.3" (.ci/run stamps
// `git describe`); left at "dev", the version comes from the build information.
var Version = "dev"

// version is what `zaitaku --version` prints.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	return resolveVersion(Version, bi, ok)
}

// resolveVersion prefers the stamped version; otherwise the module version the Go toolchain
// recorded (`go install …@v1.2.0`, or a pseudo-version from the checkout), otherwise the
// commit with -dirty for uncommitted changes, so a binary can always be traced to its source.
func resolveVersion(stamped string, bi *debug.BuildInfo, ok bool) string {
	if stamped != "" && stamped != "dev" {
		return stamped
	}
	if !ok || bi == nil {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return rev
}

const usageTemplate = `使い方:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} コマンド [オプション]{{end}}{{if .HasExample}}

例:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

コマンド:{{range .Commands}}{{if .IsAvailableCommand}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

オプション:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

共通オプション:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

各コマンドの説明は「{{.CommandPath}} コマンド --help」で表示します。{{end}}
`

// NewCmdRoot builds the command tree writing to io.
func NewCmdRoot(io *cli.IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "zaitaku",
		Short: "在宅医療・介護連携推進事業 取組状況調査の回答票を作り、確認し、集計する",
		Long: `zaitaku は、調査に回答する単位（大阪市の調査では区）ごとの回答票（Excel）を作り、
確認し、集計するツールです。調査の内容は調査の定義（YAML、--schema）で決まります。

  zaitaku template   回答票（.xlsx）を作る
  zaitaku validate   提出前に回答票を確認する
  zaitaku checker    回答する単位がブラウザーで回答票を確認できるページ（回答票チェック.html）を作る
  zaitaku aggregate  集めた回答票をすべて確認して集計し、集計表と報告書を作る
  zaitaku report     保存した集計結果から報告書（PDF・HTML・PowerPoint）を作り直す
  zaitaku trend      集計結果から設問・項目の期間ごとの推移（全体と回答する単位ごと）を表示する
  zaitaku schema     調査の定義（設問・選択肢・回答する単位・ルール）を確認する`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	cmd.SetIn(io.In)
	cmd.SetOut(io.Out)
	cmd.SetErr(io.ErrOut)
	cmd.SetUsageTemplate(usageTemplate)
	cmd.SetVersionTemplate("zaitaku {{.Version}}\n")
	cmd.CompletionOptions.DisableDefaultCmd = true
	cmd.PersistentFlags().BoolP("help", "h", false, "使い方を表示する")
	cmd.Flags().BoolP("version", "v", false, "版を表示する")
	cmd.SetHelpCommand(&cobra.Command{
		Use:   "help [コマンド]",
		Short: "コマンドの使い方を表示する",
		Run: func(c *cobra.Command, args []string) {
			target, _, err := c.Root().Find(args)
			if err != nil || target == nil {
				target = c.Root()
			}
			_ = target.Help()
		},
	})
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return cli.Usage("%s。「%s --help」で使い方を確認してください", flagError(err), c.CommandPath())
	})
	cmd.AddCommand(
		templatecmd.NewCmdTemplate(io, nil),
		validatecmd.NewCmdValidate(io, nil),
		checkercmd.NewCmdChecker(io, version(), nil),
		aggregatecmd.NewCmdAggregate(io, nil),
		reportcmd.NewCmdReport(io, nil),
		schemacmd.NewCmdSchema(io),
		trendcmd.NewCmdTrend(io, nil),
	)
	disableFlagsInUseLine(cmd)
	return cmd
}

// disableFlagsInUseLine drops cobra's English "[flags]" from usage lines; each Use string
// names its options in Japanese already.
func disableFlagsInUseLine(c *cobra.Command) {
	c.DisableFlagsInUseLine = true
	for _, sub := range c.Commands() {
		disableFlagsInUseLine(sub)
	}
}

// flagError says in Japanese what was wrong with an option; main adds the one
// 「zaitaku: 」 prefix.
func flagError(err error) string {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		name, group := notExist.GetSpecifiedName(), notExist.GetSpecifiedShortnames()
		switch {
		case group == "":
			return fmt.Sprintf("--%s というオプションはありません", name)
		case len(group) > 1:
			return fmt.Sprintf("-%s の中の -%s というオプションはありません", group, name)
		}
		return fmt.Sprintf("-%s というオプションはありません", name)
	case errors.As(err, &required):
		name := "--" + required.GetSpecifiedName()
		if required.GetSpecifiedShortnames() != "" {
			name = "-" + required.GetSpecifiedName()
		}
		return fmt.Sprintf("%s の後に値を指定してください", name)
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		msg := fmt.Sprintf("--%s に「%s」は指定できません", f.Name, invalid.GetValue())
		if f.Value.Type() == "bool" {
			msg += fmt.Sprintf("（--%s だけで指定します）", f.Name)
		}
		return msg
	case errors.As(err, &syntax):
		return fmt.Sprintf("「%s」はオプションとして読めません（オプションは --名前 か -文字 の形です）", syntax.GetSpecifiedFlag())
	}
	return "オプションの指定が正しくありません（" + err.Error() + "）"
}

var unknownCommand = regexp.MustCompile(`^unknown command "([^"]*)"`)

// droppedPaths reports whether the arguments are only existing files or folders, as when
// workbooks or a folder of returns are dragged onto zaitaku.exe in Explorer: that means
// "check these".
func droppedPaths(cmd *cobra.Command, args []string) bool {
	if len(args) == 0 {
		return false
	}
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			return false
		}
		if c, _, err := cmd.Find([]string{a}); err == nil && c != cmd {
			return false
		}
		if _, err := os.Stat(a); err != nil {
			return false
		}
	}
	return true
}

// startedAlone is what a double-click on zaitaku.exe shows: the window would otherwise
// flash and close, or show cobra's English note.
const startedAlone = `zaitaku は、回答票（Excel）を作り、確認し、集計するツールです。
このウィンドウに入力して使うものではありません。次のように使います。

■ 回答票を確認する
  回答票（.xlsx）のファイル、または回答票を集めたフォルダを、
  エクスプローラーで zaitaku.exe のアイコンの上にドラッグ＆ドロップしてください。
  確認の結果がこのようなウィンドウに表示されます。

■ 集計など、ほかの操作をする
  コマンドプロンプトか PowerShell を開いて zaitaku.exe のあるフォルダに移動し、
  zaitaku --help と入力すると使い方を表示します。
`

// Execute runs the command line and returns the exit code, printing any error in Japanese.
// Started from Explorer, it explains itself when given nothing, checks what was dropped on
// it, and keeps its window open until Enter.
func Execute(args []string, io *cli.IO) int {
	// cobra's own note for programs started from Explorer is English and closes the
	// window after five seconds; the cases are handled here instead.
	cobra.MousetrapHelpText = ""
	cmd := NewCmdRoot(io)
	var code int
	switch {
	case len(args) == 0 && io.OwnConsole:
		fmt.Fprint(io.Out, startedAlone)
		code = cli.ExitOK
	case droppedPaths(cmd, args):
		code = execute(cmd, append([]string{"validate"}, args...), io)
	default:
		code = execute(cmd, args, io)
	}
	if io.WaitBeforeClose() {
		fmt.Fprint(io.Out, "\nEnter キーを押すと閉じます。")
		bufio.NewReader(io.In).ReadString('\n')
	}
	return code
}

func execute(cmd *cobra.Command, args []string, io *cli.IO) int {
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err == nil {
		return cli.ExitOK
	}
	var ee *cli.ExitError
	switch {
	case errors.As(err, &ee):
		if ee.Msg != "" {
			fmt.Fprintln(io.ErrOut, "zaitaku: "+ee.Msg)
		}
	case unknownCommand.MatchString(err.Error()):
		name := unknownCommand.FindStringSubmatch(err.Error())[1]
		fmt.Fprintf(io.ErrOut, "zaitaku: 「%s」というコマンドはありません。「zaitaku --help」で一覧を表示します\n", name)
	default:
		fmt.Fprintln(io.ErrOut, "zaitaku: "+err.Error())
	}
	return cli.Code(err)
}
