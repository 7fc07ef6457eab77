package schema_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

// ---------------------------------------------------------------- the default schema

// wardBlocks is the ward list of survey-spec.md in official order, each with its
// 基本保健医療圏 block.
var wardBlocks = []struct{ name, block string }{
	{"北区", "北部"}, {"都島区", "北部"}, {"福島区", "西部"}, {"此花区", "西部"},
	{"中央区", "東部"}, {"西区", "西部"}, {"港区", "西部"}, {"大正区", "西部"},
	{"天王寺区", "東部"}, {"浪速区", "東部"}, {"西淀川区", "西部"}, {"淀川区", "北部"},
	{"東淀川区", "北部"}, {"東成区", "東部"}, {"生野区", "東部"}, {"旭区", "北部"},
	{"城東区", "東部"}, {"鶴見区", "東部"}, {"阿倍野区", "南部"}, {"住之江区", "南部"},
	{"住吉区", "南部"}, {"東住吉区", "南部"}, {"平野区", "南部"}, {"西成区", "南部"},
}

// blockMembers is the block list of survey-spec.md, each block's wards in official order.
var blockMembers = map[string][]string{
	"北部": {"北区", "都島区", "淀川区", "東淀川区", "旭区"},
	"東部": {"中央区", "天王寺区", "浪速区", "東成区", "生野区", "城東区", "鶴見区"},
	"西部": {"福島区", "此花区", "西区", "港区", "大正区", "西淀川区"},
	"南部": {"阿倍野区", "住之江区", "住吉区", "東住吉区", "平野区", "西成区"},
}

// agencies are the 20 関係機関 categories of ウ(3) and オ(1)①, with the 再掲 row after 医科.
var agencies = []string{
	"医科", "（再掲：積極的役割を担う医療機関）", "歯科", "薬局・薬剤師",
	"病院 地域連携相談室等（区内）", "病院 地域連携相談室等（区外）", "訪問看護", "介護支援専門員",
	"地域包括支援センター・ブランチ", "訪問介護事業所", "7、8、9以外の介護関係事業所",
	"認知症初期集中支援チーム", "障がい福祉サービス関係事業所", "12以外の福祉サービス関係事業所",
	"他区在宅医療・介護連携支援コーディネーター", "他区拠点コーディネーター", "生活支援コーディネーター",
	"見守り相談室(CSW)", "区役所・保健福祉センター", "住民（区民・市民等）", "その他",
}

// parsers load the default schema both ways the package offers.
var parsers = []struct {
	name string
	load func(t *testing.T) *schema.Schema
}{
	{"Default", func(t *testing.T) *schema.Schema { return schema.Default() }},
	{"Parse(DefaultYAML)", func(t *testing.T) *schema.Schema {
		s, err := schema.Parse(schema.DefaultYAML(), "default.yaml")
		if err != nil {
			t.Fatalf("Parse(DefaultYAML()): %v", err)
		}
		return s
	}},
}

func TestDefaultHeader(t *testing.T) {
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			s := p.load(t)
			if s.ID != "osaka-zaitaku-renkei" || s.Version != 1 || s.FormID() != "osaka-zaitaku-renkei/1" {
				t.Errorf("id/version = %q/%d, FormID %q; want osaka-zaitaku-renkei/1", s.ID, s.Version, s.FormID())
			}
			if s.ReportTitle != "区役所・相談支援室の取組について" {
				t.Errorf("ReportTitle = %q", s.ReportTitle)
			}
			if s.Title == "" {
				t.Error("Title is empty")
			}
		})
	}
}

func TestDefaultUnits(t *testing.T) {
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			s := p.load(t)
			u := s.Units
			if u.Label != "区" || u.BlockLabel != "基本保健医療圏" {
				t.Errorf("Label, BlockLabel = %q, %q; want 区, 基本保健医療圏", u.Label, u.BlockLabel)
			}
			if got, want := strings.Join(u.Blocks, ","), "北部,東部,西部,南部"; got != want {
				t.Errorf("Blocks = %s, want %s", got, want)
			}
			if len(u.List) != len(wardBlocks) {
				t.Fatalf("%d units, want %d", len(u.List), len(wardBlocks))
			}
			for i, w := range wardBlocks {
				got := u.List[i]
				if got.Name != w.name || got.Block != w.block {
					t.Errorf("unit %d = %s (%s), want %s (%s)", i+1, got.Name, got.Block, w.name, w.block)
				}
				if s.Unit(w.name) != got {
					t.Errorf("Unit(%q) does not return the listed unit", w.name)
				}
			}
			for block, want := range blockMembers {
				var got []string
				for _, un := range s.UnitsInBlock(block) {
					got = append(got, un.Name)
				}
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("UnitsInBlock(%s) = %v, want %v", block, got, want)
				}
			}
		})
	}
}

func TestUnitLookupFolds(t *testing.T) {
	s := schema.Default()
	for _, name := range []string{"北区", " 北区 ", "北　区", "\t北区\n"} {
		if u := s.Unit(name); u == nil || u.Name != "北区" {
			t.Errorf("Unit(%q) = %v, want 北区", name, u)
		}
	}
	for _, name := range []string{"", "北", "大阪市北区", "北区役所", "東区"} {
		if u := s.Unit(name); u != nil {
			t.Errorf("Unit(%q) = %s, want no unit", name, u.Name)
		}
	}
}

// TestDefaultItems checks that each item is on the right sheet with the heading of 資料１.
func TestDefaultItems(t *testing.T) {
	want := []struct{ sheet, heading string }{
		{"区役所", "（ア）地域の医療・介護の資源の把握"},
		{"区役所", "（イ）在宅医療・介護連携の課題の抽出と対応策の検討"},
		{"区役所", "（カ）医療・介護関係者の研修"},
		{"区役所", "（キ）地域住民への普及啓発"},
		{"相談支援室", "（ウ）切れ目のない在宅医療と介護の提供体制の構築推進"},
		{"相談支援室", "（エ）医療・介護関係者の情報共有の支援"},
		{"相談支援室", "（オ）在宅医療・介護連携に関する相談支援"},
	}
	s := schema.Default()
	if len(s.Sheets) != 2 || s.Sheets[0].Title != "Ⅰ．区役所の取組" || s.Sheets[1].Title != "Ⅱ．相談支援室の取組" {
		t.Fatalf("sheets are not Ⅰ．区役所の取組 and Ⅱ．相談支援室の取組")
	}
	if s.Sheets[1].Body != "在宅医療・介護連携相談支援室" {
		t.Errorf("support room body = %q", s.Sheets[1].Body)
	}
	var got []string
	for _, sh := range s.Sheets {
		for _, it := range sh.Items {
			if it.Sheet != sh {
				t.Errorf("item %s does not point back to its sheet", it.ID)
			}
			got = append(got, sh.Name+" "+it.Heading())
		}
	}
	if len(got) != len(want) {
		t.Fatalf("items = %v", got)
	}
	for i, w := range want {
		if got[i] != w.sheet+" "+w.heading {
			t.Errorf("item %d = %s, want %s %s", i+1, got[i], w.sheet, w.heading)
		}
	}
}

// TestDefaultQuestions checks every question of survey-spec.md: type, label, choice list
// and its rows or categories, label for label.
func TestDefaultQuestions(t *testing.T) {
	tests := []struct {
		id, item string
		typ      schema.QuestionType
		heading  string // number + label
		choices  string
		rows     []string // choice_group rows, or counts categories
	}{
		{"a1", "a", schema.ChoiceGroup, "地域の医療・介護の資源の把握の取組状況", "status3", []string{
			"地域で把握可能な既存情報の整理",
			"在宅医療・介護の必要量（需要）や資源量（供給）の現状把握",
			"医療・介護資源の情報について更新",
			"地域の医療・介護関係者との医療・介護資源の情報共有・活用",
			"在宅医療・介護の必要量（需要）や資源量（供給）の将来推計",
		}},
		{"i1", "i", schema.Choice, "（１）推進会議開催状況", "held2", nil},
		{"i2", "i", schema.ChoiceGroup, "（２）推進会議（ワーキング含む）で検討した内容", "status3", []string{
			"地域の医療・介護にかかわる資源の充足状況", "在宅医療・介護連携の取組の現状",
			"情報共有のルールの策定", "切れ目のない在宅医療・介護連携の提供体制の構築",
			"医療・介護のネットワークづくり", "医療・介護の関係者やその連携担当者の顔の見える関係づくり",
			"地域住民の普及啓発", "地域における在宅医療・介護連携に関する目標の設定",
			"地域における在宅医療・介護連携の取組の評価", "在宅医療・介護連携推進事業の進捗管理",
		}},
		{"i3", "i", schema.ChoiceGroup, "（３）PDCAサイクルでの事業の進め方", "status3", []string{
			"めざす姿の設定", "現状の把握・分析", "課題の抽出", "目標の策定",
			"事業計画（対応策）の立案", "評価方法の策定・評価の実施",
		}},
		{"ka1", "ka", schema.Choice, "（１）多職種研修会の実施状況", "held2", nil},
		{"ka2", "ka", schema.TextList, "研修テーマ", "", nil},
		{"ki1", "ki", schema.Choice, "（１）普及啓発の実施状況", "held2", nil},
		{"ki2", "ki", schema.ChoiceGroup, "（２）普及啓発の方法", "status3", []string{
			"ポスター・リーフレットの作成", "区ホームページ・広報紙への掲載",
			"大規模（区全体が対象）の講演会・シンポジウム", "上記以外の規模（中学校区等）の講演会・シンポジウム",
		}},
		{"ki3", "ki", schema.Text, "対応策の実施事例", "", nil},
		{"u1", "u", schema.ChoiceGroup, "（１）取組の実施状況", "status3", []string{
			"在宅療養中の患者・利用者に対する主治医を含む複数の医師による対応体制などの取組",
			"在宅療養中の患者・利用者に対する、急変時診療医療機関を確保する（後方病床の確保等）取組",
			"在宅療養中の患者・利用者に対する、訪問診療・往診を提供する医療機関と訪問看護ステーションとの連携体制の構築に向けた取組",
		}},
		{"u2", "u", schema.ChoiceGroup, "（２）取組の把握状況", "grasp2", []string{
			"在宅介護に係るそれぞれの専門職種からのサービス提供の現況や困りごと等の把握",
			"在宅医療に係るそれぞれの専門職種からのサービス提供の現状や困りごと等の把握",
			"退院調整を行う病院の看護師やMSW、地域連携室から退院した患者の不安や困りごと等の把握",
			"消防署に対し、高齢者の緊急移送時、救命活動の現状や課題等の把握",
			"訪問診療や訪問看護の現場の視察",
			"地域ケア会議における医療・介護の連携に係る課題の把握",
			"地域包括支援センターに持ち込まれた医療・介護の連携に係る課題の把握",
		}},
		{"u3", "u", schema.Counts, "（３）活動状況 ①連絡調整機関", "", agencies},
		{"u3other", "u", schema.TextList, "【その他】の連絡調整機関", "", nil},
		{"e1", "e", schema.ChoiceGroup, "医療・介護関係者の情報共有の支援の取組状況", "status3", []string{
			"医療・介護関係者間で共有すべき情報や情報共有のニーズ、共有方法についての検討",
			"現在使用されている情報共有ツールやその活用状況の確認",
			"地域で充実又は作成するべき情報共有ツールの検討",
			"情報共有ツールの導入や利用促進",
			"４で導入した情報共有ツールの活用状況や効果についての評価や改善",
		}},
		{"o1", "o", schema.Counts, "（１）①個別相談ケース 相談者別内訳", "", agencies},
		{"o2", "o", schema.Counts, "（１）②個別相談ケース 相談内容別内訳", "", []string{
			"医療に関すること", "介護に関すること", "福祉に関すること", "退院支援に関すること",
			"看取りに関すること", "ACP・意思決定に関すること", "情報提供ツールに関すること", "その他",
		}},
		{"o2med", "o", schema.Counts, "医療に関すること（内訳）", "", []string{
			"診療所・医師", "訪問診療できる医療機関", "病院（入院・転院先等）", "歯科",
			"薬局・薬剤師", "訪問看護", "医療の手続き", "その他",
		}},
		{"o2care", "o", schema.Counts, "介護に関すること（内訳）", "", []string{
			"介護支援専門員", "地域包括支援センター", "介護事業所等", "介護の手続き", "その他",
		}},
		{"o3", "o", schema.Cases, "（１）③具体例", "", nil},
		{"o4", "o", schema.Counts, "（２）会議・研修会等への参加", "", []string{
			"市・区の会議、研修会", "関係機関との会議、研修会", "（再掲）地域ケア会議",
		}},
		{"o4total", "o", schema.Total, "会議出席回数", "", nil},
	}
	s := schema.Default()
	var ids []string
	for _, q := range s.Questions() {
		ids = append(ids, q.ID)
	}
	var want []string
	for _, tc := range tests {
		want = append(want, tc.id)
	}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("questions in form order:\n got %v\nwant %v", ids, want)
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			q := s.Question(tc.id)
			if q == nil {
				t.Fatalf("no question %s", tc.id)
			}
			if q.Item == nil || q.Item.ID != tc.item {
				t.Errorf("item = %v, want %s", q.Item, tc.item)
			}
			if q.Type != tc.typ {
				t.Errorf("type = %s, want %s", q.Type, tc.typ)
			}
			if q.Heading() != tc.heading {
				t.Errorf("heading = %q, want %q", q.Heading(), tc.heading)
			}
			if q.Choices != tc.choices || (tc.choices != "") != (q.List != nil) || q.List != nil && q.List != s.List(tc.choices) {
				t.Errorf("choices = %q (resolved %v), want %q", q.Choices, q.List != nil, tc.choices)
			}
			var got []string
			switch q.Type {
			case schema.ChoiceGroup:
				for i, r := range q.Rows {
					got = append(got, r.Label)
					// Rows without an id are numbered 1, 2, 3 … and keyed by question.
					if want := tc.id + "." + strconv.Itoa(i+1); r.ID != strconv.Itoa(i+1) || r.Key != want {
						t.Errorf("row %d key = %q, want %q", i+1, r.Key, want)
					}
				}
			case schema.Counts:
				for _, c := range q.Categories {
					got = append(got, c.Label)
					if c.Key != tc.id+"."+c.ID || c.Question != q {
						t.Errorf("category %s: key %q, question %v", c.ID, c.Key, c.Question)
					}
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.rows, "\n") {
				t.Errorf("rows/categories:\n got %q\nwant %q", got, tc.rows)
			}
		})
	}
}

func TestDefaultCountRules(t *testing.T) {
	s := schema.Default()

	// 関係機関: 20 categories add up; the 再掲 row is a subset of 医科.
	for _, id := range []string{"u3", "o1"} {
		q := s.Question(id)
		if n := len(q.TotalCategories()); n != 20 {
			t.Errorf("%s: %d categories count towards the total, want 20", id, n)
		}
		r := s.Category(id + ".01r")
		if r == nil || !r.IsRepeat() || r.RepeatKey != id+".01" || s.Category(r.RepeatKey).Label != "医科" {
			t.Errorf("%s.01r is not a 再掲 of %s.01 医科: %+v", id, id, r)
		}
		if q.Unit != "件" {
			t.Errorf("%s unit = %q, want 件", id, q.Unit)
		}
		// The anchor/alias in default.yaml gives each question its own categories.
		if q.Categories[0].Question != q {
			t.Errorf("%s shares its categories with another question", id)
		}
	}

	// 相談内容別 is 重複可 (the form prints that from `multiple`); its 医療/介護 内訳
	// must add up to their parent rows.
	if q := s.Question("o2"); !q.Multiple {
		t.Errorf("o2 multiple = %v, want 重複可", q.Multiple)
	}
	for _, tc := range []struct{ id, parent, parentLabel string }{
		{"o2med", "o2.med", "医療に関すること"},
		{"o2care", "o2.care", "介護に関すること"},
	} {
		q := s.Question(tc.id)
		if q.BreakdownOf != tc.parent {
			t.Errorf("%s breakdown_of = %q, want %q", tc.id, q.BreakdownOf, tc.parent)
			continue
		}
		if p := s.Category(q.BreakdownOf); p == nil || p.Label != tc.parentLabel || p.IsRepeat() {
			t.Errorf("%s breakdown_of resolves to %+v, want %s", tc.id, p, tc.parentLabel)
		}
	}
	for _, id := range []string{"u3", "o1", "o2", "o4"} {
		if q := s.Question(id); q.BreakdownOf != "" {
			t.Errorf("%s is marked as a 内訳 of %s", id, q.BreakdownOf)
		}
	}

	// オ(2): 会議出席回数 = 市・区 + 関係機関; 地域ケア会議 is 再掲 of the total, not added.
	o4 := s.Question("o4")
	var total []string
	for _, c := range o4.TotalCategories() {
		total = append(total, c.Key)
	}
	if strings.Join(total, ",") != "o4.city,o4.org" {
		t.Errorf("o4 categories in the total = %v, want o4.city, o4.org", total)
	}
	if c := s.Category("o4.carekaigi"); c == nil || !c.IsRepeat() || c.RepeatKey != "o4total" {
		t.Errorf("o4.carekaigi is not 再掲 of o4total: %+v", c)
	}
	tot := s.Question("o4total")
	if strings.Join(tot.SumOf, ",") != "o4.city,o4.org" || tot.Unit != "回" || o4.Unit != "回" {
		t.Errorf("o4total sum_of %v unit %q (o4 unit %q); want o4.city + o4.org in 回", tot.SumOf, tot.Unit, o4.Unit)
	}
}

func TestDefaultTextAndCases(t *testing.T) {
	s := schema.Default()
	if n := s.Question("ka2").Lines; n != 8 {
		t.Errorf("ka2 lines = %d, want 8", n)
	}
	o3 := s.Question("o3")
	if o3.Records != 3 {
		t.Errorf("o3 records = %d, want 3", o3.Records)
	}
	var fields []string
	for _, f := range o3.Fields {
		fields = append(fields, f.Label+":"+string(f.Type))
	}
	want := "場面:choice 相談者:text 基本情報:text 相談内容:text 相談支援室の対応:text その後の経過:text"
	if strings.Join(fields, " ") != want {
		t.Errorf("o3 fields = %v, want %s", fields, want)
	}
	scene := o3.Fields[0].List
	if scene == nil || strings.Join(scene.Labels(), "/") != "日常の療養支援（急変時対応を含む）/入退院支援/看取り" {
		t.Errorf("場面 choices = %v", scene)
	}
}

func TestRequiredDefaults(t *testing.T) {
	s := schema.Default()
	tests := map[string]bool{
		"i1": true, "a1": true, "u3": true, "o4total": true, // choices, counts, totals
		"ki3": false, "ka2": false, "o3": false, // free text and cases
	}
	for id, want := range tests {
		if got := s.Question(id).Required(); got != want {
			t.Errorf("%s (%s) Required() = %v, want %v", id, s.Question(id).Type, got, want)
		}
	}
	// An explicit `required:` wins either way.
	src := strings.Replace(minimal, "            choices: yn\n", "            choices: yn\n            required: false\n", 1)
	src = strings.Replace(src, "            type: text\n", "            type: text\n            required: true\n", 1)
	s2 := mustParse(t, src)
	if s2.Question("q1").Required() || !s2.Question("memo").Required() {
		t.Errorf("required: false/true not honoured: q1 %v, memo %v", s2.Question("q1").Required(), s2.Question("memo").Required())
	}
}

func TestChoiceMatch(t *testing.T) {
	const (
		done = "実施している"
		prep = "実施に向けて準備・調整中"
		none = "現時点では未着手"
	)
	s := schema.Default()
	tests := []struct {
		list, answer, want string // want "" = no match
	}{
		{"status3", "実施している", done},
		{"status3", "実施中", done},
		{"status3", "1", done},
		{"status3", "１", done}, // full-width code
		{"status3", "○", done},
		{"status3", "〇", done},
		{"status3", " 実施中　", done}, // half- and full-width spaces
		{"status3", "実施に向けて準備・調整中", prep},
		{"status3", "準備中", prep},
		{"status3", "2", prep},
		{"status3", "２", prep},
		{"status3", "△", prep},
		{"status3", "現時点では未着手", none},
		{"status3", "未着手", none},
		{"status3", "3", none},
		{"status3", "３", none},
		{"status3", "×", none},
		{"status3", "③", none}, // circled digit folds to 3
		// Unknown text is refused, never guessed.
		{"status3", "", ""},
		{"status3", "　", ""},
		{"status3", "4", ""},
		{"status3", "0", ""},
		{"status3", "実施していない", ""},
		{"status3", "準備中です", ""},
		{"status3", "はい", ""},
		{"status3", "1,2", ""},
		// Choices are per list: the same word may mean different things.
		{"held2", "開催している", "開催している"},
		{"held2", "実施している", "開催している"},
		{"held2", "２", "現時点では未開催"},
		{"held2", "3", ""},
		{"held2", "準備中", ""},
		{"grasp2", "把握していない", "把握していない"},
		{"grasp2", "未把握", "把握していない"},
		{"grasp2", "把握", "把握している"},
	}
	for _, tc := range tests {
		l := s.List(tc.list)
		if l == nil {
			t.Fatalf("no choice list %s", tc.list)
		}
		o, ok := l.Match(tc.answer)
		switch {
		case tc.want == "" && ok:
			t.Errorf("%s.Match(%q) = %q, want no match", tc.list, tc.answer, o.Label)
		case tc.want != "" && !ok:
			t.Errorf("%s.Match(%q) = no match, want %q", tc.list, tc.answer, tc.want)
		case ok && o.Label != tc.want:
			t.Errorf("%s.Match(%q) = %q, want %q", tc.list, tc.answer, o.Label, tc.want)
		}
	}
	if got := strings.Join(s.List("status3").Labels(), "/"); got != done+"/"+prep+"/"+none {
		t.Errorf("status3 labels = %s", got)
	}
}

func TestOptionCodes(t *testing.T) {
	// Codes default to 1, 2, 3 by position; an explicit code replaces the positional one.
	src := strings.Replace(minimal, "      - label: いいえ\n", "      - label: いいえ\n        code: 9\n", 1)
	l := mustParse(t, src).List("yn")
	for answer, want := range map[string]string{"1": "はい", "9": "いいえ", "９": "いいえ", "2": ""} {
		o, ok := l.Match(answer)
		if want == "" {
			if ok {
				t.Errorf("Match(%q) = %s, want no match", answer, o.Label)
			}
			continue
		}
		if !ok || o.Label != want {
			t.Errorf("Match(%q) = %v, %v; want %s", answer, o, ok, want)
		}
	}
	if c := l.Options[0].Code; c != 1 {
		t.Errorf("first option code = %d, want 1", c)
	}
}

func TestDefaultYAMLIsACopy(t *testing.T) {
	b := schema.DefaultYAML()
	if !bytes.Contains(b, []byte("# zaitaku survey schema")) {
		t.Error("DefaultYAML() lost the comments a person adapts the file by")
	}
	b[0] = 'X'
	if schema.DefaultYAML()[0] == 'X' {
		t.Error("DefaultYAML() returns the embedded bytes, not a copy")
	}
}

// ---------------------------------------------------------------- mistakes in a schema

// minimal is the smallest valid schema the mistake tests edit. Keep each line unique: the
// tests find expected line numbers by searching for text.
const minimal = `id: test
version: 1
title: テスト調査
units:
  blocks: [北部, 南部]
  list:
    - {name: 北区, block: 北部}
    - {name: 住吉区, block: 南部}
choice_lists:
  - id: yn
    options:
      - label: はい
        aliases: [○]
      - label: いいえ
        aliases: [×]
sheets:
  - id: s1
    name: 区役所
    items:
      - id: a
        mark: ア
        label: 項目ア
        questions:
          - id: q1
            type: choice
            label: 質問1
            choices: yn
          - id: c1
            type: counts
            label: 件数
            categories:
              - {id: x, label: エックス}
              - {id: y, label: ワイ}
          - id: memo
            type: text
            label: 自由記述
`

func mustParse(t *testing.T, src string) *schema.Schema {
	t.Helper()
	s, err := schema.Parse([]byte(src), "test.yaml")
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, src)
	}
	return s
}

// edit returns minimal with old replaced by new; old must occur exactly once.
func edit(t *testing.T, src, old, new string) string {
	t.Helper()
	if strings.Count(src, old) != 1 {
		t.Fatalf("edit: %q occurs %d times", old, strings.Count(src, old))
	}
	return strings.Replace(src, old, new, 1)
}

// lineOf is the 1-based number of the only line that contains sub.
func lineOf(t *testing.T, src, sub string) int {
	t.Helper()
	n := 0
	for i, l := range strings.Split(src, "\n") {
		if strings.Contains(l, sub) {
			if n != 0 {
				t.Fatalf("lineOf: %q is on lines %d and %d", sub, n, i+1)
			}
			n = i + 1
		}
	}
	if n == 0 {
		t.Fatalf("lineOf: %q is on no line", sub)
	}
	return n
}

// errorsOf asserts that err is an ErrorList naming test.yaml and returns it.
func errorsOf(t *testing.T, err error) schema.ErrorList {
	t.Helper()
	if err == nil {
		t.Fatal("Parse accepted the schema, want an error")
	}
	var list schema.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %T %v is not a non-empty schema.ErrorList", err, err)
	}
	for _, e := range list {
		if e.Source != "test.yaml" {
			t.Errorf("error source = %q, want test.yaml", e.Source)
		}
	}
	return list
}

// find returns the error on line whose message contains msg, or nil.
func find(list schema.ErrorList, line int, msg string) *schema.Error {
	for _, e := range list {
		if e.Line == line && strings.Contains(e.Msg, msg) {
			return e
		}
	}
	return nil
}

var hasJapanese = regexp.MustCompile(`[\p{Hiragana}\p{Katakana}\p{Han}]`)

func TestMinimalIsValid(t *testing.T) {
	s := mustParse(t, minimal)
	// Defaults filled in by Parse.
	if s.ReportTitle != "テスト調査" || s.Units.Label != "区" || s.Sheets[0].Title != "区役所" || s.Source != "test.yaml" {
		t.Errorf("defaults: report_title %q, units.label %q, sheet title %q, source %q",
			s.ReportTitle, s.Units.Label, s.Sheets[0].Title, s.Source)
	}
	if q := s.Question("q1"); q.Line != lineOf(t, minimal, "- id: q1") || q.List != s.List("yn") {
		t.Errorf("q1 line %d, list %v", q.Line, q.List)
	}
	if c := s.Category("c1.y"); c == nil || c.Line != lineOf(t, minimal, "label: ワイ") {
		t.Errorf("c1.y = %+v", c)
	}
	for _, key := range []string{"c1", "c1.", ".x", "c1.z", "q1.x", "nope.x"} {
		if s.Category(key) != nil {
			t.Errorf("Category(%q) found something", key)
		}
	}
}

func TestSchemaMistakes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		at   string // text on the line the error must name; "" = no line
		msg  string // part of the message
	}{
		{
			name: "tab indentation of a key",
			src:  edit(t, minimal, "  list:\n", "\tlist:\n"),
			at:   "\tlist:", msg: "タブ",
		},
		{
			name: "tab indentation after a value",
			src:  edit(t, minimal, "title: テスト調査\n", "title: テスト調査\n\treport_title: 報告\n"),
			at:   "report_title", msg: "タブ",
		},
		{
			name: "unclosed bracket",
			src:  edit(t, minimal, "blocks: [北部, 南部]", "blocks: [北部, 南部"),
			at:   "blocks:", msg: "] で閉じられていません",
		},
		{
			name: "unclosed brace",
			src:  edit(t, minimal, "{name: 北区, block: 北部}", "{name: 北区, block: 北部"),
			at:   "name: 北区", msg: "} で閉じられていません",
		},
		{
			name: "unclosed bracket on line 1",
			src:  "[id, version\n",
			at:   "[id", msg: "] で閉じられていません",
		},
		{
			name: "key indented too far",
			src:  edit(t, minimal, "title: テスト調査", " title: テスト調査"),
			at:   "title: テスト調査", msg: "字下げ",
		},
		{
			name: "missing space after colon",
			src:  edit(t, minimal, "title: テスト調査", "title:テスト調査"),
			at:   "title:テスト調査", msg: "「:」",
		},
		{
			name: "unclosed quote",
			src:  edit(t, minimal, "label: 自由記述", `label: "自由記述`),
			at:   `"自由記述`, msg: "引用符",
		},
		{
			name: "unknown key (typo)",
			src:  edit(t, minimal, "label: 質問1", "lable: 質問1"),
			at:   "lable:", msg: "不明な項目「lable」",
		},
		{
			name: "key written twice",
			src:  edit(t, minimal, "label: 質問1\n", "label: 質問1\n            label: 質問2\n"),
			at:   "label: 質問2", msg: "「label」が２回",
		},
		{
			name: "version not a number",
			src:  edit(t, minimal, "version: 1", "version: abc"),
			at:   "version: abc", msg: "「abc」は整数として読めません",
		},
		{
			name: "bool not true/false",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            multiple: たぶん\n"),
			at:   "multiple:", msg: "true または false",
		},
		{
			name: "list where a value belongs",
			src:  edit(t, minimal, "choices: yn", "choices: [yn]"),
			at:   "choices: [yn]", msg: "値が１つ必要",
		},
		{
			name: "value where a list belongs",
			src:  edit(t, minimal, "blocks: [北部, 南部]", "blocks: 北部"),
			at:   "blocks: 北部", msg: "リスト",
		},
		{
			name: "value where key: value pairs belong",
			src:  edit(t, minimal, "- id: q1\n            type: choice\n            label: 質問1\n            choices: yn\n", "- 質問1\n"),
			at:   "- 質問1", msg: "「キー: 値」",
		},
		{
			name: "bare dash",
			src:  edit(t, minimal, "          - id: memo\n", "          - # 空\n          - id: memo\n"),
			at:   "- # 空", msg: "中身のない要素",
		},
		{
			name: "unknown choice list",
			src:  edit(t, minimal, "choices: yn", "choices: yesno"),
			at:   "- id: q1", msg: "選択肢リスト「yesno」は choice_lists にありません",
		},
		{
			name: "choice without choices",
			src:  edit(t, minimal, "            choices: yn\n", ""),
			at:   "- id: q1", msg: "choices（選択肢リストの id）がありません",
		},
		{
			name: "duplicate question id",
			src:  edit(t, minimal, "          - id: memo\n", "          - {id: q1, type: text, label: 二つ目}\n          - id: memo\n"),
			at:   "二つ目", msg: "id「q1」が重複しています",
		},
		{
			name: "duplicate question id differing in case",
			src:  edit(t, minimal, "          - id: memo\n", "          - {id: Q1, type: text, label: 大文字}\n          - id: memo\n"),
			at:   "大文字", msg: "id「Q1」が重複しています",
		},
		{
			name: "question id that is not ASCII",
			src:  edit(t, minimal, "- id: memo", "- id: メモ"),
			at:   "- id: メモ", msg: "英字で始まる英数字と _",
		},
		{
			name: "duplicate unit",
			src:  edit(t, minimal, "    - {name: 住吉区, block: 南部}\n", "    - {name: 住吉区, block: 南部}\n    - {name: 北区, block: 南部}\n"),
			at:   "{name: 北区, block: 南部}", msg: "単位「北区」が重複しています（7行目にもあります）",
		},
		{
			name: "duplicate unit after folding spaces",
			src:  edit(t, minimal, "    - {name: 住吉区, block: 南部}\n", "    - {name: 住吉区, block: 南部}\n    - {name: 北　区, block: 北部}\n"),
			at:   "北　区", msg: "重複",
		},
		{
			name: "unit in unknown block",
			src:  edit(t, minimal, "{name: 住吉区, block: 南部}", "{name: 住吉区, block: 東部}"),
			at:   "住吉区", msg: "ブロック「東部」は units.blocks にありません",
		},
		{
			name: "unit without block",
			src:  edit(t, minimal, "{name: 住吉区, block: 南部}", "{name: 住吉区}"),
			at:   "住吉区", msg: "block がありません",
		},
		{
			name: "breakdown_of pointing nowhere",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: c2\n            type: counts\n            label: 内訳\n            breakdown_of: c1.z\n            categories: [{id: a, label: えー}]\n          - id: memo\n"),
			at:   "- id: c2", msg: "breakdown_of「c1.z」に当たる区分がありません",
		},
		{
			name: "breakdown_of without the question id",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: c2\n            type: counts\n            label: 内訳\n            breakdown_of: x\n            categories: [{id: a, label: えー}]\n          - id: memo\n"),
			at:   "- id: c2", msg: "「設問id.区分id」",
		},
		{
			name: "breakdown_of a 再掲",
			src: edit(t, edit(t, minimal, "              - {id: y, label: ワイ}\n", "              - {id: y, label: ワイ}\n              - {id: xr, label: 再掲, repeat_of: x}\n"),
				"          - id: memo\n", "          - id: c2\n            type: counts\n            label: 内訳\n            breakdown_of: c1.xr\n            categories: [{id: a, label: えー}]\n          - id: memo\n"),
			at: "- id: c2", msg: "再掲の区分です",
		},
		{
			name: "repeat_of pointing nowhere",
			src:  edit(t, minimal, "{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: zz}"),
			at:   "label: ワイ", msg: "repeat_of「zz」に当たる区分・合計がありません",
		},
		{
			name: "repeat_of itself",
			src:  edit(t, minimal, "{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: y}"),
			at:   "label: ワイ", msg: "自分自身",
		},
		{
			name: "repeat_of a 再掲",
			src:  edit(t, edit(t, minimal, "{id: x, label: エックス}", "{id: x, label: エックス, repeat_of: y}"), "{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: x}"),
			at:   "label: エックス", msg: "再掲の再掲",
		},
		{
			name: "every category a 再掲",
			src:  edit(t, edit(t, minimal, "{id: x, label: エックス}", "{id: x, label: エックス, repeat_of: y}"), "{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: x}"),
			at:   "- id: c1", msg: "すべて再掲",
		},
		{
			name: "sum_of pointing nowhere",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: t1\n            type: total\n            label: 合計\n            sum_of: [c1.x, c1.w]\n          - id: memo\n"),
			at:   "- id: t1", msg: "sum_of「c1.w」に当たる区分がありません",
		},
		{
			name: "sum_of a 再掲",
			src: edit(t, edit(t, minimal, "              - {id: y, label: ワイ}\n", "              - {id: y, label: ワイ}\n              - {id: xr, label: 再掲, repeat_of: x}\n"),
				"          - id: memo\n", "          - id: t1\n            type: total\n            label: 合計\n            sum_of: [c1.x, c1.xr]\n          - id: memo\n"),
			at: "- id: t1", msg: "sum_of「c1.xr」は再掲の区分です",
		},
		{
			name: "total without sum_of",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: t1\n            type: total\n            label: 合計\n          - id: memo\n"),
			at:   "- id: t1", msg: "sum_of（合計する区分）がありません",
		},
		{
			name: "unknown question type",
			src:  edit(t, minimal, "type: text", "type: number"),
			at:   "- id: memo", msg: "type「number」は使えません",
		},
		{
			name: "rows on a counts question",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            rows: [{label: 行}]\n"),
			at:   "- id: c1", msg: "設問「c1」（counts）には rows は使えません",
		},
		{
			name: "lines on a choice question",
			src:  edit(t, minimal, "choices: yn\n", "choices: yn\n            lines: 3\n"),
			at:   "- id: q1", msg: "lines は使えません",
		},
		{
			name: "sum_of on a counts question",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            sum_of: [c1.x]\n"),
			at:   "- id: c1", msg: "sum_of は使えません",
		},
		{
			name: "counts without categories",
			src:  edit(t, minimal, "            categories:\n              - {id: x, label: エックス}\n              - {id: y, label: ワイ}\n", ""),
			at:   "- id: c1", msg: "categories がありません",
		},
		{
			name: "category without id",
			src:  edit(t, minimal, "{id: y, label: ワイ}", "{label: ワイ}"),
			at:   "label: ワイ", msg: "区分に id がありません",
		},
		{
			name: "duplicate category id",
			src:  edit(t, minimal, "{id: y, label: ワイ}", "{id: x, label: ワイ}"),
			at:   "label: ワイ", msg: "区分 id「x」が重複しています",
		},
		{
			name: "max below min",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            min: 5\n            max: 2\n"),
			at:   "- id: c1", msg: "max（2）が min より小さく",
		},
		{
			name: "sheet name too long",
			src:  edit(t, minimal, "name: 区役所", "name: "+strings.Repeat("長", 32)),
			at:   "- id: s1", msg: "31 文字",
		},
		{
			name: "sheet name with a forbidden character",
			src:  edit(t, minimal, "name: 区役所", "name: 区役所/相談"),
			at:   "- id: s1", msg: "Excel で使えない文字",
		},
		{
			name: "alias claimed by two options",
			src:  edit(t, minimal, "aliases: [×]", "aliases: [×, ○]"),
			at:   "label: いいえ", msg: "「○」が「はい」と「いいえ」の両方を指しています",
		},
		{
			name: "alias that is another option's code after folding",
			src:  edit(t, minimal, "aliases: [×]", "aliases: [×, １]"),
			at:   "label: いいえ", msg: "「１」が「はい」と「いいえ」の両方",
		},
		{
			name: "explicit code clashing with a positional one",
			src:  edit(t, minimal, "      - label: いいえ\n", "      - label: いいえ\n        code: 1\n"),
			at:   "label: いいえ", msg: "両方を指しています",
		},
		{
			name: "choice list with one option",
			src:  edit(t, minimal, "      - label: いいえ\n        aliases: [×]\n", ""),
			at:   "- id: yn", msg: "２つ以上",
		},
		{
			name: "cases field of an unknown type",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: cs\n            type: cases\n            label: 事例\n            fields:\n              - {id: f1, label: 内容, type: number}\n          - id: memo\n"),
			at:   "{id: f1", msg: "text か choice",
		},
		{
			name: "missing id",
			src:  edit(t, minimal, "id: test\n", ""),
			at:   "version: 1", msg: "調査の id がありません",
		},
		{
			name: "no units",
			src:  edit(t, minimal, "  list:\n    - {name: 北区, block: 北部}\n    - {name: 住吉区, block: 南部}\n", ""),
			at:   "id: test", msg: "units.list",
		},
		{
			name: "empty file",
			src:  "",
			at:   "", msg: "スキーマが空です",
		},
		{
			name: "file of comments only",
			src:  "# まだ何も書いていません\n\n",
			at:   "", msg: "スキーマが空です",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := schema.Parse([]byte(tc.src), "test.yaml")
			list := errorsOf(t, err)
			line := 0
			if tc.at != "" {
				line = lineOf(t, tc.src, tc.at)
			}
			if find(list, line, tc.msg) == nil {
				t.Errorf("want an error on line %d containing %q; got:\n%v", line, tc.msg, list)
			}
			for _, e := range list {
				if !hasJapanese.MatchString(e.Msg) {
					t.Errorf("message is not Japanese: %q", e.Msg)
				}
				if strings.Contains(e.Msg, "yaml:") || strings.Contains(e.Msg, "line ") {
					t.Errorf("message leaks parser wording: %q", e.Msg)
				}
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	_, err := schema.Parse([]byte(edit(t, minimal, "version: 1", "version: abc")), "my.yaml")
	if got, want := err.Error(), "my.yaml:2行目: 「abc」は整数として読めません"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	_, err = schema.Parse(nil, "my.yaml")
	if got, want := err.Error(), "my.yaml: スキーマが空です"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestAllMistakesAtOnce: a person fixing a schema sees every mistake in one run, in line
// order. Decoding mistakes (syntax of values, unknown keys) are reported together; the
// checks of meaning follow once those are fixed.
func TestAllMistakesAtOnce(t *testing.T) {
	type want struct{ at, msg string }
	tests := []struct {
		name  string
		src   string
		wants []want
	}{
		{
			name: "decoding",
			src: edit(t, edit(t, edit(t, minimal,
				"version: 1", "version: abc"),
				"label: 質問1", "lable: 質問1"),
				"type: counts\n", "type: counts\n            multiple: たぶん\n"),
			wants: []want{
				{"version: abc", "整数"},
				{"lable:", "不明な項目「lable」"},
				{"multiple:", "true または false"},
			},
		},
		{
			name: "meaning",
			src: edit(t, edit(t, edit(t, edit(t, minimal,
				"    - {name: 住吉区, block: 南部}\n", "    - {name: 住吉区, block: 南部}\n    - {name: 東区, block: 東部}\n"),
				"choices: yn", "choices: yesno"),
				"{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: zz}"),
				"type: text", "type: number"),
			wants: []want{
				{"東区", "ブロック「東部」"},
				{"- id: q1", "選択肢リスト「yesno」"},
				{"label: ワイ", "repeat_of「zz」"},
				{"- id: memo", "type「number」"},
			},
		},
		{
			name: "fixture file",
			src:  string(readFile(t, "testdata/mistakes.yaml")),
			wants: []want{
				{"name: 東区", "ブロック「中部」"},
				{"name: 北 区", "重複"},
				{"label: 現時点では未着手", "「実施中」が「実施している」と「現時点では未着手」"},
				{"id: a1", "選択肢リスト「status」"},
				{"id: u3", "rows は使えません"},
				{"id: o2", "breakdown_of「o1.medical」"},
				{"repeat_of: o1.02", "repeat_of「o1.02」"},
				{"{id: ka2", "id「ka2」が重複"},
				{"id: o4total", "sum_of「o4.care」"},
				{"id: o4total", "sum_of「o4.carekaigi」は再掲"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := schema.Parse([]byte(tc.src), "test.yaml")
			list := errorsOf(t, err)
			if len(list) != len(tc.wants) {
				t.Errorf("%d errors, want %d:\n%v", len(list), len(tc.wants), list)
			}
			for _, w := range tc.wants {
				if line := lineOf(t, tc.src, w.at); find(list, line, w.msg) == nil {
					t.Errorf("missing error on line %d containing %q; got:\n%v", line, w.msg, list)
				}
			}
			for i := 1; i < len(list); i++ {
				if list[i].Line < list[i-1].Line {
					t.Errorf("errors out of line order: %d before %d", list[i-1].Line, list[i].Line)
				}
			}
		})
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ---------------------------------------------------------------- files

func TestLoad(t *testing.T) {
	path := filepath.Join("testdata", "minimal.yaml")
	s, err := schema.Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	if s.Source != path || s.ID != "test" || len(s.Units.List) != 2 {
		t.Errorf("Load(%s): source %q, id %q, %d units", path, s.Source, s.ID, len(s.Units.List))
	}

	// Mistakes name the file they are in.
	_, err = schema.Load(filepath.Join("testdata", "mistakes.yaml"))
	if err == nil || !strings.HasPrefix(err.Error(), filepath.Join("testdata", "mistakes.yaml")+":") {
		t.Errorf("Load(mistakes.yaml) error does not start with the file name: %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ないファイル.yaml")
	_, err := schema.Load(path)
	if err == nil {
		t.Fatal("Load of a missing file succeeded")
	}
	if !strings.Contains(err.Error(), path) || !hasJapanese.MatchString(err.Error()) {
		t.Errorf("error %q does not name %s in Japanese", err, path)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v is not fs.ErrNotExist", err)
	}
}

// TestDocExample parses the first ```yaml block of docs/schema.md, so the example people
// copy from always loads.
func TestDocExample(t *testing.T) {
	doc := string(readFile(t, filepath.Join("..", "docs", "schema.md")))
	_, rest, ok := strings.Cut(doc, "```yaml\n")
	if !ok {
		t.Fatal("docs/schema.md has no ```yaml block")
	}
	src, _, ok := strings.Cut(rest, "\n```")
	if !ok {
		t.Fatal("docs/schema.md: the ```yaml block is not closed")
	}
	s, err := schema.Parse([]byte(src), "docs/schema.md")
	if err != nil {
		t.Fatalf("the example in docs/schema.md does not load:\n%v", err)
	}
	// The example shows what the page says it shows.
	if len(s.Units.List) != 3 || len(s.Units.Blocks) != 2 {
		t.Errorf("example has %d units in %d blocks, want 3 in 2", len(s.Units.List), len(s.Units.Blocks))
	}
	if len(s.Sheets) != 1 || len(s.Sheets[0].Items) != 1 {
		t.Fatalf("example has %d sheets, want 1 sheet with 1 item", len(s.Sheets))
	}
	types := map[schema.QuestionType]int{}
	repeat, breakdown := false, false
	for _, q := range s.Questions() {
		types[q.Type]++
		for _, c := range q.Categories {
			repeat = repeat || c.IsRepeat()
		}
		breakdown = breakdown || q.BreakdownOf != ""
	}
	for _, typ := range []schema.QuestionType{schema.Choice, schema.ChoiceGroup, schema.Counts, schema.Total, schema.TextList} {
		if types[typ] == 0 {
			t.Errorf("example has no %s question", typ)
		}
	}
	if !repeat || !breakdown {
		t.Errorf("example lacks a 再掲 (%v) or a 内訳 (%v)", repeat, breakdown)
	}
}

func TestAnswerNameCollisionsRejected(t *testing.T) {
	for _, tc := range []struct{ name, questions string }{
		{"row key vs question id", `
          - id: a
            type: choice_group
            label: 行
            choices: yn
            rows: [{label: 一}]
          - id: a_1
            type: choice
            label: 設問
            choices: yn`},
		{"category ids differing in case", `
          - id: c
            type: counts
            label: 件数
            categories: [{id: x, label: 一}, {id: X, label: 二}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := `id: t
version: 1
title: T
units:
  list: [{name: A区}]
choice_lists:
  - id: yn
    options: [{label: はい}, {label: いいえ}]
sheets:
  - id: s
    name: S
    items:
      - id: i
        label: 項目
        questions:` + tc.questions + "\n"
			_, err := schema.Parse([]byte(src), "t.yaml")
			if err == nil || !(strings.Contains(err.Error(), "Excel の名前が同じ") || strings.Contains(err.Error(), "重複")) {
				t.Fatalf("collision not rejected: %v", err)
			}
		})
	}
}
