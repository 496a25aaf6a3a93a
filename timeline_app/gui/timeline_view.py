"""The timeline plot: dated events in lanes over a date axis, vague events in a tray below.

Drawing is batched (one scatter item per lane, one path for all bars, one item
for all labels).  Bars, labels and publication lines are drawn in the pixel
coordinates of their ViewBox, so they stay crisp and exported SVG holds pixel
numbers, not day numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from timeline_app.core.timeline import VAGUE_ORDER, Timeline, TimelineEntry, date_ticks, place_labels

POINT_SIZE = 11.0  # px
SELECTED_SIZE = 15.0  # px
BAR_HEIGHT = 9.0  # px
LABEL_CHARS = 42  # longer titles are elided on the plot (the tooltip has them whole)
MIN_SPAN = 2.0  # days: the deepest zoom
TRAY_HEIGHT = 58  # px


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """The opaque colour a fraction `t` of the way from `a` to `b`."""
    return QColor.fromRgbF(*(x + (y - x) * t for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3])))


@dataclass(frozen=True)
class PlotColors:
    """Colours of the plot, taken from the widget palette so dark themes work.

    All are opaque (blended with the background) so that exported SVG looks the
    same in renderers that ignore opacity.
    """

    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    event: QColor
    bar: QColor
    faint: QColor
    selected: QColor
    published: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> PlotColors:
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = background.lightnessF() < 0.5
        event = palette.color(QPalette.ColorRole.Highlight)
        if dark:
            event = event.lighter(130)
        return cls(background=background, text=text, muted=_mix(background, text, 0.55),
                   grid=_mix(background, text, 0.1), event=event, bar=_mix(background, event, 0.6),
                   faint=_mix(background, event, 0.4), selected=QColor("#ff922b" if dark else "#d9480f"),
                   published=QColor("#ff6b6b" if dark else "#c92a2a"))


def _symbol_pen(color: QColor, width: float, size: float) -> QPen:
    """A symbol outline `width` px wide.

    pyqtgraph scales the painter by the symbol size before stroking, so the pen
    is non-cosmetic and divided by the size: exported SVG then needs no
    non-scaling-stroke, which some SVG renderers ignore.
    """
    return pg.mkPen(color, width=width / size, cosmetic=False)


class DateAxis(pg.AxisItem):
    """A bottom axis over day numbers that labels years, months or days as the zoom asks."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self._labels: dict[float, str] = {}

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802 (Qt naming)
        major, minor = date_ticks(minVal, maxVal, size)
        self._labels = dict(major)
        return [(1.0, [x for x, _ in major]), (0.5, minor)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [self._labels.get(v, "") for v in values]


class _PixelLayer(pg.GraphicsObject):
    """A child of a ViewBox that paints in the ViewBox's own pixel coordinates."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.view_box = view_box
        view_box.sigTransformChanged.connect(self._moved)
        view_box.sigResized.connect(self._resized)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.view_box.boundingRect()

    def _moved(self, view_box: pg.ViewBox) -> None:
        self.update()

    def _resized(self, view_box: pg.ViewBox) -> None:
        self.prepareGeometryChange()
        self.update()

    def to_pixels(self, x: np.ndarray | float, y: np.ndarray | float) -> tuple:
        """View (day, lane) coordinates to ViewBox pixels; works on arrays."""
        self.view_box.updateMatrix()  # a range change is applied lazily
        t = self.view_box.childGroup.transform()
        return t.m11() * x + t.m31(), t.m22() * y + t.m32()


class _DateGrid(_PixelLayer):
    """Vertical lines at the major ticks of the date axis, behind everything else."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.colors: PlotColors | None = None

    def paint(self, p: QPainter, *args: object) -> None:
        if self.colors is None:
            return
        view = self.boundingRect()
        x0, x1 = self.view_box.viewRange()[0]
        p.setPen(QPen(self.colors.grid, 1))
        for x, _ in date_ticks(x0, x1, view.width())[0]:
            px, _ = self.to_pixels(x, 0)
            p.drawLine(QPointF(px, view.top()), QPointF(px, view.bottom()))


class _IntervalBars(_PixelLayer):
    """Every event with a week, month, year… precision: one path of bars spanning their intervals."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.entries: list[TimelineEntry] = []
        self.selected: int | None = None
        self.colors: PlotColors | None = None

    def rects(self) -> list[tuple[int, QRectF]]:
        """(key, pixel rect) of each bar."""
        if not self.entries:
            return []
        x0, y = self.to_pixels(np.array([e.start for e in self.entries]), np.array([e.lane for e in self.entries]))
        x1, _ = self.to_pixels(np.array([e.end for e in self.entries]), 0)
        return [(e.key, QRectF(a, c - BAR_HEIGHT / 2, max(b - a, 2.0), BAR_HEIGHT))
                for e, a, b, c in zip(self.entries, x0, x1, y)]

    def paint(self, p: QPainter, *args: object) -> None:
        if self.colors is None:
            return
        view = self.boundingRect().adjusted(-10, -10, 10, 10)
        path, chosen = QPainterPath(), None
        for key, rect in self.rects():
            rect = rect.intersected(view)  # keeps coordinates small when zoomed far in
            if rect.isEmpty():
                continue
            if key == self.selected:
                chosen = rect
            else:
                path.addRoundedRect(rect, 3, 3)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(self.colors.event, 1))
        p.setBrush(self.colors.bar)
        p.drawPath(path)
        if chosen is not None:
            p.setPen(QPen(self.colors.text, 1.5))
            p.setBrush(self.colors.selected)
            p.drawRoundedRect(chosen, 3, 3)


class _EventLabels(_PixelLayer):
    """Titles of the events and captions of the publication dates, never overlapping each other."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.entries: list[TimelineEntry] = []
        self.publications: list[tuple[float, str]] = []
        self.selected: int | None = None
        self.colors: PlotColors | None = None
        self.shown: list[tuple[int, QRectF]] = []  # (key, rect) of the labels drawn last

    def paint(self, p: QPainter, *args: object) -> None:
        if self.colors is None:
            return
        view = self.boundingRect()
        font = QFont(p.font())
        bold = QFont(font)
        bold.setBold(True)
        metrics, bold_metrics = QFontMetricsF(font), QFontMetricsF(bold)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)

        _, lane0 = self.to_pixels(0.0, 0.0)
        _, lane1 = self.to_pixels(0.0, 1.0)
        can_stack = abs(lane1 - lane0) >= 2 * metrics.height() + BAR_HEIGHT + 12

        texts: list[str] = []
        candidates: list[list[tuple[float, float, float, float]]] = []
        keys: list[int | None] = []
        pinned: list[int] = []
        for x, caption in self.publications:
            px, _ = self.to_pixels(x, 0)
            p.setPen(QPen(self.colors.published, 1.2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(px, view.top()), QPointF(px, view.bottom()))
            width, height = metrics.horizontalAdvance(caption), metrics.height()
            pinned.append(len(candidates))
            texts.append(caption)
            candidates.append([(px + 4, view.top() + 2, px + 4 + width, view.top() + 2 + height)])
            keys.append(None)
        for e in self.entries:
            text = e.title if len(e.title) <= LABEL_CHARS else e.title[:LABEL_CHARS - 1].rstrip() + "…"
            m = bold_metrics if e.key == self.selected else metrics
            x0, y = self.to_pixels(e.start, e.lane)
            x1, _ = self.to_pixels(e.end, 0)
            if e.is_point:
                x0 = x1 = (x0 + x1) / 2
            width, height = m.horizontalAdvance(text), m.height()
            top = y - BAR_HEIGHT / 2 - 2 - height
            if x1 < view.left() or x0 > view.right() or top > view.bottom() or top + height < view.top():
                continue  # its marker is out of view
            # from the marker's left end, but whole: not cut by either edge of the view
            x0 = max(min(x0 - (POINT_SIZE / 2 if e.is_point else 0), view.right() - width - 2), view.left() + 2)
            if e.key == self.selected:
                pinned.insert(len(self.publications), len(candidates))
            texts.append(text)
            boxes = [(x0, top, x0 + width, top + height)]
            if can_stack:  # one line higher, still below the lane above
                boxes.append((x0, top - height - 4, x0 + width, top - 4))
            candidates.append(boxes)
            keys.append(e.key)

        self.shown = []
        for i, choice in place_labels(candidates, first=pinned, gap=3).items():
            x0, y0, x1, y1 = candidates[i][choice]
            rect = QRectF(x0, y0, x1 - x0, y1 - y0)
            if keys[i] is None:
                p.setFont(font)
                p.setPen(self.colors.published)
            elif keys[i] == self.selected:
                p.setFont(bold)
                p.setPen(self.colors.selected)
            else:
                p.setFont(font)
                p.setPen(self.colors.text)
            p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, texts[i])
            if keys[i] is not None:
                self.shown.append((keys[i], rect))


class TimelineView(pg.GraphicsLayoutWidget):
    """The timeline of a `Timeline`; emits what the user picked, never decides anything itself."""

    entryClicked = Signal(int)  # noqa: N815 (Qt naming)
    stepRequested = Signal(int)  # noqa: N815
    passageRequested = Signal()  # noqa: N815
    _built = False  # palette changes arrive while the base class is being set up

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.timeline: Timeline | None = None
        self.selected: int | None = None
        self.colors = PlotColors.from_palette(self.palette())

        self.axis = DateAxis()
        self.plot: pg.PlotItem = self.addPlot(row=0, col=0, axisItems={"bottom": self.axis})
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.hideAxis("left")
        self.view_box: pg.ViewBox = self.plot.getViewBox()
        self.view_box.invertY(True)
        self.view_box.setMouseEnabled(x=True, y=False)
        self.view_box.disableAutoRange()
        self.grid = _DateGrid(self.view_box)
        self.grid.setZValue(-10)
        self.bars = _IntervalBars(self.view_box)
        self.bars.setZValue(5)
        self.labels = _EventLabels(self.view_box)
        self.labels.setZValue(20)
        self.lane_items: list[pg.ScatterPlotItem] = []
        self.selection_item = pg.ScatterPlotItem(size=SELECTED_SIZE, pxMode=True)
        self.selection_item.setZValue(15)
        self.view_box.addItem(self.selection_item)

        self.tray: pg.ViewBox = self.addViewBox(row=1, col=0, enableMouse=False, enableMenu=False)
        self.tray.setFixedHeight(TRAY_HEIGHT)
        self.tray.setRange(xRange=(0, len(VAGUE_ORDER)), yRange=(-1, 1), padding=0)
        self.tray_items = pg.ScatterPlotItem(size=POINT_SIZE, pxMode=True)
        self.tray_selection = pg.ScatterPlotItem(size=SELECTED_SIZE, pxMode=True)
        self.tray.addItem(self.tray_items)
        self.tray.addItem(self.tray_selection)
        self.tray_captions = [pg.TextItem(anchor=(0.5, 0)) for _ in VAGUE_ORDER]
        for i, caption in enumerate(self.tray_captions):
            caption.setPos(i + 0.5, 1)
            self.tray.addItem(caption)
        self._tray_positions: dict[int, tuple[float, float]] = {}

        self.scene().sigMouseClicked.connect(self._clicked)
        self.scene().sigMouseMoved.connect(self._hovered)
        self._built = True
        self._apply_palette()

    # --- content ---------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline | None, title: str = "") -> None:
        """Show `timeline` (None clears the view) and fit it in the view."""
        self.timeline = timeline
        self.selected = None
        self.plot.setTitle(title or None, color=self.colors.text, size="11pt")
        for item in self.lane_items:
            self.view_box.removeItem(item)
        self.lane_items = []
        entries = list(timeline.entries) if timeline else []
        points = [e for e in entries if not e.is_vague and e.is_point]
        for lane in sorted({e.lane for e in points}):
            in_lane = [e for e in points if e.lane == lane]
            item = pg.ScatterPlotItem(
                x=[e.center for e in in_lane], y=[lane] * len(in_lane), data=[e.key for e in in_lane],
                size=POINT_SIZE, pxMode=True)
            item.setZValue(10)
            self.view_box.addItem(item)
            self.lane_items.append(item)
        self.bars.entries = [e for e in entries if not e.is_vague and not e.is_point]
        self.labels.entries = [e for e in entries if not e.is_vague]
        self.labels.publications = timeline.publication_days() if timeline else []
        self._layout_tray(timeline)
        lanes = max(timeline.lanes if timeline else 0, 1)
        top, bottom = -1.6, lanes - 0.35  # room above the first lane for captions and stacked labels
        self.view_box.setLimits(yMin=top, yMax=bottom)
        self.view_box.setYRange(top, bottom, padding=0)
        self._restyle()
        self.fit_all()

    def _layout_tray(self, timeline: Timeline | None) -> None:
        """Vague events spread evenly in the column of their kind: past, present, future (, unknown)."""
        self._tray_positions = {}
        groups: dict[str, list[TimelineEntry]] = {kind: [] for kind in VAGUE_ORDER}
        for e in timeline.vague if timeline else ():
            groups[e.vague_kind].append(e)
        kinds = [k for k in VAGUE_ORDER if k != "unknown" or groups[k]]
        for column, caption in enumerate(self.tray_captions):
            caption.setText(f"{kinds[column]} (vague): {len(groups[kinds[column]])}" if column < len(kinds) else "")
            for i, e in enumerate(groups[kinds[column]] if column < len(kinds) else ()):
                self._tray_positions[e.key] = (column + (i + 1) / (len(groups[kinds[column]]) + 1), -0.35)
        self.tray.setRange(xRange=(0, len(kinds)), yRange=(-1, 1), padding=0)
        keys = list(self._tray_positions)
        self.tray_items.setData(x=[self._tray_positions[k][0] for k in keys],
                                y=[self._tray_positions[k][1] for k in keys], data=keys)

    # --- selection and navigation ----------------------------------------------------

    def set_selected(self, key: int | None, reveal: bool = True) -> None:
        """Highlight the entry `key`; with `reveal`, pan (or zoom out) so it is in view."""
        self.selected = key
        self.bars.selected = self.labels.selected = key
        entry = self.timeline.entries[key] if self.timeline and key is not None else None
        point = entry is not None and entry.is_point
        vague = entry is not None and entry.is_vague
        self.selection_item.setData(x=[entry.center] if point else [], y=[entry.lane] if point else [])
        tray_xy = self._tray_positions[entry.key] if vague else None
        self.tray_selection.setData(x=[tray_xy[0]] if vague else [], y=[tray_xy[1]] if vague else [])
        if reveal and entry is not None and not entry.is_vague:
            self._reveal(entry)
        self.bars.update()
        self.labels.update()

    def _reveal(self, entry: TimelineEntry) -> None:
        x0, x1 = self.visible_range()
        if x0 <= entry.start and entry.end <= x1:
            return
        width = x1 - x0
        if entry.end - entry.start > 0.8 * width:
            pad = (entry.end - entry.start) * 0.15
            self.view_box.setXRange(entry.start - pad, entry.end + pad, padding=0)
        else:
            self.view_box.setXRange(entry.center - width / 2, entry.center + width / 2, padding=0)

    # --- zoom ------------------------------------------------------------------------

    def full_range(self) -> tuple[float, float]:
        """x range showing every event and publication date, with room for labels on the right."""
        extent = self.timeline.extent() if self.timeline else None
        if extent is None:
            return 0.0, 365.0
        x0, x1 = extent
        span = max(x1 - x0, 14.0)
        return x0 - 0.04 * span, x1 + 0.18 * span

    def fit_all(self) -> None:
        x0, x1 = self.full_range()
        span = x1 - x0
        self.view_box.setLimits(xMin=x0 - 4 * span, xMax=x1 + 4 * span, minXRange=MIN_SPAN, maxXRange=9 * span)
        self.view_box.setXRange(x0, x1, padding=0)

    def zoom(self, factor: float) -> None:
        """Scale the visible range by `factor` (< 1 zooms in) around the selection if shown, else the middle."""
        x0, x1 = self.visible_range()
        center = (x0 + x1) / 2
        if self.timeline and self.selected is not None:
            entry = self.timeline.entries[self.selected]
            if not entry.is_vague and x0 <= entry.center <= x1:
                center = entry.center
        self.view_box.scaleBy(x=factor, center=QPointF(center, 0))

    def visible_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view_box.viewRange()
        return float(x0), float(x1)

    def set_visible_range(self, x0: float, x1: float) -> None:
        self.view_box.setXRange(x0, x1, padding=0)

    # --- hit testing -----------------------------------------------------------------

    def entry_scene_pos(self, key: int) -> QPointF:
        """Scene position of the marker of entry `key` (the middle of its point or bar)."""
        entry = self.timeline.entries[key]
        if entry.is_vague:
            return self.tray.mapViewToScene(QPointF(*self._tray_positions[key]))
        return self.view_box.mapViewToScene(QPointF(entry.center, entry.lane))

    def entry_at(self, scene_pos: QPointF) -> int | None:
        """The entry under a scene position: a point, a bar, a label or a vague marker."""
        if self.timeline is None:
            return None
        local = self.view_box.mapFromScene(scene_pos)
        if self.view_box.boundingRect().contains(local):
            best, best_distance = None, POINT_SIZE / 2 + 3
            for item in self.lane_items:
                xs, ys = self.bars.to_pixels(item.data["x"], item.data["y"])
                distance = np.hypot(xs - local.x(), ys - local.y())
                if len(distance) and distance.min() <= best_distance:
                    best_distance = distance.min()
                    best = int(item.data["data"][int(distance.argmin())])
            if best is not None:
                return best
            for key, rect in reversed(self.bars.rects()):
                if rect.adjusted(0, -3, 0, 3).contains(local):
                    return key
            for key, rect in self.labels.shown:
                if rect.contains(local):
                    return key
            return None
        local = self.tray.mapFromScene(scene_pos)
        if self.tray.boundingRect().contains(local):
            for key, (x, y) in self._tray_positions.items():
                marker = self.tray.mapViewToScene(QPointF(x, y))
                if (marker - scene_pos).manhattanLength() <= POINT_SIZE:
                    return key
        return None

    def _clicked(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        key = self.entry_at(event.scenePos())
        if key is not None:
            event.accept()
            self.entryClicked.emit(key)

    def _hovered(self, scene_pos: QPointF) -> None:
        key = self.entry_at(scene_pos)
        if key is None:
            self.viewport().unsetCursor()
            QToolTip.hideText()
            return
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        global_pos = self.viewport().mapToGlobal(self.mapFromScene(scene_pos))
        QToolTip.showText(global_pos, self.timeline.tooltip(self.timeline.entries[key]), self)

    # --- keys and palette -------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, text = event.key(), event.text()
        if text in ("+", "="):
            self.zoom(0.5)
        elif text in ("-", "_"):
            self.zoom(2.0)
        elif text == "0":
            self.fit_all()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.stepRequested.emit(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.stepRequested.emit(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.passageRequested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if self._built and event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()

    def _apply_palette(self) -> None:
        self.colors = PlotColors.from_palette(self.palette())
        self.setBackground(self.colors.background)
        self._restyle()

    def _restyle(self) -> None:
        """Give every item the colours of the current palette."""
        c = self.colors
        self.axis.setPen(c.muted)
        self.axis.setTextPen(c.text)
        self.plot.titleLabel.setAttr("color", c.text)
        self.plot.titleLabel.setText(self.plot.titleLabel.text)
        self.grid.colors = self.bars.colors = self.labels.colors = c
        for item in self.lane_items:
            item.setPen(_symbol_pen(c.background, 1.2, POINT_SIZE))
            item.setBrush(pg.mkBrush(c.event))
        self.selection_item.setPen(_symbol_pen(c.text, 1.5, SELECTED_SIZE))
        self.selection_item.setBrush(pg.mkBrush(c.selected))
        self.tray_items.setPen(_symbol_pen(c.muted, 1.0, POINT_SIZE))
        self.tray_items.setBrush(pg.mkBrush(c.faint))
        self.tray_selection.setPen(_symbol_pen(c.text, 1.5, SELECTED_SIZE))
        self.tray_selection.setBrush(pg.mkBrush(c.selected))
        for caption in self.tray_captions:
            caption.setColor(c.muted)
        self.tray.setBorder(pg.mkPen(c.grid))
        for layer in (self.grid, self.bars, self.labels):
            layer.update()
