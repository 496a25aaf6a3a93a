"""Extraction overhead: time per document of the extractor vs the spaCy pipeline alone.

Same model, same enabled components, same texts (the sample article and the first 100
texts of ../shared/corpora/tbaq-cleaned/text), interleaved rounds so machine noise hits
both sides alike. Prints medians and the ratio extractor / spaCy, in wall-clock time and in this
process's CPU time (best round; the figure to read on a machine other processes share).

    .venv/bin/python bench/bench_extract.py [--docs 100] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "tbaq-cleaned" / "text"


def load_texts(n: int) -> list[tuple[str, str | None]]:
    from timeline_app.core.document import read_document

    texts = [(read_document(ROOT / "seeds" / "000_5c7e1887aa53ff4b.txt")[0], None)]
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.txt"))[:n]:
            dct = path.with_suffix(".dct").read_text().strip()[:10]
            texts.append((path.read_text(encoding="utf-8"), dct))
    else:
        print(f"note: {CORPUS} not found; measuring the sample article only", file=sys.stderr)
    return texts


def main() -> int:
    import datetime as dt

    from timeline_app.core.nlp import load_model
    from timeline_app.core.pipeline import extract

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-full", action="store_true", help="skip the full-pipeline comparison (a third of the time)")
    args = ap.parse_args()

    nlp = load_model()
    import spacy

    from timeline_app.core.component import NAME


    full = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])  # every component enabled
    texts = load_texts(args.docs)
    dates = [dt.date.fromisoformat(d) if d else None for _, d in texts]
    for text, _ in texts[:5]:  # warm up both paths
        nlp.make_doc(text)
        extract(text, nlp=nlp)
    # wall-clock and CPU time of this process: on a shared machine the wall clock also counts the
    # time other processes hold the cores, the CPU time does not
    spacy_times, extract_times, full_times = [], [], []
    spacy_cpu, extract_cpu = [], []
    for _ in range(args.rounds):
        tf = time.perf_counter()
        for text, _ in texts if not args.no_full else ():
            full(text)
        t0, c0 = time.perf_counter(), time.process_time()
        full_times.append((t0 - tf) / len(texts))
        with nlp.select_pipes(disable=[NAME]):
            for text, _ in texts:
                nlp(text)
        t1, c1 = time.perf_counter(), time.process_time()
        for (text, _), day in zip(texts, dates):
            extract(text, day, nlp=nlp)
        t2, c2 = time.perf_counter(), time.process_time()
        spacy_times.append((t1 - t0) / len(texts))
        extract_times.append((t2 - t1) / len(texts))
        spacy_cpu.append((c1 - c0) / len(texts))
        extract_cpu.append((c2 - c1) / len(texts))
    s, e = statistics.median(spacy_times), statistics.median(extract_times)
    sc, ec = min(spacy_cpu), min(extract_cpu)
    print(f"model: {nlp.meta['name']} {nlp.meta['version']}, components: {', '.join(nlp.pipe_names)} "
          f"(spaCy alone: without {NAME})")
    print(f"documents: {len(texts)} (sample + {len(texts) - 1} tbaq-cleaned), rounds: {args.rounds}")
    print(f"spaCy pipeline alone: {1000 * s:7.2f} ms/doc (median of rounds), CPU {1000 * sc:7.2f} ms/doc (best)")
    print(f"extractor (all):      {1000 * e:7.2f} ms/doc,                    CPU {1000 * ec:7.2f} ms/doc")
    print(f"ratio extractor / spaCy same components: {e / s:.3f} (CPU time: {ec / sc:.3f})")
    if not args.no_full:
        f = statistics.median(full_times)
        print(f"spaCy full pipeline:  {1000 * f:7.2f} ms/doc ({', '.join(full.pipe_names)})")
        print(f"ratio extractor / spaCy full pipeline:   {e / f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
