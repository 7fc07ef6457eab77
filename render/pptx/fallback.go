package pptx

import (
	"math"

	"github.com/osaka-city/zaitaku/charts"
)

// A report without a page plan (charts.Report.Pages unset: the deck drawn on its own,
// not beside report.pdf) is paginated here, by estimates in mm: its items by itemSlides,
// the long tables by rows per slide. report.pdf's plan, when set, decides instead.

// Rows of the long tables per slide: the 提出状況 table under the submission line, then
// on slides of its own; the appendix above its legend.
const (
	statusRowH      = 5.0
	statusFirstRows = 28
	statusNextRows  = 31
	matrixRowH      = 5.2
	matrixRows      = 26
)

// ownSlides are the report's slides without a page plan, in the PDF's order.
func ownSlides(rep *charts.Report) []*slide {
	slides := []*slide{coverSlide(rep)}
	for _, sec := range rep.Sections {
		if sec == nil {
			continue
		}
		slides = append(slides, sectionSlide(sec))
		for _, it := range sec.Items {
			if it != nil {
				slides = append(slides, itemSlides(it)...)
				slides = append(slides, movesSlides(it)...)
			}
		}
	}
	if rep.Status != nil {
		slides = append(slides, statusSlides(rep.Status, rep.Complete)...)
	}
	for _, mx := range rep.Appendix {
		if mx != nil {
			slides = append(slides, appendixSlides(mx)...)
		}
	}
	for _, ut := range rep.UnitTables {
		for _, mx := range ut.Pages {
			slides = append(slides, unitTableSlide(mx))
		}
	}
	return slides
}

// statusSlides is the 提出状況 page: the submission line, the wards' table, and the
// earlier aggregates used for comparison; a long table goes on over slides under the
// heading with 「（続き）」.
func statusSlides(st *charts.StatusTable, complete bool) []*slide {
	s := headed(st.Title)
	out := []*slide{s}
	// A submission line of several lines pushes the table down by as many rows.
	sumH := summaryHeight(st.Summary)
	statusPart(s, st, &charts.StatusPart{Summary: true}, complete, contentTop, sumH)
	top := contentTop + sumH + 2
	first := statusFirstRows - int(math.Ceil((sumH-summaryMinH)/statusRowH))
	for from, n := 0, first; from < len(st.Rows); from, n = from+n, statusNextRows {
		if from > 0 {
			s = headed(st.Title + charts.Continued)
			out = append(out, s)
			top = contentTop
		}
		to := min(from+n, len(st.Rows))
		sp := &charts.StatusPart{First: from, Rows: st.Rows[from:to]}
		for i := from; i < to; i++ {
			sp.Bad = append(sp.Bad, i < len(st.Bad) && st.Bad[i])
		}
		h := statusRowH * float64(to-from+1)
		statusPart(s, st, sp, complete, top, h)
		top += h + 5
	}
	if len(st.Notices) > 0 {
		h := listLineH * float64(len(st.Notices)+2)
		if top+h > contentBot {
			s = headed(st.Title + charts.Continued)
			out = append(out, s)
			top = contentTop
		}
		statusPart(s, st, &charts.StatusPart{Notices: st.Notices, NoticesHead: true}, complete, top, h)
		top += h
	}
	if len(st.Earlier) > 0 {
		h := listLineH * float64(len(st.Earlier)+2)
		if top+h > contentBot {
			s = headed(st.Title + charts.Continued)
			out = append(out, s)
			top = contentTop
		}
		statusPart(s, st, &charts.StatusPart{Earlier: true}, complete, top, h)
	}
	return out
}

// appendixSlides is one page of the ward × question appendix, over as many slides as its
// rows need, each with the key and the legend.
func appendixSlides(mx *charts.Matrix) []*slide {
	var out []*slide
	head := len(matrixHeader(mx.Columns))
	for from := 0; from == 0 || from < len(mx.Rows); from += matrixRows {
		title := mx.Title
		if from > 0 {
			title += charts.Continued
		}
		s := headed(title)
		part := *mx
		part.Rows = mx.Rows[from:min(from+matrixRows, len(mx.Rows))]
		matrixPart(s, &charts.MatrixPart{Matrix: &part, Grid: true, Key: true}, contentTop, matrixRowH*float64(len(part.Rows)+head))
		matrixPart(s, &charts.MatrixPart{Matrix: mx, Legend: true}, contentBot-24, 24)
		out = append(out, s)
	}
	return out
}
