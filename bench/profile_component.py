"""Where the `timeline_dates` component spends its time, in ms per document, on texts parsed once.

    .venv/bin/python bench/profile_component.py [--corpus tbaq-cleaned] [--docs 96] [--rounds 3]
                                                [--rules 12] [--functions 25]

spaCy's own pipes run once, before any timing; then each round times, per document, the whole
component (`component.annotate`) and its parts: the rule scan (`engine.find_candidates`),
the rest of the date tagger (resolution and anchoring), the quoted-text redating and the events.
Then the rules' scan: the one pass that finds where the rules may begin, each rule's own matching
there (and its prescan), and the functions that cost most under cProfile.
The figures are the best round of each (the machine is shared); compare runs of the same checkout
only by the shares and by runs made back to back.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from parsed_corpus import parsed_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="tbaq-cleaned", help="a folder of ../shared/corpora")
    ap.add_argument("--docs", type=int, default=96)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rules", type=int, default=12, help="how many of the costliest rules to list")
    ap.add_argument("--functions", type=int, default=25, help="how many cProfile lines to list")
    args = ap.parse_args()

    from timeline_app.core import component, events, quotes
    from timeline_app.core.dates import engine, tagger
    from timeline_app.core.dates.registry import RULES

    if (read := parsed_corpus(args.corpus, args.docs)) is None:
        return 2
    docs = read[0]
    n = len(docs)
    print(f"{n} documents of {args.corpus}, {sum(len(d) for d, _ in docs)} tokens")

    spent: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
        return wrapper

    originals = (tagger.find_candidates, tagger.tag_timexes, quotes.redate_quoted, events.find_events)
    tagger.find_candidates = timed("rule scan", originals[0])
    tagger.tag_timexes = timed("date tagger (all)", originals[1])  # the component imports it per call
    quotes.redate_quoted = timed("quoted redating", originals[2])
    events.find_events = timed("events", originals[3])
    best: dict[str, float] = {}
    try:
        for _ in range(args.rounds):
            spent.clear()
            t0 = time.perf_counter()
            for doc, dct in docs:
                component.annotate(doc, dct)
            spent["component (all)"] = time.perf_counter() - t0
            for k, v in spent.items():
                best[k] = min(best.get(k, v), v)
    finally:
        tagger.find_candidates, tagger.tag_timexes, quotes.redate_quoted, events.find_events = originals
    best["date tagger, past the scan"] = best["date tagger (all)"] - best["rule scan"]
    for name in ("component (all)", "date tagger (all)", "rule scan", "date tagger, past the scan",
                 "quoted redating", "events"):
        print(f"  {name:30s} {1000 * best[name] / n:7.2f} ms/doc")

    texts = [tagger.doc_text(doc) for doc, _ in docs]
    starts = engine.rule_starts(RULES)
    lowered = [engine.lowered_for_gates(text) for text in texts]
    shared = float("inf")
    for _ in range(args.rounds):
        t = time.perf_counter()
        places = [starts.places(text, low) if low is not None else None for text, low in zip(texts, lowered)]
        shared = min(shared, time.perf_counter() - t)
    per_rule = {rule.name: float("inf") for rule in RULES}
    for _ in range(args.rounds):
        prescans = [engine.Prescan(text) for text in texts]  # one per text, shared by its rules
        for index, rule in enumerate(RULES):
            t = time.perf_counter()
            for text, where, prescan in zip(texts, places, prescans):
                if where is not None and starts.keyed[index]:  # as engine.find_candidates does
                    found = engine.matches_at(rule.pattern, text, where[index])
                    if found:
                        prescan.may_match(rule, found[0].start())
                elif prescan.may_match(rule):
                    for _m in engine.scanning_pattern(rule.pattern).finditer(text):
                        pass
            per_rule[rule.name] = min(per_rule[rule.name], time.perf_counter() - t)
    print(f"the rules' scan: where they may begin, one pass for all (dates/starts.py) {1000 * shared / n:.2f} "
          f"ms/doc; then each rule at its places (and its prescan where it matched), all {len(RULES)}: "
          f"{1000 * sum(per_rule.values()) / n:.2f} ms/doc, the {args.rules} costliest:")
    for name, s in sorted(per_rule.items(), key=lambda kv: -kv[1])[: args.rules]:
        print(f"  {name:30s} {1000 * s / n:7.2f} ms/doc")

    profile = cProfile.Profile()
    profile.enable()
    for doc, dct in docs:
        component.annotate(doc, dct)
    profile.disable()
    print(f"cProfile, one pass ({args.functions} costliest by own time):")
    pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(args.functions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
