// Command gen writes the sample returns of testdata/returns: one filled-in return workbook
// per ward for 令和６年度上半期 (2024H1), made from the answer tables in testdata/sample
// through the real template (form.BuildTemplate) and formtest.Fill, exactly as a ward's filled
// form would look. Summed over the 24 wards the figures reproduce 資料１.
//
// Run it from the repository root whenever the template or the tables change:
//
//	go run ./testdata/gen [-o testdata/returns] [-sample testdata/sample]
//
// The tables:
//
//   - answers.tsv: UTF-8, tab-separated. Header "key, label, <ward>…" (the 24 wards); one
//     row per choice or count answer key in form order ("a1.1", "i1", "u3.01r", "o4total").
//     label is for people and ignored. Choice cells hold the answer as a ward types it (an
//     option label, alias or code); count cells hold whole numbers.
//   - texts.yaml: per ward, the free-text answers by question id (ka2, u3other, ki3) and the
//     case records of o3 (fields scene, client, profile, content, response, outcome).
//
// It also writes the sample returns of the second shipped survey, the 相談支援室 月報
// (schema/examples/getsuho.yaml): 11 wards for 平成28年8月～平成29年3月, from
// testdata/getsuho/answers.tsv (same format; no texts.yaml, as the 月報 has no free text) to
// testdata/getsuho/returns. Its figures were chosen to reproduce, summed over the 11 wards
// and as the smallest and largest ward's, every figure of testdata/getsuho/figures.tsv.
//
// Output is deterministic: the same tables and template give byte-identical files.
package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/examples"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/period"
)

// samplePeriod is the half-year the sample returns answer for.
var samplePeriod = period.Period{Year: 2024, Half: period.FirstHalf}

func main() {
	out := flag.String("o", filepath.Join("testdata", "returns"), "output folder for the <ward>.xlsx returns")
	sample := flag.String("sample", filepath.Join("testdata", "sample"), "folder holding answers.tsv and texts.yaml")
	bad := flag.String("bad", filepath.Join("testdata", "bad"), "output folder for the odd and hostile returns and their cases.tsv")
	getsuho := flag.String("getsuho", filepath.Join("testdata", "getsuho"), "folder holding the 月報's answers.tsv")
	getsuhoOut := flag.String("getsuho-out", filepath.Join("testdata", "getsuho", "returns"), "output folder for the 月報's <ward>.xlsx returns")
	history := flag.String("history", filepath.Join("testdata", "history"), "output folder for the earlier periods' aggregate.json files")
	synthetic := flag.Int("synthetic", 0, "instead, write this many synthetic returns and their schema (synth.yaml) to -o, which must be given")
	seed := flag.Int64("seed", formtest.SyntheticSeed, "with -synthetic, the seed of the answers")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "gen: unexpected arguments: %s\n", strings.Join(flag.Args(), " "))
		os.Exit(2)
	}
	if *synthetic > 0 {
		outSet := false
		flag.Visit(func(f *flag.Flag) { outSet = outSet || f.Name == "o" })
		if !outSet {
			fmt.Fprintln(os.Stderr, "gen: -synthetic needs -o (a folder outside testdata/returns)")
			os.Exit(2)
		}
		sum, err := runSynthetic(*synthetic, *seed, *out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Println(sum)
		return
	}
	sum, err := run(schema.Default(), samplePeriod, *sample, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Println(sum)
	n, err := writeHistory(schema.Default(), *sample, *history)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	m, err := writeWardHistory(schema.Default(), *sample, *history)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("gen: wrote %d earlier periods of published totals and %d with per-ward answers to %s\n", n, m, *history)
	n, err = writeBad(*out, *bad)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("gen: wrote %d odd returns and cases.tsv to %s\n", n, *bad)
	sum, err = runGetsuho(*getsuho, *getsuhoOut)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Println(sum)
}

// getsuhoPeriod is the span the 月報 sample returns answer for: the 年度累計 平成28年8月～
// 平成29年3月 that seed 004 publishes.
const getsuhoPeriod = "2016-08..2017-03"

// runGetsuho writes the sample returns of the shipped 月報 (schema/examples) into out from
// dir/answers.tsv, as run writes the default survey's.
func runGetsuho(dir, out string) (string, error) {
	e, ok := examples.Find("月報")
	if !ok {
		return "", errors.New("schema/examples has no 月報")
	}
	sc, err := e.Schema()
	if err != nil {
		return "", err
	}
	per, err := period.ParseKind(getsuhoPeriod, period.Kind(sc.Period))
	if err != nil {
		return "", err
	}
	return run(sc, per, dir, out)
}

// run reads the tables, builds one return per ward, checks each through the validator and
// only then writes them all, returning the one-line summary.
func run(sc *schema.Schema, per period.Period, sampleDir, outDir string) (string, error) {
	// Every problem of the tables is reported in one run; nothing is written unless all are fixed.
	answers, err := readAnswers(sc, filepath.Join(sampleDir, "answers.tsv"))
	if answers == nil {
		return "", err
	}
	err = errors.Join(err,
		readTexts(sc, filepath.Join(sampleDir, "texts.yaml"), answers),
		checkComplete(sc, answers))
	if err != nil {
		return "", err
	}
	// Build every return and read it back through the validator before anything is written:
	// a table whose figures break a rule of the survey (内訳 not adding up, 再掲 above its
	// parent, o4total ≠ city + org) fails here and leaves the output folder as it was.
	checkDir, err := os.MkdirTemp("", "zaitaku-gen-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(checkDir)
	books := map[string]*excelize.File{}
	defer func() {
		for _, f := range books {
			f.Close()
		}
	}()
	built := map[string][]byte{}
	var problems []string
	cases := 0
	for _, u := range sc.Units.List {
		f, err := buildReturn(sc, per, u.Name, answers[u.Name])
		if err != nil {
			return "", fmt.Errorf("%s: %w", u.Name, err)
		}
		books[u.Name] = f
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			return "", fmt.Errorf("%s: %w", u.Name, err)
		}
		built[u.Name] = buf.Bytes()
		path := filepath.Join(checkDir, u.Name+".xlsx")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return "", err
		}
		r, err := check.Read(path, sc, check.ReadOptions{Period: per})
		if err != nil {
			return "", err
		}
		for _, fd := range r.Findings {
			problems = append(problems, fmt.Sprintf("%s %s %s: %s（%s）", u.Name, fd.Where(), fd.QuestionID, fd.Message, fd.Value))
		}
		cases += countCases(sc, answers[u.Name])
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("the returns would have findings; fix the tables in %s:\n  %s", sampleDir, strings.Join(problems, "\n  "))
	}

	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return "", err
	}
	for _, u := range sc.Units.List {
		path := filepath.Join(outDir, u.Name+".xlsx")
		if err := writeFile(path, func(w io.Writer) error {
			_, err := books[u.Name].WriteTo(w)
			return err
		}); err != nil {
			return "", err
		}
		// The file must be the one just checked (excelize writes the same bytes each time).
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, built[u.Name]) {
			return "", fmt.Errorf("%s: the written file differs from the checked one (%v)", path, err)
		}
	}
	return fmt.Sprintf("gen: wrote %d returns for %s (%s) to %s from %s (%d answer keys, %d case records)",
		len(sc.Units.List), per.Japanese(), per, outDir, sampleDir, len(tableSlots(sc)), cases), nil
}

// tableSlots are the slots answered in answers.tsv: every choice and count slot outside
// the case records.
func tableSlots(sc *schema.Schema) []*form.Slot {
	var out []*form.Slot
	for _, s := range form.Slots(sc) {
		if s.Field == nil && !s.Computed && (s.Kind == form.SlotChoice || s.Kind == form.SlotCount || s.Kind == form.SlotNumber) {
			out = append(out, s)
		}
	}
	return out
}

// errList gathers every problem of a table so one run reports them all.
type errList []string

func (l *errList) add(format string, args ...any) { *l = append(*l, fmt.Sprintf(format, args...)) }

func (l errList) err(file string) error {
	if len(l) == 0 {
		return nil
	}
	const max = 40
	msgs := l
	if len(msgs) > max {
		msgs = append(msgs[:max:max], fmt.Sprintf("… and %d more", len(l)-max))
	}
	return fmt.Errorf("%s:\n  %s", file, strings.Join(msgs, "\n  "))
}

// readAnswers reads answers.tsv into ward → key → value (string for choices, int for counts).
// When only some cells are wrong it returns the answers together with the error, so later
// checks can go on; a cell that is wrong is kept as typed and reported once.
func readAnswers(sc *schema.Schema, path string) (map[string]map[string]any, error) {
	rd, header, err := openTable(path)
	if err != nil {
		return nil, err
	}
	var errs errList
	wards := wardColumns(sc, header, &errs)
	if len(errs) > 0 {
		return nil, errs.err(path)
	}

	slots := map[string]*form.Slot{}
	for _, s := range form.Slots(sc) {
		slots[s.Key] = s
	}
	out := map[string]map[string]any{}
	for _, u := range sc.Units.List {
		out[u.Name] = map[string]any{}
	}
	seenKey := map[string]int{}
	for {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		line, _ := rd.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		key := strings.TrimSpace(rec[0])
		s := slots[key]
		switch {
		case s == nil:
			errs.add("line %d: key %q is not an answer of the schema", line, key)
			continue
		case s.Field != nil || (s.Kind != form.SlotChoice && s.Kind != form.SlotCount && s.Kind != form.SlotNumber):
			errs.add("line %d: %s is free text or a case field; write it in texts.yaml", line, key)
			continue
		case s.Computed:
			errs.add("line %d: %s is computed by the form from its parts; leave it out", line, key)
			continue
		case seenKey[key] > 0:
			errs.add("line %d: key %s already given on line %d", line, key, seenKey[key])
			continue
		case len(rec) != len(header):
			errs.add("line %d (%s): %d columns, the header has %d", line, key, len(rec), len(header))
			continue
		}
		seenKey[key] = line
		for col := 2; col < len(rec); col++ {
			ward, cell := wards[col], strings.TrimSpace(rec[col])
			if cell == "" {
				continue // reported by checkComplete if the slot is required
			}
			out[ward][key] = answerValue(s, ward, cell, &errs)
		}
	}
	return out, errs.err(path)
}

// openTable opens a tab-separated table as Excel exports it and reads its header row,
// which must start with the columns key, label.
func openTable(path string) (*csv.Reader, []string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // Excel's "UTF-8 (BOM)" text export
	rd := csv.NewReader(bytes.NewReader(data))
	rd.Comma = '\t'
	rd.FieldsPerRecord = -1
	rd.LazyQuotes = true
	header, err := rd.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: no header row: %v", path, err)
	}
	if len(header) < 2 || strings.TrimSpace(header[0]) != "key" || strings.TrimSpace(header[1]) != "label" {
		return nil, nil, fmt.Errorf("%s: the header must start with the columns key, label (found %q)", path, header[:min(2, len(header))])
	}
	return rd, header, nil
}

// wardColumns maps each column of the header after key, label to its canonical ward
// name; every ward of the schema must have exactly one column.
func wardColumns(sc *schema.Schema, header []string, errs *errList) []string {
	wards := make([]string, len(header)) // column → canonical ward name
	seenWard := map[string]bool{}
	for i, h := range header[2:] {
		col := i + 2
		u := sc.Unit(h)
		switch {
		case u == nil:
			errs.add("header column %d: %q is not a ward of the schema", col+1, h)
		case seenWard[u.Name]:
			errs.add("header column %d: ward %s appears twice", col+1, u.Name)
		default:
			wards[col] = u.Name
			seenWard[u.Name] = true
		}
	}
	for _, u := range sc.Units.List {
		if !seenWard[u.Name] {
			errs.add("header: no column for ward %s", u.Name)
		}
	}
	return wards
}

// answerValue is one ward's answer as the table gives it: the option text of a choice, the
// number of a count. A cell that is not an allowed answer is reported and kept as typed.
func answerValue(s *form.Slot, ward, cell string, errs *errList) any {
	key := s.Key
	if s.Kind == form.SlotChoice {
		if _, ok := s.List.Match(cell); !ok {
			errs.add("%s %s: %q is not an option (%s)", ward, key, cell, strings.Join(s.List.Labels(), " / "))
		}
		return cell
	}
	if s.Kind == form.SlotNumber {
		// Written as the ward types it; the validator reads it back with its decimals.
		if _, tooMany, problem := check.ParseNumber(cell, false, s.Question.Decimals); problem != "" || tooMany {
			errs.add("%s %s: %q is not an allowed number (%d decimal places)", ward, key, cell, s.Question.Decimals)
			return cell
		}
		if n, err := strconv.Atoi(cell); err == nil {
			return n
		}
		f, _ := strconv.ParseFloat(cell, 64)
		return f
	}
	n, err := strconv.Atoi(cell)
	if err != nil || int64(n) < s.Question.MinValue() || (s.Question.Max != nil && int64(n) > *s.Question.Max) {
		errs.add("%s %s: %q is not an allowed count (a whole number ≥ %d)", ward, key, cell, s.Question.MinValue())
		return cell
	}
	return n
}

// readTexts adds the free-text answers and case records of texts.yaml to answers.
func readTexts(sc *schema.Schema, path string, answers map[string]map[string]any) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !hasFreeText(sc) {
		return nil // a survey of choices and numbers only (the 月報) needs no texts.yaml
	}
	if err != nil {
		return err
	}
	var doc map[string]map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	var errs errList
	names := make([]string, 0, len(doc))
	for name := range doc {
		names = append(names, name)
	}
	sort.Strings(names)
	seen := map[string]bool{}
	for _, name := range names {
		u := sc.Unit(name)
		if u == nil {
			errs.add("%q is not a ward of the schema", name)
			continue
		}
		if seen[u.Name] {
			errs.add("ward %s appears twice", u.Name)
			continue
		}
		seen[u.Name] = true
		ids := make([]string, 0, len(doc[name]))
		for id := range doc[name] {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			addText(sc, u.Name, id, doc[name][id], answers[u.Name], &errs)
		}
	}
	for _, u := range sc.Units.List {
		if !seen[u.Name] {
			errs.add("no entry for ward %s (give it an empty mapping {} if it has no free text)", u.Name)
		}
	}
	return errs.err(path)
}

// hasFreeText reports whether the survey has an answer that texts.yaml gives.
func hasFreeText(sc *schema.Schema) bool {
	for _, q := range sc.Questions() {
		switch q.Type {
		case schema.Text, schema.TextList, schema.Cases:
			return true
		}
	}
	return false
}

func addText(sc *schema.Schema, ward, id string, v any, a map[string]any, errs *errList) {
	q := sc.Question(id)
	if q == nil {
		errs.add("%s: %q is not a question of the schema", ward, id)
		return
	}
	where := ward + " " + id
	switch q.Type {
	case schema.Text:
		s, ok := v.(string)
		if !ok {
			errs.add("%s: want a text, found %T", where, v)
			return
		}
		if s = strings.TrimSpace(s); s != "" {
			a[id] = s
		}
	case schema.TextList:
		lines, ok := stringList(v)
		if !ok {
			errs.add("%s: want a list of lines", where)
			return
		}
		if len(lines) > q.Lines {
			errs.add("%s: %d lines, the form has %d", where, len(lines), q.Lines)
			return
		}
		if len(lines) > 0 {
			a[id] = strings.Join(lines, "\n")
		}
	case schema.Cases:
		recs, ok := v.([]any)
		if !ok && v != nil {
			errs.add("%s: want a list of case records", where)
			return
		}
		if len(recs) > q.Records {
			errs.add("%s: %d case records, the form has %d", where, len(recs), q.Records)
			return
		}
		for i, rv := range recs {
			rec, ok := rv.(map[string]any)
			if !ok {
				errs.add("%s record %d: want a mapping of fields", where, i+1)
				continue
			}
			fids := make([]string, 0, len(rec))
			for fid := range rec {
				fids = append(fids, fid)
			}
			sort.Strings(fids)
			for _, fid := range fids {
				f := field(q, fid)
				if f == nil {
					errs.add("%s record %d: %q is not a field (%s)", where, i+1, fid, fieldIDs(q))
					continue
				}
				s, ok := rec[fid].(string)
				if !ok {
					errs.add("%s record %d %s: want a text, found %T", where, i+1, fid, rec[fid])
					continue
				}
				s = strings.TrimSpace(s)
				if f.Type == schema.Choice && s != "" {
					if _, ok := f.List.Match(s); !ok {
						errs.add("%s record %d %s: %q is not an option (%s)", where, i+1, fid, s, strings.Join(f.List.Labels(), " / "))
						continue
					}
				}
				if s != "" {
					a[form.CaseKey(q, i+1, f)] = s
				}
			}
		}
	default:
		errs.add("%s: a %s question; its answers belong in answers.tsv", where, q.Type)
	}
}

func stringList(v any) ([]string, bool) {
	if v == nil {
		return nil, true
	}
	items, ok := v.([]any)
	if !ok {
		return nil, false
	}
	var out []string
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, false
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, true
}

func field(q *schema.Question, id string) *schema.Field {
	for _, f := range q.Fields {
		if f.ID == id {
			return f
		}
	}
	return nil
}

func fieldIDs(q *schema.Question) string {
	ids := make([]string, len(q.Fields))
	for i, f := range q.Fields {
		ids[i] = f.ID
	}
	return strings.Join(ids, ", ")
}

// checkComplete asks for a value in every required slot of every ward.
func checkComplete(sc *schema.Schema, answers map[string]map[string]any) error {
	var errs errList
	for _, s := range form.Slots(sc) {
		if !s.Required() {
			continue
		}
		var missing []string
		for _, u := range sc.Units.List {
			if _, ok := answers[u.Name][s.Key]; !ok {
				missing = append(missing, u.Name)
			}
		}
		switch {
		case len(missing) == len(sc.Units.List):
			errs.add("%s: no row (%s)", s.Key, s.Label())
		case len(missing) > 0:
			errs.add("%s: no answer from %s (%s)", s.Key, strings.Join(missing, ", "), s.Label())
		}
	}
	return errs.err("answers.tsv (missing answers)")
}

func countCases(sc *schema.Schema, a map[string]any) int {
	n := 0
	for _, q := range sc.Questions() {
		if q.Type != schema.Cases {
			continue
		}
		for r := 1; r <= q.Records; r++ {
			for _, f := range q.Fields {
				if _, ok := a[form.CaseKey(q, r, f)]; ok {
					n++
					break
				}
			}
		}
	}
	return n
}

// buildReturn builds the ward's template and fills in its answers.
func buildReturn(sc *schema.Schema, per period.Period, ward string, a map[string]any) (*excelize.File, error) {
	f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: ward, Period: per})
	if err != nil {
		return nil, err
	}
	if err := formtest.Fill(f, a); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
