package trendcmd

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/cli/clitest"
)

// golden is the sample aggregate with testdata/history attached: 令和４年度 (published
// totals), 令和５年度上半期 and 令和５年度 (per-ward answers), then 令和６年度上半期.
var golden = filepath.Join("..", "..", "..", "testdata", "golden", "aggregate.json")

func run(args ...string) (string, int) {
	return clitest.Run(func(io *cli.IO) *cobra.Command { return NewCmdTrend(io, nil) }, args...)
}

// csvRows runs the CSV form and keys every row by unit and period code.
func csvRows(t *testing.T, id string) (map[string][]string, [][]string) {
	t.Helper()
	out, code := run(golden, id, "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "\uFEFF") {
		t.Fatalf("exit %d, or no BOM:\n%.300s", code, out)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "期間,期間（表示）,区,設問ID,設問,選択肢・区分,値,備考" {
		t.Fatalf("header %s", got)
	}
	m := map[string][]string{}
	for _, r := range recs[1:] {
		k := r[2] + "|" + r[0]
		if r[2] == cityLabel && r[5] != "" && id != "o4.city" {
			k += "|" + r[5]
		}
		m[k] = r
	}
	return m, recs[1:]
}

// movements reads testdata/sample/movements.tsv: ward → the answers of key in 2023H1, 2023, 2024H1.
func movements(t *testing.T, key string) map[string][3]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "..", "testdata", "sample", "movements.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string][3]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) == 5 && c[0] == key {
			m[c[1]] = [3]string{c[2], c[3], c[4]}
		}
	}
	if len(m) == 0 {
		t.Fatalf("movements.tsv has no %s", key)
	}
	return m
}

var wards = strings.Split("北区 都島区 福島区 此花区 中央区 西区 港区 大正区 天王寺区 浪速区 西淀川区 淀川区 東淀川区 東成区 生野区 旭区 城東区 鶴見区 阿倍野区 住之江区 住吉区 東住吉区 平野区 西成区", " ")

// (ア)５ over the four periods: 令和４年度 did not ask it (「―」 everywhere); each ward's
// answers are movements.tsv's where it moved and this period's answer in all three
// periods otherwise; the moves cancel out, so the city counts are 10 / 10 / 4 each time.
func TestChoiceSeries(t *testing.T) {
	rows, all := csvRows(t, "a1.5")
	if n := len(all); n != 3*4+24*4 {
		t.Errorf("%d rows, want 3 options × 4 periods + 24 wards × 4 periods", n)
	}
	for opt, n := range map[string]string{"実施している": "10", "実施に向けて準備・調整中": "10", "現時点では未着手": "4"} {
		for _, p := range []string{"2023H1", "2023", "2024H1"} {
			if r := rows[cityLabel+"|"+p+"|"+opt]; r == nil || r[6] != n {
				t.Errorf("city %s %s = %v, want %s", p, opt, r, n)
			}
		}
		if r := rows[cityLabel+"|2022|"+opt]; r == nil || r[6] != "" || r[7] != "この期間の調査にありません" {
			t.Errorf("city 2022 %s = %v, want no figure", opt, r)
		}
	}
	moved := movements(t, "a1.5")
	for _, w := range wards {
		now := rows[w+"|2024H1"]
		want, ok := moved[w]
		if !ok {
			want = [3]string{now[5], now[5], now[5]}
		}
		for i, p := range []string{"2023H1", "2023", "2024H1"} {
			if r := rows[w+"|"+p]; r == nil || r[5] != want[i] || r[6] != "1" {
				t.Errorf("%s %s = %v, want %s", w, p, r, want[i])
			}
		}
		if r := rows[w+"|2022"]; r == nil || r[5] != "" || r[6] != "" || r[7] == "" {
			t.Errorf("%s 2022 = %v, want no answer with a reason", w, r)
		}
	}
	text, code := run(golden, "a1.5")
	for _, want := range []string{"５．在宅医療・介護の必要量（需要）や資源量（供給）の将来推計（a1.5）", "令和４年度  令和５年度上半期", "全体（区の数）", "区ごと"} {
		if code != 0 || !strings.Contains(text, want) {
			t.Errorf("exit %d, text lacks %q:\n%s", code, want, text)
		}
	}
	for _, l := range strings.Split(text, "\n") {
		if f := strings.Fields(l); len(f) == 5 && f[0] == "北区" {
			if got := strings.Join(f[1:], " "); got != "― 現時点では未着手 実施に向けて準備・調整中 実施に向けて準備・調整中" {
				t.Errorf("北区's line: %s", got)
			}
		}
	}
}

// u3's total: 資料１'s 6,784 this period; the samples make 令和５年度 twice this period ward
// by ward (13,568) and 令和５年度上半期 0.9 × (6,106); 令和４年度 did not ask it.
func TestCountSeries(t *testing.T) {
	rows, all := csvRows(t, "u3")
	if n := len(all); n != 25*4 {
		t.Errorf("%d rows, want (city + 24 wards) × 4 periods", n)
	}
	for p, want := range map[string]string{"2022": "", "2023H1": "6106", "2023": "13568", "2024H1": "6784"} {
		if r := rows[cityLabel+"|"+p]; r == nil || r[6] != want {
			t.Errorf("city %s = %v, want %q", p, r, want)
		}
	}
	var sum [2]int64
	for _, w := range wards {
		now, _ := strconv.ParseInt(rows[w+"|2024H1"][6], 10, 64)
		year, _ := strconv.ParseInt(rows[w+"|2023"][6], 10, 64)
		half, err := strconv.ParseInt(rows[w+"|2023H1"][6], 10, 64)
		if err != nil || now == 0 || year != 2*now {
			t.Errorf("%s: 2023 %d, 2024H1 %d (%v), want twice", w, year, now, err)
		}
		sum[0] += half
		sum[1] += now
	}
	if sum != [2]int64{6106, 6784} {
		t.Errorf("wards sum to %v, want the city's 6,106 and 6,784", sum)
	}
	text, _ := run(golden, "u3")
	if !strings.Contains(text, "6,106") || !strings.Contains(text, "13,568") || !strings.Contains(text, "6,784") || !strings.Contains(text, "単位: 件") {
		t.Errorf("text:\n%s", text)
	}
}

// A period from published totals only (令和４年度, o4.city 778 in 資料１) shows its total
// and 「―」 for every ward, never 0.
func TestPublishedTotalsOnly(t *testing.T) {
	rows, _ := csvRows(t, "o4.city")
	if r := rows[cityLabel+"|2022"]; r == nil || r[6] != "778" || r[5] != "１．市・区の会議、研修会" {
		t.Errorf("city 2022 = %v, want 778", r)
	}
	for _, w := range wards {
		if r := rows[w+"|2022"]; r == nil || r[6] != "" || !strings.Contains(r[7], "区ごとの数値はありません") {
			t.Errorf("%s 2022 = %v", w, r)
		}
	}
	text, _ := run(golden, "o4.city")
	for _, l := range strings.Split(text, "\n") {
		if f := strings.Fields(l); len(f) == 5 && f[0] == "北区" && f[1] != none {
			t.Errorf("北区 in 令和４年度: %q", l)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{golden, "zz9"}, "aggregate.json に「zz9」という設問・項目・区分はありません。IDは「zaitaku schema show」"},
		{[]string{golden, "a1"}, "「a1」は項目ごとに選ぶ設問です。項目のID（a1.1・a1.2・a1.3・a1.4・a1.5）を指定してください"},
		{[]string{golden, "ka2"}, "期間ごとの推移を示せません"},
		{[]string{golden, "u3", "--format", "xml"}, "--format に「xml」は指定できません"},
		{[]string{golden}, "設問・項目のID（例: a1.5）を指定してください"},
		{[]string{"nothing.json", "u3"}, "nothing.json を読めません"},
	} {
		out, code := run(tc.args...)
		if code != cli.ExitUsage || !strings.Contains(out, tc.want) {
			t.Errorf("%v: exit %d\n%s", tc.args, code, out)
		}
	}
}

// -o writes the file (the CSV with its BOM) instead of printing it.
func TestOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "推移.csv")
	out, code := run(golden, "u3", "--format", "csv", "-o", path)
	data, err := os.ReadFile(path)
	if code != 0 || err != nil || !strings.HasPrefix(string(data), "\uFEFF期間,") || !strings.Contains(out, path) {
		t.Fatalf("exit %d, %v\n%s", code, err, out)
	}
}

// A survey of 相談支援室 without earlier periods: its unit word everywhere (never 区), a
// number question in its decimal places, and a note that there is nothing earlier.
func TestOtherSurveyNoHistory(t *testing.T) {
	res := aggregatetest.NumberSample(t)
	path := filepath.Join(t.TempDir(), "aggregate.json")
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := run(path, "hours")
	for _, want := range []string{"（hours）", "全体", "相談支援室ごと", "  第四室", "3.2", "8.5", "この集計結果には前の期間がありません"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, lacks %q:\n%s", code, want, out)
		}
	}
	if strings.Contains(strings.ReplaceAll(out, "区分", ""), "区") {
		t.Errorf("says 区:\n%s", out)
	}
	page, code := run(path, "hours", "--format", "html")
	for _, want := range []string{"<caption>", "相談支援室ごと", `<th scope="row">第四室</th>`, ">3.2<", `"type":"line"`} {
		if code != 0 || !strings.Contains(page, want) {
			t.Errorf("exit %d, page lacks %q", code, want)
		}
	}
	out, _ = run(path, "hours", "--format", "csv")
	if !strings.Contains(out, "\uFEFF期間,期間（表示）,相談支援室,") || !strings.Contains(out, ",第四室,hours,") || !strings.Contains(out, ",3.2,") {
		t.Errorf("CSV:\n%s", out)
	}
}
