"""Guard against the PySide6 6.12 bug where Qt calls returning nothing steal a reference to None.

With that bug every such call (setPos, update, setObjectName…) decrements the
reference count of None; a GUI makes millions of them and the interpreter
eventually crashes.  If an upgrade brings it back, this fails first.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

pytestmark = pytest.mark.gui
CALLS = 300


def test_qt_calls_returning_nothing_keep_the_reference_count_of_none(qapp) -> None:
    item = QGraphicsRectItem(0, 0, 10, 10)
    widget = QWidget()
    point = QPointF(1.0, 2.0)
    for _ in range(10):  # warm up caches and interned objects first
        item.setPos(point)
        widget.update()
        widget.setObjectName("warm")
    before = sys.getrefcount(None)
    for i in range(CALLS):
        item.setPos(point)
        item.setPos(float(i), 0.0)
        widget.update()
        widget.setObjectName("timeline")
        item.setZValue(1.0)
    after = sys.getrefcount(None)
    # a stolen reference per call would lose at least CALLS; allow some noise from the interpreter
    assert after >= before - 10, f"None lost {before - after} references over {5 * CALLS} Qt calls"
