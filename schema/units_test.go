package schema

import "testing"

// A one-kanji label counts by itself; any other label is a noun counted with 件.
func TestUnitCount(t *testing.T) {
	tests := []struct {
		label         string
		n             int
		count, amount string
	}{
		{"区", 24, "24区", "24区"},
		{"市", 43, "43市", "43市"},
		{"区", 1, "1区", "1区"},
		{"相談支援室", 11, "相談支援室 11 件", "11 件"},
		{"市町村", 43, "市町村 43 件", "43 件"},
		{"地域包括支援センター", 0, "地域包括支援センター 0 件", "0 件"},
		{"ward", 3, "ward 3 件", "3 件"},
		{"Ａ", 2, "Ａ 2 件", "2 件"},
	}
	for _, tt := range tests {
		u := &Units{Label: tt.label}
		if got := u.Count(tt.n); got != tt.count {
			t.Errorf("Units{Label: %q}.Count(%d) = %q, want %q", tt.label, tt.n, got, tt.count)
		}
		if got := u.Amount(tt.n); got != tt.amount {
			t.Errorf("Units{Label: %q}.Amount(%d) = %q, want %q", tt.label, tt.n, got, tt.amount)
		}
	}
}
