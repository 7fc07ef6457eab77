package aggregate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/osaka-city/zaitaku/schema/period"
)

// WriteJSON writes the result as aggregate.json: indented, keys in a fixed order and no
// HTML escaping, so the same input always gives the same bytes and Japanese stays readable.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// Loaded is an aggregate.json read back, with where it came from.
type Loaded struct {
	*Result
	File   string
	SHA256 string
}

// Load reads an aggregate.json written by this or an earlier zaitaku.
func Load(path string) (*Loaded, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s を読めません: %w", path, err)
	}
	name := filepath.Base(path)
	var head struct {
		Format        string `json:"format"`
		FormatVersion int    `json:"format_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s: 集計結果（aggregate.json）として読めません（%v）", name, err)
	}
	if head.Format != Format {
		return nil, fmt.Errorf("%s: zaitaku の集計結果（aggregate.json）ではありません", name)
	}
	if head.FormatVersion > FormatVersion {
		return nil, fmt.Errorf("%s: 新しい版の zaitaku で作られた集計結果です（形式 %d、この zaitaku は %d まで）。zaitaku を更新してください", name, head.FormatVersion, FormatVersion)
	}
	var r Result
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%s: 集計結果（aggregate.json）として読めません（%v）", name, err)
	}
	if r.Period.IsZero() {
		return nil, fmt.Errorf("%s: 集計結果に期間がありません", name)
	}
	sum := sha256.Sum256(data)
	return &Loaded{Result: &r, File: name, SHA256: hex.EncodeToString(sum[:])}, nil
}

// LoadDir reads every aggregate.json-style file (*.json) in a folder, for --history.
func LoadDir(dir string) ([]*Loaded, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("フォルダ %s を読めません: %w", dir, err)
	}
	var out []*Loaded
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		l, err := Load(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("フォルダ %s に集計結果（.json）がありません", dir)
	}
	return out, nil
}

// AttachEarlier sets each question's figures from earlier periods beside this period's.
// Questions are matched by id; a period whose survey lacked a question gets a NoData
// snapshot, so the report shows 「―」 rather than 0.
func (r *Result) AttachEarlier(earlier []*Loaded) error {
	sorted := append([]*Loaded(nil), earlier...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Period.Less(sorted[j].Period) })
	seen := map[string]string{}
	r.Earlier = nil
	for _, q := range r.Questions {
		q.Earlier = nil
	}
	for _, e := range sorted {
		key := e.Period.String()
		if prev, ok := seen[key]; ok {
			return fmt.Errorf("同じ期間（%s）の集計結果が２つあります: %s と %s", e.Period.Japanese(), prev, e.File)
		}
		seen[key] = e.File
		if e.Period == r.Period {
			return fmt.Errorf("%s は今回と同じ期間（%s）の集計結果です。前の期間のものを指定してください", e.File, r.Period.Japanese())
		}
		r.Earlier = append(r.Earlier, EarlierSource{Period: e.Period, PeriodLabel: e.Period.Japanese(), File: e.File, SHA256: e.SHA256, Summary: e.Submission.Summary})
		for _, q := range r.Questions {
			q.Earlier = append(q.Earlier, snapshot(e, e.Question(q.ID)))
		}
	}
	return nil
}

func snapshot(e *Loaded, q *Question) *Snapshot {
	s := &Snapshot{Period: e.Period, PeriodLabel: e.Period.Japanese()}
	if q == nil {
		s.NoData = true
		return s
	}
	s.Counted = e.Submission.Counted
	s.PerWard = HasPerWard(e.Result)
	s.Decimals = q.Decimals
	s.Options = q.Options
	s.Rows = q.Rows
	for _, cat := range q.Categories {
		c := *cat
		if !s.PerWard {
			c.ByWard = nil
		}
		s.Categories = append(s.Categories, &c)
	}
	if q.Total != nil {
		t := *q.Total
		if !s.PerWard {
			t.ByWard = nil
		}
		s.Total = &t
	}
	return s
}

// HasPerWard reports whether an aggregate holds each ward's answers: one aggregated from
// returns has a submission entry per ward with some counted, one made from published totals
// (testdata/history's 令和４年度) has none, so its figures cannot be told ward by ward.
func HasPerWard(r *Result) bool {
	for _, w := range r.Submission.Wards {
		if w.Status == StatusCounted {
			return true
		}
	}
	return false
}

// EarlierIn is the question's snapshot of period p, or nil when p is not an earlier period.
func (q *Question) EarlierIn(p period.Period) *Snapshot {
	for _, s := range q.Earlier {
		if s.Period == p {
			return s
		}
	}
	return nil
}

// EarlierAnswer is the option a ward chose for choice row key in earlier period p, so that
// the report can say who moved since then. ok is false when that period has no per-ward
// answers (published totals), no such row, or the ward was not counted or left it blank.
func (q *Question) EarlierAnswer(p period.Period, key, ward string) (option string, ok bool) {
	s := q.EarlierIn(p)
	if s == nil || s.NoData || !s.PerWard {
		return "", false
	}
	for _, r := range s.Rows {
		if r.Key == key {
			option = r.Answer(ward)
			return option, option != ""
		}
	}
	return "", false
}

// EarlierValue is a ward's count of category key (or of the question's total when key is
// "") in earlier period p. ok is false as for EarlierAnswer: no per-ward figures that
// period, no such category, or no value from the ward.
func (q *Question) EarlierValue(p period.Period, key, ward string) (value int64, ok bool) {
	s := q.EarlierIn(p)
	if s == nil || s.NoData || !s.PerWard {
		return 0, false
	}
	f := s.Total
	if key != "" {
		f = nil
		for _, c := range s.Categories {
			if c.Key == key {
				f = &c.Figure
			}
		}
	}
	if f == nil {
		return 0, false
	}
	for _, wc := range f.ByWard {
		if wc.Ward == ward {
			return wc.Value, true
		}
	}
	return 0, false
}
