"""Building a big timeline off the GUI thread: the window stays responsive while 100,000 events are laid out.

`build_timeline` (ordering, lanes, date labels) and the per-lane arrays the view
draws from are pure Python and numpy work in `core`; a worker thread does them
and hands the result back through a queued signal.  Only the latest request is
delivered.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from timeline_app.core.placement import Layers, timeline_layers
from timeline_app.core.timeline import Timeline

#: From this many events on, the window builds the timeline in the background.
BACKGROUND_EVENTS = 5000


@dataclass(frozen=True)
class PreparedTimeline:
    """A timeline and what the views need of it, worked out in advance."""

    timeline: Timeline
    layers: Layers
    centres: np.ndarray
    participants: list[str]


def prepare(make: Callable[[], Timeline]) -> PreparedTimeline:
    """The timeline `make` builds (e.g. `Workspace.timeline`) with the view's per-lane arrays."""
    timeline = make()
    dated = [e for e in timeline.entries if not e.is_vague]
    return PreparedTimeline(timeline, timeline_layers(dated), np.sort(np.array([e.center for e in dated], float)),
                            timeline.participants())


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
