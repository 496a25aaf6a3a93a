"""Building a big timeline off the GUI thread: the window stays responsive while 100,000 events are laid out.

`build_timeline` (ordering, lanes, date labels), the arrays the view draws
from and the filter's index are pure Python and numpy work in `core`; a worker
thread does them and hands the result back through a queued signal.  Only the
latest request is delivered.  The cyclic garbage collector is paused during
the build and the objects are then frozen out of it (`gc.freeze`): a full
collection over a million objects holds the interpreter, so the window, for a
second or more.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from timeline_app.core.placement import TimelineArrays, timeline_arrays
from timeline_app.core.search import EntrySearch
from timeline_app.core.timeline import MentionLink, Timeline, mention_links
from timeline_app.gui.event_table import SORTED_COLUMNS, column_ranks

#: From this many events on, the window builds the timeline in the background.
BACKGROUND_EVENTS = 5000


_paused = 0
_paused_lock = threading.Lock()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a build runs, and what exists afterwards frozen out of it.

    A full collection walks every object (a million with 100,000 events) holding the interpreter for a
    second or more, so the window would freeze at random: during the build, collections are off, and
    afterwards the objects made (and those before) are left out of later collections (`gc.freeze`)."""
    global _paused
    with _paused_lock:
        _paused += 1
        gc.freeze()
        gc.disable()
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            gc.freeze()
            if not _paused:
                gc.enable()


@dataclass(frozen=True)
class PreparedTimeline:
    """A timeline and what the views need of it, worked out in advance."""

    timeline: Timeline
    arrays: TimelineArrays  # what the plot draws from
    search: EntrySearch  # what the filter searches
    participants: list[str]
    links: list[MentionLink]  # the marker joining the dates sources give one merged event
    sort_ranks: dict[int, np.ndarray]  # the table's sort ranks per column, on big timelines (else worked out when asked)


def prepare(make: Callable[[], Timeline]) -> PreparedTimeline:
    """The timeline `make` builds (e.g. `Workspace.timeline`) with the view's arrays, the filter's index and,
    from BACKGROUND_EVENTS entries on, the table's sort ranks (a click on a column header then sorts at once)."""
    timeline = make()
    ranks = ({c: column_ranks(timeline, c) for c in SORTED_COLUMNS} if len(timeline.entries) >= BACKGROUND_EVENTS
             else {})
    return PreparedTimeline(timeline, timeline_arrays(timeline.entries), EntrySearch(timeline),
                            timeline.participants(), mention_links(timeline), ranks)


class TimelineBuilder(QObject):
    """Owned by the GUI thread: `submit(documents)` returns a request number; `built` brings the result."""

    built = Signal(int, object)  # request, PreparedTimeline
    failed = Signal(int, str)  # request, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.latest = 0
        self._threads: list[threading.Thread] = []

    @property
    def busy(self) -> bool:
        self._threads = [t for t in self._threads if t.is_alive()]
        return bool(self._threads)

    def submit(self, make: Callable[[], Timeline]) -> int:
        """Build `make()` in a thread; returns the request number `built` will carry."""
        self.latest += 1
        request = self.latest

        def work() -> None:
            try:
                with _collector_paused():
                    prepared = prepare(make)
            except Exception as exc:  # a bug in the core must reach the user, not kill the thread silently
                self.failed.emit(request, f"The timeline could not be built: {type(exc).__name__}: {exc}")
                return
            if request == self.latest:  # a newer request replaces this one
                self.built.emit(request, prepared)

        thread = threading.Thread(target=work, name="timeline-build", daemon=True)
        self._threads.append(thread)
        thread.start()
        return request

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the threads still running (at shutdown)."""
        for thread in list(self._threads):
            thread.join(timeout)
