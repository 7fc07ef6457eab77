package schema_test

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

// Choice matching: what a person may type for an option, and option codes.

func TestChoiceMatch(t *testing.T) {
	const (
		done = "実施している"
		prep = "実施に向けて準備・調整中"
		none = "現時点では未着手"
	)
	s := schema.Default()
	tests := []struct {
		list, answer, want string // want "" = no match
	}{
		{"status3", "実施している", done},
		{"status3", "実施中", done},
		{"status3", "1", done},
		{"status3", "１", done}, // full-width code
		{"status3", "○", done},
		{"status3", "〇", done},
		{"status3", " 実施中　", done}, // half- and full-width spaces
		{"status3", "実施に向けて準備・調整中", prep},
		{"status3", "準備中", prep},
		{"status3", "2", prep},
		{"status3", "２", prep},
		{"status3", "△", prep},
		{"status3", "現時点では未着手", none},
		{"status3", "未着手", none},
		{"status3", "3", none},
		{"status3", "３", none},
		{"status3", "×", none},
		{"status3", "③", none}, // circled digit folds to 3
		// Unknown text is refused, never guessed.
		{"status3", "", ""},
		{"status3", "　", ""},
		{"status3", "4", ""},
		{"status3", "0", ""},
		{"status3", "実施していない", ""},
		{"status3", "準備中です", ""},
		{"status3", "はい", ""},
		{"status3", "1,2", ""},
		// Choices are per list: the same word may mean different things.
		{"held2", "開催している", "開催している"},
		{"held2", "実施している", "開催している"},
		{"held2", "２", "現時点では未開催"},
		{"held2", "3", ""},
		{"held2", "準備中", ""},
		{"grasp2", "把握していない", "把握していない"},
		{"grasp2", "未把握", "把握していない"},
		{"grasp2", "把握", "把握している"},
	}
	for _, tc := range tests {
		l := s.List(tc.list)
		if l == nil {
			t.Fatalf("no choice list %s", tc.list)
		}
		o, ok := l.Match(tc.answer)
		switch {
		case tc.want == "" && ok:
			t.Errorf("%s.Match(%q) = %q, want no match", tc.list, tc.answer, o.Label)
		case tc.want != "" && !ok:
			t.Errorf("%s.Match(%q) = no match, want %q", tc.list, tc.answer, tc.want)
		case ok && o.Label != tc.want:
			t.Errorf("%s.Match(%q) = %q, want %q", tc.list, tc.answer, o.Label, tc.want)
		}
	}
	if got := strings.Join(s.List("status3").Labels(), "/"); got != done+"/"+prep+"/"+none {
		t.Errorf("status3 labels = %s", got)
	}
}

func TestOptionCodes(t *testing.T) {
	// Codes default to 1, 2, 3 by position; an explicit code replaces the positional one.
	src := strings.Replace(minimal, "      - label: いいえ\n", "      - label: いいえ\n        code: 9\n", 1)
	l := mustParse(t, src).List("yn")
	for answer, want := range map[string]string{"1": "はい", "9": "いいえ", "９": "いいえ", "2": ""} {
		o, ok := l.Match(answer)
		if want == "" {
			if ok {
				t.Errorf("Match(%q) = %s, want no match", answer, o.Label)
			}
			continue
		}
		if !ok || o.Label != want {
			t.Errorf("Match(%q) = %v, %v; want %s", answer, o, ok, want)
		}
	}
	if c := l.Options[0].Code; c != 1 {
		t.Errorf("first option code = %d, want 1", c)
	}
}
