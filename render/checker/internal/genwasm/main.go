// Command genwasm builds the checker page's WebAssembly program (render/checker/wasm) the
// same way every time and writes what render/checker embeds: checker.wasm.gz (gzip -9 with
// no time or name in its header and the Go version as its comment) and wasm_exec.js, the
// Go runtime's JavaScript glue, with its licence note. `go generate ./render/checker` runs
// it in render/checker; the package's test runs it into a temporary folder and compares.
//
// Usage: go run ./internal/genwasm [-out DIR]
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

func main() {
	out := flag.String("out", ".", "folder to write checker.wasm.gz and wasm_exec.js to")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genwasm:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	tmp, err := os.MkdirTemp("", "genwasm")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	wasm := filepath.Join(tmp, "checker.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-o", wasm, "./wasm")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=js", "GOARCH=wasm", "GOFLAGS=", "GOWORK=off")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build ./wasm: %w", err)
	}
	data, err := os.ReadFile(wasm)
	if err != nil {
		return err
	}
	gz, err := compress(data, goVersion())
	if err != nil {
		return err
	}
	glue, err := wasmExec()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "checker.wasm.gz"), gz, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "wasm_exec.js"), glue, 0o644)
}

// goVersion is the toolchain `go build` uses (GOTOOLCHAIN may pick another than this
// program's), recorded in the gzip header so a mismatch can be named.
func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return runtime.Version()
	}
	return strings.TrimSpace(string(out))
}

// compress gzips at the best level with a header that holds nothing that changes between
// builds: no time, no name; the comment names the Go version.
func compress(data []byte, version string) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Comment = version
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// wasmExec is the toolchain's lib/wasm/wasm_exec.js with a note of its licence on top.
func wasmExec() ([]byte, error) {
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, err
	}
	note := "// wasm_exec.js of " + goVersion() + ", copied by render/checker/internal/genwasm.\n" +
		"// Go is distributed under a BSD-style licence: render/checker/LICENSE-go, a copy of Go's LICENSE.\n"
	return append([]byte(note), data...), nil
}
