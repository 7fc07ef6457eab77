// Package aggregatecmd is `zaitaku aggregate`: the half-year close. It checks every return
// in a folder, names missing and duplicate wards, and writes aggregate.json, the Excel
// summary, the long CSV and the report (PDF, HTML, PowerPoint) as one set — or nothing at
// all while a return has errors.
package aggregatecmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/outset"
	"github.com/osaka-city/zaitaku/render/longcsv"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// Output file names inside the output folder.
const (
	JSONName    = "aggregate.json"
	SummaryName = "集計表.xlsx"
	CSVName     = "集計.csv"
)

// Options are the inputs of `zaitaku aggregate`.
type Options struct {
	IO              *cli.IO
	SchemaPath      string
	Dir             string
	Output          string
	Period          string
	AllowIncomplete bool
	Previous        []string
	History         string
	Quiet           bool
	// WardSheets adds one sheet per counted unit (区別/北区.pdf) to the set.
	WardSheets bool
	Report     report.Options
}

// NewCmdAggregate wires the flags; runF replaces the work in tests of flag parsing.
func NewCmdAggregate(io *cli.IO, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "aggregate フォルダ [-o 出力先]",
		Short: "フォルダ内の回答票をすべて確認して集計し、集計結果・集計表・CSV・報告書を作る",
		Long: `フォルダ内の回答票（.xlsx）をすべて確認し、回答する単位（調査の定義の units。大阪市の
調査では区）ごとの指摘と、未提出・重複を表示します。
エラーのある回答票や未提出があるときは、何も出力せずに終了します（終了コード 1）。
出力先に書き込めないときは終了コード 3 です（前回の出力はそのまま残ります）。
--allow-incomplete を付けると、エラーのない回答票だけで集計し、出力に「回答 22／24」の
ような回答数と、集計から除いた単位を明記します。
--previous の集計結果（複数のときは最新の期間のもの）に単位ごとの回答があれば、各回答票を
前回の同じ単位の回答と比べ、調査の定義の change_check を超えて変わった件数や、前回より
後の選択肢になった回答を警告します（前回比。集計は止めません）。

出力（-o のフォルダ、既定は ./zaitaku-out）:
  aggregate.json   集計結果（報告書の作成や次回の --previous に使う）
  集計表.xlsx       集計・（単位）別回答・件数・自由記述・提出状況・グラフ
  集計.csv          回答する単位×設問の縦長の表（UTF-8 BOM 付き）
  report.pdf       報告書（A4 横。印刷・配布用）
  report.html      グラフのページ（インターネット接続なしで開けます）
  report.pptx      報告書の PowerPoint 版（会議の前に編集するため。グラフは PowerPoint のグラフ）
  （単位）別/*.pdf  --ward-sheets を付けたとき、集計した単位ごとのシート（単位の名前.pdf）`,
		Example: `  zaitaku aggregate ./回答票
  zaitaku aggregate ./回答票 --period 2024H1 --previous 前回/aggregate.json -o 集計結果
  zaitaku aggregate ./回答票 --allow-incomplete`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cli.Usage("回答票のフォルダを１つ指定してください（例: zaitaku aggregate ./回答票）")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runAggregate(opts)
		},
	}
	f := cmd.Flags()
	cli.AddSchemaFlag(f, &opts.SchemaPath)
	f.StringVarP(&opts.Output, "output", "o", "zaitaku-out", "出力先のフォルダ")
	cli.AddPeriodFlag(f, &opts.Period, "集計する期間（省略時は回答票から）")
	f.BoolVar(&opts.AllowIncomplete, "allow-incomplete", false, "エラーや未提出があっても、エラーのない回答票だけで集計する")
	f.StringArrayVar(&opts.Previous, "previous", nil, "前の期間の aggregate.json（比較に使う。複数指定可）")
	f.StringVar(&opts.History, "history", "", "前の期間の aggregate.json を集めたフォルダ（複数期間の表に使う）")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "読み込みの進み具合を表示しない")
	f.BoolVar(&opts.WardSheets, "ward-sheets", false, "集計した単位（区）ごとの区別シート（区別/北区.pdf など）も作る")
	cli.AddReportFlags(f, &opts.Report)
	return cmd
}

func runAggregate(opts *Options) error {
	sc, err := cli.LoadSchema(opts.SchemaPath)
	if err != nil {
		return err
	}
	p, err := cli.ParsePeriod(sc, opts.Period)
	if err != nil {
		return err
	}
	if err := checkDir(opts.Dir); err != nil {
		return err
	}
	// The outputs must not land among the returns: 集計表.xlsx would be read as a return
	// by the next run.
	if st, err := os.Stat(opts.Dir); err == nil {
		if ost, err := os.Stat(opts.Output); err == nil && os.SameFile(st, ost) {
			return cli.Usage("出力先 %s は回答票のフォルダと同じです。集計表.xlsx などが回答票と混ざるため、別のフォルダを -o で指定してください（例: -o %s）", returns.DisplayName(opts.Output), returns.DisplayName(filepath.Join(filepath.Dir(filepath.Clean(opts.Dir)), "zaitaku-out")))
		}
	}
	listing, err := returns.ListFolder(opts.Dir)
	if err != nil {
		return cli.Usage("フォルダ %s を読めません: %v", returns.DisplayName(opts.Dir), err)
	}
	if len(listing.Returns) == 0 && len(listing.Refused) == 0 {
		msg := fmt.Sprintf("フォルダ %s に回答票（.xlsx）がありません", returns.DisplayName(opts.Dir))
		for _, sk := range listing.Skipped {
			msg += fmt.Sprintf("\n  %s: %s", sk.Name, sk.Note)
		}
		return cli.Usage("%s", msg)
	}
	earlier, err := loadEarlier(opts)
	if err != nil {
		return err
	}
	// The 前回比 compares with what --previous names (loadEarlier puts those first), not
	// with --history, which sets a series of periods beside this one in the report.
	previous, previousNote := cli.Previous(sc, earlier[:len(opts.Previous)])

	copts := aggregate.CollectOptions{Period: p, Glyphs: cli.Glyphs(opts.Report.FontPath), Refused: listing.Refused, Skipped: listing.Skipped, Previous: previous}
	if opts.IO.Interactive && !opts.Quiet {
		copts.Progress = func(done, total int) {
			fmt.Fprintf(opts.IO.ErrOut, "\r読み込み中… %d／%d", done, total)
			if done == total {
				fmt.Fprint(opts.IO.ErrOut, "\r\033[K")
			}
		}
	}
	col, err := aggregate.Collect(listing.Returns, sc, copts)
	if err != nil {
		return cli.Usage("%s: %v", returns.DisplayName(opts.Dir), err)
	}
	out := opts.IO.Out
	listed := &countingWriter{w: out}
	printFindings(listed, col)
	if previous != nil && !check.Comparable(previous, col.Period) {
		previousNote = "前回比: " + check.NotComparable(previous.Period, col.Period)
	}
	if previousNote != "" {
		fmt.Fprintln(listed, previousNote)
	}
	// A blank line sets the summary apart from what is printed above it, when anything is.
	gap := ""
	if listed.n > 0 {
		gap = "\n"
	}
	sub := col.Submission
	if !col.Ready() && !opts.AllowIncomplete {
		fmt.Fprintf(out, "%s%s\n集計を中止しました。何も出力していません。上の指摘を直して再度実行してください。\n", gap, sub.Summary)
		fmt.Fprintln(out, "（エラーのない回答票だけで集計するときは --allow-incomplete を付けます）")
		return &cli.ExitError{Code: cli.ExitFindings}
	}

	res := col.Result()
	if err := res.AttachEarlier(earlier); err != nil {
		return cli.Usage("%v", err)
	}
	written, id, err := writeOutputs(opts.Output, res, opts.Report, opts.WardSheets, func(msg string) { fmt.Fprintln(opts.IO.ErrOut, msg) })
	var oe *outset.Error
	if errors.As(err, &oe) {
		return cli.Output(err)
	} else if err != nil {
		return cli.Usage("%v", err)
	}
	fmt.Fprintf(out, "%s%s %s\n", gap, res.PeriodLabel, sub.Summary)
	if !col.Ready() {
		fmt.Fprintln(out, incompleteNote(col.Schema.Units.Label))
	}
	fmt.Fprintf(out, "出力しました（%s、集計ID %s）:\n", opts.Output, id)
	sheets := 0
	for _, w := range written {
		if filepath.Dir(w) != filepath.Clean(opts.Output) {
			sheets++
			continue
		}
		fmt.Fprintf(out, "  %s\n", w)
	}
	if sheets > 0 {
		fmt.Fprintf(out, "  %s（%s別シート %s）\n", filepath.Join(opts.Output, report.WardSheetDir(res)), col.Schema.Units.Label, col.Schema.Units.Amount(sheets))
	}
	return nil
}

// incompleteNote warns, after an aggregate with --allow-incomplete, that not every unit is
// in it, in the schema's word for a unit: 「…すべての区が…」, 「…すべての相談支援室が…」.
func incompleteNote(unitLabel string) string {
	return fmt.Sprintf("注意: すべての%[1]sがそろっていないため、集計は一部の%[1]sだけです（各出力に明記しています）。", unitLabel)
}

func loadEarlier(opts *Options) ([]*aggregate.Loaded, error) {
	var out []*aggregate.Loaded
	for _, p := range opts.Previous {
		l, err := aggregate.Load(p)
		if err != nil {
			return nil, cli.Usage("--previous: %v", err)
		}
		out = append(out, l)
	}
	if opts.History != "" {
		ls, err := aggregate.LoadDir(opts.History)
		if err != nil {
			return nil, cli.Usage("--history: %v", err)
		}
		// The file given with --previous may also sit in the --history folder (the last
		// report's aggregate.json kept with the older ones): it is one period, not two.
		given := map[string]bool{}
		for _, l := range out {
			given[l.SHA256] = true
		}
		for _, l := range ls {
			if !given[l.SHA256] {
				out = append(out, l)
			}
		}
	}
	return out, nil
}

// writeOutputs renders every output in memory first, so a failure part-way writes
// nothing, then replaces the whole set at once (outset): the folder never holds a new
// aggregate.json beside an old report.pdf. aggregate.json comes first because every other
// output carries its 集計ID; the rest only read res. The two tables are rendered side by
// side, then the report's three (report.Render draws them side by side): all five at once
// held about 100 MB more live at 1,741 returns, past main's soft memory limit, and the
// collector then ran back to back (about 15 s of CPU against 11 s, 500 MB peak against
// 420 MB; docs/performance.md).
//
// The ward sheets (--ward-sheets) are drawn after the report, every core on its own sheet
// (report.RenderWardSheets), and join the same set: a folder never holds sheets of
// another aggregate than its aggregate.json.
func writeOutputs(dir string, res *aggregate.Result, ro report.Options, wardSheets bool, waiting func(string)) (written []string, id string, err error) {
	var js bytes.Buffer
	if err := res.WriteJSON(&js); err != nil {
		return nil, "", fmt.Errorf("%s を作れません: %w", JSONName, err)
	}
	id = aggregate.ID(js.Bytes())
	ro.AggregateID = id
	type output struct {
		name   string
		render func(io.Writer) error
	}
	tables := []output{
		{SummaryName, func(w io.Writer) error { return summary.Write(w, res, id) }},
		{CSVName, func(w io.Writer) error { return longcsv.Write(w, res, id) }},
	}
	files := make([]outset.File, len(tables))
	errs := make([]error, len(tables))
	var wg sync.WaitGroup
	for i, o := range tables {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := o.render(&buf); err != nil {
				errs[i] = fmt.Errorf("%s を作れません: %w", o.name, err)
			}
			files[i] = outset.File{Name: o.name, Data: buf.Bytes()}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, "", err
	}
	rendered, err := report.Render(res, ro)
	if err != nil {
		return nil, "", err
	}
	files = append([]outset.File{{Name: JSONName, Data: js.Bytes()}}, files...)
	files = append(files,
		outset.File{Name: report.PDFName, Data: rendered.PDF},
		outset.File{Name: report.HTMLName, Data: rendered.HTML},
		outset.File{Name: report.PPTXName, Data: rendered.PPTX})
	rendered = nil
	if wardSheets {
		sheets, err := report.RenderWardSheets(res, ro)
		if err != nil {
			return nil, "", err
		}
		for _, s := range sheets {
			files = append(files, outset.File{Name: s.Name, Data: s.PDF})
		}
	}
	if err := outset.Write(dir, files, outset.Options{Wait: outset.DefaultWait, Waiting: waiting}); err != nil {
		return nil, "", err
	}
	for _, f := range files {
		written = append(written, filepath.Join(dir, f.Name))
	}
	return written, id, nil
}

// checkDir makes sure the argument is a folder, and says what to give instead when it is a
// file: a return (check it with validate), our own summary, or something else.
func checkDir(dir string) error {
	shown := returns.DisplayName(dir)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return cli.Usage("回答票のフォルダ %s が見つかりません。回答票（.xlsx）を集めたフォルダを指定してください（例: zaitaku aggregate ./回答票）", shown)
	case st.IsDir():
		return nil
	}
	if sk, own := returns.OwnOutput(dir); own {
		return cli.Usage("%s は、%s。aggregate には回答票を集めたフォルダを指定してください（例: zaitaku aggregate ./回答票）", shown, sk.Note)
	}
	switch strings.ToLower(filepath.Ext(dir)) {
	case ".xlsx", ".xlsm", ".xls":
		return cli.Usage("%s はフォルダではなくファイルです。aggregate には回答票を集めたフォルダを指定してください（例: zaitaku aggregate %s）。１つの回答票を確認するときは zaitaku validate %s", shown, returns.DisplayName(filepath.Dir(dir)), shown)
	}
	return cli.Usage("%s はフォルダではなくファイルです。aggregate には回答票を集めたフォルダを指定してください（例: zaitaku aggregate ./回答票）", shown)
}

// printFindings lists every finding grouped by ward in official order, then the files that
// belong to no ward, then the wards with no return, then the files left unread. Under a
// ward with several files, each file's findings are headed by its name.
// countingWriter counts what passes through it, to know whether anything was printed.
type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

func printFindings(w io.Writer, col *aggregate.Collection) {
	sub := col.Submission
	for _, ws := range sub.Wards {
		if len(ws.Findings) == 0 {
			continue
		}
		var files []string
		for _, f := range ws.Files {
			files = append(files, f.Name)
		}
		notes := ""
		if n := finding.Count(ws.Findings, finding.Note); n > 0 {
			notes = fmt.Sprintf("・参考 %d", n) // 前回比 findings the ward explained
		}
		fmt.Fprintf(w, "■ %s（%s）: エラー %d・警告 %d%s\n", ws.Ward, strings.Join(files, "、"), ws.Errors, ws.Warnings, notes)
		if len(ws.Files) < 2 {
			finding.WriteText(w, ws.Findings, false)
			continue
		}
		var wardLevel []finding.Finding
		byFile := map[string][]finding.Finding{}
		for _, f := range ws.Findings {
			if f.File == "" {
				wardLevel = append(wardLevel, f)
			} else {
				byFile[f.File] = append(byFile[f.File], f)
			}
		}
		finding.WriteText(w, wardLevel, false)
		for _, name := range files {
			if fs := byFile[name]; len(fs) > 0 {
				fmt.Fprintf(w, "  ［%s］\n", name)
				finding.WriteText(w, fs, false)
			}
		}
	}
	if len(sub.Others) > 0 {
		fmt.Fprintf(w, "■ %sを特定できないファイル\n", col.Schema.Units.Label)
		for _, o := range sub.Others {
			finding.WriteText(w, o.Findings, true)
		}
	}
	if len(sub.Missing) > 0 {
		fmt.Fprintf(w, "■ 未提出（%s）: %s\n", col.Schema.Units.Amount(len(sub.Missing)), strings.Join(sub.Missing, "、"))
	}
	if len(sub.Skipped) > 0 {
		fmt.Fprintln(w, "■ 読まなかったファイル")
		for _, sk := range sub.Skipped {
			fmt.Fprintf(w, "  %s: %s\n", sk.Name, sk.Note)
		}
	}
}
