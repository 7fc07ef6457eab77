package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"gopkg.in/yaml.v3"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
)

// historyPeriod is one earlier period of history.yaml.
type historyPeriod struct {
	Period  string                    `yaml:"period"`
	Choices map[string][][2]yaml.Node `yaml:"choices"`
	Counts  map[string]int64          `yaml:"counts"`
	Totals  map[string]int64          `yaml:"totals"`
}

// writeHistory turns the published earlier figures into aggregate.json files, so the
// sample aggregate can show 資料１'s comparisons through the real --history path.
func writeHistory(sc *schema.Schema, sampleDir, outDir string) (int, error) {
	data, err := os.ReadFile(filepath.Join(sampleDir, "history.yaml"))
	if err != nil {
		return 0, err
	}
	var periods []historyPeriod
	if err := yaml.Unmarshal(data, &periods); err != nil {
		return 0, fmt.Errorf("history.yaml: %w", err)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return 0, err
	}
	for _, hp := range periods {
		p, err := period.Parse(hp.Period)
		if err != nil {
			return 0, fmt.Errorf("history.yaml: %w", err)
		}
		res, err := historyResult(sc, p, hp)
		if err != nil {
			return 0, fmt.Errorf("history.yaml %s: %w", hp.Period, err)
		}
		if err := writeFile(filepath.Join(outDir, p.String()+".json"), res.WriteJSON); err != nil {
			return 0, err
		}
	}
	return len(periods), nil
}

func historyResult(sc *schema.Schema, p period.Period, hp historyPeriod) (*aggregate.Result, error) {
	n := len(sc.Units.List)
	res := aggregate.Compute(sc, p, nil, aggregate.Submission{
		Expected: n, Counted: n, Complete: true,
		Missing: []string{}, Excluded: []string{}, Wards: []aggregate.WardStatus{},
		Summary: aggregate.SummaryLine(sc.Units.Label, n, n, nil, nil) + "（公表値から作成・区別の内訳なし）",
	})
	keep := map[string]bool{}
	for _, q := range res.Questions {
		// Only what was published is kept: a row or category left out has no data, not 0.
		var rows []*aggregate.ChoiceRow
		var cats []*aggregate.Category
		for _, row := range q.Rows {
			pairs, ok := hp.Choices[row.Key]
			if !ok {
				continue
			}
			rows = append(rows, row)
			keep[q.ID] = true
			row.Options = nil
			q.Options = nil
			for _, pair := range pairs {
				var label string
				var count int
				if err := pair[0].Decode(&label); err != nil {
					return nil, err
				}
				if err := pair[1].Decode(&count); err != nil {
					return nil, err
				}
				row.Options = append(row.Options, aggregate.OptionCount{Option: label, Count: count, Wards: []string{}})
				row.Answered += count
				q.Options = append(q.Options, label)
			}
		}
		var sum int64
		for _, c := range q.Categories {
			v, ok := hp.Counts[c.Key]
			if !ok {
				continue
			}
			keep[q.ID] = true
			cats = append(cats, c)
			c.Figure = aggregate.Figure{Sum: v, Wards: n}
			if !c.Repeat {
				sum += v
			}
		}
		q.Rows, q.Categories = rows, cats
		if keep[q.ID] && q.Type == schema.Counts {
			q.Total = &aggregate.Figure{Sum: sum, Wards: n}
		}
		if v, ok := hp.Totals[q.ID]; ok {
			keep[q.ID] = true
			q.Total = &aggregate.Figure{Sum: v, Wards: n}
		}
	}
	for key := range hp.Choices {
		if keyQuestion(sc, key) == nil {
			return nil, fmt.Errorf("choices: %s is not an answer of the survey", key)
		}
	}
	var kept []*aggregate.Question
	for _, q := range res.Questions {
		if keep[q.ID] {
			kept = append(kept, q)
		}
	}
	res.Questions = kept
	return res, nil
}

func keyQuestion(sc *schema.Schema, key string) *schema.Question {
	for _, s := range form.Slots(sc) {
		if s.Key == key {
			return s.Question
		}
	}
	return nil
}

// writeWardHistory builds the earlier periods that have per-ward answers: every folder of
// sampleDir named as a period (2023H1, 2023) holds an answers.tsv and texts.yaml like the
// current period's. Its returns are built through the real template and checked (run), then
// aggregated exactly as `zaitaku aggregate` does, and the aggregate.json written to outDir.
func writeWardHistory(sc *schema.Schema, sampleDir, outDir string) (int, error) {
	entries, err := os.ReadDir(sampleDir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		p, err := period.ParseKind(e.Name(), period.Kind(sc.Period))
		if err != nil {
			continue // not a period's folder
		}
		dir := filepath.Join(sampleDir, e.Name())
		psc, err := periodSchema(sc, dir)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", dir, err)
		}
		res, err := wardResult(psc, p, dir)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", dir, err)
		}
		if err := writeFile(filepath.Join(outDir, p.String()+".json"), res.WriteJSON); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// wardResult builds one period's returns into a temporary folder and aggregates them.
func wardResult(sc *schema.Schema, p period.Period, dir string) (*aggregate.Result, error) {
	tmp, err := os.MkdirTemp("", "zaitaku-gen-history-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if _, err := run(sc, p, dir, tmp); err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(tmp, "*.xlsx"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	col, err := aggregate.Collect(files, sc, aggregate.CollectOptions{Period: p})
	if err != nil {
		return nil, err
	}
	if !col.Ready() {
		return nil, fmt.Errorf("the returns do not aggregate cleanly: %s", col.Submission.Summary)
	}
	return col.Result(), nil
}

// periodSchema is the schema an earlier period was surveyed with: the current one, with
// the options of the questions listed in dir/options.yaml (question id → option labels)
// replaced, when that period's survey offered others (i1 in 令和５年度上半期).
func periodSchema(sc *schema.Schema, dir string) (*schema.Schema, error) {
	data, err := os.ReadFile(filepath.Join(dir, "options.yaml"))
	if errors.Is(err, os.ErrNotExist) {
		return sc, nil
	}
	if err != nil {
		return nil, err
	}
	var changed map[string][]string
	if err := yaml.Unmarshal(data, &changed); err != nil {
		return nil, fmt.Errorf("options.yaml: %w", err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(schema.DefaultYAML(), &doc); err != nil {
		return nil, err
	}
	lists, _ := doc["choice_lists"].([]any)
	found := map[string]bool{}
	for _, sh := range doc["sheets"].([]any) {
		for _, it := range sh.(map[string]any)["items"].([]any) {
			for _, qv := range it.(map[string]any)["questions"].([]any) {
				q := qv.(map[string]any)
				labels, ok := changed[fmt.Sprint(q["id"])]
				if !ok {
					continue
				}
				id := fmt.Sprintf("%s_%s", q["id"], filepath.Base(dir))
				var opts []any
				for _, l := range labels {
					opts = append(opts, map[string]any{"label": l})
				}
				lists = append(lists, map[string]any{"id": id, "options": opts})
				q["choices"] = id
				found[fmt.Sprint(q["id"])] = true
			}
		}
	}
	for id := range changed {
		if !found[id] {
			return nil, fmt.Errorf("options.yaml: %s is not a question of the survey", id)
		}
	}
	doc["choice_lists"] = lists
	out, err := yaml.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return schema.Parse(out, filepath.Join(dir, "options.yaml"))
}
