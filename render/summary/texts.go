package summary

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
)

// CasesNote is the line that stands in for the case records: they hold health details of
// individuals and stay out of a workbook that is passed around.
const CasesNote = "相談事例（具体例）は集計表に含めていません（件数: %d件）"

// textsSheet writes 自由記述: every free-text line with its question and unit; the case
// records are only counted.
func (b *book) textsSheet() {
	res := b.res
	s := b.sheet(SheetTexts, map[int]float64{1: 34, 2: 10, 3: 90}, 10, 3)
	row := s.header("自由記述", 3)
	for i, h := range []string{"項目", res.Units.Label, "内容"} {
		s.str(i+1, row, h, s.st.head)
	}
	s.freeze(0, row)
	titleRows := row
	row++
	for _, q := range res.Questions {
		switch q.Type {
		case schema.Text, schema.TextList:
			for _, t := range q.Texts {
				for _, line := range t.Lines {
					if strings.TrimSpace(line) == "" {
						continue
					}
					s.text(1, row, charts.QuestionTitle(q), s.st.wrapTop)
					s.str(2, row, t.Ward, s.st.wrapTop)
					s.text(3, row, line, s.st.wrapTop)
					row++
				}
			}
		case schema.Cases:
			s.text(1, row, charts.QuestionTitle(q), s.st.wrapTop)
			s.str(2, row, "", s.st.wrapTop)
			s.text(3, row, fmt.Sprintf(CasesNote, len(q.Cases)), s.st.noReply)
			row++
		}
	}
	s.finish()
	s.page(fitWidth, titleRows, 0)
}
