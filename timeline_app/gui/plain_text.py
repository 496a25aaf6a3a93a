"""Text from documents shown as the characters it is made of, never as markup.

Qt guesses rich text in tooltips, message boxes and labels, and pyqtgraph's labels are HTML: a
title such as ``<img src="/some/file.png">`` would be drawn as that file. Everything that comes
from a document goes through here first.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt


def rich_text_of(text: str) -> str:
    """`text` for a tooltip: as it is when Qt shows it as plain text, else as rich text that
    displays exactly `text` (line breaks kept)."""
    if not Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def label_html(text: str) -> str:
    """`text` escaped for an HTML label (pyqtgraph's LabelItem) that shows it literally."""
    return html.escape(text, quote=False)


def menu_text(text: str) -> str:
    """`text` for a menu item or button, where '&' would mark a shortcut letter."""
    return text.replace("&", "&&")
