"""The event table: one row per timeline entry, sortable, filtered by words and participant (`core.search`)."""

from __future__ import annotations

import heapq

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from timeline_app.core.timeline import Timeline, TimelineEntry, short_name
from timeline_app.gui.plain_text import rich_text_of

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the entry key of a row
SAMPLE_ROWS = 20  # column widths are measured on this many rows (and those in view): 100,000 would take seconds

_Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """The rows shown, as an array of entry keys in the order shown: filtering and sorting 100,000 rows
    replace that array (numpy), with no call per row into Python."""

    COLUMNS = ("Date", "Event", "Participants", "Resolved", "TimeML", "Document")
    TIMEML_COLUMN = 4  # hidden by default: the values as the JSON holds them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None
        self.rows = np.empty(0, np.int64)  # entry key of each row
        self._order: np.ndarray | None = None  # every key in the sort order (None: date order, i.e. key order)
        self._shown: np.ndarray | None = None  # sorted keys passing the filter (None: all)
        self._row_of: np.ndarray | None = None  # row of each key (-1: filtered out), made when first asked
        self._ranks: dict[int, np.ndarray] = {}  # column -> each entry's rank in its order (of this timeline)
        self._orders: dict[tuple[int, bool], np.ndarray] = {}  # (column, descending) -> every key in that order
        self.sort_column, self.sort_order = 0, Qt.SortOrder.AscendingOrder

    def set_timeline(self, timeline: Timeline | None, ranks: dict[int, np.ndarray] | None = None) -> None:
        """Show `timeline`; `ranks` are its `column_ranks` if worked out already (by a big timeline's build)."""
        self.beginResetModel()
        self.timeline = timeline
        self._shown = None
        self._ranks, self._orders = dict(ranks or {}), {}
        self._order = self._sorted_keys()
        self._update_rows()
        self.endResetModel()

    def set_shown(self, keys: np.ndarray | None) -> None:
        """Show only the entries `keys` (sorted), or all with None."""
        self.beginResetModel()
        self._shown = keys
        self._update_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Date order is key order (vague events last), Resolved by the interval, other columns by their text."""
        if column < 0:
            return
        self.sort_column, self.sort_order = column, order
        self.beginResetModel()
        self._order = self._sorted_keys()
        self._update_rows()
        self.endResetModel()

    def _sorted_keys(self) -> np.ndarray | None:
        n = len(self.timeline.entries) if self.timeline else 0
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        if self.sort_column == 0:
            return np.arange(n - 1, -1, -1, dtype=np.int64) if descending else None
        ranks = self._ranks.get(self.sort_column)
        if ranks is None:  # not worked out in advance: a small timeline
            ranks = self._ranks[self.sort_column] = column_ranks(self.timeline, self.sort_column)
        # equal values stay in date order either way, as a stable sort leaves them
        order = self._orders.get((self.sort_column, descending))
        if order is None:
            order = np.argsort(-ranks if descending else ranks, kind="stable").astype(np.int64)
            self._orders[(self.sort_column, descending)] = order
        return order

    def _update_rows(self) -> None:
        n = len(self.timeline.entries) if self.timeline else 0
        order, shown = self._order, self._shown
        if shown is None:
            self.rows = np.arange(n, dtype=np.int64) if order is None else order
        elif order is None:
            self.rows = np.asarray(shown, np.int64)
        else:
            member = np.zeros(n, bool)
            member[np.asarray(shown, np.int64)] = True
            self.rows = order[member[order]]
        self._row_of = None

    @property
    def filtered(self) -> bool:
        return self._shown is not None

    def key_of(self, row: int) -> int:
        return int(self.rows[row])

    def row_of(self, key: int) -> int | None:
        """The row showing entry `key`, None if it is filtered out."""
        if self.timeline is None or not 0 <= key < len(self.timeline.entries):
            return None
        if self._order is None and self._shown is None:
            return key
        if self._row_of is None:
            self._row_of = np.full(len(self.timeline.entries), -1, np.int64)
            self._row_of[self.rows] = np.arange(len(self.rows))
        row = int(self._row_of[key])
        return row if row >= 0 else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() or self.timeline is None else len(self.rows)

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
        return self.timeline.entries[int(self.rows[row])]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.timeline is None:
            return None
        e = self.timeline.entries[int(self.rows[index.row()])]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(e, column)
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



#: The columns whose sort ranks a big timeline's build works out in advance (the Date column is key order).
SORTED_COLUMNS = (1, 2, 3)
SORT_RUN = 5000  # rows sorted by one call


def column_ranks(timeline: Timeline, column: int) -> np.ndarray:
    """Each entry's rank in the order of `column`: equal values have equal ranks.  Resolved (3) is in time
    order (its text would put '1 May' before '2 April'); the others by their casefolded text."""
    entries = timeline.entries
    if column == 3:  # numpy: days are numbers (vague entries, with no days, last)
        starts = np.array([np.inf if e.start is None else e.start for e in entries], float)
        ends = np.array([np.inf if e.end is None else e.end for e in entries], float)
        order = np.lexsort((ends, starts))
        ranks = np.empty(len(entries), np.int64)
        if len(order):
            s, e = starts[order], ends[order]
            ranks[order] = np.r_[0, np.cumsum((s[1:] != s[:-1]) | (e[1:] != e[:-1]))]
        return ranks
    values = column_texts(timeline, column)
    # sorted in runs merged afterwards: one sorted() call holds the interpreter until it is done, so a
    # single call over 100,000 rows in a build thread would stall the window for a tenth of a second
    n, key = len(values), values.__getitem__
    order = heapq.merge(*(sorted(range(i, min(i + SORT_RUN, n)), key=key) for i in range(0, n, SORT_RUN)), key=key)
    ranks = np.empty(len(values), np.int64)
    rank, previous = -1, object()
    for k in order:
        if values[k] != previous:
            rank, previous = rank + 1, values[k]
        ranks[k] = rank
    return ranks


def column_texts(timeline: Timeline, column: int) -> list[str]:
    """The casefolded text of `column` for every entry, in key order (what sorting compares)."""
    entries = timeline.entries
    if column == 1:
        return [(f"✎ {e.title}" if e.corrected else e.title).casefold() for e in entries]
    if column == 2:
        return [", ".join(e.event.participants).casefold() for e in entries]
    if column == 3:
        return [e.readable.casefold() for e in entries]
    if column == 4:
        return [e.resolved.casefold() for e in entries]
    return [short_name(timeline.documents[e.doc]).casefold() for e in entries]


class EventTable(QTableView):
    """Shows the rows; emits the entry the user selected and asks for the passage on Enter."""

    entrySelected = Signal(int)  # noqa: N815
    passageRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = EventTableModel(self)
        self.setModel(self.rows)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._key: int | None = None  # the selected entry, selected again after a sort or a filter
        self.rows.modelReset.connect(self._reselect)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(SAMPLE_ROWS)  # (the horizontal header's: how many rows widths read)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # one row height: resetting 100,000 rows is O(1)
        rows.setDefaultSectionSize(rows.defaultSectionSize())
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.show_timeml = False
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.timeml_action = QAction("Show TimeML Values", self, checkable=True)
        self.timeml_action.toggled.connect(self.set_timeml_visible)
        header.addAction(self.timeml_action)
        self.setColumnHidden(EventTableModel.TIMEML_COLUMN, True)

    def set_timeml_visible(self, shown: bool) -> None:
        """Show or hide the TimeML column ('2013-W12'); hidden by default (right-click the header)."""
        self.show_timeml = shown
        self.setColumnHidden(EventTableModel.TIMEML_COLUMN, not shown)
        self._fit_columns()

    def set_timeline(self, timeline: Timeline | None, ranks: dict[int, np.ndarray] | None = None) -> None:
        self.rows.set_timeline(timeline, ranks)
        self.resizeColumnsToContents()
        self.setColumnWidth(1, min(max(self.columnWidth(1), 200), 360))
        self.setColumnWidth(2, min(self.columnWidth(2), 220))
        self.setColumnHidden(EventTableModel.TIMEML_COLUMN, not self.show_timeml)
        self._wanted_widths = [self.columnWidth(c) for c in range(self.rows.columnCount())]
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column in view when the pane is narrower than the columns want: the Event and Participants
        columns give up width first, then long dates (their text is elided, the tooltip has it whole), so no
        column is cut off behind a scroll bar."""
        wanted = getattr(self, "_wanted_widths", None)
        if not wanted:
            return
        shown = [c for c in range(len(wanted)) if not self.isColumnHidden(c)]
        room = self.viewport().width()
        excess = sum(wanted[c] for c in shown) - room
        widths = list(wanted)
        # the Event column first, then Participants, then long dates (elided: '31 December 1775 – 31 May 1776'),
        # then Event and Participants again, to their narrowest
        for column, floor in ((1, 240), (2, 140), (0, 150), (3, 150), (1, 160), (2, 110)):
            if excess <= 0 or column not in shown:
                continue
            give = min(excess, max(widths[column] - floor, 0))
            widths[column] -= give
            excess -= give
        for c in shown:
            self.setColumnWidth(c, widths[c])

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_columns()

    def set_shown(self, keys: np.ndarray | None) -> None:
        """Rows of the entries `keys` only (the filter's answer, `core.search.EntrySearch.keys`); None: all."""
        self.rows.set_shown(keys)

    def index_of(self, key: int, column: int = 0) -> QModelIndex:
        """The index of entry `key` in `column` (invalid if filtered out)."""
        row = self.rows.row_of(key)
        return self.rows.index(row, column) if row is not None else QModelIndex()

    def shown_keys(self) -> list[int]:
        """The entries the table shows, in its order."""
        return self.rows.rows.tolist()

    def select_entry(self, key: int | None) -> None:
        """Select the row of `key` (nothing if it is filtered out) without emitting entrySelected."""
        self._key = key
        blocked = self.selectionModel().blockSignals(True)
        try:
            index = self.index_of(key) if key is not None else QModelIndex()
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

    def _reselect(self) -> None:
        self.select_entry(self._key)

    def selected_entry(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].data(KEY_ROLE) if rows else None

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self._key = self.rows.key_of(current.row())
            self.entrySelected.emit(self._key)

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
