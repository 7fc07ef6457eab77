#!/usr/bin/python3
"""Edit one figure of one chart of a deck in a real LibreOffice Impress and save the deck
as .pptx, as a person would who opens report.pptx, changes a chart's data and saves: the
round trip of issue 11 (roundtrip_test.go runs it).

    /usr/bin/python3 editchart.py SRC DST CHART ROW COL VALUE

SRC is the deck to open, DST where to save it (filter "Impress MS PowerPoint 2007 XML").
CHART is the chart's place among the deck's charts (0-based), counted slide by slide and,
on a slide, in drawing order; ROW is the category (the bar, from the top) and COL the
series of the figure set to VALUE. The figure is changed through the chart document's own
data (XChartDataArray over its internal data provider: what Impress's 「データ表」 dialog
edits, since a chart read from .pptx keeps its data inside the chart). The script reads
the figure back before saving and prints one line of JSON for the test: the chart's slide
(0-based) and name, its categories and series as Impress holds them, and the figure before
and after. Needs LibreOffice (Impress) and python3-uno; exits non-zero on any failure.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CHART_CLSID = "12dcae26-281f-416f-a234-c3086127382e"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe, soffice):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        if soffice.poll() is not None:
            sys.exit("editchart: LibreOffice exited (%s) before it took a connection" % soffice.returncode)
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            time.sleep(0.5)
    sys.exit("editchart: LibreOffice did not start")


def charts_of(doc):
    """Every chart of the deck as (slide index, shape), slide by slide in drawing order."""
    out = []

    def walk(i, shapes):
        for j in range(shapes.Count):
            shape = shapes.getByIndex(j)
            if shape.ShapeType == "com.sun.star.drawing.GroupShape":
                walk(i, shape)  # a chart grouped with the labels beside its bars
            elif shape.ShapeType == "com.sun.star.drawing.OLE2Shape" and shape.CLSID.lower() == CHART_CLSID:
                out.append((i, shape))

    pages = doc.DrawPages
    for i in range(pages.Count):
        walk(i, pages.getByIndex(i))
    return out


def edit(ctx, src, dst, chart, row, col, value):
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        sys.exit("editchart: Impress could not open %s" % src)
    try:
        found = charts_of(doc)
        if not 0 <= chart < len(found):
            sys.exit("editchart: chart %d asked for, the deck has %d" % (chart, len(found)))
        slide, shape = found[chart]
        model = shape.Model
        if model is None or not model.hasInternalDataProvider():
            sys.exit("editchart: chart %d (%s) has no data of its own" % (chart, shape.Name))
        data = model.getData()  # XChartDataArray: a row per category, a column per series
        rows = [list(r) for r in data.getData()]
        before = rows[row][col]
        rows[row][col] = float(value)
        data.setData(tuple(tuple(r) for r in rows))
        after = model.getData().getData()[row][col]
        if after != float(value):
            sys.exit("editchart: set %s, the chart holds %s" % (value, after))
        model.setModified(True)
        doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Impress MS PowerPoint 2007 XML"),))
        print(json.dumps({
            "charts": len(found), "slide": slide, "name": shape.Name,
            "categories": list(data.getRowDescriptions()), "series": list(data.getColumnDescriptions()),
            "before": before, "after": after,
        }, ensure_ascii=False))
    finally:
        doc.close(True)


def main():
    if len(sys.argv) != 7:
        sys.exit("usage: editchart.py SRC DST CHART ROW COL VALUE")
    src, dst = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    chart, row, col, value = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
    profile = tempfile.mkdtemp(prefix="zaitaku-lo-")
    pipe = "zaitaku_editchart_%d" % os.getpid()
    soffice = subprocess.Popen([
        shutil.which("soffice") or "soffice",
        "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
        "--headless", "--invisible", "--norestore", "--nologo",
        "--accept=pipe,name=%s;urp;" % pipe,
    ], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe, soffice)
        edit(ctx, src, dst, chart, row, col, value)
        try:
            ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice quits
    finally:
        try:
            soffice.wait(timeout=30 if soffice.poll() is None else 1)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(soffice.pid, 9)  # soffice.bin runs as a child of the launcher
        except ProcessLookupError:
            pass
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
