"""Starting the desktop application."""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from timeline_app import __version__

ORGANIZATION = "TimelineExplorer"
APPLICATION = "Timeline Explorer"


def application() -> QApplication:
    """The QApplication, created with the app's names and high-DPI policy if there is none yet."""
    app = QApplication.instance()
    if app is None:
        # fractional scale factors (e.g. 150 %) as they are, not rounded: crisp text and plots
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1] or ["timeline-app"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("timeline-explorer")
    if app.windowIcon().isNull():
        app.setWindowIcon(QIcon.fromTheme("x-office-calendar"))
    return app


def run_window(paths: list[str], published: dt.date | None, model: str | None) -> int:
    """Open the main window on `paths` (the bundled article if empty) and run until it closes."""
    from timeline_app.cli import bundled_article
    from timeline_app.gui.main_window import MainWindow

    app = application()
    window = MainWindow(model=model)
    window.show()
    window.open_paths(list(paths) or [str(bundled_article())], published)
    return app.exec()
