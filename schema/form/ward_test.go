package form_test

import (
	"bytes"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// A unit the survey does not have is refused in the schema's word for a unit, as the
// template command says it (「…は調査の対象の区にありません」).
func TestTemplateUnknownUnit(t *testing.T) {
	synth, err := formtest.SyntheticYAML(3)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		label, want string
	}{
		{"区", "「どこか」は調査の対象の区にありません"},
		{"相談支援室", "「どこか」は調査の対象の相談支援室にありません"},
	}
	for _, tt := range tests {
		yaml := bytes.Replace(synth, []byte("\n  label: 区\n"), []byte("\n  label: "+tt.label+"\n"), 1)
		sc, err := schema.Parse(yaml, "synth.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if sc.Units.Label != tt.label {
			t.Fatalf("the synthetic schema's units are %q, want %q", sc.Units.Label, tt.label)
		}
		_, err = form.BuildTemplate(sc, form.TemplateOptions{Ward: "どこか"})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: BuildTemplate with an unknown unit: %v, want %q", tt.label, err, tt.want)
		}
	}
}
