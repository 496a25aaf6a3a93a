"""Colours and legend entries of a workspace's sources."""

from __future__ import annotations

from PySide6.QtGui import QColor

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
