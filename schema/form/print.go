package form

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteFindings prints findings for people, one line each, so a ward can work down the
// list in Excel: 「  エラー  相談支援室!D14  ウ（３）… ― ２．歯科: 「12件」は…」.
func WriteFindings(w io.Writer, findings []Finding) {
	for _, f := range findings {
		where := f.Where()
		if where == "" {
			where = "（ファイル全体）"
		}
		line := fmt.Sprintf("  %s  %s  %s: %s", f.Severity.Japanese(), where, f.Label, f.Message)
		if f.Label == "" {
			line = fmt.Sprintf("  %s  %s  %s", f.Severity.Japanese(), where, f.Message)
		}
		if f.Expected != "" && !strings.Contains(f.Message, f.Expected) {
			line += "（→ " + f.Expected + "）"
		}
		fmt.Fprintln(w, line)
	}
}

// Summary is the one-line verdict on a return: 「北区.xlsx: 不備 3件（エラー 2・警告 1）」 or
// 「北区.xlsx: 問題はありません」.
func Summary(name string, findings []Finding) string {
	e, w := count(findings, Error), count(findings, Warning)
	if e+w == 0 {
		return name + ": 問題はありません"
	}
	return fmt.Sprintf("%s: 不備 %d件（エラー %d・警告 %d）", name, e+w, e, w)
}

// WriteJSON prints findings as a JSON array for other tools; never null, always an array.
func WriteJSON(w io.Writer, findings []Finding) error {
	if findings == nil {
		findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(findings)
}
