// Package schemacmd is `zaitaku schema`: check a schema file, list its questions, or print
// the embedded default or a shipped example as a starting point.
package schemacmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
)

// Options are the inputs of the schema subcommands.
type Options struct {
	IO         *cli.IO
	SchemaPath string
	Format     string
}

// NewCmdSchema wires `zaitaku schema` and its subcommands.
func NewCmdSchema(io *cli.IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "調査の定義（設問・選択肢・回答する単位・ルール）を確認する",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newCmdCheck(io), newCmdShow(io), newCmdDefault(io), newCmdExample(io))
	return cmd
}

func newCmdCheck(io *cli.IO) *cobra.Command {
	opts := &Options{IO: io}
	return &cobra.Command{
		Use:     "check ファイル.yaml",
		Short:   "調査の定義ファイルに誤りがないか確認する",
		Example: "  zaitaku schema check my-survey.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cli.Usage("確認する定義ファイルを１つ指定してください（例: zaitaku schema check my-survey.yaml）")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.SchemaPath = args[0]
			return runCheck(opts)
		},
	}
}

func runCheck(opts *Options) error {
	sc, err := schema.Load(opts.SchemaPath)
	var list schema.ErrorList
	switch {
	case errors.As(err, &list):
		fmt.Fprintln(opts.IO.Out, err.Error())
		fmt.Fprintf(opts.IO.Out, "%s: 誤り %d件\n", opts.SchemaPath, len(list))
		return &cli.ExitError{Code: cli.ExitFindings}
	case err != nil:
		return cli.Usage("%v", err)
	}
	fmt.Fprintf(opts.IO.Out, "%s: 問題はありません（%s 第%d版、期間 %s、シート %d・設問 %d・回答欄 %d・%s %d・ルール %d）\n",
		opts.SchemaPath, sc.ID, sc.Version, describePeriod(sc).Name, len(sc.Sheets), len(sc.Questions()), len(form.Slots(sc)),
		sc.Units.Label, len(sc.Units.List), len(sc.Rules))
	return nil
}

func newCmdShow(io *cli.IO) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "show",
		Short: "設問の一覧（id・種類・ラベル・選択肢）と期間の単位・ルールを表示する",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(opts)
		},
	}
	cli.AddSchemaFlag(cmd.Flags(), &opts.SchemaPath)
	cmd.Flags().StringVar(&opts.Format, "format", "text", "出力の形式: text または json")
	return cmd
}

// Info is the schema as `schema show --format json` prints it.
type Info struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Title   string `json:"title"`
	// ReportTitle, DocLabel and Numbering are the labels of the report as loaded, defaults
	// filled in (report_title is the title when not given; doc_label may be empty).
	ReportTitle string         `json:"report_title"`
	DocLabel    string         `json:"doc_label"`
	Numbering   string         `json:"numbering"`
	Period      PeriodInfo     `json:"period"`
	Units       UnitsInfo      `json:"units"`
	Questions   []QuestionInfo `json:"questions"`
	Rules       []RuleInfo     `json:"rules"`
}

// UnitsInfo is who answers: the unit word, the blocks and every unit in official order.
type UnitsInfo struct {
	Label      string   `json:"label"`
	BlockLabel string   `json:"block_label,omitempty"`
	Blocks     []string `json:"blocks,omitempty"`
	List       []string `json:"list"`
}

// QuestionInfo is one question as `schema show --format json` prints it.
type QuestionInfo struct {
	ID          string     `json:"id"`
	Type        string     `json:"type"`
	Sheet       string     `json:"sheet"`
	Item        string     `json:"item"`
	Number      string     `json:"number,omitempty"`
	Label       string     `json:"label"`
	Required    bool       `json:"required"`
	Options     []string   `json:"options,omitempty"`
	Rows        []KeyLabel `json:"rows,omitempty"`
	Categories  []KeyLabel `json:"categories,omitempty"`
	Unit        string     `json:"unit,omitempty"`
	BreakdownOf string     `json:"breakdown_of,omitempty"`
	SumOf       []string   `json:"sum_of,omitempty"`
	// Computed is a total nobody types, the sum of SumOf (schema's computed: true).
	Computed bool         `json:"computed,omitempty"`
	Fields   []FieldLabel `json:"fields,omitempty"`
	// Min, Max and Decimals are a number question's bounds and decimal places (number
	// questions only, so the other questions print as before).
	Min      *int64 `json:"min,omitempty"`
	Max      *int64 `json:"max,omitempty"`
	Decimals *int   `json:"decimals,omitempty"`
	// ShowRange is a number question's show_range.
	ShowRange bool `json:"show_range,omitempty"`
	// ChangeCheck is the 前回比 check in force (the schema's change_check), absent when the
	// question has none.
	ChangeCheck *ChangeInfo `json:"change_check,omitempty"`
}

// ChangeInfo is one question's 前回比 check: for counts and numbers the ratio and least
// difference, for choices only that a move down the list is flagged.
type ChangeInfo struct {
	Ratio         float64 `json:"ratio,omitempty"`
	MinDifference *int64  `json:"min_difference,omitempty"`
	ChoiceDown    bool    `json:"choice_down,omitempty"`
}

// describeChange is the question's 前回比 check, or nil.
func describeChange(q *schema.Question) *ChangeInfo {
	r := q.ChangeRule()
	switch {
	case r == nil:
		return nil
	case q.Type == schema.Choice || q.Type == schema.ChoiceGroup:
		return &ChangeInfo{ChoiceDown: true}
	}
	d := r.MinDifference
	return &ChangeInfo{Ratio: r.Ratio(), MinDifference: &d}
}

// changeLine says a question's 前回比 check in words, or "".
func changeLine(q QuestionInfo) string {
	c := q.ChangeCheck
	switch {
	case c == nil:
		return ""
	case c.ChoiceDown:
		return "前回比: 前回より後の選択肢になったら警告"
	}
	r := strconv.FormatFloat(c.Ratio, 'f', -1, 64)
	diff := strings.TrimSpace(fmt.Sprintf("%d %s", *c.MinDifference, q.Unit))
	return fmt.Sprintf("前回比: 前回の %s 倍以上か 1/%s 以下で、差が %s 以上なら警告", r, r, diff)
}

// KeyLabel is a row or category with its schema-wide key.
type KeyLabel struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	RepeatOf string `json:"repeat_of,omitempty"`
	// ComputedFrom is, for a computed category, the breakdown question whose total it is.
	ComputedFrom string `json:"computed_from,omitempty"`
}

// FieldLabel is a case-record field.
type FieldLabel struct {
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Options []string `json:"options,omitempty"`
}

func describe(sc *schema.Schema) []QuestionInfo {
	var out []QuestionInfo
	for _, q := range sc.Questions() {
		qi := QuestionInfo{ID: q.ID, Type: string(q.Type), Sheet: q.Item.Sheet.Name, Item: q.Item.Heading(),
			Number: q.Number, Label: q.Label, Required: q.Required(), Unit: q.Unit, BreakdownOf: q.BreakdownOf, SumOf: q.SumOf, Computed: q.Computed,
			ChangeCheck: describeChange(q)}
		if q.List != nil {
			qi.Options = q.List.Labels()
		}
		if q.Type == schema.Number {
			describeNumber(&qi, q)
		}
		for _, r := range q.Rows {
			qi.Rows = append(qi.Rows, KeyLabel{Key: r.Key, Label: form.RowLabel(q, r)})
		}
		for _, c := range q.Categories {
			kl := KeyLabel{Key: c.Key, Label: form.CategoryLabel(c), RepeatOf: c.RepeatKey}
			if c.Computed && c.Breakdown != nil {
				kl.ComputedFrom = c.Breakdown.ID
			}
			qi.Categories = append(qi.Categories, kl)
		}
		for _, f := range q.Fields {
			fl := FieldLabel{ID: f.ID, Label: f.Label}
			if f.List != nil {
				fl.Options = f.List.Labels()
			}
			qi.Fields = append(qi.Fields, fl)
		}
		out = append(out, qi)
	}
	return out
}

func runShow(opts *Options) error {
	if opts.Format != "text" && opts.Format != "json" {
		return cli.Usage("--format は text か json を指定してください（%q は使えません）", opts.Format)
	}
	sc, err := cli.LoadSchema(opts.SchemaPath)
	if err != nil {
		return err
	}
	var units []string
	for _, u := range sc.Units.List {
		units = append(units, u.Name)
	}
	all := Info{ID: sc.ID, Version: sc.Version, Title: sc.Title, Period: describePeriod(sc),
		ReportTitle: sc.ReportTitle, DocLabel: sc.DocLabel, Numbering: string(sc.Numbering),
		Units:     UnitsInfo{Label: sc.Units.Label, BlockLabel: sc.Units.BlockLabel, Blocks: sc.Units.Blocks, List: units},
		Questions: describe(sc), Rules: describeRules(sc)}
	w := opts.IO.Out
	if opts.Format == "json" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(all)
	}
	info := all.Questions
	fmt.Fprintf(w, "%s（%s 第%d版）\n", sc.Title, sc.ID, sc.Version)
	fmt.Fprintf(w, "期間: %s（period: %s）。対象期間は %s\n", all.Period.Name, all.Period.Kind, all.Period.Help)
	fmt.Fprintf(w, "%s（%d）: %s\n", sc.Units.Label, len(units), strings.Join(units, "、"))
	sheet, item := "", ""
	for _, q := range info {
		if q.Sheet != sheet {
			sheet = q.Sheet
			fmt.Fprintf(w, "\n■ シート「%s」\n", sheet)
		}
		if q.Item != item {
			item = q.Item
			fmt.Fprintf(w, "%s\n", item)
		}
		req := ""
		if q.Required {
			req = "・必須"
		}
		fmt.Fprintf(w, "  %-10s %s%s（%s%s）\n", q.ID, q.Number, q.Label, q.Type, req)
		if len(q.Options) > 0 {
			fmt.Fprintf(w, "      選択肢: %s\n", strings.Join(q.Options, "／"))
		}
		for _, r := range q.Rows {
			fmt.Fprintf(w, "      %-12s %s\n", r.Key, r.Label)
		}
		for _, c := range q.Categories {
			extra := ""
			if c.RepeatOf != "" {
				extra = "（再掲: " + c.RepeatOf + " の内数・合計に含めない）"
			}
			if c.ComputedFrom != "" {
				extra = "（自動計算: " + c.ComputedFrom + " の合計・記入しない）"
			}
			fmt.Fprintf(w, "      %-12s %s%s\n", c.Key, c.Label, extra)
		}
		switch {
		case q.BreakdownOf != "" && sc.IsComputed(q.BreakdownOf):
			fmt.Fprintf(w, "      内訳: 合計が %s になる（自動計算）\n", q.BreakdownOf)
		case q.BreakdownOf != "":
			fmt.Fprintf(w, "      内訳: 合計が %s と一致すること\n", q.BreakdownOf)
		}
		switch {
		case len(q.SumOf) > 0 && q.Computed:
			fmt.Fprintf(w, "      合計: %s の和（自動計算・記入しない）\n", strings.Join(q.SumOf, " ＋ "))
		case len(q.SumOf) > 0:
			fmt.Fprintf(w, "      合計: %s の和と一致すること\n", strings.Join(q.SumOf, " ＋ "))
		}
		if q.Decimals != nil {
			writeNumber(w, q)
		}
		if l := changeLine(q); l != "" {
			fmt.Fprintf(w, "      %s\n", l)
		}
		for _, f := range q.Fields {
			opt := ""
			if len(f.Options) > 0 {
				opt = "（" + strings.Join(f.Options, "／") + "）"
			}
			fmt.Fprintf(w, "      %-12s %s%s\n", f.ID, f.Label, opt)
		}
	}
	writeRules(w, all.Rules)
	writeSpellings(w, sc)
	return nil
}

// writeSpellings lists, per choice list, what a pasted answer may say besides the label:
// the number and the other spellings. The dropdowns show only the labels, so this is where
// staff can see why 準備中 or ２ was accepted and ほぼ実施 was not.
func writeSpellings(w io.Writer, sc *schema.Schema) {
	if len(sc.ChoiceLists) == 0 {
		return // a survey of counts and numbers only (the 月報) has no spellings to list
	}
	fmt.Fprintf(w, "\n■ 選択肢として受け付ける書き方（番号・別の書き方。全角・半角の違いと空白は区別しません）\n")
	for _, l := range sc.ChoiceLists {
		fmt.Fprintf(w, "%s\n", l.ID)
		for _, o := range l.Options {
			alt := ""
			if len(o.Aliases) > 0 {
				alt = "　（" + strings.Join(o.Aliases, "・") + "）"
			}
			fmt.Fprintf(w, "  %d %s%s\n", o.Code, o.Label, alt)
		}
	}
}

func newCmdDefault(io *cli.IO) *cobra.Command {
	return &cobra.Command{
		Use:     "default",
		Short:   "組み込みの調査の定義（YAML）を表示する（自分の調査を作る出発点に）",
		Example: "  zaitaku schema default > my-survey.yaml",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := io.Out.Write(schema.DefaultYAML())
			return err
		},
	}
}
