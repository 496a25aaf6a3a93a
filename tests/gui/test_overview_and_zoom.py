"""The overview strip, toolbar zoom that stays on the events, zoom to selection, an empty article,
and a big timeline built in the background."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pytest

from timeline_app.core.lod import zoom_centre
from timeline_app.core.model import Extraction, PublicationDate
from timeline_app.core.timeline import day_number

pytestmark = pytest.mark.gui


def test_zoom_centre_never_picks_empty_space() -> None:
    centres = np.array([10.0, 11.0, 12.0, 500.0])
    assert zoom_centre(centres, 0, 1000) == 11.0  # the middle of the events in view, not 500
    assert zoom_centre(centres, 0, 1000, selected=500.0) == 500.0
    assert zoom_centre(centres, 100, 200) == 12.0  # nothing in view: the nearest event


def test_toolbar_zoom_in_three_times_keeps_events_in_view(window, qapp) -> None:
    view = window.timeline_view
    window.select_entry(None) if window.selected is None else None
    window.selected = None
    view.set_selected(None)
    view.fit_all()
    for _ in range(3):
        window.zoom_in_action.trigger()
        qapp.processEvents()
    x0, x1 = view.visible_range()
    assert np.any((view.centres >= x0) & (view.centres <= x1))


def test_overview_shows_the_whole_range_and_the_visible_window(window, qapp, qtbot) -> None:
    view = window.timeline_view
    view.set_visible_range(day_number(dt.date(2017, 4, 1)), day_number(dt.date(2017, 6, 1)))
    qapp.processEvents()
    overview = view.overview
    a, b = overview.region.getRegion()
    assert (round(a), round(b)) == (day_number(dt.date(2017, 4, 1)), day_number(dt.date(2017, 6, 1)))
    (f0, f1), _ = overview.box.viewRange()
    assert (f0, f1) == pytest.approx(view.full_range())
    xs, ys = overview.curve.getData()
    # the density counts every dated event, one of many days in each bin it spans (core.lod.density): the
    # sample article's events of a month or more are more than a bin of its range
    assert (ys > 0).sum() > len(set(np.floor((view.centres - f0) / (xs[1] - xs[0]))))
    assert ys.sum() > len(view.centres)
    # dragging the region moves the main view
    overview.region.setRegion((day_number(dt.date(2016, 1, 1)), day_number(dt.date(2016, 7, 1))))
    qapp.processEvents()
    x0, x1 = view.visible_range()
    assert (round(x0), round(x1)) == (day_number(dt.date(2016, 1, 1)), day_number(dt.date(2016, 7, 1)))
    # a brushed range zooms the main view to it
    overview.brush(day_number(dt.date(2014, 1, 1)), day_number(dt.date(2014, 12, 31)), done=True)
    assert [round(v) for v in view.visible_range()] == [day_number(dt.date(2014, 1, 1)),
                                                        day_number(dt.date(2014, 12, 31))]


def test_zoom_to_selection_shows_the_event_up_close(window, qapp) -> None:
    key = next(e.key for e in window.timeline.entries if e.title.startswith("Tillerson met with Putin"))
    window.select_entry(key)
    window.timeline_view.fit_all()
    window.zoom_selection_action.trigger()
    x0, x1 = window.timeline_view.visible_range()
    entry = window.timeline.entries[key]
    assert x0 < entry.start and entry.end < x1 and x1 - x0 < 30


def test_an_article_without_dates_says_so(open_window, tmp_path: Path, wait_until) -> None:
    article = tmp_path / "no-dates.txt"
    article.write_text("A cat sat on a mat. Nobody knows why it did so.\n", encoding="utf-8")
    window = open_window(tmp_path / "empty.ini", [str(article)])
    view = window.timeline_view
    assert view.empty_message.isVisible()
    assert view.empty_message.toPlainText().startswith("No dated events in this document.")
    assert not view.tray.isVisible()  # no vague events: no empty tray
    other = tmp_path / "no-dates-either.txt"
    other.write_text("A dog sat on a log.\n", encoding="utf-8")
    window.add_paths([str(other)])
    wait_until(lambda: not window.service.busy and len(window.documents) == 2)
    assert view.empty_message.toPlainText().startswith("No dated events in these documents.\nTheir texts may")


def test_a_big_timeline_is_built_in_the_background(open_window, tmp_path: Path, wait_until, qapp) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from synthetic import synthetic_extractions

    window = open_window(tmp_path / "big.ini", [])
    documents = synthetic_extractions(6000, documents=6)
    window.show_extractions(documents)
    assert window._building and window.progress_bar.isVisible()  # not built yet: the window is free
    assert "Building the timeline of 6,000 events" in window.statusBar().currentMessage()
    wait_until(lambda: not window._building, timeout=60)
    from timeline_app.core.timeline import build_timeline

    expected = len(build_timeline(documents, merge=True).entries)  # the window merges mentions of one happening
    assert len(window.timeline.entries) == expected and not window.progress_bar.isVisible()
    qapp.processEvents()
    assert window.timeline_view.painted_events == expected

    # a correction rebuilds it in the background too: the view stays where the user was, the event selected
    from timeline_app.core.workspace import Retitle

    view = window.timeline_view
    entry = window.timeline.entries[len(window.timeline.entries) // 2]
    view.set_visible_range(entry.start - 20, entry.start + 40)
    window.select_entry(entry.key)
    shown = view.visible_range()
    source = window.shown_sources[entry.doc].key
    assert window.push_edit(Retitle(source, entry.event.id, "Renamed in the big timeline"))
    assert window._building
    wait_until(lambda: not window._building, timeout=60)
    assert view.visible_range() == shown
    assert window.timeline.entries[window.selected].title == "Renamed in the big timeline"


def test_many_sources_never_widen_the_window_past_the_screen(open_window, tmp_path: Path, qapp) -> None:
    """Forty sources: the heading names those that fit and '+ N more', the legend scrolls sideways;
    the window and the plot keep their width (one legend row of 100 sources had made them 38,000 px)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from synthetic import synthetic_extractions

    window = open_window(tmp_path / "wide.ini", [])
    window.resize(1200, 800)
    window.show_extractions(synthetic_extractions(400, documents=40))
    for _ in range(5):
        qapp.processEvents()
    view = window.timeline_view
    assert window.width() <= 1200 and view.width() <= 1200 and view.view_box.width() <= 1200
    assert window.legend.isVisible() and len(window.legend.texts()) == 40
    heading = view.plot.titleLabel.text
    assert "more" in heading and heading.count("●") < 40


def test_the_window_opens_on_the_news_not_on_a_temple_of_the_eleventh_century(open_window, tmp_path: Path,
                                                                               qapp) -> None:
    """Four hundred events of 1975-2025 and one of the 11th century: the window opens on the events of 1975-2025
    (the far one would squeeze them into the last twentieth of the plot) and says that one is out of view;
    Fit All shows it."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from dataclasses import replace

    from synthetic import synthetic_extractions

    from timeline_app.core.dates.calendar import Day

    documents = synthetic_extractions(400, documents=4)
    first = documents[0]
    temple = replace(first.events[0], id="temple", title="Angkor Wat, the fabled 11th century temple",
                     earliest=Day(1001, 1, 1), latest=Day(1100, 12, 31), granularity="century")
    documents[0] = replace(first, events=(temple, *first.events[1:]))
    window = open_window(tmp_path / "outlier.ini", [])
    window.show_extractions(documents)
    for _ in range(5):
        qapp.processEvents()
    view = window.timeline_view
    x0, x1 = view.visible_range()
    assert x0 > day_number(Day(1900, 1, 1)) and x1 < day_number(Day(2040, 1, 1))  # the news fill the plot
    assert "1 event far from the others is out of view" in window.statusBar().currentMessage()
    window._finished(False)  # an article's extraction ends: its message had replaced this one, never seen
    assert window.statusBar().currentMessage() == ("400 events on the timeline; 1 event far from the others is "
                                                   "out of view: View > Fit All (0) shows it")
    view.fit_all()
    x0, x1 = view.visible_range()
    assert x0 < day_number(Day(1001, 1, 1))
    # saved at Fit All and opened again: the saved view comes back, and nothing is said to be out of view
    story = tmp_path / "outlier.timeline.json"
    window.workspace.saved_revision = -1  # (so that the save writes)
    assert window._save_to(str(story))
    again = open_window(tmp_path / "outlier-again.ini", [str(story)])
    for _ in range(5):
        qapp.processEvents()
    assert again.timeline_view.visible_range()[0] < day_number(Day(1001, 1, 1))
    assert "out of view" not in again.statusBar().currentMessage()


def _war_and_busy_century() -> list[Extraction]:
    """A short war of three overlapping campaigns (1800-1803) and, a century and a half later, a year of 30
    events at once: lanes are assigned over the whole timeline, so the year takes 30."""
    from timeline_app.core.model import Event, Timex

    def story(name: str, spans: list[tuple[dt.date, dt.date, str]]) -> Extraction:
        timexes, events = [], []
        for i, (a, b, title) in enumerate(spans):
            timexes.append(Timex(f"t{i}", 0, 4, "then", "DATE", str(a.year), a, b, "year"))
            events.append(Event(f"e{i}", title, (0, 4), (0, 4), (f"t{i}",), a, b, "year"))
        return Extraction(name, "then", timexes=tuple(timexes), events=tuple(events))

    war = story("war", [(dt.date(1800, 1, 1), dt.date(1801, 12, 31), "The first campaign of the war"),
                        (dt.date(1801, 1, 1), dt.date(1802, 12, 31), "The second campaign of the war"),
                        (dt.date(1801, 6, 1), dt.date(1803, 12, 31), "The last campaign of the war")])
    busy = story("busy", [(dt.date(1950, 1, 1), dt.date(1950, 12, 31), f"Happening number {i} of the year")
                          for i in range(30)])
    return [war, busy]


def test_a_zoom_on_one_war_fills_the_plot_with_its_lanes(qapp) -> None:
    """Zoomed on the war, its three lanes fill the plot (they had taken the top 3 of 30 lanes' room, the rest
    left empty), so its bars are far enough apart to be labelled; at Fit All all 30 lanes are in the plot."""
    from timeline_app.core.placement import check_placement
    from timeline_app.core.timeline import build_timeline
    from timeline_app.gui.timeline_view import TimelineView

    timeline = build_timeline(_war_and_busy_century())
    assert timeline.lanes == 30
    view = TimelineView()
    view.resize(1400, 700)
    view.show()
    view.set_timeline(timeline)
    view.fit_all()
    qapp.processEvents()
    assert view.lane_fit == (0, 29)
    view.set_visible_range(day_number(dt.date(1799, 6, 1)), day_number(dt.date(1804, 6, 1)))
    qapp.processEvents()
    assert view.lane_fit == (0, 2)
    box = view.view_box.sceneBoundingRect()
    lane_px = view.view_box.mapViewToScene(pg_point(0, 1)).y() - view.view_box.mapViewToScene(pg_point(0, 0)).y()
    assert lane_px > box.height() / 6  # three lanes over the plot, not 30
    bottom = view.view_box.mapViewToScene(pg_point(0, 2)).y()
    assert box.top() + box.height() / 2 < bottom < box.bottom()  # the last lane low in the plot, inside it
    view.viewport().repaint()
    labels = view.labels
    titled = {label.keys[0] for label in labels.placement.labels if label.kind == "event"}
    assert len(titled) == 3  # every campaign has its title
    assert check_placement(labels.markers, labels.placement, labels.geometry.box) == []
    view.set_visible_range(day_number(dt.date(1900, 1, 1)), day_number(dt.date(1910, 1, 1)))  # nothing there
    qapp.processEvents()
    assert view.lane_fit == (0, 2)  # the lanes stay as they were while a gap is panned across
    # a filter that hides the rest: the lanes of the events it shows fill the plot, those it hides give up theirs
    view.fit_all()
    late = [e.key for e in timeline.entries if e.lane >= 25]
    view.set_filter(set(late), hide=True)
    qapp.processEvents()
    assert view.lane_fit == (25, 29)
    view.set_filter(set(late), hide=False)  # dimmed, not hidden: every lane is drawn
    qapp.processEvents()
    assert view.lane_fit == (0, 29)
    view.close()


def pg_point(x: float, y: float):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)
