// Package validatecmd is `zaitaku validate`: the check a ward runs on its return before it
// submits, listing every problem at once with its sheet and cell.
package validatecmd

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/cmd/internal/atomicfile"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// Options are the inputs of `zaitaku validate`.
type Options struct {
	IO         *cli.IO
	SchemaPath string
	Period     string
	Annotate   string
	Format     string
	Previous   string
	Files      []string
}

// NewCmdValidate wires the flags; runF replaces the work in tests of flag parsing.
func NewCmdValidate(io *cli.IO, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "validate ファイル.xlsx...",
		Short: "回答票を確認し、記入漏れや誤りをセルの位置とともに一覧にする",
		Long: `回答票を読み、記入漏れ・選択肢にない回答・件数の誤り・内訳や合計の不一致などを
すべて一覧にします。フォルダを指定すると、その中の .xlsx をすべて確認します。

--previous に前回の集計結果（aggregate.json）を指定すると、前回の同じ単位の回答と比べ、
調査の定義の change_check を超えて変わった件数や、前回より後の選択肢になった回答を警告します
（前回比）。その項目の備考欄に理由が書いてあれば「参考」（説明あり）として示します。

終了コード: 0 エラーなし（警告のみは 0）、1 エラーあり、2 ファイルを読めない・指定の誤り、
3 注記付きの写しを書き込めない`,
		Example: `  zaitaku validate 北区.xlsx
  zaitaku validate --period 2024H1 --annotate 確認結果 ./回答票
  zaitaku validate --previous 前回/aggregate.json 北区.xlsx`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runValidate(opts)
		},
	}
	f := cmd.Flags()
	cli.AddSchemaFlag(f, &opts.SchemaPath)
	cli.AddPeriodFlag(f, &opts.Period, "対象期間がこの期間か確認する")
	f.StringVar(&opts.Annotate, "annotate", "", "不備のセルを赤くしコメントを付けた写しをこのフォルダに書く（元のファイルは変えない）")
	f.StringVar(&opts.Format, "format", "text", "出力の形式: text または json")
	f.StringVar(&opts.Previous, "previous", "", "前の期間の aggregate.json（区ごとの回答と比べて、大きく変わった件数・回答を警告する）")
	return cmd
}

func runValidate(opts *Options) error {
	if opts.Format != "text" && opts.Format != "json" {
		return cli.Usage("--format は text か json を指定してください（%q は使えません）", opts.Format)
	}
	if len(opts.Files) == 0 {
		return cli.Usage("確認する回答票を指定してください（例: zaitaku validate 北区.xlsx）")
	}
	sc, err := cli.LoadSchema(opts.SchemaPath)
	if err != nil {
		return err
	}
	p, err := cli.ParsePeriod(sc, opts.Period)
	if err != nil {
		return err
	}
	files, refused, skipped, err := expand(opts.Files)
	if err != nil {
		return err
	}
	out := opts.IO.Out
	previous, err := loadPrevious(opts, sc)
	if err != nil {
		return err
	}
	var all []finding.Finding
	code := cli.ExitOK
	// printFile lists one file's findings under its name, then the verdict.
	printFile := func(name string, fs []finding.Finding) {
		if opts.Format != "text" {
			return
		}
		finding.WriteFile(out, name, fs)
	}
	for _, fe := range refused {
		code = cli.ExitUsage
		f := fe.Finding()
		all = append(all, f)
		printFile(fe.File, []finding.Finding{f})
	}
	if opts.Format == "text" {
		for _, sk := range skipped {
			fmt.Fprintf(out, "%s: %s\n", sk.Name, sk.Note)
		}
	}
	for _, path := range files {
		r, err := check.ReadNamed(path, returns.DisplayName(filepath.Base(path)), sc, check.ReadOptions{Period: p, Glyphs: cli.Glyphs(""), Previous: previous})
		var fe *returns.FileError
		if errors.As(err, &fe) {
			code = cli.ExitUsage
			f := fe.Finding()
			all = append(all, f)
			printFile(fe.File, []finding.Finding{f})
			continue
		} else if err != nil {
			return cli.Usage("%s: %v", returns.DisplayName(path), err)
		}
		all = append(all, r.Findings...)
		if r.Errors() > 0 && code == cli.ExitOK {
			code = cli.ExitFindings
		}
		printFile(r.Name, r.Findings)
		if note := check.PreviousNote(previous, r.Period); note != "" && opts.Format == "text" {
			fmt.Fprintf(out, "  %s\n", note)
		}
		if opts.Annotate != "" && finding.HasCells(r.Findings) {
			dst := filepath.Join(opts.Annotate, r.Name)
			if err := annotate(path, dst, r.Findings); err != nil {
				return err
			}
			if opts.Format == "text" {
				fmt.Fprintf(out, "  → 不備の箇所に印を付けた写し: %s\n", dst)
			}
		}
	}
	if opts.Format == "json" {
		if err := finding.WriteJSON(out, all); err != nil {
			return err
		}
	} else if n := len(files) + len(refused); n > 1 {
		printTotals(opts, n, all)
	}
	if code != cli.ExitOK {
		return &cli.ExitError{Code: code}
	}
	return nil
}

// loadPrevious reads --previous for the 前回比 check; a file that cannot be read is a usage
// error, one without unit-by-unit answers a line saying nothing is compared.
func loadPrevious(opts *Options, sc *schema.Schema) (*check.Previous, error) {
	if opts.Previous == "" {
		return nil, nil
	}
	prev, note, err := cli.LoadPrevious(sc, opts.Previous)
	if err != nil {
		return nil, err
	}
	if note != "" && opts.Format == "text" {
		fmt.Fprintln(opts.IO.Out, note)
	}
	return prev, nil
}

// printTotals closes a run over several files with one verdict.
func printTotals(opts *Options, n int, all []finding.Finding) {
	fmt.Fprintf(opts.IO.Out, "\n%s\n", finding.Verdict(n, all))
}

// expand turns folders into the returns they hold, so a whole folder can be checked; it
// also gives what those folders hold in a format that cannot be read, and what is left
// alone (see returns.ListFolder).
func expand(args []string) (files []string, refused []*returns.FileError, skipped []returns.Skipped, err error) {
	for _, a := range args {
		st, err := os.Stat(a)
		if err == nil && st.IsDir() {
			l, err := returns.ListFolder(a)
			if err != nil {
				return nil, nil, nil, cli.Usage("フォルダ %s を読めません: %v", returns.DisplayName(a), err)
			}
			if len(l.Returns) == 0 && len(l.Refused) == 0 {
				msg := fmt.Sprintf("フォルダ %s に回答票（.xlsx）がありません", returns.DisplayName(a))
				for _, sk := range l.Skipped {
					msg += fmt.Sprintf("\n  %s: %s", sk.Name, sk.Note)
				}
				return nil, nil, nil, cli.Usage("%s", msg)
			}
			files = append(files, l.Returns...)
			refused = append(refused, l.Refused...)
			skipped = append(skipped, l.Skipped...)
			continue
		}
		files = append(files, a)
	}
	return files, refused, skipped, nil
}

// annotate writes the marked copy of the return at src to dst, never over src: the
// copy is made in memory, then written whole (atomicfile). A source that cannot be read is
// exit 2, a copy that cannot be written exit 3.
func annotate(src, dst string, findings []finding.Finding) error {
	if same, _ := samePath(src, dst); same {
		return cli.Usage("%s: 注記付きの写しを元のファイルと同じ場所には書けません。別のフォルダを指定してください", filepath.Base(src))
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return cli.Usage("%s を読めません: %v", returns.DisplayName(src), err)
	}
	var buf bytes.Buffer
	if err := form.Annotate(&buf, data, findings); err != nil {
		return cli.Usage("%s に印を付けられません: %v", returns.DisplayName(src), err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return cli.Output(fmt.Errorf("フォルダ %s を作れません: %w", filepath.Dir(dst), err))
	}
	if err := atomicfile.WriteBytes(dst, buf.Bytes()); err != nil {
		return cli.Output(err)
	}
	return nil
}

func samePath(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, nil
	}
	return os.SameFile(sa, sb), nil
}
