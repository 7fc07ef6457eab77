// Package root assembles the zaitaku command tree and turns command errors into exit codes
// and Japanese messages.
package root

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/cmd/internal/aggregatecmd"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/reportcmd"
	"github.com/osaka-city/zaitaku/cmd/internal/schemacmd"
	"github.com/osaka-city/zaitaku/cmd/internal/templatecmd"
	"github.com/osaka-city/zaitaku/cmd/internal/validatecmd"
)

// Version is set at build time with -ldflags "-X .../root.Version=v1.2.3".
var Version = "dev"

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
		Long: `zaitaku は、各区の回答票（Excel）を作り、確認し、集計するツールです。

  zaitaku template   回答票（.xlsx）を作る
  zaitaku validate   提出前に回答票を確認する
  zaitaku aggregate  全区の回答票を確認して集計し、集計表と報告書を作る
  zaitaku report     保存した集計結果から報告書（PDF・HTML）を作り直す
  zaitaku schema     調査の定義（設問・選択肢・区）を確認する`,
		Version:       Version,
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
		return cli.Usage("%s: オプションの指定が正しくありません（%v）。「%s --help」で使い方を確認してください", c.CommandPath(), err, c.CommandPath())
	})
	cmd.AddCommand(
		templatecmd.NewCmdTemplate(io, nil),
		validatecmd.NewCmdValidate(io, nil),
		aggregatecmd.NewCmdAggregate(io, nil),
		reportcmd.NewCmdReport(io, nil),
		schemacmd.NewCmdSchema(io),
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

var unknownCommand = regexp.MustCompile(`^unknown command "([^"]*)"`)

// droppedFiles reports whether the arguments are only existing files, as when workbooks
// are dragged onto zaitaku.exe in Explorer: that means "check these".
func droppedFiles(cmd *cobra.Command, args []string) bool {
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
		if st, err := os.Stat(a); err != nil || st.IsDir() {
			return false
		}
	}
	return true
}

// Execute runs the command line and returns the exit code, printing any error in Japanese.
func Execute(args []string, io *cli.IO) int {
	cmd := NewCmdRoot(io)
	if droppedFiles(cmd, args) {
		code := execute(cmd, append([]string{"validate"}, args...), io)
		if io.PauseAfterDrop {
			fmt.Fprint(io.Out, "\nEnter キーを押すと閉じます。")
			bufio.NewReader(io.In).ReadString('\n')
		}
		return code
	}
	return execute(cmd, args, io)
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
