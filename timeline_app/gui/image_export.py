"""Export of the timeline as PNG, SVG or PDF, from the window or headless from the command line.

Every format is drawn the same way: the plot's scene rendered through a
QPainter (QImage, QSvgGenerator, QPdfWriter) with pyqtgraph's items in export
mode, so markers are vector paths at pixel coordinates.  Files are written to a
temporary file in the target folder and moved into place, so a failed export
leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QWidget

from timeline_app.core.errors import UserError
from timeline_app.core.fileio import write_atomic
from timeline_app.gui.timeline_view import TimelineView

if TYPE_CHECKING:
    from timeline_app.core.workspace import Workspace

FORMATS = {".png": "PNG", ".svg": "SVG", ".pdf": "PDF"}
MIN_WIDTH, MAX_WIDTH = 16, 20000  # px, as the command line accepts
HEADLESS_SIZE = (1400, 640)  # logical px of the view rendered by `export_cli`


def output_format(out_path: str | os.PathLike[str]) -> str:
    """'PNG', 'SVG' or 'PDF' from the file name; a UserError for anything else."""
    suffix = Path(out_path).suffix.lower()
    if suffix not in FORMATS:
        raise UserError(f"{out_path}: unknown image format {suffix or '(no extension)'!r}; "
                        "use a name ending in .png, .svg or .pdf")
    return FORMATS[suffix]


def check_width(width: int | None) -> None:
    if width is not None and not MIN_WIDTH <= width <= MAX_WIDTH:
        raise UserError(f"image width {width} px is out of range ({MIN_WIDTH} to {MAX_WIDTH})")


def export_image(window_or_view: QWidget, out_path: str | os.PathLike[str], width: int | None = None,
                 visible_only: bool = False, paper: str = "A4") -> Path:
    """Write the timeline of a MainWindow or TimelineView to `out_path` (.png, .svg or .pdf).

    `width` is in pixels (PNG default: twice the view; SVG and PDF default: the
    view's width).  The whole timeline is drawn unless `visible_only`.  Errors
    the user can cause raise UserError, and no file (partial or not) is left.  A PDF is a
    landscape page of `paper` ("A4" or "Letter") with a title block, the timeline fitted to it.
    """
    view = window_or_view if isinstance(window_or_view, TimelineView) else window_or_view.timeline_view
    path = Path(out_path)
    kind = output_format(path)
    check_width(width)
    folder = path.absolute().parent
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder")
    if path.is_dir():
        raise UserError(f"{path}: is a folder")
    with _showing(view, visible_only, outlines=kind != "SVG"):  # SVG keeps its labels as text
        data = _pdf(view, paper) if kind == "PDF" else {"PNG": _png, "SVG": _svg}[kind](view, width)
    write_atomic(path, data)
    return path


@contextmanager
def _showing(view: TimelineView, visible_only: bool, outlines: bool = True) -> Iterator[None]:
    """Temporarily show the whole timeline (unless `visible_only`), without the selection highlight."""
    saved, selected = view.visible_range(), view.selected
    view.set_selected(None, reveal=False)
    view.labels.exporting = True
    view.labels.outlines = outlines
    view.overview.region.setVisible(False)  # the visible window means nothing on paper
    if not visible_only:
        view.set_visible_range(*view.full_range())
    try:
        yield
    finally:
        view.labels.exporting = False
        view.overview.region.setVisible(True)
        view.set_visible_range(*saved)
        view.set_selected(selected, reveal=False)


def _source_rect(view: TimelineView) -> QRectF:
    """The scene rectangle the view shows."""
    return view.viewportTransform().inverted()[0].mapRect(QRectF(view.viewport().rect()))


def _logical_dpi(view: TimelineView) -> int:
    screen = view.screen() or QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInch()) if screen else 96


def _target_size(view: TimelineView, width: int) -> QSize:
    source = _source_rect(view)
    return QSize(width, max(1, round(width * source.height() / source.width())))


def _render(view: TimelineView, painter: QPainter, size: QSize) -> None:
    """Paint the view's scene into `painter` over (0, 0, size): background first, items in export mode."""
    source, target = _source_rect(view), QRectF(0, 0, size.width(), size.height())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(target, view.colors.background)
    scene = view.scene()
    options = {"antialias": True, "background": view.colors.background, "painter": painter,
               "resolutionScale": target.width() / source.width()}
    items = [item for item in scene.items() if hasattr(item, "setExportMode")]
    for item in items:
        item.setExportMode(True, options)
    try:
        scene.render(painter, target, source)
    finally:
        for item in items:
            item.setExportMode(False)


def _png(view: TimelineView, width: int | None) -> bytes:
    size = _target_size(view, width or 2 * view.viewport().width())
    image = QImage(size, QImage.Format.Format_ARGB32)
    dots_per_meter = round(_logical_dpi(view) / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    painter = QPainter(image)
    try:
        _render(view, painter, size)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise UserError("the PNG image could not be encoded")
    buffer.close()
    return data.data()


def _vector(view: TimelineView, width: int | None, make_device) -> bytes:
    """Render through the paint device `make_device(buffer, size, dpi)` returns, into bytes."""
    size = _target_size(view, width or view.viewport().width())
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    device = make_device(buffer, size, _logical_dpi(view))
    painter = QPainter(device)
    try:
        _render(view, painter, size)
    finally:
        painter.end()
    buffer.close()
    return data.data()


def _svg(view: TimelineView, width: int | None) -> bytes:
    def device(buffer: QBuffer, size, dpi: int) -> QSvgGenerator:
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(size)
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        # fonts are measured at the screen's logical DPI; any other resolution distorts the drawing
        generator.setResolution(dpi)
        generator.setTitle(view.title or "Timeline")
        outline = view.timeline.outline() if view.timeline else ""
        generator.setDescription(f"Timeline Explorer\n{outline}".strip())
        return generator

    return _vector(view, width, device)


PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
PAGE_MARGIN_MM = 12.0


def title_block(view: TimelineView) -> list[str]:
    """The lines above a printed timeline: its title, then each source with its publication date."""
    timeline = view.timeline
    lines = [view.title or "Timeline"]
    if timeline is not None:
        from timeline_app.core.timeline import describe_publication, document_name

        for doc in timeline.documents[:12]:
            lines.append(f"{document_name(doc)} — {describe_publication(doc, evidence=False)}")
        if len(timeline.documents) > 12:
            lines.append(f"… and {len(timeline.documents) - 12} more documents")
    return lines


def render_page(view: TimelineView, painter: QPainter, page: QRectF) -> None:
    """Draw the title block and the timeline, fitted (aspect kept), inside `page` (device pixels)."""
    from PySide6.QtGui import QFont, QFontMetricsF

    lines = title_block(view)
    font = QFont(view.font())
    font.setPointSizeF(11)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    y = page.top()
    painter.setPen(view.colors.text)
    for i, line in enumerate(lines):
        if i == 0:
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
        else:
            painter.setFont(font)
        text = QFontMetricsF(painter.font(), painter.device()).elidedText(line, Qt.TextElideMode.ElideRight, page.width())
        painter.drawText(QRectF(page.left(), y, page.width(), metrics.height()), Qt.AlignmentFlag.AlignLeft, text)
        y += metrics.height() * (1.3 if i == 0 else 1.05)
    y += metrics.height() * 0.5
    area = QRectF(page.left(), y, page.width(), page.bottom() - y)
    source = _source_rect(view)
    scale = min(area.width() / source.width(), area.height() / source.height())
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    painter.save()
    painter.translate(area.left(), area.top())
    _render(view, painter, size)
    painter.restore()


def _paginate(view: TimelineView, device: object) -> None:
    """Render onto a paged device (QPdfWriter, QPrinter) already set to its page."""
    painter = QPainter(device)
    if not painter.isActive():
        raise UserError("the page could not be drawn (printer or file not ready)")
    try:
        page = QRectF(painter.viewport())
        render_page(view, painter, page)
    finally:
        painter.end()


def _pdf(view: TimelineView, paper: str = "A4") -> bytes:
    if paper not in PAPERS:
        raise UserError(f"unknown paper size {paper!r}: use {' or '.join(PAPERS)}")
    from PySide6.QtGui import QPageLayout

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    # fonts are measured at the screen's logical DPI; the page is drawn at that resolution too
    writer.setResolution(_logical_dpi(view))
    writer.setPageLayout(QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Landscape,
                                     QMarginsF(*(PAGE_MARGIN_MM,) * 4), QPageLayout.Unit.Millimeter))
    writer.setTitle(view.title or "Timeline")
    writer.setCreator("Timeline Explorer")
    _paginate(view, writer)
    buffer.close()
    return data.data()


def print_timeline(window_or_view: QWidget, printer: object, visible_only: bool = False) -> None:
    """Print the timeline on `printer` (a QPrinter set up by QPrintDialog): landscape, fitted, titled."""
    from PySide6.QtGui import QPageLayout

    view = window_or_view if isinstance(window_or_view, TimelineView) else window_or_view.timeline_view
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    with _showing(view, visible_only):
        _paginate(view, printer)


def export_cli(paths: Sequence[str], out: str, width: int | None, published: dt.date | None,
               model: str | None, workspace: Workspace | None = None, anchoring: str = "auto") -> int:
    """`timeline-app export PATH... -o OUT`: extract, render the timeline without a window, write OUT.

    With `workspace`, its sources as corrected are drawn (no NLP), in their colours.

    Returns the exit code; a problem the user can fix is one line on stderr.
    """
    from timeline_app.core.nlp import load_model
    from timeline_app.core.pipeline import extract_file
    from timeline_app.core.resources import bundled_article
    from timeline_app.core.workspace import new_workspace
    from timeline_app.gui.sources import source_colour, timeline_colours

    try:
        output_format(out)
        check_width(width)
        if not Path(out).absolute().parent.is_dir():
            raise UserError(f"{Path(out).absolute().parent}: no such folder")
        if workspace is None:
            nlp = load_model(model)
            workspace = new_workspace(extract_file(p, published, nlp=nlp, anchoring=anchoring)
                                      for p in (list(paths) or [str(bundled_article())]))
        if QApplication.instance() is None:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "timeline-app"])
        view = TimelineView()
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        view.resize(*HEADLESS_SIZE)
        timeline = workspace.timeline()
        view.set_timeline(timeline, timeline.title(), colours=timeline_colours(workspace))
        view.set_legend([(s.key, s.name, source_colour(s.colour), s.visible) for s in workspace.sources])
        view.show()
        app.processEvents()
        view.fit_all()
        written = export_image(view, out, width)
        view.close()  # no deleteLater: with its Python wrapper gone that crashes later palette changes
    except UserError as exc:
        print(f"timeline-app: error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {written}")
    return 0
