"""The article text with its temporal expressions underlined and the selected event's sentence lit."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from timeline_app.core.model import Extraction
from timeline_app.core.timeline import TimelineEntry, timex_at, timex_is_dated, timex_tooltip
from timeline_app.gui.plain_text import rich_text_of

#: Marks which extra selection is which, so tests and callers can find the sentence.
ROLE = QTextFormat.Property.UserProperty + 1
SENTENCE, EXPRESSION, TRIGGER, TIMEX = "sentence", "expression", "trigger", "timex"


class _Utf16Offsets:
    """Python string offsets <-> QTextDocument positions (which count UTF-16 code units)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        return position - bisect.bisect_left(self._astral_qt, position)


class PassageView(QPlainTextEdit):
    """Read-only article text; emits the text offset the user clicked."""

    offsetClicked = Signal(int)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.document().setDocumentMargin(10)
        self.doc: Extraction | None = None
        self.entry: TimelineEntry | None = None
        self._offsets = _Utf16Offsets("")

    def set_document(self, doc: Extraction | None) -> None:
        """Show `doc`'s text (same document: nothing changes)."""
        if doc is self.doc:
            return
        self.doc, self.entry = doc, None
        text = doc.text if doc else ""
        self._offsets = _Utf16Offsets(text)
        self.setPlainText(text)
        self._refresh()

    def show_entry(self, entry: TimelineEntry | None, scroll: bool = True) -> None:
        """Highlight the entry's sentence and expressions (of the current document) and scroll to them."""
        self.entry = entry
        self._refresh()
        if entry is not None and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_qt(self._sentence()[0]))
            self.setTextCursor(cursor)
            self.centerCursor()

    def selected_span(self) -> tuple[int, int] | None:
        """(start, end) text offsets of the text the user selected, or None."""
        cursor = self.textCursor()
        if self.doc is None or not cursor.hasSelection():
            return None
        return self._offsets.from_qt(cursor.selectionStart()), self._offsets.from_qt(cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        """Select the text from `start` to `end` (as the user would with the mouse)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def highlighted(self, role: str) -> list[tuple[int, int]]:
        """(start, end) text offsets of the extra selections of one role, e.g. SENTENCE."""
        return [(self._offsets.from_qt(s.cursor.selectionStart()), self._offsets.from_qt(s.cursor.selectionEnd()))
                for s in self.extraSelections() if s.format.property(ROLE) == role]

    def _sentence(self) -> tuple[int, int]:
        """The selected event's sentence without the white space around it (often a paragraph break)."""
        start, end = self.entry.event.sentence
        sentence = self.doc.text[start:end]
        start += len(sentence) - len(sentence.lstrip())
        return start, max(start, end - (len(sentence) - len(sentence.rstrip())))

    def _selection(self, start: int, end: int, fmt: QTextCharFormat, role: str) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        fmt.setProperty(ROLE, role)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _refresh(self) -> None:
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        selections = []
        if self.entry is not None and self.doc is not None:
            fmt = QTextCharFormat()
            light = QColor(accent)
            light.setAlpha(55)
            fmt.setBackground(light)
            selections.append(self._selection(*self._sentence(), fmt, SENTENCE))
        for t in self.doc.timexes if self.doc else ():
            fmt = QTextCharFormat()
            fmt.setFontUnderline(True)
            resolved = timex_is_dated(t)  # (a narrative 'now' is dated: the story's present)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline if resolved
                                  else QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(accent if resolved else muted)
            selections.append(self._selection(t.start, t.end, fmt, TIMEX))
        if self.entry is not None and self.doc is not None:
            strong = QColor(accent)
            strong.setAlpha(150)
            for t in self.entry.timexes:
                fmt = QTextCharFormat()
                fmt.setBackground(strong)
                fmt.setFontUnderline(True)
                selections.append(self._selection(t.start, t.end, fmt, EXPRESSION))
            fmt = QTextCharFormat()
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            selections.append(self._selection(*self.entry.event.trigger, fmt, TRIGGER))
        self.setExtraSelections(selections)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            timex = None
            if self.doc is not None:
                offset = self._offsets.from_qt(self.cursorForPosition(event.pos()).position())
                timex = timex_at(self.doc, offset)
            if timex is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), rich_text_of(timex_tooltip(timex)), self)
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            position = self.cursorForPosition(event.position().toPoint()).position()
            self.offsetClicked.emit(self._offsets.from_qt(position))
