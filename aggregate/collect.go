package aggregate

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
)

// CollectOptions steer how a folder of returns is read.
type CollectOptions struct {
	// Period, when set, is the period every return must be for; otherwise the period most
	// returns name is taken and the others are errors.
	Period period.Period
	// Progress, when set, is called after each file is read (from one goroutine at a time).
	Progress func(done, total int)
	// Workers bounds the files read at once; 0 means one per CPU.
	Workers int
	// Glyphs, when set, warns about free text the report's font cannot print.
	Glyphs *form.Glyphs
}

// Collection is every return of one period, read, checked and assigned to its ward.
type Collection struct {
	Schema  *schema.Schema
	Period  period.Period
	Returns []*form.Return
	// Counted are the returns that go into the figures: one per ward, without errors.
	Counted    []*form.Return
	Submission Submission
}

// Ready reports whether outputs may be produced without --allow-incomplete: every ward
// counted and no file left with errors.
func (c *Collection) Ready() bool {
	return c.Submission.Complete && len(c.Submission.Others) == 0
}

// Collect reads the files (as listed by form.ListReturns), validates each exactly as
// `zaitaku validate` does, and sorts out which count. Files are read in parallel.
func Collect(files []string, sc *schema.Schema, opts CollectOptions) (*Collection, error) {
	if len(files) == 0 {
		return nil, errors.New("回答票（.xlsx）がありません")
	}
	returns, unreadable := readAll(files, sc, opts)
	c := &Collection{Schema: sc, Returns: returns}
	c.Period = opts.Period
	if c.Period.IsZero() {
		c.Period = commonPeriod(returns)
		if c.Period.IsZero() {
			return nil, errors.New("どの回答票からも対象期間を読み取れません。--period で期間を指定してください")
		}
		for _, r := range returns {
			if !r.Period.IsZero() && r.Period != c.Period {
				addFinding(r, r.PeriodCell, "_period", "対象期間",
					fmt.Sprintf("対象期間「%s」が他の回答票（%s）と異なります。集計する期間の回答票か確認してください", r.Period.Japanese(), c.Period.Japanese()))
			}
		}
	}
	c.assign(unreadable)
	return c, nil
}

// readAll reads every file with a bounded pool; results keep the input order so the
// outcome never depends on scheduling.
func readAll(files []string, sc *schema.Schema, opts CollectOptions) ([]*form.Return, []*form.FileError) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type result struct {
		r   *form.Return
		err error
	}
	results := make([]result, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r, err := form.Read(files[i], sc, form.ReadOptions{Period: opts.Period, Glyphs: opts.Glyphs})
				results[i] = result{r, err}
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(files))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	var returns []*form.Return
	var unreadable []*form.FileError
	for i, res := range results {
		var fe *form.FileError
		switch {
		case res.err == nil:
			returns = append(returns, res.r)
		case errors.As(res.err, &fe):
			unreadable = append(unreadable, fe)
		default:
			unreadable = append(unreadable, &form.FileError{File: files[i], Msg: res.err.Error()})
		}
	}
	return returns, unreadable
}

// commonPeriod is the period most returns name; a tie goes to the latest, the usual case
// when an old return was left in the folder.
func commonPeriod(returns []*form.Return) period.Period {
	n := map[period.Period]int{}
	var best period.Period
	for _, r := range returns {
		if r.Period.IsZero() {
			continue
		}
		n[r.Period]++
		if c := n[r.Period]; c > n[best] || (c == n[best] && best.Less(r.Period)) {
			best = r.Period
		}
	}
	return best
}

func addFinding(r *form.Return, c *form.Cell, key, label, msg string) {
	f := form.Finding{File: r.Name, Severity: form.Error, QuestionID: key, Label: label, Message: msg}
	if c != nil {
		f.Sheet, f.Cell, f.Value = c.Sheet, c.Cell, c.Value
	}
	r.Findings = append(r.Findings, f)
}

// assign gives every return to its ward and works out each ward's status.
func (c *Collection) assign(unreadable []*form.FileError) {
	sc := c.Schema
	byWard := map[string][]*form.Return{}
	sub := Submission{Expected: len(sc.Units.List), Missing: []string{}, Excluded: []string{}}
	for _, r := range c.Returns {
		if r.Ward == nil {
			sub.Others = append(sub.Others, FileStatus{FileInfo: FileInfo{Name: r.Name, SHA256: r.SHA256}, Findings: r.Findings})
			continue
		}
		byWard[r.Ward.Name] = append(byWard[r.Ward.Name], r)
	}
	for _, fe := range unreadable {
		sub.Others = append(sub.Others, FileStatus{
			FileInfo: FileInfo{Name: fe.File},
			Findings: []form.Finding{{File: fe.File, Severity: form.Error, Message: "読めません。" + fe.Msg}},
		})
	}
	sort.Slice(sub.Others, func(i, j int) bool { return sub.Others[i].Name < sub.Others[j].Name })

	for _, u := range sc.Units.List {
		rs := byWard[u.Name]
		ws := WardStatus{Ward: u.Name, Block: u.Block, Files: []FileInfo{}, Findings: []form.Finding{}}
		if len(rs) > 1 {
			var names []string
			for _, r := range rs {
				names = append(names, r.Name)
			}
			for _, r := range rs {
				addFinding(r, r.WardCell, "_ward", sc.Units.Label+"名",
					fmt.Sprintf("%sの回答票が複数あります（%s）。正しい１つだけをフォルダに残してください", u.Name, strings.Join(names, "、")))
			}
		}
		for _, r := range rs {
			ws.Files = append(ws.Files, FileInfo{Name: r.Name, SHA256: r.SHA256})
			ws.Findings = append(ws.Findings, r.Findings...)
			ws.Errors += r.Errors()
			ws.Warnings += r.Warnings()
		}
		switch {
		case len(rs) == 0:
			ws.Status = StatusMissing
			sub.Missing = append(sub.Missing, u.Name)
		case len(rs) > 1:
			ws.Status = StatusDuplicate
			sub.Excluded = append(sub.Excluded, u.Name)
		case rs[0].Errors() > 0:
			ws.Status = StatusExcluded
			sub.Excluded = append(sub.Excluded, u.Name)
		default:
			ws.Status = StatusCounted
			c.Counted = append(c.Counted, rs[0])
		}
		sub.Wards = append(sub.Wards, ws)
	}
	sub.Counted = len(c.Counted)
	sub.Complete = sub.Counted == sub.Expected
	sub.Summary = SummaryLine(sc.Units.Label, sub.Counted, sub.Expected, sub.Missing, sub.Excluded)
	c.Submission = sub
}

// Result computes the figures from the counted returns.
func (c *Collection) Result() *Result {
	return Compute(c.Schema, c.Period, c.Counted, c.Submission)
}
