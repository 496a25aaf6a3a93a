"""The window on three sources: colours and legend, corrections with undo, save/reopen, autosave restore."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tests.gui.articles import write_articles
from timeline_app.core.workspace import ChangeDate, Delete, open_workspace

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def articles(tmp_path_factory, sample_path) -> list[str]:
    folder = tmp_path_factory.mktemp("articles")
    return [str(sample_path)] + [str(p) for p in write_articles(folder)]


@pytest.fixture(autouse=True)
def private_data_folder(qapp):
    """Autosaves go to ~/.qttest, not the user's data folder; under the app's own name, as in a real session."""
    from timeline_app.gui.app import application

    names = qapp.organizationName(), qapp.applicationName()
    application()
    QStandardPaths.setTestModeEnabled(True)
    yield
    QStandardPaths.setTestModeEnabled(False)
    qapp.setOrganizationName(names[0])
    qapp.setApplicationName(names[1])


def _entry(window, title_start: str):
    return next(e for e in window.timeline.entries if e.title.startswith(title_start))


def _key_of(window, entry) -> str:
    return window.shown_sources[entry.doc].key


def _discard_on_close(window) -> None:
    window.ask_save = lambda doing: QMessageBox.StandardButton.Discard


def test_three_sources_have_colours_a_legend_and_their_own_publication_lines(open_window, tmp_path, articles):
    window = open_window(tmp_path / "three.ini", articles)
    _discard_on_close(window)
    assert len(window.workspace.sources) == 3
    legend = window.legend.texts()
    assert window.legend.isVisible()
    assert legend[0].startswith("000_5c7e1887aa53ff4b.txt · 10 May 2017 · ")
    assert legend[1].startswith("reuters_brexit.txt · 14 March 2019 · 9 events")
    assert legend[2].startswith("guardian_storm.txt · 10 February 2020 · ")
    colours = {s.colour for s in window.workspace.sources}
    assert len(colours) == 3
    points = window.timeline_view.points
    brushes = {points.source_colours[g].name() for g in points.colour.tolist()}
    assert len(brushes) >= 3  # markers in each source's colour
    source_colours = {c.name() for c in window.timeline_view.source_colours}
    tray = window.timeline_view.tray_items  # vague events too, in their source's colour
    assert len(tray.data) and {b.color().name() for b in tray.data["brush"]} <= source_colours
    marks = window.timeline.publication_marks()
    assert [len(docs) for _, _, docs in marks] == [1, 1, 1]
    assert len({c.name() for c in window.timeline_view.labels.publication_colours.values()}) == 3
    table = window.table.model()
    names = {table.index(r, table.columnCount() - 1).data() for r in range(table.rowCount())}  # Document
    assert names == {"000_5c7e1887aa53ff4b.txt", "reuters_brexit.txt", "guardian_storm.txt"}
    assert not window.isWindowModified()  # opening articles is not unsaved work

    window.set_source_visible(window.workspace.sources[1].key, False)
    assert len(window.timeline.documents) == 2
    assert len(window.legend.texts()) == 3  # a hidden source stays in the legend, unchecked
    assert not window.legend.buttons[window.workspace.sources[1].key].isChecked()
    assert "<s>reuters_brexit.txt</s>" in window.timeline_view.plot.titleLabel.text
    window.legend.buttons[window.workspace.sources[1].key].click()  # as the user shows it again
    assert len(window.timeline.documents) == 3
    window.set_lane_mode("by-source")
    assert [first for _, first, _ in window.timeline.lane_groups][0] == 0 and len(window.timeline.lane_groups) == 3


def test_corrections_undo_redo_save_reopen_and_close_asks(open_window, tmp_path, articles, wait_until):
    window = open_window(tmp_path / "edit.ini", articles)
    trip = _entry(window, "May travelled to Strasbourg")
    assert trip.event.earliest == dt.date(2019, 3, 18)  # the extractor's (wrong) next Monday
    window.select_entry(trip.key)
    key = _key_of(window, trip)
    assert window.push_edit(ChangeDate.to(key, trip.event.id, dt.date(2019, 3, 11), "day"))
    fixed = _entry(window, "May travelled to Strasbourg")
    assert fixed.event.earliest == dt.date(2019, 3, 11) and window.selected == fixed.key
    row = window.table.index_of(fixed.key, 1)
    assert row.data().startswith("✎ ")
    assert "date corrected by you (extracted: 18 March 2019)" in row.data(Qt.ItemDataRole.ToolTipRole)
    assert window.isWindowModified() and "[*]" in window.windowTitle()

    unwanted = _entry(window, "The referendum split the country")
    window.select_entry(unwanted.key)
    window.delete_selected()
    assert not any(e.title.startswith("The referendum split") for e in window.timeline.entries)
    assert window.undo_stack.count() == 2
    window.undo_action.trigger()
    assert _entry(window, "The referendum split the country")
    window.redo_action.trigger()
    assert not any(e.title.startswith("The referendum split") for e in window.timeline.entries)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert _entry(window, "May travelled").event.earliest == dt.date(2019, 3, 18)
    # every edit undone: back to the state as opened, so nothing to save (no asterisk, no prompt)
    assert not window.isWindowModified() and not window._modified()
    window.redo_action.trigger()
    assert window.isWindowModified()
    window.redo_action.trigger()
    window.show_undo_history()
    assert window.undo_view.isVisible() and window.undo_view.model().rowCount() == 3  # the extraction + 2

    # merge two mentions, then split them again, all through the stack
    storm = [e for e in window.timeline.entries if window.shown_sources[e.doc].name == "guardian_storm.txt"]
    assert window.merge_events(storm[0].key, storm[1].key)
    merged = window.timeline.entries[window.selected]
    assert merged.corrected.startswith("merged by you") and window.split_action.isEnabled()
    window.split_selected()
    assert window.undo_stack.count() == 4
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.undo_stack.count() == 4 and window.undo_stack.index() == 2

    # add an event from a selection of the passage: its date comes from the expression in it
    window.select_entry(_entry(window, "EU leaders meet").key)
    text = window.passage.doc.text
    start = text.index("Parliament will vote next week")
    window.passage.select_span(start, text.index(".", start))
    from timeline_app.gui import corrections

    corrections.AddEventDialog.exec = lambda self: QDialog.DialogCode.Accepted
    try:
        window.add_event_dialog()
    finally:
        del corrections.AddEventDialog.exec
    added = window.timeline.entries[window.selected]
    assert added.corrected == "added by you" and added.label == "week of 18 March 2019"

    assert window.copy_chronology() == "week of 18 March 2019 - Parliament will vote next week on whether to ask " \
        "Brussels for a delay (Reuters, 14 March 2019) [added by you]"
    copied = window.copy_chronology(shown=True)
    assert QApplication.clipboard().text() == copied and len(copied.splitlines()) > 20
    assert "11 March 2019 - May travelled to Strasbourg (Reuters, 14 March 2019) [date corrected" in copied

    story = tmp_path / "story.timeline.json"
    assert window._save_to(str(story))
    assert not window.isWindowModified() and window.windowTitle().startswith("story.timeline.json")
    saved = open_workspace(story).workspace
    assert [e.kind for e in saved.edits] == ["change-date", "delete", "insert"]

    # closing with unsaved changes asks; Cancel keeps the window and the work
    window.push_edit(Delete(key, _entry(window, "EU leaders meet").event.id))
    window.ask_save = lambda doing: QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible() and window.workspace.modified
    _discard_on_close(window)

    reopened = open_window(tmp_path / "reopen.ini", [str(story)])
    _discard_on_close(reopened)
    assert not reopened.isWindowModified()
    assert _entry(reopened, "May travelled").event.earliest == dt.date(2019, 3, 11)
    assert _entry(reopened, "May travelled").corrected.startswith("date corrected by you")
    assert reopened.undo_stack.count() == 3  # the saved corrections can still be undone
    reopened.undo_action.trigger()
    assert not any(e.corrected == "added by you" for e in reopened.timeline.entries)
    assert reopened.isWindowModified()
    reopened.redo_action.trigger()  # redone: the workspace is again as saved
    assert not reopened.isWindowModified()


def test_publication_date_applies_to_the_selected_document_only(open_window, tmp_path, articles, wait_until):
    window = open_window(tmp_path / "pub.ini", articles)
    _discard_on_close(window)
    storm = _entry(window, "Storm Ciara swept across Britain")
    window.select_entry(storm.key)
    window.set_publication_date(dt.date(2020, 2, 17))
    wait_until(lambda: not window.service.busy)
    published = {s.name: s.extraction.published for s in window.workspace.sources}
    assert published["guardian_storm.txt"].date == dt.date(2020, 2, 17)
    assert published["reuters_brexit.txt"].date == dt.date(2019, 3, 14)
    assert published["000_5c7e1887aa53ff4b.txt"].date == dt.date(2017, 5, 10)
    assert _entry(window, "Storm Ciara swept across Britain").event.earliest == dt.date(2020, 2, 16)
    from timeline_app.gui.main_window import PublicationDateDialog

    dialog = PublicationDateDialog(window, dt.date(2020, 2, 10), overridden=False, name="guardian_storm.txt")
    assert "guardian_storm.txt" in dialog.windowTitle()


CRASHING_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import datetime as dt
from PySide6.QtCore import QSettings, QStandardPaths
from timeline_app.core.corpus import load_extractions
from timeline_app.core.workspace import ChangeDate
from timeline_app.gui.app import application
from timeline_app.gui.main_window import MainWindow

QStandardPaths.setTestModeEnabled(True)
app = application()
window = MainWindow(settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show_extractions(load_extractions(sys.argv[1]))
trip = next(e for e in window.timeline.entries if e.title.startswith("May travelled"))
window.push_edit(ChangeDate.to(window.shown_sources[trip.doc].key, trip.event.id, dt.date(2019, 3, 11), "day"))
print(window.autosave(), flush=True)
os._exit(9)  # the crash: no close, no clean-up
"""


def test_autosave_after_a_crash_is_offered_and_restored(open_window, tmp_path, articles, sample_extraction):
    from timeline_app.core.nlp import load_model
    from timeline_app.core.pipeline import extract_file
    from timeline_app.gui.main_window import autosave_folder

    for old in autosave_folder().glob("*") if autosave_folder().is_dir() else ():
        old.unlink()  # left by earlier runs of this test
    extraction = tmp_path / "brexit.json"
    extraction.write_text(json.dumps({"documents": [extract_file(articles[1], nlp=load_model()).to_dict(
        include_text=True)]}), encoding="utf-8")
    crashed = subprocess.run([sys.executable, "-c", CRASHING_SESSION, str(extraction), str(tmp_path / "c.ini")],
                             capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2])
    assert crashed.returncode == 9, crashed.stderr
    left = Path(crashed.stdout.strip().splitlines()[-1])
    assert left.exists() and json.loads(left.read_text(encoding="utf-8"))["edits"][0]["kind"] == "change-date"

    fresh = open_window(tmp_path / "crash2.ini", articles[2:3])
    asked = []
    fresh.ask_restore = lambda path: asked.append(path) or QMessageBox.StandardButton.Yes
    assert fresh.offer_restore()
    assert asked == [left] and not left.exists()
    assert _entry(fresh, "May travelled").event.earliest == dt.date(2019, 3, 11)
    assert fresh.isWindowModified()  # restored work is not saved yet
    assert fresh.undo_stack.count() == 1
    _discard_on_close(fresh)
    assert not fresh.offer_restore()  # nothing left to offer


def test_add_articles_to_an_open_workspace(open_window, tmp_path, articles, wait_until):
    window = open_window(tmp_path / "add.ini", articles[:1])
    assert not window.legend.isVisible()  # one source: no legend
    window.add_paths(articles[1:2])
    wait_until(lambda: not window.service.busy and len(window.workspace.sources) == 2)
    assert window.legend.isVisible() and len(window.legend.texts()) == 2
    assert window.isWindowModified()  # a source added to a workspace is unsaved work


SIGNALLED_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import datetime as dt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from timeline_app.core.corpus import load_extractions
from timeline_app.core.workspace import ChangeDate
from timeline_app.gui.app import application, run_window

app = application()  # its data folder (the autosaves) is under XDG_DATA_HOME, which the test sets


def edit_then_idle():
    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "push_edit"))
    if window.timeline is None or window._building:
        QTimer.singleShot(50, edit_then_idle)
        return
    if sys.argv[2] in ("edit", "dialog"):
        trip = next(e for e in window.timeline.entries if e.title.startswith("May travelled"))
        window.push_edit(ChangeDate.to(window.shown_sources[trip.doc].key, trip.event.id, dt.date(2019, 3, 11), "day"))
    if sys.argv[2] == "dialog":  # the signal comes while the window asks a question (a modal dialog)
        QTimer.singleShot(300, lambda: print("idle", flush=True))
        window.ask_save("closing")
        return
    print("idle", flush=True)  # from here on no Python runs until a signal comes

QTimer.singleShot(0, edit_then_idle)
sys.exit(run_window([], None, None, extractions=load_extractions(sys.argv[1]), sources=[sys.argv[1]]))
"""


@pytest.mark.parametrize("signum, edit", [(signal.SIGTERM, "edit"), (signal.SIGINT, "none"), (signal.SIGHUP, "dialog")])
def test_an_idle_window_quits_on_a_signal_and_keeps_unsaved_work(tmp_path, articles, signum, edit):
    from timeline_app.core.nlp import load_model
    from timeline_app.core.pipeline import extract_file

    extraction = tmp_path / "brexit.json"
    extraction.write_text(json.dumps({"documents": [extract_file(articles[1], nlp=load_model()).to_dict(
        include_text=True)]}), encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    session = subprocess.Popen([sys.executable, "-c", SIGNALLED_SESSION, str(extraction), edit], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])
    try:
        assert session.stdout.readline().strip() == "idle"
        time.sleep(0.5)  # the event loop is waiting in poll(): a Python handler alone would never run
        session.send_signal(signum)
        out, err = session.communicate(timeout=30)
    finally:
        session.kill()
    assert session.returncode == 128 + signum, err
    assert "Traceback" not in err
    kept = [p for p in (tmp_path / "data").rglob("autosave-*.timeline.json")]
    if edit != "none":  # the unsaved correction is kept whole, for the next start to offer
        assert f"unsaved work kept in {kept[0]}" in err
        assert json.loads(kept[0].read_text(encoding="utf-8"))["edits"][0]["kind"] == "change-date"
    else:
        assert "no unsaved work" in err and not kept


def test_the_status_bar_says_nothing_stale_of_a_replaced_workspace(open_window, tmp_path, sample_extraction):
    window = open_window(tmp_path / "stale.ini")
    window.statusBar().showMessage(f"{len(window.timeline.entries)} events on the timeline", 5000)
    window.show_extractions([sample_extraction])
    assert "events on the timeline" not in window.statusBar().currentMessage()
    _discard_on_close(window)


EXTRACTING_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import datetime as dt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from timeline_app.core.corpus import load_extractions
from timeline_app.core.workspace import ChangeDate
from timeline_app.gui import app as app_module

real_end = app_module.end_process


def end_process(status):
    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "push_edit"))
    print(f"worker still working at the end: {window.service.working}", flush=True)
    real_end(status)


app_module.end_process = end_process
app = app_module.application()


def edit_then_extract():
    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "push_edit"))
    if window.timeline is None or window._building:
        QTimer.singleShot(50, edit_then_extract)
        return
    if sys.argv[3] == "sigterm":  # unsaved work, which the signal must not lose
        trip = next(e for e in window.timeline.entries if e.title.startswith("May travelled"))
        window.push_edit(ChangeDate.to(window.shown_sources[trip.doc].key, trip.event.id, dt.date(2019, 3, 11), "day"))
    asked = []

    def quit_while_parsing(message, done, total):
        if "%" in message and not asked:  # the first chunk of the long article is being parsed
            asked.append(message)
            print("parsing", flush=True)
            if sys.argv[3] == "close":
                window.close()

    window.service.progress.connect(quit_while_parsing)
    window.add_paths([sys.argv[2]])

QTimer.singleShot(0, edit_then_extract)
app_module.run_window([], None, None, extractions=load_extractions(sys.argv[1]), sources=[sys.argv[1]])
"""


@pytest.mark.parametrize("how", ["close", "sigterm"])
def test_quitting_while_an_article_is_extracted_ends_at_once_and_keeps_the_work(tmp_path, articles, sample_path,
                                                                             how):
    """The window closes (or takes a SIGTERM) while a long article's first chunk is parsed: the process
    ends without waiting for that step (the worker thread is still working when it ends), cleanly, with
    the unsaved correction kept whole and the window's settings written."""
    from timeline_app.core.nlp import load_model
    from timeline_app.core.pipeline import extract_file

    extraction = tmp_path / "brexit.json"
    extraction.write_text(json.dumps({"documents": [extract_file(articles[1], nlp=load_model()).to_dict(
        include_text=True)]}), encoding="utf-8")
    paragraphs = sample_path.read_text(encoding="utf-8").strip() + "\n\n"
    long_article = tmp_path / "long.txt"
    long_article.write_text(paragraphs * (100_000 // len(paragraphs) + 1), encoding="utf-8")  # five chunks
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    session = subprocess.Popen([sys.executable, "-c", EXTRACTING_SESSION, str(extraction), str(long_article), how],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=Path(__file__).parents[2])
    try:
        assert session.stdout.readline().strip() == "parsing"
        if how == "sigterm":
            session.send_signal(signal.SIGTERM)
        out, err = session.communicate(timeout=60)
    finally:
        session.kill()
    assert "Traceback" not in err and "QThread" not in err
    assert "worker still working at the end: True" in out  # it did not wait for the chunk
    assert session.returncode == (0 if how == "close" else 128 + signal.SIGTERM), err
    settings = list((tmp_path / "config").rglob("*.conf"))
    assert settings and "geometry" in settings[0].read_text(encoding="utf-8")
    kept = list((tmp_path / "data").rglob("autosave-*.timeline.json"))
    if how == "sigterm":
        assert f"unsaved work kept in {kept[0]}" in err
        assert json.loads(kept[0].read_text(encoding="utf-8"))["edits"][0]["kind"] == "change-date"
    else:
        assert not kept


def test_a_bc_date_is_corrected_in_the_dialog_and_undone_from_the_toolbar(open_window, tmp_path, monkeypatch):
    """Correct Date on a history: the dialog opens on the event's own year and era (a QDateEdit had shown
    14 September 1752, its first day, and could not take a BC year); the toolbar's Undo stays short."""
    from timeline_app.gui import corrections

    article = tmp_path / "punic.txt"
    article.write_text("In 264 BC the Roman Republic had gained control of the "
                       "Italian peninsula. Rome and Carthage made peace in 241 BC.\n", encoding="utf-8")
    window = open_window(tmp_path / "bc.ini", [str(article)])
    _discard_on_close(window)
    gained = _entry(window, "The Roman Republic had gained")
    window.select_entry(gained.key)
    shown = {}

    def answer(dialog):
        start = dialog.fields.start
        shown.update(year=start.year.value(), era=start.era.currentText(), precision=dialog.fields.precision.currentData(),
                     day_enabled=start.day.isEnabled(), preview=dialog.fields.preview.text())
        start.year.setValue(265)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(corrections.DateDialog, "exec", answer)
    window.correct_date_dialog()
    assert shown == {"year": 264, "era": "BC", "precision": "year", "day_enabled": False, "preview": "264 BC"}
    fixed = _entry(window, "The Roman Republic had gained")
    assert fixed.label == "265 BC" and fixed.corrected == "date corrected by you (extracted: 264 BC)"
    assert window.undo_action.text().startswith("&Undo Change date of")  # the Edit menu says what it undoes
    assert window.toolbar_undo.text() == "Undo" and window.toolbar_undo.isEnabled()
    assert window.toolbar_undo.toolTip().startswith("Undo Change date of") and "265 BC" in window.toolbar_undo.toolTip()
    window.toolbar_undo.trigger()
    assert _entry(window, "The Roman Republic had gained").label == "264 BC"
    assert not window.toolbar_undo.isEnabled() and window.toolbar_redo.isEnabled()


def test_the_day_field_takes_any_era_and_keeps_days_of_the_month(qapp):
    from timeline_app.core.dates.calendar import Day
    from timeline_app.gui.corrections import DayEdit

    edit = DayEdit(Day(-479, 8, 12))
    assert (edit.day.value(), edit.month.currentText(), edit.year.value(), edit.era.currentText()) == \
        (12, "August", 480, "BC")
    edit.set_value(Day(2016, 3, 31))
    edit.month.setCurrentIndex(1)  # February of a leap year
    assert edit.value() == Day(2016, 2, 29) and edit.day.maximum() == 29
    edit.era.setCurrentIndex(1)  # 2016 BC (astronomical -2015) was not a leap year
    assert edit.value() == Day(-2015, 2, 28)


def test_rename_shows_the_whole_title_and_renames(open_window, tmp_path, monkeypatch):
    """Rename Event's field showed some 20 characters of the title it edits; now the whole title fits."""
    from PySide6.QtGui import QFontMetricsF
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    window = open_window(tmp_path / "rename.ini")
    met = _entry(window, "Tillerson met with Putin")
    window.select_entry(met.key)
    seen = {}

    def answer(dialog):
        dialog.show()
        QApplication.processEvents()
        field = dialog.findChild(QLineEdit)
        seen.update(label=dialog.labelText(), room=field.width(),
                    needed=QFontMetricsF(field.font()).horizontalAdvance(field.text()))
        dialog.setTextValue("Tillerson and Putin met  in Moscow ")
        dialog.hide()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QInputDialog, "exec", answer)
    window.rename_dialog()
    assert seen["label"] == "Title of the event of 12 April 2017:" and seen["needed"] < seen["room"]
    renamed = window.timeline.entries[window.selected]
    assert renamed.title == "Tillerson and Putin met in Moscow" and renamed.corrected.startswith("title corrected by you")


def test_corrections_undo_and_hiding_a_source_keep_the_range_in_view(open_window, tmp_path, articles, wait_until):
    """Each correction rebuilt the timeline and fitted it again: zoomed into a week, a rename showed the
    whole of 2014-2020 and the user had to find the week again."""
    from timeline_app.core.timeline import day_number
    from timeline_app.core.workspace import Retitle

    window = open_window(tmp_path / "keep.ini", articles)
    view = window.timeline_view
    view.set_visible_range(day_number(dt.date(2019, 3, 10)), day_number(dt.date(2019, 3, 24)))
    shown = view.visible_range()
    trip = _entry(window, "May travelled to Strasbourg")
    window.select_entry(trip.key)
    assert window.push_edit(Retitle(_key_of(window, trip), trip.event.id, "May went to Strasbourg"))
    assert view.visible_range() == shown and window.timeline.entries[window.selected].title == "May went to Strasbourg"
    window.undo_action.trigger()
    assert view.visible_range() == shown
    window.set_source_visible(window.workspace.sources[0].key, False)
    assert view.visible_range() == shown
    window.open_paths([articles[0]])  # another story opens on its own events
    wait_until(lambda: not window.service.busy)
    assert view.visible_range() != shown


def test_add_event_in_a_history_offers_the_date_the_text_last_told(open_window, tmp_path, monkeypatch):
    """A typed date for a new event started at the publication date (19 December 2009 in a history of Rome);
    it is now the date the text last told, as precise ('241 BC', a year)."""
    from timeline_app.core.dates.calendar import Day
    from timeline_app.gui import corrections

    article = tmp_path / "punic.txt"
    article.write_text("Published 19 December 2009.\n\nRome and Carthage made peace in 241 BC. The Romans then "
                       "seized Sardinia and Corsica from the weakened Carthaginians.\n", encoding="utf-8")
    window = open_window(tmp_path / "add.ini", [str(article)])
    _discard_on_close(window)
    window.select_entry(_entry(window, "Rome and Carthage made peace").key)
    text = window.passage.doc.text
    start = text.index("The Romans then seized")
    window.passage.select_span(start, text.index(".", start))
    offered = {}

    def answer(dialog):
        offered["day"] = dialog.fields.start.value()
        offered["precision"] = dialog.fields.precision.currentData()
        offered["from_text"] = dialog.from_text.isEnabled()
        offered["title starts"] = dialog.title.cursorPosition() == 0
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(corrections.AddEventDialog, "exec", answer)
    window.add_event_dialog()
    assert offered == {"day": Day(-240, 1, 1), "precision": "year", "from_text": False, "title starts": True}


def test_save_offers_the_story_s_own_name_and_folder_then_the_last_folder(open_window, tmp_path: Path, articles,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Save had offered ~/story.timeline.json for every story; it now offers the one source's name in its
    folder, and once a workspace is saved, that folder for the next one."""
    from PySide6.QtWidgets import QFileDialog

    offered: list[str] = []
    target = tmp_path / "stories"
    target.mkdir()

    def ask(parent, caption, start, filters):
        offered.append(start)
        return str(target / "brexit-vote"), filters  # (typed without the suffix: it is added)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    window = open_window(tmp_path / "save.ini", [articles[1]])
    assert window.save_as()
    assert offered[0] == str(Path(articles[1]).with_suffix(".timeline.json"))  # reuters_brexit.timeline.json
    assert (target / "brexit-vote.timeline.json").is_file()
    window.open_paths([articles[2]])  # another story: offered in the folder the last one went to
    from tests.gui.conftest import _wait_until

    _wait_until(lambda: not window.service.busy)
    assert window.save_as()
    assert offered[1] == str(target / (Path(articles[2]).stem + ".timeline.json"))
    _discard_on_close(window)
