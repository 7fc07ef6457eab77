// Package clitest runs one command's cobra.Command in a test as the command line would,
// without the root: everything it prints, its error text and its exit code in one place.
package clitest

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
)

// Run builds the command with an IO that captures its output, runs it with args, and
// returns what it printed (the error's text last) and the exit code cli.Code gives.
func Run(newCmd func(*cli.IO) *cobra.Command, args ...string) (string, int) {
	var out bytes.Buffer
	cmd := newCmd(&cli.IO{Out: &out, ErrOut: &out})
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err != nil {
		out.WriteString(err.Error())
	}
	return out.String(), cli.Code(err)
}
