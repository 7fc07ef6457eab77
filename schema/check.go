package schema

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Ids become Excel defined names (zq_<id> with dots as underscores), so they are kept to
// ASCII letters, digits and underscores, with dots only between parts.
var (
	questionID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	localID    = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	sheetBad   = regexp.MustCompile(`[\[\]:*?/\\]`)
)

// check resolves references and enforces the per-type rules, recording every mistake.
func (d *decoder) check(s *Schema) {
	if strings.TrimSpace(s.ID) == "" {
		d.errorf(1, "調査の id がありません（例: id: my-survey）")
	} else if strings.ContainsAny(s.ID, "/ \t") {
		d.errorf(d.keyLine("id"), "調査の id「%s」に / や空白は使えません", s.ID)
	}
	if k, _ := mapKey(d.top, "version"); k == nil {
		d.errorf(1, "version（定義の版、1 以上の整数）がありません")
	} else if s.Version < 1 {
		d.errorf(k.Line, "version「%d」は使えません。1 以上の整数にしてください", s.Version)
	}
	if s.Title == "" {
		d.errorf(1, "title（調査名）がありません")
	}
	if s.ReportTitle == "" {
		s.ReportTitle = s.Title
	}
	d.checkPeriod(s)
	d.checkLabels(s)
	d.checkUnits(s)
	d.checkLists(s)
	d.checkSheets(s)
	d.checkComputed(s)
	d.checkRules(s)
	d.checkChange(s)
}

// checkPeriod fills in the default period kind and refuses an unknown one.
func (d *decoder) checkPeriod(s *Schema) {
	if s.Period == "" {
		s.Period = DefaultPeriodKind
		return
	}
	if !slices.Contains(PeriodKinds, s.Period) {
		d.errorf(d.keyLine("period"), "period「%s」は使えません。%s のどれかを書いてください（月・四半期・半期・年度・月から月までの範囲）", s.Period, strings.Join(PeriodKinds, "・"))
	}
}

// checkLabels fills in the default numbering style and refuses an unknown one, and
// refuses a document label or report title that is only spaces or runs over lines.
func (d *decoder) checkLabels(s *Schema) {
	if s.Numbering == "" {
		s.Numbering = DefaultNumbering
	} else if !slices.Contains(NumberingStyles, s.Numbering) {
		var styles []string
		for _, n := range NumberingStyles {
			styles = append(styles, "「"+string(n)+"」")
		}
		d.errorf(d.keyLine("numbering"), "numbering「%s」は使えません。%s のどれかを、最初の番号の形で書いてください（既定は「%s」）", s.Numbering, strings.Join(styles, "・"), DefaultNumbering)
	}
	for _, l := range []struct{ key, value, empty string }{
		{"doc_label", s.DocLabel, "資料番号を出さないときは doc_label: \"\" と書きます"},
		{"report_title", s.ReportTitle, "省略すると title を使います"},
	} {
		k, _ := mapKey(d.top, l.key)
		switch {
		case k == nil:
		case strings.ContainsAny(l.value, "\n\r\t"):
			d.errorf(k.Line, "%s に改行やタブは書けません（表紙と各ページの見出しに１行で入ります）", l.key)
		case l.value != "" && strings.TrimSpace(l.value) == "":
			d.errorf(k.Line, "%s が空白だけです（%s）", l.key, l.empty)
		}
	}
}

func (d *decoder) checkUnits(s *Schema) {
	u := &s.Units
	if u.Label == "" {
		u.Label = "区"
	}
	if len(u.List) == 0 {
		d.errorf(d.keyLine("units", "list"), "units.list（回答する単位の一覧）がありません")
		return
	}
	if u.BlockLabel != "" && len(u.Blocks) == 0 {
		d.errorf(d.keyLine("units", "block_label"), "units.block_label（「%s」）がありますが units.blocks がありません。ブロックに分けるときは blocks と各単位の block を書き、分けないときは block_label を消してください", u.BlockLabel)
	}
	blocks := map[string]bool{}
	for i, b := range u.Blocks {
		if blocks[b] {
			d.errorf(d.itemLine(i, "units", "blocks"), "ブロック「%s」が units.blocks に２回あります", b)
		}
		blocks[b] = true
	}
	s.units = map[string]*Unit{}
	used := map[string]bool{}
	for _, un := range u.List {
		if un.Name == "" {
			d.errorf(un.Line, "単位の name がありません")
			continue
		}
		key := Fold(un.Name)
		if prev := s.units[key]; prev != nil {
			d.errorf(un.Line, "単位「%s」が重複しています（%d行目にもあります）", un.Name, prev.Line)
		}
		s.units[key] = un
		if len(u.Blocks) > 0 {
			if un.Block == "" {
				d.errorf(un.Line, "単位「%s」の block がありません（%s のどれか）", un.Name, strings.Join(u.Blocks, "・"))
			} else if !blocks[un.Block] {
				d.errorf(un.Line, "単位「%s」のブロック「%s」は units.blocks にありません", un.Name, un.Block)
			}
		} else if un.Block != "" {
			d.errorf(un.Line, "単位「%s」にブロックがありますが units.blocks がありません", un.Name)
		}
		used[un.Block] = true
	}
	for i, b := range u.Blocks {
		if !used[b] {
			d.errorf(d.itemLine(i, "units", "blocks"), "ブロック「%s」に属する単位がありません（units.list のどの単位の block にもありません）", b)
		}
	}
}

func (d *decoder) checkLists(s *Schema) {
	s.lists = map[string]*ChoiceList{}
	for _, l := range s.ChoiceLists {
		if l.ID == "" {
			d.errorf(l.Line, "選択肢リストの id がありません")
			continue
		}
		if prev := s.lists[l.ID]; prev != nil {
			d.errorf(l.Line, "選択肢リスト「%s」が重複しています（%d行目にもあります）", l.ID, prev.Line)
			continue
		}
		s.lists[l.ID] = l
		if len(l.Options) < 2 {
			d.errorf(l.Line, "選択肢リスト「%s」には選択肢が２つ以上必要です（%d つしかありません）", l.ID, len(l.Options))
		}
		// Every spelling must lead to exactly one option, or a ward's answer would be a guess.
		spell := map[string]string{}
		claim := func(line int, word, opt string) {
			k := Fold(word)
			if k == "" {
				d.errorf(line, "選択肢リスト「%s」に空の表記があります", l.ID)
				return
			}
			if other, ok := spell[k]; ok && other != opt {
				d.errorf(line, "選択肢リスト「%s」で「%s」が「%s」と「%s」の両方を指しています", l.ID, word, other, opt)
				return
			}
			spell[k] = opt
		}
		for i, o := range l.Options {
			if o.Code == 0 {
				o.Code = i + 1
			}
			if o.Label == "" {
				d.errorf(o.Line, "選択肢の label がありません")
				continue
			}
			claim(o.Line, o.Label, o.Label)
			claim(o.Line, fmt.Sprint(o.Code), o.Label)
			for _, a := range o.Aliases {
				claim(o.Line, a, o.Label)
			}
		}
	}
}

func (d *decoder) checkSheets(s *Schema) {
	if len(s.Sheets) == 0 {
		d.errorf(1, "sheets（シートと設問）がありません")
		return
	}
	s.questions = map[string]*Question{}
	ids := map[string]int{} // every sheet, item and question id, with its line
	claimID := func(line int, kind, id string) bool {
		if id == "" {
			d.errorf(line, "%sの id がありません", kind)
			return false
		}
		if !questionID.MatchString(id) {
			d.errorf(line, "%sの id「%s」には英字で始まる英数字と _ だけが使えます", kind, id)
			return false
		}
		if prev, ok := ids[strings.ToLower(id)]; ok {
			d.errorf(line, "id「%s」が重複しています（%d行目にもあります）", id, prev)
			return false
		}
		ids[strings.ToLower(id)] = line
		return true
	}
	names := map[string]bool{}
	for _, sh := range s.Sheets {
		claimID(sh.Line, "シート", sh.ID)
		switch {
		case sh.Name == "":
			d.errorf(sh.Line, "シート「%s」の name（シート名）がありません", sh.ID)
		case len([]rune(sh.Name)) > 31:
			d.errorf(sh.Line, "シート名「%s」は %d 文字で、Excel の上限 31 文字を超えています", sh.Name, len([]rune(sh.Name)))
		case sheetBad.MatchString(sh.Name):
			d.errorf(sh.Line, "シート名「%s」に Excel で使えない文字（[ ] : * ? / \\）があります", sh.Name)
		case names[sh.Name]:
			d.errorf(sh.Line, "シート名「%s」が重複しています", sh.Name)
		}
		names[sh.Name] = true
		if sh.Title == "" {
			sh.Title = sh.Name
		}
		if len(sh.Items) == 0 {
			d.errorf(sh.Line, "シート「%s」に items（項目）がありません", sh.Name)
		}
		for _, it := range sh.Items {
			it.Sheet = sh
			claimID(it.Line, "項目", it.ID)
			if it.Label == "" {
				d.errorf(it.Line, "項目「%s」の label がありません", it.ID)
			}
			if len(it.Questions) == 0 {
				d.errorf(it.Line, "項目「%s」に questions（設問）がありません", it.ID)
			}
			for _, q := range it.Questions {
				q.Item, q.Numbering = it, s.Numbering
				if claimID(q.Line, "設問", q.ID) {
					s.questions[q.ID] = q
				}
			}
		}
	}
	for _, q := range s.Questions() {
		d.checkQuestion(s, q)
	}
	// References between questions are resolved once every question is known.
	for _, q := range s.Questions() {
		d.checkReferences(s, q)
	}
	d.checkAnswerNames(s)
}

// checkAnswerNames makes sure no two answer cells get the same Excel name: names ignore
// case and the form writes dots as underscores, so "a.1" and "A_1" would share a cell.
func (d *decoder) checkAnswerNames(s *Schema) {
	seen := map[string]string{}
	claim := func(line int, key string) {
		n := strings.ToLower(strings.ReplaceAll(key, ".", "_"))
		if prev, ok := seen[n]; ok && prev != key {
			d.errorf(line, "回答欄「%s」と「%s」は Excel の名前が同じになります（大文字・小文字と . / _ は区別されません）。どちらかの id を変えてください", key, prev)
			return
		}
		seen[n] = key
	}
	for _, q := range s.Questions() {
		switch q.Type {
		case ChoiceGroup:
			for _, r := range q.Rows {
				claim(r.Line, r.Key)
			}
		case Counts:
			for _, c := range q.Categories {
				claim(c.Line, c.Key)
			}
		case Cases:
			for rec := 1; rec <= q.Records; rec++ {
				for _, f := range q.Fields {
					claim(f.Line, fmt.Sprintf("%s.%d.%s", q.ID, rec, f.ID))
				}
			}
		default:
			claim(q.Line, q.ID)
		}
	}
}

// checkQuestion checks one question: its label and type, the fields its type may not
// have, and then what its type needs.
func (d *decoder) checkQuestion(s *Schema, q *Question) {
	if q.Label == "" {
		d.errorf(q.Line, "設問「%s」の label がありません", q.ID)
	}
	if !d.checkType(q) {
		return
	}
	d.checkExtraFields(q)
	if q.Type == Choice || q.Type == ChoiceGroup {
		q.List = d.resolveList(s, q.Line, q.ID, q.Choices)
	}
	switch q.Type {
	case ChoiceGroup:
		d.checkRows(q)
	case Counts:
		d.checkCategories(q)
		d.checkBounds(q)
	case Number:
		d.checkNumber(q)
	case Total:
		if len(q.SumOf) < 1 {
			d.errorf(q.Line, "設問「%s」（total）に sum_of（合計する区分）がありません", q.ID)
		}
		d.checkBounds(q)
	case TextList:
		if q.Lines == 0 {
			q.Lines = 5
		}
		if q.Lines < 1 || q.Lines > 200 {
			d.errorf(q.Line, "設問「%s」の lines（%d）は 1〜200 にしてください", q.ID, q.Lines)
		}
	case Cases:
		d.checkCases(s, q)
	}
}

// checkType reports a missing or unknown type; the rest of the checks depend on the type,
// so they run only when it says true.
func (d *decoder) checkType(q *Question) bool {
	if q.Type == "" {
		d.errorf(q.Line, "設問「%s」に type（種類）がありません", q.ID)
		return false
	}
	var names []string
	for _, t := range questionTypes {
		if q.Type == t {
			return true
		}
		names = append(names, string(t))
	}
	d.errorf(q.Line, "設問「%s」の type「%s」は使えません（%s のどれか）", q.ID, q.Type, strings.Join(names, ", "))
	return false
}

// checkExtraFields rejects fields that belong to another type: they are mistakes, not
// silently ignored.
func (d *decoder) checkExtraFields(q *Question) {
	extra := func(set bool, field string) {
		if set {
			d.errorf(q.Line, "設問「%s」（%s）には %s は使えません", q.ID, q.Type, field)
		}
	}
	isChoice := q.Type == Choice || q.Type == ChoiceGroup
	extra(!isChoice && q.Choices != "", "choices")
	extra(q.Type != ChoiceGroup && len(q.Rows) > 0, "rows")
	extra(q.Type != Counts && len(q.Categories) > 0, "categories")
	extra(q.Type != Counts && q.BreakdownOf != "", "breakdown_of")
	extra(q.Type != Counts && q.Multiple, "multiple")
	extra(q.Type != Counts && q.Type != Number && q.ShowRange, "show_range")
	extra(q.Type != Counts && q.UnitTable, "unit_table")
	extra(q.Type != Counts && q.Type != Total && q.Type != Number && (q.Min != nil || q.Max != nil), "min / max")
	extra(q.Type != Counts && q.Type != Total && q.Type != Number && q.Unit != "", "unit")
	extra(q.Type != Number && q.Decimals != 0, "decimals")
	extra(q.Type != Total && len(q.SumOf) > 0, "sum_of")
	extra(q.Type != TextList && q.Lines != 0, "lines")
	extra(q.Type != Cases && (q.Records != 0 || len(q.Fields) > 0), "records / fields")
}

// checkRows numbers a choice_group's rows that have no id and checks ids and labels.
func (d *decoder) checkRows(q *Question) {
	if len(q.Rows) == 0 {
		d.errorf(q.Line, "設問「%s」（choice_group）に rows がありません", q.ID)
	}
	seen := map[string]bool{}
	for i, r := range q.Rows {
		if r.ID == "" {
			r.ID = fmt.Sprint(i + 1)
		}
		if !localID.MatchString(r.ID) {
			d.errorf(r.Line, "行の id「%s」には英数字と _ だけが使えます", r.ID)
		}
		if seen[r.ID] {
			d.errorf(r.Line, "設問「%s」の行 id「%s」が重複しています", q.ID, r.ID)
		}
		seen[r.ID] = true
		r.Key = q.ID + "." + r.ID
		if r.Label == "" {
			d.errorf(r.Line, "設問「%s」の行 %s に label がありません", q.ID, r.ID)
		}
	}
}

// checkCategories checks a counts question's categories (ids unique regardless of case,
// since defined names are) and that at least one is counted in the total.
func (d *decoder) checkCategories(q *Question) {
	if len(q.Categories) == 0 {
		d.errorf(q.Line, "設問「%s」（counts）に categories がありません", q.ID)
	}
	seen := map[string]bool{}
	for _, c := range q.Categories {
		c.Question = q
		switch {
		case c.ID == "":
			d.errorf(c.Line, "設問「%s」の区分に id がありません", q.ID)
		case !localID.MatchString(c.ID):
			d.errorf(c.Line, "区分の id「%s」には英数字と _ だけが使えます", c.ID)
		case seen[strings.ToLower(c.ID)]:
			d.errorf(c.Line, "設問「%s」の区分 id「%s」が重複しています", q.ID, c.ID)
		}
		seen[strings.ToLower(c.ID)] = true
		c.Key = q.ID + "." + c.ID
		if c.Label == "" {
			d.errorf(c.Line, "区分「%s」の label がありません", c.Key)
		}
	}
	if len(q.Categories) > 0 && len(q.TotalCategories()) == 0 {
		d.errorf(q.Line, "設問「%s」の区分がすべて再掲です（合計に入る区分が必要です）", q.ID)
	}
}

// checkCases fills a cases question's default record count and checks its fields.
func (d *decoder) checkCases(s *Schema, q *Question) {
	if q.Records == 0 {
		q.Records = 3
	}
	if q.Records < 1 || q.Records > 50 {
		d.errorf(q.Line, "設問「%s」の records（%d）は 1〜50 にしてください", q.ID, q.Records)
	}
	if len(q.Fields) == 0 {
		d.errorf(q.Line, "設問「%s」（cases）に fields がありません", q.ID)
	}
	seen := map[string]bool{}
	for _, f := range q.Fields {
		switch {
		case f.ID == "":
			d.errorf(f.Line, "設問「%s」の事例の項目に id がありません", q.ID)
		case !localID.MatchString(f.ID):
			d.errorf(f.Line, "事例の項目 id「%s」には英数字と _ だけが使えます", f.ID)
		case seen[f.ID]:
			d.errorf(f.Line, "事例の項目 id「%s」が重複しています", f.ID)
		}
		seen[f.ID] = true
		if f.Label == "" {
			d.errorf(f.Line, "事例の項目「%s」の label がありません", f.ID)
		}
		switch f.Type {
		case "", Text:
			f.Type = Text
			if f.Choices != "" {
				d.errorf(f.Line, "事例の項目「%s」は text なので choices は使えません", f.ID)
			}
		case Choice:
			f.List = d.resolveList(s, f.Line, q.ID+"."+f.ID, f.Choices)
		default:
			d.errorf(f.Line, "事例の項目「%s」の type「%s」は使えません（text か choice）", f.ID, f.Type)
		}
	}
}

func (d *decoder) checkBounds(q *Question) {
	if q.Min != nil && *q.Min < 0 {
		d.errorf(q.Line, "設問「%s」の min（%d）は 0 以上にしてください", q.ID, *q.Min)
	}
	if q.Max != nil && *q.Max < q.MinValue() {
		minText := fmt.Sprint(q.MinValue())
		if q.Min == nil {
			minText += "、書かないときの値"
		}
		d.errorf(q.Line, "設問「%s」の max（%d）が min（%s）より小さくなっています", q.ID, *q.Max, minText)
	}
}

func (d *decoder) resolveList(s *Schema, line int, owner, id string) *ChoiceList {
	if id == "" {
		d.errorf(line, "設問「%s」に choices（選択肢リストの id）がありません", owner)
		return nil
	}
	l := s.lists[id]
	if l == nil {
		var known []string
		for _, cl := range s.ChoiceLists {
			known = append(known, cl.ID)
		}
		d.errorf(line, "設問「%s」の選択肢リスト「%s」は choice_lists にありません（あるのは: %s）", owner, id, strings.Join(known, ", "))
	}
	return l
}

// countKey reports whether key names something that holds a count: a counts category
// ("o2.med") or a total question ("o4total").
func countKey(s *Schema, key string) bool {
	if c := s.Category(key); c != nil {
		return true
	}
	q := s.Question(key)
	return q != nil && q.Type == Total
}

func (d *decoder) checkReferences(s *Schema, q *Question) {
	switch q.Type {
	case Counts:
		for _, c := range q.Categories {
			if !c.IsRepeat() {
				continue
			}
			// A 再掲 names a sibling category by its local id, or anything countable by its full id.
			key := q.ID + "." + c.RepeatOf
			if s.Category(key) == nil {
				key = c.RepeatOf
			}
			switch {
			case key == c.Key:
				d.errorf(c.Line, "区分「%s」の repeat_of が自分自身を指しています", c.Key)
			case !countKey(s, key):
				d.errorf(c.Line, "区分「%s」の repeat_of「%s」に当たる区分・合計がありません", c.Key, c.RepeatOf)
			case s.Category(key) != nil && s.Category(key).IsRepeat():
				d.errorf(c.Line, "区分「%s」の repeat_of「%s」も再掲です（再掲の再掲はできません）", c.Key, c.RepeatOf)
			default:
				c.RepeatKey = key
			}
		}
		if q.BreakdownOf != "" {
			parent := s.Category(q.BreakdownOf)
			switch {
			case parent == nil:
				d.errorf(q.Line, "設問「%s」の breakdown_of「%s」に当たる区分がありません（「設問id.区分id」で書きます）", q.ID, q.BreakdownOf)
			case parent.Question == q:
				d.errorf(q.Line, "設問「%s」の breakdown_of が自分の区分を指しています", q.ID)
			case parent.IsRepeat():
				d.errorf(q.Line, "設問「%s」の breakdown_of「%s」は再掲の区分です", q.ID, q.BreakdownOf)
			}
		}
	case Total:
		ranged := map[*Question]bool{}
		for _, k := range q.SumOf {
			c := s.Category(k)
			switch {
			case c == nil:
				d.errorf(q.Line, "設問「%s」の sum_of「%s」に当たる区分がありません（「設問id.区分id」で書きます）", q.ID, k)
			case c.IsRepeat():
				d.errorf(q.Line, "設問「%s」の sum_of「%s」は再掲の区分です（合計には入れません）", q.ID, k)
			case c.Question.ShowRange && !ranged[c.Question]:
				ranged[c.Question] = true
				// The report shows such counts as a table over periods, not as bars.
				d.errorf(c.Question.Line, "設問「%s」は合計「%s」とともに期間ごとの表で示すため、show_range は使えません", c.Question.ID, q.ID)
			}
		}
	}
}
