"""Peak memory and time of one long document: parsed in chunks of paragraphs vs in one piece.

Each measurement runs in a fresh process (peak RSS is per process). The baseline of the same run
is a process that only loads the model. The text is the bundled article's paragraphs repeated.

    .venv/bin/python bench/bench_long_document.py                 # 25k, 100k, 250k characters
    .venv/bin/python bench/bench_long_document.py --sizes 965000  # the report of issue 14
    .venv/bin/python bench/bench_long_document.py --no-whole      # skip the one-piece parse
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import datetime as dt, json, resource, sys, time
from timeline_app.core.nlp import load_model
from timeline_app.core.pipeline import extract, extract_parsed, prepare_text
from timeline_app.core.resources import bundled_article
mode, size = sys.argv[1], int(sys.argv[2])
nlp = load_model()
base = bundled_article().read_text(encoding="utf-8").replace("\r\n", "\n").strip() + "\n\n"
text = (base * (size // len(base) + 1))[:size]
start = time.perf_counter()
if mode == "chunks":
    x = extract(text, dt.date(2017, 5, 10), nlp=nlp)
elif mode == "whole":
    nlp.max_length = max(nlp.max_length, size + 1)
    prepared, pub, title = prepare_text(text, dt.date(2017, 5, 10))
    x = extract_parsed(nlp(prepared), pub, title=title)
seconds = time.perf_counter() - start
events = len(x.events) if mode != "model" else 0
print(json.dumps({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "seconds": seconds,
                  "events": events}))
"""


def measure(mode: str, size: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(size)], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 100_000, 250_000])
    parser.add_argument("--no-whole", action="store_true", help="do not parse in one piece (slow, big)")
    args = parser.parse_args()
    model = measure("model", 0)
    print(f"baseline: the model alone, peak RSS {model['rss_mb']:.0f} MB")
    print(f"{'characters':>11} {'mode':>7} {'peak MB':>8} {'over base':>10} {'MB/100k ch':>11} {'seconds':>8} "
          f"{'events':>7}")
    for size in args.sizes:
        for mode in ("chunks",) + (() if args.no_whole else ("whole",)):
            r = measure(mode, size)
            over = r["rss_mb"] - model["rss_mb"]
            print(f"{size:>11,} {mode:>7} {r['rss_mb']:>8.0f} {over:>10.0f} {100_000 * over / size:>11.1f} "
                  f"{r['seconds']:>8.1f} {r['events']:>7}", flush=True)


if __name__ == "__main__":
    main()
