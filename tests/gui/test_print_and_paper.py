"""PDF on A4 or Letter landscape with a title block; File > Print renders the same page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def _page_points(data: bytes) -> tuple[float, float]:
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box, "no page size in the PDF"
    return float(box[1]), float(box[2])


@pytest.mark.parametrize("paper, size", [("A4", (842, 595)), ("Letter", (792, 612))])
def test_pdf_is_a_landscape_page_of_the_paper_asked(window, tmp_path: Path, paper, size) -> None:
    from timeline_app.gui.image_export import export_image

    out = export_image(window, tmp_path / "t.pdf", paper=paper)
    width, height = _page_points(out.read_bytes())
    assert (round(width), round(height)) == size


def test_the_page_has_a_title_block_with_sources_and_dates(window) -> None:
    from timeline_app.gui.image_export import title_block

    lines = title_block(window.timeline_view)
    assert lines[0].startswith("When Russian foreign minister")
    assert any("published 10 May 2017" in line for line in lines[1:])


def test_print_renders_onto_a_printer_page(window, tmp_path: Path) -> None:
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from timeline_app.gui.image_export import print_timeline

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    print_timeline(window, printer)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5000
    assert tuple(round(v) for v in _page_points(data)) == (792, 612)


def test_an_unknown_paper_is_a_clear_error(window, tmp_path: Path) -> None:
    from timeline_app.core.errors import UserError
    from timeline_app.gui.image_export import export_image

    with pytest.raises(UserError, match="unknown paper size"):
        export_image(window, tmp_path / "t.pdf", paper="A0")
    assert not (tmp_path / "t.pdf").exists()
