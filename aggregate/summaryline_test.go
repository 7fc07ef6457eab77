package aggregate

import "testing"

// The count every output states reads well for any unit label: a one-kanji label is the
// counter after the number, a longer one is said elsewhere and the number takes 件.
func TestSummaryLine(t *testing.T) {
	tests := []struct {
		label             string
		counted, expected int
		missing, excluded []string
		want              string
	}{
		{"区", 24, 24, nil, nil, "回答 24／24区"},
		{"区", 21, 24, []string{"西区", "港区"}, []string{"生野区"}, "回答 21／24区（未提出: 西区、港区／集計から除外: 生野区）"},
		{"相談支援室", 11, 11, nil, nil, "回答 11／11 件"},
		{"相談支援室", 0, 3, []string{"市町村0001", "市町村0002", "市町村0003"}, nil, "回答 0／3 件（未提出: 市町村0001、市町村0002、市町村0003）"},
		{"室", 2, 3, nil, []string{"第一室"}, "回答 2／3室（集計から除外: 第一室）"},
	}
	for _, tt := range tests {
		if got := SummaryLine(tt.label, tt.counted, tt.expected, tt.missing, tt.excluded); got != tt.want {
			t.Errorf("SummaryLine(%q, %d, %d, %q, %q) = %q, want %q", tt.label, tt.counted, tt.expected, tt.missing, tt.excluded, got, tt.want)
		}
	}
}
