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


def _vague_story(per_kind: int):
    """A document of dated events and `per_kind` vague events told in each of past, present and future."""
    from timeline_app.core.model import Event, Extraction, Timex

    day = dt.date(2017, 5, 10)
    timexes = [Timex("t0", 0, 5, "today", "DATE", day.isoformat(), day, day, "day")]
    events = [Event("e0", "The talks began", (0, 5), (0, 5), ("t0",), day, day, "day")]
    for tense in ("past", "present", "future"):
        for i in range(per_kind):
            events.append(Event(f"{tense}{i}", f"The {tense} event number {i} of the talks", (0, 5), (0, 5), (),
                                None, None, "", tense=tense))
    return Extraction("vague", "today", timexes=tuple(timexes), events=tuple(events))


def test_vague_dots_too_close_for_one_row_of_titles_get_two(qapp) -> None:
    """Round 4 left the tray's titles out below 90 px per dot: six vague events in each of three columns
    at 1400 px (65 px each) had no title at all. Now every other title goes one line lower, the tray grows
    by that line, and titles stay inside their share and the tray, apart from each other."""
    from PySide6.QtGui import QFontMetricsF

    from timeline_app.core.timeline import build_timeline
    from timeline_app.gui.timeline_view import TRAY_HEIGHT, TimelineView

    view = TimelineView()
    view.resize(1400, 700)
    view.show()
    view.set_timeline(build_timeline([_vague_story(6)]))
    qapp.processEvents()
    titles = view.tray_titles
    assert len(titles) == 18 and view.tray.height() > TRAY_HEIGHT
    metrics = QFontMetricsF(view.font())
    tray = view.tray.sceneBoundingRect()
    glyphs = []  # (row top, left, right) of each title's text as drawn
    for t in titles:
        anchor = view.tray.mapViewToScene(t.pos())
        width = metrics.horizontalAdvance(t.toPlainText())
        glyphs.append((round(anchor.y()), anchor.x() - width / 2, anchor.x() + width / 2))
    rows = sorted({top for top, _, _ in glyphs})
    assert len(rows) == 2 and rows[1] - rows[0] >= metrics.height()
    assert tray.left() <= min(g[1] for g in glyphs) and max(g[2] for g in glyphs) <= tray.right()
    assert rows[1] + metrics.height() <= tray.bottom()
    for row in rows:  # titles of one row are apart from each other
        spans = sorted((left, right) for top, left, right in glyphs if top == row)
        assert all(a[1] + 4 <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(t.toPlainText().startswith("The ") for t in titles)
    view.resize(2400, 700)  # room for one row: the tray lays itself out again, at its own height
    qapp.processEvents()
    assert len(view.tray_titles) == 18 and view.tray.height() == TRAY_HEIGHT
    assert len({round(t.mapRectToScene(t.boundingRect()).top()) for t in view.tray_titles}) == 1
    view.resize(500, 700)  # 24 px per dot: no titles (the dots keep their tooltips)
    qapp.processEvents()
    assert view.tray_titles == [] and view.tray.height() == TRAY_HEIGHT
    view.close()


def test_denser_vague_dots_get_three_rows_of_titles_then_the_selected_ones_title(qapp) -> None:
    """Below 45 px per dot the tray had no titles at all (the 35 past events of the WikiWars histories). Ten
    dots a column at 1400 px (42 px each) now get three staggered rows; 35 a column get none, but the selected
    dot's title is shown under it, inside its column, as selecting one in the table or on the tray does."""
    from PySide6.QtGui import QFontMetricsF

    from timeline_app.core.timeline import build_timeline
    from timeline_app.gui.timeline_view import TRAY_HEIGHT, TimelineView

    view = TimelineView()
    view.resize(1400, 700)
    view.show()
    view.set_timeline(build_timeline([_vague_story(10)]))
    qapp.processEvents()
    metrics = QFontMetricsF(view.font())
    titles = view.tray_titles
    assert len(titles) == 30
    tops = sorted({round(t.mapRectToScene(t.boundingRect()).top()) for t in titles})
    assert len(tops) == 3 and view.tray.height() >= TRAY_HEIGHT + 2 * metrics.height()
    tray = view.tray.sceneBoundingRect()
    glyphs = []
    for t in titles:
        anchor = view.tray.mapViewToScene(t.pos())
        width = metrics.horizontalAdvance(t.toPlainText())
        glyphs.append((round(anchor.y()), anchor.x() - width / 2, anchor.x() + width / 2))
        assert anchor.y() + metrics.height() <= tray.bottom()
    for row in {g[0] for g in glyphs}:
        spans = sorted((left, right) for top, left, right in glyphs if top == row)
        assert all(a[1] + 4 <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(len(t.toPlainText()) >= 8 for t in titles)  # 'The past…' at least, not a letter or two

    view.set_timeline(build_timeline([_vague_story(35)]))
    qapp.processEvents()
    assert view.tray_titles == [] and not view.tray_pick.isVisible()
    past = [e for e in view.timeline.entries if e.is_vague and e.vague_kind == "past"]
    for entry in (past[0], past[17], past[-1]):
        view.set_selected(entry.key)
        qapp.processEvents()
        pick = view.tray_pick
        assert pick.isVisible() and pick.toPlainText().startswith("The past event number")
        box = pick.mapRectToScene(pick.boundingRect())
        column = view.tray.mapViewToScene(view.tray.viewRect().topLeft()).x(), \
            view.tray.mapViewToScene(view.tray.viewRect().topLeft()).x() + tray.width() / 3
        assert column[0] - 1 <= box.left() and box.right() <= column[1] + 1  # inside the past column
        dot = view.tray.mapViewToScene(pg_point(*view._tray_positions[entry.key])).x()
        assert box.left() - 1 <= dot <= box.right() + 1 or abs(box.center().x() - dot) < box.width()
    view.set_selected(None)
    assert not view.tray_pick.isVisible()
    view.close()


def test_vague_dots_that_would_overlap_go_on_in_rows_below(qapp) -> None:
    """35 past events in a third of a 650 px window were dots 6 px apart, 11 px wide: a smear. They now go on in
    up to three even rows, TRAY_DOT_PITCH apart, inside the tray and above the selected dot's title."""
    from timeline_app.core.timeline import build_timeline
    from timeline_app.gui.timeline_view import TRAY_DOT_PITCH, TRAY_HEIGHT, TimelineView

    view = TimelineView()
    view.show()
    for width, rows in ((1400, 2), (650, 3)):
        view.resize(width, 700)
        view.set_timeline(build_timeline([_vague_story(35)]))
        qapp.processEvents()
        past = [e for e in view.timeline.entries if e.is_vague and e.vague_kind == "past"]
        dots = [view.tray.mapViewToScene(pg_point(*view._tray_positions[e.key])) for e in past]
        tops = sorted({round(d.y()) for d in dots})
        assert len(tops) == rows and view.tray.height() >= TRAY_HEIGHT + (rows - 1) * TRAY_DOT_PITCH - 1
        counts = [sum(1 for d in dots if round(d.y()) == t) for t in tops]
        assert max(counts) - min(counts) <= 1  # even rows
        for t in tops:
            xs = sorted(d.x() for d in dots if round(d.y()) == t)
            assert min(b - a for a, b in zip(xs, xs[1:])) >= TRAY_DOT_PITCH - 0.5  # no dot over another
        tray = view.tray.sceneBoundingRect()
        assert all(tray.contains(d) for d in dots)
        view.set_selected(past[-1].key)
        qapp.processEvents()
        pick = view.tray_pick.mapRectToScene(view.tray_pick.boundingRect())
        assert pick.top() > max(d.y() for d in dots) and pick.bottom() <= tray.bottom() + 1
    view.close()


def test_a_publication_line_is_broken_where_a_title_stands_on_it(window, qapp) -> None:
    """A hundred articles' publication lines in three years ran through every title drawn there."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from timeline_app.core.placement import PlacedLabel, Placement

    labels = window.timeline_view.labels
    (x, caption), = labels.publications
    px, _ = labels.to_pixels(x, 0)
    box = (px - 40, 60.0, px + 40, 75.0)  # a title standing on the line
    image = QImage(int(px) + 100, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    labels._draw_publication_lines(painter, QRectF(0, 0, image.width(), 200),
                                   Placement(labels=[PlacedLabel("A title", box, (0,), 0, (0,), 1, 0, 0, "event")]))
    painter.end()

    def inked(y0: int, y1: int) -> int:
        return sum(QColor(image.pixel(c, y)).lightness() < 230 for y in range(y0, y1) for c in (int(px) - 1, int(px)))

    assert inked(62, 74) == 0  # nothing of the line behind the title
    assert inked(0, 55) > 0 and inked(80, 200) > 0  # the line above and below it

    def darkest(publications) -> int:  # the line's darkest pixel, drawn alone or among many
        saved, labels.publications = labels.publications, publications
        try:
            image.fill(QColor("white"))
            painter = QPainter(image)
            labels._draw_publication_lines(painter, QRectF(0, 0, image.width(), 200), None)
            painter.end()
        finally:
            labels.publications = saved
        return min(QColor(image.pixel(c, y)).lightness() for y in range(200) for c in (int(px) - 1, int(px)))

    from timeline_app.gui.timeline_view import CROWDED_LINES

    crowd = [(x, caption)] + [(x + 0.3 * i, caption) for i in range(1, CROWDED_LINES + 4)]  # 150 tweets' lines
    assert darkest(crowd) > darkest([(x, caption)]) + 40  # many lines in view are drawn faint


def pg_point(x: float, y: float):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_a_narrowed_view_lays_the_plot_out_at_its_new_width(qapp) -> None:
    """Narrowing the window left the plot as wide as before, cut off at the right: the heading, made for the
    old width, held the layout's minimum until after the base class had laid the plot out."""
    from timeline_app.core.timeline import build_timeline
    from timeline_app.gui.timeline_view import TimelineView

    view = TimelineView()
    view.resize(1400, 600)
    view.show()
    view.set_timeline(build_timeline([_vague_story(1)]), title="A long headline of a long story " * 10)
    qapp.processEvents()
    assert view.plot.sceneBoundingRect().width() > 1300
    view.resize(1000, 600)
    qapp.processEvents()
    assert view.plot.sceneBoundingRect().right() <= 1001
    assert view.view_box.sceneBoundingRect().right() <= 1000
    assert view.plot.titleLabel.text.endswith("…")
    view.close()


def test_a_cut_title_cut_again_ends_in_one_ellipsis(qapp) -> None:
    """A guessed title already ends in "…"; cut to the view's width with its publication date, the heading said
    "… today for… …"."""
    from timeline_app.core.timeline import build_timeline
    from timeline_app.gui.timeline_view import TimelineView

    heading = "When the minister arrives in Washington today for… — published 10 May 2017"
    view = TimelineView()
    view.show()
    view.set_timeline(build_timeline([_vague_story(1)]), title=heading)
    shown = set()
    for width in range(300, 800, 6):
        view.resize(width, 600)
        qapp.processEvents()
        shown.add(view.plot.titleLabel.item.toPlainText())
    assert heading in shown and len(shown) > 5
    for text in shown:
        assert text == heading or not text.rstrip("…").rstrip().endswith(("…", "—")), text
    view.close()
