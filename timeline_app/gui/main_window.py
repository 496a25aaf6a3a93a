"""The main window: timeline, event table and passage, kept on the same selected event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QByteArray, QDate, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QFontMetricsF, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
    QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMainWindow, QMessageBox, QProgressBar, QPushButton, QRadioButton,
    QSizePolicy, QSpinBox, QSplitter, QToolButton, QUndoView, QVBoxLayout, QWidget,
)

from timeline_app.core.errors import UserError
from timeline_app.core.model import Event, Extraction
from timeline_app.core.search import EntrySearch
from timeline_app.core.timeline import Timeline, day_at, day_number, describe_publication, document_name, long_date
from timeline_app.core.workspace import (
    SUFFIX, ChangeDate, Delete, Edit, EditConflict, Insert, Opened, Retitle, Source, Workspace, is_workspace_file,
    new_workspace, open_workspace,
)
from timeline_app.gui.about import AboutDialog, about_html
from timeline_app.gui.corrections import AddEventDialog, DateDialog, EditCommand
from timeline_app.gui.status_bar import StatusBar, StatusParts
from timeline_app.gui.sources import SourceLegend, legend_entries, source_caption, timeline_colours
from timeline_app.gui.event_table import EventTable
from timeline_app.gui.passage_view import PassageView
from timeline_app.gui.plain_text import menu_text, rich_text_of
from timeline_app.gui.timeline_builder import BACKGROUND_EVENTS, PreparedTimeline, TimelineBuilder, prepare
from timeline_app.gui.timeline_view import TimelineView
from timeline_app.gui.workers import ExtractionService

MAX_RECENT = 10
OPEN_FILTER = ("Articles, workspaces and extractions (*.txt *.text *.md *.html *.htm *.pdf *.docx *.json *.jsonl);;"
               "Articles (*.txt *.text *.md *.html *.htm *.pdf *.docx);;Workspaces (*.timeline.json);;"
               "Extractions (*.json *.jsonl);;All files (*)")
WORKSPACE_FILTER = "Workspaces (*.timeline.json)"
#: How often the unsaved workspace is written to the autosave folder.
AUTOSAVE_MS = 60_000
#: Data formats of File > Export Data: (format, file filter).
DATA_EXPORTS = (("csv", "CSV table (*.csv)"), ("json", "JSON extraction (*.json)"),
                ("timelinejs", "TimelineJS 3 (*.timelinejs.json)"), ("timeml", "TimeML, one .tml per source (*.tml)"),
                ("chronology", "Plain-text chronology (*.txt)"))
#: Problems one error dialog lists in its text (all of them are in its details).
SHOWN_PROBLEMS = 8
#: The file name ending each data export is offered with.
DATA_SUFFIXES = {"csv": ".csv", "json": ".json", "timelinejs": ".timelinejs.json", "timeml": ".tml",
                 "chronology": ".txt"}


def autosave_folder() -> Path:
    """Where unsaved work is kept every minute: the user's data folder (QStandardPaths AppDataLocation)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "autosave"


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def orphaned_autosaves() -> list[Path]:
    """Autosaves left by a session that did not close normally (its process is gone), newest first."""
    folder = autosave_folder()
    found = []
    for f in folder.glob("autosave-*.timeline.json") if folder.is_dir() else ():
        try:
            pid = int(f.name.split("-")[1].split(".")[0])
        except (IndexError, ValueError):
            continue
        if not _alive(pid):
            found.append(f)
    return sorted(found, key=lambda f: f.stat().st_mtime, reverse=True)


class MainWindow(QMainWindow):
    """Shows the timeline of the opened documents; all views follow one selected event."""

    def __init__(self, model: str | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.workspace = Workspace()
        self.documents: list[Extraction] = []  # the visible sources as corrected, in timeline order
        self.shown_sources: list[Source] = []  # the source of each of them
        self.timeline: Timeline | None = None
        self._replacing: dict[str, str] = {}  # path being re-extracted -> key of its source
        self._keep_clean = False  # sources arriving from an Open are not unsaved work
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._undo_index_changed)
        self._stack_moves = 0  # workspace changes made by undo-stack commands (each redo or undo is one)
        self._clean_point = (0, 0)  # (workspace revision, stack moves) when last saved or opened
        self.undo_view: QUndoView | None = None
        self._next_selection: tuple[str, str] | None = None  # what to select once an edit is made
        self.autosave_path = autosave_folder() / f"autosave-{QApplication.applicationPid()}.timeline.json"
        self._ending = False  # quitting on a signal: no questions, and the autosave is kept
        #: The process ends as soon as this window has closed (`app.run_window`): closing then waits for no
        #: worker thread (an extraction's step, a timeline build, label placement), for they write nothing.
        self.process_ends_on_close = False
        self._told_left_out = 0  # far events out of the opening view, last said in the status bar
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.selected: int | None = None
        self.model_description = "not loaded yet"
        self._published: dt.date | None = None
        self._published_in_dialog = False  # the date given comes from Document > Set Publication Date
        self.anchorings: dict[str, str] = {}  # article path -> anchoring policy chosen in Document > Anchoring
        self._dialog: QDialog | None = None
        self.setWindowTitle("Timeline Explorer")
        self.setAcceptDrops(True)

        self.service = ExtractionService(model, self)
        self.service.progress.connect(self._progress)
        self.service.documentReady.connect(self._document_ready)
        self.service.failed.connect(self.show_error)
        self.service.finished.connect(self._finished)
        self.service.modelLoaded.connect(self._model_loaded)
        self.builder = TimelineBuilder(self)
        self.search: EntrySearch | None = None  # the filter over the timeline shown
        self.builder.built.connect(self._timeline_built)
        self.builder.failed.connect(self._timeline_failed)
        self._building = 0  # the background build still wanted (0: none)
        self._after_build: tuple = (None, None)  # (selection, x range) to show once it is built

        self.timeline_view = TimelineView()
        self.legend = SourceLegend()
        self.table = EventTable()
        self.passage = PassageView()
        self.filter_edit = QLineEdit(placeholderText="Filter events: words in title, date, sentence…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_count = QLabel()  # "12 of 18 match" while a filter is on
        self.filter_count.setTextFormat(Qt.TextFormat.PlainText)
        self.participant_box = QComboBox()
        self.participant_box.setMinimumContentsLength(16)
        # as wide as 16 characters, not as the longest participant ("Re-subjugated Thrace had nominally…"), which
        # left the filter field no room in a narrower window; the list it opens is as wide as its names
        self.participant_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.passage_header = QLabel()
        self.passage_header.setTextFormat(Qt.TextFormat.PlainText)
        self.passage_header.setWordWrap(True)
        self.passage_header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._build_layout()
        self._build_actions()
        self._build_status_bar()
        self._build_accessibility()

        self.timeline_view.entryClicked.connect(self.select_entry)
        self.timeline_view.stepRequested.connect(self.step)
        self.timeline_view.passageRequested.connect(self.show_passage)
        self.legend.toggled.connect(self.set_source_visible)
        self.table.entrySelected.connect(self.select_entry)
        self.table.passageRequested.connect(self.show_passage)
        self.passage.offsetClicked.connect(self._passage_clicked)
        self.filter_edit.textChanged.connect(self._filter_typed)
        self._filter_timer = QTimer(self)  # on a big timeline, filter once typing pauses
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(200)
        self._filter_timer.timeout.connect(self._filter_changed)
        self.participant_box.currentIndexChanged.connect(self._filter_changed)
        self._restore_state()

    # --- building ---------------------------------------------------------------------

    def _build_layout(self) -> None:
        table_panel = QWidget()
        table_layout = QVBoxLayout(table_panel)
        table_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.filter_count)
        filters.addWidget(self.participant_box)
        table_layout.addLayout(filters)
        table_layout.addWidget(self.table)
        passage_panel = QWidget()
        passage_layout = QVBoxLayout(passage_panel)
        passage_layout.setContentsMargins(0, 0, 0, 0)
        passage_layout.addWidget(self.passage_header)
        passage_layout.addWidget(self.passage)
        self.lower_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.lower_splitter.setObjectName("lowerSplitter")
        self.lower_splitter.addWidget(table_panel)
        self.lower_splitter.addWidget(passage_panel)
        self.lower_splitter.setSizes([560, 440])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("mainSplitter")
        timeline_panel = QWidget()
        timeline_layout = QVBoxLayout(timeline_panel)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.setSpacing(0)
        timeline_layout.addWidget(self.legend)
        timeline_layout.addWidget(self.timeline_view, 1)
        self.splitter.addWidget(timeline_panel)
        self.splitter.addWidget(self.lower_splitter)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([460, 360])
        self.setCentralWidget(self.splitter)

    def _build_accessibility(self) -> None:
        """Names for assistive technology, and Tab order: filter, participant, table, timeline, passage."""
        for widget, name, description in (
                (self.filter_edit, "Filter events", "Words that events must contain; the timeline dims the others"),
                (self.participant_box, "Participant", "Show only the events of one participant"),
                (self.filter_count, "Filter matches", "How many events the filter lets through, of all"),
                (self.table, "Events table", "One row per event in date order; Enter shows its passage"),
                (self.timeline_view, "Timeline", "Events on a date axis; arrow keys move between events, "
                                                 "+ and - zoom, 0 fits all, Z zooms to the selected event"),
                (self.passage, "Passage", "The text of the document, with the selected event's sentence marked")):
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
            widget.setProperty("helpDescription", description)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move row by row
        self.passage.setTabChangesFocus(True)
        self.passage.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        chain = (self.filter_edit, self.participant_box, self.table, self.timeline_view, self.passage)
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def _announce_selection(self, entry: object) -> None:
        """Tell assistive technology which event is selected (the timeline's and table's description)."""
        from PySide6.QtGui import QAccessible, QAccessibleEvent

        if entry is None:
            text = "No event selected"
        else:
            doc = document_name(self.timeline.documents[entry.doc]) if len(self.timeline.documents) > 1 else ""
            text = f"Selected event: {entry.title}, {entry.label}" + (f", in {doc}" if doc else "")
        for widget in (self.timeline_view, self.table):
            widget.setAccessibleDescription(f"{text}. {widget.property('helpDescription')}")
            QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged))

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action("&Open…", self.open_dialog, QKeySequence.StandardKey.Open,
                                        "Open one or more articles, or a workspace")
        self.add_sources_action = self._action("A&dd Articles…", self.add_dialog, "Ctrl+Shift+O",
                                               "Add articles to this workspace as new sources")
        self.export_action = self._action("&Export Image…", self.export_dialog, "Ctrl+E",
                                          "Save the timeline as PNG, SVG or PDF")
        self.print_action = self._action("&Print…", self.print_dialog, QKeySequence.StandardKey.Print,
                                         "Print the timeline (landscape, fitted, with sources and dates)")
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.fit_action = self._action("&Fit All", self.timeline_view.fit_all, "Ctrl+0",
                                       "Show the whole timeline (0 in the timeline)")
        self.zoom_in_action = self._action("Zoom &In", lambda: self.timeline_view.zoom(0.5),
                                           QKeySequence.StandardKey.ZoomIn, "Zoom in (+ in the timeline)")
        self.zoom_out_action = self._action("Zoom &Out", lambda: self.timeline_view.zoom(2.0),
                                            QKeySequence.StandardKey.ZoomOut, "Zoom out (- in the timeline)")
        self.hide_filtered_action = self._action(
            "&Hide Events Outside the Filter", self._filter_changed, None,
            "Hide the events the filter leaves out instead of dimming them")
        self.hide_filtered_action.setCheckable(True)
        self.zoom_selection_action = self._action("Zoom to &Selection", self.timeline_view.zoom_to_selection,
                                                  "Ctrl+9", "Show the selected event up close (Z in the timeline)")
        previous_action = self._action("&Previous Event", lambda: self.step(-1), "Alt+Left")
        next_action = self._action("&Next Event", lambda: self.step(1), "Alt+Right")
        passage_action = self._action("Show &Passage", self.show_passage, "Ctrl+Return")
        about_action = self._action("&About Timeline Explorer", self.show_about)
        self.published_action = self._action(
            "Set &Publication Date…", self.publication_dialog, "Ctrl+D",
            "Resolve the selected document's relative dates against another publication date")
        self.save_action = self._action("&Save", self.save, QKeySequence.StandardKey.Save,
                                        "Save the workspace: sources, corrections and view")
        self.save_as_action = self._action("Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs)
        self.export_data_action = self._action("Export &Data…", self.export_data_dialog, "Ctrl+Shift+E",
                                               "CSV, JSON, TimelineJS, TimeML or a plain-text chronology")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        history_action = self._action("Undo &History", self.show_undo_history, None,
                                      "Every correction made, to go back to any of them")
        self.date_action = self._action("Correct &Date…", self.correct_date_dialog, "Ctrl+Shift+D",
                                        "Give the selected event another date or precision")
        self.title_action = self._action("&Rename Event…", self.rename_dialog, "F2")
        self.delete_action = self._action("De&lete Event", self.delete_selected, QKeySequence.StandardKey.Delete)
        self.restore_action = self._action("Res&tore Deleted Event…", self.restore_dialog)
        self.merge_action = self._action("&Merge With…", self.merge_dialog, "Ctrl+M",
                                         "Make the selected event and another mention of it one event")
        self.split_action = self._action("S&plit Merged Event", self.split_selected, "Ctrl+Shift+M")
        self.add_action = self._action("&Add Event From Selection…", self.add_event_dialog, "Ctrl+Shift+A",
                                       "An event for the text selected in the passage")
        self.copy_action = self._action("&Copy as Chronology", lambda: self.copy_chronology(False), "Ctrl+Shift+C",
                                        "Copy the selected event as '12 April 2017 - … (Source, date)'")
        self.copy_all_action = self._action("Copy &Shown Events as Chronology", lambda: self.copy_chronology(True),
                                            None, "Copy every event the table shows (after the filter), in date order")
        self.by_source_action = self._action("Lanes by &Source", self._lanes_toggled, None,
                                             "Give each source its own lanes (else all share one set)")
        self.by_source_action.setCheckable(True)

        menu = self.menuBar().addMenu("&File")
        menu.addActions([self.open_action, self.add_sources_action])
        self.recent_menu = menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addSeparator()
        menu.addActions([self.save_action, self.save_as_action])
        menu.addSeparator()
        menu.addActions([self.export_action, self.export_data_action, self.print_action])
        menu.addSeparator()
        menu.addAction(quit_action)
        self.edit_menu = menu = self.menuBar().addMenu("&Edit")
        menu.addActions([self.undo_action, self.redo_action, history_action])
        menu.addSeparator()
        menu.addActions([self.date_action, self.title_action, self.delete_action, self.restore_action,
                         self.merge_action, self.split_action, self.add_action])
        menu.addSeparator()
        menu.addActions([self.copy_action, self.copy_all_action])
        document_menu = self.menuBar().addMenu("&Document")
        document_menu.addAction(self.published_action)
        self._build_anchoring_menu(document_menu)
        menu = self.menuBar().addMenu("&View")
        for action in (self.fit_action, self.zoom_in_action, self.zoom_out_action, self.zoom_selection_action):
            menu.addAction(action)
        menu.addAction(self.hide_filtered_action)
        menu.addSeparator()
        menu.addAction(self.by_source_action)
        self.sources_menu = menu.addMenu("S&ources")
        self.sources_menu.aboutToShow.connect(self._fill_sources_menu)
        menu.addSeparator()
        for action in (previous_action, next_action, passage_action):
            menu.addAction(action)
        self.menuBar().addMenu("&Help").addAction(about_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.addActions([self.open_action, self.save_action, self.export_action])
        toolbar.addSeparator()
        toolbar.addActions(self._short_toolbar_actions())
        toolbar.addSeparator()
        toolbar.addActions([self.fit_action, self.zoom_in_action, self.zoom_out_action, self.zoom_selection_action])

    def _short_toolbar_actions(self) -> list[QAction]:
        """Undo and Redo for the toolbar: their own short text, what they would undo in the tooltip (the stack's
        actions say it in their text, "Undo Change date of “…” to 265 BC", which widened the toolbar until
        Fit All and the zoom buttons fell off its end)."""
        self.toolbar_undo = ShortAction("Undo", self.undo_stack, False, "Ctrl+Z", self)
        self.toolbar_redo = ShortAction("Redo", self.undo_stack, True, "Ctrl+Shift+Z", self)
        return [self.toolbar_undo, self.toolbar_redo]

    def _build_status_bar(self) -> None:
        bar = StatusBar()  # (a message cut after a word, not at the pixel)
        self.setStatusBar(bar)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QToolButton(text="Cancel")
        self.cancel_button.clicked.connect(self.cancel_loading)
        # the shown document's name, publication date and counts, in the longest forms that fit together (in a
        # narrow window, first without '0 unresolved', then without where the date comes from, ...); a message
        # covers them while it is shown
        self.status_parts = StatusParts(3, shed=[2, 1, 2], squeeze=0)
        self.document_label, self.published_label, self.counts_label = self.status_parts.labels
        bar.addWidget(self.status_parts, 1)
        for widget in (self.progress_bar, self.cancel_button):
            bar.addPermanentWidget(widget)
        self._set_busy(False)

    # --- opening documents ----------------------------------------------------------

    def open_paths(self, paths: list[str], published: dt.date | None = None) -> None:
        """Replace the shown documents by `paths`, extracted in the background.

        Extractions (.json, .jsonl written by `timeline-app extract`) are read as
        they are, without NLP; articles among `paths` are added as they are extracted.
        """
        if not paths:
            return
        if self._modified() and not self._confirm_discard("opening other documents"):
            return
        from timeline_app.core.corpus import is_extraction_file, load_extractions

        workspaces = [p for p in paths if is_workspace_file(p)]
        if workspaces:
            try:
                opened = open_workspace(workspaces[0])
            except UserError as exc:
                self.show_error(str(exc))
                return
            self.show_workspace(opened)
            self._remember(workspaces[0])
            return
        stored = [p for p in paths if is_extraction_file(p)]
        articles = [p for p in paths if not is_extraction_file(p)]
        try:
            loaded = [x for p in stored for x in load_extractions(p)]
        except UserError as exc:
            self.show_error(str(exc))
            return
        self._published = published
        if published is None:
            self._published_in_dialog = False
        self._set_workspace(new_workspace(loaded))
        self._keep_clean = True
        for path in reversed(paths):
            self._remember(path)
        if not articles:
            self.service.cancel()
            self.statusBar().showMessage(f"{len(self.timeline.entries) if self.timeline else 0} events "
                                         f"from {len(loaded)} documents", 5000)
            return
        paths = articles
        self._set_busy(True)
        self.statusBar().showMessage("Starting…")
        self.service.submit([str(p) for p in paths], published, self.anchorings)

    def show_extractions(self, extractions: list[Extraction], sources: list[str] | tuple[str, ...] = ()
                         ) -> None:
        """Show extractions already made (e.g. read by `timeline-app open`), without NLP."""
        self.service.cancel()
        self._set_workspace(new_workspace(extractions))
        for path in reversed(list(sources)):
            self._remember(path)

    def show_workspace(self, opened: Opened) -> None:
        """Show a workspace read from a file; its corrections are on the undo stack, as made."""
        self.service.cancel()
        self._set_workspace(opened.workspace)
        for note in opened.notes:
            self.statusBar().showMessage(note, 10000)
        if opened.notes:
            self.show_error("\n\n".join(opened.notes))

    def _set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.statusBar().clearMessage()  # ('16 events on the timeline' said of the workspace this one replaces)
        self._replacing = {}
        self._keep_clean = False
        self._rebuild_undo_stack()
        self.undo_stack.setClean()
        self._mark_clean()
        self.by_source_action.setChecked(workspace.view.lanes == "by-source")
        self.selected = None
        saved = workspace.view.range
        self._show_timeline(select=workspace.view.selected,
                            show=(day_number(saved[0]), day_number(saved[1]) + 1) if saved is not None else None)

    def _rebuild_undo_stack(self) -> None:
        """One command per edit the workspace has made, already made (after opening or re-extracting)."""
        self.undo_stack.clear()
        for done in self.workspace.applied:
            titles = {e.id: e.title for _, e in done.removed}
            self.undo_stack.push(EditCommand(self.workspace, done.edit, self._edited, already_applied=True,
                                             titles=titles))

    def add_paths(self, paths: list[str]) -> None:
        """Extract `paths` in the background and add them to the workspace as new sources."""
        articles = [p for p in paths if not is_workspace_file(p)]
        if articles:
            self._keep_clean = False
            self._set_busy(True)
            self.service.submit([str(p) for p in articles], None, self.anchorings)

    def add_dialog(self) -> None:
        folder = str(Path(self.documents[0].path).parent) if self.documents and self.documents[0].path else ""
        paths, _ = QFileDialog.getOpenFileNames(self, "Add articles to the workspace", folder,
                                                "Articles (*.txt *.text *.md *.html *.htm);;All files (*)")
        self.add_paths(paths)

    def open_dialog(self) -> None:
        folder = str(Path(self.documents[0].path).parent) if self.documents and self.documents[0].path else ""
        paths, _ = QFileDialog.getOpenFileNames(self, "Open articles", folder, OPEN_FILTER)
        if paths:
            self.open_paths(paths)

    def cancel_loading(self) -> None:
        self.service.cancel()

    def _remember(self, path: str) -> None:
        absolute = str(Path(path).absolute())
        recent = [p for p in self.recent_files() if p != absolute]
        self.settings.setValue("recent/files", [absolute] + recent[:MAX_RECENT - 1])

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent/files", [])
        return [value] if isinstance(value, str) else [str(v) for v in value or []]

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_files():
            action = self.recent_menu.addAction(menu_text(path))
            action.triggered.connect(lambda _=False, p=path: self.open_paths([p]))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear List", lambda: self.settings.remove("recent/files"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt naming)
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # --- worker results -------------------------------------------------------------

    def _progress(self, message: str, done: int, total: int) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.statusBar().showMessage(message)

    def _document_ready(self, extraction: Extraction) -> None:
        key = self._replacing.pop(extraction.path or "", None)
        selected = self._selected_id()
        if key is not None and any(s.key == key for s in self.workspace.sources):
            stale = self.workspace.replace_extraction(key, extraction)
            self._rebuild_undo_stack()  # edits set aside are no longer on the stack
            if stale:
                self.show_error(f"{len(stale)} corrections no longer fit {self.workspace.source(key).name} "
                                "and are kept aside: " + "; ".join(e.describe() for e in stale))
        else:
            clean = self._keep_clean and not self._modified()
            self.workspace.add_source(extraction)
            if clean:
                self.workspace.saved_revision = self.workspace.revision
                self._mark_clean()
        self._show_timeline(select=selected)
        for note in extraction.notes:
            self.statusBar().showMessage(f"{document_name(extraction)}: {note}", 8000)

    def _finished(self, cancelled: bool) -> None:
        self._set_busy(False)
        if cancelled:
            self.statusBar().showMessage("Cancelled", 5000)
        elif self.timeline is not None:  # (with the far events out of view: this message had replaced that one)
            count, far = len(self.timeline.entries), self._left_out_note()
            self.statusBar().showMessage(f"{count} events on the timeline" + (f"; {far}" if far else ""),
                                         15000 if far else 5000)

    def _left_out_note(self) -> str:
        """What the opening view leaves out, if anything: '2 events far from the others are out of view: …'."""
        n = self.timeline_view.left_out
        if not n:
            return ""
        return (f"{n} event{'s' if n != 1 else ''} far from the others {'are' if n != 1 else 'is'} out of view: "
                f"View > Fit All (0) shows {'them' if n != 1 else 'it'}")

    def _model_loaded(self, description: str) -> None:
        self.model_description = description

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, 0)

    def show_error(self, message: str) -> None:
        """A problem the user can fix: status bar and a dialog that does not block. Problems that come while
        it is open are added to it (ten unreadable files among a hundred opened: one dialog that lists
        them, not ten stacked on one another, each hiding the last)."""
        self.statusBar().showMessage(message, 10000)
        box = self._dialog
        if isinstance(box, QMessageBox) and box.isVisible() and box.property("problems") is not None:
            problems = [*box.property("problems"), message]
            box.setProperty("problems", problems)
            listed = "\n".join(f"• {p}" for p in problems[:SHOWN_PROBLEMS])
            more = len(problems) - SHOWN_PROBLEMS
            box.setText(f"{len(problems)} problems:\n\n{listed}"
                        + (f"\n… and {more} more (Show Details…)" if more > 0 else ""))
            if more > 0:
                box.setDetailedText("\n".join(problems))
            return
        self._dialog = QMessageBox(QMessageBox.Icon.Warning, "Timeline Explorer", message,
                                   QMessageBox.StandardButton.Ok, self)
        self._dialog.setProperty("problems", [message])
        self._dialog.setTextFormat(Qt.TextFormat.PlainText)  # file names and titles are not markup
        self._dialog.open()

    # --- the timeline and the selection ---------------------------------------------

    def _selected_id(self) -> tuple[str, str] | None:
        """(source key, event id) of the selected event."""
        if self.timeline is None or self.selected is None:
            return None
        entry = self.timeline.entries[self.selected]
        return self.shown_sources[entry.doc].key, entry.event.id

    def _show_timeline(self, select: tuple[str, str] | None = None, keep_view: bool = False,
                       show: tuple[float, float] | None = None) -> None:
        """Rebuild the timeline from the workspace; keep the selected event (or select `select`), and with
        `keep_view` the range in view (a correction, undo or redo, a source hidden: the view had jumped back
        to the whole timeline at each), or show the range `show`, else open on the events (`fit_main`).
        A big one is built in the background while the window stays responsive."""
        if show is None and keep_view and self.timeline is not None:
            show = self.timeline_view.visible_range()
        pairs = self.workspace.documents()
        self.shown_sources = [s for s, _ in pairs]
        self.documents = [x for _, x in pairs]
        events = sum(len(d.events) for d in self.documents)
        if events >= BACKGROUND_EVENTS:
            self._building = self.builder.submit(self.workspace.timeline)
            self._after_build = (select, show)
            self._set_busy(True)
            self.statusBar().showMessage(f"Building the timeline of {events:,} events…")
            return
        self._building = 0
        self._apply_timeline(prepare(self.workspace.timeline) if self.documents else None, select, show)

    def _timeline_built(self, request: int, prepared: PreparedTimeline) -> None:
        if request != self._building:
            return
        self._building = 0
        if not self.service.busy:
            self._set_busy(False)
        select, show = self._after_build
        self._after_build = (None, None)
        self._apply_timeline(prepared, select, show)
        self.statusBar().showMessage(f"{len(prepared.timeline.entries):,} events on the timeline", 5000)

    def _timeline_failed(self, request: int, message: str) -> None:
        if request == self._building:
            self._building = 0
            self._set_busy(False)
            self.show_error(message)

    def _apply_timeline(self, prepared: PreparedTimeline | None, select: tuple[str, str] | None = None,
                        show: tuple[float, float] | None = None) -> None:
        key = self.selected if select is None else None
        self.timeline = prepared.timeline if prepared else None
        self.selected = None
        self.timeline_view.set_timeline(self.timeline, self.timeline.title() if self.timeline else "",
                                        colours=timeline_colours(self.workspace),
                                        prepared=prepared.arrays if prepared else None,
                                        links=prepared.links if prepared else None)
        if show is not None and self.timeline is not None:
            self.timeline_view.set_visible_range(*show)
        n = self.timeline_view.left_out
        if n and n != self._told_left_out and show is None:  # (said once, not again at each edit)
            self.statusBar().showMessage(self._left_out_note(), 15000)
        self._told_left_out = n
        entries = legend_entries(self.workspace)
        self.timeline_view.set_legend([(k, s.name, c, v) for (k, _, c, v), s in zip(entries, self.workspace.sources)])
        self.legend.set_entries(entries)
        self.table.set_timeline(self.timeline, prepared.sort_ranks if prepared else None)
        self.search = prepared.search if prepared else None
        participant = self.participant_box.currentText()
        self.participant_box.blockSignals(True)
        self.participant_box.clear()
        self.participant_box.addItem("All participants", "")
        for name in prepared.participants if prepared else ():
            self.participant_box.addItem(name, name)  # (QComboBox.addItems: no item data)
        names = self.participant_box.view()
        names.setMinimumWidth(min(names.sizeHintForColumn(0) + 24, 420))  # the list opens as wide as its names
        self.participant_box.setCurrentIndex(max(self.participant_box.findText(participant), 0))
        self.participant_box.blockSignals(False)
        self._filter_changed()
        self.passage.set_document(self.documents[0] if self.documents else None)
        if select is not None and self.timeline is not None:
            key = next((e.key for e in self.timeline.entries
                        if (self.shown_sources[e.doc].key, e.event.id) == select), None)
        if self.timeline is not None and key is not None and key < len(self.timeline.entries):
            self.select_entry(key)
        self._update_status()
        self._update_title()

    def _undo_index_changed(self, index: int) -> None:
        self._update_title()

    def _mark_clean(self) -> None:
        self._clean_point = (self.workspace.revision, self._stack_moves)

    def _modified(self) -> bool:
        """Unsaved work: the workspace changed since it was saved or opened, unless every change since
        came from the undo stack and the stack is back at its clean index (undone to the saved state)."""
        ws = self.workspace
        if not ws.modified:
            return False
        if ws.saved_revision < 0 or not self.undo_stack.isClean():
            return True
        revision, moves = self._clean_point
        return ws.revision - revision != self._stack_moves - moves

    def _update_title(self) -> None:
        """Workspace name (or the sources' names), with [*] marking unsaved changes."""
        if self.workspace.path:
            names = Path(self.workspace.path).name
        else:
            names = ", ".join(s.name for s in self.workspace.sources)
        self.setWindowTitle(f"{names}[*] — Timeline Explorer" if names else "Timeline Explorer[*]")
        self.setWindowModified(self._modified())
        self._update_actions()

    def _update_actions(self) -> None:
        picked = self._selected_id()
        for action in (self.date_action, self.title_action, self.delete_action, self.merge_action):
            action.setEnabled(picked is not None)
        self.split_action.setEnabled(picked is not None and self.workspace.is_merged(*picked))
        self.restore_action.setEnabled(any(self.workspace.deleted(s.key) for s in self.workspace.sources))

    def select_entry(self, key: int | None) -> None:
        """Make `key` the selected event in all three views."""
        if self.timeline is None or (key is not None and not 0 <= key < len(self.timeline.entries)):
            return
        if key == self.selected:
            return
        self.selected = key
        entry = self.timeline.entries[key] if key is not None else None
        self.timeline_view.set_selected(key)
        self.table.select_entry(key)
        if entry is not None:
            self.passage.set_document(self.timeline.documents[entry.doc])
        self.passage.show_entry(entry)
        self._announce_selection(entry)
        self._update_status()
        self._update_actions()

    def step(self, step: int) -> None:
        """Select the event `step` places away in date order."""
        if self.timeline is not None:
            self.select_entry(self.timeline.neighbour(self.selected, step))

    def show_passage(self) -> None:
        """Scroll the passage to the selected event's sentence and give it the focus."""
        if self.timeline is not None and self.selected is not None:
            self.passage.show_entry(self.timeline.entries[self.selected])
            self.passage.setFocus()

    def _passage_clicked(self, offset: int) -> None:
        if self.timeline is None or self.passage.doc is None:
            return
        doc = next((i for i, d in enumerate(self.timeline.documents) if d is self.passage.doc), None)
        key = self.timeline.entry_at_offset(doc, offset) if doc is not None else None
        if key is not None:
            self.select_entry(key)

    def _filter_typed(self) -> None:
        if self.timeline is not None and len(self.timeline.entries) >= BACKGROUND_EVENTS:
            self._filter_timer.start()  # 100,000 entries take a tenth of a second or more per search
        else:
            self._filter_changed()

    def _filter_changed(self) -> None:
        """The filter acts on the table, the timeline (dimmed or hidden) and the status bar count."""
        text, participant = self.filter_edit.text(), self.participant_box.currentData() or ""
        shown = self.search.keys(text, participant) if self.search is not None else None
        if shown is not None or self.table.rows.filtered:  # (no filter before or now: nothing to redo)
            self.table.set_shown(shown)
        self.table.select_entry(self.selected)
        self.timeline_view.set_filter(shown, hide=self.hide_filtered_action.isChecked())
        self._update_status()

    def _update_status(self) -> None:
        if self.timeline is None or not self.documents:
            self.status_parts.clear()
            self.filter_count.clear()
            self.passage_header.clear()
            return
        doc_index = self.timeline.entries[self.selected].doc if self.selected is not None else 0
        doc = self.timeline.documents[doc_index]
        name = Path(doc.path).name if doc.path else document_name(doc)
        given = "Document > Set Publication Date" if self._published_in_dialog else "the --published option"
        published = describe_publication(doc, given_by=given)
        self.status_parts.set_forms(0, name)
        self.document_label.setToolTip(rich_text_of(f"{document_name(doc)}\n{doc.path or ''}"))
        said = describe_publication(doc, evidence=False, given_by=given)
        self.status_parts.set_forms(1, said, said.split(" (")[0])  # (where from: in the tooltip)
        self.published_label.setToolTip(rich_text_of(published))
        summary = self.timeline.summary(doc_index)
        shown = self.timeline_view.shown_keys
        # the filter's count beside the filter, where the user looks while typing; the status bar's counts are
        # the shown document's ("32 of 661 events match the filter · 3 events" read as a contradiction)
        self.filter_count.setText(f"{len(shown)} of {len(self.timeline.entries)} match" if shown is not None else "")
        self.filter_count.setToolTip(f"{len(shown)} of {len(self.timeline.entries)} events match the filter"
                                     if shown is not None else "")
        events = f"{summary.events} event{'s' if summary.events != 1 else ''}"
        vague = f"{events} · {summary.vague_events} vague"
        self.status_parts.set_forms(2, f"{vague} · {summary.unresolved_timexes} unresolved", vague, events)
        self.counts_label.setToolTip(rich_text_of(summary.describe()))
        if doc.published is None:  # say where it is given, and what it changes
            published += " (Document > Set Publication Date reads 'last week' and 'today' from it)"
        self.passage_header.setText(f"{document_name(doc)} — {published}")

    # --- publication date ------------------------------------------------------------

    def _selected_source(self) -> Source | None:
        """The source of the selected event, else the only (or first) one shown."""
        picked = self._selected_id()
        if picked is not None:
            return self.workspace.source(picked[0])
        return self.shown_sources[0] if self.shown_sources else None

    def publication_dialog(self) -> None:
        """Ask for the selected document's publication date and extract it again with it."""
        source = self._selected_source()
        if source is None or not source.extraction.path or not Path(source.extraction.path).is_file():
            self.show_error("Open an article first: the publication date applies to its text.")
            return
        published = source.extraction.published
        overridden = published is not None and published.source == "option"
        found = "" if overridden else describe_publication(source.extraction, evidence=False)
        found = found.removeprefix("published ")
        dialog = PublicationDateDialog(self, published.date if published else None, overridden=overridden,
                                       name=source.name, found=found)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_publication_date(dialog.chosen_date(), source.key)

    def set_publication_date(self, published: dt.date | None, key: str | None = None) -> None:
        """Re-extract one source (the selected one if `key` is None) with `published` (None: the date found
        in its text); the user's corrections are made again on the new extraction."""
        source = self.workspace.source(key) if key is not None else self._selected_source()
        if source is None or not source.extraction.path or not Path(source.extraction.path).is_file():
            self.show_error("The publication date applies to an article's text, and its file is not there.")
            return
        self._published_in_dialog = published is not None
        path = source.extraction.path
        self._replacing[path] = source.key
        self._set_busy(True)
        when = long_date(published) if published else "the date found in the text"
        self.statusBar().showMessage(f"Resolving {source.name} against {when}…")
        self.service.submit([path], published, self.anchorings)

    # --- anchoring policy, per document ------------------------------------------------

    _ANCHORING_CHOICES = (("auto", "&Auto (chosen per passage)"), ("news", "&News: on the publication date"),
                          ("narrative", "N&arrative: on the story's last date"))

    def _build_anchoring_menu(self, document_menu) -> None:
        from PySide6.QtGui import QActionGroup

        self.anchoring_menu = document_menu.addMenu("&Anchoring of Dates")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.anchoring_actions: dict[str, QAction] = {}
        for policy, label in self._ANCHORING_CHOICES:
            action = QAction(label, self, checkable=True)
            action.setStatusTip("What dates without their own year are anchored on, for the current document")
            action.triggered.connect(lambda _checked=False, p=policy: self.set_anchoring(p))
            group.addAction(action)
            self.anchoring_menu.addAction(action)
            self.anchoring_actions[policy] = action
        self.anchoring_actions["auto"].setChecked(True)
        self.anchoring_menu.aboutToShow.connect(self._check_anchoring)

    def _check_anchoring(self) -> None:
        source = self._selected_source()
        policy = source.extraction.anchoring if source is not None else "auto"
        self.anchoring_actions.get(policy, self.anchoring_actions["auto"]).setChecked(True)
        self.anchoring_menu.setTitle("&Anchoring of Dates" + (f" ({source.name})" if source is not None else ""))

    def set_anchoring(self, policy: str, key: str | None = None) -> None:
        """Extract the selected source (or source `key`) again with anchoring `policy`, keeping its date."""
        source = self.workspace.source(key) if key is not None else self._selected_source()
        if source is None or not source.extraction.path or not Path(source.extraction.path).is_file():
            self.show_error("Open an article first: the anchoring of dates applies to its text.")
            return
        self.anchorings[source.extraction.path] = policy
        published = source.extraction.published
        given = published.date if published is not None and published.source == "option" else None
        self.set_publication_date(given, source.key)


    # --- export and about -------------------------------------------------------------

    def _export_stem(self) -> str:
        """The name an export is offered under: the workspace's, else its one source's, else 'timeline'."""
        if self.workspace.path:
            return Path(self.workspace.path).name.removesuffix(SUFFIX) or "timeline"
        if len(self.workspace.sources) == 1:
            return Path(self.workspace.sources[0].name).stem or "timeline"
        return "timeline"

    def _export_folder(self, key: str) -> Path:
        """The folder the last export of this kind went to; at first (or if it is gone) the workspace's folder,
        else its first source's, else the home folder."""
        folders = [str(self.settings.value(key, "") or "")]
        folders += [str(Path(self.workspace.path).parent)] if self.workspace.path else []
        folders += [str(Path(x.path).parent) for x in self.documents[:1] if x.path]
        return next((Path(f) for f in folders if f and Path(f).is_dir()), Path.home())

    def export_dialog(self) -> None:
        """File > Export Image; the folder, format, width, range and paper of the last export are offered again."""
        s = self.settings
        suffix = str(s.value("export/imageSuffix", ".png"))
        width = int(s.value("export/imageWidth", 2 * self.timeline_view.viewport().width()))
        dialog = ExportDialog(self, default_width=width,
                              path=str(self._export_folder("export/imageFolder") / (self._export_stem() + suffix)),
                              visible=s.value("export/imageRange", "whole") == "visible",
                              paper=str(s.value("export/paper", "A4")))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            from timeline_app.gui.image_export import export_image  # not needed before the first export

            path = export_image(self, dialog.path(), dialog.image_width(), dialog.visible_only(), dialog.paper())
        except UserError as exc:
            self.show_error(str(exc))
            return
        written = Path(path)
        for key, value in (("export/imageFolder", str(written.parent)), ("export/imageSuffix", written.suffix),
                           ("export/imageWidth", dialog.image_width()),
                           ("export/imageRange", "visible" if dialog.visible_only() else "whole"),
                           ("export/paper", dialog.paper())):
            s.setValue(key, value)
        self.statusBar().showMessage(f"Saved {path}", 8000)

    def print_dialog(self) -> None:
        """File > Print: the system print dialog, then the timeline on landscape paper."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from timeline_app.gui.image_export import print_timeline

        if self.timeline is None:
            self.show_error("Open an article first: there is no timeline to print.")
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_timeline(self, printer)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.statusBar().showMessage("Sent to the printer", 5000)

    def about_text(self) -> str:
        return about_html(self.model_description)

    def show_about(self) -> None:
        self._dialog = AboutDialog(self.model_description, self)
        self._dialog.open()

    # --- state ------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        for key, splitter in (("window/splitter", self.splitter), ("window/lowerSplitter", self.lower_splitter)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
        # the view's choices of the last session (QSettings' INI files give booleans back as text)
        self.hide_filtered_action.setChecked(str(self.settings.value("view/hideFiltered", False)).lower() == "true")
        self.table.timeml_action.setChecked(str(self.settings.value("view/timeml", False)).lower() == "true")

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/lowerSplitter", self.lower_splitter.saveState())
        self.settings.setValue("view/hideFiltered", self.hide_filtered_action.isChecked())
        self.settings.setValue("view/timeml", self.table.show_timeml)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._ending and self._modified() and not self._confirm_discard("closing"):
            event.ignore()
            return
        self.save_state()
        wait = not self.process_ends_on_close
        self.service.shutdown(wait)
        self.autosave_timer.stop()
        if not self._ending:
            self.autosave_path.unlink(missing_ok=True)  # a normal end: nothing to restore
        self.builder.latest += 1  # nothing more to deliver
        if wait:
            self.builder.wait(10)
            worker = self.timeline_view.labels._worker
            if worker is not None:
                worker.join(10)
        super().closeEvent(event)

    def end_session(self) -> str:
        """Close at once, as a terminal's Ctrl-C, `kill` or the end of the desktop session asks; say what
        became of the unsaved work.

        Nobody may be there to answer a question, and a program asked to stop must stop: like Emacs, Vim and
        LibreOffice, the unsaved workspace is written whole to the autosave folder and kept, and the next start
        offers to restore it.  Open dialogs are dismissed; a save never stops half-way (it runs on this thread).
        """
        note = "no unsaved work"
        if self._modified() and self.workspace.sources:
            kept = self.autosave()
            note = (f"unsaved work kept in {kept}; the next start offers to restore it" if kept else
                    "the unsaved work could not be kept: " + self.statusBar().currentMessage())
        self._ending = True
        while (dialog := QApplication.activeModalWidget()) is not None and dialog is not self:
            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                dialog.close()
            if QApplication.activeModalWidget() is dialog:  # (it would not go: do not loop for ever)
                break
        self.close()
        return note

    def ask_save(self, doing: str) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel (a method, so tests can answer it)."""
        return QMessageBox.question(
            self, "Unsaved changes", f"The workspace has unsaved changes. Save them before {doing}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)

    def _confirm_discard(self, doing: str) -> bool:
        answer = self.ask_save(doing)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- workspace: save, autosave, restore -------------------------------------------

    def _store_view(self) -> None:
        view = self.workspace.view
        x0, x1 = self.timeline_view.visible_range()
        view.range = (day_at(x0), day_at(max(x1 - 1, x0))) if self.timeline is not None else None
        view.selected = self._selected_id()

    def save(self) -> bool:
        """Save to the workspace's file (asking for one the first time); False if not saved."""
        if not self.workspace.path:
            return self.save_as()
        return self._save_to(self.workspace.path)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self, "Save Workspace", self._workspace_start(), WORKSPACE_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".timeline.json"):
            path = path.removesuffix(".json") + ".timeline.json"
        if self._save_to(path):
            self.settings.setValue("workspace/folder", str(Path(path).parent))
            return True
        return False

    def _workspace_start(self) -> str:
        """Where Save offers to write a new workspace: under its one source's name ('10_PunicWars.timeline.json',
        else 'story'), in the folder the last workspace went to, else its first source's own folder, else home
        (it had offered ~/story.timeline.json for every story)."""
        if self.workspace.path:
            return self.workspace.path
        sources = self.workspace.sources
        stem = Path(sources[0].name).stem if len(sources) == 1 and Path(sources[0].name).stem else "story"
        folders = [str(self.settings.value("workspace/folder", "") or "")]
        folders += [str(Path(x.path).parent) for x in self.documents[:1] if x.path]
        folder = next((Path(f) for f in folders if f and Path(f).is_dir()), Path.home())
        return str(folder / f"{stem}{SUFFIX}")

    def _save_to(self, path: str) -> bool:
        self._store_view()
        try:
            self.workspace.save(path)
        except UserError as exc:
            self.show_error(str(exc))
            return False
        self.undo_stack.setClean()
        self._mark_clean()
        self._remember(path)
        self.autosave_path.unlink(missing_ok=True)
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def autosave(self) -> Path | None:
        """Write unsaved work to the autosave folder (not to the workspace's own file)."""
        if not self._modified() or not self.workspace.sources:
            return None
        import json

        from timeline_app.core.fileio import write_atomic

        self._store_view()
        data = self.workspace.to_dict()
        data["autosave_of"] = self.workspace.path
        try:
            self.autosave_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.autosave_path, json.dumps(data, ensure_ascii=False))
        except (OSError, UserError) as exc:
            self.statusBar().showMessage(f"Autosave failed: {exc}", 8000)
            return None
        return self.autosave_path

    def offer_restore(self) -> bool:
        """After a crash: offer the newest autosave left behind; True if it was restored."""
        found = orphaned_autosaves()
        if not found:
            return False
        latest = found[0]
        answer = self.ask_restore(latest)
        if answer != QMessageBox.StandardButton.Yes:
            if answer == QMessageBox.StandardButton.Discard:
                for f in found:
                    f.unlink(missing_ok=True)
            return False
        try:
            opened = open_workspace(latest)
        except UserError as exc:
            self.show_error(str(exc))
            return False
        import json

        origin = json.loads(latest.read_text(encoding="utf-8")).get("autosave_of")
        opened.workspace.path = origin
        opened.workspace.saved_revision = -1  # restored work is unsaved until the user saves it
        self.show_workspace(opened)
        latest.unlink(missing_ok=True)
        self._update_title()
        self.statusBar().showMessage("Restored the work of the last session, which ended unexpectedly", 10000)
        return True

    def ask_restore(self, path: Path) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, "Restore unsaved work?",
            "Timeline Explorer did not close normally last time. Restore the unsaved work it kept "
            f"({path.name})?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Yes)

    def show_undo_history(self) -> None:
        if self.undo_view is None:
            self.undo_view = QUndoView(self.undo_stack)
            self.undo_view.setWindowTitle("Undo History")
            self.undo_view.setEmptyLabel("Extraction (no corrections)")
            self.undo_view.setParent(self, Qt.WindowType.Tool)
            self.undo_view.resize(360, 320)
        self.undo_view.show()
        self.undo_view.raise_()

    # --- corrections ----------------------------------------------------------------------

    def push_edit(self, edit: Edit) -> bool:
        """Make `edit` through the undo stack; a message (and no change) if it does not fit."""
        try:
            edit.apply(self.workspace.current(edit.source))  # a dry run: the stack must only hold edits that fit
        except (EditConflict, KeyError) as exc:
            self.show_error(f"This correction does not fit: {exc}")
            return False
        target = getattr(edit, "new_id", "") or getattr(edit, "event", None)
        target = target.id if isinstance(target, Event) else target
        self._next_selection = (edit.source, target) if isinstance(target, str) and target else None
        self.undo_stack.push(EditCommand(self.workspace, edit, self._edited))
        return True

    def _edited(self, edit: Edit, done: bool) -> None:
        self._stack_moves += 1
        select = (self._next_selection if done else None) or self._selected_id()
        self._next_selection = None
        self.selected = None
        self._show_timeline(select=select, keep_view=True)

    def _picked_entry(self):
        if self.timeline is None or self.selected is None:
            self.show_error("Select an event first (in the timeline or the table).")
            return None
        return self.timeline.entries[self.selected]

    def correct_date_dialog(self) -> None:
        entry = self._picked_entry()
        if entry is None:
            return
        ev = entry.event
        day = ev.earliest or (self.documents[entry.doc].published.date if self.documents[entry.doc].published
                              else dt.date.today())
        dialog = DateDialog(self, f"{entry.label}: {ev.title}", day, ev.latest or day, ev.granularity)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            day, precision, until = dialog.fields.value()
            self.push_edit(ChangeDate.to(self.shown_sources[entry.doc].key, ev.id, day, precision, until))

    def rename_dialog(self) -> None:
        entry = self._picked_entry()
        if entry is None:
            return
        title, ok = self.ask_title(entry.event.title, entry.label)
        if ok and title.strip() and title.strip() != entry.event.title:
            self.push_edit(Retitle(self.shown_sources[entry.doc].key, entry.event.id, " ".join(title.split())))

    def ask_title(self, title: str, date: str) -> tuple[str, bool]:
        """Rename Event's question: the title in a field wide enough to read it whole (QInputDialog.getText's
        field showed some 20 characters of an 80-character title)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Rename Event")
        dialog.setLabelText(f"Title of the event of {date}:")
        dialog.setTextValue(title)
        width = QFontMetricsF(dialog.font()).horizontalAdvance(title + "xxxxxx")
        dialog.resize(int(min(max(width, 420), 900)), dialog.sizeHint().height())
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.textValue(), ok

    def delete_selected(self) -> None:
        entry = self._picked_entry()
        if entry is None:
            return
        key = self.shown_sources[entry.doc].key
        neighbour = self.timeline.neighbour(entry.key, 1 if entry.key + 1 < len(self.timeline.entries) else -1)
        after = self.timeline.entries[neighbour] if neighbour is not None and neighbour != entry.key else None
        if self.push_edit(Delete(key, entry.event.id)):
            self.selected = None
            if after is not None:
                self._show_timeline(select=(self.shown_sources[after.doc].key, after.event.id), keep_view=True)

    def restore_dialog(self) -> None:
        choices = [(s.key, e) for s in self.workspace.sources for e in self.workspace.deleted(s.key)]
        if not choices:
            self.show_error("No deleted event to restore.")
            return
        names = [f"{e.title} ({self.workspace.source(k).name})" for k, e in choices]
        name, ok = QInputDialog.getItem(self, "Restore Deleted Event", "Event:", names, 0, False)
        if ok:
            key, event = choices[names.index(name)]
            self.push_edit(Insert(key, event, restore=True))

    def merge_dialog(self) -> None:
        entry = self._picked_entry()
        if entry is None:
            return
        others = [e for e in self.timeline.entries if e.doc == entry.doc and e.key != entry.key]
        if not others:
            self.show_error("This source has no other event to merge with.")
            return
        names = [f"{e.label}: {e.title}" for e in others]
        near = min(range(len(others)), key=lambda i: abs(others[i].key - entry.key))
        name, ok = QInputDialog.getItem(self, "Merge Events", f"Merge “{entry.title}” with:", names, near, False)
        if ok:
            other = others[names.index(name)]
            self.merge_events(entry.key, other.key)

    def merge_events(self, key: int, other: int) -> bool:
        a, b = self.timeline.entries[key], self.timeline.entries[other]
        if a.doc != b.doc:
            self.show_error("Only events of the same source can be merged.")
            return False
        return self.push_edit(self.workspace.merge(self.shown_sources[a.doc].key, [a.event.id, b.event.id]))

    def split_selected(self) -> None:
        picked = self._selected_id()
        if picked is None or not self.workspace.is_merged(*picked):
            self.show_error("Select an event made by merging first.")
            return
        edit = self.workspace.split(*picked)
        if self.push_edit(edit):
            self._show_timeline(select=(picked[0], edit.parts[0].id), keep_view=True)

    def add_event_dialog(self) -> None:
        span = self.passage.selected_span()
        doc = self.passage.doc
        if span is None or doc is None:
            self.show_error("Select the text of the event in the passage first.")
            return
        source = next((s for s, d in zip(self.shown_sources, self.documents) if d is doc), None)
        if source is None:
            return
        inside = [t for t in doc.timexes if span[0] <= t.start and t.end <= span[1] and t.earliest is not None]
        before = [t for t in doc.timexes if t.end <= span[0] and t.earliest is not None]
        # a date typed starts at the last date told before the selection (a history's 241 BC, as precise), else
        # at the publication's day
        last = max(before, key=lambda t: t.end) if before else None
        default = last.earliest if last else doc.published.date if doc.published else dt.date.today()
        dialog = AddEventDialog(self, doc.text[span[0]:span[1]], inside[0] if inside else None, default,
                                last.granularity if last else "day")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        typed = dialog.typed_date()
        try:
            if typed is None:
                edit = self.workspace.add_event(source.key, dialog.title.text(), span)
            else:
                day, precision, until = typed
                edit = self.workspace.add_event(source.key, dialog.title.text(), span, day, precision, until)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.push_edit(edit)

    def copy_chronology(self, shown: bool = False) -> str:
        """Copy the selected event (or, with `shown`, every event the table shows) as a dated list."""
        from timeline_app.core.export_data import chronology_lines

        if self.timeline is None:
            return ""
        if shown or self.selected is None:
            keys = self.table.shown_keys()
        else:
            keys = [self.selected]
        text = "\n".join(chronology_lines(self.timeline, keys))
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(f"Copied {len(text.splitlines())} events as a chronology", 5000)
        return text

    # --- sources and lanes -----------------------------------------------------------------

    def set_source_visible(self, key: str, visible: bool) -> None:
        self.workspace.set_visible(key, visible)
        self._show_timeline(select=self._selected_id(), keep_view=True)

    def _fill_sources_menu(self) -> None:
        self.sources_menu.clear()
        for s in self.workspace.sources:
            action = self.sources_menu.addAction(source_caption(self.workspace, s))
            action.setCheckable(True)
            action.setChecked(s.visible)
            action.toggled.connect(lambda on, k=s.key: self.set_source_visible(k, on))
        if self.sources_menu.isEmpty():
            self.sources_menu.addAction("(none)").setEnabled(False)

    def _lanes_toggled(self) -> None:
        self.set_lane_mode("by-source" if self.by_source_action.isChecked() else "merged")

    def set_lane_mode(self, mode: str) -> None:
        self.workspace.set_lanes(mode)
        self.by_source_action.setChecked(mode == "by-source")
        self._show_timeline(select=self._selected_id(), keep_view=True)

    # --- data export ------------------------------------------------------------------------

    def export_data_dialog(self) -> None:
        """File > Export Data; the folder and format of the last data export are offered again."""
        fmt = str(self.settings.value("export/dataFormat", "csv"))
        fmt = fmt if fmt in dict(DATA_EXPORTS) else "csv"
        start = self._export_folder("export/dataFolder") / (self._export_stem() + DATA_SUFFIXES[fmt])
        path, chosen = QFileDialog.getSaveFileName(self, "Export Data", str(start),
                                                   ";;".join(f for _, f in DATA_EXPORTS), dict(DATA_EXPORTS)[fmt])
        if path:
            fmt = next((f for f, flt in DATA_EXPORTS if flt == chosen), fmt)
            if self.export_data(path, fmt):
                self.settings.setValue("export/dataFolder", str(Path(path).parent))
                self.settings.setValue("export/dataFormat", fmt)

    def export_data(self, path: str, fmt: str) -> list[Path]:
        """Write the visible sources, as corrected, to `path` (TimeML: a folder of .tml files next to it)."""
        from timeline_app.core.export_data import write_data

        if fmt == "timeml" and len(self.documents) > 1 and path.lower().endswith(".tml"):
            path = path[:-4]  # one file per source: a folder named like the file asked for
        try:
            written = write_data(self.workspace, fmt, path, visible_only=True)
        except UserError as exc:
            self.show_error(str(exc))
            return []
        self.statusBar().showMessage(f"Wrote {', '.join(str(p) for p in written)}", 8000)
        return written


class ShortAction(QAction):
    """The toolbar's Undo or Redo of `stack`: a short text of its own, what it would do in its tooltip."""

    def __init__(self, text: str, stack: QUndoStack, redo: bool, shortcut: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.word, self.shortcut_text = text, shortcut
        self.triggered.connect(stack.redo if redo else stack.undo)
        (stack.canRedoChanged if redo else stack.canUndoChanged).connect(self.setEnabled)
        (stack.redoTextChanged if redo else stack.undoTextChanged).connect(self.say)
        self.setEnabled(stack.canRedo() if redo else stack.canUndo())
        self.say(stack.redoText() if redo else stack.undoText())

    def say(self, what: str) -> None:
        self.setToolTip(f"{self.word} {what} ({self.shortcut_text})" if what else f"{self.word} ({self.shortcut_text})")


class PublicationDateDialog(QDialog):
    """The publication date every relative expression is resolved against."""

    def __init__(self, parent: QWidget, current: dt.date | None, overridden: bool, name: str = "",
                 found: str = "") -> None:
        """`found`: what was found, and where ('23 December 2013? (unconfirmed: from the Word file's creation
        date)', 'publication date unknown'), when the document's own date is the one in use."""
        super().__init__(parent)
        self.setWindowTitle(f"Publication Date of {name}" if name else "Publication Date")
        # what was found, so that a guess (a Word file's creation date) is seen for one before it is kept
        self.found = QRadioButton(f"The date found in the document: {found}" if found else
                                  "The date found in the document (URL, dateline, HTML, file name)")
        self.given = QRadioButton("This date:")
        # a plain line edit: a date typed or pasted over a selection is taken as typed (a QDateEdit edits
        # one section at a time and drops it); the calendar button picks one instead
        self.date_edit = QLineEdit(placeholderText="YYYY-MM-DD, or e.g. 10 May 2017")
        self.date_edit.setAccessibleName("Publication date")
        self.calendar_button = QToolButton(text="Calendar…")
        self.calendar_button.clicked.connect(self._pick_from_calendar)
        day = current or dt.date.today()
        self.date_edit.setText(day.isoformat())
        (self.given if overridden else self.found).setChecked(True)
        for widget in (self.date_edit, self.calendar_button):
            widget.setEnabled(overridden)
            self.given.toggled.connect(widget.setEnabled)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c92a2a")
        note = QLabel((f"For {name} only. " if name else "")
                      + "'Last week', 'April 12' and 'later this month' are resolved against this date.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.found)
        row = QHBoxLayout()
        row.addWidget(self.given)
        row.addWidget(self.date_edit, 1)
        row.addWidget(self.calendar_button)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _pick_from_calendar(self) -> None:
        from PySide6.QtWidgets import QCalendarWidget

        dialog = QDialog(self)
        dialog.setWindowTitle("Pick the publication date")
        calendar = QCalendarWidget(dialog)
        typed = parse_typed_date(self.date_edit.text())
        if typed is not None:
            calendar.setSelectedDate(QDate(typed.year, typed.month, typed.day))
        calendar.activated.connect(dialog.accept)
        QVBoxLayout(dialog).addWidget(calendar)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            q = calendar.selectedDate()
            self.date_edit.setText(dt.date(q.year(), q.month(), q.day()).isoformat())

    def chosen_date(self) -> dt.date | None:
        """The date typed (None: the date found in the document, or nothing readable typed)."""
        if not self.given.isChecked():
            return None
        return parse_typed_date(self.date_edit.text())

    def accept(self) -> None:
        if self.given.isChecked() and self.chosen_date() is None:
            self.error.setText(f"“{self.date_edit.text().strip()}” is not a date: type e.g. 2017-05-10")
            self.date_edit.setFocus()
            self.date_edit.selectAll()
            return
        super().accept()


def parse_typed_date(text: str) -> dt.date | None:
    """A date as a person types it: '2017-05-10', '10 May 2017', 'May 10, 2017', '10/05/2017' (day first)."""
    text = " ".join(text.replace(",", " ").split())
    for form in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


class ExportDialog(QDialog):
    """File, width and range of an image export."""

    def __init__(self, parent: QWidget, default_width: int, path: str = "", visible: bool = False,
                 paper: str = "A4") -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Image")
        self.path_edit = QLineEdit(path or str(Path.home() / "timeline.png"))
        self.path_edit.setMinimumWidth(int(QFontMetricsF(self.path_edit.font()).horizontalAdvance("x" * 48)))  # to read
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        from timeline_app.gui.image_export import MAX_WIDTH, MIN_WIDTH

        self.width_box = QSpinBox(minimum=MIN_WIDTH, maximum=MAX_WIDTH, value=default_width, suffix=" px")
        self.width_box.setToolTip("PNG width; SVG and PDF are vector drawings scaled to this width")
        self.whole = QRadioButton("Whole timeline", checked=not visible)
        self.visible = QRadioButton("Visible range", checked=visible)
        group = QButtonGroup(self)
        group.addButton(self.whole)
        group.addButton(self.visible)
        scope = QHBoxLayout()
        scope.addWidget(self.whole)
        scope.addWidget(self.visible)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("File:", path_row)
        form.addRow("Width:", self.width_box)
        form.addRow("Range:", scope)
        self.paper_box = QComboBox()
        self.paper_box.addItems(["A4", "Letter"])
        self.paper_box.setCurrentText(paper)
        self.paper_box.setToolTip("PDF: landscape paper the timeline is fitted to, with a title block")
        form.addRow("PDF paper:", self.paper_box)
        form.addRow(buttons)

    def _browse(self) -> None:
        from timeline_app.gui.image_export import FORMATS

        filters = ";;".join(f"{kind} image (*{suffix})" for suffix, kind in FORMATS.items())
        path, _ = QFileDialog.getSaveFileName(self, "Export Image", self.path_edit.text(), filters)
        if path:
            self.path_edit.setText(path)
            self._replace_asked = path  # (the file dialog asked already)

    def accept(self) -> None:
        """An existing file is replaced only when the user says so (the offered name is the last export's)."""
        path = self.path()
        asked = path == getattr(self, "_replace_asked", None)
        if path and not asked and Path(path).is_file() and not self.ask_replace(path):
            self.path_edit.setFocus()
            return
        super().accept()

    def ask_replace(self, path: str) -> bool:
        answer = QMessageBox.question(self, "Export Image", f"{Path(path).name} already exists in "
                                      f"{Path(path).parent}.\nDo you want to replace it?")
        return answer == QMessageBox.StandardButton.Yes

    def path(self) -> str:
        return self.path_edit.text().strip()

    def image_width(self) -> int:
        return self.width_box.value()

    def visible_only(self) -> bool:
        return self.visible.isChecked()

    def paper(self) -> str:
        return self.paper_box.currentText()
