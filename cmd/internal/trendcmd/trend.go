// Package trendcmd is `zaitaku trend`: one choice row, count category or question total
// over every period an aggregate.json carries (its own and those attached by --history or
// --previous), the city's figure and each unit's, as a table or a CSV for Excel.
package trendcmd

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/cmd/internal/atomicfile"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
)

// Options are the inputs of `zaitaku trend`.
type Options struct {
	IO     *cli.IO
	Input  string
	ID     string
	Format string
	Output string
}

// NewCmdTrend wires the flags; runF replaces the work in tests of flag parsing.
func NewCmdTrend(io *cli.IO, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "trend aggregate.json ID [--format text|csv|html] [-o ファイル]",
		Short: "設問・項目の期間ごとの推移（全体と回答する単位ごと）を表示する",
		Long: `zaitaku aggregate が出力した aggregate.json から、１つの項目（選択肢の設問の項目、
件数の区分、件数の設問の合計）について、すべての期間の値を並べて表示します。
前の期間は aggregate --history・--previous で加えたものです。全体の値（選択肢なら各選択肢を
選んだ単位の数、件数なら合計）と、回答する単位（区など）ごとの回答・件数を期間ごとに並べます。
単位ごとの回答がない期間（公表値だけの期間）や、その期間の調査にない設問は「―」です（0 ではありません）。
ID は zaitaku schema show で確認できます（a1.5 のような項目、u3 のような設問、u3.01 のような区分）。
--format csv は単位×期間ごとに１行の CSV（UTF-8 BOM 付き、Excel でそのまま開けます）です。
--format html はグラフ（件数は全体の合計の折れ線、選択肢は期間ごとの積み上げ棒）と同じ表を
載せた１枚の HTML です。インターネットのない PC でもブラウザでそのまま開けます。
終了コード: 0 表示した、2 指定の誤り・集計結果を読めない、3 出力先に書き込めない`,
		Example: `  zaitaku trend zaitaku-out/aggregate.json a1.5
  zaitaku trend zaitaku-out/aggregate.json u3
  zaitaku trend zaitaku-out/aggregate.json u3 --format csv -o 推移.csv
  zaitaku trend zaitaku-out/aggregate.json a1.5 --format html -o 推移.html`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return cli.Usage("集計結果のファイル（aggregate.json）と設問・項目のID（例: a1.5）を指定してください")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input, opts.ID = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return runTrend(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "出力の形式: text（表）、csv、html（グラフと表の１枚のページ）")
	f.StringVarP(&opts.Output, "output", "o", "", "書き出すファイル（省略すると画面に表示）")
	return cmd
}

func runTrend(opts *Options) error {
	if opts.Format != "text" && opts.Format != "csv" && opts.Format != "html" {
		return cli.Usage("--format に「%s」は指定できません（text、csv か html）", opts.Format)
	}
	l, err := aggregate.Load(opts.Input)
	if err != nil {
		return cli.Usage("%v", err)
	}
	t, err := resolve(l.Result, opts.ID)
	if err != nil {
		return cli.Usage("%v", err)
	}
	s := buildSeries(l.Result, t)
	var buf bytes.Buffer
	switch opts.Format {
	case "csv":
		err = writeCSV(&buf, s)
	case "html":
		err = writeHTML(&buf, s)
	default:
		err = writeText(&buf, s)
	}
	if err != nil {
		return cli.Output(err)
	}
	if len(l.Earlier) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "この集計結果には前の期間がありません（zaitaku aggregate に --history か --previous を付けると、前の期間の値も並べられます）")
	}
	if opts.Output == "" {
		_, err := opts.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := atomicfile.WriteBytes(opts.Output, buf.Bytes()); err != nil {
		return cli.Output(err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "書き出しました: %s\n", opts.Output)
	return nil
}
