package reportcmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/outset"
	"github.com/osaka-city/zaitaku/render/report"
)

// maxNamesListed is how many unit names an unknown --ward lists; above it (1,741 市町村)
// the message says where to read them instead.
const maxNamesListed = 40

// runWardSheet is `zaitaku report --ward 北区`: one unit's sheet, by default where
// aggregate puts it (区別/北区.pdf beside aggregate.json).
func runWardSheet(opts *Options, l *aggregate.Loaded, ro report.Options, wait outset.Options) error {
	if opts.HTML != "" || opts.PPTX != "" {
		return cli.Usage("--ward で作る区別シートは PDF だけです。--html・--pptx は付けずに、-o で PDF の出力先を指定してください")
	}
	data, ok, err := report.RenderWardSheet(l.Result, opts.Ward, ro)
	if !ok {
		return cli.Usage("%s", unknownWard(l, opts.Ward))
	}
	if err != nil {
		return cli.Usage("%v", err)
	}
	path := opts.PDF
	if path == "" {
		path = filepath.Join(filepath.Dir(opts.Input), report.WardSheetDir(l.Result), report.WardSheetName(opts.Ward))
	}
	if st, err := os.Stat(path); err == nil {
		if in, err := os.Stat(opts.Input); err == nil && os.SameFile(in, st) {
			return cli.Usage("出力先 %s は読み込む集計結果そのものです。別のファイル名を指定してください", path)
		}
	}
	if err := outset.Write(filepath.Dir(path), []outset.File{{Name: filepath.Base(path), Data: data}}, wait); err != nil {
		return cli.Output(err)
	}
	fmt.Fprintf(opts.IO.Out, "%s %s\n%sを作りました（集計ID %s）:\n  %s\n", l.PeriodLabel, l.Submission.Summary, opts.Ward+"の"+l.Units.Label+"別シート", ro.AggregateID, path)
	return nil
}

// unknownWard says that the aggregate has no such unit, and how to find the names: listed
// when there are few, else where the 提出状況 names them all.
func unknownWard(l *aggregate.Loaded, ward string) string {
	label := l.Units.Label
	msg := fmt.Sprintf("%s に「%s」という%sはありません。", l.File, ward, label)
	var names []string
	for _, w := range l.Submission.Wards {
		names = append(names, w.Ward)
	}
	if len(names) > 0 && len(names) <= maxNamesListed {
		msg += fmt.Sprintf("%sの名前は次のとおりです（調査の定義の書き方で指定してください）: %s", label, strings.Join(names, "、"))
	} else {
		msg += fmt.Sprintf("%sの名前は、集計表.xlsx の「提出状況」シートか zaitaku schema show で確認できます（調査の定義の書き方で指定してください）", label)
	}
	return msg
}
