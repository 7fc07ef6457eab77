// Package templatecmd is `zaitaku template`: the blank return workbook(s) the wards fill in.
package templatecmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/cmd/internal/atomicfile"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
)

// Options are the inputs of `zaitaku template`.
type Options struct {
	IO         *cli.IO
	SchemaPath string
	Ward       string
	All        bool
	Period     string
	Output     string
	Force      bool
}

// NewCmdTemplate wires the flags; runF replaces the work in tests of flag parsing.
func NewCmdTemplate(io *cli.IO, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "template [--ward 名前 | --all] [--period 期間] [-o 出力先]",
		Short: "回答票（.xlsx）を作る",
		Long: `回答する単位（大阪市の調査では区）が記入する回答票（Excel）を作ります。選択式の欄には
リストが付き、入力欄以外は保護されます。--all で全単位の回答票を一度に作ります。
終了コード: 0 作成した、2 指定の誤り（既存のファイルを上書きしない）、3 出力先に書き込めない`,
		Example: `  zaitaku template --ward 北区 --period 2024H1 -o 北区.xlsx
  zaitaku template --all --period 令和６年度上半期 -o 回答票`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runTemplate(opts)
		},
	}
	f := cmd.Flags()
	cli.AddSchemaFlag(f, &opts.SchemaPath)
	f.StringVar(&opts.Ward, "ward", "", "回答する単位の名前を記入済みにする（例: 北区。名前の一覧は zaitaku schema show）")
	f.BoolVar(&opts.All, "all", false, "全単位の回答票をフォルダに作る")
	cli.AddPeriodFlag(f, &opts.Period, "対象期間を記入済みにする")
	f.StringVarP(&opts.Output, "output", "o", "", "出力先（--all のときはフォルダ）。省略時は「名前.xlsx」または「回答票.xlsx」")
	f.BoolVar(&opts.Force, "force", false, "同じ名前のファイルがあっても上書きする")
	return cmd
}

func runTemplate(opts *Options) error {
	if opts.All && opts.Ward != "" {
		return cli.Usage("--ward と --all は同時に指定できません")
	}
	sc, err := cli.LoadSchema(opts.SchemaPath)
	if err != nil {
		return err
	}
	p, err := cli.ParsePeriod(sc, opts.Period)
	if err != nil {
		return err
	}
	if opts.Ward != "" {
		u := sc.Unit(opts.Ward)
		if u == nil {
			return cli.Usage("--ward: 「%s」は調査の対象の%sにありません", opts.Ward, sc.Units.Label)
		}
		opts.Ward = u.Name
	}
	if !opts.All {
		out := opts.Output
		if out == "" {
			out = "回答票.xlsx"
			if opts.Ward != "" {
				out = opts.Ward + ".xlsx"
			}
		}
		if err := write(opts, sc, p, opts.Ward, out); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.Out, "回答票を作りました: %s\n", out)
		return nil
	}
	dir := opts.Output
	if dir == "" {
		dir = "回答票"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return cli.Output(fmt.Errorf("フォルダ %s を作れません: %w", dir, err))
	}
	// Check every target first so that a refusal leaves no partial set behind.
	if !opts.Force {
		for _, u := range sc.Units.List {
			if err := refuseOverwrite(filepath.Join(dir, u.Name+".xlsx")); err != nil {
				return err
			}
		}
	}
	for _, u := range sc.Units.List {
		if err := write(opts, sc, p, u.Name, filepath.Join(dir, u.Name+".xlsx")); err != nil {
			return err
		}
	}
	fmt.Fprintf(opts.IO.Out, "%sの回答票を作りました: %s\n", sc.Units.Count(len(sc.Units.List)), dir)
	return nil
}

// refuseOverwrite protects a filled-in return from being replaced by a blank form.
func refuseOverwrite(path string) error {
	if _, err := os.Stat(path); err == nil {
		return cli.Usage("%s はすでにあります。記入済みの回答票を上書きしないよう中止しました（上書きするときは --force）", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return cli.Output(fmt.Errorf("%s を確認できません: %w", path, err))
	}
	return nil
}

func write(opts *Options, sc *schema.Schema, p period.Period, ward, path string) error {
	if !opts.Force {
		if err := refuseOverwrite(path); err != nil {
			return err
		}
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return cli.Output(fmt.Errorf("フォルダ %s を作れません: %w", dir, err))
		}
	}
	err := atomicfile.WriteFile(path, func(w io.Writer) error {
		return form.WriteTemplate(w, sc, form.TemplateOptions{Ward: ward, Period: p})
	})
	if err != nil {
		return cli.Output(err)
	}
	return nil
}
