package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestFailedWriteKeepsThePreviousFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "報告書.pdf")
	if err := WriteBytes(path, []byte("previous")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFile(path, func(w io.Writer) error {
		w.Write([]byte("half a rep"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want boom", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "previous" {
		t.Errorf("previous file became %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteReplacesAndIsReadable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.json")
	for _, s := range []string{"one", "two"} {
		if err := WriteBytes(path, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(got) != "two" || st.Mode().Perm() != 0o644 {
		t.Errorf("content %q mode %v", got, st.Mode().Perm())
	}
}

func TestLeftoversOfAKilledRunAreCleared(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "集計表.xlsx")
	leftover := filepath.Join(dir, ".集計表.xlsx.tmp-123456")
	other := filepath.Join(dir, ".report.pdf.tmp-99")
	os.WriteFile(leftover, []byte("half"), 0o600)
	os.WriteFile(other, []byte("half"), 0o600)
	if err := WriteBytes(path, []byte("whole")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Error("the leftover temporary file of the same output is still there")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("another output's temporary file was removed")
	}
}
