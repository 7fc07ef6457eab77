package charts

import (
	"strings"
	"testing"
)

func TestNoteTextMarksOnce(t *testing.T) {
	for in, want := range map[string]string{"": "", "重複可": "※重複可", "※重複可": "※重複可"} {
		if got := NoteText(in); got != want {
			t.Errorf("NoteText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIncompleteNotice(t *testing.T) {
	if got := IncompleteNotice("回答 22／24区", false); got != "集計途中の資料です（回答 22／24区）" {
		t.Errorf("incomplete: %q", got)
	}
	if got := IncompleteNotice("回答 24／24区", true); got != "" {
		t.Errorf("complete: %q", got)
	}
}

// The model carries every word of the frame, so that no renderer writes one of its own.
func TestModelCarriesFrameWords(t *testing.T) {
	rep := Build(sample(t), Options{})
	if rep.Notice != "" || rep.Status.Title != "提出状況" || rep.Status.EarlierTitle != "比較に用いた過去の集計" || rep.AppendixTitle != "付表　区別の回答" {
		t.Errorf("notice %q status %q %q appendix %q", rep.Notice, rep.Status.Title, rep.Status.EarlierTitle, rep.AppendixTitle)
	}
	u3, br := find(rep, "u3").Counts, find(rep, "o2med").Counts
	if u3.Title != u3.Heading || u3.TitleTotal != "　"+u3.TotalText {
		t.Errorf("u3 title %q %q", u3.Title, u3.TitleTotal)
	}
	if br == nil || !br.Breakdown || br.Title != "【 "+br.Heading+" 】" || br.TitleTotal != br.TotalText {
		t.Errorf("breakdown title %+v", br)
	}
	if pt := find(rep, "o4").Periods; pt == nil || pt.Unit != "（回）" {
		t.Errorf("period table unit %+v", pt)
	}
	groups := 0
	for _, m := range rep.Appendix {
		for _, c := range m.Columns {
			if c.Item == "" || !strings.HasPrefix(c.Short, c.Item) {
				t.Errorf("column %s has item %q", c.Short, c.Item)
			}
			if c.Group == "" {
				if c.GroupHeading != "" || c.RowLabel != "" || strings.Contains(c.Short, "-") {
					t.Errorf("single column %+v", c)
				}
				continue
			}
			groups++
			if c.Short != c.Group+"-"+c.Sub || c.Label != c.GroupHeading+" "+c.RowLabel {
				t.Errorf("group column %+v", c)
			}
		}
	}
	if groups == 0 {
		t.Error("no grouped appendix columns")
	}
}

func TestIsFigure(t *testing.T) {
	for s, want := range map[string]bool{"6,784": true, "12": true, "0": true, "": false, "―": false, "12区": false, "-3": false, ",": false} {
		if got := IsFigure(s); got != want {
			t.Errorf("IsFigure(%q) = %v, want %v", s, got, want)
		}
	}
}
