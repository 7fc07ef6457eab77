// Package report renders the meeting report — the PDF in the manner of 資料１, the offline
// HTML page of charts and the editable PowerPoint deck — from an aggregate, through one
// report model, so that `zaitaku aggregate` and `zaitaku report` draw the same three files.
package report

import (
	"bytes"
	"fmt"
	"os"
	"sync"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/html"
	"github.com/osaka-city/zaitaku/render/pdf"
	"github.com/osaka-city/zaitaku/render/pptx"
)

// File names of the report inside an output folder.
const (
	PDFName  = "report.pdf"
	HTMLName = "report.html"
	PPTXName = "report.pptx"
)

// Options are the report settings a person chooses.
type Options struct {
	// DocLabel replaces the survey's 資料番号 (資料１) when set; NoDocLabel prints none.
	DocLabel   string
	NoDocLabel bool
	// Title replaces the survey's report title when set.
	Title string
	// IncludeCases adds the case records; they are sensitive, so off unless asked for.
	IncludeCases bool
	// FontPath is a TrueType font to use instead of the embedded BIZ UDPGothic.
	FontPath string
	// AggregateID is the 集計ID of the aggregate.json the report belongs to (aggregate.ID),
	// set by the command from the file's bytes, not by a person.
	AggregateID string
}

// Rendered is the report in memory, written out by the caller (atomically).
type Rendered struct {
	PDF  []byte
	HTML []byte
	PPTX []byte
}

// Render builds the report model once and draws the PDF, the HTML page and the deck from it.
// The deck names its fonts instead of embedding them, so --font changes only the PDF.
func Render(res *aggregate.Result, opts Options) (*Rendered, error) {
	rep := charts.Build(res, charts.Options{DocLabel: opts.DocLabel, NoDocLabel: opts.NoDocLabel, Title: opts.Title, IncludeCases: opts.IncludeCases, AggregateID: opts.AggregateID})
	var po pdf.Options
	if opts.FontPath != "" {
		data, err := os.ReadFile(opts.FontPath)
		if err != nil {
			return nil, fmt.Errorf("フォント %s を読めません: %w", opts.FontPath, err)
		}
		po.Font, po.BoldFont = data, data
	}
	// The deck follows the PDF's pages, so the PDF is laid out first. Then the PDF draws
	// beside the HTML page, and the deck after them, once the PDF is drawn and let go: all
	// three at once held more than the binary's memory limit at 1,741 units (480 MB max
	// RSS against 424 MB, and the collector ran back to back).
	var (
		p, h, d          bytes.Buffer
		perr, herr, derr error
	)
	laid, perr := pdf.Layout(rep, po)
	if perr == nil {
		rep.Pages = laid.Pages()
		var wg sync.WaitGroup
		wg.Go(func() { herr = html.Write(&h, rep) })
		perr = laid.Write(&p)
		wg.Wait()
		derr = pptx.Write(&d, rep)
	}
	if perr != nil {
		if opts.FontPath != "" {
			return nil, fmt.Errorf("報告書（PDF）を作れません。フォント %s を使えません。日本語を含む TrueType フォント（.ttf）を指定してください（%v）", opts.FontPath, perr)
		}
		return nil, fmt.Errorf("報告書（PDF）を作れません: %w", perr)
	}
	if herr != nil {
		return nil, fmt.Errorf("グラフのページ（HTML）を作れません: %w", herr)
	}
	if derr != nil {
		return nil, fmt.Errorf("報告書（PowerPoint）を作れません: %w", derr)
	}
	return &Rendered{PDF: p.Bytes(), HTML: h.Bytes(), PPTX: d.Bytes()}, nil
}
