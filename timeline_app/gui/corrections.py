"""The user's corrections in the window: core edits wrapped in QUndoCommands, and their dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontMetricsF, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QSpinBox, QWidget,
)

from timeline_app.core.dates.calendar import FIRST_DAY, LAST_DAY, Day, days_in_month
from timeline_app.core.dates.lexicon import MONTH_NAMES
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


class DayEdit(QWidget):
    """A day of any era: day, month, year and AD/BC, each its own field (a QDateEdit stops at 14 September
    1752 and has no era: a history's 264 BC could not be typed). Astronomical years outside (0 is 1 BC)."""

    changed = Signal()

    def __init__(self, day: Day | dt.date, name: str = "Date") -> None:
        super().__init__()
        self.day = QSpinBox(minimum=1, maximum=31)
        self.month = QComboBox()
        self.month.addItems(list(MONTH_NAMES))
        self.year = QSpinBox(minimum=1, maximum=9999)
        self.era = QComboBox()
        self.era.addItems(["AD", "BC"])
        for widget, part in ((self.day, "day"), (self.month, "month"), (self.year, "year"), (self.era, "era")):
            widget.setAccessibleName(f"{name}: {part}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.day, self.month, self.year, self.era):
            row.addWidget(widget)
        self.set_value(day)
        for signal in (self.day.valueChanged, self.month.currentIndexChanged, self.year.valueChanged,
                       self.era.currentIndexChanged):
            signal.connect(self._changed)

    def set_value(self, day: Day | dt.date) -> None:
        day = Day.of(day)
        bc = day.year <= 0
        for widget in (self.day, self.month, self.year, self.era):
            widget.blockSignals(True)
        self.era.setCurrentIndex(1 if bc else 0)
        self.year.setMaximum(-FIRST_DAY.year + 1 if bc else LAST_DAY.year)
        self.year.setValue(1 - day.year if bc else day.year)
        self.month.setCurrentIndex(day.month - 1)
        self.day.setMaximum(days_in_month(day.year, day.month))
        self.day.setValue(day.day)
        for widget in (self.day, self.month, self.year, self.era):
            widget.blockSignals(False)

    def value(self) -> Day:
        bc = self.era.currentIndex() == 1
        year = 1 - self.year.value() if bc else self.year.value()
        month = self.month.currentIndex() + 1
        return Day(year, month, min(self.day.value(), days_in_month(year, month)))

    def _changed(self) -> None:
        bc = self.era.currentIndex() == 1
        self.year.setMaximum(-FIRST_DAY.year + 1 if bc else LAST_DAY.year)
        day = self.value()
        self.day.setMaximum(days_in_month(day.year, day.month))  # 31 March -> February: the 28th/29th
        self.changed.emit()


class DateFields:
    """A day, a precision (day, week, month, quarter, year, range) and, for a range, its last day."""

    def __init__(self, form: QFormLayout, earliest: Day | dt.date, latest: Day | dt.date, precision: str) -> None:
        self.start = DayEdit(earliest, "Date")
        self.precision = QComboBox()
        for p in PRECISIONS:
            self.precision.addItem({"range": "range of days"}.get(p, p), p)
        self.precision.setCurrentIndex(PRECISIONS.index(precision) if precision in PRECISIONS else 0)
        self.end = DayEdit(latest, "Until")
        self.preview = QLabel()
        form.addRow("Date:", self.start)
        form.addRow("Precision:", self.precision)
        form.addRow("Until:", self.end)
        form.addRow("", self.preview)
        for signal in (self.start.changed, self.end.changed, self.precision.currentIndexChanged):
            signal.connect(self._update)
        self._update()

    def value(self) -> tuple[Day, str, Day | None]:
        """(day, precision, last day of a range or None)."""
        precision = self.precision.currentData()
        return self.start.value(), precision, self.end.value() if precision == "range" else None

    def _update(self) -> None:
        from timeline_app.core.workspace import period

        day, precision, until = self.value()
        self.end.setEnabled(precision == "range")
        self.start.day.setEnabled(precision in ("day", "week", "range"))  # a month or a year has no day to give
        self.start.month.setEnabled(precision != "year")
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

    def __init__(self, parent: QWidget, title: str, earliest: Day | dt.date, latest: Day | dt.date,
                 precision: str) -> None:
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
        self.fields.end.changed.connect(self._check)
        self.fields.start.changed.connect(self._check)

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.fields.valid())


class AddEventDialog(QDialog):
    """A new event from the text the user selected: its title, and its date from an expression in the
    selection or typed."""

    def __init__(self, parent: QWidget, selected: str, timex: Timex | None, default_day: Day | dt.date,
                 default_precision: str = "day") -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Event")
        form = QFormLayout(self)
        self.title = QLineEdit(" ".join(selected.split())[:80])
        self.title.setCursorPosition(0)  # the title read from its start
        self.title.setMinimumWidth(int(QFontMetricsF(self.title.font()).horizontalAdvance("x" * 56)))
        form.addRow("Title:", self.title)
        self.from_text = QRadioButton(
            f"From the selection: “{timex.text}” → {describe_interval(timex.earliest, timex.latest)}"
            if timex is not None else "From the selection: it holds no resolved date")
        self.typed = QRadioButton("This date:")
        form.addRow(self.from_text)
        form.addRow(self.typed)
        self.fields = DateFields(form, default_day, default_day,
                                 default_precision if default_precision in PRECISIONS else "day")
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

    def typed_date(self) -> tuple[Day, str, Day | None] | None:
        return self.fields.value() if self.typed.isChecked() else None
