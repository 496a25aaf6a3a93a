"""Corpus mode: documents per second of `timeline-app extract DIR --format jsonl` with 1 and 2 jobs
and on a local Dask cluster of 2 workers (`--dask-workers 2`).

The 256 texts of ../shared/corpora/tbaq-cleaned/text/*.txt, each run a real subprocess
writing a fresh JSON Lines file; the rate counts the processing time the command reports
(model load excluded; for Dask, cluster start and the workers' model loads included) and the
whole process; and, since wall-clock rates swing with what else runs on the machine, the CPU
seconds of all the run's processes (workers included) past those of a run on the first 48
(start-up, model loads, cluster), as documents per CPU-second against spaCy alone's.  Baseline in the same run: spaCy's own `nlp.pipe` over the same texts in one
process (same model and components, without timeline_dates), no extractor.  Also checks that
a second run on the same output skips everything.

    .venv/bin/python bench/bench_corpus.py [--jobs 1,2] [--dask 2] [--limit 256]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "tbaq-cleaned" / "text"


def cpu_ratio(nlp, files: list[Path], texts: list[str], rounds: int = 2) -> None:
    """The per-process rate in CPU time, robust to other processes on the machine: corpus mode's
    own loop (read, publication date, spaCy with timeline_dates, JSON line) against spaCy alone,
    in this process, rounds interleaved, best of each."""
    import json

    from timeline_app.core.component import NAME
    from timeline_app.core.corpus import iter_extractions

    alone, full = [], []
    for _ in range(rounds):
        with nlp.select_pipes(disable=[NAME]):
            t0 = time.process_time()
            for _ in nlp.pipe(texts, batch_size=16):
                pass
            alone.append(time.process_time() - t0)
        t0 = time.process_time()
        for x in iter_extractions(files, nlp, batch_size=16):
            json.dumps(x.to_dict(), ensure_ascii=False)
        full.append(time.process_time() - t0)
    a, f = min(alone), min(full)
    print(f"per process, CPU time ({len(texts)} documents, best of {rounds}): spaCy alone "
          f"{1000 * a / len(texts):.1f} ms/doc, corpus mode {1000 * f / len(texts):.1f} ms/doc = "
          f"{a / f:4.2f} x spaCy alone")


LAST_RESULT: list = [None]
#: Documents of the run whose CPU time is taken as a run's fixed cost: 3 batches of 16 (so both
#: --jobs 2 workers get some) and 12 Dask shards.
FEW = 48


def children_cpu(run) -> float:
    """CPU seconds (user + system) of `run()`'s child processes and all their waited-for descendants
    (worker processes included): a figure other processes on the machine do not inflate as they do
    the wall clock."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_RESULT[0] = run()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--dask", default="2", help="local Dask workers to try (comma-separated; '' for none)")
    ap.add_argument("--limit", type=int, default=256)
    ap.add_argument("--cpu-docs", type=int, default=96, help="documents of the in-process CPU-time comparison")
    args = ap.parse_args()
    files = sorted(CORPUS.glob("*.txt"))[: args.limit]
    if not files:
        print(f"{CORPUS}: no texts", file=sys.stderr)
        return 1

    from timeline_app.core.document import read_document
    from timeline_app.core.nlp import load_model

    from timeline_app.core.component import NAME

    nlp = load_model()
    texts = [read_document(f)[0] for f in files]
    with nlp.select_pipes(disable=[NAME]):  # spaCy alone
        for _ in nlp.pipe(texts[:8]):
            pass
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        base = len(texts) / (time.perf_counter() - t0)
        base_cpu = len(texts) / (time.process_time() - c0)
    print(f"documents: {len(files)} tbaq-cleaned texts, model {nlp.meta['name']} {nlp.meta['version']}")
    print(f"baseline spaCy nlp.pipe alone (1 process): {base:6.1f} docs/s, {base_cpu:5.2f} docs per CPU-second")
    cpu_ratio(nlp, files[: args.cpu_docs], texts[: args.cpu_docs])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for f in files:
            (folder / f.name).symlink_to(f)
        runs = [("--jobs", int(j)) for j in args.jobs.split(",") if j]
        runs += [("--dask-workers", int(w)) for w in args.dask.split(",") if w]
        # a run on the first FEW documents costs what a run costs whatever its size (start, model
        # loads in every worker, cluster); the difference of the two runs is the documents' own cost
        few = Path(tmp) / "few"
        few.mkdir()
        for f in files[:FEW]:
            (few / f.name).symlink_to(f)
        first = None
        for option, jobs in runs:
            out = Path(tmp) / f"out{option}-{jobs}.jsonl"
            cmd = [sys.executable, "-m", "timeline_app", "extract", str(folder), "--format", "jsonl",
                   "-o", str(out), option, str(jobs)]
            fixed = children_cpu(lambda: subprocess.run(
                [*cmd[:4], str(few), *cmd[5:8], str(Path(tmp) / f"few{option}-{jobs}.jsonl"), *cmd[9:]],
                capture_output=True, text=True, check=True))
            t0 = time.perf_counter()
            cpu = children_cpu(lambda: subprocess.run(cmd, capture_output=True, text=True))
            r = LAST_RESULT[0]
            wall = time.perf_counter() - t0
            m = re.search(r"(\d+) documents written .* in ([\d.]+) s", r.stderr)
            if r.returncode != 0 or not m:
                print(r.stderr[-2000:], file=sys.stderr)
                return 1
            written, seconds = int(m.group(1)), float(m.group(2))
            lines = out.read_text(encoding="utf-8").count("\n")
            same = "" if first is None else (", same output as the first run" if out.read_bytes() == first
                                             else ", OUTPUT DIFFERS from the first run")
            first = first if first is not None else out.read_bytes()
            print(f"extract {option} {jobs}: {written / seconds:6.1f} docs/s processing "
                  f"({written / wall:5.1f} docs/s whole process, {wall:5.1f} s) = "
                  f"{written / seconds / base:4.2f} x spaCy alone; {lines} lines{same}")
            per_cpu = (written - FEW) / max(cpu - fixed, 1e-9)
            print(f"  CPU of all its processes: {cpu:5.1f} s, of a run on the first {FEW}: {fixed:4.1f} s: "
                  f"{per_cpu:5.2f} docs per CPU-second past start-up = {per_cpu / base_cpu:4.2f} x spaCy alone")
            t0 = time.perf_counter()
            again = subprocess.run(cmd, capture_output=True, text=True)
            print(f"  second run on the same output: {again.stderr.strip().splitlines()[-1]} "
                  f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
