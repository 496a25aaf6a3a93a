"""The event table: one row per timeline entry, sortable, filtered by words and participant."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from timeline_app.core.timeline import Timeline, TimelineEntry, short_name
from timeline_app.gui.plain_text import rich_text_of

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the entry key of a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """Rows are the timeline's entries in date order, so the row of an entry is its key."""

    COLUMNS = ("Date", "Event", "Participants", "Resolved", "TimeML", "Document")
    TIMEML_COLUMN = 4  # hidden by default: the values as the JSON holds them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None

    def set_timeline(self, timeline: Timeline | None) -> None:
        self.beginResetModel()
        self.timeline = timeline
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() or self.timeline is None else len(self.timeline.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid():
            return 0
        several = self.timeline is not None and len(self.timeline.documents) > 1
        return len(self.COLUMNS) if several else len(self.COLUMNS) - 1

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def entry(self, row: int) -> TimelineEntry:
        return self.timeline.entries[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.timeline is None:
            return None
        e = self.timeline.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(e, column)
        if role == SORT_ROLE:
            # date order is key order (vague events last); other columns sort by their text
            return e.key if column == 0 else self._text(e, column).casefold()
        if role == KEY_ROLE:
            return e.key
        if role == Qt.ItemDataRole.ToolTipRole:
            return rich_text_of(self.timeline.tooltip(e))
        if role == Qt.ItemDataRole.FontRole and e.corrected and column in (0, 1):
            font = QFont()
            font.setItalic(True)  # the user's own value
            return font
        return None

    def _text(self, e: TimelineEntry, column: int) -> str:
        if column == 0:
            return e.label
        if column == 1:
            return f"✎ {e.title}" if e.corrected else e.title
        if column == 2:
            return ", ".join(e.event.participants)
        if column == 3:
            return e.readable
        if column == 4:
            return e.resolved
        return short_name(self.timeline.documents[e.doc])


class EventFilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE and keeps the rows the timeline says match the filter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._participant = ""

    def set_filter(self, text: str, participant: str = "") -> None:
        if (text, participant) == (self._text, self._participant):
            return  # refiltering 100,000 rows for nothing takes a second
        self.beginFilterChange()
        self._text, self._participant = text, participant
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        if not self._participant and not self._text.strip():
            return True
        model = self.sourceModel()
        timeline = model.timeline
        return timeline is None or timeline.matches(model.entry(source_row), self._text, self._participant)


class EventTable(QTableView):
    """Shows the proxy; emits the entry the user selected and asks for the passage on Enter."""

    entrySelected = Signal(int)  # noqa: N815
    passageRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = EventTableModel(self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.source)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(300)  # column widths from a sample of rows: 100,000 would take seconds
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.show_timeml = False
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.timeml_action = QAction("Show TimeML Values", self, checkable=True)
        self.timeml_action.toggled.connect(self.set_timeml_visible)
        header.addAction(self.timeml_action)

    def set_timeml_visible(self, shown: bool) -> None:
        """Show or hide the TimeML column ('2013-W12'); hidden by default (right-click the header)."""
        self.show_timeml = shown
        self.setColumnHidden(EventTableModel.TIMEML_COLUMN, not shown)

    def set_timeline(self, timeline: Timeline | None) -> None:
        header = self.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if (column, order) == (0, Qt.SortOrder.AscendingOrder):
            # rows already come in date order: skip a sort that calls data() millions of times on big corpora
            self.proxy.sort(-1)
            self.source.set_timeline(timeline)
            header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        else:
            self.source.set_timeline(timeline)
        self.resizeColumnsToContents()
        self.setColumnWidth(1, min(max(self.columnWidth(1), 200), 360))
        self.setColumnWidth(2, min(self.columnWidth(2), 220))
        self.setColumnHidden(EventTableModel.TIMEML_COLUMN, not self.show_timeml)

    def select_entry(self, key: int | None) -> None:
        """Select the row of `key` (nothing if it is filtered out) without emitting entrySelected."""
        blocked = self.selectionModel().blockSignals(True)
        try:
            index = self.proxy.mapFromSource(self.source.index(key, 0)) if key is not None else QModelIndex()
            if index.isValid():
                picked_here = index.row() == self.currentIndex().row()
                self.selectionModel().setCurrentIndex(
                    index, self.selectionModel().SelectionFlag.ClearAndSelect
                    | self.selectionModel().SelectionFlag.Rows)
                if not picked_here:
                    # (a row the user is clicking is revealed after the release: scrolling now would move
                    # another row under the mouse, and that one would be selected instead)
                    self.scrollTo(index)
            else:
                self.selectionModel().clear()
        finally:
            self.selectionModel().blockSignals(blocked)
        self.viewport().update()

    def selected_entry(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].data(KEY_ROLE) if rows else None

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.entrySelected.emit(current.data(KEY_ROLE))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        # Qt scrolls a partly hidden row into view as soon as it becomes current, i.e. before the button
        # is released, which then lands on (and selects) the next row; reveal the row after the release
        self.setAutoScroll(False)
        try:
            super().mousePressEvent(event)
        finally:
            self.setAutoScroll(True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.passageRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
