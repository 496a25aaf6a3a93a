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


def spacy_alone(folder: Path) -> int:
    """The baseline process: the app's model without timeline_dates, nlp.pipe over the folder's texts."""
    from timeline_app.core.component import NAME
    from timeline_app.core.nlp import load_model

    nlp = load_model()
    files = sorted(folder.glob("*.txt"))
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=[NAME]):
        n = sum(1 for _ in nlp.pipe((f.read_text(encoding="utf-8") for f in files), batch_size=BATCH))
    print(f"{n} documents parsed in {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    return 0


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
    args = ap.parse_args()
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

        n = len(files) - FEW
        runs = [("--jobs", int(j)) for j in args.jobs.split(",") if j]
        runs += [("--dask-workers", int(w)) for w in args.dask.split(",") if w]
        print(f"\nwhole processes: {len(files)} tbaq-cleaned texts, figures past start-up (a run on the first "
              f"{FEW} taken off), {args.rounds} paired rounds")
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
