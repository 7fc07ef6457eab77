package schema_test

import (
	"fmt"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

func TestProbe(t *testing.T) {
	for _, src := range []string{
		"id: x\nversion: 1\n\ttitle: y\n",
		"id: x\nversion: 1\ntitle: y\nunits:\n\tlist: []\n",
		"id: x\nversion: 1\ntitle: y\nunits:\n  list:\n  \t- a\n",
		"id: x\nversion: 1\ntitle: y\nunits:\n  blocks: [a, b\n  list: []\n",
		"id: x\nversion: 1\ntitle: y\nunits:\n  blocks: [a, b\n",
		"id: x\nversion: 1\ntitle: y\nunits: {label: a\n",
		"id: x\nversion: 1\n title: y\n",
		"id: x\nversion: 1\ntitle y\nfoo: 1\n",
		"id: x\nversion: 1\ntitle: \"y\nfoo: 1\n",
		"id: x\nversion: 1\ntitle: y: z\n",
		"id: x\nversion: 1\nunits:\n  list:\n    - {name: a}\n   - {name: b}\n",
		"[a, b\n",
	} {
		_, err := schema.Parse([]byte(src), "t.yaml")
		fmt.Printf("%q\n => %v\n", src, err)
	}
}
