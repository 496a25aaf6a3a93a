"""Colours and legend entries of a workspace's sources."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QToolButton, QWidget

from timeline_app.core.timeline import long_date
from timeline_app.core.workspace import Source, Workspace

#: One colour per source colour index (Tableau 10: distinct, readable on light and dark backgrounds).
SOURCE_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759",
                  "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac")


def source_colour(index: int) -> QColor:
    return QColor(SOURCE_COLOURS[index % len(SOURCE_COLOURS)])


def source_caption(workspace: Workspace, source: Source) -> str:
    """'a.txt · 10 May 2017 · 12 events' (the legend's text for a source)."""
    x = workspace.current(source.key)
    published = long_date(x.published.date) if x.published else "publication date unknown"
    count = len(x.events)
    return f"{source.name} · {published} · {count} event{'s' if count != 1 else ''}"


def legend_entries(workspace: Workspace) -> list[tuple[str, str, QColor, bool]]:
    """(key, text, colour, visible) of every source, hidden ones too."""
    return [(s.key, source_caption(workspace, s), source_colour(s.colour), s.visible) for s in workspace.sources]


def timeline_colours(workspace: Workspace) -> list[QColor] | None:
    """Colours of the visible sources in timeline order; None with a single source (the plot's own colour)."""
    if len(workspace.sources) < 2:
        return None
    return [source_colour(s.colour) for s, _ in workspace.documents()]


class SourceLegend(QWidget):
    """One checkable entry per source: its colour, name, publication date and event count; unchecking
    hides its events. Shown only when there are several sources; with many, the row scrolls sideways
    (it must not widen the window: a hundred sources made it 38,000 px wide)."""

    toggled = Signal(str, bool)  # source key, visible

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QToolButton] = {}
        row = QWidget()
        self._layout = QHBoxLayout(row)
        self._layout.setContentsMargins(6, 2, 6, 2)
        self._layout.setSpacing(4)
        self._layout.addWidget(QLabel("Sources:"))
        self._layout.addStretch(1)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(row)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self.setVisible(False)

    def set_entries(self, entries: list[tuple[str, str, QColor, bool]]) -> None:
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.hide()  # at once: deleteLater waits for the event loop
            button.deleteLater()
        self.buttons = {}
        for key, text, colour, visible in entries:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(visible)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIcon(_dot(colour))
            button.setText(text)
            button.setToolTip(f"{text}\nClick to {'hide' if visible else 'show'} its events")
            button.toggled.connect(lambda on, k=key: self.toggled.emit(k, on))
            self._layout.insertWidget(self._layout.count() - 1, button)
            self.buttons[key] = button
        row = self._scroll.widget()
        row.adjustSize()
        scrolls = row.sizeHint().width() > max(self.width(), 1)
        bar = self._scroll.horizontalScrollBar().sizeHint().height() if scrolls else 0
        self.setFixedHeight(row.sizeHint().height() + bar + 2)
        self.setVisible(len(entries) > 1)

    def texts(self) -> list[str]:
        return [b.text() for b in self.buttons.values()]


def _dot(colour: QColor, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)
