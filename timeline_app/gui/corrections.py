"""The user's corrections in the window: core edits wrapped in QUndoCommands, and their dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QRadioButton, QWidget,
)

from timeline_app.core.model import Timex
from timeline_app.core.timeline import describe_interval
from timeline_app.core.workspace import PRECISIONS, Edit, Workspace


class EditCommand(QUndoCommand):
    """One core `Edit` on the undo stack: redo applies it to the workspace, undo reverts it."""

    def __init__(self, workspace: Workspace, edit: Edit, changed: Callable[[Edit, bool], None],
                 already_applied: bool = False, titles: dict[str, str] | None = None) -> None:
        if titles is None:  # the events as they are before the edit
            try:
                titles = {e.id: e.title for e in workspace.current(edit.source).events}
            except KeyError:
                titles = {}
        super().__init__(edit.describe(titles))
        self.workspace, self.edit, self.changed = workspace, edit, changed
        self._skip = already_applied  # a workspace opened from a file has its edits made already

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self.workspace.apply(self.edit)
        self.changed(self.edit, True)

    def undo(self) -> None:
        self.workspace.revert(self.edit)
        self.changed(self.edit, False)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(calendarPopup=True)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setDate(_qdate(day))
    return edit


class DateFields:
    """A day, a precision (day, week, month, quarter, year, range) and, for a range, its last day."""

    def __init__(self, form: QFormLayout, earliest: dt.date, latest: dt.date, precision: str) -> None:
        self.start = _date_edit(earliest)
        self.precision = QComboBox()
        for p in PRECISIONS:
            self.precision.addItem({"range": "range of days"}.get(p, p), p)
        self.precision.setCurrentIndex(PRECISIONS.index(precision) if precision in PRECISIONS else 0)
        self.end = _date_edit(latest)
        self.preview = QLabel()
        form.addRow("Date:", self.start)
        form.addRow("Precision:", self.precision)
        form.addRow("Until:", self.end)
        form.addRow("", self.preview)
        for signal in (self.start.dateChanged, self.end.dateChanged, self.precision.currentIndexChanged):
            signal.connect(self._update)
        self._update()

    def value(self) -> tuple[dt.date, str, dt.date | None]:
        """(day, precision, last day of a range or None)."""
        precision = self.precision.currentData()
        return _pydate(self.start.date()), precision, _pydate(self.end.date()) if precision == "range" else None

    def _update(self) -> None:
        from timeline_app.core.workspace import period

        day, precision, until = self.value()
        self.end.setEnabled(precision == "range")
        if precision == "range":
            ok = until >= day
            self.preview.setText(describe_interval(day, until) if ok else "the range ends before it starts")
        else:
            self.preview.setText(describe_interval(*period(day, precision)))

    def valid(self) -> bool:
        day, precision, until = self.value()
        return precision != "range" or until >= day


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class DateDialog(QDialog):
    """Correct an event's date: the day it happened and how precisely it is known."""

    def __init__(self, parent: QWidget, title: str, earliest: dt.date, latest: dt.date, precision: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct Date")
        form = QFormLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        form.addRow(heading)
        self.fields = DateFields(form, earliest, latest, precision)
        self.buttons = _buttons(self)
        form.addRow(self.buttons)
        self.fields.precision.currentIndexChanged.connect(self._check)
        self.fields.end.dateChanged.connect(self._check)
        self.fields.start.dateChanged.connect(self._check)

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.fields.valid())


class AddEventDialog(QDialog):
    """A new event from the text the user selected: its title, and its date from an expression in the
    selection or typed."""

    def __init__(self, parent: QWidget, selected: str, timex: Timex | None, default_day: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Event")
        form = QFormLayout(self)
        self.title = QLineEdit(" ".join(selected.split())[:80])
        form.addRow("Title:", self.title)
        self.from_text = QRadioButton(
            f"From the selection: “{timex.text}” → {describe_interval(timex.earliest, timex.latest)}"
            if timex is not None else "From the selection: it holds no resolved date")
        self.typed = QRadioButton("This date:")
        form.addRow(self.from_text)
        form.addRow(self.typed)
        self.fields = DateFields(form, default_day, default_day, "day")
        self.from_text.setEnabled(timex is not None)
        (self.from_text if timex is not None else self.typed).setChecked(True)
        self.typed.toggled.connect(self._typed)
        self._typed(self.typed.isChecked())
        form.addRow(_buttons(self))

    def _typed(self, on: bool) -> None:
        for w in (self.fields.start, self.fields.precision, self.fields.end):
            w.setEnabled(on)
        if on:
            self.fields._update()

    def typed_date(self) -> tuple[dt.date, str, dt.date | None] | None:
        return self.fields.value() if self.typed.isChecked() else None
