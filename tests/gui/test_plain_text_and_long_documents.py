"""Text from documents is shown as text, never as markup; long documents show progress and stop."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtGui import QImage, QTextDocument

from timeline_app.core import pipeline
from timeline_app.core.timeline import build_timeline
from timeline_app.gui.event_table import EventTable
from timeline_app.gui.image_export import export_image
from timeline_app.gui.timeline_view import TimelineView

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def markup_article(tmp_path_factory, qapp):
    """An article whose first line is HTML pointing at a local picture (pure red)."""
    folder = tmp_path_factory.mktemp("markup")
    picture = folder / "local.png"
    image = QImage(300, 120, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    image.save(str(picture))
    article = folder / "article.txt"
    article.write_text(f'<img src="{picture}" width=600> <b>Bold</b> headline\n\n'
                       "The ministers met in Geneva on May 2, 2017. Talks resume next month.\n", encoding="utf-8")
    from timeline_app.core.nlp import load_model

    return pipeline.extract_file(article, None, nlp=load_model())


def _red_pixels(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) & 0xFFFFFF == 0xFF0000)


def test_a_title_made_of_markup_is_drawn_as_its_characters_in_the_view_and_exports(qapp, markup_article, tmp_path):
    timeline = build_timeline([markup_article])
    title = timeline.title()
    assert "<b>Bold</b>" in title
    view = TimelineView()
    view.resize(1200, 600)
    view.set_timeline(timeline, title)
    view.show()
    qapp.processEvents()
    assert view.plot.titleLabel.item.toPlainText() == title  # the characters, not a picture and bold
    png = export_image(view, tmp_path / "t.png")
    assert _red_pixels(QImage(str(png))) == 0  # the local picture is not drawn
    svg = ET.fromstring((export_image(view, tmp_path / "t.svg")).read_bytes())
    assert svg.find(f"{SVG}title").text == title
    assert not list(svg.iter(f"{SVG}image"))
    view.close()


def _as_qt_shows_it(tip: str) -> str:
    """The characters a tooltip displays: Qt takes it as rich text when it looks like markup."""
    if not QtGuiNamespace.mightBeRichText(tip):
        return tip
    shown = QTextDocument()
    shown.setHtml(tip)
    return shown.toPlainText()


@pytest.mark.parametrize("title", ['<img src="/etc/x.png"> claims', "<b>Bold</b> claim", "a < b & c > d"])
def test_tooltips_show_titles_as_written(qapp, title):
    import datetime as dt

    from timeline_app.core.model import Event, Extraction, PublicationDate, Timex

    day = dt.date(2017, 5, 2)
    text = f"{title} on May 2, 2017."
    timex = Timex("t1", len(title) + 4, len(text) - 1, "May 2, 2017", "DATE", "2017-05-02", day, day, "day")
    event = Event("e1", title, (0, 3), (0, len(text)), ("t1",), day, day, "day")
    doc = Extraction("doc", text, None, title, PublicationDate(day, "option"), (timex,), (event,))
    timeline = build_timeline([doc])
    table = EventTable()
    table.set_timeline(timeline)
    tip = table.model().data(table.model().index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert _as_qt_shows_it(tip) == timeline.tooltip(timeline.entries[0])
    assert _as_qt_shows_it(tip).startswith(title)


def test_a_long_document_shows_progress_in_characters_and_can_be_cancelled_midway(
        open_window, settings_path, sample_path, tmp_path, wait_until, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 2000)  # the sample in ~10 chunks instead of 20,000-char ones
    text = sample_path.read_text(encoding="utf-8")
    long_article = tmp_path / "long_2017-05-10.txt"
    long_article.write_text("\n\n".join([text] * 4), encoding="utf-8")
    window = open_window(settings_path, [])
    progress: list[tuple[str, int, int]] = []
    window.service.progress.connect(lambda message, done, total: progress.append((message, done, total)))
    window.open_paths([str(long_article)])
    wait_until(lambda: not window.service.busy, 180)
    characters = [p for p in progress if "characters" in p[0]]
    assert characters and characters[-1][1] == characters[-1][2] == len(long_article.read_text())
    assert window.progress_bar.isHidden() and len(window.documents) == 1

    stops: list[bool] = []
    window.service._job.finished.connect(lambda request, cancelled: stops.append(cancelled))
    progress.clear()
    window.service.progress.connect(lambda message, done, total: window.cancel_loading()
                                    if "characters" in message and 0 < done < total else None)
    window.open_paths([str(long_article)])
    wait_until(lambda: bool(stops), 180)
    assert stops == [True]  # the worker itself stopped inside the document
    done_chars = [p[1] for p in progress if "characters" in p[0]]
    assert max(done_chars) < len(long_article.read_text())
    assert window.documents == [] and window.statusBar().currentMessage() == "Cancelled"


def test_export_errors_say_error(qapp, tmp_path, capsys):
    from timeline_app.gui.image_export import export_cli

    assert export_cli([], str(tmp_path / "x.gif"), None, None, None) == 1
    assert capsys.readouterr().err.startswith("timeline-app: error: ")
