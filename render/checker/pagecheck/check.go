package pagecheck

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// The exit codes validate gives, which the page reports beside its text.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// File is one file dropped on the page.
type File struct {
	Name string
	Data []byte
}

// Result is a check of the files dropped at once, as validate reports them.
type Result struct {
	// Files are each file's result, in the order given.
	Files []FileResult `json:"files"`
	// Text is everything `zaitaku validate` prints for these files; JSON what
	// `validate --format json` prints; Code the exit code validate gives.
	Text string `json:"text"`
	JSON string `json:"json"`
	Code int    `json:"code"`
	// Note is the line validate prints first when the previous answers cannot be compared
	// at all (Config.PreviousNote); Verdict the closing line over several files ("" for one).
	// Text is Note's line, each file's Text, then a blank line and Verdict's.
	Note    string `json:"note,omitempty"`
	Verdict string `json:"verdict,omitempty"`
}

// FileResult is one file's part of a Result.
type FileResult struct {
	Name    string `json:"name"`
	Summary string `json:"summary"`
	// Text is validate's lines for this file; JSON `validate --format json` on it alone.
	Text string `json:"text"`
	JSON string `json:"json"`
	Code int    `json:"code"`
	// Errors, Warnings and Notes count its findings by severity.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Notes    int `json:"notes"`
	// Rows are the findings for the page's table.
	Rows []Row `json:"rows"`
	// Annotated is the marked copy (form.Annotate, as validate --annotate writes it) when a
	// finding has a cell, under AnnotatedName.
	Annotated     []byte `json:"-"`
	AnnotatedName string `json:"annotated_name,omitempty"`
}

// Row is one finding as the page's table shows it.
type Row struct {
	Severity string `json:"severity"` // error, warning, note
	Level    string `json:"level"`    // エラー, 警告, 参考
	Where    string `json:"where"`    // sheet!cell, or （ファイル全体）
	Message  string `json:"message"`  // label: message（→ expected）
}

// Check checks files as `zaitaku validate FILE...` does with the config's options.
func (l *Loaded) Check(files []File) Result {
	res := Result{Note: l.PreviousNote}
	var text strings.Builder
	if l.PreviousNote != "" {
		text.WriteString(l.PreviousNote + "\n")
	}
	var all []finding.Finding
	for _, f := range files {
		fr, fs := l.checkFile(f)
		all = append(all, fs...)
		text.WriteString(fr.Text)
		switch {
		case fr.Code == ExitUsage:
			res.Code = ExitUsage
		case fr.Code == ExitFindings && res.Code == ExitOK:
			res.Code = ExitFindings
		}
		res.Files = append(res.Files, fr)
	}
	if len(files) > 1 {
		res.Verdict = finding.Verdict(len(files), all)
		text.WriteString("\n" + res.Verdict + "\n")
	}
	res.Text = text.String()
	res.JSON = jsonText(all)
	return res
}

// checkFile checks one file: its result and its findings.
func (l *Loaded) checkFile(f File) (FileResult, []finding.Finding) {
	name := returns.DisplayName(filepath.Base(f.Name))
	opts := check.ReadOptions{Period: l.Period, Glyphs: l.Glyphs.Check(), Previous: l.Previous}
	var (
		r   *returns.Return
		err = returns.CheckSize(name, int64(len(f.Data)))
	)
	if err == nil {
		r, err = check.ReadBytes(name, f.Data, l.schema, opts)
	}
	var fe *returns.FileError
	if errors.As(err, &fe) {
		fs := []finding.Finding{fe.Finding()}
		return l.fileResult(fe.File, fs, ExitUsage, ""), fs
	} else if err != nil {
		// check.ReadBytes gives only FileErrors; anything else is read as one.
		fs := []finding.Finding{{File: name, Severity: finding.Error, Code: finding.Unreadable, Message: err.Error()}}
		return l.fileResult(name, fs, ExitUsage, ""), fs
	}
	code := ExitOK
	if r.Errors() > 0 {
		code = ExitFindings
	}
	fr := l.fileResult(r.Name, r.Findings, code, check.PreviousNote(l.Previous, r.Period))
	if finding.HasCells(r.Findings) {
		var buf bytes.Buffer
		if err := form.Annotate(&buf, f.Data, r.Findings); err == nil {
			fr.Annotated = buf.Bytes()
			fr.AnnotatedName = AnnotatedName(r.Name)
		}
	}
	return fr, r.Findings
}

func (l *Loaded) fileResult(name string, fs []finding.Finding, code int, note string) FileResult {
	var text strings.Builder
	finding.WriteFile(&text, name, fs)
	if note != "" {
		text.WriteString("  " + note + "\n")
	}
	fr := FileResult{
		Name: name, Summary: finding.Summary(name, fs), Text: text.String(), JSON: jsonText(fs), Code: code,
		Errors: finding.Count(fs, finding.Error), Warnings: finding.Count(fs, finding.Warning), Notes: finding.Count(fs, finding.Note),
		Rows: []Row{},
	}
	for _, f := range fs {
		where := f.Where()
		if where == "" {
			where = "（ファイル全体）"
		}
		msg := f.Text()
		if f.Label != "" {
			msg = f.Label + ": " + msg
		}
		fr.Rows = append(fr.Rows, Row{Severity: string(f.Severity), Level: f.Severity.Japanese(), Where: where, Message: msg})
	}
	return fr
}

// AnnotatedName is the name the page saves a marked copy under: 「北区_確認結果.xlsx」.
func AnnotatedName(name string) string {
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + "_確認結果" + ext
}

func jsonText(fs []finding.Finding) string {
	var b strings.Builder
	if err := finding.WriteJSON(&b, fs); err != nil {
		return "[]\n" // a []Finding always encodes
	}
	return b.String()
}
