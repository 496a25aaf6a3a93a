"""Help > About: the versions the app runs with, its licence and the third-party notices."""

from __future__ import annotations

import importlib.metadata

from PySide6.QtCore import qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from timeline_app import __version__
from timeline_app.core.resources import LICENCE, NOTICES, legal_text

MISSING = "({name} is missing from this installation)"


def distribution_version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def about_html(model_description: str) -> str:
    return (f"<h3>Timeline Explorer {__version__}</h3>"
            "<p>News articles turned into an explorable, explained timeline of dated events.</p>"
            f"<p>spaCy model: {model_description}<br>spaCy: {distribution_version('spacy')}<br>"
            f"dateparser: {distribution_version('dateparser')}<br>"
            f"Qt: {qVersion()} (PySide6 {distribution_version('PySide6-Essentials')})<br>"
            f"pyqtgraph: {distribution_version('pyqtgraph')}</p>"
            "<p>Free software under the MIT licence; the libraries it ships keep their own licences "
            "(the <i>Third-party notices</i> tab).</p>")


def _text_page(text: str) -> QPlainTextEdit:
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return view


class AboutDialog(QDialog):
    """Three tabs: About (versions), Licence (LICENSE), Third-party notices."""

    def __init__(self, model_description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Timeline Explorer")
        self.resize(760, 560)
        self.tabs = QTabWidget()
        summary = QLabel(about_html(model_description))
        summary.setWordWrap(True)
        summary.setOpenExternalLinks(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(summary)
        layout.addStretch(1)
        self.tabs.addTab(page, "About")
        self.tabs.addTab(_text_page(legal_text(LICENCE) or MISSING.format(name=LICENCE)), "Licence")
        self.tabs.addTab(_text_page(legal_text(NOTICES) or MISSING.format(name=NOTICES)), "Third-party notices")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs)
        outer.addWidget(buttons)

    def page_text(self, index: int) -> str:
        widget = self.tabs.widget(index)
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.findChild(QLabel).text()
