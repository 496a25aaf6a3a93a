"""The timeline plot: dated events in lanes over a date axis, vague events in a tray below.

Drawing is batched (one scatter item per lane, one path for all bars, one item
for all labels, one for all clusters).  Bars, labels and publication lines are
drawn in the pixel coordinates of their ViewBox, so they stay crisp and exported
SVG holds pixel numbers, not day numbers.

Level of detail (decided in `core.lod`): point events too close to tell apart
become counted cluster markers that split as you zoom in, bars that touch on
screen become one band, and labels are offered only where they can fit.  The
markers are worked out for the visible range and one screen on either side, so
panning within that margin costs nothing but the repaint.
"""

from __future__ import annotations

import html
import math
import threading
import time
import weakref
from dataclasses import dataclass, replace


import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QToolTip, QWidget
from pyqtgraph.Qt import internals as pg_internals

from timeline_app.core.lod import (
    FlatLayers, LaneIndex, bin_days, cluster_lanes, count_label, density, flat_bars, flat_layers, flat_points,
    main_body, merge_lane_bars, zoom_centre,
)
from timeline_app.core.placement import (
    Caption, Layers, Marker, PlacedLabel, Placement, TimelineArrays, ViewGeometry, bar_height, cluster_diameter, markers_in_view,
    place_labels, point_size, timeline_arrays,
)
from timeline_app.gui.mention_links import MentionLinks, diamond_tooltip
from timeline_app.gui.plain_text import label_html, rich_text_of
from timeline_app.core.readable import readable_interval
from timeline_app.core.timeline import (
    VAGUE_ORDER, MentionLink, OtherDate, Timeline, TimelineEntry, date_ticks, day_at, long_date, mention_links,
    short_name,
)

POINT_SIZE = 11.0  # px
SELECTED_SIZE = 15.0  # px
BAR_HEIGHT = 9.0  # px
MIN_SPAN = 2.0  # days: the deepest zoom
TRAY_HEIGHT = 72  # px, with one row of titles under the dots
TRAY_DOT_PX = 34.2  # px from the tray's top to its dots' centres
TRAY_TITLE_TOP_PX = 43.9  # ... to the top of their titles
TRAY_TITLE_PX = 90  # a title needs at least this much width of its own under its dot
TRAY_ROWS = 3  # titles of dots closer than that are staggered over up to this many rows
TRAY_PICK_PX = 260  # at most this wide: the title of the selected dot of a column too dense for titles
CROWDED_LINES = 12  # with more publication lines in view than this, they are drawn faint
TRAY_DOT_PITCH = POINT_SIZE + 3  # px between dots' centres at least: closer, they go on in a row below
TRAY_DOT_ROWS = 3  # ... up to this many rows of dots (more, and they are closer than that again)
CLUSTER_PIXELS = 14.0  # point events of a lane closer than about this become one counted marker
BACKGROUND_PLACEMENT = 2000  # with more dated events than this, labels are placed in a thread
SETTLE_MS = 200  # ... once the view has not moved for this long
ROUNDED_BARS = 60  # with more wide bars than this in view, the screen draws them square (antialiased curves are slow)
TOP_RESERVE_LINES = 2  # text lines kept free above the first lane: publication and group captions
#: No entries (the dimmed layers when nothing is filtered out or the filtered out are hidden).
_NO_LAYERS = flat_layers(({}, {}))


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


def dimmed_colors(c: PlotColors) -> PlotColors:
    """The colours of events outside the filter: the same hues, close to the background."""
    from dataclasses import replace

    return replace(c, event=_mix(c.background, c.event, 0.35), bar=_mix(c.background, c.event, 0.22),
                   faint=_mix(c.background, c.event, 0.16))


def _shorter(caption: str, keep_year: bool = False) -> tuple[str, ...]:
    """Shorter forms of a publication caption, for crowded days: 'published 9 August 1998' ->
    '9 August 1998', '9 August' (not with `keep_year`: a date out of view has no axis to give its year)."""
    date = caption.removeprefix("published ")
    guess = "?" if date.endswith("?") else ""  # a file's creation date stays a guess when shortened
    forms = [date] if keep_year else [date, " ".join(date.removesuffix("?").split()[:2]) + guess]
    return tuple(f for f in dict.fromkeys(forms) if f and f != caption)


def _distinct(values: np.ndarray) -> list:
    """The distinct values of a small integer array, sorted (np.unique's first call imports numpy.ma:
    a fifth of a second in the first paint)."""
    return sorted(set(values.tolist()))


def _on_screen(p: QPainter) -> bool:
    """Whether `p` paints the window (not an exported image, SVG, PDF or page)."""
    return isinstance(p.device(), QWidget)


def _blit(p: QPainter, sprite: QPixmap, xs: np.ndarray, ys: np.ndarray) -> None:
    """`sprite` centred at each (xs, ys) of the painter's coordinates, in one call (drawPixmapFragments):
    tens of thousands of markers draw in a few milliseconds.  For the screen, whose painter only translates."""
    if not len(xs):
        return
    t = p.transform()
    fragments = pg_internals.PrimitiveArray(QPainter.PixmapFragment, 10)
    fragments.resize(len(xs))
    f = fragments.ndarray()
    f[:, 0] = t.m11() * xs + t.m21() * ys + t.m31()
    f[:, 1] = t.m12() * xs + t.m22() * ys + t.m32()
    f[:, 2:6] = (0.0, 0.0, sprite.width(), sprite.height())
    ratio = sprite.devicePixelRatio()
    f[:, 6:10] = (1 / ratio, 1 / ratio, 0.0, 1.0)
    p.save()
    p.resetTransform()
    p.drawPixmapFragments(*fragments.drawargs(), sprite)
    p.restore()


def _draw_rects(p: QPainter, x: np.ndarray, y: np.ndarray, w: np.ndarray, h: float) -> None:
    """Rectangles from arrays in one call (a C array of QRectF filled by numpy): tens of thousands in
    milliseconds, where a Python list of QRectF takes a hundred."""
    rects = pg_internals.PrimitiveArray(QRectF, 4)
    rects.resize(len(x))
    r = rects.ndarray()
    r[:, 0], r[:, 1], r[:, 2], r[:, 3] = x, y, w, h
    p.drawRects(*rects.drawargs())


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
        # the axis's own width: pyqtgraph's `size` (mapped to the device) can come out many times too
        # large, and the axis would then lay out and draw a thousand ticks at every repaint
        width = self.geometry().width()
        # pyqtgraph hides a label that would stick out of the axis: the year must also be on a tick past that
        font = self.style["tickFont"] or self.font()
        edge = QFontMetricsF(font).horizontalAdvance("28 Sep 9999 BC") / 2 + 2
        major, minor = date_ticks(minVal, maxVal, width if width > 0 else size, edge=edge)
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
    """Every event with a week, month, year… precision: one path of bars spanning their intervals.

    Bars of a lane never overlap in days; where they come closer than a pixel on
    screen they are drawn as one band (`core.lod.merge_bars`).
    """

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.selected: int | None = None
        self.selected_entry: TimelineEntry | None = None
        self.colors: PlotColors | None = None
        self._lanes: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._flat = flat_bars({})  # (start, end, lane, key) of every bar, by lane then start
        self._runs: tuple[tuple, tuple[np.ndarray, ...]] | None = None  # (view it was for, run_arrays())
        self.source_of = np.empty(0, np.int64)  # source index of each entry key (colours per source)
        self.source_colours: list[QColor] = []

    def set_lanes(self, lanes: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]],
                  flat: tuple[np.ndarray, ...] | None = None) -> None:
        """The bars to draw: per lane, sorted starts, ends and keys (`core.placement.timeline_layers`);
        `flat`: the same as `core.lod.flat_bars` gives, if at hand."""
        self._lanes = dict(lanes)
        self._flat = flat if flat is not None else flat_bars(self._lanes)
        self._runs = None
        self.update()

    @property
    def count(self) -> int:
        """How many bars there are (in view or not)."""
        return sum(len(keys) for _, _, keys in self._lanes.values())

    def run_arrays(self) -> tuple[np.ndarray, ...]:
        """(lane, key or -1 for a band, x0, x1, y, count) of the runs drawn, as arrays, clipped to the view;
        worked out once per view (paint, hover and clicks ask again)."""
        self.view_box.updateMatrix()
        t = self.view_box.childGroup.transform()
        view = self.boundingRect()
        seen = (t.m11(), t.m31(), t.m22(), t.m32(), view.width(), view.height())
        if self._runs is None or self._runs[0] != seen:
            self._runs = (seen, self._run_arrays(view))
        return self._runs[1]

    def _run_arrays(self, view: QRectF) -> tuple[np.ndarray, ...]:
        starts, ends, lanes, keys = self._flat
        x0, x1 = self.view_box.viewRange()[0]
        inside = np.flatnonzero((ends > x0) & (starts < x1))  # (per lane, sorted by start is sorted by end)
        px0, py = self.to_pixels(starts[inside], lanes[inside])
        px1, _ = self.to_pixels(ends[inside], 0.0)
        bands, band_lane = merge_lane_bars(px0, px1, lanes[inside], min_width=2.0, gap=-1.0)
        key = np.where(bands.count == 1, keys[inside][bands.first], -1)
        return (band_lane, key, np.maximum(bands.start, view.left() - 10), np.minimum(bands.end, view.right() + 10),
                py[bands.first], bands.count)

    def runs(self) -> list[tuple[int, int | None, QRectF, int]]:
        """(lane, key or None for a band, pixel rect, number of bars) of what is drawn."""
        lanes, keys, x0, x1, y, count = self.run_arrays()
        return [(int(lane), None if key < 0 else int(key), QRectF(a, c - BAR_HEIGHT / 2, b - a, BAR_HEIGHT), int(n))
                for lane, key, a, b, c, n in zip(lanes.tolist(), keys.tolist(), x0.tolist(), x1.tolist(),
                                                 y.tolist(), count.tolist())]

    def rects(self) -> list[tuple[int, QRectF]]:
        """(key, pixel rect) of each bar drawn on its own."""
        return [(key, rect) for _, key, rect, _ in self.runs() if key is not None]

    def bar_at(self, local: QPointF) -> tuple[int | None, tuple[float, float, int] | None]:
        """The bar under a ViewBox position: (key, None), or (None, (first day x, last day x, count)) of a band."""
        lanes, keys, x0, x1, y, count = self.run_arrays()
        hit = np.flatnonzero((x0 <= local.x()) & (local.x() <= x1) & (np.abs(y - local.y()) <= BAR_HEIGHT / 2 + 3))
        if not len(hit):
            return None, None
        i = hit[-1]
        if keys[i] >= 0:
            return int(keys[i]), None
        starts, ends, _ = self._lanes[int(lanes[i])]
        t = self.view_box.childGroup.transform()
        d0, d1 = (x0[i] - t.m31()) / t.m11(), (x1[i] - t.m31()) / t.m11()
        inside = (ends > d0) & (starts < d1)
        return None, (float(starts[inside].min()), float(ends[inside].max()), int(inside.sum()))

    def height(self) -> float:
        """Bar height in px: BAR_HEIGHT, or less where lanes are thinner, so lanes stay apart."""
        _, y0 = self.to_pixels(0.0, 0.0)
        _, y1 = self.to_pixels(0.0, 1.0)
        return bar_height(y1 - y0, BAR_HEIGHT)

    def paint(self, p: QPainter, *args: object) -> None:
        if self.colors is None:
            return
        view = self.boundingRect().adjusted(-10, -10, 10, 10)
        _, keys, x0, x1, y, _ = self.run_arrays()
        height = self.height()
        top = y - height / 2
        wide = (x1 - x0) >= 8
        source = np.full(len(keys), -1, np.int64)
        if self.source_colours and len(self.source_of):
            known = keys >= 0
            source[known] = self.source_of[keys[known].astype(np.int64)]
        paths: dict[int, QPainterPath] = {}  # one path per source colour (-1: the plot's own colour)
        # rounded, outlined and antialiased where few (on screen; always in exports), else square outlined
        rounded = wide.sum() <= (ROUNDED_BARS if _on_screen(p) else 400)
        if rounded:
            for a, b, c, g in zip(x0[wide].tolist(), x1[wide].tolist(), top[wide].tolist(), source[wide].tolist()):
                paths.setdefault(g, QPainterPath()).addRoundedRect(QRectF(a, c, b - a, height), 3, 3)
        else:
            for g in _distinct(source[wide]):
                mine = wide & (source == g)
                colour = self.source_colours[g] if 0 <= g < len(self.source_colours) else self.colors.event
                p.setPen(QPen(colour, 1))
                p.setBrush(self.colors.bar if g < 0 else _mix(self.colors.background, colour, 0.6))
                _draw_rects(p, x0[mine], top[mine], x1[mine] - x0[mine], height)
        plain = ~wide
        if plain.any():  # thin: plain filled rectangles
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.colors.faint)
            _draw_rects(p, x0[plain], top[plain], x1[plain] - x0[plain], height)
        chosen = None
        if self.selected_entry is not None:
            entry = self.selected_entry
            if not entry.is_point:
                a, c = self.to_pixels(entry.start, entry.lane)
                b, _ = self.to_pixels(entry.end, 0)
                chosen = QRectF(a, c - height / 2, max(b - a, 2.0), height).intersected(view)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for g, path in paths.items():
            colour = self.source_colours[g] if 0 <= g < len(self.source_colours) else self.colors.event
            p.setPen(QPen(colour, 1))
            p.setBrush(self.colors.bar if g < 0 else _mix(self.colors.background, colour, 0.6))
            p.drawPath(path)
        if chosen is not None and not chosen.isEmpty():
            p.setPen(QPen(self.colors.text, 1.5))
            p.setBrush(self.colors.selected)
            p.drawRoundedRect(chosen, 3, 3)


class _DiscMarkers(_PixelLayer):
    """A layer of round markers blitted from pre-drawn sprites (`_blit`): thousands can be in view."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.colors: PlotColors | None = None
        self._sprites: dict[tuple, QPixmap] = {}

    def _disc(self, diameter: float, ratio: float, fill: QColor, text: str = "") -> QPixmap:
        """A disc of `diameter` px in `fill`, ringed in the background's colour, with `text` (a count) in it;
        drawn once per look and device pixel ratio."""
        key = (diameter, ratio, fill.name(), text)
        sprite = self._sprites.get(key)
        if sprite is None:
            size = diameter + 2
            sprite = QPixmap(int(np.ceil(size * ratio)), int(np.ceil(size * ratio)))
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent)
            q = QPainter(sprite)
            q.setRenderHint(QPainter.RenderHint.Antialiasing)
            q.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            q.setPen(QPen(self.colors.background, 1.2))
            q.setBrush(fill)
            q.drawEllipse(QRectF(1, 1, diameter, diameter))
            if text:
                font = QFont(q.font())
                font.setPixelSize(max(int(diameter * 0.55), 7))
                font.setBold(True)
                q.setFont(font)
                q.setPen(self.colors.background)
                q.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, text)
            q.end()
            self._sprites[key] = sprite
        return sprite

    def restyle(self) -> None:
        self._sprites = {}
        self.update()


class _PointMarkers(_DiscMarkers):
    """Every one-day event drawn on its own (not in a cluster): a disc in its source's colour.

    One item for all lanes, drawn from arrays: on screen each disc is a copy of
    a pre-drawn sprite (all in one call), in exports a vector circle.
    """

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.x = self.lane = np.empty(0, float)
        self.keys = np.empty(0, np.int64)
        self.colour = np.empty(0, np.int64)  # per point: index into source_colours, -1 for the plot's own
        self.source_colours: list[QColor] = []
        self.size = POINT_SIZE

    def set_points(self, x: np.ndarray, lane: np.ndarray, keys: np.ndarray, colour: np.ndarray,
                   size: float) -> None:
        self.x, self.lane, self.keys, self.colour, self.size = x, lane, keys, colour, size
        self.update()

    def pixels(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(px, py, index) of the points in view."""
        px, py = self.to_pixels(self.x, self.lane)
        view = self.boundingRect()
        r = self.size / 2
        index = np.flatnonzero((px + r >= view.left()) & (px - r <= view.right()))
        return px[index], py[index], index

    def nearest(self, local: QPointF) -> tuple[int | None, float]:
        """(key, distance in px) of the point nearest a ViewBox position; (None, inf) without points."""
        if not len(self.x):
            return None, float("inf")
        px, py, index = self.pixels()
        if not len(index):
            return None, float("inf")
        distance = np.hypot(px - local.x(), py - local.y())
        i = int(distance.argmin())
        return int(self.keys[index[i]]), float(distance[i])

    def _colour(self, g: int) -> QColor:
        return self.source_colours[g] if 0 <= g < len(self.source_colours) else self.colors.event

    def paint(self, p: QPainter, *args: object) -> None:
        if self.colors is None or not len(self.x):
            return
        px, py, index = self.pixels()
        colour = self.colour[index] if len(self.colour) == len(self.x) else np.full(len(index), -1)
        screen = _on_screen(p)
        ratio = p.device().devicePixelRatioF() if screen else 1.0
        if not screen:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(self.colors.background, 1.2))
        r = self.size / 2
        for g in _distinct(colour):
            mine = colour == g
            if screen:
                _blit(p, self._disc(self.size, ratio, self._colour(g)), px[mine], py[mine])
                continue
            p.setBrush(self._colour(g))
            for x, y in zip(px[mine].tolist(), py[mine].tolist()):
                p.drawEllipse(QPointF(x, y), r, r)


class _ClusterMarkers(_DiscMarkers):
    """Counted markers standing for several point events of a lane that are too close to tell apart."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.x = self.lane = self.first = self.last = np.empty(0, float)
        self.count = np.empty(0, np.int64)
        self.neutral = False  # True when sources have colours of their own

    def set_clusters(self, x: np.ndarray, lane: np.ndarray, first: np.ndarray, last: np.ndarray,
                     count: np.ndarray) -> None:
        self.x, self.lane, self.first, self.last, self.count = x, lane, first, last, count
        self.update()

    def diameters(self) -> np.ndarray:
        """Marker sizes in px: larger for more events, but never taller than a lane."""
        _, y0 = self.to_pixels(0.0, 0.0)
        _, y1 = self.to_pixels(0.0, 1.0)
        return cluster_diameter(self.count, y1 - y0, POINT_SIZE)

    def pixels(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(px, py, diameter, index) of the clusters in view."""
        px, py = self.to_pixels(self.x, self.lane)
        d = self.diameters()
        view = self.boundingRect()
        inside = (px + d / 2 >= view.left()) & (px - d / 2 <= view.right())
        index = np.flatnonzero(inside)
        return px[index], py[index], d[index], index

    def cluster_at(self, local: QPointF) -> tuple[float, float, int] | None:
        """(x of its first event, x of its last, count) of the cluster under a ViewBox position."""
        if not len(self.x):
            return None
        px, py, d, index = self.pixels()
        hit = np.flatnonzero(np.hypot(px - local.x(), py - local.y()) <= d / 2 + 2)
        if not len(hit):
            return None
        i = index[hit[-1]]
        return float(self.first[i]), float(self.last[i]), int(self.count[i])

    def paint(self, p: QPainter, *args: object) -> None:
        if self.colors is None or not len(self.x):
            return
        px, py, d, index = self.pixels()
        screen = _on_screen(p)
        ratio = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        diameters = d.round().astype(int)
        sprites: dict[tuple[str, int], list[int]] = {}
        readable = diameters >= 13  # smaller ones are too small to read a count: the tooltip tells it
        for diameter in _distinct(diameters[~readable]):
            sprites[("", diameter)] = np.flatnonzero(~readable & (diameters == diameter)).tolist()
        for n in np.flatnonzero(readable).tolist():
            diameter = int(diameters[n])
            text = count_label(int(self.count[index[n]]))
            sprites.setdefault((text if len(text) * 0.33 <= 1 else "", diameter), []).append(n)
        fill = self.colors.muted if self.neutral else self.colors.event  # mixed sources: no one's colour
        for (text, diameter), members in sprites.items():
            sprite = self._disc(diameter, ratio, fill, text)
            if screen:  # all markers of one sprite in one call
                _blit(p, sprite, px[members], py[members])
                continue
            for x, y in zip(px[members].tolist(), py[members].tolist()):
                p.drawPixmap(QPointF(x - diameter / 2 - 1, y - diameter / 2 - 1), sprite)


# never clipped to its box: scaled exports hint glyphs a little wider than the screen measured them
_TEXT_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip


class _EventLabels(_PixelLayer):
    """Titles of events, captions of groups and of publication dates, placed by `core.placement`.

    The placement guarantee (each label by its own marker, none over another
    label or another event's marker) is worked out again at each repaint from
    the markers as drawn; `placement` and `markers` keep the last one.
    """

    placed = Signal(object)  # a placement worked out in the background (queued to the GUI thread)

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.centres = np.empty(0)  # sorted middles of the dated events (set by the view)
        # set by the view (no reference back to it: a cycle through Qt wrappers crashes at teardown)
        self.timeline: Timeline | None = None
        self.layers: Layers = ({}, {})
        self.dim_layers: Layers = ({}, {})  # events outside the filter: drawn, never labelled
        self.lod_state: tuple | None = None
        self.exporting = False
        self.outlines = False  # exports draw text as outlines fitted to its box (not SVG: text stays text)
        self.font: QFont | None = None  # the view's font: labels are measured and drawn with it
        self._placed_for: tuple | None = None  # what the last placement was worked out for
        self._wanted: tuple | None = None  # what the background placement should be for
        self._wanted_since = 0.0  # since when (time.monotonic)
        self._settle = QTimer()  # to place the labels once the view rests (no parent: see above)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self._settled)
        self._worker: threading.Thread | None = None
        self.publications: list[tuple[float, str]] = []
        self.publication_colours: dict[str, QColor] = {}  # caption -> colour of its source
        self.caption_days: dict[str, tuple[float, ...]] = {}  # each form of a caption -> x of the lines it names
        self.selected: int | None = None
        self.colors: PlotColors | None = None
        self.placement: Placement = Placement()
        self.placed.connect(self._placed)
        self.markers: list[Marker] = []
        self.geometry: ViewGeometry | None = None
        self.selected_entry: TimelineEntry | None = None
        self._widths: dict[str, float] = {}
        self.source_of = np.empty(0, np.int64)  # as the bars' (set by the view): colours of bars drawn tall
        self.source_colours: list[QColor] = []

    @property
    def shown(self) -> list[tuple[int, QRectF]]:
        """(key, rect) of the event labels drawn last (group captions: their first event)."""
        return [(label.keys[0], QRectF(label.box[0], label.box[1], label.box[2] - label.box[0],
                                       label.box[3] - label.box[1]))
                for label in self.placement.labels if label.kind == "event"]

    def forget(self) -> None:
        """Drop the cached widths (new timeline or font)."""
        self._widths = {}

    def geometry_now(self) -> ViewGeometry:
        view = self.boundingRect()
        x0, x1 = self.view_box.viewRange()[0]
        _, lane0 = self.to_pixels(0.0, 0.0)
        _, lane1 = self.to_pixels(0.0, 1.0)
        return ViewGeometry(float(x0), float(x1), view.width(), view.height(), lane0, lane1 - lane0)

    def events_in_view(self) -> int:
        x0, x1 = self.view_box.viewRange()[0]
        return int(np.searchsorted(self.centres, x1) - np.searchsorted(self.centres, x0))

    def _inputs(self, metrics: QFontMetricsF) -> tuple | None:
        """What a placement depends on, read on the GUI thread: (key, arguments of `_compute`)."""
        timeline, state = self.timeline, self.lod_state
        if timeline is None or state is None:
            return None
        geometry = self.geometry_now()
        captions = []
        beyond: dict[str, tuple[float, str]] = {}  # side -> (distance in px, caption) of the nearest line out of view
        together: list[list[tuple[float, float, str]]] = []  # lines in view a few px apart: (px, x, caption)
        for x, caption in self.publications:
            px, _ = self.to_pixels(x, 0)
            if 0 <= px <= geometry.width:
                if together and px - together[-1][-1][0] < 3.0:
                    together[-1].append((px, x, caption))
                else:
                    together.append([(px, x, caption)])
            else:
                side = "right" if px > geometry.width else "left"
                distance = px - geometry.width if side == "right" else -px
                if side not in beyond or distance < beyond[side][0]:
                    beyond[side] = (distance, caption)
        named: dict[str, tuple[float, ...]] = {}
        for lines in together:
            if len(lines) == 1:
                px, _, caption = lines[0]
                captions.append(Caption(float(px), caption, _shorter(caption)))
            else:  # lines drawn as one ('published 7–10 August 1998'): one caption, not four crowding each other
                days = readable_interval(day_at(lines[0][1]), day_at(lines[-1][1]))
                captions.append(Caption(float(lines[0][0]), f"published {days}", (days,)))
            named.update(dict.fromkeys((captions[-1].text, *captions[-1].shorter), tuple(x for _, x, _ in lines)))
        # a publication date out of view is still said, at the edge it lies beyond, with an arrow
        for side, (_, caption) in beyond.items():  # ('← 16 August' in a view of 1998 was 16 August 1990)
            forms = (caption, *_shorter(caption, keep_year=True))
            arrowed = [f"{f} →" if side == "right" else f"← {f}" for f in forms]
            captions.append(Caption(float(geometry.width) if side == "right" else 0.0, arrowed[0], tuple(arrowed[1:])))
            named.update(dict.fromkeys(arrowed, tuple(x for x, c in self.publications if c == caption)))
        self.caption_days = named
        key = (geometry, state, self.selected, id(self.layers), id(self.dim_layers), tuple(self.publications),
               id(timeline), metrics.height())
        return key, (timeline, self.layers, self.dim_layers, geometry, state, self.selected, tuple(captions),
                     QFont(self.font) if self.font is not None else QFont())

    def _compute(self, timeline: Timeline, layers: Layers, dim_layers: Layers, geometry: ViewGeometry,
                 state: tuple, selected: int | None, captions: tuple[Caption, ...], font: QFont
                 ) -> tuple[list[Marker], Placement]:
        """The markers and the placement (pure computation: runs on any thread)."""
        metrics = QFontMetricsF(font)
        widths: dict[str, float] = {}

        def measure(text: str) -> float:
            width = widths.get(text)
            if width is None:
                width = widths[text] = metrics.horizontalAdvance(text)
            return width

        markers = markers_in_view(*layers, geometry, state[0], window=(state[1], state[2]))
        markers += [replace(m, labelled=False) for m in
                    markers_in_view(*dim_layers, geometry, state[0], window=(state[1], state[2]))]
        pinned = [i for i, m in enumerate(markers) if m.count == 1 and m.key == selected]
        placement = place_labels(
            markers, lambda k: timeline.entries[k].title,
            lambda a, b: readable_interval(day_at(a), day_at(max(b - 0.5, a))), measure, metrics.height(),
            geometry.box, pinned=pinned, captions=list(captions))
        return markers, placement

    def place(self, metrics: QFontMetricsF, background: bool = False) -> Placement | None:
        """The labels for the current view (exports and tests call it too).

        With `background` (a big timeline), the work goes to a thread once the view has rested for
        SETTLE_MS, and None is returned until it is done: the view repaints when the labels are ready,
        and zooming or panning never waits for them (nor shares the interpreter with their placement)."""
        inputs = self._inputs(metrics)
        if inputs is None:
            self.placement, self.markers, self._placed_for = Placement(), [], None
            return self.placement
        key, args = inputs
        if key == self._placed_for:
            return self.placement  # a repaint without change (hover, tooltip, a selection elsewhere)
        if not background:
            self.markers, self.placement = self._compute(*args)
            self.geometry, self._placed_for = args[3], key
            return self.placement
        now = time.monotonic()
        if key != self._wanted:
            self._wanted, self._wanted_since = key, now
        rest = SETTLE_MS / 1000 - (now - self._wanted_since)
        if rest > 0:  # still moving: place once it rests
            self._settle.start(int(rest * 1000) + 1)
        elif self._worker is None or not self._worker.is_alive():
            self._start_worker(key, args)
        return None

    def _settled(self) -> None:
        try:
            self.update()  # paint again: the placement starts now that the view rests
        except RuntimeError:  # the view was closed meanwhile
            pass

    def _start_worker(self, key: tuple, args: tuple) -> None:
        def work() -> None:
            try:
                result = self._compute(*args)
                self.placed.emit((key, args[3], result))
            except RuntimeError:  # the view was closed meanwhile
                pass

        self._worker = threading.Thread(target=work, name="label-placement", daemon=True)
        self._worker.start()

    def _placed(self, payload: tuple) -> None:
        key, geometry, (markers, placement) = payload
        if key == self._wanted:
            self.markers, self.placement, self.geometry, self._placed_for = markers, placement, geometry, key
            self.update()
        elif self._wanted is not None:  # the view moved on meanwhile: place again for where it is now
            self.update()

    def paint(self, p: QPainter, *args: object) -> None:
        if self.colors is None:
            return
        view = self.boundingRect()
        font = QFont(self.font) if self.font is not None else QFont(p.font())  # the screen's, also in exports
        group_font = QFont(font)
        group_font.setItalic(True)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        busy = len(self.centres) > BACKGROUND_PLACEMENT and not self.exporting
        placement = self.place(QFontMetricsF(font), background=busy)  # italic is no wider in the fonts Qt ships
        self._draw_publication_lines(p, view, placement)
        if placement is None:  # being worked out in the background: the last labels only if still right
            return
        p.setFont(font)
        p.setPen(self.colors.published)
        exporting = self.exporting
        outlines = exporting and self.outlines
        for text, box in placement.captions:  # in the colour of its line (its source's, with several)
            self._draw_text(p, box, text, font, self._caption_colour(text), outlines)
        for label in placement.labels:
            chosen = label.keys[0] == self.selected and not exporting
            if label.inside:  # a long bar with no room above or below: drawn as tall as its label, which is inside
                self._draw_tall_bar(p, label, view, chosen)
            if label.kind == "event":  # (inside the selected bar, in the background's colour: it is on the accent)
                colour = (self.colors.background if label.inside else self.colors.selected) if chosen else self.colors.text
                self._draw_text(p, label.box, label.text, font, colour, outlines)
            else:
                self._draw_text(p, label.box, label.text, group_font, self.colors.muted, outlines)

    def _draw_publication_lines(self, p: QPainter, view: QRectF, placement: Placement | None) -> None:
        """The dashed line of each publication date, broken where a label's text stands on it: a hundred
        articles' lines in three years ran through every title there, which could not be read. More than
        CROWDED_LINES of them in view are drawn faint (150 tweets' lines had hidden the events among them)."""
        texts = [] if placement is None else [box for _, box in placement.captions] + \
            [label.box for label in placement.labels if not label.inside]
        boxes = np.array(texts, float).reshape(-1, 4)
        xs = [self.to_pixels(x, 0)[0] for x, _ in self.publications]
        crowded = sum(view.left() <= px <= view.right() for px in xs) > CROWDED_LINES
        for px, (x, caption) in zip(xs, self.publications):
            colour = QColor(self.publication_colours.get(caption, self.colors.published))
            if crowded:
                colour.setAlpha(90)
            p.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
            crossed = boxes[(boxes[:, 0] - 2 <= px) & (px <= boxes[:, 2] + 2)]
            top = view.top()
            for y0, y1 in sorted(zip(crossed[:, 1].tolist(), crossed[:, 3].tolist())):
                if y0 > top:
                    p.drawLine(QPointF(px, top), QPointF(px, y0 - 1))
                top = max(top, y1 + 1)
            if top < view.bottom():
                p.drawLine(QPointF(px, top), QPointF(px, view.bottom()))

    def _draw_tall_bar(self, p: QPainter, label: PlacedLabel, view: QRectF, chosen: bool) -> None:
        """The bar of a label inside it, over its visible length and as tall as the label, in the bar's colours."""
        m = self.markers[label.anchor]
        x0, x1 = max(m.x0, view.left() - 2), min(m.x1, view.right() + 2)
        rect = QRectF(x0, label.box[1], x1 - x0, label.box[3] - label.box[1])
        g = int(self.source_of[label.keys[0]]) if label.count == 1 and len(self.source_of) > label.keys[0] else -1
        colour = self.source_colours[g] if 0 <= g < len(self.source_colours) else self.colors.event
        if chosen:
            p.setPen(QPen(self.colors.text, 1.5))
            p.setBrush(self.colors.selected)
        else:
            p.setPen(QPen(colour, 1))
            p.setBrush(self.colors.bar if g < 0 else _mix(self.colors.background, colour, 0.6))
        p.drawRoundedRect(rect, 3, 3)

    def _caption_colour(self, text: str) -> QColor:
        """The colour of the publication line whose caption (or a shorter form of it) is `text`."""
        text = text.removesuffix(" →").removeprefix("← ")  # (a line out of view)
        for _, caption in self.publications:
            if text == caption or text in _shorter(caption):
                return self.publication_colours.get(caption, self.colors.published)
        return self.colors.published

    @staticmethod
    def _draw_text(p: QPainter, box: tuple[float, float, float, float], text: str, font: QFont, color: QColor,
                   outlines: bool) -> None:
        """Text in its box.  With `outlines` (exports), as outlines squeezed to the box if need be: another device's
        resolution or scale lays glyphs out wider than the screen measured them, and labels would collide."""
        x0, y0, x1, y1 = box
        if not outlines:
            p.setFont(font)
            p.setPen(color)
            p.drawText(QRectF(x0, y0, x1 - x0, y1 - y0), _TEXT_FLAGS, text)
            return
        metrics = QFontMetricsF(font)
        path = QPainterPath()
        path.addText(0.0, 0.0, font, text)
        width = max(path.boundingRect().right(), 1.0)
        p.save()
        p.translate(x0, y0 + (y1 - y0 - metrics.height()) / 2 + metrics.ascent())
        p.scale(min(1.0, (x1 - x0) / width), 1.0)
        p.fillPath(path, color)
        p.restore()


class _OverviewBox(pg.ViewBox):
    """The overview's ViewBox: a click centres the main view there, a drag brushes a range to zoom to."""

    def __init__(self, overview: _Overview) -> None:
        super().__init__(enableMouse=False, enableMenu=False)
        # weak: a reference cycle through Qt wrappers, collected at some later time, crashes Qt
        self._overview = weakref.ref(overview)
        self._brush_from: float | None = None

    @property
    def overview(self) -> _Overview:
        return self._overview()

    def mouseClickEvent(self, event: object) -> None:  # noqa: N802 (pyqtgraph naming)
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self.overview.centre_on(self.mapSceneToView(event.scenePos()).x())

    def mouseDragEvent(self, event: object, axis: object = None) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        x = self.mapSceneToView(event.scenePos()).x()
        if event.isStart():
            self._brush_from = self.mapSceneToView(event.buttonDownScenePos()).x()
        if self._brush_from is None:
            return
        a, b = sorted((self._brush_from, x))
        self.overview.brush(a, b, done=event.isFinish())
        if event.isFinish():
            self._brush_from = None


class _Overview:
    """The strip under the plot: event density over the whole range, the visible window as a region
    that can be dragged or resized, a click to centre, a drag elsewhere to zoom to that range."""

    @property
    def view(self) -> TimelineView:
        return self._view()

    HEIGHT = 44  # px

    def __init__(self, view: TimelineView) -> None:
        self._view = weakref.ref(view)  # weak, as in _OverviewBox
        self.box = _OverviewBox(self)
        self.box.setFixedHeight(self.HEIGHT)
        self.curve = pg.PlotDataItem(stepMode="center", fillLevel=0)
        self.box.addItem(self.curve)
        self.region = pg.LinearRegionItem(movable=True, swapMode="sort")
        self.region.setZValue(10)
        self.box.addItem(self.region)
        self.region.sigRegionChanged.connect(self._region_moved)
        self.publication_lines: list[pg.InfiniteLine] = []
        self._following = False
        self.full = (0.0, 1.0)

    def set_data(self, spans: LaneIndex, full: tuple[float, float], publications: list[tuple[float, str]]) -> None:
        self.full = full
        edges, counts = density(spans.starts, spans.ends, full[0], full[1], 240)
        self.curve.setData(edges, counts.astype(float))
        for line in self.publication_lines:
            self.box.removeItem(line)
        self.publication_lines = []
        for x, _ in publications:
            line = pg.InfiniteLine(x, angle=90, movable=False)
            self.box.addItem(line)
            self.publication_lines.append(line)
        top = float(counts.max()) if len(counts) and counts.max() > 0 else 1.0
        self.box.setRange(xRange=full, yRange=(0, top * 1.1), padding=0)
        self.restyle()
        self.follow()

    def restyle(self) -> None:
        c = self.view.colors
        self.curve.setPen(pg.mkPen(c.event, width=1))
        self.curve.setBrush(pg.mkBrush(c.bar))
        window = QColor(c.selected)
        window.setAlpha(40)
        self.region.setBrush(pg.mkBrush(window))
        edge = pg.mkPen(c.text, width=1.5)
        for line in self.region.lines:
            line.setPen(edge)
        colours = self.view.labels.publication_colours  # a source's own colour where the day is one source's
        for line, (_, caption) in zip(self.publication_lines, self.view.labels.publications):
            line.setPen(pg.mkPen(colours.get(caption, c.published), width=1, style=Qt.PenStyle.DashLine))

    def follow(self, *args: object) -> None:
        """Keep the region on the main view's visible range."""
        self._following = True
        try:
            self.region.setRegion(self.view.visible_range())
        finally:
            self._following = False

    def _region_moved(self) -> None:
        if self._following:
            return
        a, b = self.region.getRegion()
        if b - a >= MIN_SPAN:
            self.view.set_visible_range(a, b)

    def centre_on(self, x: float) -> None:
        x0, x1 = self.view.visible_range()
        half = (x1 - x0) / 2
        self.view.set_visible_range(x - half, x + half)

    def brush(self, a: float, b: float, done: bool) -> None:
        if b - a < MIN_SPAN:
            return
        if done:
            self.view.set_visible_range(a, b)
        else:
            self._following = True
            try:
                self.region.setRegion((a, b))
            finally:
                self._following = False


class TimelineView(pg.GraphicsLayoutWidget):
    """The timeline of a `Timeline`; emits what the user picked, never decides anything itself."""

    entryClicked = Signal(int)  # noqa: N815 (Qt naming)
    stepRequested = Signal(int)  # noqa: N815
    passageRequested = Signal()  # noqa: N815
    firstEventsPainted = Signal()  # noqa: N815 (once per timeline: its events are on screen)
    _built = False  # palette changes arrive while the base class is being set up

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.timeline: Timeline | None = None
        self.title = ""
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
        self.dim_bars = _IntervalBars(self.view_box)  # events outside the filter
        self.dim_bars.setZValue(4)
        self.dim_clusters = _ClusterMarkers(self.view_box)
        self.dim_clusters.setZValue(9)
        self.shown_keys: set[int] | None = None  # the filter: None shows every event
        self._shown = np.empty(0, np.int64)  # the same, as a sorted array
        self.hide_filtered = False
        self.dim_layers: Layers = ({}, {})
        self.points = _PointMarkers(self.view_box)  # one-day events drawn on their own
        self.points.setZValue(10)
        self.dim_points = _PointMarkers(self.view_box)
        self.dim_points.setZValue(9)
        self.clusters = _ClusterMarkers(self.view_box)
        self.clusters.setZValue(11)
        self.mention_links = MentionLinks(self.view_box)  # sources that date one event differently
        self.mention_links.setZValue(8)
        self.labels = _EventLabels(self.view_box)
        self.labels.font = QFont(self.font())
        self.labels.setZValue(20)
        self._flat = self._dim_flat = flat_points({})  # (x, lane, key) of the point events, by lane then x
        self._all_flat: tuple[Layers | None, FlatLayers] = (None, _NO_LAYERS)  # (layers, flattened) of every entry
        self._tray_for: tuple | None = None  # (timeline, the hidden keys) the vague tray was laid out for
        self._tray_width = 0  # ... and the width
        self.arrays: TimelineArrays = timeline_arrays(())
        self.lane_index: LaneIndex = self.arrays.spans  # the spans the plot's height is fitted to (`_fit_lanes`)
        self._fit_index = self.lane_index
        self.lane_fit: tuple[int, int] | None = None  # the first and last lane in the plot's height
        self._fitted_for: tuple | None = None
        self._lod_state: tuple[float, float, float, float] | None = None  # level, window x0, x1, width
        self.layers: Layers = ({}, {})  # what is drawn, per lane: points and bars (`core.placement`)

        self.painted_events = 0  # events drawn by the last paint that showed any (0: none yet)
        self.left_out = 0  # dated events the opening view leaves out (`fit_main`)
        self._announced = False
        self.selection_item = pg.ScatterPlotItem(size=SELECTED_SIZE, pxMode=True)
        self.selection_item.setZValue(15)
        self.view_box.addItem(self.selection_item)

        self.overview = _Overview(self)
        self.addItem(self.overview.box, row=1, col=0)
        self.overview.box.setVisible(False)  # until there is a timeline to give an overview of
        self.tray: pg.ViewBox = self.addViewBox(row=2, col=0, enableMouse=False, enableMenu=False)
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
        self.source_colours: list[QColor] = []
        self._source_brushes: list[object] = []
        self.legend: list[tuple[str, str, QColor, bool]] = []  # (key, text, colour, visible) per source
        self.tray_titles: list[pg.TextItem] = []
        self._tray_rows: dict[str, int] = {}  # rows of titles of each kind's column (0: only the selected dot's)
        self._tray_column_px = 1.0
        self._tray_dot_rows: dict[str, int] = {}  # rows of dots of each kind's column
        self._tray_y_at = lambda px: 0.0
        self.tray_pick = pg.TextItem(anchor=(0.5, 0))  # the selected dot's title in a column too dense for titles
        self.tray_pick.setVisible(False)
        self.tray.addItem(self.tray_pick)
        self.centres = np.empty(0)  # sorted middles of the dated events
        self.empty_message = pg.TextItem(anchor=(0.5, 0.5))
        self.empty_message.setParentItem(self.view_box)
        self.empty_message.setVisible(False)
        self.view_box.sigResized.connect(self._place_empty_message)

        self.view_box.sigXRangeChanged.connect(self._range_changed)
        self.view_box.sigXRangeChanged.connect(self.overview.follow)
        self.view_box.sigResized.connect(self._fit_lanes)
        self.view_box.sigResized.connect(self._range_changed)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.scene().sigMouseMoved.connect(self._hovered)
        self._built = True
        self._apply_palette()

    # --- content ---------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline | None, title: str = "", colours: list[QColor] | None = None,
                     prepared: TimelineArrays | None = None, links: list[MentionLink] | None = None) -> None:
        """Show `timeline` (None clears the view) and fit it in the view.

        `colours`: one per document of the timeline, for its markers, bars and publication line;
        `prepared`: its arrays (`core.placement.timeline_arrays`) and `links` its mention links
        (`core.timeline.mention_links`) if already worked out (off the GUI thread)."""
        self.arrays = prepared if prepared is not None else timeline_arrays(timeline.entries if timeline else ())
        self.timeline = timeline
        self.source_colours = list(colours or [])
        self._source_brushes = [pg.mkBrush(c) for c in self.source_colours]
        self.bars.source_colours = self.points.source_colours = self.source_colours
        # each entry's colour as the index of the first source of that colour: colours repeat after ten
        # sources, and markers are drawn one call per colour
        names = [c.name() for c in self.source_colours]
        slots = np.array([names.index(n) for n in names], np.int64)
        self.bars.source_of = slots[self.arrays.doc_of] if len(slots) else np.empty(0, np.int64)
        self.labels.source_of, self.labels.source_colours = self.bars.source_of, self.source_colours
        if self.clusters.neutral != bool(self.source_colours):
            self.clusters.neutral = bool(self.source_colours)
            self.clusters.restyle()
        self.selected = None
        self.title = title
        self.legend = []
        self._show_title()
        self._announced = False
        self.shown_keys = None
        self.centres = self.labels.centres = self.arrays.centres
        if links is None:
            links = mention_links(timeline) if timeline else []
        self.mention_links.set_links(links, self.source_colours)
        # what the plot's height is fitted to: the events' lanes, and the other dates of an event drawn in its lane
        others = [(min(link.start, *(o.start for o in link.others)), max(link.end, *(o.end for o in link.others)),
                   link.lane, link.key) for link in links if link.others]
        self.lane_index = self.arrays.spans.joined(*zip(*others)) if others else self.arrays.spans
        self._fit_index = self.lane_index  # (only the shown events' when the filter hides the rest)
        self.lane_fit = self._fitted_for = None
        self._apply_layers()
        self._show_empty_message(timeline)
        self.labels.forget()
        self.labels.selected_entry = self.bars.selected_entry = None
        marks = timeline.publication_marks() if timeline else []
        self.labels.publications = [(x, caption) for x, caption, _ in marks]
        self.labels.publication_colours = {caption: self.source_colours[docs[0]] for _, caption, docs in marks
                                           if len(docs) == 1 and docs[0] < len(self.source_colours)}
        self._lod_state = self.labels.lod_state = None
        self._fit_lanes()
        self._restyle()
        self.left_out = self.fit_main()
        self.overview.set_data(self.arrays.spans, self.full_range(), self.labels.publications)
        self._update_markers(force=True)

    def _show_empty_message(self, timeline: Timeline | None) -> None:
        """A document without dated events says so in the plot instead of showing a blank axis."""
        empty = timeline is not None and not len(self.centres)
        if empty:
            vague = len(timeline.entries) - self.arrays.dated
            several = len(timeline.documents) > 1
            self.empty_message.setText(f"No dated events in {'these documents' if several else 'this document'}"
                                       + (f" ({vague} vague event{'s' if vague != 1 else ''}, below)" if vague else "")
                                       + f".\n{'Their texts' if several else 'Its text'} may have no dates, or none "
                                         "could be resolved: see the status bar and Document > Set Publication Date.")
        self.empty_message.setVisible(empty)
        self.axis.setStyle(showValues=not empty)
        self.overview.box.setVisible(not empty and timeline is not None)

    def set_filter(self, shown: set[int] | np.ndarray | None, hide: bool = False) -> None:
        """Events outside `shown` (keys) are dimmed (or, with `hide`, not drawn); None shows every event."""
        keys = None if shown is None else (np.fromiter(shown, np.int64) if isinstance(shown, set)
                                           else np.asarray(shown, np.int64))
        if keys is not None and len(keys) > 1 and not (keys[1:] > keys[:-1]).all():
            keys = np.unique(keys)  # (the filter's answer is sorted already)
        same = (keys is None) == (self.shown_keys is None) and (keys is None or np.array_equal(keys, self._shown))
        if same and hide == self.hide_filtered:
            return
        self.shown_keys = self.mention_links.shown = None if keys is None else set(keys.tolist())
        self._shown = keys if keys is not None else np.empty(0, np.int64)
        self.hide_filtered = hide
        self._apply_layers()  # (the colours stay: no restyle, which would redraw the axis, overview and sprites)
        if hide and keys is not None:  # the lanes of what is shown fill the plot, not those of what is hidden
            member = np.zeros(len(self.timeline.entries) if self.timeline else 0, bool)
            member[keys[keys < len(member)]] = True
            self._fit_index = self.lane_index.only(member)
        else:
            self._fit_index = self.lane_index
        self._fit_lanes()
        self._update_markers(force=True)

    def _apply_layers(self) -> None:
        """(Re)build the drawn layers: events that pass the filter, and the dimmed rest (numpy, per lane)."""
        everything = self.arrays.layers
        if self._all_flat[0] is not everything:  # flattened once per timeline, split at each filter
            self._all_flat = (everything, flat_layers(everything))
        if self.shown_keys is None:
            shown, dim = self._all_flat[1], _NO_LAYERS
            self.layers, self.dim_layers = everything, ({}, {})
        else:
            shown, dim = self._split(self._all_flat[1], self._shown,
                                     len(self.timeline.entries) if self.timeline else 0)
            dim = _NO_LAYERS if self.hide_filtered else dim
            self.layers, self.dim_layers = shown.per_lane(), dim.per_lane()
        self.labels.layers, self.labels.dim_layers = self.layers, self.dim_layers
        self.labels.timeline = self.timeline
        self._flat, self._dim_flat = shown.points, dim.points
        self.bars.set_lanes(self.layers[1], shown.bars)
        self.dim_bars.set_lanes(self.dim_layers[1], dim.bars)
        self._lod_state = self.labels.lod_state = None
        if self._tray_for != (self.timeline, self.hide_filtered and self._shown.tobytes()):
            self._tray_for = (self.timeline, self.hide_filtered and self._shown.tobytes())
            self._layout_tray(self.timeline)  # (only hiding the filtered out changes the tray)
        else:
            self._colour_tray()  # (the filtered out dimmed)

    @staticmethod
    def _split(flat: FlatLayers, keys: np.ndarray, count: int) -> tuple[FlatLayers, FlatLayers]:
        """`flat` cut in two: the entries whose key (of `count`) is in `keys`, and the others."""
        member = np.zeros(max(count, int(keys.max()) + 1 if len(keys) else 0), bool)
        member[keys] = True  # one lookup per marker, where np.isin sorts each lane again
        return flat.split(member)

    def _fit_lanes(self, *args: object) -> None:
        """The lanes that hold events in view fill the plot below a band of TOP_RESERVE_LINES text lines kept
        for captions: lanes are assigned over the whole timeline, and a view of one war among sixteen histories
        would otherwise squeeze its few lanes at the top of the hundred of the busiest century. With nothing in
        view (a gap being panned across) the lanes stay as they were."""
        x0, x1 = self.visible_range()
        fit = self._fit_index.lanes_in(x0, x1) if self.timeline is not None else None
        if fit is None:
            fit = self.lane_fit or (0, max(self.timeline.lanes if self.timeline else 0, 1) - 1)
        height = max(self.view_box.height(), 1.0)
        if (fit, height) == self._fitted_for:
            return
        self._fitted_for, self.lane_fit = (fit, height), fit
        lanes = fit[1] - fit[0] + 1
        reserve = TOP_RESERVE_LINES * (QFontMetricsF(self.font()).height() + 2) + 6
        span = lanes / max(1.0 - reserve / height, 0.2)
        bottom = fit[1] + 0.5
        top = bottom - span
        self.view_box.setLimits(yMin=top, yMax=bottom)
        self.view_box.setYRange(top, bottom, padding=0)

    def _place_empty_message(self, *args: object) -> None:
        rect = self.view_box.boundingRect()
        self.empty_message.setPos(rect.center())

    # --- level of detail --------------------------------------------------------------

    def _range_changed(self, *args: object) -> None:
        self._fit_lanes()
        self._update_markers()

    def _update_markers(self, force: bool = False) -> None:
        """Work out clusters, single markers and label candidates for the visible range and a margin.

        Recomputed only when the zoom level (a power of two of days per cluster)
        or the size changes, or the view leaves the margin: a pan step is then
        only a repaint.
        """
        if not self._built:
            return
        x0, x1 = self.visible_range()
        width = max(self.view_box.width(), 1.0)
        size_key = (width, round(self.view_box.height()), self.lane_fit)
        per_day = width / max(x1 - x0, 1e-9)
        level = bin_days(per_day, CLUSTER_PIXELS)
        state = self._lod_state
        if (not force and state is not None and state[0] == level and state[3] == size_key
                and state[1] <= x0 and x1 <= state[2]):
            return
        span = x1 - x0
        lo, hi = x0 - span, x1 + span
        force = force or state is None or state[3] != size_key
        self._lod_state = self.labels.lod_state = (level, lo, hi, size_key)
        _, y0 = self.bars.to_pixels(0.0, 0.0)
        _, y1 = self.bars.to_pixels(0.0, 1.0)
        size = point_size(y1 - y0, POINT_SIZE)  # markers no taller than a lane, as core.placement assumes
        coloured = bool(self.source_colours) and len(self.bars.source_of)
        for flat, points, clusters in ((self._flat, self.points, self.clusters),
                                       (self._dim_flat, self.dim_points, self.dim_clusters)):
            m = cluster_lanes(*flat, level, lo, hi)
            colour = self.bars.source_of[m.keys] if coloured and points is self.points else np.full(len(m.keys), -1)
            points.set_points(m.x, m.lane, m.keys, colour, size)
            clusters.set_clusters(m.cluster_x, m.cluster_lane, m.cluster_first, m.cluster_last, m.cluster_count)
        self.labels.update()

    def set_legend(self, entries: list[tuple[str, str, QColor, bool]]) -> None:
        """Sources as the plot's heading, each after a dot of its colour (so exported images have the legend):
        (source key, name, colour, visible) per source; with one source the heading stays the title."""
        self.legend = list(entries)
        self._show_title()

    def _show_title(self) -> None:
        """The heading, never wider than the view: a wider title would widen the whole plot past the window
        (with a hundred sources, to 38,000 px) and everything would be laid out and drawn for that width."""
        room = max(self.width() - 40, 200)
        if len(self.legend) > 1:
            font = QFont(self.font())
            font.setPointSizeF(10)
            metrics = QFontMetricsF(font)
            parts, used = [], 0.0
            for n, (_, name, colour, visible) in enumerate(self.legend):
                name = name if len(name) <= 40 else name[:39] + "…"
                more = len(self.legend) - n
                width = metrics.horizontalAdvance(f"●\u00a0{name}\u00a0\u00a0\u00a0")
                if parts and used + width + metrics.horizontalAdvance(f"+ {more} more") > room:
                    parts.append(f"+ {more} more")  # the source legend lists them all
                    break
                used += width
                shown = html.escape(name)
                if not visible:
                    shown = f"<s>{shown}</s>"
                parts.append(f"<span style='color:{colour.name() if visible else self.colors.muted.name()}'>"
                             f"●</span>&nbsp;{shown}")
            self.plot.setTitle("&nbsp;&nbsp;&nbsp;".join(parts), color=self.colors.text, size="10pt")
        else:
            font = QFont(self.font())
            font.setPointSizeF(11)
            metrics = QFontMetricsF(font)
            title = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, room)
            if title != self.title:  # a name already cut ("… today for… — published …") ends in one ellipsis
                title = title.removesuffix("…").rstrip(" —…") + "…"
            self.plot.setTitle(label_html(title) or None, color=self.colors.text, size="11pt")

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt naming)
        # the heading first: the base class lays the plot out at the new width, and a heading made for the old
        # width is as wide as it was (a window narrowed from 1400 to 1000 px kept a 1280 px plot, cut off)
        if self._built and not getattr(self, "closed", False) and (self.legend or self.title):  # (close() resizes)
            self._show_title()
            for item in (self.plot.titleLabel, self.plot, self.ci):  # (Qt passes a smaller minimum up only later)
                item.updateGeometry()
        super().resizeEvent(event)
        if self._built and self._tray_for is not None and self._tray_width != self.width():
            self._layout_tray(self.timeline)  # the titles' room is a share of the width

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if self.timeline is not None and self.timeline.entries:
            self.painted_events = len(self.timeline.entries)
            if not self._announced:
                self._announced = True
                self.firstEventsPainted.emit()

    def _layout_tray(self, timeline: Timeline | None) -> None:
        """Vague events in a column per kind that has any (past, present, future, unknown), each dot
        titled where the column has room: in one row under the dots, or staggered over the fewest rows (up to
        TRAY_ROWS) that give each title TRAY_TITLE_PX (the n-th dot's title n % rows lines lower, each as wide as
        rows dots' share; the tray grows by those lines); in a column denser than that, only the selected
        dot is titled (`_title_tray_pick`); dots that would overlap (35 in a third of a 650 px window) go on in
        rows below, TRAY_DOT_PITCH apart, up to TRAY_DOT_ROWS; no tray at all without vague events."""
        self._tray_positions = {}
        for item in self.tray_titles:
            self.tray.removeItem(item)
        self.tray_titles = []
        groups: dict[str, list[TimelineEntry]] = {kind: [] for kind in VAGUE_ORDER}
        for e in timeline.entries[self.arrays.dated:] if timeline else ():  # (vague entries come last)
            if self.shown_keys is None or not self.hide_filtered or e.key in self.shown_keys:
                groups[e.vague_kind].append(e)
        kinds = [k for k in VAGUE_ORDER if groups[k]]
        self._tray_width = self.width()
        column_px = max(self.width(), 200) / max(len(kinds), 1)
        metrics = QFontMetricsF(self.font())
        rooms = {k: column_px / (len(groups[k]) + 1) for k in kinds}  # px between neighbouring dots
        fit = max(int(column_px // TRAY_DOT_PITCH) - 1, 1)  # dots a row holds
        dot_rows = {k: 1 if rooms[k] >= TRAY_DOT_PITCH else min(math.ceil(len(groups[k]) / fit), TRAY_DOT_ROWS)
                    for k in kinds}
        per_row = {k: math.ceil(len(groups[k]) / dot_rows[k]) for k in kinds}  # (rows as even as they can be)
        rows = {k: next((r for r in range(1, TRAY_ROWS + 1) if r * rooms[k] >= TRAY_TITLE_PX), 0) if dot_rows[k] == 1
                else 0 for k in kinds}
        self._tray_rows, self._tray_column_px = rows, column_px
        self._tray_dot_rows = dot_rows
        extra = max(((max(rows[k], 1) - 1) * (metrics.height() + 2) + (dot_rows[k] - 1) * TRAY_DOT_PITCH
                     for k in kinds), default=0)  # the tallest column's rows of dots and titles
        height = TRAY_HEIGHT + extra if kinds else 0
        self.tray.setVisible(bool(kinds))
        self.tray.setFixedHeight(height)

        def y_at(px: float) -> float:  # the tray's y range is (-1, 1) over its height, 1 at the top
            return 1 - 2 * px / max(height, 1)

        for column, caption in enumerate(self.tray_captions):
            kind = kinds[column] if column < len(kinds) else ""
            members = groups[kind] if kind else []
            caption.setText(f"{kind} (vague): {len(members)} event{'s' if len(members) != 1 else ''}" if kind else "")
            for i, e in enumerate(members):
                across = min(per_row[kind], len(members))  # dots in a row
                x = column + (i % across + 1) / (across + 1)
                down = i // across
                self._tray_positions[e.key] = (x, y_at(TRAY_DOT_PX + down * TRAY_DOT_PITCH))
                if rows[kind]:  # a short title under its dot, narrower than its share of the column (measured),
                    # inside the column (the first and last titles of two columns side by side share a row), moved
                    # in from its edge rather than cut short, and clear of its row's neighbours at their widest
                    step, room = rows[kind], rooms[kind]
                    half = (step * room - 16) / 2
                    left = (i + 1 - step) * room + half + 8 if i >= step else 2.0  # px from the column's left
                    right = (i + 1 + step) * room - half - 8 if i + step < len(members) else column_px - 2.0
                    title = metrics.elidedText(e.title, Qt.TextElideMode.ElideRight, min(2 * half, right - left) - 8)
                    text = pg.TextItem(title, anchor=(0.5, 0), color=self.colors.text)
                    middle = min(max((i + 1) * room, left + text.boundingRect().width() / 2),
                                 right - text.boundingRect().width() / 2)
                    text.setPos(column + middle / column_px,
                                y_at(TRAY_TITLE_TOP_PX + (i % rows[kind]) * (metrics.height() + 2)))
                    self.tray.addItem(text)
                    self.tray_titles.append(text)
        self.tray.setRange(xRange=(0, max(len(kinds), 1)), yRange=(-1, 1), padding=0)
        keys = list(self._tray_positions)
        self.tray_items.setData(x=[self._tray_positions[k][0] for k in keys],
                                y=[self._tray_positions[k][1] for k in keys], data=keys)
        self._tray_y_at = y_at
        self._colour_tray()
        self._title_tray_pick()

    def _title_tray_pick(self) -> None:
        """The selected vague event's title under its dot when its column is too dense to title every dot
        (35 past events in a third of the window): as wide as TRAY_PICK_PX at most, inside its column."""
        text = self.tray_pick
        entry = self.timeline.entries[self.selected] if self.timeline is not None and self.selected is not None \
            and self.selected < len(self.timeline.entries) else None
        if entry is None or entry.key not in self._tray_positions or self._tray_rows.get(entry.vague_kind, 1):
            text.setVisible(False)
            return
        metrics = QFontMetricsF(self.font())
        room = min(TRAY_PICK_PX, self._tray_column_px - 16)
        title = metrics.elidedText(entry.title, Qt.TextElideMode.ElideRight, room)
        text.setText(title)
        half = (text.boundingRect().width() / 2 + 2) / max(self._tray_column_px, 1)  # in columns (its box in px)
        x, _ = self._tray_positions[entry.key]
        column = float(int(x))
        text.setColor(self.colors.selected)
        below = (self._tray_dot_rows.get(entry.vague_kind, 1) - 1) * TRAY_DOT_PITCH  # under the last row of dots
        text.setPos(min(max(x, column + half), column + 1 - half), self._tray_y_at(TRAY_TITLE_TOP_PX + below))
        text.setVisible(True)

    def _colour_tray(self) -> None:
        """Vague dots in their source's colour when sources have colours, else the plot's faint one; those the
        filter leaves out dimmed, as on the plot."""
        keys = self.tray_items.data["data"] if len(self.tray_items.data) else []
        shown = self.shown_keys
        if self._source_brushes and self.timeline is not None:
            brushes = [self._source_brushes[self.timeline.entries[k].doc] for k in keys]
        else:
            brushes = [pg.mkBrush(self.colors.faint)] * len(keys)
        if shown is not None:
            dim = pg.mkBrush(dimmed_colors(self.colors).faint)
            brushes = [b if k in shown else dim for k, b in zip(keys, brushes)]
        self.tray_items.setBrush(brushes if len(keys) else pg.mkBrush(self.colors.faint))

    # --- selection and navigation ----------------------------------------------------

    def set_selected(self, key: int | None, reveal: bool = True) -> None:
        """Highlight the entry `key`; with `reveal`, pan (or zoom out) so it is in view."""
        self.selected = key
        self.bars.selected = self.labels.selected = key
        entry = self.timeline.entries[key] if self.timeline and key is not None else None
        self.labels.selected_entry = entry if entry is not None and not entry.is_vague else None
        self.bars.selected_entry = self.labels.selected_entry
        point = entry is not None and entry.is_point
        vague = entry is not None and entry.is_vague
        self.selection_item.setData(x=[entry.center] if point else [], y=[entry.lane] if point else [])
        tray_xy = self._tray_positions[entry.key] if vague else None
        self.tray_selection.setData(x=[tray_xy[0]] if vague else [], y=[tray_xy[1]] if vague else [])
        self._title_tray_pick()
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
        """x range showing every event and the publication dates near them, with room for labels on the right.

        A publication date farther from the events than they span is left out: the Greco-Persian wars
        published in 2009 would otherwise be squeezed into the first few pixels of 2,500 years."""
        publications = [x for x, _ in self.labels.publications]  # (the middle of its day)
        if self.timeline is None or (self.arrays.extent is None and not publications):
            return 0.0, 365.0
        if self.arrays.extent is None:
            x0, x1 = min(publications) - 0.5, max(publications) + 0.5
        else:
            x0, x1 = self.arrays.extent
            reach = max(x1 - x0, 14.0)
            near = [x for x in publications if x0 - reach <= x <= x1 + reach]
            x0, x1 = min([x0] + [x - 0.5 for x in near]), max([x1] + [x + 0.5 for x in near])
        span = max(x1 - x0, 14.0)
        return x0 - 0.04 * span, x1 + 0.18 * span

    def fit_main(self) -> int:
        """Fit All, or, when a few far events would squeeze the rest into a sliver (`core.lod.main_body`),
        the rest: how many dated events that leaves out of view (Fit All shows them)."""
        self.fit_all()
        first, end = main_body(self.centres)
        if end - first == len(self.centres):
            return 0
        x0, x1 = float(self.centres[first]), float(self.centres[end - 1])
        span = max(x1 - x0, 14.0)
        self.view_box.setXRange(x0 - 0.04 * span, x1 + 0.18 * span, padding=0)  # (as `full_range` pads)
        return len(self.centres) - (end - first)

    def fit_all(self) -> None:
        x0, x1 = self.full_range()
        span = x1 - x0
        low, high = x0 - 4 * span, x1 + 4 * span
        for x, _ in self.labels.publications:  # a publication date left out of the fit can still be panned to
            low, high = min(low, x - span), max(high, x + span)
        self.view_box.setLimits(xMin=low, xMax=high, minXRange=MIN_SPAN, maxXRange=max(9 * span, high - low))
        self.view_box.setXRange(x0, x1, padding=0)

    def zoom(self, factor: float) -> None:
        """Scale the visible range by `factor` (< 1 zooms in) around the selection if shown, else around
        the events in view (`core.lod.zoom_centre`): never into empty space."""
        x0, x1 = self.visible_range()
        selected = None
        if self.timeline and self.selected is not None:
            entry = self.timeline.entries[self.selected]
            selected = None if entry.is_vague else entry.center
        center = zoom_centre(self.centres, x0, x1, selected)
        half = (x1 - x0) * factor / 2
        self.set_visible_range(center - half, center + half)

    def zoom_to_selection(self) -> None:
        """Show the selected event (a bar with a margin, a day with a week either side)."""
        if self.timeline is None or self.selected is None:
            return
        entry = self.timeline.entries[self.selected]
        if entry.is_vague:
            return
        pad = max((entry.end - entry.start) * 0.25, 7.0)
        self.set_visible_range(entry.start - pad, entry.end + pad)

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
        return self.marker_at(scene_pos)[0]

    def marker_at(self, scene_pos: QPointF) -> tuple[int | None, tuple[float, float, int] | None]:
        """(entry key, None) under a scene position, or (None, (first x, last x, count)) of a cluster or band."""
        if self.timeline is None:
            return None, None
        local = self.view_box.mapFromScene(scene_pos)
        if self.view_box.boundingRect().contains(local):
            best, best_distance = None, POINT_SIZE / 2 + 3
            for layer in (self.points, self.dim_points):
                key, distance = layer.nearest(local)
                if key is not None and distance <= best_distance:
                    best, best_distance = key, distance
            if best is not None:
                return best, None
            cluster = self.clusters.cluster_at(local)
            if cluster is not None:
                return None, cluster
            key, band = self.bars.bar_at(local)
            if key is not None or band is not None:
                return key, band
            label = self.labels.placement.label_at(local.x(), local.y())
            if label is not None:
                if label.kind == "event":
                    return label.keys[0], None
                return None, (label.first_day + 0.5, label.last_day - 0.5, label.count)
            return None, None
        local = self.tray.mapFromScene(scene_pos)
        if self.tray.boundingRect().contains(local):
            for key, (x, y) in self._tray_positions.items():
                marker = self.tray.mapViewToScene(QPointF(x, y))
                if (marker - scene_pos).manhattanLength() <= POINT_SIZE:
                    return key, None
        return None, None

    def diamond_at(self, scene_pos: QPointF) -> tuple[MentionLink, OtherDate] | None:
        """The hollow diamond (another source's date of a merged event) under a scene position."""
        if self.timeline is None:
            return None
        return self.mention_links.diamond_at(self.view_box.mapFromScene(scene_pos))

    def _clicked(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        diamond = self.diamond_at(event.scenePos())
        if diamond is not None:  # another source's date of an event: select that event
            event.accept()
            self.entryClicked.emit(diamond[0].key)
            return
        key, group = self.marker_at(event.scenePos())
        if key is not None:
            event.accept()
            self.entryClicked.emit(key)
        elif group is not None:  # a cluster or band: zoom in until its events come apart
            event.accept()
            first, last, _ = group
            pad = max((last - first) * 0.25, 1.0)
            self.set_visible_range(first - pad, last + pad)

    def publication_at(self, scene_pos: QPointF) -> str | None:
        """The tooltip of a publication caption under a scene position: which sources were published when."""
        if self.timeline is None:
            return None
        local = self.view_box.mapFromScene(scene_pos)
        for text, (x0, y0, x1, y1) in self.labels.placement.captions:
            if x0 <= local.x() <= x1 and y0 <= local.y() <= y1:
                days = {day_at(x).toordinal() for x in self.labels.caption_days.get(text, ())}
                shown = [d for d in self.timeline.documents if d.published and d.published.date.toordinal() in days]
                lines = [f"published {long_date(d.published.date)}: {short_name(d)}"
                         for d in sorted(shown, key=lambda d: d.published.date)]
                return "\n".join(lines) or None
        return None

    def hover_text(self, scene_pos: QPointF) -> str | None:
        """The tooltip for what is under a scene position (None: nothing there)."""
        diamond = self.diamond_at(scene_pos)
        if diamond is not None:
            return diamond_tooltip(self.timeline, *diamond)
        published = self.publication_at(scene_pos)
        if published is not None:
            return published
        key, group = self.marker_at(scene_pos)
        if key is None and group is None:
            return None
        if key is not None:
            return self.timeline.tooltip(self.timeline.entries[key])
        first, last, count = group
        return (f"{count} events, {readable_interval(day_at(first), day_at(max(last - 0.5, first)))}\n"
                "click or zoom in to tell them apart")

    def _hovered(self, scene_pos: QPointF) -> None:
        text = self.hover_text(scene_pos)
        if text is None:
            self.viewport().unsetCursor()
            QToolTip.hideText()
            return
        if self.diamond_at(scene_pos) is None and self.publication_at(scene_pos) is not None:
            self.viewport().unsetCursor()  # a caption tells, it does nothing when clicked
        else:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        global_pos = self.viewport().mapToGlobal(self.mapFromScene(scene_pos))
        QToolTip.showText(global_pos, rich_text_of(text), self)

    # --- keys and palette -------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, text = event.key(), event.text()
        if text in ("+", "="):
            self.zoom(0.5)
        elif text in ("-", "_"):
            self.zoom(2.0)
        elif text == "0":
            self.fit_all()
        elif text in ("z", "Z"):
            self.zoom_to_selection()
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
        self.grid.colors = self.bars.colors = self.labels.colors = self.clusters.colors = c
        self.mention_links.set_colours(_mix(c.background, c.text, 0.7), c.background)
        dim = self.dim_bars.colors = self.dim_clusters.colors = dimmed_colors(c)
        self.clusters.restyle()
        self.dim_clusters.restyle()
        self.points.colors, self.dim_points.colors = c, dim
        self.points.restyle()
        self.dim_points.restyle()
        self.selection_item.setPen(_symbol_pen(c.text, 1.5, SELECTED_SIZE))
        self.selection_item.setBrush(pg.mkBrush(c.selected))
        self.tray_items.setPen(_symbol_pen(c.muted, 1.0, POINT_SIZE))
        self._colour_tray()
        self.tray_selection.setPen(_symbol_pen(c.text, 1.5, SELECTED_SIZE))
        self.tray_selection.setBrush(pg.mkBrush(c.selected))
        for caption in self.tray_captions:
            caption.setColor(c.muted)
        self.tray.setBorder(pg.mkPen(c.grid))
        for layer in (self.grid, self.bars, self.dim_bars, self.clusters, self.dim_clusters, self.labels, self.points,
                      self.dim_points):
            layer.update()
        self.overview.restyle()
        self.empty_message.setColor(c.muted)
        self.overview.box.setBorder(pg.mkPen(c.grid))
