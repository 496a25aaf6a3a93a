"""Starting the desktop application."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from PySide6.QtCore import QSocketNotifier, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from timeline_app import __version__

if TYPE_CHECKING:
    from timeline_app.core.model import Extraction
    from timeline_app.gui.main_window import MainWindow
    from timeline_app.core.workspace import Opened

ORGANIZATION = "TimelineExplorer"
APPLICATION = "Timeline Explorer"
#: The AppStream id: the .desktop file's and the icon's name in resources/.
APP_ID = "io.github.timelineexplorer.timeline_explorer"


def resources_dir() -> Path:
    """The icon, .desktop file and AppStream metadata: installed as package data
    (timeline_app/resources, also in the standalone build), or the repository's resources/."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "resources"
    return installed if installed.is_dir() else package.parent / "resources"


def application_icon() -> QIcon:
    """The app's icon in every size shipped (PNG, so no SVG image plugin is needed)."""
    icon = QIcon()
    for png in sorted((resources_dir() / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.png")):
        icon.addFile(str(png))
    return icon


def application() -> QApplication:
    """The QApplication, created with the app's names and high-DPI policy if there is none yet."""
    # threads that work on a big timeline (building it, placing labels) hand the interpreter back to the GUI
    # thread within half a millisecond rather than five: the window stays responsive while they run
    sys.setswitchinterval(0.0005)
    app = QApplication.instance()
    if app is None:
        # fractional scale factors (e.g. 150 %) as they are, not rounded: crisp text and plots
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1] or ["timeline-app"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = application_icon()
    app.setWindowIcon(icon if not icon.isNull() else QIcon.fromTheme("x-office-calendar"))
    return app


#: Set to a number of seconds: quit once the timeline first shows events (or after that long),
#: saying so on standard output. For the start-up benchmark (bench/bench_startup.py).
EXIT_WHEN_DRAWN = "TIMELINE_APP_EXIT_WHEN_DRAWN"


def run_window(paths: list[str], published: dt.date | None, model: str | None,
               extractions: Sequence[Extraction] = (), sources: Sequence[str] = (),
               workspace: Opened | None = None) -> NoReturn:
    """Open the main window on `paths` (the bundled article if empty) and run until it closes.

    With `extractions` (read from `sources`, JSON or JSON Lines), shows them instead, without NLP;
    with `workspace`, shows that. After a crash, first offers to restore the unsaved work.

    The process ends here, with the status returned (see `end_process`): the window has written what it
    keeps (settings, autosave) by then, and a worker thread still in a step is not waited for.
    """
    end_process(_run(paths, published, model, extractions, sources, workspace))


def end_process(status: int) -> NoReturn:
    """End the window's process at once with `status`, once standard output and error are flushed.

    Nothing is left to do when the window has closed: its files are written whole on the GUI thread
    (`write_atomic`), its settings synced.  What remains would cost the user a wait: an extraction
    thread in the middle of a step (loading the model, parsing a 20,000-character chunk: up to 4 s on a
    loaded machine) cannot be stopped, and the interpreter's own teardown of a loaded spaCy model and
    Qt takes 0.7-1.8 s.  (`os._exit` skips both.)"""
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # closed, or no stream at all (a GUI launch)
            pass
    os._exit(status)


def _run(paths: list[str], published: dt.date | None, model: str | None, extractions: Sequence[Extraction],
         sources: Sequence[str], workspace: Opened | None) -> int:
    from timeline_app.gui.main_window import MainWindow

    app = application()
    window = MainWindow(model=model)
    window.process_ends_on_close = True
    ended: list[int] = []  # the exit status, once a signal ended the window
    with quit_on_signals(lambda signum: end_on_signal(app, window, signum, ended)):
        window.show()
        if os.environ.get(EXIT_WHEN_DRAWN):
            _exit_when_drawn(app, window, float(os.environ[EXIT_WHEN_DRAWN]))
        restored = window.offer_restore()  # a question: a signal may end the window while it is asked
        if ended:
            return ended[0]
        if restored:
            pass
        elif workspace is not None:
            window.show_workspace(workspace)
        elif extractions:
            window.show_extractions(list(extractions), sources)
        else:
            from timeline_app.core.resources import bundled_article

            window.open_paths(list(paths) or [str(bundled_article())], published)
        return app.exec()  # a signal that came in meanwhile is waiting in the socket: exec() handles it


def end_on_signal(app: QApplication, window: MainWindow, signum: int, ended: list[int]) -> None:
    """End the window and the application's event loops with the shell's status for `signum` (128 + it),
    saying on standard error what became of the unsaved work; the status is appended to `ended`."""
    ended.append(128 + signum)
    note = window.end_session()
    print(f"\ntimeline-app: {signal.Signals(signum).name}: {note}", file=sys.stderr, flush=True)
    app.exit(128 + signum)


#: The signals that end the window as a terminal or a session ends a program: Ctrl-C, kill, a closed terminal.
QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def quit_on_signals(on_signal: Callable[[int], None]) -> Iterator[None]:
    """While inside, SIGINT/SIGTERM/SIGHUP call `on_signal(signum)` on the GUI thread, even when the
    window is idle.

    A Python signal handler only runs when the interpreter does, and an idle Qt event loop runs no Python:
    the C-level handler writes the signal's number to a socket (`signal.set_wakeup_fd`), whose
    QSocketNotifier wakes the event loop.  The handlers and the wake-up fd are put back on leaving.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)

    def woken() -> None:
        try:
            data = reader.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            if signum in QUIT_SIGNALS:
                on_signal(signum)
                return

    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(woken)
    previous = {s: signal.signal(s, lambda *_: None) for s in QUIT_SIGNALS}  # the work is done in woken()
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    try:
        yield
    finally:
        signal.set_wakeup_fd(previous_fd)
        for s, handler in previous.items():
            signal.signal(s, handler)
        notifier.setEnabled(False)
        reader.close()
        writer.close()


def _exit_when_drawn(app: QApplication, window: object, timeout: float) -> None:
    """Quit as soon as the timeline view has painted events, saying so on standard output."""
    from PySide6.QtCore import QTimer

    def drawn() -> None:
        print(f"drawn {window.timeline_view.painted_events} events", flush=True)
        app.exit(0)

    window.timeline_view.firstEventsPainted.connect(lambda: QTimer.singleShot(0, drawn))
    QTimer.singleShot(int(timeout * 1000), lambda: (print("timed out", flush=True), app.exit(3)))
