"""The placement guarantee on the real view: the sample article at several zooms and in exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline_app.core.placement import check_placement
from timeline_app.core.timeline import day_number

pytestmark = pytest.mark.gui


def _painted_placement(window, qapp):
    view = window.timeline_view
    view.viewport().repaint()
    qapp.processEvents()
    labels = view.labels
    return labels.markers, labels.placement, labels.geometry


@pytest.mark.parametrize("span", [None, ("2017-04-01", "2017-06-01"), ("2017-04-28", "2017-05-12"),
                                  ("2014-01-01", "2015-01-01"), ("2016-01-01", "2018-01-01")])
def test_labels_keep_the_guarantee_on_the_sample_article(window, qapp, span) -> None:
    view = window.timeline_view
    if span is None:
        view.fit_all()
    else:
        view.set_visible_range(*(day_number(dt.date.fromisoformat(d)) for d in span))
    markers, placement, geometry = _painted_placement(window, qapp)
    assert markers
    assert check_placement(markers, placement, geometry.box) == []
    # an event label names an event whose marker is the one it is anchored to
    for label in placement.labels:
        if label.kind == "event":
            assert window.timeline.entries[label.keys[0]].title.startswith(label.text.rstrip("…"))


def test_week_events_at_fit_all_are_not_labelled_with_another_events_title(window, qapp) -> None:
    view = window.timeline_view
    view.fit_all()
    markers, placement, _ = _painted_placement(window, qapp)
    for label in placement.labels:
        marker = markers[label.anchor]
        if label.kind == "event":
            assert marker.key == label.keys[0] and marker.count == 1


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_exports_keep_the_guarantee(window, qapp, tmp_path: Path, suffix: str) -> None:
    from timeline_app.gui.image_export import export_image

    export_image(window, tmp_path / f"t{suffix}", 1800)
    labels = window.timeline_view.labels
    assert check_placement(labels.markers, labels.placement, labels.geometry.box) == []
    assert labels.placement.labels


def test_exports_leave_the_selection_highlight_out(window, qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from timeline_app.gui.image_export import export_image

    key = next(e.key for e in window.timeline.entries if e.title.startswith("Tillerson met with Putin"))
    window.select_entry(key)
    selected = window.timeline_view.colors.selected
    on_screen = window.timeline_view.grab().toImage()

    def orange(image: QImage) -> int:
        return sum(image.pixelColor(x, y) == selected for x in range(0, image.width(), 2)
                   for y in range(0, image.height(), 2))

    assert orange(on_screen) > 0
    export_image(window, tmp_path / "t.png", 1400, visible_only=True)
    assert orange(QImage(str(tmp_path / "t.png"))) == 0
    assert window.timeline_view.selected == key  # the window still shows it selected
