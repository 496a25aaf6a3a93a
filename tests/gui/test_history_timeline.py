"""A timeline of the Greco-Persian wars draws, zooms and exports like a 2017 one; the Document
menu switches a document's anchoring policy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from timeline_app.core.dates.calendar import Day
from timeline_app.core.timeline import date_ticks, day_number

pytestmark = pytest.mark.gui

HISTORY = """The Greco-Persian Wars

The Ionian Revolt began in 499 BC and ended with the fall of Miletus in 494 BC. In 490 BC the
Athenians defeated the Persians at Marathon. In August 480 BC the Persians reached Thermopylae;
three days later the pass fell. In September 480 BC the Greek fleet won at Salamis, and in 479 BC
the Greeks won at Plataea. The wars ended with the Peace of Callias in 449 BC.
"""

NARRATIVE = """In May 1940, Germany invaded France. On June 10, Italy declared war. Twelve days later,
France signed an armistice.
"""


def test_bc_axis_names_its_era():
    x0, x1 = day_number(Day(-500, 1, 1)), day_number(Day(100, 1, 1))
    labels = [label for _, label in date_ticks(x0, x1, 1200)[0]]
    assert "500 BC" in labels and "AD 1" in labels and "100 BC" in labels
    x0, x1 = day_number(Day(-3, 1, 1)), day_number(Day(3, 1, 1))
    labels = [label for _, label in date_ticks(x0, x1, 1200)[0]]
    assert labels[labels.index("Jan 1 BC") + 2] == "Jan AD 1"  # 1 BC is followed by AD 1: no year 0


def test_window_draws_and_exports_a_bc_timeline(open_window, tmp_path: Path) -> None:
    article = tmp_path / "greco_persian.txt"
    article.write_text(HISTORY)
    window = open_window(tmp_path / "history.ini", [str(article)])
    entries = window.timeline.dated
    assert entries and all(e.event.latest < Day(1, 1, 1) for e in entries)
    assert any(e.label == "August 480 BC" for e in window.timeline.entries)
    window.timeline_view.fit_all()
    window.timeline_view.zoom(0.5)  # zooming a BC range must not fail
    from timeline_app.gui.image_export import export_image

    out = export_image(window, str(tmp_path / "bc.png"), 1600)
    image = QImage(str(out))
    assert image.width() == 1600 and not image.isNull()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 8  # drawn, not a blank image


def _axis_texts(view) -> list[str]:
    """The tick labels the date axis draws now (pyqtgraph leaves out those that would stick out)."""
    from PySide6.QtGui import QPainter

    image = QImage(view.width(), 60, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        return [text for _, _, text in view.axis.generateDrawSpecs(painter)[2]]
    finally:
        painter.end()


@pytest.mark.parametrize("first, last", [
    (Day(-479, 8, 10), Day(-479, 8, 20)),  # days of August 480 BC, the range starting on a tick
    (Day(-479, 7, 1), Day(-479, 12, 31)),  # months of 480 BC
    (Day(1940, 6, 1), Day(1940, 12, 31)),  # months of 1940: AD years stay plain
])
def test_zoomed_axis_says_year_and_era(open_window, tmp_path: Path, first, last) -> None:
    article = tmp_path / "greco_persian.txt"
    article.write_text(HISTORY if first.year < 1 else NARRATIVE)
    window = open_window(tmp_path / "axis.ini", [str(article)])
    view = window.timeline_view
    view.set_visible_range(day_number(first), day_number(last))
    texts = _axis_texts(view)
    assert len(texts) >= 3
    era = " BC" if first.year < 1 else ""
    year = f"{1 - first.year}{era}" if first.year < 1 else str(first.year)
    assert any(t.endswith(year) for t in texts), texts  # a reader zoomed in can tell which year this is
    assert all(t.endswith(" BC") for t in texts if t.endswith(("480", "479"))), texts  # never a bare BC year


def test_export_cli_far_future_exits_cleanly(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text("The ship will return next month.\n")
    done = subprocess.run([sys.executable, "-m", "timeline_app", "export", "m.txt", "--published", "9999-11-20",
                           "-o", "m.png"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr  # was a segmentation fault (139) in date_ticks
    assert QImage(str(tmp_path / "m.png")).width() > 0


def test_document_menu_switches_anchoring(open_window, tmp_path: Path, wait_until) -> None:
    article = tmp_path / "narrative.txt"
    article.write_text(NARRATIVE)
    window = open_window(tmp_path / "anchoring.ini", [str(article)])
    labels = [a.text() for a in window.anchoring_menu.actions()]
    assert [l.replace("&", "").split()[0] for l in labels] == ["Auto", "News:", "Narrative:"]
    june = next(t for t in window.documents[0].timexes if t.text == "June 10")
    assert window.documents[0].anchoring == "auto" and june.value == "1940-06-10"
    window.set_publication_date(__import__("datetime").date(2009, 12, 19))
    wait_until(lambda: not window.service.busy and bool(window.documents))
    window.set_anchoring("news")
    wait_until(lambda: not window.service.busy and bool(window.documents))
    june = next(t for t in window.documents[0].timexes if t.text == "June 10")
    assert window.documents[0].anchoring == "news" and june.value == "2009-06-10"
    window.anchoring_menu.aboutToShow.emit()
    assert window.anchoring_actions["news"].isChecked()


AMERICAN_WAR = """The American Revolutionary War

BOSTON, December 19, 2009 — In April 1775 British troops marched on Lexington and Concord. In June 1775 the British took Bunker
Hill. In July 1776 Congress declared independence. In October 1777 Burgoyne surrendered at Saratoga.
In October 1781 Cornwallis surrendered at Yorktown, and in September 1783 the Treaty of Paris ended the war.
"""


def test_fit_all_shows_a_history_not_the_day_it_was_published(open_window, tmp_path: Path, qapp, wait_until) -> None:
    import datetime as dt

    article = tmp_path / "american_war.txt"
    article.write_text(AMERICAN_WAR)
    window = open_window(tmp_path / "fit.ini", [str(article)])
    assert window.timeline.documents[0].published.date == dt.date(2009, 12, 19)  # (from the dateline)
    view = window.timeline_view
    view.fit_all()
    x0, x1 = view.visible_range()
    assert day_number(Day(1775, 4, 1)) >= x0 and day_number(Day(1783, 10, 1)) <= x1  # every event in view
    assert x1 - x0 < 20 * 365  # and the war fills the plot, not 1775-2009
    view.viewport().repaint()
    qapp.processEvents()
    captions = [text for text, _ in view.labels.placement.captions]
    assert captions == ["published 19 December 2009 →"]  # the publication date, out of view, is still said
    from PySide6.QtGui import QFontMetricsF

    _, args = view.labels._inputs(QFontMetricsF(view.labels.font))
    arrowed = next(c for c in args[6] if c.text.endswith("→"))
    assert arrowed.shorter and all("2009" in form for form in arrowed.shorter)  # short, never without its year
    view.set_visible_range(day_number(Day(2009, 1, 1)), day_number(Day(2010, 12, 31)))  # and can be panned to
    assert view.visible_range()[0] == pytest.approx(day_number(Day(2009, 1, 1)), abs=1)


STORY_NOW = """The Punic Wars

In 264 BC the Romans sent a garrison to Messina. With the two powers now embroiled in a local conflict,
the war spread to all of Sicily. In 260 BC Rome built a fleet of a hundred ships.
"""


def _underline_at(passage, offset: int):
    """The underline style the passage draws under the expression at `offset`."""
    from timeline_app.gui.passage_view import ROLE, TIMEX

    for s in passage.extraSelections():
        if s.format.property(ROLE) == TIMEX and \
                s.cursor.selectionStart() <= offset < s.cursor.selectionEnd():
            return s.format.underlineStyle()
    return None


def test_a_narrative_now_is_underlined_and_told_as_the_dated_story_present(open_window, tmp_path: Path,
                                                                           sample_extraction) -> None:
    """'now' in a history is read as the story's present, 264 BC: the passage draws it as a dated
    expression (solid), not as a vague word (dashed), and its tooltip says when."""
    from PySide6.QtGui import QTextCharFormat

    from timeline_app.core.timeline import timex_tooltip

    article = tmp_path / "punic.txt"
    article.write_text(STORY_NOW)
    window = open_window(tmp_path / "now.ini", [str(article)])
    doc = window.timeline.documents[0]
    now = next(t for t in doc.timexes if t.text == "now")
    entry = next(k for k, e in enumerate(window.timeline.entries) if now in e.timexes)
    window.select_entry(entry)
    assert window.timeline.entries[entry].label == "264 BC"
    assert _underline_at(window.passage, now.start) == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert timex_tooltip(now).startswith("“now” → the story's present, 264 BC  [TimeML PRESENT_REF]")
    # a vague word of a news article keeps its dashed underline
    window.passage.set_document(sample_extraction)
    vague = next(t for t in sample_extraction.timexes if t.is_vague and t.earliest is None)
    assert _underline_at(window.passage, vague.start) == QTextCharFormat.UnderlineStyle.DashUnderline
