// Package cli holds what every zaitaku command shares: the IO streams a command writes to,
// the exit codes, loading the schema named by --schema, and the flags several commands
// take (--schema, the report settings).
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/period"
)

// Exit codes, the same for every command.
const (
	// ExitOK: done, no errors (warnings allowed).
	ExitOK = 0
	// ExitFindings: a return (or schema) has errors.
	ExitFindings = 1
	// ExitUsage: a wrong command line, or an input that could not be read at all.
	ExitUsage = 2
	// ExitOutput: an output could not be written (folder not writable, disk full, file
	// held open); the previous outputs are left as they were.
	ExitOutput = 3
)

// IO is where a command reads and writes, injected so tests drive commands without a terminal.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Interactive reports that stderr is a terminal a person watches (progress lines).
	Interactive bool
	// OwnConsole reports that the console window was opened for this process alone:
	// zaitaku.exe was double-clicked, or files were dropped on it, in Explorer. Windows
	// closes that window the moment the program ends.
	OwnConsole bool
	// InConsole and OutConsole report that stdin and stdout are the console, not a file
	// or a pipe.
	InConsole, OutConsole bool
}

// System returns the process's own streams.
func System() *IO {
	return &IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Interactive: isTerminal(os.Stderr),
		OwnConsole: ownConsole(), InConsole: isConsole(os.Stdin), OutConsole: isConsole(os.Stdout)}
}

// WaitBeforeClose reports whether to ask for Enter before exiting: only in a window that
// closes with the program, and only when a person both sees the prompt and can answer it
// (`zaitaku.exe 北区.xlsx > out.txt` must not wait with the prompt inside the file).
func (io *IO) WaitBeforeClose() bool {
	return io.OwnConsole && io.InConsole && io.OutConsole
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// ExitError ends a command with a code. Msg, when set, is printed to stderr by main. Err,
// when set, is the error that decided the code, kept for errors.Is/As.
type ExitError struct {
	Code int
	Msg  string
	Err  error
}

// Unwrap gives the error that decided the code.
func (e *ExitError) Unwrap() error { return e.Err }

func (e *ExitError) Error() string {
	if e.Msg == "" {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Msg
}

// Usage is an ExitUsage error with a message.
func Usage(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Msg: fmt.Sprintf(format, args...)}
}

// Output is an ExitOutput error: err says which output could not be written and why.
func Output(err error) error {
	return &ExitError{Code: ExitOutput, Msg: err.Error(), Err: err}
}

// Code returns the exit code for an error returned by a command.
func Code(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitUsage
}

// LoadSchema returns the schema in path, or the embedded default when path is empty.
// A broken schema is a usage error: nothing can be checked against it.
func LoadSchema(path string) (*schema.Schema, error) {
	s, _, err := LoadSchemaText(path)
	return s, err
}

// LoadSchemaText is LoadSchema that also gives the YAML it read (the embedded default's
// when path is empty), read once, so what is passed on is what was checked.
func LoadSchemaText(path string) (*schema.Schema, []byte, error) {
	if path == "" {
		return schema.Default(), schema.DefaultYAML(), nil
	}
	s, text, err := schema.LoadText(path)
	if err != nil {
		return nil, nil, &ExitError{Code: ExitUsage, Msg: "スキーマに誤りがあります:\n" + err.Error()}
	}
	return s, text, nil
}

// ParsePeriod reads a --period value of the survey's period kind (sc.Period); empty means
// not given. A period of another kind is a usage error that shows the expected form.
func ParsePeriod(sc *schema.Schema, s string) (period.Period, error) {
	if s == "" {
		return period.Period{}, nil
	}
	p, err := period.ParseKind(s, period.Kind(sc.Period))
	if err != nil {
		return p, Usage("--period: %s", err.Error())
	}
	return p, nil
}

// AddSchemaFlag adds --schema to a command; every command that reads returns takes it.
func AddSchemaFlag(fs *pflag.FlagSet, p *string) {
	fs.StringVar(p, "schema", "", "調査の定義ファイル（YAML）。省略時は組み込みの大阪市の調査")
}

// AddPeriodFlag adds --period with help that fits any survey: the flag is defined before
// the schema (and so its period kind) is known, so the help shows the two commonest forms
// and ParsePeriod's error gives the survey's own example when the kind does not fit.
func AddPeriodFlag(fs *pflag.FlagSet, p *string, what string) {
	fs.StringVar(p, "period", "", what+"。調査の期間の単位（半期・月など）に合わせて書く（例: 令和６年度上半期、令和６年８月）")
}

// AddReportFlags adds the report settings shared by `aggregate` and `report`.
func AddReportFlags(fs *pflag.FlagSet, o *report.Options) {
	fs.Var(&docLabelFlag{o}, "doc-label", "表紙と各ページの資料番号（省略時は調査の定義の doc_label。空にすると出さない）")
	fs.StringVar(&o.Title, "title", "", "報告書の題名（省略時は調査の定義の report_title）")
	fs.BoolVar(&o.IncludeCases, "include-cases", false, "相談事例（具体例）を報告書に含める（個人に関わる内容のため既定では含めない）")
	fs.StringVar(&o.FontPath, "font", "", "報告書（PDF）に使う TrueType フォント（省略時は組み込みの BIZ UDPゴシック）")
}

// docLabelFlag is --doc-label: a value replaces the survey's 資料番号, and an empty one
// (--doc-label "") asks for none, which leaving the flag out does not.
type docLabelFlag struct{ o *report.Options }

func (f *docLabelFlag) String() string {
	if f.o == nil {
		return ""
	}
	return f.o.DocLabel
}

func (f *docLabelFlag) Set(v string) error {
	f.o.DocLabel, f.o.NoDocLabel = v, v == ""
	return nil
}

func (f *docLabelFlag) Type() string { return "string" }
