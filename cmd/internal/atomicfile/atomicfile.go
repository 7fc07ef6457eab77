// Package atomicfile writes output files so that they appear under their final name only when
// complete: a failure or a kill part-way leaves the previous file (or none), never a
// half-written report that someone might print.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes path through write, via a temporary file in the same folder that is
// renamed over path once write succeeds and the data is on disk.
func WriteFile(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	// A run killed part-way leaves its temporary file; the next write of the same output
	// clears it, so a folder does not fill with hidden leftovers.
	if stale, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(filepath.Base(path))+".tmp-*")); len(stale) > 0 {
		for _, f := range stale {
			os.Remove(f)
		}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s を書き込めません: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s を書き込めません: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s を書き込めません: %w", path, err)
	}
	// CreateTemp makes the file 0600; outputs are ordinary documents others may read.
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s を書き込めません: %w", path, err)
	}
	return nil
}

// WriteBytes writes data to path atomically.
func WriteBytes(path string, data []byte) error {
	return WriteFile(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`)
	return r.Replace(s)
}
