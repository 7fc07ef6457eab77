package pptx

import (
	"github.com/osaka-city/zaitaku/charts"
)

// footFill is the fill of a unit table's 合計, 最少 and 最大 rows, the PDF's header fill.
const footFill charts.Color = "DEEAF6"

// unitPart is one part of a unit table's page (charts.UnitTable.Pages): the grid of
// figures, and the key of its codes with the legend under it, beside the grid or, when the
// plan sets them apart, where it puts them.
func unitPart(s *slide, mp *charts.MatrixPart, y, h float64) {
	mx := mp.Matrix
	x := marginX
	if mp.Grid {
		x = gridAt(s, mx, unitGrid(mx, box{mm(marginX), mm(y), mm(contentW), mm(h)}))
	}
	var ps []para
	if mp.Key {
		ps = matrixKey(mx.Columns)
	}
	if mp.Legend {
		for i, l := range mx.Legend {
			p := line(l, sizeSmall, false, charts.InkColor, "l")
			if i == 0 && len(ps) > 0 {
				p.SpaceBefore = 6
			}
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		s.add(textAt(box{mm(x), mm(y), mm(marginX + contentW - x), mm(h)}, "略号", ps...))
	}
}

// unitGrid is the grid of one page of a unit table: the units down with their figures
// right-aligned under the codes, a unit not counted with its status across in the alert
// colours (as the choice 付表 marks it), the foot rows in bold; the categories' columns as
// wide as the widest figure, the total's as its own.
func unitGrid(mx *charts.Matrix, b box) *table {
	t := &table{box: b, Name: mx.Title, Size: sizeTiny}
	head := tableRow{Header: true, Cells: []tableCell{{}}}
	for _, c := range mx.Columns {
		head.Cells = append(head.Cells, tableCell{Text: c.Short, Center: true})
	}
	t.Rows = append(t.Rows, head)
	wardW := 12.0
	widths := make([]float64, len(mx.Columns))
	for i, c := range mx.Columns {
		widths[i] = figureMM(c.Short, sizeTiny)
	}
	add := func(r charts.MatrixRow, foot bool, i int) {
		// The cell's margins (3 mm) and room for a wider fallback font: a unit's name
		// must not wrap, or the grid outgrows its part of the slide.
		wardW = max(wardW, float64(displayWidth(r.Ward))*sizeTiny*25.4/72/2*1.15+5)
		row := tableRow{Cells: []tableCell{{Text: r.Ward}}, Bold: foot}
		switch {
		case r.Missing:
			row.Cells = append(row.Cells, tableCell{Text: r.Status, Center: true, Span: len(mx.Columns)})
			for range max(len(mx.Columns)-1, 0) {
				row.Cells = append(row.Cells, tableCell{Merged: true})
			}
			row.Fill, row.Color = charts.AlertFill, charts.AlertColor
		default:
			for j, c := range r.Cells {
				row.Cells = append(row.Cells, tableCell{Text: c, Right: true})
				if j < len(widths) {
					widths[j] = max(widths[j], figureMM(c, sizeTiny))
				}
			}
			switch {
			case foot:
				row.Fill = footFill
			case i%2 == 1:
				row.Fill = zebra
			}
		}
		t.Rows = append(t.Rows, row)
	}
	for i, r := range mx.Rows {
		add(r, false, i)
	}
	for _, r := range mx.Foot {
		add(r, true, 0)
	}
	widest := 0.0
	for i, c := range mx.Columns {
		if !c.Total {
			widest = max(widest, widths[i])
		}
	}
	t.Cols = []float64{wardW}
	for i, c := range mx.Columns {
		if !c.Total {
			widths[i] = widest
		}
		t.Cols = append(t.Cols, widths[i])
	}
	// A font wider than reckoned squeezes the columns rather than leave the slide.
	if total := sumMM(t.Cols); total > float64(b.W)/emuPerMM {
		k := float64(b.W) / emuPerMM / total
		for i := range t.Cols {
			t.Cols[i] *= k
		}
	}
	return t
}

// figureMM is the width in mm of a figure's column at size: its digits (wide in BIZ
// UDPゴシック, 0.76 em at most), commas and other characters, with the cell's margins
// (3 mm) and a little room.
func figureMM(s string, size float64) float64 {
	em := 0.0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			em += 0.76
		case r == ',':
			em += 0.33
		default:
			em += float64(displayWidth(string(r))) / 2
		}
	}
	return em*size*25.4/72 + 4
}

func sumMM(fs []float64) float64 {
	s := 0.0
	for _, f := range fs {
		s += f
	}
	return s
}

// unitTableSlide is a page of a unit table as a slide when the deck has no page plan:
// the grid with the key and legend beside it.
func unitTableSlide(mx *charts.Matrix) *slide {
	s := headed(mx.Title)
	h := matrixRowH * float64(len(mx.Rows)+len(mx.Foot)+1)
	unitPart(s, &charts.MatrixPart{Matrix: mx, Grid: true, Key: true, Legend: true}, contentTop, min(h, contentBot-contentTop))
	return s
}
