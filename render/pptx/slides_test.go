package pptx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
)

// TestEveryHeadingOnASlide holds the slides' marks, which the Impress test looks for in
// the rendering, to the report: every heading of the model is on a slide, in the
// report's order, and every count chart's total beside its heading.
func TestEveryHeadingOnASlide(t *testing.T) {
	rep := charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１"})
	want := []string{rep.Title}
	for _, sec := range rep.Sections {
		want = append(want, sec.Title)
		for _, it := range sec.Items {
			want = append(want, it.Heading)
			for _, b := range it.Blocks {
				switch {
				case b.Stacked != nil:
					want = append(want, b.Stacked.Heading)
				case b.Counts != nil:
					want = append(want, b.Counts.Title, charts.Thousands(b.Counts.Total))
				case b.Periods != nil:
					want = append(want, b.Periods.Heading)
				case b.Texts != nil:
					want = append(want, b.Texts.Heading)
				}
			}
		}
	}
	want = append(want, rep.Status.Title, rep.Status.Summary)
	for _, mx := range rep.Appendix {
		want = append(want, mx.Title)
		for _, r := range mx.Rows {
			want = append(want, r.Ward)
		}
	}
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range slides {
		for _, m := range s.marks {
			got = append(got, strings.TrimSuffix(m, charts.Continued))
		}
	}
	// want must be a subsequence of got: every heading, in order.
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Fatalf("heading %d %q is on no slide after %q", i, want[i], want[max(0, i-1)])
	}
	for n, s := range slides[1:] {
		if !strings.Contains(strings.Join(s.marks, "\n"), "- ") {
			t.Errorf("slide %d has no page number", n+2)
		}
	}
}

// TestSlideHeadingsContinue checks that an item over several slides repeats its heading
// with 「（続き）」 and that the sample's long lists (研修テーマ) go on over slides.
func TestSlideHeadingsContinue(t *testing.T) {
	rep := charts.Build(aggregatetest.Sample(t), charts.Options{})
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	cont := 0
	for _, s := range slides {
		if len(s.marks) > 0 && strings.HasSuffix(s.marks[0], charts.Continued) {
			cont++
		}
	}
	if cont == 0 {
		t.Fatal("no slide continues an item: the sample's items do not all fit one slide each")
	}
}

// TestHugeCaseRowEnds checks that a case record taller than a whole slide is squeezed
// onto one slide rather than moved on forever.
func TestHugeCaseRowEnds(t *testing.T) {
	long := strings.Repeat("とても長い事例の記述。", 400)
	ct := &charts.CaseTable{Heading: "【場面】", Columns: []string{"経過"}, Rows: []charts.CaseRow{{Ward: "北区", Cells: []string{long}}, {Ward: "都島区", Cells: []string{"短い"}}}}
	it := &charts.Item{Heading: "（オ）", Blocks: []charts.Block{{Cases: ct}}}
	slides := itemSlides(it)
	if len(slides) < 1 || len(slides) > 3 {
		t.Fatalf("%d slides for two case records", len(slides))
	}
}

// TestIncompleteOnEverySlide checks that an incomplete report says so on the cover and
// shows the submission line on every other slide, as the PDF does.
func TestIncompleteOnEverySlide(t *testing.T) {
	rep := charts.Build(aggregatetest.Sample(t), charts.Options{})
	rep.Complete, rep.Summary, rep.Notice = false, "回答 23／24区", "未提出の区があります"
	var buf bytes.Buffer
	if err := Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	files := unzip(t, buf.Bytes())
	for n := 1; ; n++ {
		data, ok := files[fmt.Sprintf("ppt/slides/slide%d.xml", n)]
		if !ok {
			if n < 10 {
				t.Fatalf("only %d slides", n-1)
			}
			break
		}
		want := rep.Summary
		if n == 1 {
			want = rep.Notice
		}
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("slide %d lacks %q", n, want)
		}
	}
}

// TestLongTablesContinue checks that, without a page plan, a status table and an appendix
// page of many units (the synthetic 1,741) go on over slides, every unit on one, none too
// full.
func TestLongTablesContinue(t *testing.T) {
	st := &charts.StatusTable{Title: "提出状況", Summary: "回答 100／100", Columns: []string{"市町村", "状況"}, Earlier: []string{"前回"}}
	mx := &charts.Matrix{Title: "付表", Columns: []charts.MatrixColumn{{Short: "ア1"}}}
	for i := range 100 {
		w := fmt.Sprintf("町%03d", i)
		st.Rows = append(st.Rows, []string{w, "集計済"})
		mx.Rows = append(mx.Rows, charts.MatrixRow{Ward: w, Cells: []string{"1"}})
	}
	for _, c := range []struct {
		name   string
		slides []*slide
		max    int
	}{{"status", statusSlides(st, true), statusNextRows + 1}, {"appendix", appendixSlides(mx), matrixRows + 1}} {
		if len(c.slides) < 3 {
			t.Errorf("%s: %d slides for 100 rows", c.name, len(c.slides))
		}
		seen := 0
		for i, s := range c.slides {
			for _, sh := range flat(s.shapes) {
				if sh.table != nil {
					if n := len(sh.table.Rows); n > c.max {
						t.Errorf("%s slide %d: %d rows", c.name, i+1, n)
					}
					if bottom := sh.table.Y + sh.table.H; bottom > mm(contentBot) {
						t.Errorf("%s slide %d: table ends at %d EMU, below the content", c.name, i+1, bottom)
					}
					seen += len(sh.table.Rows) - 1
				}
			}
		}
		if seen != 100 {
			t.Errorf("%s: %d rows over the slides, want 100", c.name, seen)
		}
	}
}

// TestNoteAboveAndUnitAtAxisEnd holds a chart's block to the PDF's layout: the note
// (※…) between the heading and the chart, and the value axis' unit drawn as the axis
// title after the last tick label (inside the chart, right of the bars).
func TestNoteAboveAndUnitAtAxisEnd(t *testing.T) {
	rep := charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１"})
	checked := 0
	for _, sec := range rep.Sections {
		for _, it := range sec.Items {
			for _, b := range it.Blocks {
				note, unit := "", ""
				switch {
				case b.Stacked != nil:
					note, unit = b.Stacked.Note, b.Stacked.Axis.Unit
				case b.Counts != nil:
					note, unit = b.Counts.Note, b.Counts.Axis.Unit
				default:
					continue
				}
				shapes := block(b, 10, 20, 270, 150)
				var frame *chartFrame
				noteY := -1
				for _, s := range flat(shapes) {
					if s.chart != nil {
						frame = s.chart
					}
					if s.text != nil && note != "" {
						for _, p := range s.text.Paras {
							for _, r := range p.Runs {
								if r.Text == note {
									noteY = s.text.Y
								}
							}
						}
					}
				}
				if frame == nil {
					t.Fatalf("%s: no chart", it.Heading)
				}
				if note != "" && (noteY < 0 || noteY >= frame.Y) {
					t.Errorf("%s: note %q at y=%d, chart at y=%d; want it above", it.Heading, note, noteY, frame.Y)
				}
				if unit == "" || frame.chart.Unit != unit || frame.chart.UnitAt == nil {
					t.Errorf("%s: axis unit %q, chart has %q at %v", it.Heading, unit, frame.chart.Unit, frame.chart.UnitAt)
				}
				if frame.chart.Plot == nil || frame.chart.UnitAt.X < frame.chart.Plot.X+frame.chart.Plot.W {
					t.Errorf("%s: unit at x=%.3f, inside the bars (end %.3f)", it.Heading, frame.chart.UnitAt.X, frame.chart.Plot.X+frame.chart.Plot.W)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no chart blocks in the sample report")
	}
}
