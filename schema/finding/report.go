package finding

import (
	"fmt"
	"io"
)

// WriteFile prints one file's result as `zaitaku validate` does, so that the command and
// the offline checker page (render/checker) print the same lines: the file's name and its
// findings when there are any, then its Summary.
func WriteFile(w io.Writer, name string, fs []Finding) {
	if len(fs) > 0 {
		fmt.Fprintln(w, name)
		WriteText(w, fs, false)
	}
	fmt.Fprintln(w, Summary(name, fs))
}

// Verdict is the one line that closes a check of n files: a plain 「問題はありません」 when
// nothing was found, so nobody has to read 「0 ファイルにエラー」 as good news; otherwise how
// many files have errors, and how many of the others have warnings only (a file with both
// counts once, as a file with errors). Files are told apart by Finding.File.
func Verdict(n int, all []Finding) string {
	bad, warned := map[string]bool{}, map[string]bool{}
	for _, f := range all {
		switch f.Severity {
		case Error:
			bad[f.File] = true
		case Warning:
			warned[f.File] = true
		}
	}
	for f := range bad {
		delete(warned, f)
	}
	warnNote := ""
	if len(warned) > 0 {
		warnNote = fmt.Sprintf("（ほかに %d ファイルに警告）", len(warned))
	}
	switch {
	case len(bad) == n:
		return fmt.Sprintf("%d ファイルすべてにエラーがあります", n)
	case len(bad) > 0:
		return fmt.Sprintf("%d ファイル中 %d ファイルにエラーがあります%s", n, len(bad), warnNote)
	case len(warned) > 0:
		return fmt.Sprintf("エラーはありません（%d ファイル、うち %d ファイルに警告）", n, len(warned))
	default:
		return fmt.Sprintf("問題はありません（%d ファイル）", n)
	}
}

// HasCells reports whether any finding points at a cell: only then is there anything to
// mark on a copy of the return (validate --annotate, the checker page's saved copy).
func HasCells(fs []Finding) bool {
	for _, f := range fs {
		if f.Cell != "" {
			return true
		}
	}
	return false
}
