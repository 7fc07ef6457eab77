// Package checkercmd is `zaitaku checker`: the offline checker page (回答票チェック.html)
// that the bureau gives to the wards, so that a ward can check its return in Edge or Chrome
// exactly as `zaitaku validate` does, without installing anything.
package checkercmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/cmd/internal/atomicfile"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/checker"
	"github.com/osaka-city/zaitaku/render/checker/pagecheck"
	"github.com/osaka-city/zaitaku/render/fonts"
)

// DefaultOutput is the page's name when -o is not given.
const DefaultOutput = "回答票チェック.html"

// Options are the inputs of `zaitaku checker`.
type Options struct {
	IO         *cli.IO
	SchemaPath string
	Period     string
	Previous   string
	Output     string
	Force      bool
	// Build is the zaitaku version the page names.
	Build string
}

// NewCmdChecker wires the flags; runF replaces the work in tests of flag parsing.
func NewCmdChecker(io *cli.IO, build string, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io, Build: build}
	cmd := &cobra.Command{
		Use:   "checker [--period 期間] [--previous aggregate.json] [-o 回答票チェック.html]",
		Short: "回答票をブラウザーで確認するページ（インストール不要・オフライン）を作る",
		Long: `回答する単位（大阪市の調査では区）の担当者が Microsoft Edge や Google Chrome で開き、回答票を落とすだけで
zaitaku validate と同じ確認ができる、１つの HTML ファイルを作ります。確認はそのパソコンの中で
行い、回答票はどこにも送信されません。インターネットに接続していなくても使えます。
--period を指定すると対象期間も確認し、--previous に前回の aggregate.json を指定すると前回比も
確認します（validate と同じ）。

終了コード: 0 作成した、2 指定の誤り（既存のファイルを上書きしない）、3 出力先に書き込めない`,
		Example: `  zaitaku checker -o 回答票チェック.html
  zaitaku checker --period 2024H1 --previous 前回/aggregate.json
  zaitaku checker --schema 月報.yaml -o 月報チェック.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runChecker(opts)
		},
	}
	f := cmd.Flags()
	cli.AddSchemaFlag(f, &opts.SchemaPath)
	cli.AddPeriodFlag(f, &opts.Period, "ページで回答票の対象期間がこの期間か確認する")
	f.StringVar(&opts.Previous, "previous", "", "前の期間の aggregate.json（ページで前回比も確認する）")
	f.StringVarP(&opts.Output, "output", "o", "", "書き出す HTML ファイル。省略時は「"+DefaultOutput+"」")
	f.BoolVar(&opts.Force, "force", false, "同じ名前のファイルがあっても上書きする")
	return cmd
}

func runChecker(opts *Options) error {
	page, err := buildPage(opts)
	if err != nil {
		return err
	}
	path := opts.Output
	if path == "" {
		path = DefaultOutput
	}
	if !opts.Force {
		if _, err := os.Stat(path); err == nil {
			return cli.Usage("%s はすでにあります。上書きしないよう中止しました（上書きするときは --force）", path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return cli.Output(fmt.Errorf("%s を確認できません: %w", path, err))
		}
	}
	if err := atomicfile.WriteFile(path, func(w io.Writer) error { return checker.Write(w, page) }); err != nil {
		return cli.Output(err)
	}
	what := page.Survey
	if page.Period != "" {
		what += "・" + page.Period
	}
	fmt.Fprintf(opts.IO.Out, "回答票チェックのページを作りました（%s）: %s\n", what, path)
	return nil
}

// buildPage gathers what the page carries: the schema as written, the period, the report
// font's coverage and the previous answers, each as validate would take them.
func buildPage(opts *Options) (checker.Page, error) {
	sc, text, err := cli.LoadSchemaText(opts.SchemaPath)
	if err != nil {
		return checker.Page{}, err
	}
	p, err := cli.ParsePeriod(sc, opts.Period)
	if err != nil {
		return checker.Page{}, err
	}
	source := "default"
	if opts.SchemaPath != "" {
		source = opts.SchemaPath
	}
	cfg := pagecheck.Config{
		Schema: string(text), SchemaSource: source, Period: p,
		Glyphs: Coverage(),
	}
	page := checker.Page{Survey: sc.Title, FormID: sc.FormID(), Units: sc.Units.Label, Build: opts.Build}
	if !p.IsZero() {
		page.Period = p.Japanese()
	}
	if opts.Previous != "" {
		if cfg.Previous, cfg.PreviousNote, err = cli.LoadPrevious(sc, opts.Previous); err != nil {
			return checker.Page{}, err
		}
		if cfg.Previous != nil {
			page.Previous = cfg.Previous.Period.Japanese()
		}
	}
	page.Config = cfg
	return page, nil
}

// Coverage is the embedded report font's coverage as validate checks it (cli.Glyphs("")),
// in ranges the page can carry instead of the font.
func Coverage() pagecheck.Glyphs {
	return pagecheck.Coverage(fonts.CanDraw, fonts.Substitute)
}
