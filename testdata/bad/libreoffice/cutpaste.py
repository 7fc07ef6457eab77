#!/usr/bin/python3
"""Cut one answer cell and paste it onto another in a real LibreOffice Calc, as a ward
staff member would, and save the return as .xlsx: the fixtures for issue 9 section 1.

Run from the repository root (needs LibreOffice and python3-uno):

    /usr/bin/python3 testdata/bad/libreoffice/cutpaste.py

It opens a copy of testdata/returns/北区.xlsx, finds the cells through the return's
defined names, moves one cell onto the other with Calc's own cell move
(XCellRangeMovement.moveRange: what dragging a cell onto another does, and a move of the
cell as a cut and paste is, with references and defined names following the moved cell),
checks the value moved, saves as .xlsx into testdata/bad/ and stops soffice. Edit > Cut
and Edit > Paste through the dispatcher (.uno:Cut, .uno:Paste) would be closer still, but
.uno:Paste aborts a headless LibreOffice 7.4 (SvpSalInstance::CheckTimeout, no clipboard
without a display). The rows for the files in cases.tsv are written by
`go run ./testdata/gen` (testdata/gen/bad_slots.go).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SOURCE = os.path.join(ROOT, "testdata", "returns", "北区.xlsx")
OUT = os.path.join(ROOT, "testdata", "bad")

# (output file, defined name of the cell that is cut, defined name of the cell it is pasted on)
CASES = [
    # ウ(3)①: 薬局's count cut and pasted onto 歯科's cell (相談支援室 sheet).
    ("LibreOfficeで件数を切り取り貼り付け.xlsx", "zq_u3_03", "zq_u3_02"),
    # (ア)①: row ５'s choice cut and pasted onto row ４'s (区役所 sheet), a different answer.
    ("LibreOfficeで選択肢を切り取り貼り付け.xlsx", "zq_a1_5", "zq_a1_4"),
]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            time.sleep(0.5)
    sys.exit("cutpaste: LibreOffice did not start")


def cell_of(doc, name):
    rng = doc.NamedRanges.getByName(name).getReferredCells()
    return rng.getCellByPosition(0, 0)


def cut_paste(ctx, src_path, dst_path, cut_name, paste_name):
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src_path), "_blank", 0, (prop("Hidden", True),))
    try:
        src, dst = cell_of(doc, cut_name), cell_of(doc, paste_name)
        before = (src.getString(), dst.getString())
        src_at, dst_at = src.getCellAddress(), dst.getCellAddress()
        # Calc's own move of a cell onto another (see the module comment for why not
        # the clipboard).
        src.getSpreadsheet().moveRange(dst.getCellAddress(), src.getRangeAddress())
        # The cell objects follow the move, so look the cells up again by position.
        sheet_of = lambda a: doc.Sheets.getByIndex(a.Sheet).getCellByPosition(a.Column, a.Row)
        after = (sheet_of(src_at).getString(), sheet_of(dst_at).getString())
        if after[1] != before[0] or after[0] != "":
            sys.exit("cutpaste: %s → %s did not move the value: before %r, after %r" % (cut_name, paste_name, before, after))
        doc.storeToURL(uno.systemPathToFileUrl(dst_path), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        print("cutpaste: %s: cut %s (%r) and pasted it onto %s (%r)" % (os.path.basename(dst_path), cut_name, before[0], paste_name, before[1]))
    finally:
        doc.close(True)


def main():
    profile = tempfile.mkdtemp(prefix="zaitaku-lo-")
    pipe = "zaitaku_cutpaste_%d" % os.getpid()
    soffice = subprocess.Popen([
        shutil.which("soffice") or "soffice",
        "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
        "--headless", "--invisible", "--norestore", "--nologo",
        "--accept=pipe,name=%s;urp;" % pipe,
    ], start_new_session=True)
    try:
        ctx = connect(pipe)
        for name, cut, paste in CASES:
            # A copy, so LibreOffice's lock file never lands beside the committed return.
            src = os.path.join(profile, "北区.xlsx")
            shutil.copyfile(SOURCE, src)
            cut_paste(ctx, src, os.path.join(OUT, name), cut, paste)
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
