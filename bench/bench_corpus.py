"""Corpus mode against spaCy alone: `timeline-app extract DIR --format jsonl` with 1 and 2 jobs and
on a local Dask cluster of 2 workers, each as a ratio of spaCy's `nlp.pipe` alone on the same texts.

What each figure measures (see bench/README.md, "Corpus mode"):

* spaCy alone: a subprocess (this script with --spacy-alone) that loads the model exactly as the app
  does (`nlp.load_model`, the same components), disables `timeline_dates`, reads each file and
  runs `nlp.pipe(texts, batch_size=16)`: the parse and nothing else.
* extract: the real command in a subprocess, writing a fresh JSON Lines file.
* Both are run twice, on the 256 texts and on the first 48; the difference of the two runs is
  what the other 208 documents cost, past start-up (interpreter, imports, model load, workers,
  cluster): docs/s of wall time and docs per CPU-second of all the run's processes.  The runs
  are paired (spaCy alone and extract in turn, the order alternating between rounds) and the
  ratio is the median of the rounds' ratios, so a change of the machine's load between the two
  halves of a comparison does not decide it.
* In process (96 texts, batches of 16): spaCy alone and corpus mode's own loop
  (`corpus.iter_extractions` + one JSON line each) on the same batch in turn, the order
  alternating; corpus mode's time is split into the timeline_dates component, reading the files
  (`prepare_source`: decoding, publication date, title), `extract_parsed` and the JSON line; what
  is left is spaCy's work inside corpus mode, printed next to spaCy alone's as a check that both
  sides parse the same texts with the same components (they also compare the parses).

    .venv/bin/python bench/bench_corpus.py [--jobs 1,2] [--dask 2] [--limit 256] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "tbaq-cleaned" / "text"
#: Documents of a run whose cost is taken as the run's fixed cost: 3 batches of 16 (so both
#: --jobs 2 workers get some) and 12 Dask shards.
FEW = 48
BATCH = 16


def same_allocator() -> None:
    """With --same-allocator (the environment variable it sets for the baseline's processes), spaCy
    alone keeps freed memory as corpus mode does (`corpus.keep_freed_memory`): what is then left of
    the ratio is the app's own work, not the allocator's."""
    if os.environ.get(SAME_ALLOCATOR):
        from timeline_app.core.corpus import keep_freed_memory

        keep_freed_memory()


SAME_ALLOCATOR = "BENCH_CORPUS_SAME_ALLOCATOR"


def spacy_alone(folder: Path) -> int:
    """The baseline process: the app's model without timeline_dates, nlp.pipe over the folder's texts."""
    from timeline_app.core.component import NAME
    from timeline_app.core.nlp import load_model

    same_allocator()
    nlp = load_model()
    files = sorted(folder.glob("*.txt"))
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=[NAME]):
        n = sum(1 for _ in nlp.pipe((f.read_text(encoding="utf-8") for f in files), batch_size=BATCH))
    print(f"{n} documents parsed in {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    return 0


def last_core() -> int:
    """The core this process last ran on (Linux: /proc/self/stat), -1 where that is not known."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[36])
    except (OSError, ValueError, IndexError):
        return -1


class Turns:
    """A child's side of taking turns: it waits for the parent's go before each batch and, once the
    batch is done, sends back the CPU and wall seconds that batch took in this process (all its
    threads), and how many documents it held.  Only one of the two processes works at a time."""

    def __init__(self, go: int, done: int) -> None:
        self.go, self.done, self.started = go, done, None

    def begin(self, docs: int) -> None:
        self.end()
        if os.read(self.go, 1) != b"g":  # the parent is gone or says stop
            os._exit(3)
        self.docs, self.started = docs, (time.process_time(), time.perf_counter())

    def end(self) -> None:
        if self.started is not None:
            cpu, wall = time.process_time() - self.started[0], time.perf_counter() - self.started[1]
            os.write(self.done, f"{cpu:.6f} {wall:.6f} {self.docs} {last_core()}\n".encode())
            self.started = None


def alone_in_turns(folder: Path, turns: Turns) -> int:
    """spaCy alone, batch by batch in turns: each file read and parsed as in `spacy_alone`."""
    from timeline_app.core.component import NAME
    from timeline_app.core.nlp import load_model

    same_allocator()
    nlp = load_model()
    files = sorted(folder.glob("*.txt"))
    with nlp.select_pipes(disable=[NAME]):
        for b in range(0, len(files), BATCH):
            batch = files[b:b + BATCH]
            turns.begin(len(batch))
            for _ in nlp.pipe((f.read_text(encoding="utf-8") for f in batch), batch_size=BATCH):
                pass
    turns.end()
    return 0


def extract_in_turns(argv: list[str], turns: Turns) -> int:
    """The real `timeline-app extract` (cli.main with `argv`), each of its batches in turns: a batch
    is `corpus.extract_batch` (reading, publication dates, spaCy with the component, the
    Extraction) and the writing of its JSON lines, which comes before the next batch begins.
    Start-up (imports, the model load, checking the output) and the process's exit are not in it."""
    from timeline_app import cli
    from timeline_app.core import corpus

    original = corpus.extract_batch

    def batch(nlp, paths, *args, **kwargs):
        turns.begin(len(paths))
        return original(nlp, paths, *args, **kwargs)

    corpus.extract_batch = batch
    code = cli.main(argv)
    turns.end()
    return code


def timed_run(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of the process and all its waited-for descendants, result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result


def fingerprint(doc) -> tuple:
    """What spaCy made of a text: tokens, tags, parse, entities."""
    return (tuple((t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc),
            tuple((e.start_char, e.end_char, e.label_) for e in doc.ents))


def in_process(nlp, files: list[Path], rounds: int, control: bool = False) -> None:
    """Corpus mode's loop against spaCy alone, batch by batch, and where corpus mode's time goes."""
    from timeline_app.core import component, pipeline
    from timeline_app.core.component import NAME
    from timeline_app.core.corpus import iter_extractions
    from timeline_app.core.readers import read_source

    texts = [read_source(f).text for f in files]  # what corpus mode parses
    parses: list[tuple] = []
    spent: dict[str, float] = defaultdict(float)
    originals = {}

    def timing(module, name: str, key: str) -> None:
        original = originals[(module, name)] = getattr(module, name)

        def run(*args, **kwargs):
            if key == "the timeline_dates component" and parses is not None:
                parses.append(fingerprint(args[0]))  # the Doc as spaCy left it
            t0 = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[key] += time.process_time() - t0
        setattr(module, name, run)

    def corpus_mode(batch: list[Path]) -> None:
        for x in iter_extractions(batch, nlp, batch_size=BATCH):
            t0 = time.process_time()
            json.dumps(x.to_dict(), ensure_ascii=False)
            spent["the JSON line"] += time.process_time() - t0

    def alone(batch: list[str]) -> list:
        with nlp.select_pipes(disable=[NAME]):
            return [doc for doc in nlp.pipe(batch, batch_size=BATCH)]

    timing(component, "annotate", "the timeline_dates component")
    timing(pipeline, "prepare_source", "reading, publication date, title")
    timing(pipeline, "extract_parsed", "extract_parsed (the Extraction)")
    try:
        corpus_mode(files[:BATCH])  # untimed: do both sides parse alike?
        same = [fingerprint(d) for d in alone(texts[:BATCH])] == parses
        parses = None
        spent.clear()
        alone_cpu = corpus_cpu = again_cpu = 0.0
        ratios, controls = [], []
        for r in range(rounds):
            round_alone = round_corpus = round_again = 0.0
            for b in range(0, len(files), BATCH):
                order = ["alone", "corpus"] + (["again"] if control else [])
                for side in (order if (r + b // BATCH) % 2 == 0 else order[::-1]):
                    t0 = time.process_time()
                    if side == "corpus":
                        corpus_mode(files[b:b + BATCH])
                        round_corpus += time.process_time() - t0
                    else:
                        alone(texts[b:b + BATCH])
                        if side == "alone":
                            round_alone += time.process_time() - t0
                        else:
                            round_again += time.process_time() - t0
            alone_cpu += round_alone
            corpus_cpu += round_corpus
            again_cpu += round_again
            ratios.append(round_alone / round_corpus)
            if control:
                controls.append(round_alone / round_again)
    finally:
        for (module, name), original in originals.items():
            setattr(module, name, original)
    n = len(files) * rounds
    print(f"in process, CPU time, {len(files)} documents in batches of {BATCH}, {rounds} rounds paired "
          f"batch by batch; the same parses on both sides: {'yes' if same else 'NO'}")
    print(f"  spaCy alone {1000 * alone_cpu / n:6.1f} ms/doc, corpus mode {1000 * corpus_cpu / n:6.1f} ms/doc = "
          f"{statistics.median(ratios):4.2f} x spaCy alone (rounds: {', '.join(f'{x:.2f}' for x in ratios)})")
    if control:
        print(f"  control: spaCy alone against itself, the same way: {statistics.median(controls):4.2f} x "
              f"(rounds: {', '.join(f'{x:.2f}' for x in controls)}), {1000 * again_cpu / n:.1f} ms/doc")
    rest = corpus_cpu - sum(spent.values())
    for key, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"    {key:36s} {1000 * seconds / n:6.1f} ms/doc")
    print(f"    {'spaCy inside corpus mode (the rest)':36s} {1000 * rest / n:6.1f} ms/doc "
          f"(spaCy alone {1000 * alone_cpu / n:.1f})")


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """(first quartile, median, third quartile), the median of each half for the quartiles."""
    xs = sorted(values)
    half = len(xs) // 2
    low, high = (xs[:half], xs[-half:]) if len(xs) > 1 else (xs, xs)
    return statistics.median(low), statistics.median(xs), statistics.median(high)


def median_interval(values: list[float]) -> tuple[float, float] | None:
    """A 95 % confidence interval of the median, from order statistics (no assumption about the
    distribution): the values of ranks n/2 - 1.96 sqrt(n)/2 and 1 + n/2 + 1.96 sqrt(n)/2 (counted
    from 1); None for fewer than 6 values."""
    n = len(values)
    if n < 6:
        return None
    xs = sorted(values)
    half = 1.96 * n ** 0.5 / 2
    return xs[max(0, round(n / 2 - half) - 1)], xs[min(n - 1, round(1 + n / 2 + half) - 1)]


def spread(values: list[float]) -> str:
    q1, med, q3 = quartiles(values)
    ci = median_interval(values)
    return (f"median {med:.3f}" + (f" (95 % CI {ci[0]:.3f}-{ci[1]:.3f})" if ci else "")
            + f", IQR {q1:.3f}-{q3:.3f}, range {min(values):.3f}-{max(values):.3f}")


def in_turns(folder: Path, tmp: Path, n: int, rounds: int, control: bool, save: Path | None = None,
             pin: bool = True) -> None:
    """extract --jobs 1 against spaCy alone (or, with `control`, spaCy alone against itself), as two
    real processes started together that take turns batch by batch: the parent lets one process
    parse one batch of 16, then the other the same batch, the order alternating (ABBA), so the
    machine's state (other processes' load) is the same for both sides of every pair, and each
    process reports the CPU time of its own batches, so start-up and exit are left out by
    measurement, not by subtracting a second run.  Each round is a fresh pair of processes, both
    pinned to the same core (`pin`), a different core each round, so that both sides of a pair run
    on the same core and neither moves between cores in the middle of a batch."""
    me = str(Path(__file__).resolve())
    names = ("spaCy alone", "spaCy alone again") if control else ("spaCy alone", "extract --jobs 1")
    cpu = {k: [] for k in names}  # per round: CPU seconds of all its batches
    wall = {k: [] for k in names}
    totals = {k: [] for k in names}  # per round: the whole process's CPU (os.wait4), start-up included
    pairs: list[float] = []  # batch by batch, past each process's first: alone / other
    firsts: list[float] = []  # the first batches
    records: list[dict] = []  # every batch of every process, for --save
    first_output = None
    cores = sorted(os.sched_getaffinity(0)) if pin and hasattr(os, "sched_setaffinity") else []
    for r in range(rounds):
        children = {}
        core = cores[r % len(cores)] if cores else None  # both on one core, a different one each round
        # started in turn too: the process started second ran 2-7 % slower in 8 of 9 control rounds
        for side in (names if r % 2 == 0 else names[::-1]):
            go_r, go_w = os.pipe()
            done_r, done_w = os.pipe()
            if side == "extract --jobs 1":
                out = tmp / f"turns-r{r}.jsonl"
                rest = ["extract", str(folder), "--format", "jsonl", "-o", str(out), "--jobs", "1"]
            else:
                rest = ["alone", str(folder)]
            log = open(tmp / f"turns-r{r}-{len(children)}.log", "w")
            proc = subprocess.Popen([sys.executable, me, "--turns-child", str(go_r), str(done_w), *rest],
                                    pass_fds=(go_r, done_w), stdout=log, stderr=log,
                                    preexec_fn=(lambda: os.sched_setaffinity(0, {core})) if core is not None else None)
            os.close(go_r)
            os.close(done_w)
            children[side] = (proc, go_w, os.fdopen(done_r), log)
        round_cpu = {k: 0.0 for k in names}
        round_wall = {k: 0.0 for k in names}
        docs = {k: 0 for k in names}
        for b in range(-(-n // BATCH)):
            batch_cpu = {}
            for side in (names if (r + b) % 2 == 0 else names[::-1]):
                proc, go, done, log = children[side]
                try:
                    os.write(go, b"g")
                    line = done.readline()
                except BrokenPipeError:
                    line = ""
                if not line:
                    proc.wait()
                    raise SystemExit(f"{side} process ended early:\n{Path(log.name).read_text()[-2000:]}")
                c, w, d, where = line.split()
                records.append({"control": control, "round": r, "batch": b, "side": side,
                                "started_first": side == next(iter(children)), "cpu": float(c),
                                "wall": float(w), "docs": int(d), "core": int(where), "load": os.getloadavg()[0]})
                batch_cpu[side] = float(c)
                docs[side] += int(d)
                if b > 0:  # the first batch is each process's warm-up (spaCy's first batch: ~1.5 s more)
                    round_cpu[side] += float(c)
                    round_wall[side] += float(w)
            (pairs if b > 0 else firsts).append(batch_cpu[names[0]] / batch_cpu[names[1]])
        for side, (proc, go, done, log) in children.items():
            os.close(go)  # an end of file: a child still waiting for a go ends
            _, status, usage = os.wait4(proc.pid, 0)
            done.close()
            log.close()
            if status != 0 or docs[side] != n:
                raise SystemExit(f"{side}: exit status {status}, {docs[side]} of {n} documents:\n"
                                 f"{Path(log.name).read_text()[-2000:]}")
            totals[side].append(usage.ru_utime + usage.ru_stime)
            cpu[side].append(round_cpu[side])
            wall[side].append(round_wall[side])
        if not control:
            data = (tmp / f"turns-r{r}.jsonl").read_bytes()
            if (lines := data.count(b"\n")) != n:
                raise SystemExit(f"turns-r{r}.jsonl: {lines} lines for {n} texts")
            if first_output is None:
                first_output = data
            elif data != first_output:
                print(f"  OUTPUT DIFFERS from the first round's (round {r + 1})")
    if save is not None:
        with open(save, "a", encoding="utf-8") as fh:
            fh.writelines(json.dumps(x) + "\n" for x in records)
    a, e = names
    ratios = [x / y for x, y in zip(cpu[a], cpu[e])]
    wall_ratios = [x / y for x, y in zip(wall[a], wall[e])]
    total_ratios = [x / y for x, y in zip(totals[a], totals[e])]
    med = statistics.median
    m = n - BATCH
    print(f"\nwhole processes taking turns: {n} tbaq-cleaned texts, batches of {BATCH}, {rounds} rounds "
          f"(each a fresh pair of processes); figures past each process's first batch (its warm-up)")
    print(f"  {e}: {1000 * med(cpu[e]) / m:6.1f} ms/doc CPU against {a} {1000 * med(cpu[a]) / m:6.1f} ms/doc")
    print(f"    CPU ratio by round:  {spread(ratios)}  (rounds {', '.join(f'{x:.3f}' for x in ratios)})")
    print(f"    CPU ratio by batch:  {spread(pairs)}  ({len(pairs)} pairs)")
    print(f"    wall ratio by round: {spread(wall_ratios)}")
    print(f"    first batches (warm-up): {', '.join(f'{x:.3f}' for x in firsts)}")
    print(f"    with start-up and exit (each process's CPU from os.wait4): {spread(total_ratios)}; "
          f"{med(totals[e]) - med(cpu[e]):.1f} s and {med(totals[a]) - med(cpu[a]):.1f} s of it outside the batches")


def turns_child(argv: list[str]) -> int:
    go, done, side, *rest = argv
    turns = Turns(int(go), int(done))
    if side == "alone":
        return alone_in_turns(Path(rest[0]), turns)
    return extract_in_turns([side, *rest], turns)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", default="1,2", help="--jobs values of extract to try (comma-separated)")
    ap.add_argument("--dask", default="2", help="local Dask workers to try (comma-separated; '' for none)")
    ap.add_argument("--limit", type=int, default=256)
    ap.add_argument("--rounds", type=int, default=2, help="paired rounds of each comparison")
    ap.add_argument("--cpu-docs", type=int, default=96, help="documents of the in-process comparison (0: none)")
    ap.add_argument("--control", action="store_true",
                    help="in process, also time spaCy alone against itself (the noise of the comparison)")
    ap.add_argument("--spacy-alone", type=Path, help=argparse.SUPPRESS)  # the baseline's own process
    ap.add_argument("--turns-rounds", type=int, default=None,
                    help="rounds of the whole-process comparison taking turns (default: --rounds)")
    ap.add_argument("--sequential", action="store_true",
                    help="also time --jobs 1 the round-4 way: whole runs one after the other, less a run on 48")
    ap.add_argument("--no-pin", action="store_true",
                    help="leave the two processes taking turns where the scheduler puts them")
    ap.add_argument("--same-allocator", action="store_true",
                    help="spaCy alone keeps freed memory too, as corpus mode does (corpus.keep_freed_memory)")
    ap.add_argument("--save", type=Path, help="append every batch's figures of the processes taking turns "
                    "(JSON Lines) to this file")
    if sys.argv[1:2] == ["--turns-child"]:  # one of the two processes taking turns
        return turns_child(sys.argv[2:])
    args = ap.parse_args()
    if args.same_allocator:
        os.environ[SAME_ALLOCATOR] = "1"  # read by the baseline's processes
    if args.spacy_alone:
        return spacy_alone(args.spacy_alone)
    files = sorted(CORPUS.glob("*.txt"))[: args.limit]
    if len(files) <= FEW:
        print(f"{CORPUS}: fewer than {FEW + 1} texts", file=sys.stderr)
        return 1
    from timeline_app.core.readers import read_source

    odd = [f.name for f in files if read_source(f).text != f.read_text(encoding="utf-8")]
    if odd:  # the baseline reads the files plainly: it must get the texts corpus mode parses
        print(f"texts that read_source reads differently from UTF-8: {odd[:5]}", file=sys.stderr)
        return 1
    if args.cpu_docs:
        from timeline_app.core.nlp import load_model

        nlp = load_model()
        print(f"model {nlp.meta['name']} {nlp.meta['version']}, components {', '.join(nlp.pipe_names)}")
        in_process(nlp, files[: args.cpu_docs], args.rounds, args.control)
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        for label, chosen in (("all", files), ("few", files[:FEW])):
            folders[label] = Path(tmp) / label
            folders[label].mkdir()
            for f in chosen:
                (folders[label] / f.name).symlink_to(f)

        def alone_cmd(label: str) -> list[str]:
            return [sys.executable, str(Path(__file__).resolve()), "--spacy-alone", str(folders[label])]

        def extract_cmd(label: str, option: str, value: int, tag: str) -> list[str]:
            return [sys.executable, "-m", "timeline_app", "extract", str(folders[label]), "--format", "jsonl",
                    "-o", str(Path(tmp) / f"{tag}-{label}{option}-{value}.jsonl"), option, str(value)]

        jobs = [int(j) for j in args.jobs.split(",") if j]
        if 1 in jobs:
            turns_rounds = args.turns_rounds or args.rounds
            pin = not args.no_pin
            in_turns(folders["all"], Path(tmp), len(files), turns_rounds, control=False, save=args.save, pin=pin)
            if args.control:
                in_turns(folders["all"], Path(tmp), len(files), turns_rounds, control=True, save=args.save, pin=pin)
        n = len(files) - FEW
        runs = [("--jobs", j) for j in jobs if j != 1 or args.sequential]
        runs += [("--dask-workers", int(w)) for w in args.dask.split(",") if w]
        if runs:
            print(f"\nwhole processes one after the other: {len(files)} tbaq-cleaned texts, figures past start-up "
                  f"(a run on the first {FEW} taken off), {args.rounds} paired rounds")
        first_output = None
        for option, value in runs:
            wall_ratios, cpu_ratios, rates, base_rates, cpus, base_cpus = [], [], [], [], [], []
            for r in range(args.rounds):
                figures = {}
                for side in (("alone", "extract") if r % 2 == 0 else ("extract", "alone")):
                    out = {}
                    for label in ("few", "all"):
                        cmd = alone_cmd(label) if side == "alone" else extract_cmd(label, option, value, f"r{r}")
                        out[label] = timed_run(cmd)
                    figures[side] = out
                    if side == "extract":
                        target = Path(tmp) / f"r{r}-all{option}-{value}.jsonl"
                        data = target.read_bytes()
                        lines = data.count(b"\n")
                        if lines != len(files):
                            raise SystemExit(f"{target}: {lines} lines for {len(files)} texts")
                        if first_output is None:
                            first_output = data
                        elif data != first_output:
                            print(f"  OUTPUT DIFFERS from the first run ({option} {value}, round {r + 1})")
                        again = timed_run(extract_cmd("all", option, value, f"r{r}"))
                        if r == 0:
                            skipped = again[2].stderr.strip().splitlines()[-1]
                            print(f"  {option} {value}, second run on the same output: {skipped} ({again[0]:.1f} s)")
                a_wall = (figures["alone"]["all"][0] - figures["alone"]["few"][0]) / n
                a_cpu = (figures["alone"]["all"][1] - figures["alone"]["few"][1]) / n
                e_wall = (figures["extract"]["all"][0] - figures["extract"]["few"][0]) / n
                e_cpu = (figures["extract"]["all"][1] - figures["extract"]["few"][1]) / n
                wall_ratios.append(a_wall / e_wall)
                cpu_ratios.append(a_cpu / e_cpu)
                rates.append(1 / e_wall)
                base_rates.append(1 / a_wall)
                cpus.append(1 / e_cpu)
                base_cpus.append(1 / a_cpu)
            med = statistics.median
            print(f"extract {option} {value}: {med(rates):5.1f} docs/s against spaCy alone {med(base_rates):5.1f} "
                  f"= {med(wall_ratios):4.2f} x wall (rounds {', '.join(f'{x:.2f}' for x in wall_ratios)}); "
                  f"{med(cpus):5.2f} docs per CPU-second against {med(base_cpus):5.2f} = "
                  f"{med(cpu_ratios):4.2f} x CPU (rounds {', '.join(f'{x:.2f}' for x in cpu_ratios)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
