// Package reportcmd is `zaitaku report`: the report (PDF, HTML page, PowerPoint deck) drawn
// again from a saved aggregate.json, e.g. with another title or 資料番号, without re-reading
// the returns.
package reportcmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/outset"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// Options are the inputs of `zaitaku report`.
type Options struct {
	IO    *cli.IO
	Input string
	PDF   string
	HTML  string
	PPTX  string
	// Ward re-renders one unit's sheet (区別シート) instead of the report.
	Ward   string
	Report report.Options
}

// NewCmdReport wires the flags; runF replaces the work in tests of flag parsing.
func NewCmdReport(io *cli.IO, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "report aggregate.json [-o report.pdf] [--html report.html] [--pptx report.pptx]",
		Short: "保存した集計結果（aggregate.json）から報告書（PDF・HTML・PowerPoint）を作り直す",
		Long: `zaitaku aggregate が出力した aggregate.json から、報告書の PDF（A4 横）、
グラフの HTML、報告書の PowerPoint 版を作り直します。題名や資料番号を変えたいときに使います。
-o・--html・--pptx をどれも指定しないと、aggregate.json と同じフォルダに report.pdf・
report.html・report.pptx の３つを書きます。どれかを指定すると、指定したものだけを書きます
（-o は PDF、--html は HTML、--pptx は PowerPoint）。
--ward 北区 を付けると、報告書の代わりにその単位（区）の区別シートだけを作ります
（-o を省略すると aggregate.json と同じフォルダの 区別/北区.pdf）。
終了コード: 0 作成した、2 指定の誤り・集計結果を読めない、3 出力先に書き込めない`,
		Example: `  zaitaku report zaitaku-out/aggregate.json --doc-label 資料２
  zaitaku report zaitaku-out/aggregate.json -o 推進会議資料.pdf --html 推進会議資料.html
  zaitaku report zaitaku-out/aggregate.json --pptx 推進会議資料.pptx
  zaitaku report zaitaku-out/aggregate.json --ward 北区 -o 北区.pdf`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cli.Usage("集計結果のファイル（aggregate.json）を１つ指定してください")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runReport(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.PDF, "output", "o", "", "PDF の出力先（-o・--html・--pptx をどれも省略すると aggregate.json と同じフォルダの report.pdf）")
	f.StringVar(&opts.HTML, "html", "", "HTML の出力先（-o・--html・--pptx をどれも省略すると aggregate.json と同じフォルダの report.html）")
	f.StringVar(&opts.PPTX, "pptx", "", "PowerPoint の出力先（-o・--html・--pptx をどれも省略すると aggregate.json と同じフォルダの report.pptx）")
	f.StringVar(&opts.Ward, "ward", "", "報告書の代わりに、この単位（区）の区別シート（PDF）を作る")
	cli.AddReportFlags(f, &opts.Report)
	return cmd
}

func runReport(opts *Options) error {
	// A run killed while replacing this folder's outputs is settled first, so the
	// aggregate.json read is a whole one, of a whole set (a kill mid-switch may have left
	// it under its backup name).
	dir := filepath.Dir(opts.Input)
	wait := outset.Options{Wait: outset.DefaultWait, Waiting: func(msg string) { fmt.Fprintln(opts.IO.ErrOut, msg) }}
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		if err := outset.Recover(dir, wait); err != nil {
			return cli.Output(err)
		}
	}
	if err := checkInput(opts.Input); err != nil {
		return err
	}
	l, err := aggregate.Load(opts.Input)
	if err != nil {
		return cli.Usage("%v", err)
	}
	ro := opts.Report
	ro.AggregateID = l.ID()
	if opts.Ward != "" {
		return runWardSheet(opts, l, ro, wait)
	}
	targets, err := reportTargets(opts)
	if err != nil {
		return err
	}
	r, err := report.Render(l.Result, ro)
	if err != nil {
		return cli.Usage("%v", err)
	}
	// One set per folder: the files change together when they share a folder.
	var (
		dirs  []string
		byDir = map[string][]outset.File{}
	)
	for _, t := range targets {
		data := t.kind.data(r)
		d := filepath.Dir(t.path)
		if _, ok := byDir[d]; !ok {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], outset.File{Name: filepath.Base(t.path), Data: data})
	}
	var written []string
	for _, d := range dirs {
		if err := outset.Write(d, byDir[d], wait); err != nil {
			if len(written) > 0 {
				return cli.Output(fmt.Errorf("%w\n（書き込んだもの: %s）", err, strings.Join(written, "、")))
			}
			return cli.Output(err)
		}
		for _, f := range byDir[d] {
			written = append(written, filepath.Join(d, f.Name))
		}
	}
	fmt.Fprintf(opts.IO.Out, "%s %s\n報告書を作りました（集計ID %s）:\n", l.PeriodLabel, l.Submission.Summary, ro.AggregateID)
	for _, w := range written {
		fmt.Fprintf(opts.IO.Out, "  %s\n", w)
	}
	return nil
}

// kind is one of the three files a report is drawn as.
type kind int

const (
	kindPDF kind = iota
	kindHTML
	kindPPTX
)

// kinds are the three in the order aggregate writes them, with their default names and the
// flag that asks for each.
var kinds = []struct {
	name, flag string
}{
	kindPDF:  {report.PDFName, "-o"},
	kindHTML: {report.HTMLName, "--html"},
	kindPPTX: {report.PPTXName, "--pptx"},
}

func (k kind) data(r *report.Rendered) []byte {
	switch k {
	case kindHTML:
		return r.HTML
	case kindPPTX:
		return r.PPTX
	}
	return r.PDF
}

type target struct {
	path string
	kind kind
}

// reportTargets is what was asked for: each of -o, --html and --pptx writes its file, and
// none of them writes all three beside aggregate.json, as aggregate names them. No two
// targets may be one file, and none the aggregate.json read.
func reportTargets(opts *Options) ([]target, error) {
	var ts []target
	for k, p := range []string{kindPDF: opts.PDF, kindHTML: opts.HTML, kindPPTX: opts.PPTX} {
		if p != "" {
			ts = append(ts, target{p, kind(k)})
		}
	}
	if len(ts) == 0 {
		dir := filepath.Dir(opts.Input)
		for k := range kinds {
			ts = append(ts, target{filepath.Join(dir, kinds[k].name), kind(k)})
		}
	}
	in, _ := os.Stat(opts.Input)
	for i, t := range ts {
		if st, err := os.Stat(t.path); err == nil && in != nil && os.SameFile(in, st) {
			return nil, cli.Usage("出力先 %s は読み込む集計結果そのものです。別のファイル名を指定してください", t.path)
		}
		for _, u := range ts[:i] {
			if sameFile(t.path, u.path) {
				return nil, cli.Usage("%s と %s に同じファイル %s が指定されています。別のファイル名にしてください", kinds[u.kind].flag, kinds[t.kind].flag, t.path)
			}
		}
	}
	return ts, nil
}

// sameFile says whether two output paths name one file: the same path once cleaned, or,
// when both exist, the same file reached another way (a link, another spelling).
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// checkInput stops a wrong argument before it is parsed as JSON, with what to give
// instead: someone who has just run aggregate reaches for the CSV, the summary or the
// output folder as readily as for aggregate.json.
func checkInput(path string) error {
	const want = "zaitaku aggregate が出力した aggregate.json を指定してください（例: zaitaku report zaitaku-out/aggregate.json）"
	shown := returns.DisplayName(path)
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return cli.Usage("%s を読めません（ファイルがありません）。%s", shown, want)
		}
		return cli.Usage("%s を読めません（%v）。%s", shown, err, want)
	}
	if st.IsDir() {
		inside := filepath.Join(path, aggregateJSON)
		if _, err := os.Stat(inside); err == nil {
			return cli.Usage("%s はフォルダです。その中の集計結果を指定してください（zaitaku report %s）", shown, returns.DisplayName(inside))
		}
		return cli.Usage("%s はフォルダです。%s", shown, want)
	}
	what := ""
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return nil
	case ".csv":
		what = "CSV ファイルです"
	case ".xlsx", ".xlsm", ".xls":
		what = "Excel ファイルです"
	case ".pdf":
		what = "PDF です"
	case ".html", ".htm":
		what = "HTML ファイルです"
	case ".pptx", ".ppt":
		what = "PowerPoint ファイルです"
	default:
		return nil // a renamed aggregate.json is still read; Load says if it is not one
	}
	msg := fmt.Sprintf("%s は %s。report は集計結果から報告書を作り直すコマンドです。%s", shown, what, want)
	if inside := filepath.Join(filepath.Dir(path), aggregateJSON); fileExists(inside) {
		msg += fmt.Sprintf("。同じフォルダにあります: zaitaku report %s", returns.DisplayName(inside))
	}
	if what == "Excel ファイルです" {
		msg += "。回答票を集計するときは zaitaku aggregate 回答票のフォルダ を使います"
	}
	return cli.Usage("%s", msg)
}

// aggregateJSON is the name zaitaku aggregate gives its result.
const aggregateJSON = "aggregate.json"

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
