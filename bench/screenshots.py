"""Screenshots of the timeline with 100,000 synthetic events: whole range and zoomed in.

Run under Xvfb (or offscreen):  xvfb-run -a .venv/bin/python bench/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    from synthetic import synthetic_extractions

    from timeline_app.core.timeline import build_timeline, day_number
    from timeline_app.gui.app import application
    from timeline_app.gui.timeline_view import TimelineView
    import datetime as dt

    import tempfile

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "timeline-screens"
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    view = TimelineView()
    view.resize(1600, 900)
    view.show()
    view.set_timeline(build_timeline(synthetic_extractions(100_000)), "100,000 synthetic events over 50 years")
    ranges = {"full": None, "5-years": (dt.date(1990, 1, 1), dt.date(1995, 1, 1)),
              "1-year": (dt.date(1990, 1, 1), dt.date(1991, 1, 1)),
              "1-month": (dt.date(1990, 3, 1), dt.date(1990, 4, 1))}
    for name, span in ranges.items():
        if span:
            view.set_visible_range(day_number(span[0]), day_number(span[1]))
        import time

        end = time.monotonic() + 3.0  # the labels are placed in a worker once the view rests
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)
        view.grab().save(str(out / f"timeline-100k-{name}.png"))
        print(out / f"timeline-100k-{name}.png", f"({os.environ.get('QT_QPA_PLATFORM') or app.platformName()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
