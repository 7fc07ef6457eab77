package summary

import (
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/form"
)

// statusSheet writes 提出状況: per unit its status, files with their digests and
// findings, then the earlier aggregates compared and the 集計ID.
func (b *book) statusSheet() {
	res := b.res
	s := b.sheet(SheetStatus, map[int]float64{1: 10, 2: 9, 3: 16, 4: 22, 5: 26, 6: 7, 7: 7, 8: 70}, 10, 8)
	row := s.header("提出状況", 8)
	blockHead := res.Units.BlockLabel
	if blockHead == "" {
		blockHead = "ブロック"
	}
	for i, h := range []string{res.Units.Label, blockHead, "状況", "ファイル", "SHA-256", "エラー数", "警告数", "指摘"} {
		s.text(i+1, row, h, s.st.head)
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
		s.text(4, row, strings.Join(names, "\n"), s.st.text)
		s.str(5, row, strings.Join(sums, "\n"), s.st.sha)
		// A digest takes two lines at the small size.
		s.lines[row] = max(s.lines[row], 2*len(files))
	}
	for _, ws := range res.Submission.Wards {
		st := s.st.label
		if ws.Status != aggregate.StatusCounted {
			st = s.st.bad
		}
		s.str(1, row, ws.Ward, s.st.label)
		s.str(2, row, ws.Block, s.st.label)
		s.text(3, row, aggregate.StatusLabel(ws.Status), st)
		fileCells(ws.Files)
		s.num(6, row, int64(ws.Errors), s.st.number)
		s.num(7, row, int64(ws.Warnings), s.st.number)
		s.text(8, row, findingsText(ws.Findings, len(ws.Files) > 1), s.st.text)
		row++
	}
	for _, o := range res.Submission.Others {
		errs, warns := 0, 0
		for _, f := range o.Findings {
			if f.Severity == form.Warning {
				warns++
			} else {
				errs++
			}
		}
		s.str(1, row, "（不明）", s.st.label)
		s.str(2, row, "", s.st.label)
		s.text(3, row, "集計対象外", s.st.bad)
		fileCells([]aggregate.FileInfo{o.FileInfo})
		s.num(6, row, int64(errs), s.st.number)
		s.num(7, row, int64(warns), s.st.number)
		s.text(8, row, findingsText(o.Findings, false), s.st.text)
		row++
	}
	if len(res.Earlier) > 0 {
		row++
		earlier := row
		s.str(1, row, "比較した過去の集計結果", s.st.question)
		row++
		for i, h := range []string{"期間", "", "", "ファイル", "SHA-256", "", "", "回答状況"} {
			s.str(i+1, row, h, s.st.head)
		}
		row++
		for _, e := range res.Earlier {
			s.textSpan(1, 3, row, e.PeriodLabel, s.st.label)
			s.text(4, row, e.File, s.st.text)
			s.str(5, row, e.SHA256, s.st.sha)
			s.lines[row] = max(s.lines[row], 2)
			s.style(6, row, 7, s.st.label)
			s.text(8, row, e.Summary, s.st.text)
			row++
		}
		s.keepRows(earlier, row-1)
	}
	if b.id != "" {
		row++
		s.str(1, row, "集計ID", s.st.question)
		s.textSpan(2, 3, row, b.id, s.st.label)
		s.textSpan(4, 8, row, "同じ集計から作った報告書（PDF・HTML）と CSV には同じ集計ID が入っています。", s.st.text)
	}
	s.finish()
	s.page(fitWidth, titleRows, 0)
}

// findingsText lists findings one a line as 「【エラー】区役所!D12 推進会議開催状況：…」.
func findingsText(fs []form.Finding, withFile bool) string {
	var lines []string
	for _, f := range fs {
		var where []string
		if withFile && f.File != "" {
			where = append(where, f.File)
		}
		if w := f.Where(); w != "" {
			where = append(where, w)
		}
		if f.Label != "" {
			where = append(where, f.Label)
		}
		line := "【" + f.Severity.Japanese() + "】" + strings.Join(where, " ")
		if len(where) > 0 {
			line += "："
		}
		lines = append(lines, line+f.Message)
	}
	return strings.Join(lines, "\n")
}
