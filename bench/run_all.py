"""Run every benchmark of bench/ in turn and print their figures (`make bench`); about 5 minutes.

    .venv/bin/python bench/run_all.py [--quick]

--quick runs smaller versions (fewer documents and rounds) for a smoke check.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [
    ("extraction overhead", ["bench_extract.py", "--docs", "100", "--rounds", "3"]),
    ("start-up", ["bench_startup.py", "--runs", "7"]),
    ("rendering", ["bench_render.py"]),
    ("memory", ["bench_memory.py"]),
    ("corpus mode", ["bench_corpus.py"]),
]
QUICK = [
    ("extraction overhead", ["bench_extract.py", "--docs", "10", "--rounds", "1"]),
    ("start-up", ["bench_startup.py", "--runs", "2"]),
    ("rendering", ["bench_render.py", "--sizes", "1000,10000"]),
    ("memory", ["bench_memory.py", "--sizes", "0,1000,10000"]),
    ("corpus mode", ["bench_corpus.py", "--limit", "24"]),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    failed = []
    started = time.perf_counter()
    for title, command in QUICK if args.quick else FULL:
        print(f"\n=== {title}: {' '.join(command)}", flush=True)
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]])
        print(f"--- {title}: {time.perf_counter() - t0:.0f} s, exit {r.returncode}", flush=True)
        if r.returncode:
            failed.append(title)
    print(f"\nall benchmarks: {time.perf_counter() - started:.0f} s"
          + (f"; missed or failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
