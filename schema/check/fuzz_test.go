package check_test

import (
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/quick"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// FuzzParseCount: no input panics, an accepted count is a whole number in range that
// printing it back reads the same, and typed text is read literally (checkLiteralCount).
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "12", "１,２３４", "1,234", "12件", "-3", "▲3", "2.5", "1e3", "1E+15", "NaN", "Inf", "", " ７ ", "9999999999", "0x10",
		"１２３４５６７８９０１２３４５６７８９０", "3 5", "3　5", "3\n5", "1²", "0x1p4", "1_000", "12,3", "１,２３４", "\u200b12", "1\u00a0234"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, number bool) {
		n, problem := check.ParseCount(s, number)
		if !number {
			checkLiteralCount(t, s, n, problem)
		}
		if problem != "" {
			return
		}
		if n < 0 || n > 1<<31-1 {
			t.Fatalf("ParseCount(%q, %v) = %d accepted out of range", s, number, n)
		}
		for _, asNumber := range []bool{false, true} {
			if m, p := check.ParseCount(strconv.FormatInt(n, 10), asNumber); p != "" || m != n {
				t.Fatalf("ParseCount(%q, %v) = %d, but %d reads back as %d (%s)", s, number, n, n, m, p)
			}
		}
	})
}

// checkLiteralCount holds ParseCount on typed text to what the text literally says: an
// accepted value's digits appear in the input's digits in order (after full-width →
// ASCII), and the input, without surrounding spaces, is one digit group or groups joined
// only by correctly placed thousands separators. It is its own oracle, written without
// regular expressions, so that it does not share a mistake with the parser.
func checkLiteralCount(t *testing.T, s string, n int64, problem string) {
	t.Helper()
	if problem != "" {
		if n != 0 {
			t.Fatalf("ParseCount(%q) = %d with problem %q", s, n, problem)
		}
		return
	}
	var digits []byte
	var groups []string
	cur := ""
	for _, r := range strings.Trim(s, " \u3000") {
		switch {
		case r >= '0' && r <= '9':
			cur += string(r)
		case r >= '０' && r <= '９':
			cur += string('0' + r - '０')
		case r == ',' || r == '，':
			groups = append(groups, cur)
			cur = ""
			continue
		default:
			t.Fatalf("ParseCount(%q) = %d accepted text holding %q", s, n, r)
		}
		digits = append(digits, cur[len(cur)-1])
	}
	groups = append(groups, cur)
	if len(groups) > 1 {
		if l := len(groups[0]); l < 1 || l > 3 || groups[0][0] == '0' {
			t.Fatalf("ParseCount(%q) = %d accepted a first group %q", s, n, groups[0])
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				t.Fatalf("ParseCount(%q) = %d joined groups %q across a misplaced separator", s, n, groups)
			}
		}
	}
	want := strconv.FormatInt(n, 10)
	i := 0
	for _, d := range digits {
		if i < len(want) && want[i] == d {
			i++
		}
	}
	if i != len(want) {
		t.Fatalf("ParseCount(%q) = %d: %s is not a subsequence of the digits %s", s, n, want, digits)
	}
}

// TestParseCountLiteralProperty runs checkLiteralCount on random strings built from the
// characters that have made counts go wrong: digits of both widths, separators, spaces of
// every kind, line breaks, signs, exponents and look-alike digits.
func TestParseCountLiteralProperty(t *testing.T) {
	alphabet := []rune("0123456789０１２３４５６７８９,，. 　\t\n\u00a0\u200b-▲eE+x_²①件")
	gen := func(vals []reflect.Value, rng *rand.Rand) {
		b := make([]rune, rng.Intn(9))
		for i := range b {
			if rng.Intn(3) > 0 {
				b[i] = rune('0' + rng.Intn(10)) // mostly digits, so that some inputs pass
			} else {
				b[i] = alphabet[rng.Intn(len(alphabet))]
			}
		}
		vals[0] = reflect.ValueOf(string(b))
	}
	accepted := 0
	prop := func(s string) bool {
		n, problem := check.ParseCount(s, false)
		checkLiteralCount(t, s, n, problem)
		if problem == "" {
			accepted++
		}
		return true
	}
	if err := quick.Check(prop, &quick.Config{MaxCount: 20000, Values: gen, Rand: rand.New(rand.NewSource(9))}); err != nil {
		t.Fatal(err)
	}
	if accepted == 0 {
		t.Fatal("no generated input was accepted: the property was never exercised")
	}
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
		r, err := check.ReadBytes("fuzz.xlsx", data, sc, check.ReadOptions{})
		var fe *returns.FileError
		switch {
		case err != nil && !errors.As(err, &fe):
			t.Fatalf("error is not a FileError: %v", err)
		case err == nil && r == nil:
			t.Fatal("no return and no error")
		case err == nil:
			for _, fd := range r.Findings {
				if fd.File != "fuzz.xlsx" || fd.Message == "" || fd.Code == "" {
					t.Fatalf("finding without file, message or code: %+v", fd)
				}
			}
		}
	})
}
