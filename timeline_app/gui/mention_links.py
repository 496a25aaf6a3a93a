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

from timeline_app.core.timeline import (
    MentionLink, OtherDate, Timeline, describe_interval, day_number, short_name,
)

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

    def drawn(self) -> list[tuple[MentionLink, OtherDate, QPointF, QPointF]]:
        """(link, other date, the event's marker, the diamond) in pixels, for each diamond drawn now."""
        self.view_box.updateMatrix()
        per_day = abs(self.view_box.childGroup.transform().m11())
        apart = {id(link) for link, spread in zip(self.links, self._spread) if spread * per_day >= GLYPH}
        view = self.boundingRect().adjusted(-20, -20, 20, 20)
        found = []
        for link in self.visible():
            if id(link) not in apart:
                continue
            own = self._to_pixels((link.start + link.end) / 2, link.lane)
            for other in link.others:
                at = self._to_pixels((other.start + other.end) / 2, link.lane)
                if not view.contains(at) and not view.contains(own):
                    continue
                if abs(at.x() - own.x()) < GLYPH:  # the dates are too close to tell apart at this zoom
                    continue
                found.append((link, other, own, at))
        return found

    def diamond_at(self, local: QPointF) -> tuple[MentionLink, OtherDate] | None:
        """The diamond under `local` (ViewBox pixels), if one is drawn there."""
        if not self.isVisible():
            return None
        near = [(abs(at.x() - local.x()) + abs(at.y() - local.y()), link, other)
                for link, other, _, at in self.drawn()]
        near = [n for n in near if n[0] <= GLYPH + 3]
        if not near:
            return None
        _, link, other = min(near, key=lambda n: n[0])
        return link, other

    def paint(self, p: QPainter, *args: object) -> None:
        drawn = self.drawn()
        if not drawn:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        # one path for every bracket and one per colour for the diamonds: hundreds of links at the
        # widest zoom cost two or three draw calls, not two each
        brackets = QPainterPath()
        diamonds: dict[str, tuple[QColor, QPainterPath]] = {}
        rise = abs(self._to_pixels(0, 1).y() - self._to_pixels(0, 0).y()) * RISE
        for link, other, own, at in drawn:
            low = own.y() + max(min(rise, MAX_DROP), GLYPH + 3)  # below the lane: labels stand above markers
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


def diamond_tooltip(timeline: Timeline, link: MentionLink, other: OtherDate) -> str:
    """What a diamond stands for: the date one source gives the event, the mention that gives it (its
    words and how its date was read), and where the event itself is drawn."""
    entry = timeline.entries[link.key]
    source = timeline.documents[other.doc] if 0 <= other.doc < len(timeline.documents) else None
    ids = {d.id: i for i, d in enumerate(timeline.documents)}
    lines = [f"{other.label}: the date " + (f"{short_name(source)} gives" if source else "another mention gives")]
    for m in entry.event.all_mentions():
        span = (m.earliest, m.latest or m.earliest) if m.earliest is not None else None
        if span is None or (day_number(span[0]), day_number(span[1]) + 1) != (other.start, other.end):
            continue
        doc = timeline.documents[ids.get(m.document, entry.doc)] if m.document else timeline.documents[entry.doc]
        lines.append(f"“{m.title}”" + (f" ({short_name(doc)})" if len(timeline.documents) > 1 else ""))
        timexes = {t.id: t for t in doc.timexes}
        for tid in m.timex_ids:
            t = timexes.get(tid)
            if t is not None:
                lines.append(f"“{t.text}”: {t.explanation or 'no explanation recorded'}")
    drawn_at = describe_interval(entry.event.earliest, entry.event.latest)
    lines.append(f"the event is drawn at {drawn_at}" + (f" ({short_name(timeline.documents[entry.doc])})"
                                                         if len(timeline.documents) > 1 else "")
                 + f": “{entry.title}”")
    lines.append("sources disagree on its date; click to select the event")
    return "\n".join(lines)
