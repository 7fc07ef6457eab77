// Package checker writes the offline checker page, 回答票チェック.html: one HTML file that
// checks a return in the browser exactly as `zaitaku validate` does, with the same Go code
// compiled to WebAssembly (./wasm, checked by pagecheck), the survey embedded and nothing
// fetched, so it opens from file:// with the network cut.
package checker

import (
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"

	"github.com/osaka-city/zaitaku/render/checker/pagecheck"
)

var (
	//go:embed checker.wasm.gz
	wasmGz []byte
	//go:embed wasm_exec.js
	wasmExecJS string
	//go:embed page.tmpl
	pageTmpl string
	//go:embed page.js
	pageJS string
	//go:embed page.css
	pageCSS string
	//go:embed LICENSE-go
	goLicence string
)

// Page is what the page shows and checks with.
type Page struct {
	// Config is handed to the WebAssembly checker.
	Config pagecheck.Config
	// Survey is the survey's title, FormID its id and version (「zaitaku-osaka/3」).
	Survey, FormID string
	// Units is the unit word of the survey (区, 相談支援室…).
	Units string
	// Period is the period every return must be for, in Japanese ("" when any).
	Period string
	// Previous is the previous period the 前回比 check compares with, in Japanese ("" when none).
	Previous string
	// Build is the zaitaku version that wrote the page.
	Build string
}

var tmpl = template.Must(template.New("page").Parse(pageTmpl))

// Write writes the page.
func Write(w io.Writer, p Page) error {
	cfg, err := json.Marshal(p.Config) // escapes <, > and &: safe inside <script>
	if err != nil {
		return fmt.Errorf("checker: config: %w", err)
	}
	return tmpl.Execute(w, map[string]any{
		"P":        p,
		"Title":    "回答票チェック（" + p.Survey + "）",
		"CSS":      template.CSS(pageCSS),
		"Config":   template.JS(cfg),
		"Wasm":     template.HTML(base64.StdEncoding.EncodeToString(wasmGz)),
		"WasmExec": template.JS(wasmExecJS),
		"JS":       template.JS(pageJS),
		"Licence":  goLicence,
	})
}
