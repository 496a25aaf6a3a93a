"""Document > Set Publication Date: relative dates move with the date the user gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def _strike(window):
    return next(e.event for e in window.timeline.entries if e.event.title.startswith("Trump ordered"))


def test_override_moves_relative_dates_and_can_be_undone(open_window, tmp_path: Path, wait_until) -> None:
    window = open_window(tmp_path / "published.ini")
    assert _strike(window).earliest == dt.date(2017, 4, 1)  # 'last month' from 10 May 2017 (URL)

    window.set_publication_date(dt.date(2018, 1, 15))
    wait_until(lambda: not window.service.busy and bool(window.documents))
    assert window.documents[0].published.source == "option"
    assert (_strike(window).earliest, _strike(window).latest) == (dt.date(2017, 12, 1), dt.date(2017, 12, 31))
    assert "15 January 2018" in window.published_label.toolTip() + window.published_label.text() or \
        "2018-01-15" in window.published_label.toolTip() + window.published_label.text()

    window.set_publication_date(None)
    wait_until(lambda: not window.service.busy and bool(window.documents))
    assert window.documents[0].published.source == "url"
    assert _strike(window).earliest == dt.date(2017, 4, 1)


def test_dialog_offers_the_found_date_first(open_window, tmp_path: Path) -> None:
    from timeline_app.gui.main_window import PublicationDateDialog

    window = open_window(tmp_path / "dialog.ini")
    dialog = PublicationDateDialog(window, dt.date(2017, 5, 10), overridden=False)
    assert dialog.chosen_date() is None and not dialog.date_edit.isEnabled()
    dialog.given.setChecked(True)
    assert dialog.date_edit.isEnabled() and dialog.chosen_date() == dt.date(2017, 5, 10)


def test_the_dialog_says_what_date_was_found_and_where(open_window, tmp_path: Path, monkeypatch) -> None:
    """The first choice had said only "The date found in the document (URL, dateline, HTML, file name)": a
    Word file's creation date taken for a publication date of 2013 was not seen for a guess there."""
    from timeline_app.gui.main_window import PublicationDateDialog

    window = open_window(tmp_path / "found.ini")
    shown = []
    monkeypatch.setattr(PublicationDateDialog, "exec", lambda d: shown.append(d.found.text()) or 0)
    window.publication_dialog()
    assert shown == ["The date found in the document: 10 May 2017 (from the URL)"]


def test_a_date_typed_over_a_selection_is_taken_and_the_window_says_who_gave_it(open_window, tmp_path: Path,
                                                                                  qtbot, wait_until) -> None:
    from timeline_app.gui.main_window import PublicationDateDialog

    window = open_window(tmp_path / "typed.ini")
    dialog = PublicationDateDialog(window, dt.date(2017, 5, 10), overridden=True)
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "2018-01-15")
    assert dialog.chosen_date() == dt.date(2018, 1, 15)
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "15 January 2018")
    assert dialog.chosen_date() == dt.date(2018, 1, 15)
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "soon")
    dialog.accept()
    assert "is not a date" in dialog.error.text() and dialog.result() == 0  # not accepted: the user can fix it

    window.set_publication_date(dt.date(2018, 1, 15))
    wait_until(lambda: not window.service.busy and bool(window.documents))
    shown = window.published_label.text() + window.published_label.toolTip() + window.passage_header.text()
    assert "--published" not in shown and "Set Publication Date" in shown


def test_a_document_without_a_date_says_where_to_give_one(open_window, tmp_path: Path, wait_until) -> None:
    """'publication date unknown' alone left the user to find out why 'last week' stays unresolved."""
    article = tmp_path / "memo.txt"
    article.write_text("The board met last week. It approved the merger on 3 March 2015.\n", encoding="utf-8")
    window = open_window(tmp_path / "undated.ini", [str(article)])
    header = window.passage_header.text()
    assert "publication date unknown" in header and "Document > Set Publication Date" in header
    window.set_publication_date(dt.date(2015, 3, 10))
    wait_until(lambda: not window.service.busy and bool(window.documents))
    header = window.passage_header.text()
    assert "published 10 March 2015" in header and "reads 'last week'" not in header
