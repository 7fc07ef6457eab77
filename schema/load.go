package schema

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML returns the embedded default schema as written, comments included, so
// `zaitaku schema default` gives a starting point a person can adapt.
func DefaultYAML() []byte { return append([]byte(nil), defaultYAML...) }

// Default returns the embedded default survey (大阪市, 24 wards). It panics only if the
// embedded file is broken, which the tests rule out.
func Default() *Schema {
	s, err := Parse(defaultYAML, "default")
	if err != nil {
		panic("embedded default schema is invalid: " + err.Error())
	}
	return s
}

// Load reads and checks a schema file.
func Load(path string) (*Schema, error) {
	sc, _, err := LoadText(path)
	return sc, err
}

// LoadText is Load that also gives the file's text as read, for a caller that passes the
// schema on (the checker page carries the very YAML that was checked).
func LoadText(path string) (*Schema, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("スキーマファイル %s を読めません: %w", path, errors.Unwrap(err))
	}
	sc, err := Parse(data, path)
	return sc, data, err
}

// Error is one mistake in a schema, with the YAML line it is on.
type Error struct {
	Source string
	Line   int
	Msg    string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d行目: %s", e.Source, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Source, e.Msg)
}

// ErrorList is every mistake found in a schema, in line order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// Parse decodes and checks a schema. All mistakes are reported at once as an ErrorList.
func Parse(data []byte, source string) (*Schema, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := syntaxError(data, err)
		return nil, ErrorList{{Source: source, Line: line, Msg: msg}}
	}
	if len(root.Content) == 0 {
		return nil, ErrorList{{Source: source, Msg: "スキーマが空です"}}
	}
	d := &decoder{source: source, top: root.Content[0]}
	s := &Schema{Source: source}
	d.decode(root.Content[0], s)
	if len(d.errs) > 0 {
		return nil, d.sorted()
	}
	d.check(s)
	if len(d.errs) > 0 {
		return nil, d.sorted()
	}
	return s, nil
}

// yamlParserErrors are the messages of yaml.v3's parser (not its scanner). The parser
// reports a 0-based line (go-yaml/yaml#205), one above the line a person sees.
var yamlParserErrors = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlMessages put the commonest YAML syntax errors in plain Japanese.
var yamlMessages = map[string]string{
	"did not find expected ',' or ']'":                       "この行の [ が ] で閉じられていません（区切りの「,」が抜けていることもあります）",
	"did not find expected ',' or '}'":                       "この行の { が } で閉じられていません（区切りの「,」が抜けていることもあります）",
	"did not find expected key":                              "この行から始まる「キー: 値」の並びの途中で字下げがずれています（同じ階層の行は同じ桁から書きます）",
	"did not find expected '-' indicator":                    "この行から始まるリスト（- の行）の途中で字下げがずれています",
	"mapping values are not allowed in this context":         "ここには「:」を書けません（字下げのずれか、値の中の「: 」です。値に「: 」を含めるときは \"…\" で囲みます）",
	"block sequence entries are not allowed in this context": "ここには「- 」のリストを書けません（字下げがずれています）",
	"could not find expected ':'":                            "「キー: 値」の「:」が見つかりません（「:」の後には半角スペースが必要です）",
	"found unexpected end of stream":                         "引用符（\" または '）が閉じられないままファイルが終わっています",
	"found character that cannot start any token":            "この行に値の先頭に書けない文字（@ ` % など）があります。値を \"…\" で囲んでください",
}

// syntaxError turns a yaml.v3 syntax error into a line and a plain Japanese message.
func syntaxError(data []byte, err error) (int, string) {
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = yamlLine.ReplaceAllString(msg, "")
	msg = strings.TrimLeft(msg, ": ")
	if yamlParserErrors[msg] {
		line++
	}
	// A tab in the indentation is the commonest mistake. yaml.v3 either names the tab's line
	// ("cannot start any token") or the line where the value it was reading began.
	tab := strings.Contains(msg, "tab character")
	if tab || msg == "found character that cannot start any token" {
		for i, l := range strings.Split(string(data), "\n") {
			indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
			if (i+1 == line || tab && i+1 > line) && strings.Contains(indent, "\t") {
				return i + 1, "字下げにタブ文字が使われています。字下げは半角スペースで書いてください"
			}
		}
	}
	// An unclosed bracket on the first line is reported where the parser gave up.
	if open := map[string]string{"did not find expected ',' or ']'": "[", "did not find expected ',' or '}'": "{"}[msg]; open != "" {
		lines := strings.Split(string(data), "\n")
		for line > 1 && line <= len(lines) && !strings.Contains(lines[line-1], open) {
			line--
		}
	}
	if ja, ok := yamlMessages[msg]; ok {
		return line, ja
	}
	return line, "YAML として読めません（" + msg + "）"
}

type decoder struct {
	source string
	errs   ErrorList
	// top is the document's top-level node, for the line of a top-level key.
	top *yaml.Node
}

// keyLine is the line of a key under the top-level mapping (keyLine("units",
// "block_label")), or of the deepest of its parents that is there, or 1: a mistake found
// after decoding still points at the line a person has to change.
func (d *decoder) keyLine(path ...string) int {
	line := 1
	n := d.top
	for _, key := range path {
		k, v := mapKey(n, key)
		if k == nil {
			break
		}
		line, n = k.Line, v
	}
	return line
}

// itemLine is the line of the i-th entry of the list at path (keyLine("units", "blocks")
// with i = 2 is the third block), or the line of the key when the entry is not found.
func (d *decoder) itemLine(i int, path ...string) int {
	n := d.top
	for _, key := range path {
		if _, n = mapKey(n, key); n == nil {
			return d.keyLine(path...)
		}
	}
	if n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
		return d.keyLine(path...)
	}
	return n.Content[i].Line
}

// mapKey finds key in the mapping n and gives its key and value nodes, or nils.
func mapKey(n *yaml.Node, key string) (k, v *yaml.Node) {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

func (d *decoder) errorf(line int, format string, args ...any) {
	d.errs = append(d.errs, &Error{Source: d.source, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) sorted() ErrorList {
	sort.SliceStable(d.errs, func(i, j int) bool { return d.errs[i].Line < d.errs[j].Line })
	return d.errs
}

// decode fills v (a pointer to a schema struct) from n, walking the tree itself so that
// unknown keys and wrongly typed values are reported with their line, and every struct
// with a `line` field learns where it was defined.
func (d *decoder) decode(n *yaml.Node, v any) {
	d.decodeValue(n, reflect.ValueOf(v).Elem())
}

func (d *decoder) decodeValue(n *yaml.Node, v reflect.Value) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch v.Kind() {
	case reflect.Pointer:
		if n.Tag == "!!null" {
			return
		}
		if v.Type() == changeCheckType {
			d.decodeChangeCheck(n, v)
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decodeValue(n, v.Elem())
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.errorf(n.Line, "ここには「キー: 値」の組が必要です（%sが書かれています）", written(n))
			return
		}
		d.decodeStruct(n, v)
	case reflect.Slice:
		if n.Tag == "!!null" {
			return
		}
		if v.Type() == reflect.TypeOf(Words{}) && n.Kind == yaml.ScalarNode {
			// One word may be written without brackets.
			v.Set(reflect.ValueOf(Words{n.Value}))
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.errorf(n.Line, "ここにはリスト（- で始まる行、または [ ] ）が必要です（%sが書かれています）", written(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			if c.Tag == "!!null" && v.Type().Elem().Kind() == reflect.Pointer {
				// A bare "-" would leave a nil element for check to trip over.
				d.errorf(c.Line, "リストに中身のない要素（「-」だけの行）があります")
				continue
			}
			d.decodeValue(c, s.Index(i))
		}
		v.Set(s)
	default:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n.Line, "ここには値が１つ必要です（%sが書かれています）", written(n))
			return
		}
		isInt := v.Kind() == reflect.Int || v.Kind() == reflect.Int64
		if isInt && n.ShortTag() == "!!float" {
			// yaml.v3 would cut 1.5 to 1 without a word.
			d.errorf(n.Line, "「%s」は整数として読めません", n.Value)
			return
		}
		if err := n.Decode(v.Addr().Interface()); err != nil {
			what := "値"
			switch v.Kind() {
			case reflect.Int, reflect.Int64:
				what = "整数"
			case reflect.Bool:
				what = "true または false"
			}
			d.errorf(n.Line, "「%s」は%sとして読めません", n.Value, what)
		}
	}
}

// written says what a node holds, for a message about a value of the wrong shape:
// 「北部」, a list, or key: value pairs.
func written(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "リスト"
	case yaml.MappingNode:
		return "「キー: 値」の組"
	}
	return "「" + n.Value + "」"
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	t := v.Type()
	fields := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = i
		names = append(names, tag)
	}
	if f, ok := t.FieldByName("Line"); ok && f.Type.Kind() == reflect.Int {
		v.FieldByIndex(f.Index).SetInt(int64(n.Line))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		idx, ok := fields[k.Value]
		if !ok {
			d.errorf(k.Line, "不明な項目「%s」です（使える項目: %s）", k.Value, strings.Join(names, ", "))
			continue
		}
		if seen[k.Value] {
			d.errorf(k.Line, "項目「%s」が２回書かれています", k.Value)
			continue
		}
		seen[k.Value] = true
		d.decodeValue(val, v.Field(idx))
	}
}

// Fold normalises a short answer for comparison: NFKC (full-width digits and letters to
// half-width, half-width kana to full-width) and all white space removed. It is used for
// choice answers, codes and unit names, never for free text.
func Fold(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
