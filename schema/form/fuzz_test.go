package form_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
)

// FuzzParseCount: no input panics, an accepted count is a whole number in range, and
// printing it back reads the same number.
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "12", "１,２３４", "1,234", "12件", "-3", "▲3", "2.5", "1e3", "1E+15", "NaN", "Inf", "", " ７ ", "9999999999", "0x10", "１２３４５６７８９０１２３４５６７８９０"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, problem := form.ParseCount(s)
		if problem != "" {
			return
		}
		if n < 0 || n > 1<<31-1 {
			t.Fatalf("ParseCount(%q) = %d accepted out of range", s, n)
		}
		if m, p := form.ParseCount(strconv.FormatInt(n, 10)); p != "" || m != n {
			t.Fatalf("ParseCount(%q) = %d, but %d reads back as %d (%s)", s, n, n, m, p)
		}
	})
}

// FuzzChoiceMatch: matching never panics and never picks an option for text that folds
// to nothing.
func FuzzChoiceMatch(f *testing.F) {
	sc := schema.Default()
	list := sc.List("status3")
	for _, s := range []string{"実施している", "準備中", "３", "〇", "　", "実施\u3000している", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, ok := list.Match(s)
		if ok && (o == nil || schema.Fold(s) == "") {
			t.Fatalf("Match(%q) = %v, %v", s, o, ok)
		}
	})
}

// FuzzReadBytes: whatever bytes arrive as a return, Read gives a FileError or a Return,
// never a panic, and every finding names the file.
func FuzzReadBytes(f *testing.F) {
	sc := schema.Default()
	good, err := os.ReadFile(filepath.Join("..", "..", "testdata", "returns", "北区.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	for _, name := range []string{"件数にエラー値.xlsx", "回答欄が結合.xlsx", "中身が別のzip.xlsx"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bad", name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := form.ReadBytes("fuzz.xlsx", data, sc, form.ReadOptions{})
		var fe *form.FileError
		switch {
		case err != nil && !errors.As(err, &fe):
			t.Fatalf("error is not a FileError: %v", err)
		case err == nil && r == nil:
			t.Fatal("no return and no error")
		case err == nil:
			for _, fd := range r.Findings {
				if fd.File != "fuzz.xlsx" || fd.Message == "" {
					t.Fatalf("finding without file or message: %+v", fd)
				}
			}
		}
	})
}
