"""Opening a JSON Lines extraction in the window, and many events drawn as clusters that split on zoom."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline_app.core.model import Event, Extraction, Timex
from timeline_app.core.timeline import build_timeline, day_number

pytestmark = pytest.mark.gui


def test_window_opens_a_jsonl_extraction_without_nlp(open_window, sample_extraction, sample_path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.core.corpus import extract_corpus
    from timeline_app.core.nlp import load_model

    out = tmp_path / "out.jsonl"
    extract_corpus([sample_path], out, load_model())
    window = open_window(tmp_path / "settings.ini", [str(out)])
    assert not window.service.busy  # nothing was submitted to the NLP worker
    assert len(window.timeline.entries) == len(sample_extraction.events)
    assert window.documents[0].text == sample_extraction.text
    view = window.timeline_view
    drawn = len(view.points.keys) + view.clusters.count.sum() + view.bars.count + len(view.tray_items.data)
    assert drawn == len(sample_extraction.events)
    assert view.painted_events == len(sample_extraction.events)


def test_a_missing_text_is_a_clear_message_in_the_window(open_window, sample_extraction, tmp_path: Path) -> None:
    import json

    gone = dict(sample_extraction.to_dict(), path=str(tmp_path / "moved.txt"))
    out = tmp_path / "gone.jsonl"
    out.write_text(json.dumps(gone) + "\n", encoding="utf-8")
    window = open_window(tmp_path / "settings.ini", [str(out)])
    assert "is gone" in window.statusBar().currentMessage()


def _many(n: int) -> Extraction:
    """`n` one-day events, one every 3 days from 2000 on."""
    timexes, events = [], []
    for i in range(n):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=3 * i)
        timexes.append(Timex(f"t{i}", 0, 4, "then", "DATE", day.isoformat(), day, day, "day"))
        events.append(Event(f"e{i}", f"event {i}", (0, 4), (0, 4), (f"t{i}",), day, day, "day"))
    return Extraction("many", "then", timexes=tuple(timexes), events=tuple(events))


def test_dense_events_are_counted_clusters_that_split_as_you_zoom_in(qapp, qtbot) -> None:
    from timeline_app.gui.timeline_view import TimelineView

    view = TimelineView()
    view.resize(1600, 900)
    view.show()
    view.set_timeline(build_timeline([_many(3000)]))
    qapp.processEvents()
    singles = len(view.points.keys)
    assert view.clusters.count.sum() + singles == 3000  # nothing lost at full zoom-out
    assert len(view.clusters.count) > 0 and singles < 300
    assert len(view.labels.placement.labels) < 300  # labels only where they can fit
    # clicking a cluster zooms in on its events
    from PySide6.QtCore import QPointF, Qt

    px, py, _, index = view.clusters.pixels()
    first, last = view.clusters.first[index[0]], view.clusters.last[index[0]]
    x0, x1 = view.visible_range()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(view.view_box.mapToScene(QPointF(px[0], py[0]))))
    z0, z1 = view.visible_range()
    assert z1 - z0 < (x1 - x0) / 4 and z0 <= first and last <= z1
    start = day_number(dt.date(2001, 1, 1))
    view.set_visible_range(start, start + 60)
    qapp.processEvents()
    assert len(view.clusters.count) == 0  # a day is wide enough: every event on its own
    assert len(view.points.keys) >= 20
    image = view.grab().toImage()
    assert image.width() == 1600
    view.close()


def test_big_timelines_are_labelled_once_the_view_rests_and_keep_the_guarantee(qapp, qtbot) -> None:
    """Over BACKGROUND_PLACEMENT events the labels are placed in a worker after the view rests: a zoom
    never waits for them, stale labels are never drawn, and the ones that come keep the guarantee."""
    from PySide6.QtGui import QFontMetricsF

    from timeline_app.core.placement import check_placement
    from timeline_app.gui.timeline_view import BACKGROUND_PLACEMENT, TimelineView

    view = TimelineView()
    view.resize(1400, 700)
    view.show()
    view.set_timeline(build_timeline([_many(BACKGROUND_PLACEMENT + 1000)]))
    labels = view.labels

    def placed_for_this_view() -> bool:
        qapp.processEvents()
        return labels.geometry == labels.geometry_now() and bool(labels.placement.labels)

    for step in (None, 0.25, 0.25):
        if step is not None:
            view.zoom(step)
            view.viewport().repaint()
            # moved: no placement for this view yet, and none is worked out on the GUI thread
            assert labels.place(QFontMetricsF(labels.font), background=True) is None
        qtbot.waitUntil(placed_for_this_view, timeout=20000)
        assert check_placement(labels.markers, labels.placement, labels.geometry.box) == []
        drawn = set(view.points.keys.tolist())  # each labelled event is one drawn on its own
        assert all(label.keys[0] in drawn or label.kind != "event" for label in labels.placement.labels)
    view.close()
