"""The marker joining the mentions of one merged event whose sources date it differently.

The event stays drawn at its own date (by the timeline view); this layer adds, for each
`core.timeline.MentionLink`, a hollow diamond at every other date a source gives it (in that
source's colour) and a thin dashed bracket under the lane from the event's marker to each
diamond, so neither date is hidden. It is a child of the plot's ViewBox, so exported images
carry it too.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from timeline_app.core.timeline import MentionLink

GLYPH = 6.0  # px: half the diagonal of the diamond at another source's date
RISE = 0.3  # of a lane: how far below its lane the bracket runs
MAX_DROP = 16.0  # px: and at most this far


class MentionLinks(pg.GraphicsObject):
    """Draws `links` in the ViewBox's pixel coordinates (day, lane -> px)."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.view_box = view_box
        self.links: list[MentionLink] = []
        self._spread: list[float] = []
        self.shown: set[int] | None = None  # entry keys that pass the filter; None: all
        self.line_colour = QColor("#7048e8")
        self.background = QColor("white")
        self.source_colours: list[QColor] = []
        view_box.sigTransformChanged.connect(lambda *_: self.update())
        view_box.sigResized.connect(self._resized)

    def _resized(self, *args: object) -> None:
        self.prepareGeometryChange()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt naming)
        return self.view_box.boundingRect()

    def set_links(self, links: Sequence[MentionLink], source_colours: Sequence[QColor] = ()) -> None:
        self.links = list(links)
        # per link, how far (days) its farthest other date lies from its own: at a zoom where that is
        # under a diamond's width the link is not drawn (it would sit on the event's own marker)
        self._spread = [max((abs((o.start + o.end) - (link.start + link.end)) / 2 for o in link.others), default=0.0)
                        for link in self.links]
        self.source_colours = list(source_colours)
        self.update()

    def set_colours(self, line: QColor, background: QColor) -> None:
        self.line_colour, self.background = QColor(line), QColor(background)
        self.update()

    def _to_pixels(self, x: float, y: float) -> QPointF:
        self.view_box.updateMatrix()
        t = self.view_box.childGroup.transform()
        return QPointF(t.m11() * x + t.m31(), t.m22() * y + t.m32())

    def visible(self) -> list[MentionLink]:
        """The links that pass the filter and reach into the view."""
        x0, x1 = self.view_box.viewRange()[0]
        return [link for link in self.links if (self.shown is None or link.key in self.shown)
                and link.last >= x0 and link.first <= x1]

    def paint(self, p: QPainter, *args: object) -> None:
        self.view_box.updateMatrix()
        per_day = abs(self.view_box.childGroup.transform().m11())
        apart = {id(link) for link, spread in zip(self.links, self._spread) if spread * per_day >= GLYPH}
        links = [link for link in self.visible() if id(link) in apart]
        if not links:
            return
        view = self.boundingRect().adjusted(-20, -20, 20, 20)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        # one path for every bracket and one per colour for the diamonds: hundreds of links at the
        # widest zoom cost two or three draw calls, not two each
        brackets = QPainterPath()
        diamonds: dict[str, tuple[QColor, QPainterPath]] = {}
        rise = abs(self._to_pixels(0, 1).y() - self._to_pixels(0, 0).y()) * RISE
        for link in links:
            own = self._to_pixels((link.start + link.end) / 2, link.lane)
            low = own.y() + max(min(rise, MAX_DROP), GLYPH + 3)  # below the lane: labels stand above markers
            for other in link.others:
                at = self._to_pixels((other.start + other.end) / 2, link.lane)
                if not view.contains(at) and not view.contains(own):
                    continue
                if abs(at.x() - own.x()) < GLYPH:  # the dates are too close to tell apart at this zoom
                    continue
                brackets.moveTo(own.x(), own.y() + GLYPH)
                brackets.lineTo(own.x(), low)
                brackets.lineTo(at.x(), low)
                brackets.lineTo(at.x(), at.y() + GLYPH)
                colour = (self.source_colours[other.doc] if 0 <= other.doc < len(self.source_colours)
                          else self.line_colour)
                diamond = diamonds.setdefault(colour.name(), (colour, QPainterPath()))[1]
                diamond.moveTo(at.x(), at.y() - GLYPH)
                for dx, dy in ((GLYPH, 0), (0, GLYPH), (-GLYPH, 0), (0, -GLYPH)):
                    diamond.lineTo(at.x() + dx, at.y() + dy)
        p.setPen(QPen(self.line_colour, 1.2, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(brackets)
        for colour, diamond in diamonds.values():
            p.setPen(QPen(colour, 2.0))
            p.setBrush(self.background)
            p.drawPath(diamond)
