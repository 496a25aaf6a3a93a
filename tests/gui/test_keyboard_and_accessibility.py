"""Tab order across the views, arrow keys on the timeline, names for assistive technology."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def test_tab_walks_filter_participant_table_timeline_passage(window, qtbot) -> None:
    window.activateWindow()
    window.filter_edit.setFocus()
    QApplication.processEvents()
    seen = [QApplication.focusWidget()]
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QApplication.processEvents()
        seen.append(QApplication.focusWidget())
    assert seen == [window.filter_edit, window.participant_box, window.table, window.timeline_view, window.passage]
    # in the table Tab does not walk cell by cell: one Tab from the table reaches the timeline
    window.table.setFocus()
    window.table.setCurrentIndex(window.table.model().index(0, 0))
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.timeline_view


def test_arrow_keys_on_the_timeline_move_between_events(window, qtbot) -> None:
    window.select_entry(2)
    window.timeline_view.setFocus()
    qtbot.keyClick(window.timeline_view, Qt.Key.Key_Right)
    assert window.selected == 3 and window.table.selected_entry() == 3
    qtbot.keyClick(window.timeline_view, Qt.Key.Key_Left)
    assert window.selected == 2


def test_each_view_and_the_selected_event_have_accessible_names(window) -> None:
    names = {}
    for widget in (window.filter_edit, window.table, window.timeline_view, window.passage):
        face = QAccessible.queryAccessibleInterface(widget)
        names[face.text(QAccessible.Text.Name)] = face.text(QAccessible.Text.Description)
    assert set(names) == {"Filter events", "Events table", "Timeline", "Passage"}
    # (Qt's combo box reads out its current item as its name; the name is its label for screen readers)
    assert window.participant_box.accessibleName() == "Participant"
    assert all(names.values())
    key = next(e.key for e in window.timeline.entries if e.title.startswith("Tillerson met with Putin"))
    window.select_entry(key)
    description = QAccessible.queryAccessibleInterface(window.timeline_view).text(QAccessible.Text.Description)
    assert description.startswith("Selected event: Tillerson met with Putin") and "12 April 2017" in description


def test_no_two_actions_share_a_shortcut(window) -> None:
    # an ambiguous shortcut does nothing at all (Qt says "Ambiguous shortcut overload"): Ctrl+Shift+S was both
    # Save As and Zoom to Selection
    from PySide6.QtGui import QAction

    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()
    assert seen.get("Ctrl+Shift+S", "").replace("&", "").startswith("Save As")
