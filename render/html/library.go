package html

// ECharts returns the inlined ECharts build (assets/echarts.min.js), so that other offline
// pages of zaitaku (zaitaku trend --format html) carry the same library as the report
// without a second copy of the file.
func ECharts() string { return echartsJS }

// EChartsNotice returns the ECharts NOTICE that a page inlining the library repeats, as the
// Apache License asks of a redistribution.
func EChartsNotice() string { return echartsNotice }
