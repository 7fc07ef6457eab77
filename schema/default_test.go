// Tests of the embedded default schema against survey-spec.md.

package schema_test

import (
	"bytes"
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
			// The half-yearly survey names no period kind and gets the default.
			if s.Period != "half" {
				t.Errorf("Period = %q, want half", s.Period)
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
