package aggregate

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
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
	Glyphs *check.Glyphs
	// Refused are files of the folder left unread for their format (returns.Listing): they
	// are reported as unreadable returns, under the ward their name names.
	Refused []*returns.FileError
	// Skipped are files of the folder deliberately left unread (returns.Listing), recorded in
	// the submission so that every file of the folder is accounted for.
	Skipped []returns.Skipped
	// Previous, when set, is the previous period's answers unit by unit (PreviousAnswers):
	// each return is compared with its unit's, as `zaitaku validate --previous` does.
	Previous *check.Previous
}

// Collection is every return of one period, read, checked and assigned to its ward.
type Collection struct {
	Schema  *schema.Schema
	Period  period.Period
	Returns []*returns.Return
	// Counted are the returns that go into the figures: one per ward, without errors.
	Counted    []*returns.Return
	Submission Submission
}

// Ready reports whether outputs may be produced without --allow-incomplete: every ward
// counted and no file left with errors.
func (c *Collection) Ready() bool {
	return c.Submission.Complete && len(c.Submission.Others) == 0
}

// Collect reads the files (as listed by returns.ListReturns), validates each exactly as
// `zaitaku validate` does, and sorts out which count. Files are read in parallel.
func Collect(files []string, sc *schema.Schema, opts CollectOptions) (*Collection, error) {
	if len(files) == 0 && len(opts.Refused) == 0 {
		return nil, errors.New("回答票（.xlsx）がありません")
	}
	read, unreadable := readAll(files, sc, opts)
	unreadable = append(unreadable, opts.Refused...)
	if len(read) == 0 {
		return nil, &NothingReadable{Findings: fileReasons(nil, unreadable), Skipped: opts.Skipped}
	}
	c := &Collection{Schema: sc, Returns: read}
	c.Period = opts.Period
	if c.Period.IsZero() {
		c.Period = commonPeriod(read)
		if c.Period.IsZero() {
			return nil, &NothingReadable{NoPeriod: true, Findings: fileReasons(read, unreadable), Skipped: opts.Skipped}
		}
		for _, r := range read {
			if !r.Period.IsZero() && r.Period != c.Period {
				addFinding(r, r.PeriodCell, finding.MixedPeriod, "_period", "対象期間",
					fmt.Sprintf("対象期間「%s」が他の回答票（%s）と異なります。集計する期間の回答票か確認してください", r.Period.Japanese(), c.Period.Japanese()))
			}
		}
	}
	c.assign(unreadable)
	c.Submission.Skipped = opts.Skipped
	return c, nil
}

// NothingReadable is Collect's error when no return can be used at all: it names every
// file and why, since a one-line verdict leaves the user guessing which file is wrong.
type NothingReadable struct {
	// NoPeriod: returns were read but none names its period.
	NoPeriod bool
	// Findings say why each file gave nothing, one per file, sorted by file name: it
	// could not be read (unreadable, wrong-format, not-a-return), or it names no period.
	Findings []finding.Finding
	// Skipped are the folder's files left unread on purpose, named too so that every
	// file of the folder is accounted for.
	Skipped []returns.Skipped
}

func (e *NothingReadable) Error() string {
	head := fmt.Sprintf("読める回答票がありません（%d ファイルとも読めません）:", len(e.Findings))
	if e.NoPeriod {
		head = "どの回答票からも対象期間を読み取れません。回答票の対象期間を記入するか、--period で期間を指定してください:"
	}
	msg := head
	for _, f := range e.Findings {
		msg += "\n  " + f.Line(true)
	}
	if len(e.Skipped) > 0 {
		msg += "\n読まなかったファイル:"
		for _, sk := range e.Skipped {
			msg += "\n  " + sk.Name + ": " + sk.Note
		}
	}
	return msg
}

// fileReasons is one finding per file saying why it gave nothing: unreadable, or no period.
func fileReasons(read []*returns.Return, unreadable []*returns.FileError) []finding.Finding {
	var out []finding.Finding
	for _, r := range read {
		why := finding.Finding{File: r.Name, Severity: finding.Error, Code: finding.NotAPeriod, QuestionID: form.MetaPeriod,
			Label: "対象期間", Message: "対象期間を読み取れません"}
		for _, f := range r.Findings {
			if f.QuestionID == form.MetaPeriod {
				why = f
				break
			}
		}
		out = append(out, why)
	}
	for _, fe := range unreadable {
		out = append(out, fe.Finding())
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// readAll reads every file with a bounded pool; results keep the input order so the
// outcome never depends on scheduling.
func readAll(files []string, sc *schema.Schema, opts CollectOptions) ([]*returns.Return, []*returns.FileError) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type result struct {
		r   *returns.Return
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
				// Names are shown decoded (Shift_JIS from a Windows zip) in every message and
				// output; the path on disk is kept as it is for reading.
				r, err := check.ReadNamed(files[i], returns.DisplayName(filepath.Base(files[i])), sc, check.ReadOptions{Period: opts.Period, Glyphs: opts.Glyphs, Previous: opts.Previous})
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

	var read []*returns.Return
	var unreadable []*returns.FileError
	for i, res := range results {
		var fe *returns.FileError
		switch {
		case res.err == nil:
			read = append(read, res.r)
		case errors.As(res.err, &fe):
			unreadable = append(unreadable, fe)
		default:
			unreadable = append(unreadable, &returns.FileError{File: returns.DisplayName(filepath.Base(files[i])), Kind: finding.Unreadable, Msg: res.err.Error(), Err: res.err})
		}
	}
	return read, unreadable
}

// commonPeriod is the period most returns name; a tie goes to the latest, the usual case
// when an old return was left in the folder.
func commonPeriod(read []*returns.Return) period.Period {
	n := map[period.Period]int{}
	var best period.Period
	for _, r := range read {
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

func addFinding(r *returns.Return, c *returns.Cell, code finding.Code, key, label, msg string) {
	f := finding.Finding{Severity: finding.Error, Code: code, QuestionID: key, Label: label, Message: msg}
	if c != nil {
		f.Sheet, f.Cell, f.Value = c.Sheet, c.Cell, c.Value
	}
	r.Add(f)
}

// assign gives every return to its ward and works out each ward's status. A file that
// could not be read but whose name names a ward (北区.xls) is that ward's submission: the
// ward is then 「集計から除外」 with the file's reason, not 「未提出」.
func (c *Collection) assign(unreadable []*returns.FileError) {
	sc := c.Schema
	byWard := map[string][]*returns.Return{}
	badByWard := map[string][]*returns.FileError{}
	sub := Submission{Expected: len(sc.Units.List), Missing: []string{}, Excluded: []string{}}
	for _, r := range c.Returns {
		if r.Ward == nil {
			sub.Others = append(sub.Others, FileStatus{FileInfo: FileInfo{Name: r.Name, SHA256: r.SHA256}, Findings: r.Findings})
			continue
		}
		byWard[r.Ward.Name] = append(byWard[r.Ward.Name], r)
	}
	for _, fe := range unreadable {
		if u := returns.UnitInFileName(sc, fe.File); u != nil {
			badByWard[u.Name] = append(badByWard[u.Name], fe)
			continue
		}
		sub.Others = append(sub.Others, FileStatus{FileInfo: FileInfo{Name: fe.File}, Findings: []finding.Finding{fe.Finding()}})
	}
	sort.Slice(sub.Others, func(i, j int) bool { return sub.Others[i].Name < sub.Others[j].Name })

	for _, u := range sc.Units.List {
		rs, bad := byWard[u.Name], badByWard[u.Name]
		sort.Slice(bad, func(i, j int) bool { return bad[i].File < bad[j].File })
		ws := WardStatus{Ward: u.Name, Block: u.Block, Files: []FileInfo{}, Findings: []finding.Finding{}}
		for _, r := range rs {
			ws.Files = append(ws.Files, FileInfo{Name: r.Name, SHA256: r.SHA256})
		}
		for _, fe := range bad {
			ws.Files = append(ws.Files, FileInfo{Name: fe.File})
		}
		sort.Slice(ws.Files, func(i, j int) bool { return ws.Files[i].Name < ws.Files[j].Name })
		if len(ws.Files) > 1 {
			// One finding for the ward, not one per file: every file would carry the
			// same sentence and the ward's list would print it once per file.
			var names []string
			for _, f := range ws.Files {
				names = append(names, f.Name)
			}
			ws.Findings = append(ws.Findings, finding.Finding{Severity: finding.Error, Code: finding.DuplicateUnit, QuestionID: "_ward", Label: sc.Units.Label + "名",
				Message: fmt.Sprintf("%sの回答票が複数あります（%s）。正しい１つだけをフォルダに残してください", u.Name, strings.Join(names, "、"))})
			ws.Errors++
		}
		for _, r := range rs {
			ws.Findings = append(ws.Findings, r.Findings...)
			ws.Errors += r.Errors()
			ws.Warnings += r.Warnings()
		}
		for _, fe := range bad {
			ws.Findings = append(ws.Findings, fe.Finding())
			ws.Errors++
		}
		switch {
		case len(ws.Files) == 0:
			ws.Status = StatusMissing
			sub.Missing = append(sub.Missing, u.Name)
		case len(ws.Files) > 1:
			ws.Status = StatusDuplicate
			sub.Excluded = append(sub.Excluded, u.Name)
		case len(rs) == 0 || rs[0].Errors() > 0:
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
