package summary

import (
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/finding"
)

// statusCols are the columns of 提出状況 after the unit's; block is 0 when the units have
// no blocks, and the columns after it move left.
type statusCols struct{ block, state, file, sha, errs, warns, find int }

func newStatusCols(blocks bool) statusCols {
	if blocks {
		return statusCols{2, 3, 4, 5, 6, 7, 8}
	}
	return statusCols{0, 2, 3, 4, 5, 6, 7}
}

// statusSheet writes 提出状況: per unit its status, files with their digests and
// findings, then the earlier aggregates compared and the 集計ID.
func (b *book) statusSheet() {
	res := b.res
	c := newStatusCols(charts.HasBlocks(res.Units))
	widths := map[int]float64{1: 10, c.state: 16, c.file: 22, c.sha: 26, c.errs: 7, c.warns: 7, c.find: 70}
	heads := map[int]string{1: res.Units.Label, c.state: "状況", c.file: "ファイル", c.sha: "SHA-256", c.errs: "エラー数", c.warns: "警告数", c.find: "指摘"}
	if c.block > 0 {
		widths[c.block], heads[c.block] = 9, charts.BlockHeader(res.Units)
	}
	s := b.sheet(SheetStatus, widths, 10, c.find)
	row := s.header("提出状況", c.find)
	for col := 1; col <= c.find; col++ {
		s.text(col, row, heads[col], s.st.head)
	}
	s.freeze(1, row)
	titleRows := row
	row++
	fileCells := func(files []aggregate.FileInfo) {
		var names, sums []string
		for _, fi := range files {
			names = append(names, fi.Name)
			sums = append(sums, fi.SHA256)
		}
		s.text(c.file, row, strings.Join(names, "\n"), s.st.text)
		s.str(c.sha, row, strings.Join(sums, "\n"), s.st.sha)
		// A digest takes two lines at the small size.
		s.lines[row] = max(s.lines[row], 2*len(files))
	}
	for _, ws := range res.Submission.Wards {
		st := s.st.label
		if ws.Status != aggregate.StatusCounted {
			st = s.st.bad
		}
		s.str(1, row, ws.Ward, s.st.label)
		if c.block > 0 {
			s.str(c.block, row, ws.Block, s.st.label)
		}
		s.text(c.state, row, aggregate.StatusLabel(ws.Status), st)
		fileCells(ws.Files)
		s.num(c.errs, row, int64(ws.Errors), s.st.number)
		s.num(c.warns, row, int64(ws.Warnings), s.st.number)
		s.text(c.find, row, findingsText(ws.Findings, len(ws.Files) > 1), s.st.text)
		row++
	}
	for _, o := range res.Submission.Others {
		errs, warns := 0, 0
		for _, f := range o.Findings {
			switch f.Severity {
			case finding.Warning:
				warns++
			case finding.Error:
				errs++
			}
		}
		s.str(1, row, charts.UnknownUnit, s.st.label)
		if c.block > 0 {
			s.str(c.block, row, "", s.st.label)
		}
		s.text(c.state, row, "集計対象外", s.st.bad)
		fileCells([]aggregate.FileInfo{o.FileInfo})
		s.num(c.errs, row, int64(errs), s.st.number)
		s.num(c.warns, row, int64(warns), s.st.number)
		s.text(c.find, row, findingsText(o.Findings, false), s.st.text)
		row++
	}
	row = s.statusEarlier(c, row)
	if b.id != "" {
		row++
		s.str(1, row, charts.AggregateIDLabel, s.st.question)
		s.textSpan(2, c.state, row, b.id, s.st.label)
		s.textSpan(c.file, c.find, row, "同じ集計から作った報告書（PDF・HTML）と CSV には同じ集計ID が入っています。", s.st.text)
	}
	s.finish()
	s.page(fitWidth, titleRows, 0)
}

// statusEarlier lists the earlier aggregates compared, from row on, and returns the row
// after them.
func (s *sheet) statusEarlier(c statusCols, row int) int {
	if len(s.res.Earlier) == 0 {
		return row
	}
	row++
	earlier := row
	s.str(1, row, "比較した過去の集計結果", s.st.question)
	row++
	heads := map[int]string{1: "期間", c.file: "ファイル", c.sha: "SHA-256", c.find: "回答状況"}
	for col := 1; col <= c.find; col++ {
		s.str(col, row, heads[col], s.st.head)
	}
	row++
	for _, e := range s.res.Earlier {
		s.textSpan(1, c.state, row, e.PeriodLabel, s.st.label)
		s.text(c.file, row, e.File, s.st.text)
		s.str(c.sha, row, e.SHA256, s.st.sha)
		s.lines[row] = max(s.lines[row], 2)
		s.style(c.errs, row, c.warns, s.st.label)
		s.text(c.find, row, e.Summary, s.st.text)
		row++
	}
	s.keepRows(earlier, row-1)
	return row
}

// findingsText lists findings one a line, as every command prints them (finding.Line).
func findingsText(fs []finding.Finding, withFile bool) string {
	return finding.Lines(fs, withFile)
}
