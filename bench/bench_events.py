"""The events pass (`core.events.find_events`) on texts parsed and dated once: this code against
the code of a baseline commit, in the same run, with the spaCy parse of the same texts as a scale.

The baseline's events pass is read from git (`git show REV:timeline_app/core/events.py`, and the
modules of the pass it imports: words, entities, mentions, quotes) and imported under other names
(it uses this checkout's other modules: the date tagger, the model). spaCy's pipes and the date
tagger run once per text, before any timing; then each round runs every document through the baseline and
this code, one right after the other, in turns (the machine may be shared). Printed: the best round of each in ms per document, their
ratio, each against the parse, and whether the two give the same events (every event's JSON).

    .venv/bin/python bench/bench_events.py [--corpus tbaq-cleaned] [--docs 96] [--rounds 5]
                                           [--baseline 39f15b3] [--profile 30]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from parsed_corpus import parsed_corpus  # noqa: E402
from revisions import module_at  # noqa: E402

_CACHES = ("timeline_app.ents",)  # set by the events pass; the tagger's text cache stays, as in a real pass


#: The modules of the events pass, each after those it imports.
_PASS = ("words", "entities", "mentions", "quotes", "events")


def baseline_module(rev: str):
    """`core/events.py` as it was at `rev`, with the modules of the pass as they were then,
    imported under other names."""
    imports: dict[str, str] = {}
    module = None
    for name in _PASS:
        path = f"timeline_app/core/{name}.py"
        try:
            module = module_at(rev, path, f"baseline_{name}", imports)
        except subprocess.CalledProcessError:  # (not there yet at `rev`)
            continue
        imports[f"timeline_app.core.{name}"] = f"baseline_{name}"
    return module


def run(find_events, docs) -> tuple[float, list]:
    out = []
    t0 = time.process_time()
    for doc, timexes in docs:
        for cache in _CACHES:
            doc.user_data.pop(cache, None)
        out.append(find_events(doc, timexes))
    return time.process_time() - t0, out


def paired(old, new, docs, first_old: bool) -> tuple[float, float, list, list]:
    """One round: each document through both, one after the other (the machine is shared: what
    slows one slows the other), which first alternating by document."""
    t_old = t_new = 0.0
    out_old, out_new = [], []
    for k, item in enumerate(docs):
        order = ((old, out_old), (new, out_new)) if (k % 2 == 0) == first_old else ((new, out_new), (old, out_old))
        for fn, out in order:
            spent, got = run(fn, [item])
            out.extend(got)
            if fn is old:
                t_old += spent
            else:
                t_new += spent
    return t_old, t_new, out_old, out_new


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="tbaq-cleaned", help="a folder of ../shared/corpora")
    ap.add_argument("--docs", type=int, default=96)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--baseline", default="39f15b3", help="git revision to compare with")
    ap.add_argument("--profile", type=int, default=0, help="list this many cProfile lines of this code")
    args = ap.parse_args()

    from timeline_app.core import events
    from timeline_app.core.dates.tagger import tag_timexes
    from timeline_app.core.quotes import redate_quoted

    if (read := parsed_corpus(args.corpus, args.docs)) is None:
        return 2
    parsed, parse = read
    docs = []
    for doc, dct in parsed:  # what `component.annotate` does before the events pass
        doc.user_data["publication_date"] = dct
        doc.user_data["anchoring"] = "auto"
        docs.append((doc, redate_quoted(doc, tag_timexes(doc, dct, "auto"))))
    n = len(docs)
    old = baseline_module(args.baseline)
    best_old = best_new = float("inf")
    same = True
    for k in range(args.rounds):
        t_old, t_new, out_old, out_new = paired(old.find_events, events.find_events, docs, k % 2 == 0)
        best_old, best_new = min(best_old, t_old), min(best_new, t_new)
        same = same and [[e.to_dict() for e in d] for d in out_old] == [[e.to_dict() for e in d] for d in out_new]
    count = sum(len(d) for d in out_new)
    ms = 1000 / n
    print(f"{n} documents of {args.corpus}, {sum(len(d) for d, _ in docs)} tokens, {count} events; "
          f"best of {args.rounds} alternating rounds")
    print(f"spaCy parse (once):      {parse * ms:7.2f} ms/doc")
    print(f"events, {args.baseline:>8s}:      {best_old * ms:7.2f} ms/doc ({best_old / parse:.3f}x the parse)")
    print(f"events, this code:       {best_new * ms:7.2f} ms/doc ({best_new / parse:.3f}x the parse)")
    print(f"ratio this/baseline: {best_new / best_old:.2f}; same events: {same}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        run(events.find_events, docs)
        profile.disable()
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(args.profile)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
