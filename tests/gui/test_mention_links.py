"""Two sources that date one happening differently: the window joins the two dates on the plot
(and in exported images), and the table says the sources disagree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from timeline_app.core.timeline import day_number
from timeline_app.gui.image_export import export_image

pytestmark = pytest.mark.gui

KREMLIN = ("MOSCOW, May 4, 2017 — Russian President Vladimir Putin and U.S. President Donald Trump spoke by "
           "phone on Tuesday, the Kremlin said.\n\nThe two leaders discussed the war in Syria.\n")
WHITE_HOUSE = ("WASHINGTON, May 5, 2017 — President Donald Trump and Vladimir Putin spoke by phone on Wednesday, "
               "the White House said, in a call about Syria.\n")


@pytest.fixture()
def two_sources(open_window, tmp_path: Path):
    a, b = tmp_path / "kremlin.txt", tmp_path / "whitehouse.txt"
    a.write_text(KREMLIN, encoding="utf-8")
    b.write_text(WHITE_HOUSE, encoding="utf-8")
    return open_window(tmp_path / "settings.ini", [str(a), str(b)])


def test_the_plot_joins_the_dates_two_sources_give_one_call(two_sources, tmp_path: Path) -> None:
    window = two_sources
    view = window.timeline_view
    (entry,) = [e for e in window.timeline.entries if e.event.mention_count == 2]
    assert entry.label.startswith("2 May 2017") and "sources disagree" in entry.label  # the table's Date column
    (link,) = view.mention_links.links
    assert link.key == entry.key and link.start == day_number(dt.date(2017, 5, 2))
    (other,) = link.others
    assert (other.start, other.label, other.doc) == (day_number(dt.date(2017, 5, 3)), "3 May 2017", 1)
    assert view.mention_links.visible() == [link]
    # the marker is in exported images: they change when it is not drawn
    with_marker = QImage(str(export_image(window, tmp_path / "with.png")))
    view.mention_links.setVisible(False)
    try:
        without = QImage(str(export_image(window, tmp_path / "without.png")))
    finally:
        view.mention_links.setVisible(True)
    assert with_marker.size() == without.size() and with_marker != without
    # typing 'disagree' in the filter finds it; events outside the filter lose their marker
    window.filter_edit.setText("disagree")
    assert view.shown_keys == {entry.key} and view.mention_links.visible() == [link]
    window.filter_edit.setText("Syria war")
    assert view.mention_links.visible() == []
    window.filter_edit.setText("")


def test_hovering_the_diamond_names_its_source_mention_and_date(two_sources, qtbot) -> None:
    window = two_sources
    view = window.timeline_view
    (link,) = view.mention_links.links
    (other,) = link.others
    # the diamond drawn at 3 May, where the White House dates the call
    ((_, _, own, at),) = view.mention_links.drawn()
    scene = view.view_box.mapToScene(at)
    text = view.hover_text(scene)
    assert text.startswith("3 May 2017: the date whitehouse.txt gives"), text
    assert "President Donald Trump and Vladimir Putin spoke by phone" in text  # the White House's own words
    assert "“Wednesday”: " in text  # and the expression that dates it, with how it was read
    assert "drawn at 2 May 2017 (kremlin.txt)" in text
    # a few pixels off the diamond is still the diamond; the event's own marker keeps the event's tooltip
    assert view.hover_text(view.view_box.mapToScene(at + type(at)(3, 2))) == text
    assert view.hover_text(view.view_box.mapToScene(own)).startswith(window.timeline.entries[link.key].title)
    # a click on the diamond selects the event
    window.select_entry(None)
    with qtbot.waitSignal(view.entryClicked, timeout=2000) as clicked:
        from PySide6.QtCore import QPoint, Qt as _Qt
        qtbot.mouseClick(view.viewport(), _Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene))
    assert clicked.args == [link.key]


def test_publication_lines_drawn_as_one_share_one_caption(two_sources, qapp) -> None:
    view = two_sources.timeline_view

    def captions() -> list[str]:
        view.viewport().repaint()
        qapp.processEvents()
        return [text for text, _ in view.labels.placement.captions]

    view.set_visible_range(day_number(dt.date(2017, 4, 28)), day_number(dt.date(2017, 5, 9)))
    assert captions() == ["published 4 May 2017", "published 5 May 2017"]  # a line each, a caption each
    view.view_box.setLimits(xMin=None, xMax=None, maxXRange=None)  # (as far out as a workspace spanning years)
    view.set_visible_range(day_number(dt.date(2010, 1, 1)), day_number(dt.date(2020, 1, 1)))
    assert view.visible_range()[1] - view.visible_range()[0] > 3000, view.visible_range()
    assert captions() == ["published 4–5 May 2017"]  # the two lines are one on screen: one caption says both
    view.fit_all()


def test_hovering_a_publication_caption_names_the_sources_published_then(two_sources, qapp) -> None:
    view = two_sources.timeline_view
    view.view_box.setLimits(xMin=None, xMax=None, maxXRange=None)
    view.set_visible_range(day_number(dt.date(2010, 1, 1)), day_number(dt.date(2020, 1, 1)))
    view.viewport().repaint()
    qapp.processEvents()
    ((text, (x0, y0, x1, y1)),) = view.labels.placement.captions
    assert text == "published 4–5 May 2017"
    from PySide6.QtCore import QPointF

    scene = view.view_box.mapToScene(QPointF((x0 + x1) / 2, (y0 + y1) / 2))
    assert view.hover_text(scene) == "published 4 May 2017: kremlin.txt\npublished 5 May 2017: whitehouse.txt"
    view.fit_all()
