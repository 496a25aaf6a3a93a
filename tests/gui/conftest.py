"""GUI test set-up: Qt offscreen, the sample extracted once, one window per module."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "000_5c7e1887aa53ff4b.txt"


def _wait_until(predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    """Process Qt events until `predicate()` holds (the extraction runs in a worker thread)."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {predicate}")
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


@pytest.fixture(scope="session")
def sample_extraction():
    """The core's extraction of the sample article (the model loads once per session)."""
    from timeline_app.core.nlp import load_model
    from timeline_app.core.pipeline import extract_file

    return extract_file(SAMPLE, nlp=load_model())


@pytest.fixture(scope="module")
def settings_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("settings") / "timeline-explorer.ini"


def _open_window(settings_path: Path, paths: list[str] | None = None):
    """A shown MainWindow with its own settings file, after its documents are extracted."""
    from PySide6.QtCore import QSettings

    from timeline_app.gui.main_window import MainWindow

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    restored = settings.contains("window/geometry")
    window = MainWindow(settings=settings)
    # closing with unsaved changes asks in a modal dialog; a test that wants the question answers it itself
    from PySide6.QtWidgets import QMessageBox

    window.ask_save = lambda doing: QMessageBox.StandardButton.Discard
    if not restored:
        window.resize(1300, 860)
    window.show()
    window.open_paths(paths if paths is not None else [str(SAMPLE)])
    _wait_until(lambda: not window.service.busy)
    return window


@pytest.fixture(scope="module")
def window(qapp, sample_extraction, settings_path: Path) -> Iterator[object]:
    """The main window on the sample article, shared by the tests of a module."""
    w = _open_window(settings_path)
    yield w
    w.close()


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def wait_until() -> Callable[..., None]:
    """`wait_until(predicate, timeout=60)`: process events until the predicate holds."""
    return _wait_until


@pytest.fixture()
def open_window(qapp, sample_extraction) -> Iterator[Callable[..., object]]:
    """`open_window(settings_path, paths=None)`: a new window (closed after the test)."""
    opened = []

    def factory(settings_path: Path, paths: list[str] | None = None) -> object:
        opened.append(_open_window(settings_path, paths))
        return opened[-1]

    yield factory
    for w in opened:
        w.close()
