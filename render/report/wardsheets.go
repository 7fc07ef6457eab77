package report

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/pdf"
)

// WardSheetFile is one unit's rendered sheet: its path inside the output folder
// (区別/北区.pdf) and the PDF.
type WardSheetFile struct {
	Unit string
	Name string
	PDF  []byte
}

// WardSheetDir is the folder of the sheets inside the output folder: 「区別」.
func WardSheetDir(res *aggregate.Result) string { return charts.WardSheetDir(res.Units.Label) }

// WardSheetName is a unit's sheet file name: 「北区.pdf」; a character a file name cannot
// hold becomes 「_」.
func WardSheetName(unit string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, unit) + ".pdf"
}

// RenderWardSheet renders the sheet of one unit; ok is false when the aggregate has no
// unit of that name.
func RenderWardSheet(res *aggregate.Result, unit string, opts Options) (data []byte, ok bool, err error) {
	ws, ok := charts.BuildWardSheet(res, unit, sheetOptions(opts))
	if !ok {
		return nil, false, nil
	}
	po, err := pdfOptions(opts)
	if err != nil {
		return nil, true, err
	}
	var b strings.Builder
	if err := pdf.WriteWardSheet(&b, ws, po); err != nil {
		return nil, true, fmt.Errorf("%sを作れません: %w", ws.Title, err)
	}
	return []byte(b.String()), true, nil
}

// RenderWardSheets renders the sheet of every counted unit, on every core: each sheet is
// a document of its own with its own font subset, so they share nothing but the font
// bytes and the aggregate, which they only read.
func RenderWardSheets(res *aggregate.Result, opts Options) ([]WardSheetFile, error) {
	po, err := pdfOptions(opts)
	if err != nil {
		return nil, err
	}
	sheets := charts.WardSheets(res, sheetOptions(opts))
	out := make([]WardSheetFile, len(sheets))
	errs := make([]error, len(sheets))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(sheets), 1)) {
		wg.Go(func() {
			for i := range next {
				var b strings.Builder
				if err := pdf.WriteWardSheet(&b, sheets[i], po); err != nil {
					errs[i] = fmt.Errorf("%sを作れません: %w", sheets[i].Title, err)
				}
				out[i] = WardSheetFile{Unit: sheets[i].Unit, Name: WardSheetDir(res) + "/" + WardSheetName(sheets[i].Unit), PDF: []byte(b.String())}
			}
		})
	}
	for i := range sheets {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

func sheetOptions(opts Options) charts.Options {
	return charts.Options{Title: opts.Title, IncludeCases: opts.IncludeCases, AggregateID: opts.AggregateID}
}

// pdfOptions reads --font once for every document drawn with it.
func pdfOptions(opts Options) (pdf.Options, error) {
	var po pdf.Options
	if opts.FontPath != "" {
		data, err := os.ReadFile(opts.FontPath)
		if err != nil {
			return po, fmt.Errorf("フォント %s を読めません: %w", opts.FontPath, err)
		}
		po.Font, po.BoldFont = data, data
	}
	return po, nil
}
