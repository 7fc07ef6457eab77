package schemacmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema/examples"
)

// ExampleOptions are the inputs of `zaitaku schema example`.
type ExampleOptions struct {
	IO *cli.IO
	// Name is the example asked for; empty lists them.
	Name string
}

func newCmdExample(io *cli.IO) *cobra.Command {
	opts := &ExampleOptions{IO: io}
	return &cobra.Command{
		Use:     "example [名前]",
		Short:   "同梱の調査の定義（YAML）を表示する（名前を付けないと一覧）",
		Example: "  zaitaku schema example\n  zaitaku schema example 月報 > 月報.yaml\n  zaitaku template --schema 月報.yaml --all -o 様式",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return cli.Usage("表示する調査の名前を１つ指定してください（例: zaitaku schema example 月報）")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Name = args[0]
			}
			return runExample(opts)
		},
	}
}

func runExample(opts *ExampleOptions) error {
	if opts.Name == "" {
		fmt.Fprintln(opts.IO.Out, "同梱の調査（zaitaku schema example 名前 > ファイル.yaml で書き出し、--schema ファイル.yaml で使います）:")
		for _, e := range examples.List {
			fmt.Fprintf(opts.IO.Out, "  %s\t%s\n", e.Name, e.About)
		}
		return nil
	}
	e, ok := examples.Find(opts.Name)
	if !ok {
		names := make([]string, len(examples.List))
		for i, e := range examples.List {
			names[i] = e.Name
		}
		return cli.Usage("同梱の調査に「%s」はありません（あるもの: %s。組み込みの大阪市の調査は zaitaku schema default）", opts.Name, strings.Join(names, "・"))
	}
	_, err := opts.IO.Out.Write(e.YAML())
	return err
}
