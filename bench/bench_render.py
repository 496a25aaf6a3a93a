"""Rendering: median time to repaint the timeline after a zoom or pan step, 1k / 10k / 100k events.

Offscreen (QT_QPA_PLATFORM=offscreen), a 1600x900 TimelineView, synthetic events over
50 years (bench/synthetic.py).  Each step changes the visible range (zoom in or out by
1.25x around the middle, or pan by 10 % of the width) and then repaints synchronously;
the time covers the level-of-detail update and the paint.  Baseline in the same run: the
repaint of the same view with no timeline at all (axis, grid and tray only).

    .venv/bin/python bench/bench_render.py [--sizes 1000,10000,100000] [--profile OUT.html]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGETS_MS = {1000: 16.0, 10_000: 33.0, 100_000: 50.0}


def steps() -> list[tuple[str, float]]:
    """From the whole timeline down to a few weeks and back, with pans on the way."""
    out: list[tuple[str, float]] = []
    for _ in range(22):
        out += [("zoom", 0.8), ("pan", 0.1), ("pan", -0.1)]
    for _ in range(22):
        out += [("zoom", 1.25), ("pan", 0.1)]
    return out


def measure(view, app, repeats: int = 1) -> tuple[list[float], list[float]]:
    zooms, pans = [], []
    view.fit_all()
    app.processEvents()
    for _ in range(repeats):
        for kind, amount in steps():
            t0 = time.perf_counter()
            x0, x1 = view.visible_range()
            if kind == "zoom":
                mid, half = (x0 + x1) / 2, (x1 - x0) / 2 * amount
                view.set_visible_range(mid - half, mid + half)
            else:
                shift = (x1 - x0) * amount
                view.set_visible_range(x0 + shift, x1 + shift)
            view.viewport().repaint()
            (zooms if kind == "zoom" else pans).append(1000 * (time.perf_counter() - t0))
        app.processEvents()
    return zooms, pans


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--profile", metavar="OUT.html", help="pyinstrument profile of the largest size")
    args = ap.parse_args()

    from synthetic import synthetic_extractions

    from timeline_app.core.timeline import build_timeline
    from timeline_app.gui.app import application
    from timeline_app.gui.timeline_view import TimelineView

    app = application()
    view = TimelineView()
    view.resize(1600, 900)
    view.show()
    app.processEvents()
    view.set_timeline(None)
    base_z, base_p = measure(view, app)
    base = statistics.median(base_z + base_p)
    print(f"view 1600x900 offscreen; baseline (empty view) repaint after a step: {base:.1f} ms")
    print(f"{'events':>8} {'lanes':>6} {'zoom ms':>8} {'pan ms':>7} {'all ms':>7} {'p90 ms':>7} "
          f"{'x base':>7} {'target':>7}")
    ok = True
    sizes = [int(s) for s in args.sizes.split(",")]
    for n in sizes:
        timeline = build_timeline(synthetic_extractions(n))
        view.set_timeline(timeline, f"{n} synthetic events")
        app.processEvents()
        measure(view, app)  # warm caches (sprites, text widths)
        profiler = None
        if args.profile and n == sizes[-1]:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        zooms, pans = measure(view, app)
        if profiler is not None:
            profiler.stop()
            Path(args.profile).write_text(profiler.output_html())
            print(profiler.output_text(unicode=False, color=False, show_all=False)[:6000])
        both = zooms + pans
        med = statistics.median(both)
        p90 = statistics.quantiles(both, n=10)[-1]
        target = TARGETS_MS.get(n)
        ok &= target is None or med <= target
        print(f"{n:>8} {timeline.lanes:>6} {statistics.median(zooms):>8.1f} {statistics.median(pans):>7.1f} "
              f"{med:>7.1f} {p90:>7.1f} {med / base:>7.1f} {target if target else '-':>7}"
              f"{'' if target is None or med <= target else '  MISSED'}")
    view.set_timeline(None)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
