package charts

// PageKind is what a page of the report is for.
type PageKind int

// The kinds of page, in the order the report has them.
const (
	CoverPage PageKind = iota
	SectionPage
	ItemPage
	StatusPage
	AppendixPage
	// MovesPage is an item's 区ごとの変化 (Item.Moves), after the item's own pages.
	MovesPage
)

// Page is one page of the report as every paged output sets it: report.pdf's pages and
// report.pptx's slides follow the same plan, so that they have the same pages in the same
// order under the same headings, and a long table goes on over the same pages.
type Page struct {
	Kind PageKind
	// Heading is the page heading as printed, with Continued on a page that goes on from
	// the one before; empty on the cover and section pages.
	Heading string
	// Section is the section of a section title page.
	Section *Section
	// Parts are what the page holds under its heading, top to bottom.
	Parts []PagePart
}

// PagePart is one thing on a page: a block or the part of one that is on this page (a row of
// 内訳 charts side by side), a part of the 提出状況 page, or a part of an appendix page.
// Exactly one of Blocks, Status and Matrix is set.
type PagePart struct {
	Blocks []Block
	Status *StatusPart
	Matrix *MatrixPart
	// Top and Height place the part under the page heading, as shares of the height
	// there, as report.pdf sets it: an output with other margins keeps the proportions.
	Top, Height float64
}

// StatusPart is one part of the 提出状況 page: the submission line, rows of the wards'
// table, or the list of earlier aggregates.
type StatusPart struct {
	Summary bool
	Earlier bool
	// Notices are the returns' warnings and notes in this part (of StatusTable.Notices),
	// under StatusTable.NoticesTitle when NoticesHead is set.
	Notices     []StatusNotice
	NoticesHead bool
	// Rows are the table's rows on this page, from row First of StatusTable.Rows; a row
	// too tall for what was left of a page holds here only the lines that fit. Bad marks
	// the rows of wards not counted. Halves sets the rows as two tables side by side.
	First  int
	Rows   [][]string
	Bad    []bool
	Halves bool
}

// MatrixPart is one part of an appendix page: the grid of answers, the key of its codes
// (beside the grid when both are set), or the legend of the answer numbers.
type MatrixPart struct {
	Matrix            *Matrix
	Grid, Key, Legend bool
}
