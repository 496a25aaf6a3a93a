"""The status bar: what it says is cut after a whole word, never at the pixel, in a narrow window.

A restored window is some 650 px wide. Plain QLabels there clip their text mid-word ("published 19
December 2009 (from the --published o"), and QStatusBar clips a message the same way. Here the shown
document's parts (its name, its publication date, its counts) each have forms, longest first; the bar
drops detail in a fixed order until they fit together (first "0 unresolved", then where the date comes
from, then "2 vague"), and only then shortens the file name in its middle. A message covers the parts
while it is shown and is cut after its last whole word that fits, with an ellipsis; the whole message
is its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QStyle, QStyleOption, QWidget


def word_elided(text: str, width: float, metrics: QFontMetricsF) -> str:
    """`text` cut after its last whole word that fits in `width` px with an ellipsis ('published 19…');
    when not even the first word fits, cut at a letter as Qt does."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    for n in range(len(words) - 1, 0, -1):
        shown = " ".join(words[:n]).rstrip(" ,;:·—–-(") + "…"
        if metrics.horizontalAdvance(shown) <= width:
            return shown
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class StatusParts(QWidget):
    """Labels side by side, each of several forms (longest first), shown in the longest forms that fit
    together. `shed` says which label gives up its next form first when they do not: a list of label
    indices, taken in turn; once nothing more can be shed, the label `squeeze` is elided in its middle."""

    GAP = 12  # px between the parts

    def __init__(self, count: int, shed: Sequence[int], squeeze: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self.GAP)
        self.labels = [QLabel() for _ in range(count)]
        for label in self.labels:
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        layout.addStretch(1)
        self.forms: list[tuple[str, ...]] = [() for _ in range(count)]
        self.shed, self.squeeze = list(shed), squeeze

    def set_forms(self, index: int, *forms: str) -> None:
        self.forms[index] = tuple(f for f in forms if f)
        self.updateGeometry()
        self._fit()

    def clear(self) -> None:
        self.forms = [() for _ in self.labels]
        for label in self.labels:
            label.clear()

    def chosen(self, width: float) -> list[str]:
        """The text of each label at `width` px."""
        metrics = QFontMetricsF(self.font())
        picks = [0] * len(self.labels)

        def texts() -> list[str]:
            return [forms[min(i, len(forms) - 1)] if forms else "" for forms, i in zip(self.forms, picks)]

        def needed(shown: list[str]) -> float:
            present = [t for t in shown if t]
            return sum(metrics.horizontalAdvance(t) + 2 for t in present) + self.GAP * max(len(present) - 1, 0)

        steps = iter(self.shed)
        while needed(texts()) > width:
            step = next(steps, None)
            if step is None:
                break
            if picks[step] + 1 < len(self.forms[step]):
                picks[step] += 1
        shown = texts()
        over = needed(shown) - width
        if over > 0 and shown[self.squeeze]:  # the file name in its middle ('01_WW…War.txt'), then the rest
            room = max(metrics.horizontalAdvance(shown[self.squeeze]) - over, metrics.horizontalAdvance("M…M"))
            shown[self.squeeze] = metrics.elidedText(shown[self.squeeze], Qt.TextElideMode.ElideMiddle, room)
            over = needed(shown) - width
        for i in reversed(range(len(shown))):
            if over <= 0:
                break
            if shown[i] and i != self.squeeze:
                before = metrics.horizontalAdvance(shown[i])
                shown[i] = word_elided(shown[i], max(before - over, 0), metrics)
                over -= before - metrics.horizontalAdvance(shown[i])
        return shown

    def _fit(self) -> None:
        for label, text in zip(self.labels, self.chosen(self.width())):
            if label.text() != text:
                label.setText(text)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        metrics = QFontMetricsF(self.font())
        present = [forms[0] for forms in self.forms if forms]
        width = sum(metrics.horizontalAdvance(t) + 2 for t in present) + self.GAP * max(len(present) - 1, 0)
        return QSize(int(width) + 2, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (the window may be as narrow as it likes)
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()


class StatusBar(QStatusBar):
    """A QStatusBar whose message is cut after a whole word (QStatusBar clips it at the pixel), with the whole
    message as its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self._message_changed)

    def _message_changed(self, message: str) -> None:
        self.setToolTip(message if message else "")
        self.update()

    def message_rect(self) -> QRect:
        """Where the message is drawn: left of the permanent widgets shown."""
        right = self.width() - 4
        for child in self.findChildren(QWidget):
            if child.parentWidget() is self and child.isVisible() and child.width() > 0:
                right = min(right, child.geometry().left() - 4)
        return QRect(6, 0, max(right - 6, 0), self.height())

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt naming)
        message = self.currentMessage()
        if not message:
            super().paintEvent(event)
            return
        painter = QPainter(self)  # what QStatusBar::paintEvent does, with the message cut after a word
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        rect = self.message_rect()
        painter.setPen(self.palette().windowText().color())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter),
                         word_elided(message, rect.width(), QFontMetricsF(self.font())))
        painter.end()
