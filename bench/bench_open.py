"""Opening 100,000 events in the window: time to the first paint, and the longest event-loop stall.

Offscreen, a 1400x900 MainWindow.  A 5 ms QTimer runs throughout; a stall is how
much later than due it fires (the GUI could not react for that long).  Measured:

- from `show_extractions` (what `timeline-app open` calls) to the first paint of
  events, and the longest stall in that time;
- after the first paint: the rest of the opening, then 8 zoom steps in and 8 out
  (toolbar zoom, one every 150 ms) with a pan; the longest stall in that time.

Baseline in the same run: the timeline built on the GUI thread (as before issue 12).

    .venv/bin/python bench/bench_open.py [--events 100000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))


class StallMeter:
    """Records the longest delay of a 5 ms timer, with and without a window of interest."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0
        self.log: list[tuple[float, float]] = []

    def start(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer.start()

    def reset(self) -> None:
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        late = now - self.last - 0.005
        self.worst = max(self.worst, late)
        self.last = now


def run(documents, background: bool) -> dict[str, float]:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import timeline_app.gui.main_window as main_window
    from timeline_app.gui.main_window import MainWindow

    app = QApplication.instance()
    main_window.BACKGROUND_EVENTS = 5000 if background else 10**12
    settings = QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "bench-open.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1400, 900)
    window.show()
    for _ in range(10):
        app.processEvents()
    meter = StallMeter()
    meter.start()
    t0 = time.perf_counter()
    QTimer.singleShot(0, lambda: window.show_extractions(documents))
    while not window.timeline_view.painted_events:
        app.processEvents()
        time.sleep(0.001)
    first_paint = time.perf_counter() - t0
    before = meter.worst
    meter.reset()
    end = time.perf_counter() + 1.0  # the rest of the opening
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    view = window.timeline_view
    plan = [0.5] * 8 + [2.0] * 8
    for factor in plan:
        view.zoom(factor)
        end = time.perf_counter() + 0.15
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)
    x0, x1 = view.visible_range()
    view.set_visible_range(x0 + (x1 - x0) * 0.1, x1 + (x1 - x0) * 0.1)
    end = time.perf_counter() + 0.3
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    after = meter.worst
    meter.timer.stop()
    window.close()
    app.processEvents()
    return {"first_paint_s": first_paint, "stall_before_paint_ms": before * 1000, "stall_after_paint_ms": after * 1000}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    from synthetic import synthetic_extractions

    from timeline_app.gui.app import application

    application()
    documents = synthetic_extractions(args.events)
    print(f"{args.events:,} events in {len(documents)} documents (offscreen, 1400x900)")
    base = run(documents, background=False)
    new = run(documents, background=True)
    for name, figures in (("on the GUI thread (baseline)", base), ("built in the background", new)):
        print(f"  {name:30s} first paint {figures['first_paint_s']:.2f} s; longest stall before it "
              f"{figures['stall_before_paint_ms']:.0f} ms; after it (opening, 16 zooms, a pan) "
              f"{figures['stall_after_paint_ms']:.0f} ms")
    print(f"  longest stall before the first paint: {new['stall_before_paint_ms'] / max(base['stall_before_paint_ms'], 1):.2f}x "
          f"the baseline's; target after the first paint: none over 100 ms "
          f"({'met' if new['stall_after_paint_ms'] <= 100 else 'missed'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
