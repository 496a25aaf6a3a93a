"""How long the window takes to quit while an article is being extracted, against quitting an idle window.

Each run is a fresh process showing the real window (`run_window`, as `timeline-app` does). It opens a long
article (the bundled one's paragraphs repeated; parsed in chunks of 20,000 characters) and is asked to quit
at a chosen moment, in one of two ways:

- `close`: the window's close button (`window.close()` from a timer; no unsaved work, so no question);
- `sigterm`: `kill` from outside, as a session manager does.

The moments: `idle` (after the extraction ended: the baseline of the same run), `model` (while the model
loads) and `chunk` (while a chunk is parsed, just after the progress of the first one). The time is from the
request to the process's end, wall clock, measured by this (parent) process.

    .venv/bin/python bench/bench_quit.py                  # 3 rounds of each
    .venv/bin/python bench/bench_quit.py --rounds 5 --characters 200000
    QT_QPA_PLATFORM=xcb DISPLAY=:93 .venv/bin/python bench/bench_quit.py   # a real X window
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import os, sys, time
from PySide6.QtCore import QTimer
from timeline_app.gui import app as app_module
from timeline_app.gui.main_window import MainWindow

how, moment, article = sys.argv[1], sys.argv[2], sys.argv[3]
shown = []
real_init = MainWindow.__init__

def init(self, *a, **k):
    real_init(self, *a, **k)
    shown.append(self)

    def ready(message="", done=0, total=0):
        print("ready", flush=True)  # the parent asks to quit now
        if how == "close":
            QTimer.singleShot(0, self.close)

    if moment == "model":
        QTimer.singleShot(0, lambda: self.service.busy and ready())
    elif moment == "chunk":
        fired = []
        self.service.progress.connect(lambda m, d, t: "%" in m and not fired and (fired.append(1), ready()))
    else:  # idle: once the extraction is over
        self.service.finished.connect(lambda cancelled: QTimer.singleShot(500, ready))

MainWindow.__init__ = init
sys.exit(app_module.run_window([article], None, None))
"""


def one_quit(how: str, moment: str, article: Path, env: dict[str, str]) -> float:
    child = subprocess.Popen([sys.executable, "-c", CHILD, how, moment, str(article)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        asked = time.perf_counter()
        if line.strip() != "ready":
            raise SystemExit(f"the window did not get ready: {line!r} {child.stderr.read()[-2000:]}")
        if how == "sigterm":
            child.send_signal(signal.SIGTERM)
        child.wait(timeout=120)
        seconds = time.perf_counter() - asked
        err = child.stderr.read()
        if "Traceback" in err or "QThread" in err or child.returncode not in (0, 128 + signal.SIGTERM):
            raise SystemExit(f"the window did not end cleanly (status {child.returncode}):\n{err[-3000:]}")
        return seconds
    finally:
        if child.poll() is None:
            child.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--characters", type=int, default=120_000)
    args = parser.parse_args()
    from timeline_app.core.resources import bundled_article

    base = bundled_article().read_text(encoding="utf-8").replace("\r\n", "\n").strip() + "\n\n"
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "long_article.txt"
        article.write_text((base * (args.characters // len(base) + 1))[:args.characters], encoding="utf-8")
        env = {**os.environ, "XDG_CONFIG_HOME": str(Path(folder) / "config"),
               "XDG_DATA_HOME": str(Path(folder) / "data")}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(f"{args.characters:,} characters; seconds from the request to the process's end "
              f"(median of {args.rounds}; each round in a fresh process)")
        print(f"{'quit by':>8} {'while':>6} {'median s':>9} {'rounds':>24} {'x idle':>7}")
        for how in ("close", "sigterm"):
            times = {moment: [one_quit(how, moment, article, env) for _ in range(args.rounds)]
                     for moment in ("idle", "model", "chunk")}
            idle = statistics.median(times["idle"])
            for moment, seconds in times.items():
                median = statistics.median(seconds)
                rounds = ", ".join(f"{s:.2f}" for s in seconds)
                print(f"{how:>8} {moment:>6} {median:9.2f} {rounds:>24} {median / idle:7.1f}")


if __name__ == "__main__":
    main()
