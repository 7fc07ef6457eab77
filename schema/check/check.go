// Package check holds the rules over a read return: which answers are valid (choices,
// counts read literally by ParseCount, texts), the header (form, unit, period), the sums
// between counts (内訳, totals, 再掲), the case records and the report font's glyphs. Read
// reads a return (schema/returns) and checks it, as validate and aggregate do.
package check

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// at builds a finding on a cell.
func at(c *returns.Cell, sev finding.Severity, code finding.Code, key, label, msg string) finding.Finding {
	f := finding.Finding{Severity: sev, Code: code, QuestionID: key, Label: label, Message: msg}
	if c != nil {
		f.Sheet, f.Cell, f.Value = c.Sheet, c.Cell, c.Value
	}
	return f
}

// ReadOptions are the expectations a return is checked against.
type ReadOptions struct {
	// Period, when set, is the period every return must be for.
	Period period.Period
	// Glyphs, when set, warns about free text the report's font cannot print.
	Glyphs *Glyphs
	// Previous, when set, is the previous period's answers of every unit, to which the
	// return is compared where the schema's change_check asks (change.go).
	Previous *Previous
}

// Read reads the return at path (returns.Read) and checks it. A file that is not a usable
// return at all gives a *returns.FileError; problems inside a return are its Findings.
func Read(path string, sc *schema.Schema, opts ReadOptions) (*returns.Return, error) {
	return ReadNamed(path, filepath.Base(path), sc, opts)
}

// ReadNamed is Read with the file called name in every message (returns.ReadNamed).
func ReadNamed(path, name string, sc *schema.Schema, opts ReadOptions) (*returns.Return, error) {
	return checked(returns.ReadNamed(path, name, sc))(opts)
}

// ReadBytes is Read on a return already in memory; name is used in messages.
func ReadBytes(name string, data []byte, sc *schema.Schema, opts ReadOptions) (*returns.Return, error) {
	return checked(returns.ReadBytes(name, data, sc))(opts)
}

func checked(r *returns.Return, err error) func(ReadOptions) (*returns.Return, error) {
	return func(opts ReadOptions) (*returns.Return, error) {
		if err != nil {
			return r, err
		}
		Return(r, opts)
		return r, nil
	}
}

// Return checks a read return: it fills the checked answers (Ward, Period, Choices,
// Counts, Texts, Lists) from the valid cells and adds a finding for every rule broken, in
// form order.
func Return(r *returns.Return, opts ReadOptions) {
	(&checker{r}).check(opts)
}

// checker is a return being checked.
type checker struct{ *returns.Return }

func (r *checker) add(f finding.Finding) { r.Add(f) }

func (r *checker) check(opts ReadOptions) {
	r.Choices = map[string]*schema.Option{}
	r.Counts = map[string]int64{}
	r.Texts = map[string]string{}
	r.Lists = map[string][]string{}
	r.checkHeader(opts)
	if r.otherSurvey() {
		return
	}
	for _, s := range form.Slots(r.Schema) {
		if c := r.Cells[s.Key]; c != nil && !s.Computed {
			r.checkSlot(s, c)
		}
	}
	r.computeFigures()
	for _, q := range r.Schema.Questions() {
		r.checkSums(q)
	}
	r.checkCases()
	r.checkRules()
	r.checkComputedCells()
	r.checkGlyphs(opts.Glyphs)
	r.readRemarks()
	r.checkChange(opts.Previous)
	r.sortFindings()
}

// otherSurvey keeps only the finding that the return is of another survey, when it is:
// every cell of another survey's form is out of place in this one's, and a list of a
// hundred missing answers would hide the one thing to do — check it against its own survey.
func (r *checker) otherSurvey() bool {
	for _, f := range r.Findings {
		if f.Code == finding.WrongSurvey {
			r.Findings = []finding.Finding{f}
			return true
		}
	}
	return false
}

func (r *checker) checkHeader(opts ReadOptions) {
	sc := r.Schema
	const formKey = "_form"
	// A header cell that another answer shares (cut and pasted over) is already reported.
	switch c := r.FormCell; {
	case r.Blocked[form.MetaForm]:
	case c == nil || c.Value == "":
		r.add(at(c, finding.Warning, finding.FormMissing, formKey, "様式", "様式の番号がありません。zaitaku template で作った様式か確認してください"))
	default:
		id, ver, _ := strings.Cut(c.Value, "/")
		n, _ := strconv.Atoi(ver)
		switch {
		case id != sc.ID:
			f := at(c, finding.Error, finding.WrongSurvey, formKey, "様式", fmt.Sprintf("別の調査の様式です（この回答票は「%s」、集計する調査は「%s」）。その調査の定義ファイルを --schema で指定して確認してください", id, sc.ID))
			f.Expected = sc.FormID()
			r.add(f)
		case n < sc.Version:
			f := at(c, finding.Error, finding.FormVersion, formKey, "様式", fmt.Sprintf("旧様式（第%d版）の回答票です。最新の様式（第%d版）に記入し直してください", n, sc.Version))
			f.Expected = sc.FormID()
			r.add(f)
		case n > sc.Version:
			f := at(c, finding.Error, finding.FormVersion, formKey, "様式", fmt.Sprintf("この回答票は新しい様式（第%d版）です。お使いの zaitaku（第%d版まで対応）を更新するか、様式の配布元に確認してください", n, sc.Version))
			f.Expected = sc.FormID()
			r.add(f)
		}
	}

	unitWord := sc.Units.Label + "名"
	switch c := r.WardCell; {
	case r.Blocked[form.MetaWard]:
	case c == nil:
		r.add(finding.Finding{Severity: finding.Error, Code: finding.SlotMissing, QuestionID: "_ward", Label: unitWord, Message: unitWord + "の欄が見つかりません"})
	case c.Value == "":
		r.add(at(c, finding.Error, finding.Missing, "_ward", unitWord, unitWord+"が未記入です"))
	case sc.Unit(c.Value) == nil:
		r.add(at(c, finding.Error, finding.UnknownUnit, "_ward", unitWord, fmt.Sprintf("「%s」は調査の対象の%sにありません。▼のリストから選んでください", c.Value, sc.Units.Label)))
	default:
		r.Ward = sc.Unit(c.Value)
		if other := returns.UnitInFileName(sc, r.Name); other != nil && other != r.Ward {
			r.add(at(c, finding.Warning, finding.UnitNameMismatch, "_ward", unitWord, fmt.Sprintf("ファイル名は「%s」ですが、回答票の%sは「%s」です。どちらが正しいか確認してください", other.Name, unitWord, r.Ward.Name)))
		}
	}

	r.checkPeriod(opts)
}

// excelCellLimit is the most characters an Excel cell holds; more can only come from
// another tool and would be cut when the ward opens the file.
const excelCellLimit = 32767

// controlChars are invisible characters (other than tab and line breaks) that arrive with
// text pasted from other systems.
var controlChars = regexp.MustCompile(`[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]`)

// checkCellKind rejects what a cell holds before its text is judged: a merged-away cell, a
// boolean, an error value, a date. It reports whether the slot may be checked further.
func (r *checker) checkCellKind(s *form.Slot, c *returns.Cell, label string) bool {
	switch {
	case c.NoResult:
		r.add(at(c, finding.Error, finding.NoFormulaResult, s.Key, label, "数式の計算結果が保存されていません。Excel で開いて保存し直すか、値を直接入力してください"))
	case c.MergedInto != "":
		r.add(at(c, finding.Error, finding.CellMerged, s.Key, label, fmt.Sprintf("回答欄が他のセルと結合されています（%s）。結合を解除して、回答欄 %s に入力し直してください", c.MergedInto, c.Cell)))
	case c.Kind == returns.KindBool:
		r.add(at(c, finding.Error, finding.CellBool, s.Key, label, "TRUE／FALSE（論理値）が入っています。回答を入力し直してください"))
	case c.Kind == returns.KindError:
		r.add(at(c, finding.Error, finding.CellError, s.Key, label, fmt.Sprintf("エラー値「%s」が入っています。数式や貼り付けた値を確認してください", c.Value)))
	case c.Kind == returns.KindDate && s.Kind != form.SlotText && s.Kind != form.SlotList:
		r.add(at(c, finding.Error, finding.CellDate, s.Key, label, "日付として入力されています（Excel が日付に変換しました）。数字や選択肢をそのまま入力し直してください"))
	case c.Kind == returns.KindDate:
		r.add(at(c, finding.Warning, finding.CellDate, s.Key, label, "日付の値（シリアル値 "+c.Value+"）として保存されています。文字として入力し直すと確実です"))
		return true
	case c.Value == "" && c.Beside != nil && validFor(s, c.BesideValue):
		f := at(c, finding.Error, finding.MisplacedRight, s.Key, label, fmt.Sprintf("回答欄 %s が空で、右隣の %s に「%s」があります。黄色の回答欄に入力してください", c.Cell, c.Beside.Cell, c.BesideValue))
		f.Value = c.BesideValue
		r.add(f)
	case c.Value == "" && c.Below != nil && validFor(s, c.BelowValue) && !r.isAnswerCell(*c.Below):
		f := at(c, finding.Error, finding.MisplacedBelow, s.Key, label, fmt.Sprintf("回答欄 %s が空で、すぐ下の %s に「%s」があります。１行ずれて入力していないか確認してください", c.Cell, c.Below.Cell, c.BelowValue))
		f.Value = c.BelowValue
		r.add(f)
	case len([]rune(c.Value)) > excelCellLimit:
		r.add(at(c, finding.Error, finding.TooLong, s.Key, label, fmt.Sprintf("文字数（%d 字）が Excel の上限 %d 字を超えています。短くしてください", len([]rune(c.Value)), excelCellLimit)))
	default:
		return true
	}
	return false
}

// isAnswerCell reports whether loc is one of the return's answer cells.
// A 備考 cell is not one: an answer typed one row too low at the end of an item lands
// there, and is still reported as misplaced.
func (r *checker) isAnswerCell(loc form.Location) bool {
	for key, c := range r.Cells {
		if c.Location == loc && form.RemarkItem(key) == "" {
			return true
		}
	}
	return false
}

// validFor reports whether v would be a valid answer for the slot: a value next to an empty
// answer cell is only taken for a misplaced answer when it is one, so the template's own
// notes and units are never mistaken for answers.
func validFor(s *form.Slot, v string) bool {
	switch s.Kind {
	case form.SlotChoice:
		_, ok := s.List.Match(v)
		return ok
	case form.SlotCount:
		// The neighbour's value is read as typed text: a number cell's stored form of a
		// whole number ("12") reads the same either way.
		_, problem := ParseCount(v, false)
		return problem == ""
	case form.SlotNumber:
		return validNumber(s, v)
	}
	return false
}

func (r *checker) checkSlot(s *form.Slot, c *returns.Cell) {
	label := s.Label()
	rowError := false
	if s.Kind == form.SlotList {
		// Every row of a list is a cell of its own: each gets the checks the first gets,
		// and a rejected row gives no line.
		var lines []string
		for i := range c.Rows {
			if rc := &c.Rows[i]; r.checkCellKind(s, rc, label) {
				lines = append(lines, rc.Lines...)
			} else {
				rowError = true
			}
		}
		if len(c.Rows) > 0 {
			c.Lines = lines
		}
	} else if !r.checkCellKind(s, c, label) {
		return
	}
	if (s.Kind == form.SlotText || s.Kind == form.SlotList) && controlChars.MatchString(c.Value+strings.Join(c.Lines, "")) {
		c.Value = controlChars.ReplaceAllString(c.Value, "")
		for i, l := range c.Lines {
			c.Lines[i] = controlChars.ReplaceAllString(l, "")
		}
		r.add(at(c, finding.Warning, finding.ControlChar, s.Key, label, "目に見えない制御文字が含まれていたため取り除きました。内容を確認してください"))
	}
	switch s.Kind {
	case form.SlotChoice:
		if c.Value == "" {
			if s.Required() {
				f := at(c, finding.Error, finding.Missing, s.Key, label, "未回答です")
				f.Expected = strings.Join(s.List.Labels(), "／")
				r.add(f)
			}
			return
		}
		o, ok := s.List.Match(c.Value)
		if !ok {
			f := at(c, finding.Error, finding.NotAChoice, s.Key, label, fmt.Sprintf("「%s」は選択肢にありません。▼のリストから選んでください", c.Value))
			f.Expected = strings.Join(s.List.Labels(), "／")
			r.add(f)
			return
		}
		r.Choices[s.Key] = o
	case form.SlotCount:
		if c.Value == "" {
			if s.Required() {
				f := at(c, finding.Error, finding.Missing, s.Key, label, "未記入です（該当がなければ 0 を入力してください）")
				f.Expected = "0 以上の整数"
				r.add(f)
			}
			return
		}
		n, problem := ParseCount(c.Value, c.Number)
		if problem != "" {
			shown, legend := Visible(c.Value)
			f := at(c, finding.Error, finding.NotACount, s.Key, label, fmt.Sprintf("「%s」%sは%s。0 以上の整数を入力してください", shown, legend, problem))
			f.Expected = "0 以上の整数"
			r.add(f)
			return
		}
		q := s.Question
		if n < q.MinValue() || (q.Max != nil && n > *q.Max) {
			exp := fmt.Sprintf("%d 以上", q.MinValue())
			if q.Max != nil {
				exp = fmt.Sprintf("%d 以上 %d 以下", q.MinValue(), *q.Max)
			}
			f := at(c, finding.Error, finding.OutOfRange, s.Key, label, fmt.Sprintf("%s は範囲外です（%s）", Thousands(n), exp))
			f.Expected = exp
			r.add(f)
			return
		}
		r.Counts[s.Key] = n
	case form.SlotNumber:
		r.checkNumber(s, c)
	case form.SlotText:
		if c.Value == "" {
			if s.Required() {
				r.add(at(c, finding.Error, finding.Missing, s.Key, label, "未記入です"))
			}
			return
		}
		r.Texts[s.Key] = c.Value
	case form.SlotList:
		if len(c.Lines) == 0 {
			if s.Required() && !rowError {
				r.add(at(c, finding.Error, finding.Missing, s.Key, label, "未記入です"))
			}
			return
		}
		r.Lists[s.Key] = c.Lines
	}
}

// countText is a count typed as text, once full-width digits and commas are read as
// ASCII: digits, or digits grouped by thousands (「1,234」「１，２３４」).
var countText = regexp.MustCompile(`^[0-9]+$|^[1-9][0-9]{0,2}(,[0-9]{3})+$`)

// ParseCount reads a count literally. A number cell's stored value (number true) counts
// when it is a whole number ("12", "1E+3"); typed text counts when, after surrounding
// half- and full-width spaces, it is half- or full-width digits with or without correctly
// grouped thousands separators (「１,２３４」 is 1234). Nothing else is guessed at: 「3 5」,
// 「1²」, 「1e3」 or 「0x10」 are not numbers. problem says, in Japanese, why a value is
// not a count; show the value itself with Visible.
func ParseCount(s string, number bool) (n int64, problem string) {
	if number {
		return parseNumberCell(strings.TrimSpace(s))
	}
	v := asciiDigits(strings.Trim(s, " \u3000"))
	if v == "" {
		return 0, "空欄です"
	}
	if countText.MatchString(v) {
		n, err := strconv.ParseInt(strings.ReplaceAll(v, ",", ""), 10, 64)
		if err != nil || n > math.MaxInt32 {
			return 0, "大きすぎる数です"
		}
		return n, ""
	}
	return 0, textCountProblem(v)
}

// parseNumberCell judges a number cell's stored value as the number it is.
func parseNumberCell(v string) (int64, string) {
	if v == "" {
		return 0, "空欄です"
	}
	if !returns.IsPlainNumber(v) {
		return 0, "数ではありません"
	}
	f, err := strconv.ParseFloat(v, 64)
	switch {
	case f < 0:
		return 0, "負の数です"
	case err != nil || f > math.MaxInt32:
		return 0, "大きすぎる数です"
	case f != math.Trunc(f):
		return 0, "整数ではありません"
	}
	return int64(f), ""
}

// asciiDigits reads full-width digits, commas and full stops as their ASCII forms and
// leaves every other character as it is.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + r - '０'
		case r == '，':
			return ','
		case r == '．':
			return '.'
		}
		return r
	}, s)
}

var (
	negativeText = regexp.MustCompile(`^[-−－▲△]\s*[0-9][0-9,]*(\.[0-9]+)?$`)
	decimalText  = regexp.MustCompile(`^[0-9][0-9,]*\.([0-9]+)$`)
	unitText     = regexp.MustCompile(`^([0-9][0-9,]*)\s*(件|回|人|日|名|か所|カ所|ヶ所|箇所)$`)
	digitRun     = regexp.MustCompile(`[0-9]+`)
)

// unitTyped is the problem of a figure typed with its unit, naming the unit the ward typed
// (「日」 in 「150日」), so the hint fits any question.
func unitTyped(unit string) string {
	return "数字以外の文字を含みます（「" + unit + "」などの単位は不要です）"
}

// textCountProblem explains why text (after asciiDigits) is not a count, with a hint
// where the mistake is a common one.
func textCountProblem(v string) string {
	switch {
	case negativeText.MatchString(v):
		return "負の数です"
	case decimalText.MatchString(v):
		if m := decimalText.FindStringSubmatch(v); strings.Trim(m[1], "0") == "" {
			return "小数点が入っています"
		}
		return "整数ではありません"
	case unitText.MatchString(v) && countText.MatchString(unitText.FindStringSubmatch(v)[1]):
		return unitTyped(unitText.FindStringSubmatch(v)[2])
	}
	groups := digitRun.FindAllStringIndex(v, -1)
	if len(groups) >= 2 && groups[0][0] == 0 && groups[len(groups)-1][1] == len(v) {
		onlyBlank, commas := true, true
		for i := 1; i < len(groups); i++ {
			sep := v[groups[i-1][1]:groups[i][0]]
			commas = commas && sep == ","
			for _, r := range sep {
				onlyBlank = onlyBlank && invisible(r)
			}
		}
		switch {
		case commas:
			return "桁区切りの「,」の位置が正しくありません（1,234 のように３桁ごとに区切ります）"
		case onlyBlank:
			return fmt.Sprintf("数字が%sつ入力されています（空白や改行で区切られています）", fullWidthNumber(len(groups)))
		}
	}
	if len(groups) == 1 && groups[0][0] == 0 && groups[0][1] == len(v) {
		return "数字以外の文字を含みます"
	}
	for _, r := range v {
		if invisible(r) {
			return "目に見えない文字（空白など）を含みます"
		}
	}
	return "数として読めません"
}

// fullWidthNumber writes 1–9 full-width, as Japanese text counts small numbers.
func fullWidthNumber(n int) string {
	if n >= 1 && n <= 9 {
		return string(rune('０' + n))
	}
	return strconv.Itoa(n)
}

// The marks Visible puts for characters that cannot be seen in a message.
var visibleMarks = map[rune]struct{ mark, name string }{
	' ':      {"␣", "半角スペース"},
	'\u3000': {"□", "全角スペース"},
	'\t':     {"⇥", "タブ"},
	'\n':     {"⏎", "改行"},
	'\r':     {"⏎", "改行"},
	'\u00a0': {"⍽", "改行しないスペース"},
}

// invisible reports whether r shows as nothing or as blank space: spaces, line breaks,
// tabs, control and format characters (zero-width space, BOM).
func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.In(r, unicode.Zl, unicode.Zp)
}

// Visible shows a value with the characters that cannot be seen made visible, so a
// message can say exactly what a cell holds: a half-width space is ␣, a full-width space
// □, a tab ⇥, a line break ⏎ (CR LF is one), a no-break space ⍽, and any other invisible
// character its code point (⟨U+200B⟩). legend explains the marks used, e.g.
// 「（␣は半角スペース）」, and is empty when there are none.
func Visible(s string) (shown, legend string) {
	var b strings.Builder
	var used []string
	seen := map[string]bool{}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		if m, ok := visibleMarks[r]; ok {
			b.WriteString(m.mark)
			if !seen[m.mark] {
				seen[m.mark] = true
				used = append(used, m.mark+"は"+m.name)
			}
			continue
		}
		if invisible(r) {
			fmt.Fprintf(&b, "⟨U+%04X⟩", r)
			continue
		}
		b.WriteRune(r)
	}
	if len(used) > 0 {
		legend = "（" + strings.Join(used, "、") + "）"
	}
	return b.String(), legend
}

// Thousands writes 1234 as 1,234 (textfmt.Thousands).
func Thousands(n int64) string { return textfmt.Thousands(n) }

// value returns a checked count for a category or total key, and whether it is known.
func (r *checker) value(key string) (int64, bool) {
	n, ok := r.Counts[key]
	return n, ok
}

// checkSums applies the rules between counts: 内訳 add up to their parent, entered totals
// equal their parts, and a 再掲 never exceeds what it is part of. A rule is only judged when
// every number in it was read, so one bad cell is reported once.
func (r *checker) checkSums(q *schema.Question) {
	sc := r.Schema
	unit := q.Unit
	switch q.Type {
	case schema.Counts:
		for _, c := range q.Categories {
			if !c.IsRepeat() {
				continue
			}
			v, ok1 := r.value(c.Key)
			p, ok2 := r.value(c.RepeatKey)
			if ok1 && ok2 && v > p {
				f := at(r.Cells[c.Key], finding.Error, finding.RepeatExceeds, c.Key, (&form.Slot{Question: q, Category: c}).Label(),
					fmt.Sprintf("再掲（%s %s）が「%s」の %s %s を超えています。再掲はその内数です", Thousands(v), unit, parentLabel(sc, c.RepeatKey), Thousands(p), unit))
				f.Expected = "≦ " + Thousands(p)
				r.add(f)
			}
		}
		if q.BreakdownOf == "" {
			return
		}
		parent := sc.Category(q.BreakdownOf)
		p, ok := r.value(parent.Key)
		if !ok {
			return
		}
		var sum int64
		for _, c := range q.TotalCategories() {
			v, ok := r.value(c.Key)
			if !ok {
				return
			}
			sum += v
		}
		if sum != p {
			f := at(r.Cells[parent.Key], finding.Error, finding.BreakdownMismatch, q.ID, form.QuestionLabel(q),
				fmt.Sprintf("内訳の合計（%s %s）が「%s」の %s %sと一致しません。「%s」の各欄と見比べてください", Thousands(sum), unit, parent.Label, Thousands(p), unit, q.Label))
			f.Expected = Thousands(sum)
			r.add(f)
		}
	case schema.Total:
		t, ok := r.value(q.ID)
		if !ok {
			return
		}
		var sum int64
		var parts []string
		for _, k := range q.SumOf {
			v, ok := r.value(k)
			if !ok {
				return
			}
			sum += v
			parts = append(parts, Thousands(v))
		}
		if sum != t {
			f := at(r.Cells[q.ID], finding.Error, finding.TotalMismatch, q.ID, form.QuestionLabel(q),
				fmt.Sprintf("%s（%s %s）が内訳の合計 %s ＝ %s %s と一致しません", q.Label, Thousands(t), unit, strings.Join(parts, " ＋ "), Thousands(sum), unit))
			f.Expected = Thousands(sum)
			r.add(f)
		}
	}
}

func parentLabel(sc *schema.Schema, key string) string {
	if c := sc.Category(key); c != nil {
		return c.Label
	}
	if q := sc.Question(key); q != nil {
		return q.Label
	}
	return key
}

// checkCases asks for the choice fields (場面) of every case record that has any content,
// since a record without its 場面 cannot be placed in the report.
func (r *checker) checkCases() {
	for _, q := range r.Schema.Questions() {
		if q.Type != schema.Cases {
			continue
		}
		for rec := 1; rec <= q.Records; rec++ {
			used := false
			for _, f := range q.Fields {
				c := r.Cells[form.CaseKey(q, rec, f)]
				used = used || (c != nil && c.Value != "")
			}
			if !used {
				continue
			}
			for _, f := range q.Fields {
				key := form.CaseKey(q, rec, f)
				c := r.Cells[key]
				if f.Type == schema.Choice && c != nil && c.Value == "" {
					s := &form.Slot{Key: key, Question: q, Field: f, Record: rec, List: f.List}
					fd := at(c, finding.Error, finding.Missing, key, s.Label(), fmt.Sprintf("事例%dの「%s」が未選択です", rec, f.Label))
					fd.Expected = strings.Join(f.List.Labels(), "／")
					r.add(fd)
				}
			}
		}
	}
}

// sortFindings puts findings in form order: file-level first, then by sheet as the schema
// orders them, row and column, so a ward can work down the sheet.
func (r *checker) sortFindings() {
	sheetIdx := map[string]int{}
	for i, sh := range r.Schema.Sheets {
		sheetIdx[sh.Name] = i + 1
	}
	key := func(f finding.Finding) (int, int, int) {
		if f.Cell == "" {
			return 0, 0, 0
		}
		col, row, _ := excelize.CellNameToCoordinates(f.Cell)
		si, ok := sheetIdx[f.Sheet]
		if !ok {
			si = len(sheetIdx) + 1
		}
		return si, row, col
	}
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a1, a2, a3 := key(r.Findings[i])
		b1, b2, b3 := key(r.Findings[j])
		if a1 != b1 {
			return a1 < b1
		}
		if a2 != b2 {
			return a2 < b2
		}
		return a3 < b3
	})
}
