package html

import (
	_ "embed"

	"github.com/osaka-city/zaitaku/charts"
)

// unitTableHTML draws the tables of each unit's counts (charts.UnitTable): one section
// per table after the appendix, the whole table in one accessible <table> (its headers
// <th scope>, the foot rows in <tfoot>), the codes explained beside it as in the PDF.
//
//go:embed unittable.tmpl
var unitTableHTML string

// unitTableView is a unit table with its element id.
type unitTableView struct {
	*charts.UnitTable
	Anchor string
}

// unitTables gives each unit table of the report an element id.
func unitTables(rep *charts.Report, ids *idSet) []unitTableView {
	var out []unitTableView
	for _, ut := range rep.UnitTables {
		out = append(out, unitTableView{UnitTable: ut, Anchor: ids.make("units_" + ut.ID)})
	}
	return out
}
