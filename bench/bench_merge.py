"""Merging mentions across documents (`core.mentions.merge_documents`), what the first paint of a
big workspace waits for: this code against the code of a baseline commit, in the same run.

The baseline's `core/mentions.py` is read from git (`git show REV:timeline_app/core/mentions.py`)
and run on the same synthetic extractions (`synthetic.py`: N events over 50 years in 100
documents).  Printed: the best of `--rounds` wall and CPU times of each, their ratio, and
whether the two give the same documents (every event's JSON, in order).

    .venv/bin/python bench/bench_merge.py [--events 100000] [--rounds 3] [--baseline ab90670]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from revisions import module_at  # noqa: E402
from synthetic import synthetic_extractions  # noqa: E402

from timeline_app.core import mentions  # noqa: E402


def baseline_module(rev: str):
    """`core/mentions.py` as it was at `rev`, imported under another name."""
    return module_at(rev, "timeline_app/core/mentions.py", "baseline_mentions")


def best_of(rounds: int, merge, documents) -> tuple[float, float, tuple]:
    wall = cpu = float("inf")
    out: tuple = ()
    for _ in range(rounds):
        w, c = time.perf_counter(), time.process_time()
        out = merge(documents)
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return wall, cpu, out


def as_json(documents) -> list:
    return [[e.to_dict() for e in d.events] for d in documents]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", default="ab90670", help="git revision to compare with")
    args = parser.parse_args()
    documents = synthetic_extractions(args.events)
    old = baseline_module(args.baseline)
    b_wall, b_cpu, b_out = best_of(args.rounds, old.merge_documents, documents)
    n_wall, n_cpu, n_out = best_of(args.rounds, mentions.merge_documents, documents)
    same = as_json(b_out) == as_json(n_out)
    merged = sum(e.mention_count > 1 for d in n_out for e in d.events)
    print(f"{args.events} events in {len(documents)} documents, {merged} merged events; best of {args.rounds}")
    print(f"baseline {args.baseline}: {b_wall:.2f} s wall, {b_cpu:.2f} s CPU")
    print(f"this code:        {n_wall:.2f} s wall, {n_cpu:.2f} s CPU")
    print(f"ratio this/baseline: wall {n_wall / b_wall:.2f}, CPU {n_cpu / b_cpu:.2f}; same output: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
