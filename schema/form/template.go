package form

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// Sheet layout: A holds answer ids (hidden), B numbers, C labels, D answers, E units and
// notes. Free text spans C:E so it has room.
// The columns of an answer row: the hidden id, the number, the label, the answer (or the
// first row of a list), the note. The reader finds answers by them.
const (
	IDCol     = "A"
	NumberCol = "B"
	LabelCol  = "C"
	AnswerCol = "D"
	NoteCol   = "E"
)

const (
	colID     = IDCol
	colNumber = NumberCol
	colLabel  = LabelCol
	colAnswer = AnswerCol
	colNote   = NoteCol

	// ListsSheet is the hidden sheet holding the dropdown lists; a sheet range instead of a
	// literal list keeps long lists (every municipality's name) under Excel's 255-character
	// limit for literal lists.
	ListsSheet = "選択肢"

	// Meta keys in the id column and the defined names of the header cells; they are also
	// the header's keys in findings and in test answers.
	MetaWard   = "_ward"
	MetaPeriod = "_period"
	MetaForm   = "_form"
	NameWard   = "zaitaku_ward"
	NamePeriod = "zaitaku_period"
	NameForm   = "zaitaku_form"

	maxCount = 99999999
)

var colWidths = map[string]float64{colID: 10, colNumber: 6, colLabel: 56, colAnswer: 30, colNote: 22}

// TemplateOptions fills the header of a blank return.
type TemplateOptions struct {
	// Ward is written into the 区名 cell when set, and is then the only name in its ▼ list;
	// otherwise the ward picks its name from the list of every unit.
	Ward string
	// Period is written into the 対象期間 cell when set.
	Period period.Period
}

// WriteTemplate writes a blank return workbook for the schema to w.
func WriteTemplate(w io.Writer, sc *schema.Schema, opts TemplateOptions) error {
	f, err := BuildTemplate(sc, opts)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteTo(w)
	return err
}

// BuildTemplate builds the blank return workbook in memory, for callers (tests, the sample
// generator) that fill it before writing.
func BuildTemplate(sc *schema.Schema, opts TemplateOptions) (*excelize.File, error) {
	if opts.Ward != "" && sc.Unit(opts.Ward) == nil {
		return nil, fmt.Errorf("「%s」は調査の対象の%sにありません", opts.Ward, sc.Units.Label)
	}
	f := excelize.NewFile()
	b := &builder{f: f, sc: sc, opts: opts}
	if err := b.build(); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

type builder struct {
	f    *excelize.File
	sc   *schema.Schema
	opts TemplateOptions
	st   styles
	// lists maps a choice list id (and "" for units) to its range on the lists sheet.
	lists map[string]string
	// placed records where the live checks' cells are (live_write.go).
	placed placements
	err    error
}

type styles struct {
	title, small, notice, item, question, label, repeatLabel, number, unit int
	input, inputText, inputCount, total, meta                              int
	// computedLabel labels a computed cell: the 合計 row's grey, wrapped (computed.go).
	computedLabel int
	// period is the 対象期間 cell: input, or input as text where a period is written with
	// months (see makeStyles).
	period int
	// numbers are the input styles of number questions by their decimal places (number.go).
	numbers map[int]int
}

// check keeps the first error so the layout code reads as a sequence of steps.
func (b *builder) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

func (b *builder) build() error {
	f := b.f
	b.check(f.SetDefaultFont("BIZ UDPゴシック"))
	b.makeStyles()
	first := true
	for _, sh := range b.sc.Sheets {
		if first {
			b.check(f.SetSheetName("Sheet1", sh.Name))
			first = false
		} else {
			_, err := f.NewSheet(sh.Name)
			b.check(err)
		}
	}
	b.writeLists()
	for i, sh := range b.sc.Sheets {
		b.writeSheet(sh, i == 0)
	}
	b.writeLive()
	b.check(f.SetDocProps(&excelize.DocProperties{
		Title:      b.sc.Title + " 回答票",
		Identifier: b.sc.FormID(),
		Creator:    "zaitaku",
		// A fixed date keeps the template byte-identical from run to run.
		Created:  "2000-01-01T00:00:00Z",
		Modified: "2000-01-01T00:00:00Z",
	}))
	full := true
	b.check(f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}))
	f.SetActiveSheet(0)
	return b.err
}

func (b *builder) makeStyles() {
	f := b.f
	ns := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		b.check(err)
		return id
	}
	thin := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "center"}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	unlocked := &excelize.Protection{Locked: false}
	b.st = styles{
		title:       ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		small:       ns(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "808080"}}),
		notice:      ns(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Font: &excelize.Font{Size: 10}}),
		item:        ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Alignment: &excelize.Alignment{Vertical: "center"}}),
		question:    ns(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: wrap}),
		label:       ns(&excelize.Style{Alignment: wrap, Border: thin}),
		repeatLabel: ns(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Indent: 2}, Border: thin, Font: &excelize.Font{Color: "404040"}}),
		number:      ns(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}),
		unit:        ns(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "595959"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}),
		input:       ns(&excelize.Style{Fill: yellow, Border: thin, Protection: unlocked, Alignment: &excelize.Alignment{Vertical: "center", ShrinkToFit: true}}),
		inputText:   ns(&excelize.Style{Fill: yellow, Border: thin, Protection: unlocked, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		inputCount:  ns(&excelize.Style{Fill: yellow, Border: thin, Protection: unlocked, NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "center"}}),
		total:       ns(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: thin, NumFmt: 3, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}}),
		meta:        ns(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "808080"}, Alignment: &excelize.Alignment{Horizontal: "left"}}),
	}
	b.makeComputedStyles(ns)
	// Excel turns a month typed as 平成28年8月 or 2016-08 into a date, so where periods are
	// written with months the cell is formatted as text (@) and keeps what the ward typed.
	// Other kinds keep the plain input style (and the half-yearly template its bytes).
	b.st.period = b.st.input
	if k := period.Kind(b.sc.Period); k == period.KindMonth || k == period.KindRange {
		b.st.period = ns(&excelize.Style{Fill: yellow, Border: thin, Protection: unlocked, NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "center", ShrinkToFit: true}})
	}
}

// writeLists puts the unit names and every choice list on the hidden lists sheet.
func (b *builder) writeLists() {
	f := b.f
	_, err := f.NewSheet(ListsSheet)
	b.check(err)
	b.lists = map[string]string{}
	put := func(col int, key string, values []string) {
		name, _ := excelize.ColumnNumberToName(col)
		for i, v := range values {
			b.check(f.SetCellStr(ListsSheet, fmt.Sprintf("%s%d", name, i+1), v))
		}
		b.lists[key] = fmt.Sprintf("'%s'!$%s$1:$%s$%d", ListsSheet, name, name, len(values))
	}
	// A return made for one unit offers only that unit: choosing another ward's name in
	// 北区's workbook is a mistake, and a 1,741-name list in every return would make each
	// file (and reading it) grow with the size of the survey.
	units := []string{b.opts.Ward}
	if b.opts.Ward == "" {
		units = units[:0]
		for _, u := range b.sc.Units.List {
			units = append(units, u.Name)
		}
	}
	put(1, "", units)
	for i, l := range b.sc.ChoiceLists {
		put(i+2, l.ID, l.Labels())
	}
	b.check(f.SetSheetVisible(ListsSheet, false))
}

// sheetWriter lays out one sheet top to bottom.
type sheetWriter struct {
	*builder
	name string
	row  int
}

func (w *sheetWriter) cell(col string, row int) string { return fmt.Sprintf("%s%d", col, row) }

func (w *sheetWriter) set(col string, value any, style int) {
	c := w.cell(col, w.row)
	switch v := value.(type) {
	case string:
		w.check(w.f.SetCellStr(w.name, c, v))
	default:
		w.check(w.f.SetCellValue(w.name, c, v))
	}
	if style != 0 {
		w.check(w.f.SetCellStyle(w.name, c, c, style))
	}
}

func (w *sheetWriter) style(from, to string, style int) {
	w.check(w.f.SetCellStyle(w.name, w.cell(from, w.row), w.cell(to, w.row), style))
}

func (w *sheetWriter) merge(from, to string) {
	w.check(w.f.MergeCell(w.name, w.cell(from, w.row), w.cell(to, w.row)))
}

func (w *sheetWriter) height(h float64) { w.check(w.f.SetRowHeight(w.name, w.row, h)) }

// name binds a defined name to the current row's cell in col (or a range down n rows).
func (w *sheetWriter) defineName(name, col string, rows int) {
	ref := fmt.Sprintf("'%s'!$%s$%d", w.name, col, w.row)
	if rows > 1 {
		ref += fmt.Sprintf(":$%s$%d", col, w.row+rows-1)
	}
	w.check(w.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: ref}))
	w.place(name, col, rows)
}

func (w *sheetWriter) dropdown(col, list string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = w.cell(col, w.row)
	dv.SetSqrefDropList(w.lists[list])
	dv.SetError(excelize.DataValidationErrorStyleStop, "入力できない値です", "▼のリストから選んでください。")
	w.check(w.f.AddDataValidation(w.name, dv))
}

func (w *sheetWriter) wholeNumber(col string, q *schema.Question) {
	max := int64(maxCount)
	if q.Max != nil {
		max = *q.Max
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = w.cell(col, w.row)
	w.check(dv.SetRange(int(q.MinValue()), int(max), excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween))
	dv.SetError(excelize.DataValidationErrorStyleStop, "入力できない値です",
		fmt.Sprintf("%d 以上 %d 以下の整数を入力してください（該当がなければ 0）。", q.MinValue(), max))
	w.check(w.f.AddDataValidation(w.name, dv))
}

// labelHeight is the row height a wrapped label needs: Excel does not grow rows on open,
// so a long label would otherwise be cut off in print.
func labelHeight(text string, colWidth float64) float64 {
	return float64(textfmt.CellLines(text, colWidth))*15 + 4
}

func (b *builder) writeSheet(sh *schema.Sheet, first bool) {
	w := &sheetWriter{builder: b, name: sh.Name, row: 1}
	f := b.f
	for col, wd := range colWidths {
		b.check(f.SetColWidth(sh.Name, col, col, wd))
	}
	b.check(f.SetColVisible(sh.Name, colID, false))

	w.set(colNumber, fmt.Sprintf("%s 回答票（%s）", b.sc.Title, sh.Name), b.st.title)
	w.height(24)
	w.row++
	w.set(colID, MetaForm, 0)
	w.set(colLabel, "様式", b.st.small)
	w.set(colAnswer, b.sc.FormID(), b.st.meta)
	if first {
		w.defineName(NameForm, colAnswer, 1)
	}
	w.row++
	unitLabel := b.sc.Units.Label + "名"
	if first {
		w.set(colID, MetaWard, 0)
		w.set(colLabel, unitLabel, b.st.label)
		w.set(colAnswer, b.opts.Ward, b.st.input)
		w.dropdown(colAnswer, "")
		w.defineName(NameWard, colAnswer, 1)
		w.row++
		w.set(colID, MetaPeriod, 0)
		w.set(colLabel, "対象期間（例："+period.Kind(b.sc.Period).Example().Japanese()+"）", b.st.label)
		p := ""
		if !b.opts.Period.IsZero() {
			p = b.opts.Period.Japanese()
		}
		w.set(colAnswer, p, b.st.period)
		w.defineName(NamePeriod, colAnswer, 1)
	} else {
		first := b.sc.Sheets[0].Name
		w.set(colLabel, unitLabel+"・対象期間", b.st.label)
		ref := fmt.Sprintf("'%s'!%s%d", first, colAnswer, 3)
		w.check(f.SetCellFormula(sh.Name, w.cell(colAnswer, w.row), fmt.Sprintf(`%s&"　"&'%s'!%s%d`, ref, first, colAnswer, 4)))
		w.style(colAnswer, colAnswer, b.st.label)
	}
	w.row += 2

	notes := []string{
		"【記入上の注意】",
		"・黄色のセルに入力してください。それ以外のセルは保護されています。",
		"・選択式の欄は、セルを選ぶと出る▼のリストから選んでください。",
		"・件数・回数は 0 以上の整数で入力してください（該当がなければ 0）。",
		"・前回から大きく変わった回答・件数があれば、各項目の最後の「備考」にその理由を記入してください（任意）。",
		"・行や列を削除したり、シートの名前を変えたりしないでください。",
		"・提出前に「zaitaku validate ファイル名.xlsx」で記入漏れや誤りを確認できます。",
	}
	if !first {
		notes[0] = fmt.Sprintf("【記入上の注意】%s名と対象期間は「%s」シートに記入します。", b.sc.Units.Label, b.sc.Sheets[0].Name)
	}
	w.set(colNumber, strings.Join(notes, "\n"), b.st.notice)
	w.merge(colNumber, colNote)
	w.style(colNumber, colNote, b.st.notice)
	w.height(float64(len(notes))*14 + 6)
	w.row += 2

	for _, it := range sh.Items {
		w.writeItem(it)
	}
	last := w.row - 1
	b.placed.last(sh.Name, last)
	b.check(f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", Scope: sh.Name,
		RefersTo: fmt.Sprintf("'%s'!$%s$1:$%s$%d", sh.Name, colNumber, colNote, last),
	}))
	fit := true
	b.check(f.SetSheetProps(sh.Name, &excelize.SheetPropsOptions{FitToPage: &fit}))
	size, orient, fw, fh := 9, "portrait", 1, 0
	b.check(f.SetPageLayout(sh.Name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fw, FitToHeight: &fh}))
	header := "&L&9" + b.sc.Title + "&R&9&A"
	if b.opts.Ward != "" {
		header += "　" + b.opts.Ward
	}
	b.check(f.SetHeaderFooter(sh.Name, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: "&C&9&P / &N"}))
	b.check(f.ProtectSheet(sh.Name, &excelize.SheetProtectionOptions{
		FormatColumns: true, FormatRows: true, InsertRows: true,
		SelectLockedCells: true, SelectUnlockedCells: true,
	}))
}

func (w *sheetWriter) writeItem(it *schema.Item) {
	w.set(colNumber, it.Heading(), w.st.item)
	w.merge(colNumber, colNote)
	w.style(colNumber, colNote, w.st.item)
	w.height(22)
	w.row++
	for _, q := range it.Questions {
		w.writeQuestion(q)
	}
	w.writeRemark(it)
	w.row++
}

func (w *sheetWriter) questionHeading(q *schema.Question, note string) {
	w.set(colNumber, q.Number, w.st.question)
	w.set(colLabel, q.Label, w.st.question)
	if note != "" {
		w.set(colAnswer, note, w.st.unit)
		w.merge(colAnswer, colNote)
	}
	w.height(max(labelHeight(q.Label, colWidths[colLabel]), labelHeight(note, colWidths[colAnswer]+colWidths[colNote])))
	w.row++
}

// answerRow writes one labelled answer cell and binds its name and id.
func (w *sheetWriter) answerRow(s *Slot, number, label string, labelStyle int) {
	w.set(colID, s.Key, 0)
	w.set(colNumber, number, w.st.number)
	w.set(colLabel, label, labelStyle)
	h := labelHeight(label, colWidths[colLabel])
	switch s.Kind {
	case SlotChoice:
		w.set(colAnswer, "", w.st.input)
		w.dropdown(colAnswer, s.List.ID)
	case SlotCount:
		w.set(colAnswer, "", w.st.inputCount)
		w.wholeNumber(colAnswer, s.Question)
		w.set(colNote, s.Question.Unit, w.st.unit)
	case SlotText:
		w.set(colAnswer, "", w.st.inputText)
		w.merge(colAnswer, colNote)
		w.style(colAnswer, colNote, w.st.inputText)
		// Case narratives run to several lines; a tall cell shows them without resizing.
		h = max(h, 96)
	}
	w.height(h)
	w.defineName(s.Name(), colAnswer, 1)
	w.row++
}

func (w *sheetWriter) writeQuestion(q *schema.Question) {
	slots := QuestionSlots(q)
	switch q.Type {
	case schema.Choice:
		s := slots[0]
		w.answerRow(s, q.Number, q.Label, w.st.label)
		if q.Note != "" {
			w.row--
			w.set(colNote, q.Note, w.st.unit)
			w.height(max(labelHeight(q.Label, colWidths[colLabel]), labelHeight(q.Note, colWidths[colNote])))
			w.row++
		}
	case schema.ChoiceGroup:
		w.questionHeading(q, q.Note)
		for i, s := range slots {
			w.answerRow(s, q.Numbering.Format(i+1), s.Row.Label, w.st.label)
		}
	case schema.Counts:
		note := q.Note
		if q.Multiple && !strings.Contains(note, "重複可") {
			note = strings.TrimSpace("重複可　" + note)
		}
		if q.BreakdownOf != "" {
			if parent := w.sc.Category(q.BreakdownOf); parent != nil {
				note = strings.TrimSpace(note + breakdownNote(parent))
			}
		}
		w.questionHeading(q, note)
		var sum []string
		repeats := false
		for _, s := range slots {
			c := s.Category
			if c.IsRepeat() {
				repeats = true
				w.answerRow(s, "", c.Label, w.st.repeatLabel)
				continue
			}
			sum = append(sum, w.cell(colAnswer, w.row))
			if s.Computed {
				w.computedRow(s, q.Numbering.Column(CategoryNumber(c)), c.Label+"（内訳の合計・自動計算）")
				continue
			}
			// The number is in its own column, so the label goes without it.
			w.answerRow(s, q.Numbering.Column(CategoryNumber(c)), c.Label, w.st.label)
		}
		// A live sum helps the ward check its figures; the reader never uses it.
		w.place(TotalRowPrefix+q.ID, colAnswer, 1)
		w.set(colLabel, totalLabel(repeats), w.st.total)
		w.check(w.f.SetCellFormula(w.name, w.cell(colAnswer, w.row), "SUM("+strings.Join(sum, ",")+")"))
		w.style(colAnswer, colAnswer, w.st.total)
		w.set(colNote, q.Unit, w.st.unit)
		w.row++
	case schema.Total:
		var parts []string
		for _, k := range q.SumOf {
			if c := w.sc.Category(k); c != nil {
				parts = append(parts, c.Label)
			}
		}
		if q.Computed {
			w.computedRow(slots[0], q.Number, q.Label+"（"+strings.Join(parts, "＋")+"・自動計算）")
			break
		}
		w.answerRow(slots[0], q.Number, q.Label+"（"+strings.Join(parts, "＋")+"）", w.st.question)
	case schema.Number:
		w.writeNumber(slots[0])
	case schema.Text:
		w.questionHeading(q, q.Note)
		w.writeTextBlock(slots[0], 1, 110)
	case schema.TextList:
		w.questionHeading(q, q.Note)
		w.writeTextBlock(slots[0], q.Lines, 18)
	case schema.Cases:
		w.questionHeading(q, q.Note)
		for r := 1; r <= q.Records; r++ {
			w.set(colNumber, fmt.Sprintf("事例%d", r), w.st.question)
			w.merge(colNumber, colLabel)
			w.row++
			for _, s := range slots {
				if s.Record != r {
					continue
				}
				w.answerRow(s, "", s.Field.Label, w.st.label)
			}
		}
	}
}

// writeTextBlock writes n free-text rows spanning C:E under one defined name.
func (w *sheetWriter) writeTextBlock(s *Slot, n int, h float64) {
	w.defineName(s.Name(), colLabel, n)
	for i := 0; i < n; i++ {
		w.set(colID, s.Key, 0)
		if n > 1 {
			w.set(colNumber, "・", w.st.number)
		}
		w.set(colLabel, "", w.st.inputText)
		w.merge(colLabel, colNote)
		w.style(colLabel, colNote, w.st.inputText)
		w.height(h)
		w.row++
	}
}

// totalLabel is the label of a counts question's live 合計 row: it says 再掲を除く only
// where the question has 再掲 rows for the ward to wonder about.
func totalLabel(repeats bool) string {
	if repeats {
		return "合計（再掲を除く・自動計算）"
	}
	return "合計（自動計算）"
}
