package charts

import "github.com/osaka-city/zaitaku/aggregate"

// Part is one sheet of the survey in the order of the report (Ⅰ．区役所の取組), with its
// items; every output heads its questions the same way.
type Part struct {
	Sheet, Title string
	Items        []*PartItem
}

// PartItem is one item of a part (「（ア）地域の医療・介護の資源の把握」) and its questions.
type PartItem struct {
	Item, Heading string
	Questions     []*aggregate.Question
}

// Outline groups questions, in order, under their sheets and items: a new part wherever
// the sheet changes, a new item wherever the item does.
func Outline(qs []*aggregate.Question) []*Part {
	var out []*Part
	var part *Part
	var item *PartItem
	for _, q := range qs {
		if part == nil || part.Sheet != q.Sheet {
			part = &Part{Sheet: q.Sheet, Title: q.SheetTitle}
			out = append(out, part)
			item = nil
		}
		if item == nil || item.Item != q.Item {
			item = &PartItem{Item: q.Item, Heading: q.ItemHeading}
			part.Items = append(part.Items, item)
		}
		item.Questions = append(item.Questions, q)
	}
	return out
}

// BreakdownsPerRow is how many 内訳 charts stand side by side.
const BreakdownsPerRow = 2

// Rows groups an item's blocks into the rows they are drawn in: consecutive 内訳 charts
// share a row, up to BreakdownsPerRow; anything else has a row of its own.
func (it *Item) Rows() [][]Block {
	var out [][]Block
	for _, b := range it.Blocks {
		if n := len(out); n > 0 && b.isBreakdown() && out[n-1][0].isBreakdown() && len(out[n-1]) < BreakdownsPerRow {
			out[n-1] = append(out[n-1], b)
			continue
		}
		out = append(out, []Block{b})
	}
	return out
}

func (b Block) isBreakdown() bool { return b.Counts != nil && b.Counts.Breakdown }
