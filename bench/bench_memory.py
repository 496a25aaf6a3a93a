"""Memory: peak RSS of the whole window with 1k / 10k / 100k synthetic events loaded.

Each size runs in a fresh subprocess: the main window (timeline, table, passage) shows
the synthetic extractions (bench/synthetic.py, as `timeline-app open` would after reading
a JSON Lines file), paints, zooms in and out, then reports its peak RSS (ru_maxrss).
Baseline in the same run: the same window showing nothing.

    .venv/bin/python bench/bench_memory.py [--sizes 0,1000,10000,100000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIMIT_MB = 1536

CHILD = r"""
import os, resource, sys, time
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QSettings
from synthetic import synthetic_extractions
from timeline_app.gui.app import application
from timeline_app.gui.main_window import MainWindow

n = int(sys.argv[1])
app = application()
window = MainWindow(settings=QSettings(sys.argv[3], QSettings.Format.IniFormat))
window.resize(1600, 1000)
window.show()
t0 = time.perf_counter()
if n:
    window.show_extractions(synthetic_extractions(n))
for factor in (1.0, 0.5, 0.5, 0.5, 8.0):
    window.timeline_view.zoom(factor)
    window.timeline_view.viewport().repaint()
    app.processEvents()
shown = time.perf_counter() - t0
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, shown, flush=True)
window.close()  # stops the extraction thread
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0,1000,10000,100000")
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            r = subprocess.run([sys.executable, "-c", CHILD, str(n), str(HERE), str(Path(tmp) / f"s{n}.ini")],
                               env=env, capture_output=True, text=True)
            if r.returncode:
                print(r.stderr[-3000:], file=sys.stderr)
                return 1
            mb, seconds = (float(v) for v in r.stdout.split()[-2:])
            rows.append((n, mb, seconds))
    base = rows[0][1] if rows and rows[0][0] == 0 else None
    print("peak RSS of the main window (offscreen 1600x1000), fresh process per size")
    print(f"{'events':>8} {'peak MB':>8} {'over empty':>10} {'load+show s':>12}")
    for n, mb, seconds in rows:
        over = f"{mb - base:+10.0f}" if base is not None else "         -"
        print(f"{n:>8} {mb:>8.0f} {over} {seconds:>12.2f}")
    at_100k = [mb for n, mb, _ in rows if n == 100_000]
    if at_100k:
        print(f"target: <= {LIMIT_MB} MB with 100,000 events -> {'met' if at_100k[0] <= LIMIT_MB else 'MISSED'}")
    else:
        print("target (100,000 events) not measured in this run")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
