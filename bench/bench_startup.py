"""Start-up: process start to a window showing the sample's timeline (events drawn).

Each run is a real subprocess: `python -m timeline_app` on the bundled article with
TIMELINE_APP_EXIT_WHEN_DRAWN set, which quits as soon as the timeline view has painted
its events and prints "drawn N events".  The time is from just before the process is
started to that line.  Baseline in the same run (interleaved):
`python -c "import PySide6.QtWidgets, spacy; spacy.load(MODEL)"`.

    .venv/bin/python bench/bench_startup.py [--runs 7] [--xvfb]   (default: QT_QPA_PLATFORM=offscreen)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict[str, str], until: str | None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if until is None:
        proc.wait()
        elapsed = time.perf_counter() - t0
        if proc.returncode:
            raise SystemExit(f"{cmd} failed")
        return elapsed
    for line in proc.stdout:
        if line.startswith(until):
            elapsed = time.perf_counter() - t0
            proc.wait()
            return elapsed
        if line.startswith("timed out"):
            break
    proc.wait()
    raise SystemExit(f"{cmd}: the window never showed its events")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--xvfb", action="store_true", help="a real X server (Xvfb) instead of offscreen")
    args = ap.parse_args()

    from timeline_app.core.nlp import load_model

    model = load_model().meta["lang"] + "_" + load_model().meta["name"]
    config = tempfile.mkdtemp(prefix="tl-startup-")
    env = dict(os.environ, TIMELINE_APP_EXIT_WHEN_DRAWN="60", XDG_CONFIG_HOME=config)
    server = None
    if args.xvfb and shutil.which("Xvfb"):
        read_end, write_end = os.pipe()
        server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24",
                                   "-nolisten", "tcp"], pass_fds=(write_end,), stderr=subprocess.DEVNULL)
        os.close(write_end)
        env.update(DISPLAY=":" + os.fdopen(read_end).readline().strip(), QT_QPA_PLATFORM="xcb")
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    app_cmd = [sys.executable, "-m", "timeline_app"]
    base_cmd = [sys.executable, "-c", f"import PySide6.QtWidgets, spacy; spacy.load({model!r})"]
    try:
        timed(app_cmd, env, "drawn")  # warm the file cache
        timed(base_cmd, env, None)
        app, base = [], []
        for _ in range(args.runs):
            base.append(timed(base_cmd, env, None))
            app.append(timed(app_cmd, env, "drawn"))
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(config, ignore_errors=True)
    a, b = statistics.median(app), statistics.median(base)
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}, model: {model}")
    print(f"baseline import PySide6.QtWidgets, spacy + spacy.load: median {b:.2f} s "
          f"(min {min(base):.2f}, max {max(base):.2f})")
    print(f"window with the sample's events drawn:               median {a:.2f} s "
          f"(min {min(app):.2f}, max {max(app):.2f})")
    print(f"ratio app / baseline: {a / b:.2f}   target: median <= 2.5 s -> {'met' if a <= 2.5 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
