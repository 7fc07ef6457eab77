package returns_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// A file that cannot be read keeps its kind and its cause: callers decide with errors.As
// and errors.Is, never by the Japanese text.
func TestFileErrorKeepsKindAndCause(t *testing.T) {
	_, err := returns.Read(filepath.Join(t.TempDir(), "ない.xlsx"), schema.Default())
	var fe *returns.FileError
	if !errors.As(err, &fe) || fe.Kind != finding.Unreadable || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("error %#v, want an unreadable *FileError wrapping fs.ErrNotExist", err)
	}
	if f := fe.Finding(); f.Code != finding.Unreadable || f.File != "ない.xlsx" || f.Severity != finding.Error || f.Cell != "" {
		t.Errorf("finding %+v", f)
	}
	_, err = returns.ReadBytes("北区.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), schema.Default())
	if !errors.As(err, &fe) || fe.Kind != finding.WrongFormat {
		t.Errorf("error %#v, want a wrong-format *FileError", err)
	}
}
