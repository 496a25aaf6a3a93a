"""Screenshots of the real window (issue 12's note): the bundled article at Fit All and zoomed to
April-May 2017, its overview strip, and a workspace of several articles.

Run under X (a real xcb window, taken with ImageMagick's `import -window root`):

    Xvfb :103 -screen 0 1400x900x24 &
    DISPLAY=:103 .venv/bin/python bench/window_screenshots.py OUT_DIR [EXTRACTION.json ...] [FIRST:LAST ...]

The extractions (`timeline-app extract ... -o X.json`) make the several-article workspace; each FIRST:LAST
(ISO days, astronomical years for BC: `-0479-08-10:-0479-08-20` is 10-20 August 480 BC) is one more
screenshot of it zoomed to those days, e.g. a WikiWars history extracted with `--published 2009-12-19`.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path


def settle(app: object, seconds: float = 1.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot(app: object, path: Path) -> Path:
    settle(app)
    subprocess.run(["import", "-window", "root", str(path)], check=True)
    print(path)
    return path


def main() -> int:
    from PySide6.QtCore import QSettings

    from timeline_app.core.corpus import load_extractions
    from timeline_app.core.resources import bundled_article
    from timeline_app.core.timeline import day_number
    from timeline_app.gui.app import application
    from timeline_app.gui.main_window import MainWindow

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    settings = QSettings(str(out / "screens.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.setGeometry(0, 0, 1400, 900)
    window.show()
    window.open_paths([str(bundled_article())])
    deadline = time.monotonic() + 120
    while (window.timeline is None or window.service.busy) and time.monotonic() < deadline:
        settle(app, 0.2)
    view = window.timeline_view
    view.fit_all()
    shoot(app, out / "article-fit-all.png")
    view.set_visible_range(day_number(dt.date(2017, 4, 1)), day_number(dt.date(2017, 6, 1)))
    shoot(app, out / "article-april-may-2017.png")
    strip = view.overview.box.sceneBoundingRect().toRect()
    top_left = view.mapToGlobal(view.mapFromScene(strip.topLeft()))
    crop = f"{strip.width() + 20}x{strip.height() + 44}+{max(top_left.x() - 10, 0)}+{max(top_left.y() - 22, 0)}"
    subprocess.run(["convert", str(out / "article-april-may-2017.png"), "-crop", crop, "+repage",
                    str(out / "overview-strip.png")], check=True)
    print(out / "overview-strip.png")
    paths = [Path(p) for p in sys.argv[2:] if p.endswith((".json", ".jsonl"))]
    ranges = [p for p in sys.argv[2:] if not p.endswith((".json", ".jsonl"))]
    if paths:
        extractions = [x for p in paths for x in load_extractions(p)]
        window.show_extractions(extractions)
        while window._building:
            settle(app, 0.2)
        window.timeline_view.fit_all()
        shoot(app, out / f"workspace-{len(extractions)}-articles.png")
        from timeline_app.core.dates.calendar import Day

        for days in ranges:
            first, last = (Day.fromisoformat(d) for d in days.split(":"))
            window.timeline_view.set_visible_range(day_number(first), day_number(last) + 1)
            shoot(app, out / f"workspace-{days.replace(':', '_')}.png")
    window.workspace.saved_revision = window.workspace.revision  # nothing to save: close without asking
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
