package charts

import "testing"

// The 資料番号 is the survey's unless the run asks for another or for none.
func TestDocLabel(t *testing.T) {
	res := sample(t)
	own, none := "資料３", ""
	for _, tc := range []struct {
		survey *string
		opts   Options
		want   string
	}{
		{&own, Options{}, "資料３"},
		{&own, Options{DocLabel: "資料２"}, "資料２"},
		{&own, Options{NoDocLabel: true}, ""},
		{&none, Options{}, ""},
		{&none, Options{DocLabel: "資料２"}, "資料２"},
		{nil, Options{}, ""},
	} {
		res.Survey.DocLabel = tc.survey
		if got := Build(res, tc.opts).DocLabel; got != tc.want {
			t.Errorf("survey %v, options %+v: %q, want %q", tc.survey, tc.opts, got, tc.want)
		}
	}
}

// A schema without doc_label gets a report without 資料番号.
func TestNoDocLabelWithoutKey(t *testing.T) {
	if got := Build(countsOnly(t), Options{}).DocLabel; got != "" {
		t.Errorf("counts_only.yaml has no doc_label, the report prints %q", got)
	}
}
