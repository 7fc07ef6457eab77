//go:build js && wasm

// Command wasm is the checker page's WebAssembly program: it reads the page's config
// (pagecheck.Config, JSON in the global zaitakuConfig), then offers
// zaitakuCheck([{name, data: Uint8Array}, …]) to the page's script, which returns
// {result: JSON of pagecheck.Result, annotated: [Uint8Array or null, …]}.
// `go generate ./render/checker` builds it into checker.wasm.gz.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/osaka-city/zaitaku/render/checker/pagecheck"
)

func main() {
	ready := js.Global().Get("zaitakuReady")
	l, err := load()
	if err != nil {
		if ready.Type() == js.TypeFunction {
			ready.Invoke(err.Error())
		}
		return
	}
	js.Global().Set("zaitakuCheck", js.FuncOf(func(this js.Value, args []js.Value) (out any) {
		defer func() {
			if p := recover(); p != nil {
				out = map[string]any{"error": fmt.Sprint(p)}
			}
		}()
		return check(l, args)
	}))
	if ready.Type() == js.TypeFunction {
		ready.Invoke(js.Null())
	}
	select {} // keep the function alive for the page's lifetime
}

// load reads the config the page carries.
func load() (*pagecheck.Loaded, error) {
	raw := js.Global().Get("zaitakuConfig")
	if raw.Type() != js.TypeString {
		return nil, fmt.Errorf("ページの設定がありません")
	}
	var c pagecheck.Config
	if err := json.Unmarshal([]byte(raw.String()), &c); err != nil {
		return nil, fmt.Errorf("ページの設定を読めません: %v", err)
	}
	return pagecheck.Load(c)
}

// check runs pagecheck.Check on the files passed from JavaScript.
func check(l *pagecheck.Loaded, args []js.Value) any {
	if len(args) != 1 || args[0].Type() != js.TypeObject {
		return map[string]any{"error": "zaitakuCheck([{name, data}]) に渡すものが違います"}
	}
	n := args[0].Length()
	files := make([]pagecheck.File, n)
	for i := range files {
		v := args[0].Index(i)
		data := v.Get("data")
		files[i].Name = v.Get("name").String()
		files[i].Data = make([]byte, data.Get("length").Int())
		js.CopyBytesToGo(files[i].Data, data)
	}
	res := l.Check(files)
	b, err := json.Marshal(res)
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	annotated := make([]any, len(res.Files))
	for i, f := range res.Files {
		if f.Annotated == nil {
			annotated[i] = nil
			continue
		}
		u := js.Global().Get("Uint8Array").New(len(f.Annotated))
		js.CopyBytesToJS(u, f.Annotated)
		annotated[i] = u
	}
	return map[string]any{"result": string(b), "annotated": annotated}
}
