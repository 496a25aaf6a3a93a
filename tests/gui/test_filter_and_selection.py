"""The filter acts on the timeline and the count; table and timeline agree on the selected event."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

pytestmark = pytest.mark.gui


def _drawn_keys(view) -> set[int]:
    keys = set()
    for points, bars in (view.layers,):
        for _, k in points.values():
            keys |= set(k.tolist())
        for _, _, k in bars.values():
            keys |= set(k.tolist())
    return keys | set(view._tray_positions)


def test_the_filter_dims_or_hides_events_on_the_timeline_and_counts_them(window, qapp) -> None:
    view = window.timeline_view
    total = len(window.timeline.entries)
    window.filter_edit.setText("Tillerson")
    qapp.processEvents()
    matching = {e.key for e in window.timeline.entries if "tillerson" in window.timeline.sentence_text(e).lower()
                or "tillerson" in e.title.lower()}
    assert view.shown_keys is not None and view.shown_keys >= {k for k in matching if k in view.shown_keys}
    shown = view.shown_keys
    assert 0 < len(shown) < total
    assert window.filter_count.text() == f"{len(shown)} of {total} match"  # beside the filter field
    assert window.filter_count.toolTip() == f"{len(shown)} of {total} events match the filter"
    assert "match" not in window.counts_label.text()  # the status bar counts the shown document's events
    # dimmed: every event still drawn, only the matching ones in the normal layer and labelled
    dated_shown = {k for k in shown if not window.timeline.entries[k].is_vague}
    assert _drawn_keys(view) - set(view._tray_positions) == dated_shown
    view.viewport().repaint()
    qapp.processEvents()
    assert all(k in shown for label in view.labels.placement.labels for k in label.keys if label.kind == "event")
    assert len(view.dim_points.keys) + view.dim_clusters.count.sum() + view.dim_bars.count > 0
    # hidden: the others are not drawn at all
    window.hide_filtered_action.setChecked(True)
    window._filter_changed()
    assert view.dim_bars.count == 0 and len(view.dim_points.keys) == 0 and not view.dim_layers[0]
    assert set(view._tray_positions) <= shown
    window.filter_edit.clear()
    window.hide_filtered_action.setChecked(False)
    window._filter_changed()
    assert view.shown_keys is None and window.filter_count.text() == ""
    assert len(_drawn_keys(view)) == total


def test_clicking_a_partly_hidden_row_selects_that_row_everywhere(window, qapp, qtbot) -> None:
    table = window.table
    window.splitter.setSizes([560, 260])
    qapp.processEvents()
    table.scrollToTop()
    qapp.processEvents()
    viewport = table.viewport()
    y = viewport.height() - 3  # the bottom row, only partly in view
    row = table.rowAt(y)
    assert row >= 0 and table.visualRect(table.model().index(row, 0)).bottom() > viewport.height()
    key = table.model().index(row, 0).data(Qt.ItemDataRole.UserRole + 1)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(40, y))
    qapp.processEvents()
    assert window.selected == key
    assert table.selected_entry() == key
    assert window.timeline_view.selected == key


def test_the_filter_dims_the_vague_events_it_leaves_out_in_the_tray(window, qapp) -> None:
    view = window.timeline_view
    vague = [e for e in window.timeline.entries if e.is_vague]
    assert vague
    window.filter_edit.setText(vague[0].title)
    qapp.processEvents()
    keys = list(view.tray_items.data["data"])
    colour = {k: view.tray_items.data["brush"][i].color().name() for i, k in enumerate(keys)}
    kept = [k for k in keys if k in view.shown_keys]
    left_out = [k for k in keys if k not in view.shown_keys]
    assert vague[0].key in kept
    assert left_out and {colour[k] for k in left_out}.isdisjoint(colour[k] for k in kept)  # dimmed, as on the plot
    window.filter_edit.clear()
    qapp.processEvents()
    assert len({view.tray_items.data["brush"][i].color().name() for i in range(len(keys))}) == 1  # all alike again
