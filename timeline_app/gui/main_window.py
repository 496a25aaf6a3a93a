"""The main window: timeline, event table and passage, kept on the same selected event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QByteArray, QDate, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QMainWindow, QMessageBox, QProgressBar, QPushButton, QRadioButton, QSizePolicy, QSpinBox, QSplitter,
    QToolButton, QVBoxLayout, QWidget,
)

from timeline_app.core.errors import UserError
from timeline_app.core.model import Extraction
from timeline_app.core.timeline import Timeline, build_timeline, describe_publication, document_name
from timeline_app.gui.about import AboutDialog, about_html
from timeline_app.gui.event_table import EventTable
from timeline_app.gui.passage_view import PassageView
from timeline_app.gui.timeline_view import TimelineView
from timeline_app.gui.workers import ExtractionService

MAX_RECENT = 10
OPEN_FILTER = ("Articles (*.txt *.text *.md *.html *.htm);;Extractions (*.json *.jsonl);;"
               "All files (*)")


class MainWindow(QMainWindow):
    """Shows the timeline of the opened documents; all views follow one selected event."""

    def __init__(self, model: str | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.documents: list[Extraction] = []
        self.timeline: Timeline | None = None
        self.selected: int | None = None
        self.model_description = "not loaded yet"
        self._published: dt.date | None = None
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

        self.timeline_view = TimelineView()
        self.table = EventTable()
        self.passage = PassageView()
        self.filter_edit = QLineEdit(placeholderText="Filter events: words in title, date, sentence…")
        self.filter_edit.setClearButtonEnabled(True)
        self.participant_box = QComboBox()
        self.participant_box.setMinimumContentsLength(14)
        self.passage_header = QLabel()
        self.passage_header.setTextFormat(Qt.TextFormat.PlainText)
        self.passage_header.setWordWrap(True)
        self.passage_header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._build_layout()
        self._build_actions()
        self._build_status_bar()

        self.timeline_view.entryClicked.connect(self.select_entry)
        self.timeline_view.stepRequested.connect(self.step)
        self.timeline_view.passageRequested.connect(self.show_passage)
        self.table.entrySelected.connect(self.select_entry)
        self.table.passageRequested.connect(self.show_passage)
        self.passage.offsetClicked.connect(self._passage_clicked)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.participant_box.currentIndexChanged.connect(self._filter_changed)
        self._restore_state()

    # --- building ---------------------------------------------------------------------

    def _build_layout(self) -> None:
        table_panel = QWidget()
        table_layout = QVBoxLayout(table_panel)
        table_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
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
        self.splitter.addWidget(self.timeline_view)
        self.splitter.addWidget(self.lower_splitter)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([460, 360])
        self.setCentralWidget(self.splitter)

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
                                        "Open one or more articles")
        self.export_action = self._action("&Export Image…", self.export_dialog, "Ctrl+E",
                                          "Save the timeline as PNG, SVG or PDF")
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.fit_action = self._action("&Fit All", self.timeline_view.fit_all, "Ctrl+0",
                                       "Show the whole timeline (0 in the timeline)")
        self.zoom_in_action = self._action("Zoom &In", lambda: self.timeline_view.zoom(0.5),
                                           QKeySequence.StandardKey.ZoomIn, "Zoom in (+ in the timeline)")
        self.zoom_out_action = self._action("Zoom &Out", lambda: self.timeline_view.zoom(2.0),
                                            QKeySequence.StandardKey.ZoomOut, "Zoom out (- in the timeline)")
        previous_action = self._action("&Previous Event", lambda: self.step(-1), "Alt+Left")
        next_action = self._action("&Next Event", lambda: self.step(1), "Alt+Right")
        passage_action = self._action("Show &Passage", self.show_passage, "Ctrl+Return")
        about_action = self._action("&About Timeline Explorer", self.show_about)
        self.published_action = self._action(
            "Set &Publication Date…", self.publication_dialog, "Ctrl+D",
            "Resolve relative dates against another publication date (or the one found in the text)")

        menu = self.menuBar().addMenu("&File")
        menu.addAction(self.open_action)
        self.recent_menu = menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        document_menu = self.menuBar().addMenu("&Document")
        document_menu.addAction(self.published_action)
        self._build_anchoring_menu(document_menu)
        menu = self.menuBar().addMenu("&View")
        for action in (self.fit_action, self.zoom_in_action, self.zoom_out_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (previous_action, next_action, passage_action):
            menu.addAction(action)
        self.menuBar().addMenu("&Help").addAction(about_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.addActions([self.open_action, self.export_action])
        toolbar.addSeparator()
        toolbar.addActions([self.fit_action, self.zoom_in_action, self.zoom_out_action])

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QToolButton(text="Cancel")
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.document_label, self.published_label, self.counts_label = QLabel(), QLabel(), QLabel()
        for label in (self.document_label, self.published_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (self.progress_bar, self.cancel_button, self.document_label, self.published_label,
                       self.counts_label):
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
        from timeline_app.core.corpus import is_extraction_file, load_extractions

        stored = [p for p in paths if is_extraction_file(p)]
        articles = [p for p in paths if not is_extraction_file(p)]
        try:
            loaded = [x for p in stored for x in load_extractions(p)]
        except UserError as exc:
            self.show_error(str(exc))
            return
        self._published = published
        self.documents = loaded
        self._show_timeline()
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
        self.documents = list(extractions)
        self._show_timeline()
        for path in reversed(list(sources)):
            self._remember(path)

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
            action = self.recent_menu.addAction(path)
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
        self.documents.append(extraction)
        self._show_timeline()
        for note in extraction.notes:
            self.statusBar().showMessage(f"{document_name(extraction)}: {note}", 8000)

    def _finished(self, cancelled: bool) -> None:
        self._set_busy(False)
        if cancelled:
            self.statusBar().showMessage("Cancelled", 5000)
        elif self.timeline is not None:
            count = len(self.timeline.entries)
            self.statusBar().showMessage(f"{count} events on the timeline", 5000)

    def _model_loaded(self, description: str) -> None:
        self.model_description = description

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, 0)

    def show_error(self, message: str) -> None:
        """A problem the user can fix: status bar and a dialog that does not block."""
        self.statusBar().showMessage(message, 10000)
        self._dialog = QMessageBox(QMessageBox.Icon.Warning, "Timeline Explorer", message,
                                   QMessageBox.StandardButton.Ok, self)
        self._dialog.open()

    # --- the timeline and the selection ---------------------------------------------

    def _show_timeline(self) -> None:
        key = self.selected
        self.timeline = build_timeline(self.documents) if self.documents else None
        self.selected = None
        self.timeline_view.set_timeline(self.timeline, self.timeline.title() if self.timeline else "")
        self.table.set_timeline(self.timeline)
        participant = self.participant_box.currentText()
        self.participant_box.blockSignals(True)
        self.participant_box.clear()
        self.participant_box.addItem("All participants", "")
        for name in self.timeline.participants() if self.timeline else ():
            self.participant_box.addItem(name, name)
        self.participant_box.setCurrentIndex(max(self.participant_box.findText(participant), 0))
        self.participant_box.blockSignals(False)
        self._filter_changed()
        self.passage.set_document(self.documents[0] if self.documents else None)
        if self.timeline is not None and key is not None and key < len(self.timeline.entries):
            self.select_entry(key)
        self._update_status()
        names = ", ".join(document_name(d) if not d.path else Path(d.path).name for d in self.documents)
        self.setWindowTitle(f"{names} — Timeline Explorer" if names else "Timeline Explorer")

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
        self._update_status()

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

    def _filter_changed(self) -> None:
        self.table.proxy.set_filter(self.filter_edit.text(), self.participant_box.currentData() or "")
        self.table.select_entry(self.selected)

    def _update_status(self) -> None:
        if self.timeline is None or not self.documents:
            for label in (self.document_label, self.published_label, self.counts_label):
                label.clear()
            self.passage_header.clear()
            return
        doc_index = self.timeline.entries[self.selected].doc if self.selected is not None else 0
        doc = self.timeline.documents[doc_index]
        name = Path(doc.path).name if doc.path else document_name(doc)
        published = describe_publication(doc)
        self.document_label.setText(name)
        self.document_label.setToolTip(f"{document_name(doc)}\n{doc.path or ''}")
        self.published_label.setText(describe_publication(doc, evidence=False))
        self.published_label.setToolTip(published)
        summary = self.timeline.summary(doc_index)
        self.counts_label.setText(f"{summary.events} events · {summary.vague_events} vague · "
                                  f"{summary.unresolved_timexes} unresolved")
        self.counts_label.setToolTip(summary.describe())
        self.passage_header.setText(f"{document_name(doc)} — {published}")

    # --- publication date ------------------------------------------------------------

    def publication_dialog(self) -> None:
        """Ask for the publication date and extract the open articles again with it."""
        paths = [d.path for d in self.documents if d.path and Path(d.path).is_file()]
        if not paths:
            self.show_error("Open an article first: the publication date applies to its text.")
            return
        current = self._published or next((d.published.date for d in self.documents if d.published), None)
        dialog = PublicationDateDialog(self, current, overridden=self._published is not None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_publication_date(dialog.chosen_date())

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

    def current_document(self) -> int | None:
        """The document of the selected event, else the first one."""
        if not self.documents:
            return None
        if self.timeline is not None and self.selected is not None and self.selected < len(self.timeline.entries):
            return self.timeline.entries[self.selected].doc
        return 0

    def _check_anchoring(self) -> None:
        doc = self.current_document()
        policy = self.documents[doc].anchoring if doc is not None else "auto"
        self.anchoring_actions.get(policy, self.anchoring_actions["auto"]).setChecked(True)

    def set_anchoring(self, policy: str, doc: int | None = None) -> None:
        """Extract document `doc` (default: the current one) again with anchoring `policy`."""
        doc = self.current_document() if doc is None else doc
        if doc is None or not self.documents[doc].path or not Path(self.documents[doc].path).is_file():
            self.show_error("Open an article first: the anchoring of dates applies to its text.")
            return
        self.anchorings[self.documents[doc].path] = policy
        self.set_publication_date(self._published)

    def set_publication_date(self, published: dt.date | None) -> None:
        """Re-extract the open articles with `published` (None: the date found in each text)."""
        paths = [d.path for d in self.documents if d.path and Path(d.path).is_file()]
        if paths:
            self.open_paths(paths, published)

    # --- export and about -------------------------------------------------------------

    def export_dialog(self) -> None:
        dialog = ExportDialog(self, default_width=2 * self.timeline_view.viewport().width())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            from timeline_app.gui.image_export import export_image  # not needed before the first export

            path = export_image(self, dialog.path(), dialog.image_width(), dialog.visible_only())
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.statusBar().showMessage(f"Saved {path}", 8000)

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

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/lowerSplitter", self.lower_splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        self.service.shutdown()
        super().closeEvent(event)


class PublicationDateDialog(QDialog):
    """The publication date every relative expression is resolved against."""

    def __init__(self, parent: QWidget, current: dt.date | None, overridden: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publication Date")
        self.found = QRadioButton("The date found in the document (URL, dateline, HTML, file name)")
        self.given = QRadioButton("This date:")
        self.date_edit = QDateEdit(calendarPopup=True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        day = current or dt.date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        (self.given if overridden else self.found).setChecked(True)
        self.date_edit.setEnabled(overridden)
        self.given.toggled.connect(self.date_edit.setEnabled)
        note = QLabel("'Last week', 'April 12' and 'later this month' are resolved against this date.")
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
        layout.addLayout(row)
        layout.addWidget(buttons)

    def chosen_date(self) -> dt.date | None:
        if not self.given.isChecked():
            return None
        q = self.date_edit.date()
        return dt.date(q.year(), q.month(), q.day())


class ExportDialog(QDialog):
    """File, width and range of an image export."""

    def __init__(self, parent: QWidget, default_width: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Image")
        self.path_edit = QLineEdit(str(Path.home() / "timeline.png"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        from timeline_app.gui.image_export import MAX_WIDTH, MIN_WIDTH

        self.width_box = QSpinBox(minimum=MIN_WIDTH, maximum=MAX_WIDTH, value=default_width, suffix=" px")
        self.width_box.setToolTip("PNG width; SVG and PDF are vector drawings scaled to this width")
        self.whole = QRadioButton("Whole timeline", checked=True)
        self.visible = QRadioButton("Visible range")
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
        form.addRow(buttons)

    def _browse(self) -> None:
        from timeline_app.gui.image_export import FORMATS

        filters = ";;".join(f"{kind} image (*{suffix})" for suffix, kind in FORMATS.items())
        path, _ = QFileDialog.getSaveFileName(self, "Export Image", self.path_edit.text(), filters)
        if path:
            self.path_edit.setText(path)

    def path(self) -> str:
        return self.path_edit.text().strip()

    def image_width(self) -> int:
        return self.width_box.value()

    def visible_only(self) -> bool:
        return self.visible.isChecked()
